import { withKnownSeries, type ChartRow, type ChartSeries } from "./chart-data";
import type { SeriesDef } from "./series";
import type { CostCoverage } from "@/lib/range";
import { formatBucketLabel } from "@/lib/time";

/** One cost amount for one bucket and stack key; `costUsd: null` marks the cell unknown. */
export type CostPoint = { bucket: string; seriesKey: string; costUsd: number | null };

function isCovered(bucket: string, coverage: CostCoverage): boolean {
  if (coverage.fromBucket === null || coverage.toBucket === null) return false;
  return bucket >= coverage.fromBucket && bucket <= coverage.toBucket;
}

/**
 * Stacks cost points by series over the buckets. Series that are zero or unknown everywhere are
 * dropped from the result, in the order of `seriesDefs`; each row also carries `total`.
 */
export function toStackedCostSeries(input: {
  bucketKeys: string[];
  points: CostPoint[];
  seriesDefs: SeriesDef[];
  coverage: CostCoverage;
}): ChartSeries {
  const keys = input.seriesDefs.map((s) => s.key);
  const rowByBucket = new Map<string, ChartRow>();
  const rows = input.bucketKeys.map((bucket) => {
    const covered = isCovered(bucket, input.coverage);
    const values: Record<string, number | null> = {};
    for (const key of keys) values[key] = covered ? 0 : null;
    const row: ChartRow = { bucket, label: formatBucketLabel(bucket), values };
    rowByBucket.set(bucket, row);
    return row;
  });
  const unknownCells = new Set<string>();
  for (const point of input.points) {
    const row = rowByBucket.get(point.bucket);
    if (!row || !(point.seriesKey in row.values)) continue;
    if (point.costUsd === null) {
      unknownCells.add(`${point.bucket}\u0000${point.seriesKey}`);
      continue;
    }
    row.values[point.seriesKey] = (row.values[point.seriesKey] ?? 0) + point.costUsd;
  }
  for (const cell of unknownCells) {
    const [bucket, key] = cell.split("\u0000") as [string, string];
    const row = rowByBucket.get(bucket);
    if (row) row.values[key] = null;
  }
  for (const row of rows) {
    const known = keys.map((k) => row.values[k]).filter((v): v is number => typeof v === "number");
    row.values.total = known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
  }
  const nonZero = input.seriesDefs.filter((s) => rows.some((row) => (row.values[s.key] ?? 0) !== 0));
  return { rows, series: withKnownSeries(rows, nonZero).series };
}

/**
 * Splits the estimated cold-start INIT out of each day's duration cost. On a real bill INIT is
 * inside "duration"; `initShareByBucket` is the estimated INIT fraction of that day's billed GB-s.
 * Where the share is unknown the duration stays whole and the INIT cell is marked unknown.
 */
export function splitEstimatedInit(
  points: CostPoint[],
  initShareByBucket: Map<string, number | null>,
): CostPoint[] {
  const result: CostPoint[] = [];
  for (const point of points) {
    if (point.seriesKey !== "duration" || point.costUsd === null) {
      result.push(point);
      continue;
    }
    const share = initShareByBucket.get(point.bucket) ?? null;
    if (share === null) {
      result.push(point);
      if (point.costUsd !== 0) result.push({ bucket: point.bucket, seriesKey: "init", costUsd: null });
      continue;
    }
    const initUsd = point.costUsd * share;
    result.push({ bucket: point.bucket, seriesKey: "duration", costUsd: point.costUsd - initUsd });
    result.push({ bucket: point.bucket, seriesKey: "init", costUsd: initUsd });
  }
  return result;
}
