/**
 * Pure: what the AWS mappers return (lib/aws map-*.ts) → the rows the import pipeline writes.
 * Keeps stored ids, turns configuration changes into history rows, and derives metric-based
 * memory observations. No I/O here; tested in to-rows.test.ts.
 */
import type { FargateServiceInfo } from "@/lib/aws/map-ecs";
import type { LambdaFunctionInfo } from "@/lib/aws/map-lambda";
import type { MetricSeries } from "@/lib/aws/map-cloudwatch";
import type {
  FargateServiceConfigChangeRow,
  FargateServiceRow,
  LambdaConfigChangeRow,
  LambdaFunctionRow,
  LambdaProvisionedConcurrencyRow,
  MemoryObservationRow,
  MetricSeriesInput,
} from "@/lib/db/import/tables";
import type { StoredConfig, StoredFunction, StoredService } from "@/lib/db/import/sync-state";

const DAY_MS = 86_400_000;

/** Stable JSON of tags (sorted keys), so unchanged tags never rewrite a row. */
export function toTagsJson(tags: Record<string, string> | null): string {
  if (!tags) return "{}";
  return JSON.stringify(
    Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

type RowOptions = { now: Date; newId: () => string };

/**
 * What every listed resource's row shares: the stored id (a new one when first seen), the
 * first-seen time kept, seen now, not deleted (it came back if it was), not demo data.
 */
function toTrackedIdentity(stored: { id: string; firstSeenAt: Date } | undefined, options: RowOptions) {
  return {
    id: stored?.id ?? options.newId(),
    firstSeenAt: stored?.firstSeenAt ?? options.now,
    lastSeenAt: options.now,
    deletedAt: null,
    isDemo: false,
  };
}

/** Whether `current` differs from the last stored configuration in any of `keys` (or none is stored). */
function isConfigChanged<K extends string>(
  last: Readonly<Record<K, unknown>> | undefined,
  current: Readonly<Record<K, unknown>>,
  keys: readonly K[],
): boolean {
  return !last || keys.some((key) => last[key] !== current[key]);
}

export type LambdaRows = {
  function: LambdaFunctionRow;
  configChange: LambdaConfigChangeRow | null;
  provisionedConcurrency: LambdaProvisionedConcurrencyRow[] | null;
};

/**
 * One listed function → its row (the stored id and first-seen time kept; undeleted if it came
 * back), a history row when memory, architecture or timeout differ from the last stored
 * configuration (or it is new), and its provisioned-concurrency rows (null: could not be read, so
 * the stored ones are kept). Tags that could not be read keep the stored tags.
 */
export function toLambdaRows(
  info: LambdaFunctionInfo,
  stored: StoredFunction | undefined,
  options: RowOptions,
): LambdaRows {
  const identity = toTrackedIdentity(stored, options);
  const { id } = identity;
  const isChanged = isConfigChanged(stored?.configs.at(-1), info, [
    "memoryMb",
    "architecture",
    "timeoutSeconds",
  ]);
  return {
    function: {
      ...identity,
      arn: info.arn,
      accountId: info.accountId,
      region: info.region,
      name: info.name,
      runtime: info.runtime,
      architecture: info.architecture,
      memoryMb: info.memoryMb,
      timeoutSeconds: info.timeoutSeconds,
      ephemeralStorageMb: info.ephemeralStorageMb,
      packageType: info.packageType,
      snapStart: info.snapStart,
      tagsJson: info.tags ? toTagsJson(info.tags) : (stored?.tagsJson ?? "{}"),
    },
    configChange: isChanged
      ? {
          id: options.newId(),
          functionId: id,
          effectiveAt: options.now,
          memoryMb: info.memoryMb,
          architecture: info.architecture,
          timeoutSeconds: info.timeoutSeconds,
        }
      : null,
    provisionedConcurrency:
      info.provisionedConcurrency?.map((config) => ({
        id: `${id}:${config.qualifier}`,
        functionId: id,
        qualifier: config.qualifier,
        requestedCount: config.requestedCount,
        allocatedCount: config.allocatedCount,
        activeHoursPerDay: 24,
        status: config.status,
      })) ?? null,
  };
}

export type FargateRows = { service: FargateServiceRow; configChange: FargateServiceConfigChangeRow | null };

export function toFargateRows(
  info: FargateServiceInfo,
  stored: StoredService | undefined,
  options: RowOptions,
): FargateRows {
  const identity = toTrackedIdentity(stored, options);
  const { id } = identity;
  const isChanged = isConfigChanged(stored?.configs.at(-1), info, ["cpuUnits", "memoryMb", "architecture"]);
  return {
    service: {
      ...identity,
      arn: info.arn,
      accountId: info.accountId,
      region: info.region,
      clusterName: info.clusterName,
      name: info.name,
      taskDefinitionArn: info.taskDefinitionArn,
      cpuUnits: info.cpuUnits,
      memoryMb: info.memoryMb,
      os: info.os,
      architecture: info.architecture,
      ephemeralStorageGb: info.ephemeralStorageGb,
      onDemandWeight: info.onDemandWeight,
      spotWeight: info.spotWeight,
      desiredCount: info.desiredCount,
      runningCount: info.runningCount,
      tagsJson: toTagsJson(info.tags),
    },
    configChange: isChanged
      ? {
          id: options.newId(),
          serviceId: id,
          effectiveAt: options.now,
          cpuUnits: info.cpuUnits,
          memoryMb: info.memoryMb,
          architecture: info.architecture,
        }
      : null,
  };
}

/**
 * Series of the same resource, metric, statistic and granularity merged into one (several
 * provisioned-concurrency aliases of one function): Sum adds, Maximum takes the larger, Average
 * and percentiles keep the mean (the aliases' own weights are not known). Empty series are dropped.
 */
export function mergeMetricSeries(series: readonly MetricSeries[]): MetricSeriesInput[] {
  const merged = new Map<string, { head: MetricSeries; points: Map<number, number[]> }>();
  for (const item of series) {
    if (item.timestampsMs.length === 0) continue;
    const key = `${item.resourceArn}|${item.metric}|${item.stat}|${item.granularity}`;
    let entry = merged.get(key);
    if (!entry) {
      entry = { head: item, points: new Map() };
      merged.set(key, entry);
    }
    for (let index = 0; index < item.timestampsMs.length; index += 1) {
      const timestampMs = item.timestampsMs[index] as number;
      const value = item.values[index] as number;
      const values = entry.points.get(timestampMs);
      if (values) values.push(value);
      else entry.points.set(timestampMs, [value]);
    }
  }
  const result: MetricSeriesInput[] = [];
  for (const { head, points } of merged.values()) {
    const timestampsMs = [...points.keys()].sort((a, b) => a - b);
    const combine = (values: number[]): number => {
      if (values.length === 1) return values[0] as number;
      if (head.stat === "Sum") return values.reduce((sum, value) => sum + value, 0);
      if (head.stat === "Maximum") return Math.max(...values);
      if (head.stat === "Minimum") return Math.min(...values);
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    };
    result.push({
      resourceArn: head.resourceArn,
      resourceType: head.resourceType,
      metric: head.metric,
      stat: head.stat,
      granularity: head.granularity,
      unit: head.unit,
      timestampsMs,
      values: timestampsMs.map((timestampMs) => combine(points.get(timestampMs) ?? [])),
    });
  }
  return result;
}

/** The configuration in effect at `atMs`: the last change at or before it, else the first known. */
export function configAt<T extends { effectiveAt: Date }>(
  configs: readonly T[],
  atMs: number,
): T | undefined {
  let found: T | undefined;
  for (const config of configs) {
    if (config.effectiveAt.getTime() <= atMs) found = config;
    else break;
  }
  return found ?? configs[0];
}

/** Daily Lambda figures collected from metric series, per function ARN and day (epoch ms). */
export class DailyLambdaFigures {
  private readonly days = new Map<string, Map<number, DayFigures>>();

  add(series: readonly MetricSeriesInput[]): void {
    for (const item of series) {
      const field = DAY_FIELDS[`${item.metric}|${item.stat}`];
      if (item.granularity !== "day" || !field) continue;
      let days = this.days.get(item.resourceArn);
      if (!days) {
        days = new Map();
        this.days.set(item.resourceArn, days);
      }
      for (let index = 0; index < item.timestampsMs.length; index += 1) {
        const dayMs = Math.floor((item.timestampsMs[index] as number) / DAY_MS) * DAY_MS;
        const figures = days.get(dayMs) ?? {};
        figures[field] = item.values[index] as number;
        days.set(dayMs, figures);
      }
    }
  }

  /**
   * One observation per function and day with invocations and an average duration (source
   * "metrics"): the memory size and architecture in effect that day from the configuration
   * history; max memory used, INIT and cold starts are unknown from metrics (null).
   */
  toObservations(configsByArn: ReadonlyMap<string, readonly StoredConfig[]>): MemoryObservationRow[] {
    const rows: MemoryObservationRow[] = [];
    for (const [arn, days] of this.days) {
      const configs = configsByArn.get(arn);
      if (!configs || configs.length === 0) continue;
      for (const [dayMs, figures] of [...days].sort(([a], [b]) => a - b)) {
        if (
          figures.invocations === undefined ||
          figures.invocations <= 0 ||
          figures.durationAvgMs === undefined
        )
          continue;
        const config = configAt(configs, dayMs + DAY_MS - 1);
        if (!config) continue;
        rows.push({
          functionArn: arn,
          memoryMb: config.memoryMb,
          architecture: config.architecture,
          source: "metrics",
          observedOn: new Date(dayMs),
          invocations: Math.round(figures.invocations),
          durationAvgMs: figures.durationAvgMs,
          durationP50Ms: figures.durationP50Ms ?? null,
          durationP95Ms: figures.durationP95Ms ?? null,
          durationP99Ms: figures.durationP99Ms ?? null,
          maxMemoryUsedMb: null,
          initDurationAvgMs: null,
          coldStarts: null,
        });
      }
    }
    return rows;
  }
}

type DayFigures = {
  invocations?: number;
  durationAvgMs?: number;
  durationP50Ms?: number;
  durationP95Ms?: number;
  durationP99Ms?: number;
};

const DAY_FIELDS: Record<string, keyof DayFigures> = {
  "Invocations|Sum": "invocations",
  "Duration|Average": "durationAvgMs",
  "Duration|p50": "durationP50Ms",
  "Duration|p95": "durationP95Ms",
  "Duration|p99": "durationP99Ms",
};

/**
 * Points inside [start, end) only: a period that starts at `end` is not complete yet (some
 * emulators return it), and the next run reads it whole.
 */
export function clipSeries(
  series: readonly MetricSeriesInput[],
  window: { start: Date; end: Date },
): MetricSeriesInput[] {
  const startMs = window.start.getTime();
  const endMs = window.end.getTime();
  const result: MetricSeriesInput[] = [];
  for (const item of series) {
    const timestampsMs: number[] = [];
    const values: number[] = [];
    for (let index = 0; index < item.timestampsMs.length; index += 1) {
      const timestampMs = item.timestampsMs[index] as number;
      if (timestampMs < startMs || timestampMs >= endMs) continue;
      timestampsMs.push(timestampMs);
      values.push(item.values[index] as number);
    }
    if (timestampsMs.length > 0) result.push({ ...item, timestampsMs, values });
  }
  return result;
}
