import { describe, expect, it } from "vitest";
import type { Bill, FargateOption, LambdaOption, WhatIfResult } from "@/lib/pricing/types";
import {
  describeChangeVsCurrent,
  describeCostChange,
  describeDurationChange,
  toBillTable,
  toBreakevenSeries,
  toDecadeTicks,
  toFargateTaskSeries,
  toLambdaCostDomainUsd,
  toLambdaMemorySeries,
  toLinearTicks,
  toMemoryTicksMb,
  toNiceCeiling,
  toRelativeChange,
  toScenarioComparison,
  toScenarioHeadline,
} from "./scenario-series";

function lambda(
  memoryMb: number,
  architecture: "x86_64" | "arm64",
  monthlyCostUsd: number | null,
  durationMs: number,
  infeasibleReason: string | null = null,
): LambdaOption {
  return {
    memoryMb,
    architecture,
    durationMs,
    monthlyCostUsd,
    isFeasible: infeasibleReason === null,
    infeasibleReason,
  };
}

function fargate(vcpu: number, memoryGb: number, monthlyCostUsd: number | null): FargateOption {
  return {
    architecture: "arm64",
    vcpu,
    memoryGb,
    averageTasks: 1.5,
    peakTasks: 3,
    monthlyCostUsd,
    isFeasible: true,
    infeasibleReason: null,
  };
}

const bill: Bill = {
  lines: [
    {
      item: "Requests",
      quantity: 10_000_000,
      unit: "requests",
      unitPriceUsd: 2e-7,
      costUsd: 2,
      service: "lambda",
      component: "requests",
    },
    {
      item: "Duration",
      quantity: 600_000,
      unit: "GB-s",
      unitPriceUsd: 0.0000166667,
      costUsd: 10,
      service: "lambda",
      component: "duration",
    },
  ],
  totalUsd: 12,
  unknownRates: [],
  region: "us-east-1",
  priceVersion: "test",
};

// Current: x86 at 512 MB, $20/month, 200 ms. Cheapest: arm64 at 1024 MB, $15 (25 % less), 110 ms.
// 128 MB is infeasible for both architectures (needs 180 MB); 256 MB only on arm64 is infeasible.
const current = lambda(512, "x86_64", 20, 200);
const cheapestLambda = lambda(1024, "arm64", 15, 110);
const cheapestFargate = fargate(0.25, 0.5, 17);
const result: WhatIfResult = {
  current,
  lambdaOptions: [
    lambda(128, "x86_64", null, 800, "needs 180 MB but has 128 MB"),
    lambda(128, "arm64", null, 800, "needs 180 MB but has 128 MB"),
    lambda(256, "x86_64", 30, 400),
    lambda(256, "arm64", Number.NaN, 400),
    current,
    lambda(512, "arm64", 18, 190),
    lambda(1024, "x86_64", 17, 120),
    cheapestLambda,
  ],
  cheapestLambda,
  fargateOptions: [fargate(1, 2, 40), cheapestFargate, fargate(0.5, 1, Infinity)],
  cheapestFargate,
  sweep: [
    { requestsPerMonth: 1e3, cheapestLambdaUsd: 0, cheapestFargateUsd: 9 },
    { requestsPerMonth: 1e6, cheapestLambdaUsd: 1.5, cheapestFargateUsd: 9 },
    { requestsPerMonth: 1e9, cheapestLambdaUsd: 1500, cheapestFargateUsd: 300 },
    { requestsPerMonth: Number.NaN, cheapestLambdaUsd: 1, cheapestFargateUsd: 1 },
  ],
  crossoverRequestsPerMonth: 6e6,
  crossoversRequestsPerMonth: [6e6],
  bills: { current: bill, cheapestLambda: bill, cheapestFargate: null },
  priceVersion: "test",
  unknownRates: [],
};

describe("toLambdaMemorySeries", () => {
  const series = toLambdaMemorySeries(result);

  it("has one point per memory size, sorted, with both architectures", () => {
    expect(series.points.map((p) => p.memoryMb)).toEqual([128, 256, 512, 1024]);
    expect(series.architectures).toEqual(["x86_64", "arm64"]);
    expect(series.points[3]).toMatchObject({ memoryLabel: "1 GB", x86CostUsd: 17, arm64CostUsd: 15 });
  });

  it("draws infeasible and non-finite costs as gaps, never as $0", () => {
    expect(series.points[0]).toMatchObject({ x86CostUsd: null, arm64CostUsd: null });
    expect(series.points[0]!.x86!.infeasibleReason).toBe("needs 180 MB but has 128 MB");
    // NaN from the engine is unknown, not a number on screen.
    expect(series.points[1]!.arm64CostUsd).toBeNull();
    expect(series.points[1]!.arm64!.costChangeVsCurrent).toBeNull();
  });

  it("marks a run of sizes infeasible for every architecture, with its reason", () => {
    expect(series.infeasibleRanges).toEqual([
      { fromMemoryMb: 128, toMemoryMb: 128, shadeToMemoryMb: 256, reason: "needs 180 MB but has 128 MB" },
    ]);
  });

  it("compares each size with the current configuration ($15 vs $20 is 25 % cheaper, 110 vs 200 ms 45 % faster)", () => {
    const arm1024 = series.points[3]!.arm64!;
    expect(arm1024.costChangeVsCurrent).toBeCloseTo(-0.25);
    expect(arm1024.durationChangeVsCurrent).toBeCloseTo(-0.45);
    expect(arm1024.isCheapest).toBe(true);
    expect(series.points[2]!.x86!.isCurrent).toBe(true);
    expect(series.current.costChangeVsCurrent).toBe(0);
    expect(series.cheapest?.memoryMb).toBe(1024);
  });

  it("adds the current size when it is not a standard size", () => {
    const odd = lambda(1769, "x86_64", 22, 100);
    const s = toLambdaMemorySeries({ ...result, current: odd });
    expect(s.points.map((p) => p.memoryMb)).toContain(1769);
    expect(s.points.find((p) => p.memoryMb === 1769)!.x86!.isCurrent).toBe(true);
  });

  it("stops the y axis at 3× the cheapest when the big sizes would flatten the curve", () => {
    // cheapest $15 → limit $45 > every plotted cost ($30 max): nothing clipped.
    expect(toLambdaCostDomainUsd(series)).toEqual({ maxUsd: 30, isClipped: false });
    const withHuge = toLambdaMemorySeries({
      ...result,
      lambdaOptions: [...result.lambdaOptions, lambda(10_240, "x86_64", 400, 20)],
    });
    expect(toLambdaCostDomainUsd(withHuge)).toEqual({ maxUsd: 50, isClipped: true });
  });

  it.each([
    [25, [0, 5, 10, 15, 20, 25]],
    [50, [0, 10, 20, 30, 40, 50]],
    [0.37, [0, 0.1, 0.2, 0.3, 0.4]],
    [1500, [0, 250, 500, 750, 1000, 1250, 1500]],
  ])("puts round linear ticks up to %s", (max, ticks) => expect(toLinearTicks(max)).toEqual(ticks));

  it.each([
    [21.23, 25],
    [45, 50],
    [0.37, 0.4],
    [100, 100],
    [1234, 1500],
  ])("rounds an axis end of %s up to %s", (value, expected) => expect(toNiceCeiling(value)).toBe(expected));

  it("puts log-2 ticks inside the range", () => {
    expect(toMemoryTicksMb(series.points)).toEqual([128, 256, 512, 1024]);
  });
});

describe("change descriptions", () => {
  it.each([
    [-0.25, "25% cheaper"],
    [0.1, "10% more expensive"],
    [0, "same cost"],
    [null, null],
  ])("cost change %s reads %s", (change, text) => expect(describeCostChange(change)).toBe(text));

  it("joins both changes for the tooltip", () => {
    expect(describeChangeVsCurrent({ costChangeVsCurrent: -0.167, durationChangeVsCurrent: 0 })).toBe(
      "16.7% cheaper, same speed",
    );
    expect(describeChangeVsCurrent({ costChangeVsCurrent: null, durationChangeVsCurrent: null })).toBeNull();
  });

  it("describes speed", () => {
    expect(describeDurationChange(-0.45)).toBe("45% faster");
    expect(describeDurationChange(0.2)).toBe("20% slower");
  });

  it("is unknown against a $0 or unknown reference", () => {
    expect(toRelativeChange(5, 0)).toBeNull();
    expect(toRelativeChange(5, null)).toBeNull();
    expect(toRelativeChange(Infinity, 5)).toBeNull();
  });
});

describe("toFargateTaskSeries", () => {
  it("sorts by size, labels tasks, marks the cheapest and nulls non-finite costs", () => {
    const points = toFargateTaskSeries(result);
    expect(points.map((p) => p.taskLabel)).toEqual([
      "0.25 vCPU · 0.5 GB · arm64",
      "0.5 vCPU · 1 GB · arm64",
      "1 vCPU · 2 GB · arm64",
    ]);
    expect(points[0]).toMatchObject({ monthlyCostUsd: 17, isCheapest: true, averageTasks: 1.5 });
    expect(points[1]!.monthlyCostUsd).toBeNull();
  });
});

describe("toBreakevenSeries", () => {
  const series = toBreakevenSeries(result, 1e7);

  it("drops non-finite rates and keeps $0 in the table but off the log chart", () => {
    expect(series.points.map((p) => p.requestsPerMonth)).toEqual([1e3, 1e6, 1e9]);
    expect(series.points[0]).toMatchObject({ lambdaUsd: 0, lambdaPlotUsd: null, fargatePlotUsd: 9 });
    expect(series.hasUnplottedZeros).toBe(true);
  });

  it("knows which option wins above the crossover (Fargate $300 < Lambda $1,500 at 1B)", () => {
    expect(series.crossoverRequestsPerMonth).toBe(6e6);
    expect(series.cheaperAboveCrossover).toBe("fargate");
    expect(series.currentRequestsPerMonth).toBe(1e7);
  });

  it("says which option wins everywhere when they never cross", () => {
    const never = toBreakevenSeries(
      { ...result, crossoverRequestsPerMonth: null, sweep: result.sweep.slice(0, 2) },
      1e7,
    );
    // $0 and $1.50 Lambda vs $9 Fargate: Lambda is cheaper at every priced rate.
    expect(never.cheaperThroughout).toBe("lambda");
    expect(series.cheaperThroughout).toBeNull();
  });

  it("makes decade ticks", () => {
    expect(toDecadeTicks([1500, 2e9])).toEqual([1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]);
    expect(toDecadeTicks([])).toEqual([]);
  });
});

describe("toScenarioHeadline", () => {
  it("names the cheapest option and the saving ($20 → $15 is 25 % less)", () => {
    const headline = toScenarioHeadline(result);
    expect(headline.cheapest).toMatchObject({
      service: "lambda",
      label: "Lambda arm64 at 1,024 MB",
      monthlyCostUsd: 15,
    });
    expect(headline.savingVsCurrent).toBeCloseTo(0.25);
    expect(headline.savingVsCurrentUsd).toBeCloseTo(5);
    expect(headline.isCurrentCheapest).toBe(false);
    expect(headline.crossoverRequestsPerMonth).toBe(6e6);
    expect(headline.cheaperAboveCrossover).toBe("fargate");
  });

  it("picks Fargate when it is cheaper, with Spot in its label", () => {
    const headline = toScenarioHeadline(
      { ...result, cheapestFargate: fargate(0.5, 1, 9) },
      { os: "linux", isSpot: true },
    );
    expect(headline.cheapest).toMatchObject({
      service: "fargate",
      label: "Fargate arm64 0.5 vCPU / 1 GB (Spot)",
    });
  });

  it("does not claim a cheapest option when every cost is unknown", () => {
    const headline = toScenarioHeadline({
      ...result,
      current: { ...current, monthlyCostUsd: null },
      cheapestLambda: { ...cheapestLambda, monthlyCostUsd: null },
      cheapestFargate: null,
      unknownRates: ["Lambda arm64 request rate for xx-east-1"],
    });
    expect(headline.cheapest).toBeNull();
    expect(headline.currentMonthlyCostUsd).toBeNull();
    expect(headline.savingVsCurrent).toBeNull();
    expect(headline.isPartial).toBe(true);
  });
});

describe("toBillTable", () => {
  it("keeps known lines and totals", () => {
    expect(toBillTable(bill)).toMatchObject({ totalUsd: 12, rows: [{ costUsd: 2 }, { costUsd: 10 }] });
  });

  it("makes the total unknown when any line is unknown, and never prints NaN", () => {
    const table = toBillTable({
      ...bill,
      lines: [...bill.lines, { ...bill.lines[0]!, item: "Odd", unitPriceUsd: null, costUsd: Number.NaN }],
      totalUsd: 12,
      unknownRates: ["Lambda x86_64 request rate for xx-east-1"],
    });
    expect(table.totalUsd).toBeNull();
    expect(table.rows[2]).toMatchObject({ unitPriceUsd: null, costUsd: null });
    expect(table.unknownRates).toHaveLength(1);
  });
});

describe("toScenarioComparison", () => {
  it("subtracts A from B per option (B cheaper is negative)", () => {
    const b: WhatIfResult = { ...result, current: { ...current, monthlyCostUsd: 30 } };
    const rows = toScenarioComparison({ result }, { result: b });
    expect(rows[0]).toMatchObject({ key: "current", aUsd: 20, bUsd: 30, differenceUsd: 10 });
    expect(rows[0]!.differenceFraction).toBeCloseTo(0.5);
    expect(rows[3]).toMatchObject({ key: "cheapest", aUsd: 15, bUsd: 15, differenceUsd: 0 });
  });
});
