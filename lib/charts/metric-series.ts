import { toMetricRows, withKnownSeries, type ChartRow, type MetricPoint } from "./chart-data";
import type { RangeWindow } from "@/lib/range";
import type { SeriesDef } from "./series";
import type { Granularity } from "@/lib/time";

/** A stored metric point as the DAL returns it ("Invocations/Sum" style series ids). */
export type ResourceMetricPointLike = {
  series: string;
  granularity: Granularity;
  bucket: string;
  value: number;
};

export type MetricChart = {
  rows: ChartRow[];
  series: SeriesDef[];
  granularity: Granularity;
  bucketKeys: string[];
};

/**
 * Builds one chart's rows from the resource's metric points. Uses hourly points when the range is
 * hourly, the chart allows it and at least one of its series has hourly data; daily otherwise (so
 * metrics collected only daily still show over the same 14 days). `series[].key` is the metric id
 * ("Errors/Sum"); `scale` multiplies values (0..1 utilisation × 100 = percent).
 */
export function toMetricChart(
  points: ResourceMetricPointLike[],
  window: RangeWindow,
  series: SeriesDef[],
  options: { allowHourly?: boolean; scale?: Record<string, number> } = {},
): MetricChart {
  const wanted = new Set(series.map((s) => s.key));
  const isHourly =
    window.granularity === "hour" &&
    (options.allowHourly ?? true) &&
    points.some((p) => p.granularity === "hour" && wanted.has(p.series));
  const granularity: Granularity = isHourly ? "hour" : "day";
  const bucketKeys = isHourly ? window.bucketKeys : window.dayKeys;
  const bySeries: Record<string, MetricPoint[]> = {};
  for (const key of wanted) bySeries[key] = [];
  for (const p of points) {
    if (p.granularity !== granularity || !wanted.has(p.series)) continue;
    bySeries[p.series]!.push({ bucket: p.bucket, value: p.value });
  }
  const rows = toMetricRows(bucketKeys, bySeries, options.scale);
  return { ...withKnownSeries(rows, series), granularity, bucketKeys };
}

/** Sum of one metric's points at one granularity (e.g. total errors over the range); null if none. */
export function sumMetric(
  points: ResourceMetricPointLike[],
  series: string,
  granularity: Granularity,
  bucketKeys: string[],
): number | null {
  const inRange = new Set(bucketKeys);
  let total: number | null = null;
  for (const p of points) {
    if (p.series === series && p.granularity === granularity && inRange.has(p.bucket))
      total = (total ?? 0) + p.value;
  }
  return total;
}
