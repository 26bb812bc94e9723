import { formatPercent } from "@/lib/format";
import { computeProvisionedUtilization } from "@/lib/recommend/utilization";
import type { ChartRow } from "./chart-data";
import type { ResourceMetricPointLike } from "./metric-series";
import type { RangeWindow } from "@/lib/range";
import type { SeriesDef } from "./series";
import { formatBucketLabel, type Granularity } from "@/lib/time";

/**
 * Provisioned-concurrency utilisation per bucket, time-averaged: the share of provisioned
 * environment-seconds that were busy,
 *
 *   utilisation = PC invocations × average duration ÷ (environments × active seconds in the bucket)
 *
 * (computeProvisionedUtilization in lib/recommend). This, not CloudWatch's per-minute maximum
 * `ProvisionedConcurrencyUtilization`, decides whether provisioned concurrency pays: a few busy
 * minutes a day push the daily maximum to 90 % while three quarters of the paid seconds sit idle.
 * The maximum stays on the chart as a thin dashed "Peak minute (max)" series.
 */

export const PC_INVOCATIONS_METRIC = "ProvisionedConcurrencyInvocations/Sum";
export const DURATION_AVERAGE_METRIC = "Duration/Average";
export const PC_UTILIZATION_MAX_METRIC = "ProvisionedConcurrencyUtilization/Maximum";

/** Series keys of the chart rows (values in percent, 0..100). */
export const PC_TIME_AVERAGED_KEY = "pc-time-averaged";
export const PC_PEAK_MINUTE_KEY = "pc-peak-minute";

export const PC_UTILIZATION_SERIES: SeriesDef[] = [
  {
    key: PC_TIME_AVERAGED_KEY,
    label: "Time-averaged utilisation",
    color: "var(--chart-pc)",
    shape: "area",
  },
  {
    key: PC_PEAK_MINUTE_KEY,
    label: "Peak minute (max)",
    color: "var(--chart-axis)",
    shape: "line",
    isDashed: true,
  },
];

/** A provisioned-concurrency configuration (FunctionDetail.provisionedConcurrency entries). */
export type ProvisionedConfigLike = { requestedCount: number; activeHoursPerDay: number };

export type ProvisionedUtilizationChart = {
  rows: ChartRow[];
  /** The series with at least one known value. */
  series: SeriesDef[];
  granularity: Granularity;
  bucketKeys: string[];
  /** Configured environments (sum of requested counts); 0 when none is configured. */
  environments: number;
  /** Provisioned environment-seconds per bucket; null when nothing is configured. */
  environmentSecondsPerBucket: number | null;
  /** Time-averaged utilisation over the buckets where it is known (0..1); null when none is. */
  averageUtilization: number | null;
  /** Buckets with a known time-averaged utilisation, of `bucketKeys.length`. */
  knownBuckets: number;
};

const SECONDS_PER_HOUR = 3600;

function toBucketValues(
  points: ResourceMetricPointLike[],
  series: string,
  granularity: Granularity,
): Map<string, number> {
  const values = new Map<string, number>();
  for (const p of points) {
    if (p.series === series && p.granularity === granularity && Number.isFinite(p.value))
      values.set(p.bucket, p.value);
  }
  return values;
}

/**
 * Provisioned environment-seconds in one bucket: Σ count × active hours a day × 3600 for a day,
 * Σ count × 3600 for an hour (which hours a schedule covers is unknown, so every hour counts).
 */
export function toEnvironmentSeconds(configs: ProvisionedConfigLike[], granularity: Granularity): number {
  let seconds = 0;
  for (const c of configs) {
    if (!(c.requestedCount > 0)) continue;
    const hours = granularity === "day" ? Math.min(24, Math.max(0, c.activeHoursPerDay)) : 1;
    seconds += c.requestedCount * hours * SECONDS_PER_HOUR;
  }
  return seconds;
}

/**
 * Chart rows of the time-averaged utilisation (percent) and CloudWatch's peak-minute maximum.
 * Hourly on the hourly range when hourly PC invocations exist, daily otherwise. A bucket without
 * a PC-invocations point is unknown (null), never 0; one with 0 PC invocations is 0 % busy even
 * when its duration is unknown.
 */
export function toProvisionedUtilizationChart(
  points: ResourceMetricPointLike[],
  window: RangeWindow,
  configs: ProvisionedConfigLike[],
): ProvisionedUtilizationChart {
  const isHourly =
    window.granularity === "hour" &&
    points.some((p) => p.granularity === "hour" && p.series === PC_INVOCATIONS_METRIC);
  const granularity: Granularity = isHourly ? "hour" : "day";
  const bucketKeys = isHourly ? window.bucketKeys : window.dayKeys;

  const invocations = toBucketValues(points, PC_INVOCATIONS_METRIC, granularity);
  const durations = toBucketValues(points, DURATION_AVERAGE_METRIC, granularity);
  const peaks = toBucketValues(points, PC_UTILIZATION_MAX_METRIC, granularity);

  const environments = configs.reduce((sum, c) => sum + (c.requestedCount > 0 ? c.requestedCount : 0), 0);
  const environmentSeconds = toEnvironmentSeconds(configs, granularity);
  const hasConfig = environments > 0 && environmentSeconds > 0;

  let sum = 0;
  let knownBuckets = 0;
  const rows: ChartRow[] = bucketKeys.map((bucket) => {
    const served = invocations.get(bucket) ?? null;
    let utilization: number | null = null;
    if (hasConfig && served !== null) {
      utilization =
        served === 0
          ? 0
          : computeProvisionedUtilization({
              provisionedInvocations: served,
              durationAvgMs: durations.get(bucket) ?? null,
              environments,
              activeSeconds: environmentSeconds / environments,
            });
    }
    if (utilization !== null) {
      sum += utilization;
      knownBuckets += 1;
    }
    const peak = peaks.get(bucket);
    return {
      bucket,
      label: formatBucketLabel(bucket),
      values: {
        [PC_TIME_AVERAGED_KEY]: utilization === null ? null : utilization * 100,
        [PC_PEAK_MINUTE_KEY]: peak === undefined ? null : peak * 100,
      },
    };
  });

  return {
    rows,
    series: PC_UTILIZATION_SERIES.filter((s) => rows.some((r) => typeof r.values[s.key] === "number")),
    granularity,
    bucketKeys,
    environments,
    environmentSecondsPerBucket: hasConfig ? environmentSeconds : null,
    // Every bucket provisions the same environment-seconds, so the mean of the bucket shares is
    // total busy seconds ÷ total provisioned seconds over the known buckets.
    averageUtilization: knownBuckets > 0 ? sum / knownBuckets : null,
    knownBuckets,
  };
}

/**
 * The card's headline: "Time-averaged utilisation 27% against a break-even of 60%: provisioned
 * concurrency costs more than on-demand here."
 */
export function describeProvisionedUtilization(input: {
  averageUtilization: number | null;
  breakevenUtilization: number | null;
  environments: number;
}): string {
  const { averageUtilization, breakevenUtilization, environments } = input;
  if (averageUtilization === null) {
    return environments > 0
      ? "Time-averaged utilisation unknown: no provisioned-concurrency invocations with a duration in this range."
      : "Time-averaged utilisation unknown: no provisioned concurrency is configured now.";
  }
  const utilization = `Time-averaged utilisation ${formatPercent(averageUtilization)}`;
  if (breakevenUtilization === null)
    return `${utilization}; break-even unknown (no price for this region and architecture).`;
  const verdict =
    averageUtilization < breakevenUtilization
      ? "provisioned concurrency costs more than on-demand here"
      : "provisioned concurrency costs less than on-demand here";
  return `${utilization} against a break-even of ${formatPercent(breakevenUtilization)}: ${verdict}.`;
}
