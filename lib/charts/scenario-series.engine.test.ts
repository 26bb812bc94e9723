import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTrafficShape, computeWhatIf } from "@/lib/pricing";
import {
  DEFAULT_WORKLOAD_INPUT,
  parseWorkloadFields,
  toWorkload,
  type WorkloadInput,
} from "@/lib/schemas/workload";
import {
  toBillTable,
  toBreakevenSeries,
  toFargateTaskSeries,
  toLambdaCostDomainUsd,
  toLambdaMemorySeries,
  toScenarioHeadline,
} from "./scenario-series";

/** Every number anywhere in a value, with its path. */
function listNumbers(value: unknown, path = "$"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => listNumbers(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => listNumbers(v, `${path}.${k}`));
  }
  return [];
}

function shapeEverything(input: WorkloadInput) {
  const result = computeWhatIf(toWorkload(input, computeTrafficShape(input.shape)));
  const lambda = toLambdaMemorySeries(result);
  return {
    lambda,
    domain: toLambdaCostDomainUsd(lambda),
    fargate: toFargateTaskSeries(result),
    breakeven: toBreakevenSeries(result, input.requestsPerMonth),
    headline: toScenarioHeadline(result),
    bills: [result.bills.current, result.bills.cheapestLambda, result.bills.cheapestFargate].map((bill) =>
      bill ? toBillTable(bill) : null,
    ),
  };
}

// Inputs drawn from the schema's own ranges, through the same parser the form and URL use.
const arbitraryInput = fc
  .record({
    requestsPerMonth: fc.integer({ min: 1, max: 1e12 }),
    shape: fc.constantFrom("flat", "business-hours", "spiky", "nightly-batch"),
    durationMs: fc.double({ min: 1, max: 900_000, noNaN: true }),
    memoryMb: fc.integer({ min: 128, max: 10_240 }),
    architecture: fc.constantFrom("x86_64", "arm64"),
    cpuBoundPercent: fc.double({ min: 0, max: 100, noNaN: true }),
    parallelism: fc.integer({ min: 1, max: 64 }),
    maxMemoryUsedMb: fc.integer({ min: 1, max: 10_240 }),
    region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "xx-nowhere-1"),
    isFreeTierApplied: fc.boolean(),
    frontDoor: fc.constantFrom("none", "http-api", "rest-api", "alb"),
    isSavingsPlanOn: fc.boolean(),
    provisionedConcurrency: fc.integer({ min: 0, max: 500 }),
    coldStartPercent: fc.double({ min: 0, max: 100, noNaN: true }),
    fargateOs: fc.constantFrom("linux", "windows"),
    minTasks: fc.integer({ min: 0, max: 20 }),
    isAutoscaled: fc.boolean(),
    durationFactor: fc.double({ min: 0.01, max: 1, noNaN: true }),
    memoryFactor: fc.double({ min: 0.01, max: 10, noNaN: true }),
  })
  .map((partial) => {
    const parsed = parseWorkloadFields({ ...DEFAULT_WORKLOAD_INPUT, ...partial });
    return parsed.input;
  });

describe("scenario shapers on the real engine", () => {
  it("never put NaN or Infinity on screen, whatever the valid input", () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const shaped = shapeEverything(input);
        for (const [path, value] of listNumbers(shaped)) {
          expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("shows an unpriced region as unknown with reasons, never as $0", () => {
    const shaped = shapeEverything({ ...DEFAULT_WORKLOAD_INPUT, region: "xx-nowhere-1" });
    expect(shaped.headline.currentMonthlyCostUsd).toBeNull();
    expect(shaped.headline.unknownRates.length).toBeGreaterThan(0);
    const current = shaped.bills[0]!;
    expect(current.totalUsd).toBeNull();
    expect(current.rows.some((row) => row.costUsd === null)).toBe(true);
    expect(current.rows.filter((row) => row.costUsd === 0 && row.unitPriceUsd === null)).toEqual([]);
  });

  it("prices the default workload with a cheapest option and the current size on the curve", () => {
    const shaped = shapeEverything(DEFAULT_WORKLOAD_INPUT);
    expect(shaped.headline.cheapest).not.toBeNull();
    expect(shaped.lambda.points.some((p) => p.memoryMb === DEFAULT_WORKLOAD_INPUT.memoryMb)).toBe(true);
    expect(shaped.breakeven.points.length).toBeGreaterThan(10);
  });
});
