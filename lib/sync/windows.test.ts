import { describe, expect, it } from "vitest";
import {
  computeCostWindow,
  computeMetricWindows,
  estimateSync,
  extendCostCoverage,
  extendCoverage,
} from "./windows";

const NOW = new Date("2026-11-30T15:42:10.000Z");

describe("computeMetricWindows", () => {
  it("reads complete hours for 14 days and complete days back to `days` on a first sync", () => {
    const windows = computeMetricWindows(NOW, 90, null);
    expect(windows.hourly).toEqual({
      start: new Date("2026-11-16T15:00:00.000Z"),
      end: new Date("2026-11-30T15:00:00.000Z"),
    });
    expect(windows.daily).toEqual({
      start: new Date("2026-09-01T00:00:00.000Z"),
      end: new Date("2026-11-30T00:00:00.000Z"),
    });
  });

  it("after a good run reads only what is new plus the last 2 days", () => {
    const windows = computeMetricWindows(NOW, 90, new Date("2026-11-29T00:00:00.000Z"));
    expect(windows.daily).toEqual({
      start: new Date("2026-11-27T00:00:00.000Z"),
      end: new Date("2026-11-30T00:00:00.000Z"),
    });
    expect(windows.hourly?.start).toEqual(new Date("2026-11-27T00:00:00.000Z"));
  });

  it("never reads hourly points for more days than asked", () => {
    const windows = computeMetricWindows(NOW, 3, null);
    expect(windows.hourly?.start).toEqual(new Date("2026-11-27T15:00:00.000Z"));
    expect(windows.daily?.start).toEqual(new Date("2026-11-27T00:00:00.000Z"));
  });
});

describe("extendCoverage", () => {
  it("keeps the earliest start and moves the end", () => {
    const daily = { start: new Date("2026-11-27T00:00:00.000Z"), end: new Date("2026-11-30T00:00:00.000Z") };
    expect(
      extendCoverage({ metricsFrom: new Date("2026-09-01T00:00:00.000Z"), metricsTo: null }, daily),
    ).toEqual({
      metricsFrom: new Date("2026-09-01T00:00:00.000Z"),
      metricsTo: daily.end,
    });
    expect(extendCoverage({ metricsFrom: null, metricsTo: null }, daily).metricsFrom).toEqual(daily.start);
  });
});

describe("estimateSync", () => {
  it("packs as many queries per GetMetricData call as fit one page, and prices metrics at $0.01 per 1,000", () => {
    const estimate = estimateSync({ functions: 10_000, services: 0, days: 90 });
    // 50,000 basic + 30,000 percentile queries per window. 14 days of hours is 336 points, so 300
    // queries fill a call's 100,800 datapoints; 90 daily points let 500 share one call.
    expect(estimate.getMetricDataCalls).toBe(
      Math.ceil(50_000 / 300) + 30_000 / 300 + 50_000 / 500 + 30_000 / 500,
    );
    expect(estimate.metricsRequested).toBe(80_000 * 2);
    expect(estimate.estimatedCostUsd).toBeCloseTo(1.6, 9);
  });

  it("an empty account costs nothing in metrics", () => {
    expect(estimateSync({ functions: 0, services: 0, days: 90 })).toMatchObject({
      getMetricDataCalls: 0,
      estimatedCostUsd: 0,
    });
  });
});

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const NEVER = { from: null, to: null, finalTo: null };

describe("computeCostWindow", () => {
  it("reads whole UTC days back to `days` on a first read, today excluded", () => {
    expect(computeCostWindow(NOW, 90, NEVER)).toEqual({ start: day("2026-09-01"), end: day("2026-11-30") });
  });

  it("re-reads from the first day AWS still estimates", () => {
    const coverage = { from: day("2026-09-01"), to: day("2026-11-29"), finalTo: day("2026-11-01") };
    expect(computeCostWindow(NOW, 90, coverage)).toEqual({
      start: day("2026-11-01"),
      end: day("2026-11-30"),
    });
  });

  it("re-reads the whole previous month while any of it is not final", () => {
    const now = new Date("2026-12-02T08:00:00.000Z");
    const coverage = { from: day("2026-09-03"), to: day("2026-12-01"), finalTo: day("2026-11-29") };
    expect(computeCostWindow(now, 90, coverage)).toEqual({
      start: day("2026-11-01"),
      end: day("2026-12-02"),
    });
    // Final (AWS closed November): only December is re-read.
    const closed = { ...coverage, finalTo: day("2026-12-01") };
    expect(computeCostWindow(now, 90, closed)).toEqual({ start: day("2026-12-01"), end: day("2026-12-02") });
  });

  it("never reads further back than `days`", () => {
    const coverage = { from: day("2026-01-01"), to: day("2026-02-01"), finalTo: day("2026-01-15") };
    expect(computeCostWindow(NOW, 7, coverage)).toEqual({ start: day("2026-11-23"), end: day("2026-11-30") });
  });
});

describe("extendCostCoverage", () => {
  const window = { start: day("2026-11-27"), end: day("2026-11-30") };
  const answered = (estimated: boolean[]) =>
    estimated.map((isEstimated, index) => ({
      day: new Date(window.start.getTime() + index * 86_400_000),
      isEstimated,
    }));

  it("covers the window, final up to the first estimated day", () => {
    expect(extendCostCoverage(NEVER, window, answered([false, true, true]))).toEqual({
      from: day("2026-11-27"),
      to: day("2026-11-30"),
      finalTo: day("2026-11-28"),
    });
    expect(extendCostCoverage(NEVER, window, answered([false, false, false]))?.finalTo).toEqual(window.end);
  });

  it("extends a contiguous coverage and restarts after a gap", () => {
    const previous = { from: day("2026-09-01"), to: day("2026-11-28"), finalTo: day("2026-11-01") };
    expect(extendCostCoverage(previous, window, answered([true, true, true]))).toEqual({
      from: day("2026-09-01"),
      to: day("2026-11-30"),
      finalTo: day("2026-11-27"),
    });
    const old = { from: day("2026-01-01"), to: day("2026-02-01"), finalTo: day("2026-02-01") };
    expect(extendCostCoverage(old, window, answered([false, false, true]))?.from).toEqual(window.start);
  });

  it("is unchanged when a day was not answered (the bill of that day is still unknown)", () => {
    expect(extendCostCoverage(NEVER, window, answered([false, false]))).toBeNull();
    expect(extendCostCoverage(NEVER, window, [])).toBeNull();
  });
});

describe("estimateSync with Cost Explorer", () => {
  it("adds $0.01 per Cost Explorer request", () => {
    const estimate = estimateSync({ functions: 0, services: 0, days: 90, costExplorerRequests: 2 });
    expect(estimate.costExplorerRequests).toBe(2);
    expect(estimate.calls).toBe(1 + 1 + 2); // GetCallerIdentity, ListClusters, two Cost Explorer pages
    expect(estimate.estimatedCostUsd).toBeCloseTo(0.02, 9);
  });
});
