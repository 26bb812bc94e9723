import type { SeriesDef } from "./series";
import { formatBucketLabel } from "@/lib/time";

/**
 * One x-axis bucket of a chart. `values[key]` is `null` when the value is unknown (no data), which
 * the charts draw as a gap and the tables print as "unknown" — never as 0.
 */
export type ChartRow = {
  bucket: string;
  label: string;
  values: Record<string, number | null>;
};

export type ChartSeries = {
  rows: ChartRow[];
  series: SeriesDef[];
};

/** Sum of a series over the rows; null when every value is unknown. */
export function sumSeries(rows: ChartRow[], key: string): number | null {
  let total: number | null = null;
  for (const row of rows) {
    const value = row.values[key];
    if (typeof value === "number") total = (total ?? 0) + value;
  }
  return total;
}

export type SeriesStats = { avg: number | null; max: number | null; latest: number | null };

export function toSeriesStats(rows: ChartRow[], key: string): SeriesStats {
  let sum = 0;
  let count = 0;
  let max: number | null = null;
  let latest: number | null = null;
  for (const row of rows) {
    const value = row.values[key];
    if (typeof value !== "number") continue;
    sum += value;
    count += 1;
    max = max === null ? value : Math.max(max, value);
    latest = value;
  }
  return { avg: count > 0 ? sum / count : null, max, latest };
}

export type MetricPoint = { bucket: string; value: number };

/**
 * Lines up metric series on the given buckets. A bucket without a point is unknown (null): CloudWatch
 * omits datapoints when there was nothing to measure, and a chart must not invent zeros.
 * `scale` multiplies every value (e.g. 100 to turn a 0..1 utilisation into percent).
 */
export function toMetricRows(
  bucketKeys: string[],
  pointsBySeries: Record<string, MetricPoint[]>,
  scale: Record<string, number> = {},
): ChartRow[] {
  const lookup = new Map<string, Map<string, number>>();
  for (const [key, points] of Object.entries(pointsBySeries)) {
    const byBucket = new Map<string, number>();
    const factor = scale[key] ?? 1;
    for (const point of points) byBucket.set(point.bucket, point.value * factor);
    lookup.set(key, byBucket);
  }
  return bucketKeys.map((bucket) => {
    const values: Record<string, number | null> = {};
    for (const [key, byBucket] of lookup) values[key] = byBucket.get(bucket) ?? null;
    return { bucket, label: formatBucketLabel(bucket), values };
  });
}

/** Keeps only the series that have at least one known value in the rows. */
export function withKnownSeries(rows: ChartRow[], series: SeriesDef[]): ChartSeries {
  return {
    rows,
    series: series.filter((s) => rows.some((row) => typeof row.values[s.key] === "number")),
  };
}

/** Adds a series to existing rows from a bucket -> value function (e.g. a configured limit). */
export function withDerivedSeries(
  rows: ChartRow[],
  key: string,
  valueOf: (bucket: string) => number | null,
): ChartRow[] {
  return rows.map((row) => ({ ...row, values: { ...row.values, [key]: valueOf(row.bucket) } }));
}
