import { describe, expect, it } from "vitest";
import { splitEstimatedInit, toStackedCostSeries } from "./cost-series";
import { LAMBDA_COST_SERIES } from "./series";

const days = ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"];

describe("toStackedCostSeries", () => {
  it("stacks components per day, 0 inside the imported range, unknown outside it", () => {
    const { rows, series } = toStackedCostSeries({
      bucketKeys: days,
      points: [
        { bucket: "2026-11-02", seriesKey: "requests", costUsd: 0.2 },
        { bucket: "2026-11-02", seriesKey: "duration", costUsd: 1.5 },
        { bucket: "2026-11-02", seriesKey: "duration", costUsd: 0.5 }, // two usage types, same component
        { bucket: "2026-11-03", seriesKey: "duration", costUsd: 1 },
      ],
      seriesDefs: LAMBDA_COST_SERIES,
      coverage: { fromBucket: "2026-11-02", toBucket: "2026-11-03" },
    });
    expect(series.map((s) => s.key)).toEqual(["requests", "duration"]);
    expect(rows[0]!.values).toMatchObject({ requests: null, duration: null, total: null });
    expect(rows[1]!.values).toMatchObject({ requests: 0.2, duration: 2, total: 2.2 });
    // Nothing billed for requests on Nov 3 inside the imported range: that is a real $0.
    expect(rows[2]!.values).toMatchObject({ requests: 0, duration: 1, total: 1 });
    expect(rows[3]!.values.total).toBeNull();
  });

  it("treats everything as unknown when no cost was ever imported", () => {
    const { rows, series } = toStackedCostSeries({
      bucketKeys: days,
      points: [],
      seriesDefs: LAMBDA_COST_SERIES,
      coverage: { fromBucket: null, toBucket: null },
    });
    expect(series).toEqual([]);
    expect(rows.every((r) => r.values.total === null)).toBe(true);
  });
});

describe("splitEstimatedInit", () => {
  it("moves the estimated INIT share out of duration and keeps the day total", () => {
    // $10 of duration, INIT estimated at 5% of GB-s -> $9.50 duration + $0.50 INIT.
    const points = splitEstimatedInit(
      [
        { bucket: "2026-11-02", seriesKey: "duration", costUsd: 10 },
        { bucket: "2026-11-02", seriesKey: "requests", costUsd: 1 },
        { bucket: "2026-11-03", seriesKey: "duration", costUsd: 4 },
      ],
      new Map([
        ["2026-11-02", 0.05],
        ["2026-11-03", null],
      ]),
    );
    const { rows } = toStackedCostSeries({
      bucketKeys: ["2026-11-02", "2026-11-03"],
      points,
      seriesDefs: LAMBDA_COST_SERIES,
      coverage: { fromBucket: "2026-11-02", toBucket: "2026-11-03" },
    });
    expect(rows[0]!.values.duration).toBeCloseTo(9.5, 10);
    expect(rows[0]!.values.init).toBeCloseTo(0.5, 10);
    expect(rows[0]!.values.total).toBeCloseTo(11, 10);
    // Unknown share: duration stays whole, INIT is unknown (not $0).
    expect(rows[1]!.values.duration).toBe(4);
    expect(rows[1]!.values.init).toBeNull();
  });
});
