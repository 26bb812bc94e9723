/**
 * Property tests (fast-check): invariants every bill must keep, whatever the input.
 * Each property could fail: a sign error, a tier gap, a wrong rate, a silent $0 would break it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Architecture, FargateOs, LambdaUsage } from "./types";
import { computeLambdaBill } from "./lambda";
import { computeFargateBill, listFargateTaskSizes } from "./fargate";
import { computeAlbBill, computeApiGatewayBill } from "./front-door";
import { PricingInputError } from "./errors";
import { DEFAULT_PRICE_BOOK, listPriceRegions } from "./default-price-book";
import type { PriceBook } from "./price-book";

const architectureArbitrary = fc.constantFrom<Architecture>("x86_64", "arm64");

const lambdaUsageArbitrary: fc.Arbitrary<LambdaUsage> = fc.record({
  region: fc.constant("us-east-1"),
  architecture: architectureArbitrary,
  memoryMb: fc.integer({ min: 128, max: 10_240 }),
  requestsPerMonth: fc.double({ min: 0, max: 1e11, noNaN: true }),
  durationMs: fc.double({ min: 0, max: 900_000, noNaN: true }),
  ephemeralStorageMb: fc.integer({ min: 512, max: 10_240 }),
  isFreeTierApplied: fc.boolean(),
  init: fc.option(
    fc.record({
      coldStartsPerMonth: fc.constant(0),
      initDurationMs: fc.double({ min: 0, max: 10_000, noNaN: true }),
    }),
    { nil: undefined },
  ),
});

function total(bill: { totalUsd: number | null }): number {
  if (bill.totalUsd === null) throw new Error("unexpected unknown total");
  return bill.totalUsd;
}

describe("Lambda bill invariants", () => {
  it("costs are never negative, never NaN", () => {
    fc.assert(
      fc.property(lambdaUsageArbitrary, (usage) => {
        const bill = computeLambdaBill(usage);
        expect(total(bill)).toBeGreaterThanOrEqual(0);
        for (const line of bill.lines) {
          expect(Number.isFinite(line.quantity)).toBe(true);
          expect(line.quantity).toBeGreaterThanOrEqual(0);
          expect(line.costUsd ?? 0).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("is monotone non-decreasing in requests", () => {
    fc.assert(
      fc.property(
        lambdaUsageArbitrary,
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        (usage, extraRequests) => {
          const more = { ...usage, requestsPerMonth: usage.requestsPerMonth + extraRequests };
          expect(total(computeLambdaBill(more))).toBeGreaterThanOrEqual(
            total(computeLambdaBill(usage)) * (1 - 1e-12),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("is monotone non-decreasing in duration", () => {
    fc.assert(
      fc.property(
        lambdaUsageArbitrary,
        fc.double({ min: 0, max: 100_000, noNaN: true }),
        (usage, extraMs) => {
          const longer = { ...usage, durationMs: Math.min(900_000, usage.durationMs + extraMs) };
          expect(total(computeLambdaBill(longer))).toBeGreaterThanOrEqual(
            total(computeLambdaBill(usage)) * (1 - 1e-12),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("arm64 is never dearer than x86_64 for the same GB-seconds", () => {
    fc.assert(
      fc.property(lambdaUsageArbitrary, (usage) => {
        const x86 = computeLambdaBill({ ...usage, architecture: "x86_64" });
        const arm = computeLambdaBill({ ...usage, architecture: "arm64" });
        expect(total(arm)).toBeLessThanOrEqual(total(x86) * (1 + 1e-12));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    // [architecture, tier threshold in GB-s, free tier]
    ["x86_64", 6e9, false],
    ["x86_64", 15e9, false],
    ["arm64", 7.5e9, false],
    ["arm64", 18.75e9, true],
    ["x86_64", 400_000, true],
  ] as const)(
    "tiers are continuous at %s %d GB-s (free tier %s)",
    (architecture, thresholdGbSeconds, isFreeTierApplied) => {
      // 1 GB × 1,000 ms per request: requests = GB-s. One GB-s either side differs by at most one GB-s at
      // the dearer rate plus one request, never by a jump.
      const at = (gbSeconds: number) =>
        total(
          computeLambdaBill({
            region: "us-east-1",
            architecture,
            memoryMb: 1024,
            durationMs: 1000,
            requestsPerMonth: gbSeconds,
            isFreeTierApplied,
          }),
        );
      const below = at(thresholdGbSeconds - 1);
      const above = at(thresholdGbSeconds + 1);
      expect(above).toBeGreaterThanOrEqual(below);
      expect(above - below).toBeLessThan(2 * (0.0000166667 + 0.0000002) + 1e-6);
    },
  );

  it("account share: an account of just this function bills like the function alone; a bigger account never costs more without free tier", () => {
    fc.assert(
      fc.property(
        lambdaUsageArbitrary,
        fc.double({ min: 1, max: 1000, noNaN: true }),
        (generated, accountMultiple) => {
          const usage = {
            ...generated,
            requestsPerMonth: Math.min(generated.requestsPerMonth, 1e9),
            init: undefined,
          };
          const gbSeconds =
            (usage.requestsPerMonth * Math.ceil(usage.durationMs - 1e-9) * usage.memoryMb) / 1024 / 1000;
          const alone = total(computeLambdaBill(usage));
          const sameAccount = total(
            computeLambdaBill({
              ...usage,
              accountUsage: { gbSecondsPerMonth: gbSeconds, requestsPerMonth: usage.requestsPerMonth },
            }),
          );
          expect(sameAccount).toBeCloseTo(alone, 6);
          const bigger = {
            gbSecondsPerMonth: gbSeconds * accountMultiple,
            requestsPerMonth: usage.requestsPerMonth * accountMultiple,
          };
          const shareNoFree = total(
            computeLambdaBill({ ...usage, isFreeTierApplied: false, accountUsage: bigger }),
          );
          const aloneNoFree = total(computeLambdaBill({ ...usage, isFreeTierApplied: false }));
          expect(shareNoFree).toBeLessThanOrEqual(aloneNoFree * (1 + 1e-9) + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Fargate bill invariants", () => {
  const sizeArbitrary = fc
    .constantFrom<[FargateOs, Architecture]>(["linux", "x86_64"], ["linux", "arm64"], ["windows", "x86_64"])
    .chain(([os, architecture]) =>
      fc.record({
        os: fc.constant(os),
        architecture: fc.constant(architecture),
        size: fc.constantFrom(...listFargateTaskSizes(os, architecture)),
      }),
    );

  it("never negative, monotone in run time and tasks, arm64 never dearer than x86_64", () => {
    fc.assert(
      fc.property(
        sizeArbitrary,
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 3600, noNaN: true }),
        fc.integer({ min: 0, max: 700 }),
        (sized, tasks, runSeconds, runsPerTask) => {
          const usage = {
            region: "us-east-1",
            os: sized.os,
            architecture: sized.architecture,
            vcpu: sized.size.vcpu,
            memoryGb: sized.size.memoryGb,
            tasks,
            runSeconds,
            runsPerTask,
          };
          const bill = computeFargateBill(usage);
          expect(total(bill)).toBeGreaterThanOrEqual(0);
          expect(total(computeFargateBill({ ...usage, tasks: tasks + 1 }))).toBeGreaterThanOrEqual(
            total(bill),
          );
          expect(total(computeFargateBill({ ...usage, runSeconds: runSeconds + 30 }))).toBeGreaterThanOrEqual(
            total(bill),
          );
          if (sized.os === "linux" && sized.size.vcpu <= 16) {
            const x86 = computeFargateBill({ ...usage, architecture: "x86_64" });
            const arm = computeFargateBill({ ...usage, architecture: "arm64" });
            expect(total(arm)).toBeLessThanOrEqual(total(x86));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects every CPU/memory combination AWS does not offer", () => {
    const valid = new Set(
      listFargateTaskSizes("linux", "x86_64").map((size) => `${size.vcpu}/${size.memoryGb}`),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(0.25, 0.5, 1, 2, 4, 8, 16, 32, 3, 0.75),
        fc.constantFrom(0.5, 1, 1.5, 2, 3, 4, 5, 8, 9, 16, 17, 20, 30, 31, 60, 64, 120, 128, 244),
        (vcpu, memoryGb) => {
          const usage = {
            region: "us-east-1",
            os: "linux" as const,
            architecture: "x86_64" as const,
            vcpu,
            memoryGb,
            tasks: 1,
            runSeconds: 60,
            runsPerTask: 1,
          };
          if (valid.has(`${vcpu}/${memoryGb}`)) {
            expect(computeFargateBill(usage).totalUsd).toBeGreaterThan(0);
          } else {
            expect(() => computeFargateBill(usage)).toThrow(PricingInputError);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("front door invariants", () => {
  it("API Gateway and ALB costs are non-negative and monotone in requests", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("http", "rest" as const),
        fc.double({ min: 0, max: 5e10, noNaN: true }),
        fc.double({ min: 0, max: 1e10, noNaN: true }),
        (api, requestsPerMonth, extra) => {
          const less = total(computeApiGatewayBill({ region: "us-east-1", api, requestsPerMonth }));
          const more = total(
            computeApiGatewayBill({ region: "us-east-1", api, requestsPerMonth: requestsPerMonth + extra }),
          );
          expect(less).toBeGreaterThanOrEqual(0);
          expect(more).toBeGreaterThanOrEqual(less * (1 - 1e-12));
          const alb = (requests: number) =>
            total(
              computeAlbBill({
                region: "us-east-1",
                requestsPerMonth: requests,
                targetType: "lambda",
                bytesPerRequest: 3000,
                rules: 15,
                newConnectionsPerRequest: 0.2,
                connectionSeconds: 20,
              }),
            );
          expect(alb(requestsPerMonth + extra)).toBeGreaterThanOrEqual(alb(requestsPerMonth));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("unknown rates", () => {
  it("a region missing a rate gives a null total and names the rate — never 0", () => {
    // Remove one random rate from us-east-1 in a copy of the book: any bill that needs it must go null.
    const keys = Object.keys(
      DEFAULT_PRICE_BOOK.regions["us-east-1"]!.rates,
    ) as (keyof PriceBook["regions"][string]["rates"])[];
    fc.assert(
      fc.property(fc.constantFrom(...keys.filter((key) => key.startsWith("lambda.x86_64."))), (key) => {
        const rates = { ...DEFAULT_PRICE_BOOK.regions["us-east-1"]!.rates };
        delete rates[key];
        const book: PriceBook = {
          ...DEFAULT_PRICE_BOOK,
          regions: { ...DEFAULT_PRICE_BOOK.regions, "us-east-1": { name: "US East (N. Virginia)", rates } },
        };
        const bill = computeLambdaBill(
          {
            region: "us-east-1",
            architecture: "x86_64",
            memoryMb: 1024,
            requestsPerMonth: 20e9,
            durationMs: 1000,
            ephemeralStorageMb: 1024,
            isFreeTierApplied: true,
            provisionedConcurrency: { count: 1, hoursPerMonth: 1, requests: 1, durationMs: 10 },
            snapStart: { cacheHoursPerMonth: 5, restoresPerMonth: 5 },
            streaming: { billableGbPerMonth: 500 },
          },
          book,
        );
        expect(bill.totalUsd).toBeNull();
        expect(bill.unknownRates).toHaveLength(1);
        expect(bill.lines.filter((line) => line.costUsd === null).every((line) => line.rateKey === key)).toBe(
          true,
        );
      }),
    );
  });

  it("every region in the book prices a basic Lambda bill (requests + duration are known everywhere)", () => {
    expect(listPriceRegions().length).toBeGreaterThanOrEqual(9);
    for (const region of listPriceRegions()) {
      const bill = computeLambdaBill({
        region,
        architecture: "arm64",
        memoryMb: 512,
        requestsPerMonth: 1e6,
        durationMs: 50,
        isFreeTierApplied: false,
      });
      expect(bill.totalUsd).toBeGreaterThan(0);
    }
  });
});
