import {
  addUtcDays,
  addUtcHours,
  listBucketKeys,
  toUtcDayStart,
  toUtcHourStart,
  type Granularity,
} from "./time";

/**
 * The time ranges a resource page offers (`?range=`). Daily ranges are whole UTC days ending with
 * yesterday (today is still being billed; ResourceSummary uses the same 30 days); the hourly range
 * covers the last 14 × 24 hours up to and including the current hour.
 */
export const RANGE_KEYS = ["30d", "90d", "14d"] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];
export const DEFAULT_RANGE: RangeKey = "30d";

export const RANGE_LABELS: Record<RangeKey, string> = {
  "30d": "30 days",
  "90d": "90 days",
  "14d": "14 days, hourly",
};

export type RangeWindow = {
  range: RangeKey;
  /** Granularity of the metric charts; cost is always daily. */
  granularity: Granularity;
  /** Inclusive start, exclusive end of the metric buckets. */
  start: Date;
  endExclusive: Date;
  bucketKeys: string[];
  /** The daily window covering the same span (cost charts, memory observations). */
  dayStart: Date;
  dayEndExclusive: Date;
  dayKeys: string[];
};

export function toRangeWindow(range: RangeKey, now: Date): RangeWindow {
  const days = range === "90d" ? 90 : range === "30d" ? 30 : 14;
  const dayEndExclusive = toUtcDayStart(now);
  const dayStart = addUtcDays(dayEndExclusive, -days);
  const dayKeys = listBucketKeys(dayStart, days, "day");
  if (range !== "14d") {
    return {
      range,
      granularity: "day",
      start: dayStart,
      endExclusive: dayEndExclusive,
      bucketKeys: dayKeys,
      dayStart,
      dayEndExclusive,
      dayKeys,
    };
  }
  const hours = days * 24;
  const endExclusive = addUtcHours(toUtcHourStart(now), 1);
  const start = addUtcHours(endExclusive, -hours);
  return {
    range,
    granularity: "hour",
    start,
    endExclusive,
    bucketKeys: listBucketKeys(start, hours, "hour"),
    dayStart,
    dayEndExclusive,
    dayKeys,
  };
}

/**
 * The bucket range for which cost data has been imported. Inside it a missing cost line means
 * nothing was billed (0); outside it nothing is known (null).
 */
export type CostCoverage = { fromBucket: string | null; toBucket: string | null };
