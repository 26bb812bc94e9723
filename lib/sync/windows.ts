/**
 * Pure: which periods a sync reads from CloudWatch and Cost Explorer, and what a sync costs in AWS
 * charges.
 *
 * - Hourly points for the last 14 days, daily points back to `days` (at most 90) — complete
 *   periods only (the current hour and day are read by the next run), so a re-read returns the
 *   same values and changes nothing.
 * - Incremental: after a good run, only what is new since it, plus a re-read of the last 2 days
 *   (CloudWatch fills late datapoints in).
 * - Billed cost (Cost Explorer): whole UTC days back to `days`; after a good read, from the first
 *   day AWS still estimated — and the whole previous month until all of it is final — to today.
 */

import { queriesPerCallForWindow } from "@/lib/aws/map-cloudwatch";
import type { CostCoverage } from "@/lib/db/import/sync-state";
import { COST_EXPLORER_USD_PER_REQUEST } from "@/lib/pricing/api-charges";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const HOURLY_DAYS = 14;
export const MAX_SYNC_DAYS = 90;
export const DEFAULT_SYNC_DAYS = 90;
export const REREAD_DAYS = 2;

/** CloudWatch GetMetricData: $0.01 per 1,000 metrics requested (docs/aws-facts.md). */
export const GET_METRIC_DATA_USD_PER_METRIC = 0.01 / 1000;
/** CloudWatch Logs Insights: $0.005 per GB of log data scanned. */
export const LOGS_INSIGHTS_USD_PER_GB = 0.005;
/** Cost Explorer API: $0.01 per request, each page a request. */
export { COST_EXPLORER_USD_PER_REQUEST };

export type TimeWindow = { start: Date; end: Date };
export type MetricWindows = { hourly: TimeWindow | null; daily: TimeWindow | null };

const floorTo = (ms: number, unitMs: number) => Math.floor(ms / unitMs) * unitMs;

export function computeMetricWindows(now: Date, days: number, lastGoodMetricsTo: Date | null): MetricWindows {
  const hourlyEnd = floorTo(now.getTime(), HOUR_MS);
  const dailyEnd = floorTo(now.getTime(), DAY_MS);
  const incrementalStart =
    lastGoodMetricsTo === null ? null : floorTo(lastGoodMetricsTo.getTime(), DAY_MS) - REREAD_DAYS * DAY_MS;
  const dailyStart = Math.max(dailyEnd - days * DAY_MS, incrementalStart ?? -Infinity);
  const hourlyStart = Math.max(
    hourlyEnd - Math.min(HOURLY_DAYS, days) * DAY_MS,
    incrementalStart ?? -Infinity,
  );
  return {
    hourly: hourlyStart < hourlyEnd ? { start: new Date(hourlyStart), end: new Date(hourlyEnd) } : null,
    daily: dailyStart < dailyEnd ? { start: new Date(dailyStart), end: new Date(dailyEnd) } : null,
  };
}

/** The metrics coverage after a good read of `daily`: from the earliest read to its end. */
export function extendCoverage(
  previous: { metricsFrom: Date | null; metricsTo: Date | null },
  daily: TimeWindow,
): { metricsFrom: Date; metricsTo: Date } {
  const from =
    previous.metricsFrom && previous.metricsFrom.getTime() < daily.start.getTime()
      ? previous.metricsFrom
      : daily.start;
  return { metricsFrom: from, metricsTo: daily.end };
}

const monthStartMs = (ms: number, monthsBack = 0): number => {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - monthsBack, 1);
};

/**
 * The whole UTC days a sync reads billed cost for, `end` exclusive (today is incomplete: the next
 * run reads it). A first read goes back `days`. After that, AWS's restatements are re-read: from
 * the first day still estimated (costFinalTo), and from the first of the previous month while any
 * of it is not final — never further back than `days`.
 */
export function computeCostWindow(now: Date, days: number, coverage: CostCoverage): TimeWindow | null {
  const end = floorTo(now.getTime(), DAY_MS);
  const backfillStart = end - days * DAY_MS;
  let start = backfillStart;
  if (coverage.to !== null) {
    const finalTo = (coverage.finalTo ?? coverage.from ?? coverage.to).getTime();
    const restateFrom = finalTo < monthStartMs(end) ? Math.min(finalTo, monthStartMs(end, 1)) : finalTo;
    start = Math.max(backfillStart, Math.min(restateFrom, coverage.to.getTime()));
  }
  return start < end ? { start: new Date(start), end: new Date(end) } : null;
}

/**
 * The coverage after a read of `window` that answered `answered` days: null (unchanged) unless
 * every day of the window was answered. Contiguous with the previous coverage, it extends it;
 * otherwise it starts again at the window. Days before the first estimated day are final.
 */
export function extendCostCoverage(
  previous: CostCoverage,
  window: TimeWindow,
  answered: readonly { day: Date; isEstimated: boolean }[],
): { from: Date; to: Date; finalTo: Date } | null {
  const byDay = new Map(answered.map((day) => [floorTo(day.day.getTime(), DAY_MS), day.isEstimated]));
  let firstEstimated: number | null = null;
  for (let day = window.start.getTime(); day < window.end.getTime(); day += DAY_MS) {
    const isEstimated = byDay.get(day);
    if (isEstimated === undefined) return null;
    if (isEstimated && firstEstimated === null) firstEstimated = day;
  }
  const isContiguous =
    previous.from !== null && previous.to !== null && previous.to.getTime() >= window.start.getTime();
  const from = isContiguous
    ? Math.min(previous.from!.getTime(), window.start.getTime())
    : window.start.getTime();
  const to = isContiguous ? Math.max(previous.to!.getTime(), window.end.getTime()) : window.end.getTime();
  return {
    from: new Date(from),
    to: new Date(to),
    finalTo: new Date(firstEstimated ?? window.end.getTime()),
  };
}

export type SyncEstimateInput = {
  functions: number;
  services: number;
  /** Provisioned-concurrency aliases across the functions (3 more metrics each). */
  provisionedQualifiers?: number;
  days: number;
  clusters?: number;
  /** Cost Explorer requests of the backfill (0 when it is off for the account). */
  costExplorerRequests?: number;
};

export type SyncEstimate = {
  /** AWS API calls, all APIs. */
  calls: number;
  getMetricDataCalls: number;
  metricsRequested: number;
  costExplorerRequests: number;
  estimatedCostUsd: number;
};

/** Metric queries a function and a service need per window (lib/aws lambdaMetricRequests / fargateMetricRequests). */
export const LAMBDA_BASIC_QUERIES = 5; // Invocations, Duration Average, Errors, Throttles, ConcurrentExecutions
export const LAMBDA_PERCENTILE_QUERIES = 3; // Duration p50, p95, p99
export const PROVISIONED_QUERIES_PER_QUALIFIER = 3;
export const FARGATE_QUERIES = 4; // CPU Average and Maximum, Memory Average, RunningTaskCount

/**
 * Calls and dollars of a full backfill (first sync) of `days` days. GetMetricData is paid per metric
 * requested and Cost Explorer per request; every other API the sync uses is free.
 */
export function estimateSync(input: SyncEstimateInput): SyncEstimate {
  const days = Math.min(Math.max(input.days, 1), MAX_SYNC_DAYS);
  const basic =
    input.functions * LAMBDA_BASIC_QUERIES +
    (input.provisionedQualifiers ?? 0) * PROVISIONED_QUERIES_PER_QUALIFIER +
    input.services * FARGATE_QUERIES;
  const percentile = input.functions * LAMBDA_PERCENTILE_QUERIES;
  let getMetricDataCalls = 0;
  let metricsRequested = 0;
  // Packed as the sync packs them (lib/aws packMetricQueries): one page per call, so a call holds
  // at most 100,800 datapoints — 300 queries of 14 days of hours, 500 of daily points.
  for (const [points, periodSeconds] of [
    [Math.min(HOURLY_DAYS, days) * 24, 3600],
    [days, 86_400],
  ] as const) {
    const perCall = queriesPerCallForWindow(points * periodSeconds, periodSeconds);
    for (const queries of [basic, percentile]) {
      getMetricDataCalls += Math.ceil(queries / perCall);
      metricsRequested += queries;
    }
  }
  const lambdaCalls = Math.ceil(input.functions / 50) + input.functions * 2;
  const clusters = input.clusters ?? (input.services > 0 ? 1 : 0);
  const ecsCalls = 1 + clusters + Math.ceil(input.services / 10) * 2;
  const costExplorerRequests = input.costExplorerRequests ?? 0;
  return {
    calls: 1 + lambdaCalls + ecsCalls + getMetricDataCalls + costExplorerRequests,
    getMetricDataCalls,
    metricsRequested,
    costExplorerRequests,
    estimatedCostUsd:
      metricsRequested * GET_METRIC_DATA_USD_PER_METRIC +
      costExplorerRequests * COST_EXPLORER_USD_PER_REQUEST,
  };
}
