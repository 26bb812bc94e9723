import { describe, expect, it } from "vitest";
import { computeMetricWindows, estimateSync, extendCoverage } from "./windows";

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
