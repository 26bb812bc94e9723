import { describe, expect, it } from "vitest";
import type { LambdaUsage } from "./types";
import { computeLambdaBill, computeProvisionedBilledSeconds, computeStreamingBillableGb } from "./lambda";
import { PricingInputError } from "./errors";

const base: LambdaUsage = {
  region: "us-east-1",
  architecture: "x86_64",
  memoryMb: 1536,
  requestsPerMonth: 3_000_000,
  durationMs: 120,
  isFreeTierApplied: true,
};

function lineCost(bill: ReturnType<typeof computeLambdaBill>, component: string): number {
  return bill.lines
    .filter((line) => line.component === component)
    .reduce((sum, line) => sum + (line.costUsd ?? Number.NaN), 0);
}

// Golden vectors: the worked examples of https://aws.amazon.com/lambda/pricing/ (page copy ≥ 2026-07,
// read 2026-11-01; docs/aws-facts.md §1.8). us-east-1 list prices.
describe("computeLambdaBill reproduces the Lambda pricing page examples to the cent", () => {
  it("L-1 mobile backend: $2.73", () => {
    // Compute: 3M × 0.120 s × 1.5 GB = 540,000 GB-s − 400,000 free = 140,000 × $0.0000166667 = $2.333338
    // Requests: (3M − 1M free) × $0.0000002 = $0.40.  Total $2.733338 → $2.73
    const bill = computeLambdaBill(base);
    expect(lineCost(bill, "duration")).toBeCloseTo(2.333338, 6);
    expect(lineCost(bill, "requests")).toBeCloseTo(0.4, 6);
    expect(bill.totalUsd).toBeCloseTo(2.73, 2);
    expect(bill.unknownRates).toEqual([]);
    expect(bill.priceVersion).toBe("aws-prices-2026-11-01");
  });

  it("L-3 NLP with 2,048 MB ephemeral storage: $106.41", () => {
    // Compute: 6M × 0.280 s × 4 GB = 6,720,000 − 400,000 = 6,320,000 GB-s × $0.0000166667 = $105.333544
    // Requests: 5M × $0.0000002 = $1.00
    // Storage: (2,048 − 512)/1,024 = 1.5 GB × 1,680,000 s = 2,520,000 GB-s × $0.0000000309 = $0.077868
    // Total $106.411412 → $106.41
    const bill = computeLambdaBill({
      ...base,
      memoryMb: 4096,
      requestsPerMonth: 6_000_000,
      durationMs: 280,
      ephemeralStorageMb: 2048,
    });
    expect(lineCost(bill, "duration")).toBeCloseTo(105.333544, 6);
    expect(lineCost(bill, "requests")).toBeCloseTo(1, 6);
    expect(lineCost(bill, "ephemeral-storage")).toBeCloseTo(0.077868, 6);
    expect(bill.totalUsd).toBeCloseTo(106.41, 2);
  });

  it("PC-1 launch day with provisioned concurrency: $19.96", () => {
    // PC: 100 × 1.5 GB × 28,800 s = 4,320,000 GB-s × $0.0000041667 = $18.000144
    // Requests: (3M − 1M) × $0.0000002 = $0.40
    // On PC: 500,000 × 0.1 s × 1.5 GB = 75,000 GB-s × $0.0000097222 = $0.729165
    // On demand: 2.5M × 0.12 s × 1.5 GB = 450,000 − 400,000 free = 50,000 × $0.0000166667 = $0.833335
    // Total $19.962644 → $19.96 (free tier on requests and on-demand duration only, as the page does)
    const bill = computeLambdaBill({
      ...base,
      provisionedConcurrency: { count: 100, hoursPerMonth: 8, requests: 500_000, durationMs: 100 },
    });
    expect(lineCost(bill, "provisioned-concurrency")).toBeCloseTo(18.000144, 6);
    expect(lineCost(bill, "provisioned-duration")).toBeCloseTo(0.729165, 6);
    expect(lineCost(bill, "duration")).toBeCloseTo(0.833335, 6);
    expect(lineCost(bill, "requests")).toBeCloseTo(0.4, 6);
    expect(bill.totalUsd).toBeCloseTo(19.96, 2);
  });

  it("ST-1 response streaming: $39.04 (page sums rounded parts; exact total $39.0459)", () => {
    // Compute: 3M × 0.5 s × 1.5 GB = 2,250,000 − 400,000 = 1,850,000 × $0.0000166667 = $30.833395
    // Requests: $0.40.  Streaming: 1M × (7 − 6) MB = 976.5625 GB × $0.008 = $7.8125 (streaming free tier used up)
    // Page: $30.83 + $0.40 + $7.81 = $39.04; exact sum $39.045895 — within the one-cent rounding allowance.
    const billableGb = computeStreamingBillableGb([
      { count: 2_000_000, sizeMb: 100 / 1024 },
      { count: 1_000_000, sizeMb: 7 },
    ]);
    expect(billableGb).toBeCloseTo(976.5625, 9);
    const bill = computeLambdaBill({
      ...base,
      durationMs: 500,
      streaming: { billableGbPerMonth: billableGb, isFreeTierUsed: true },
    });
    expect(lineCost(bill, "duration")).toBeCloseTo(30.833395, 6);
    expect(lineCost(bill, "streaming")).toBeCloseTo(7.8125, 9);
    expect(Math.abs((bill.totalUsd ?? 0) - 39.04)).toBeLessThanOrEqual(0.01);
  });
});

describe("computeLambdaBill rules", () => {
  it.each([
    // [case, usage patch, expected total USD, the maths]
    [
      "no free tier",
      { isFreeTierApplied: false },
      3 * 0.2 + 540_000 * 0.0000166667,
      "3M × $0.0000002 + 540,000 GB-s × $0.0000166667 = $9.600018",
    ],
    [
      "arm64 is cheaper per GB-s",
      { architecture: "arm64" },
      0.4 + 140_000 * 0.0000133334,
      "$0.40 + 140,000 × $0.0000133334 = $2.266676",
    ],
    [
      "durations round up to whole ms",
      { durationMs: 119.2 },
      0.4 + 140_000 * 0.0000166667,
      "119.2 ms bills as 120 ms → same as L-1, $2.733338",
    ],
    ["zero requests cost nothing", { requestsPerMonth: 0 }, 0, "0 requests → $0 (rates known)"],
  ] as const)("%s", (_name, patch, expectedUsd, _maths) => {
    const bill = computeLambdaBill({ ...base, ...patch });
    expect(bill.totalUsd).toBeCloseTo(expectedUsd, 9);
  });

  it("tiers: 7B GB-s/month on x86 bills 6B at tier 1 and 1B at tier 2", () => {
    // 7e9 GB-s without free tier: 6e9 × $0.0000166667 + 1e9 × $0.000015 = $100,000.2 + $15,000 = $115,000.2
    const requestsPerMonth = 7e9 / 1; // 1 GB × 1 s each
    const bill = computeLambdaBill({
      ...base,
      memoryMb: 1024,
      durationMs: 1000,
      requestsPerMonth,
      isFreeTierApplied: false,
    });
    expect(lineCost(bill, "duration")).toBeCloseTo(6e9 * 0.0000166667 + 1e9 * 0.000015, 4);
    expect(bill.lines.map((line) => line.item)).toContain("Duration (tier 2, 6B–15B GB-s)");
  });

  it("tiers for arm64 start later: 7B GB-s stays in tier 1", () => {
    const bill = computeLambdaBill({
      ...base,
      architecture: "arm64",
      memoryMb: 1024,
      durationMs: 1000,
      requestsPerMonth: 7e9,
      isFreeTierApplied: false,
    });
    // 7e9 × $0.0000133334 = $93,333.8
    expect(lineCost(bill, "duration")).toBeCloseTo(7e9 * 0.0000133334, 3);
  });

  it("account share: tiers and free tier on the account total, the function pays its share", () => {
    // Account: 16B GB-s x86, no free tier → 6e9 × 0.0000166667 + 9e9 × 0.000015 + 1e9 × 0.0000133334
    //   = 100,000.2 + 135,000 + 13,333.4 = $248,333.6; function has 540,000 GB-s = 540,000/16e9 of it.
    const accountGbSeconds = 16e9;
    const bill = computeLambdaBill({
      ...base,
      isFreeTierApplied: false,
      accountUsage: { gbSecondsPerMonth: accountGbSeconds, requestsPerMonth: 1e9 },
    });
    const accountDurationUsd = 6e9 * 0.0000166667 + 9e9 * 0.000015 + 1e9 * 0.0000133334;
    expect(lineCost(bill, "duration")).toBeCloseTo((accountDurationUsd * 540_000) / accountGbSeconds, 9);
    // Requests: no tiers, share of (1e9 × $0.0000002) = 3M × $0.0000002 = $0.60
    expect(lineCost(bill, "requests")).toBeCloseTo(0.6, 9);
  });

  it("account share: the free tier is shared pro rata", () => {
    // Account 1,080,000 GB-s (this function is half) → (1,080,000 − 400,000) × $0.0000166667 / 2 = $5.6666780
    // Requests: account 6M → (6M − 1M) × $0.0000002 / 2 = $0.50
    const bill = computeLambdaBill({
      ...base,
      accountUsage: { gbSecondsPerMonth: 1_080_000, requestsPerMonth: 6_000_000 },
    });
    expect(lineCost(bill, "duration")).toBeCloseTo((680_000 * 0.0000166667) / 2, 9);
    expect(lineCost(bill, "requests")).toBeCloseTo(0.5, 9);
  });

  it("account usage below the function's own usage is refused", () => {
    expect(() =>
      computeLambdaBill({ ...base, accountUsage: { gbSecondsPerMonth: 1000, requestsPerMonth: 3e6 } }),
    ).toThrow(PricingInputError);
  });

  it("INIT of cold starts is its own line, at the duration rate, in the same tier pool", () => {
    // 30,000 cold starts × 500 ms × 1.5 GB = 22,500 GB-s; pool 540,000 + 22,500 = 562,500 − 400,000 free
    // = 162,500 GB-s × $0.0000166667 = $2.70833875, split 540/562.5 duration, 22.5/562.5 INIT.
    const bill = computeLambdaBill({ ...base, init: { coldStartsPerMonth: 30_000, initDurationMs: 500 } });
    const initUsd = lineCost(bill, "init");
    const durationUsd = lineCost(bill, "duration");
    expect(initUsd + durationUsd).toBeCloseTo(162_500 * 0.0000166667, 9);
    expect(initUsd).toBeCloseTo((162_500 * 0.0000166667 * 22_500) / 562_500, 9);
    expect(bill.lines.find((line) => line.component === "init")?.item).toMatch(/^INIT duration/);
  });

  it("provisioned concurrency bills in 5-minute steps", () => {
    // 1 h 1 min → 1 h 5 min = 3,900 s; 1 × 1.5 GB × 3,900 s = 5,850 GB-s × $0.0000041667 = $0.02437520
    expect(computeProvisionedBilledSeconds(1 + 1 / 60)).toBe(3900);
    expect(computeProvisionedBilledSeconds(8)).toBe(28_800);
    const bill = computeLambdaBill({
      ...base,
      provisionedConcurrency: { count: 1, hoursPerMonth: 1 + 1 / 60, requests: 0, durationMs: 0 },
    });
    expect(lineCost(bill, "provisioned-concurrency")).toBeCloseTo(5850 * 0.0000041667, 12);
  });

  it("provisioned requests beyond capacity are refused", () => {
    // 1 environment for 1 h = 3,600 s but 100,000 × 100 ms = 10,000 s of work
    expect(() =>
      computeLambdaBill({
        ...base,
        provisionedConcurrency: { count: 1, hoursPerMonth: 1, requests: 100_000, durationMs: 100 },
      }),
    ).toThrow(/provide only/);
  });

  it("SnapStart: cache at least 3 h, restores per GB", () => {
    // Cache: 1.5 GB × 3 h (1 h requested) × 3,600 = 16,200 GB-s × $0.0000015046 = $0.02437452
    // Restores: 1,000 × 1.5 GB × $0.0001397998 = $0.2096997
    const bill = computeLambdaBill({ ...base, snapStart: { cacheHoursPerMonth: 1, restoresPerMonth: 1000 } });
    expect(lineCost(bill, "snapstart")).toBeCloseTo(16_200 * 0.0000015046 + 1500 * 0.0001397998, 12);
  });

  it("streaming free tier: 100 GB free when not used up", () => {
    // 150 GB − 100 free = 50 GB × $0.008 = $0.40
    const bill = computeLambdaBill({ ...base, streaming: { billableGbPerMonth: 150 } });
    expect(lineCost(bill, "streaming")).toBeCloseTo(0.4, 12);
  });

  it("an unknown rate makes the line and the total null, never $0", () => {
    // The book has no arm64 SnapStart rates.
    const bill = computeLambdaBill({
      ...base,
      architecture: "arm64",
      snapStart: { cacheHoursPerMonth: 10, restoresPerMonth: 0 },
    });
    const snapStartLine = bill.lines.find((line) => line.component === "snapstart");
    expect(snapStartLine?.costUsd).toBeNull();
    expect(snapStartLine?.unitPriceUsd).toBeNull();
    expect(bill.totalUsd).toBeNull();
    expect(bill.unknownRates).toEqual(["Lambda arm64 SnapStart cache rate for us-east-1"]);
  });

  it("a region missing from the book is unknown, not priced at us-east-1", () => {
    const bill = computeLambdaBill({ ...base, region: "eu-south-2" });
    expect(bill.totalUsd).toBeNull();
    expect(bill.lines.every((line) => line.costUsd === null || line.costUsd === 0)).toBe(true);
    expect(bill.unknownRates).toContain("Lambda x86_64 request rate for eu-south-2");
  });

  it.each([
    ["memoryMb", { memoryMb: 64 }, /memoryMb must be a number from 128 to 10240 MB; got 64/],
    ["memoryMb", { memoryMb: 1000.5 }, /whole number/],
    ["requestsPerMonth", { requestsPerMonth: -1 }, /requestsPerMonth must be a number from 0/],
    ["durationMs", { durationMs: Number.NaN }, /got NaN/],
    ["durationMs", { durationMs: Number.POSITIVE_INFINITY }, /got Infinity/],
    ["durationMs", { durationMs: 900_001 }, /from 0 to 900000 ms/],
    ["ephemeralStorageMb", { ephemeralStorageMb: 100 }, /from 512 to 10240/],
    ["region", { region: "moon-base-1x" }, /region code/],
  ] as const)("rejects bad %s", (field, patch, message) => {
    let error: unknown;
    try {
      computeLambdaBill({ ...base, ...(patch as Partial<LambdaUsage>) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PricingInputError);
    expect((error as PricingInputError).field).toBe(field);
    expect((error as PricingInputError).message).toMatch(message);
  });
});
