import { describe, expect, it } from "vitest";
import type { ResourceMetricPointLike } from "./metric-series";
import {
  DURATION_AVERAGE_METRIC,
  PC_INVOCATIONS_METRIC,
  PC_PEAK_MINUTE_KEY,
  PC_TIME_AVERAGED_KEY,
  PC_UTILIZATION_MAX_METRIC,
  describeProvisionedUtilization,
  toEnvironmentSeconds,
  toProvisionedUtilizationChart,
} from "./provisioned-utilization";
import { toRangeWindow } from "@/lib/range";

const now = new Date("2026-11-23T10:30:00Z");
const daily = toRangeWindow("30d", now);
const hourly = toRangeWindow("14d", now);

function point(
  series: string,
  granularity: "day" | "hour",
  bucket: string,
  value: number,
): ResourceMetricPointLike {
  return { series, granularity, bucket, value };
}

/** 5 environments always on: 432,000 environment-seconds a day. */
const FIVE_ALWAYS_ON = [{ requestedCount: 5, activeHoursPerDay: 24 }];

describe("toEnvironmentSeconds", () => {
  it("sums count × active hours per day, or count × one hour per hour", () => {
    const configs = [
      { requestedCount: 5, activeHoursPerDay: 24 },
      { requestedCount: 2, activeHoursPerDay: 10 },
    ];
    expect(toEnvironmentSeconds(configs, "day")).toBe(5 * 24 * 3600 + 2 * 10 * 3600);
    expect(toEnvironmentSeconds(configs, "hour")).toBe(7 * 3600);
    expect(toEnvironmentSeconds([], "day")).toBe(0);
  });
});

describe("toProvisionedUtilizationChart", () => {
  it("time-averages each day: PC invocations × average duration ÷ environment-seconds", () => {
    // 27 % busy: 0.27 × 432,000 s = 116,640 busy seconds = 291,600 invocations × 400 ms.
    const chart = toProvisionedUtilizationChart(
      [
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 291_600),
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-22", 400),
        point(PC_UTILIZATION_MAX_METRIC, "day", "2026-11-22", 0.92),
      ],
      daily,
      FIVE_ALWAYS_ON,
    );
    expect(chart.granularity).toBe("day");
    expect(chart.rows).toHaveLength(30);
    const nov22 = chart.rows.find((r) => r.bucket === "2026-11-22")!;
    expect(nov22.values[PC_TIME_AVERAGED_KEY]).toBeCloseTo(27, 9);
    expect(nov22.values[PC_PEAK_MINUTE_KEY]).toBeCloseTo(92, 9);
    expect(chart.averageUtilization).toBeCloseTo(0.27, 12);
    expect(chart.knownBuckets).toBe(1);
    expect(chart.environments).toBe(5);
    expect(chart.environmentSecondsPerBucket).toBe(432_000);
    expect(chart.series.map((s) => s.label)).toEqual(["Time-averaged utilisation", "Peak minute (max)"]);
  });

  it("counts only the active hours of a scheduled configuration", () => {
    // 2 environments × 10 h = 72,000 s; 36,000 invocations × 1 s = 50 %.
    const chart = toProvisionedUtilizationChart(
      [
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 36_000),
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-22", 1000),
      ],
      daily,
      [{ requestedCount: 2, activeHoursPerDay: 10 }],
    );
    expect(chart.averageUtilization).toBeCloseTo(0.5, 12);
  });

  it("averages over the known days only; a day without PC metrics is unknown, not idle", () => {
    const chart = toProvisionedUtilizationChart(
      [
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-21", 432_000),
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-21", 100), // 10 %
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 0), // 0 %, duration unknown
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-20", 250), // no PC invocations: unknown
      ],
      daily,
      FIVE_ALWAYS_ON,
    );
    const value = (day: string) => chart.rows.find((r) => r.bucket === day)!.values[PC_TIME_AVERAGED_KEY];
    expect(value("2026-11-21")).toBeCloseTo(10, 9);
    expect(value("2026-11-22")).toBe(0);
    expect(value("2026-11-20")).toBeNull();
    expect(chart.knownBuckets).toBe(2);
    expect(chart.averageUtilization).toBeCloseTo(0.05, 12);
    expect(chart.series.map((s) => s.key)).toEqual([PC_TIME_AVERAGED_KEY]);
  });

  it("is unknown when a day's duration is unknown but it served invocations", () => {
    const chart = toProvisionedUtilizationChart(
      [point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 1000)],
      daily,
      FIVE_ALWAYS_ON,
    );
    expect(chart.rows.at(-1)!.values[PC_TIME_AVERAGED_KEY]).toBeNull();
    expect(chart.averageUtilization).toBeNull();
    expect(chart.series).toEqual([]);
  });

  it("caps a bucket at 100 % (duration includes on-demand invocations)", () => {
    const chart = toProvisionedUtilizationChart(
      [
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 1_000_000),
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-22", 1000),
      ],
      daily,
      FIVE_ALWAYS_ON,
    );
    expect(chart.averageUtilization).toBe(1);
  });

  it("uses hourly buckets on the hourly range when hourly PC invocations exist", () => {
    // 5 environments × 3600 s = 18,000 s an hour; 9,000 invocations × 500 ms = 25 %.
    const chart = toProvisionedUtilizationChart(
      [
        point(PC_INVOCATIONS_METRIC, "hour", "2026-11-23T09", 9000),
        point(DURATION_AVERAGE_METRIC, "hour", "2026-11-23T09", 500),
        point(PC_UTILIZATION_MAX_METRIC, "hour", "2026-11-23T09", 0.8),
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 291_600),
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-22", 400),
      ],
      hourly,
      FIVE_ALWAYS_ON,
    );
    expect(chart.granularity).toBe("hour");
    expect(chart.rows).toHaveLength(336);
    expect(chart.environmentSecondsPerBucket).toBe(18_000);
    const hour = chart.rows.find((r) => r.bucket === "2026-11-23T09")!;
    expect(hour.values[PC_TIME_AVERAGED_KEY]).toBeCloseTo(25, 9);
    expect(hour.values[PC_PEAK_MINUTE_KEY]).toBeCloseTo(80, 9);
    expect(chart.averageUtilization).toBeCloseTo(0.25, 12);
  });

  it("falls back to daily buckets on the hourly range without hourly PC invocations", () => {
    const chart = toProvisionedUtilizationChart(
      [
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 291_600),
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-22", 400),
        point(DURATION_AVERAGE_METRIC, "hour", "2026-11-23T09", 500),
      ],
      hourly,
      FIVE_ALWAYS_ON,
    );
    expect(chart.granularity).toBe("day");
    expect(chart.rows).toHaveLength(14);
    expect(chart.averageUtilization).toBeCloseTo(0.27, 12);
  });

  it("keeps the peak minute but no time average without a configuration", () => {
    const chart = toProvisionedUtilizationChart(
      [
        point(PC_INVOCATIONS_METRIC, "day", "2026-11-22", 291_600),
        point(DURATION_AVERAGE_METRIC, "day", "2026-11-22", 400),
        point(PC_UTILIZATION_MAX_METRIC, "day", "2026-11-22", 0.5),
      ],
      daily,
      [],
    );
    expect(chart.environments).toBe(0);
    expect(chart.environmentSecondsPerBucket).toBeNull();
    expect(chart.averageUtilization).toBeNull();
    expect(chart.series.map((s) => s.key)).toEqual([PC_PEAK_MINUTE_KEY]);
  });
});

describe("describeProvisionedUtilization", () => {
  it("compares the time average with the break-even", () => {
    expect(
      describeProvisionedUtilization({
        averageUtilization: 0.27,
        breakevenUtilization: 0.6,
        environments: 5,
      }),
    ).toBe(
      "Time-averaged utilisation 27% against a break-even of 60%: provisioned concurrency costs more than on-demand here.",
    );
    expect(
      describeProvisionedUtilization({
        averageUtilization: 0.72,
        breakevenUtilization: 0.6,
        environments: 5,
      }),
    ).toBe(
      "Time-averaged utilisation 72% against a break-even of 60%: provisioned concurrency costs less than on-demand here.",
    );
  });

  it("says what is unknown", () => {
    expect(
      describeProvisionedUtilization({
        averageUtilization: 0.27,
        breakevenUtilization: null,
        environments: 5,
      }),
    ).toBe("Time-averaged utilisation 27%; break-even unknown (no price for this region and architecture).");
    expect(
      describeProvisionedUtilization({
        averageUtilization: null,
        breakevenUtilization: 0.6,
        environments: 5,
      }),
    ).toBe(
      "Time-averaged utilisation unknown: no provisioned-concurrency invocations with a duration in this range.",
    );
    expect(
      describeProvisionedUtilization({
        averageUtilization: null,
        breakevenUtilization: 0.6,
        environments: 0,
      }),
    ).toBe("Time-averaged utilisation unknown: no provisioned concurrency is configured now.");
  });
});
