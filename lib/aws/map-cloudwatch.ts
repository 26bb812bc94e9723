/**
 * CloudWatch metrics, pure half: which metrics a function or service needs (named exactly as the
 * demo stores them), how they are packed into GetMetricData calls (≤ 500 queries, percentiles in
 * calls of their own), and how results — possibly over several pages — become one series per
 * request. Tested on recorded-shape fixtures in __fixtures__/.
 */
import type { MetricDataQuery, MetricDataResult } from "@aws-sdk/client-cloudwatch";

export type Granularity = "hour" | "day";

export const GRANULARITY_PERIOD_SECONDS: Record<Granularity, number> = { hour: 3600, day: 86_400 };

/** GetMetricData limits (docs/aws-facts.md §5.4). */
export const MAX_QUERIES_PER_CALL = 500;
export const MAX_DATAPOINTS_PER_CALL = 100_800;

export type MetricRequest = {
  /** Where the series is stored: the function's unqualified ARN or the service ARN. */
  resourceArn: string;
  resourceType: "lambda" | "fargate";
  namespace: string;
  metricName: string;
  dimensions: { name: string; value: string }[];
  /** CloudWatch statistic: "Sum" | "Average" | "Maximum" | "p50" | "p95" | "p99". */
  stat: string;
  /** Stored unit label: "Count" | "Milliseconds" | "Percent" | "None". */
  unit: string;
};

export type MetricSeries = {
  resourceArn: string;
  resourceType: string;
  metric: string;
  stat: string;
  granularity: Granularity;
  unit: string;
  /** Ascending, no duplicates. */
  timestampsMs: number[];
  values: number[];
};

/** p50, p99.9, tm90, wm99, … — the extended statistics CloudWatch computes from distributions. */
export function isPercentileStat(stat: string): boolean {
  return /^(p|tm|wm|tc|ts|pr)\d/i.test(stat) || /^(TM|WM|TC|TS|PR)\(/.test(stat);
}

type MetricSpec = { metricName: string; stat: string; unit: string };

const LAMBDA_FUNCTION_METRICS: MetricSpec[] = [
  { metricName: "Invocations", stat: "Sum", unit: "Count" },
  { metricName: "Duration", stat: "Average", unit: "Milliseconds" },
  { metricName: "Errors", stat: "Sum", unit: "Count" },
  { metricName: "Throttles", stat: "Sum", unit: "Count" },
  { metricName: "ConcurrentExecutions", stat: "Maximum", unit: "Count" },
  { metricName: "Duration", stat: "p50", unit: "Milliseconds" },
  { metricName: "Duration", stat: "p95", unit: "Milliseconds" },
  { metricName: "Duration", stat: "p99", unit: "Milliseconds" },
];

const LAMBDA_PROVISIONED_METRICS: MetricSpec[] = [
  { metricName: "ProvisionedConcurrencyUtilization", stat: "Maximum", unit: "None" },
  { metricName: "ProvisionedConcurrencyInvocations", stat: "Sum", unit: "Count" },
  { metricName: "ProvisionedConcurrencySpilloverInvocations", stat: "Sum", unit: "Count" },
];

/**
 * A function's metrics (AWS/Lambda, dimension FunctionName: all versions and aliases), plus the
 * provisioned-concurrency metrics of each qualifier with PC (FunctionName + Resource "name:qualifier").
 * Every request is stored under the function's unqualified ARN: with several qualifiers there are
 * several series of the same metric and stat, which the caller merges (lib/sync mergeMetricSeries:
 * Sum adds, Maximum takes the larger).
 */
export function lambdaMetricRequests(fn: {
  arn: string;
  name: string;
  provisionedQualifiers: string[];
}): MetricRequest[] {
  const base = { resourceArn: fn.arn, resourceType: "lambda" as const, namespace: "AWS/Lambda" };
  const requests: MetricRequest[] = LAMBDA_FUNCTION_METRICS.map((spec) => ({
    ...base,
    ...spec,
    dimensions: [{ name: "FunctionName", value: fn.name }],
  }));
  for (const qualifier of [...new Set(fn.provisionedQualifiers)]) {
    for (const spec of LAMBDA_PROVISIONED_METRICS) {
      requests.push({
        ...base,
        ...spec,
        dimensions: [
          { name: "FunctionName", value: fn.name },
          { name: "Resource", value: `${fn.name}:${qualifier}` },
        ],
      });
    }
  }
  return requests;
}

/**
 * A Fargate service's metrics: AWS/ECS CPU and memory utilisation (free) and, from Container
 * Insights (only when enabled on the cluster; an empty series otherwise), the running task count.
 */
export function fargateMetricRequests(service: {
  arn: string;
  clusterName: string;
  name: string;
}): MetricRequest[] {
  const dimensions = [
    { name: "ClusterName", value: service.clusterName },
    { name: "ServiceName", value: service.name },
  ];
  const base = { resourceArn: service.arn, resourceType: "fargate" as const, dimensions };
  return [
    { ...base, namespace: "AWS/ECS", metricName: "CPUUtilization", stat: "Average", unit: "Percent" },
    { ...base, namespace: "AWS/ECS", metricName: "CPUUtilization", stat: "Maximum", unit: "Percent" },
    { ...base, namespace: "AWS/ECS", metricName: "MemoryUtilization", stat: "Average", unit: "Percent" },
    {
      ...base,
      namespace: "ECS/ContainerInsights",
      metricName: "RunningTaskCount",
      stat: "Average",
      unit: "Count",
    },
  ];
}

export type MetricQueryBatch = {
  queries: MetricDataQuery[];
  requestsById: Map<string, MetricRequest>;
};

/** Whether a batch holds percentile statistics (they are never mixed with basic ones). */
export function isPercentileBatch(batch: MetricQueryBatch): boolean {
  const first = batch.queries[0];
  return first?.MetricStat?.Stat !== undefined && isPercentileStat(first.MetricStat.Stat);
}

/**
 * GetMetricData calls for `requests`: basic statistics first, then percentiles, each in batches of
 * at most `maxQueriesPerCall` (≤ 500) queries with ids "m0"…"m499". No Unit is set on the query:
 * CloudWatch would drop datapoints published with another unit.
 */
export function packMetricQueries(
  requests: readonly MetricRequest[],
  periodSeconds: number,
  maxQueriesPerCall = MAX_QUERIES_PER_CALL,
): MetricQueryBatch[] {
  const size = Math.max(1, Math.min(MAX_QUERIES_PER_CALL, Math.floor(maxQueriesPerCall)));
  const basic = requests.filter((request) => !isPercentileStat(request.stat));
  const percentile = requests.filter((request) => isPercentileStat(request.stat));
  const batches: MetricQueryBatch[] = [];
  for (const group of [basic, percentile]) {
    for (let start = 0; start < group.length; start += size) {
      const batch: MetricQueryBatch = { queries: [], requestsById: new Map() };
      group.slice(start, start + size).forEach((request, index) => {
        const id = `m${index}`;
        batch.requestsById.set(id, request);
        batch.queries.push({
          Id: id,
          MetricStat: {
            Metric: {
              Namespace: request.namespace,
              MetricName: request.metricName,
              Dimensions: request.dimensions.map((dimension) => ({
                Name: dimension.name,
                Value: dimension.value,
              })),
            },
            Period: periodSeconds,
            Stat: request.stat,
          },
          ReturnData: true,
        });
      });
      batches.push(batch);
    }
  }
  return batches;
}

/** Queries per call that fit one page (MAX_DATAPOINTS_PER_CALL) for a window, so no call is paginated. */
export function queriesPerCallForWindow(windowSeconds: number, periodSeconds: number): number {
  const points = Math.max(1, Math.ceil(windowSeconds / periodSeconds));
  return Math.max(1, Math.min(MAX_QUERIES_PER_CALL, Math.floor(MAX_DATAPOINTS_PER_CALL / points)));
}

function toEpochMs(value: unknown): number | null {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : null;
  if (typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isFinite(ms) ? ms : null;
  }
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return null;
}

/**
 * One series per request of the batch (empty when CloudWatch returned no datapoint), in the batch's
 * order. Results of several pages with the same id are merged; points are sorted ascending, a
 * duplicate timestamp keeps the later page's value, a non-numeric value is dropped.
 */
export function mapMetricDataResults(
  results: readonly MetricDataResult[],
  batch: MetricQueryBatch,
  granularity: Granularity,
): MetricSeries[] {
  const pointsById = new Map<string, Map<number, number>>();
  for (const result of results) {
    if (!result.Id || !batch.requestsById.has(result.Id)) continue;
    let points = pointsById.get(result.Id);
    if (!points) {
      points = new Map();
      pointsById.set(result.Id, points);
    }
    const timestamps = result.Timestamps ?? [];
    const values = result.Values ?? [];
    for (let index = 0; index < Math.min(timestamps.length, values.length); index += 1) {
      const timestampMs = toEpochMs(timestamps[index]);
      const value = values[index];
      if (timestampMs === null || typeof value !== "number" || !Number.isFinite(value)) continue;
      points.set(timestampMs, value);
    }
  }
  const series: MetricSeries[] = [];
  for (const [id, request] of batch.requestsById) {
    const points = [...(pointsById.get(id) ?? new Map<number, number>())].sort(([a], [b]) => a - b);
    series.push({
      resourceArn: request.resourceArn,
      resourceType: request.resourceType,
      metric: request.metricName,
      stat: request.stat,
      granularity,
      unit: request.unit,
      timestampsMs: points.map(([timestampMs]) => timestampMs),
      values: points.map(([, value]) => value),
    });
  }
  return series;
}

export type FailedMetricQuery = { id: string; statusCode: "Forbidden" | "InternalError"; message: string };

/** Results whose StatusCode says the data could not be read (not "Complete" / "PartialData"). */
export function findFailedMetricQueries(results: readonly MetricDataResult[]): FailedMetricQuery[] {
  const failed = new Map<string, FailedMetricQuery>();
  for (const result of results) {
    if (!result.Id) continue;
    if (result.StatusCode !== "Forbidden" && result.StatusCode !== "InternalError") continue;
    const message =
      (result.Messages ?? [])
        .map((message) => [message.Code, message.Value].filter(Boolean).join(": "))
        .filter(Boolean)
        .join("; ") || result.StatusCode;
    failed.set(result.Id, { id: result.Id, statusCode: result.StatusCode, message });
  }
  return [...failed.values()];
}
