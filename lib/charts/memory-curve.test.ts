import { describe, expect, it } from "vitest";
import { FIXTURE_LAMBDA_MEMORY_MB, FIXTURE_MEMORY_CURVE } from "@/lib/recommend/fixtures";
import type { MemoryCurve } from "@/lib/recommend/types";
import {
  describeVsNow,
  formatCurveRange,
  toLogTicks,
  toMemoryCurveChartData,
  toMemoryCurveTicks,
} from "./memory-curve";

function row(data: ReturnType<typeof toMemoryCurveChartData>, memoryMb: number) {
  const found = data?.rows.find((r) => r.memoryMb === memoryMb);
  if (!found) throw new Error(`no row at ${memoryMb} MB`);
  return found;
}

describe("describeVsNow", () => {
  it("names both changes, better and worse", () => {
    expect(describeVsNow(-0.18, -0.35)).toBe("18% cheaper / 35% faster than now");
    expect(describeVsNow(0.25, 0.1)).toBe("25% dearer / 10% slower than now");
    expect(describeVsNow(-0.0412, 0.6)).toBe("4% cheaper / 60% slower than now");
    expect(describeVsNow(2.38, 10.9)).toBe("3.4× dearer / 12× slower than now");
    expect(describeVsNow(0.999, 1)).toBe("100% dearer / 2× slower than now");
  });

  it("reads changes under half a percent as the same", () => {
    expect(describeVsNow(-0.41, 0.001)).toBe("41% cheaper than now, same speed");
    expect(describeVsNow(0.002, -0.004)).toBe("same cost and speed as now");
  });

  it("leaves out what is unknown", () => {
    expect(describeVsNow(null, -0.2)).toBe("20% faster than now");
    expect(describeVsNow(null, null)).toBeNull();
  });
});

describe("toLogTicks / toMemoryCurveTicks", () => {
  it("encloses the range in 1-2-5 steps", () => {
    expect(toLogTicks(425.8, 7852.2)).toEqual([200, 500, 1000, 2000, 5000, 10000]);
    expect(toLogTicks(12, 18)).toEqual([10, 20]);
    expect(toLogTicks(500, 500)).toEqual([500]);
    expect(toLogTicks(0, 100)).toEqual([]);
  });

  it("formats a band in one unit", () => {
    expect(formatCurveRange(4996.9, 6900.4)).toBe("4,997–6,900 ms");
    expect(formatCurveRange(9000, 12400)).toBe("9,000 ms–12.4 s");
  });

  it("keeps the preferred memory ticks inside the range", () => {
    expect(toMemoryCurveTicks(128, 10240)).toEqual([128, 512, 1024, 1769, 3008, 10240]);
    expect(toMemoryCurveTicks(256, 2048)).toEqual([512, 1024, 1769]);
    expect(toMemoryCurveTicks(600, 900)).toEqual([600, 900]);
  });
});

describe("toMemoryCurveChartData", () => {
  const data = toMemoryCurveChartData(FIXTURE_MEMORY_CURVE, FIXTURE_LAMBDA_MEMORY_MB);

  it("shapes every modelled size, ascending, with cost per 1M invocations", () => {
    expect(data).not.toBeNull();
    expect(data!.rows).toHaveLength(15);
    expect(data!.rows.map((r) => r.memoryMb)).toEqual(
      [...data!.rows.map((r) => r.memoryMb)].sort((a, b) => a - b),
    );
    const at3008 = row(data, 3008);
    expect(at3008.isCurrent).toBe(true);
    expect(at3008.costPerMillionUsd).toBeCloseTo(24.68, 2);
    expect(at3008.band).toEqual([at3008.durationLowMs, at3008.durationHighMs]);
    expect(data!.current).toBe(at3008);
  });

  it("compares every size with now, in the tooltip sentence too", () => {
    const at1769 = row(data, 1769);
    // $14.60 vs $24.68 per 1M; same p95 (single-threaded above one vCPU).
    expect(at1769.costChange).toBeCloseTo(14.596 / 24.679 - 1, 3);
    expect(at1769.durationChange).toBe(0);
    expect(at1769.comparison).toBe("41% cheaper than now, same speed");
    expect(at1769.description).toBe(
      "1,769 MB: $14.60 per 1M invocations, p95 660 ms — 41% cheaper than now, same speed",
    );
    const at1024 = row(data, 1024);
    expect(at1024.description).toBe(
      "1,024 MB: $13.70 per 1M invocations, p95 1,068 ms — 44% cheaper / 62% slower than now",
    );
    expect(row(data, 10240).comparison).toBe("3.4× dearer than now, same speed");
    expect(row(data, 128).comparison).toBe("49% cheaper / 12× slower than now");
    expect(row(data, 3008).comparison).toBe("now");
    expect(row(data, 3008).costChange).toBeNull();
  });

  it("lists the observed sizes as points with what they rest on", () => {
    expect(data!.observed.map((o) => o.memoryMb)).toEqual([512, 1024, 3008]);
    expect(data!.observed[0]!.description).toBe(
      "observed: average 1,561 ms, p95 2,044 ms over 5 runs (power-tuning)",
    );
    expect(data!.observed[1]!.description).toBe(
      "observed: average 798 ms, p95 1,061 ms over 12 days (metrics, logs)",
    );
    expect(data!.rows.filter((r) => r.isObserved).map((r) => r.memoryMb)).toEqual([512, 1024, 3008]);
    expect(data!.rows.filter((r) => r.observedMs !== null).map((r) => r.observedMs)).toEqual([
      1561.2, 798.4, 503.1,
    ]);
  });

  it("sizes the axes", () => {
    expect(data!.memoryDomainMb).toEqual([128, 10240]);
    expect(data!.memoryTicksMb).toEqual([128, 512, 1024, 1769, 3008, 10240]);
    expect(data!.costTicksUsd).toEqual([0, 20, 40, 60, 80, 100]);
    expect(data!.durationTicksMs).toEqual([200, 500, 1000, 2000, 5000, 10000]);
    expect(data!.durationDomainMs).toEqual([200, 10000]);
    expect(data!.hasCost).toBe(true);
    expect(data!.hasP95).toBe(true);
  });

  it("keeps unknown costs as gaps, never 0", () => {
    const curve: MemoryCurve = {
      ...FIXTURE_MEMORY_CURVE,
      points: FIXTURE_MEMORY_CURVE.points.map((p) =>
        p.memoryMb === 1536 ? { ...p, costPerInvocationUsd: null } : p,
      ),
    };
    const shaped = toMemoryCurveChartData(curve, 3008);
    const at1536 = row(shaped, 1536);
    expect(at1536.costPerMillionUsd).toBeNull();
    expect(at1536.costChange).toBeNull();
    expect(at1536.description).toBe("1,536 MB: cost unknown, p95 745 ms — 13% slower than now");
  });

  it("has no cost axis and no cost comparison when every cost is unknown", () => {
    const curve: MemoryCurve = {
      ...FIXTURE_MEMORY_CURVE,
      points: FIXTURE_MEMORY_CURVE.points.map((p) => ({ ...p, costPerInvocationUsd: null })),
    };
    const shaped = toMemoryCurveChartData(curve, 3008)!;
    expect(shaped.hasCost).toBe(false);
    expect(shaped.costTicksUsd).toEqual([]);
    expect(shaped.rows.every((r) => r.costChange === null)).toBe(true);
  });

  it("falls back to the average when p95 is unknown", () => {
    const curve: MemoryCurve = {
      ...FIXTURE_MEMORY_CURVE,
      points: FIXTURE_MEMORY_CURVE.points.map((p) => ({ ...p, durationP95Ms: null })),
    };
    const shaped = toMemoryCurveChartData(curve, 3008);
    expect(shaped!.hasP95).toBe(false);
    expect(row(shaped, 1024).description).toBe(
      "1,024 MB: $13.70 per 1M invocations, average 809 ms — 44% cheaper / 62% slower than now",
    );
  });

  it("compares nothing when the current size is not on the curve", () => {
    const shaped = toMemoryCurveChartData(FIXTURE_MEMORY_CURVE, 640)!;
    expect(shaped.current).toBeNull();
    expect(shaped.rows.every((r) => r.comparison === null)).toBe(true);
    expect(row(shaped, 1024).description).toBe("1,024 MB: $13.70 per 1M invocations, p95 1,068 ms");
  });

  it("is empty without a curve, points or observations", () => {
    expect(toMemoryCurveChartData(null, 1024)).toBeNull();
    expect(toMemoryCurveChartData({ ...FIXTURE_MEMORY_CURVE, points: [] }, 1024)).toBeNull();
    expect(toMemoryCurveChartData({ ...FIXTURE_MEMORY_CURVE, observed: [] }, 1024)).toBeNull();
  });

  it("ignores observations of the other architecture", () => {
    const curve: MemoryCurve = {
      ...FIXTURE_MEMORY_CURVE,
      observed: FIXTURE_MEMORY_CURVE.observed.map((o) =>
        o.memoryMb === 512 ? { ...o, architecture: "arm64" as const } : o,
      ),
    };
    expect(toMemoryCurveChartData(curve, 3008)!.observed.map((o) => o.memoryMb)).toEqual([1024, 3008]);
  });
});
