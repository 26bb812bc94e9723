import { describe, expect, it } from "vitest";
import { toInitShareByDay } from "@/lib/pricing/init-estimate";
import { sumMetric, toMetricChart } from "./metric-series";
import { toRangeWindow } from "@/lib/range";

const now = new Date("2026-11-23T10:30:00Z");
const defs = [
  { key: "Invocations/Sum", label: "Invocations", color: "red" },
  { key: "Errors/Sum", label: "Errors", color: "blue" },
];

describe("toMetricChart", () => {
  const points = [
    { series: "Invocations/Sum", granularity: "day" as const, bucket: "2026-11-22", value: 100 },
    { series: "Invocations/Sum", granularity: "hour" as const, bucket: "2026-11-23T09", value: 7 },
    { series: "Errors/Sum", granularity: "day" as const, bucket: "2026-11-22", value: 2 },
  ];

  it("uses daily points on daily ranges, unknown where CloudWatch had none", () => {
    const chart = toMetricChart(points, toRangeWindow("30d", now), defs);
    expect(chart.granularity).toBe("day");
    expect(chart.rows).toHaveLength(30);
    const nov22 = chart.rows.find((r) => r.bucket === "2026-11-22")!;
    expect(nov22.values).toEqual({ "Invocations/Sum": 100, "Errors/Sum": 2 });
    expect(chart.rows.find((r) => r.bucket === "2026-11-21")!.values["Invocations/Sum"]).toBeNull();
  });

  it("switches to hourly on the hourly range when the metric has hourly points", () => {
    const chart = toMetricChart(points, toRangeWindow("14d", now), defs);
    expect(chart.granularity).toBe("hour");
    expect(chart.rows).toHaveLength(336);
    expect(chart.series.map((s) => s.key)).toEqual(["Invocations/Sum"]);
    expect(chart.rows.at(-2)!.values["Invocations/Sum"]).toBe(7);
  });

  it("falls back to daily over the same 14 days for metrics collected daily only", () => {
    const chart = toMetricChart(points, toRangeWindow("14d", now), [defs[1]!]);
    expect(chart.granularity).toBe("day");
    expect(chart.rows).toHaveLength(14);
  });

  it("scales values and drops series with no data", () => {
    const chart = toMetricChart(
      [{ series: "U/Maximum", granularity: "day", bucket: "2026-11-22", value: 0.42 }],
      toRangeWindow("30d", now),
      [
        { key: "U/Maximum", label: "Utilisation", color: "x" },
        { key: "Missing/Sum", label: "Missing", color: "y" },
      ],
      { scale: { "U/Maximum": 100 } },
    );
    expect(chart.series.map((s) => s.key)).toEqual(["U/Maximum"]);
    expect(chart.rows.at(-1)!.values["U/Maximum"]).toBeCloseTo(42, 12);
  });

  it("sums a metric over the range", () => {
    const w = toRangeWindow("30d", now);
    expect(sumMetric(points, "Errors/Sum", "day", w.dayKeys)).toBe(2);
    expect(sumMetric(points, "Throttles/Sum", "day", w.dayKeys)).toBeNull();
  });
});

describe("toInitShareByDay", () => {
  it("pools observations per day", () => {
    const shares = toInitShareByDay([
      {
        day: "2026-11-22",
        memoryMb: 1024,
        invocations: 1000,
        durationAvgMs: 100,
        initDurationAvgMs: 500,
        coldStarts: 10,
      },
      {
        day: "2026-11-23",
        memoryMb: 1024,
        invocations: 1000,
        durationAvgMs: 100,
        initDurationAvgMs: null,
        coldStarts: null,
      },
    ]);
    expect(shares.get("2026-11-22")).toBeCloseTo(5 / 105, 12);
    expect(shares.get("2026-11-23")).toBeNull();
  });
});
