/**
 * GetMetricData for many resources: packed by map-cloudwatch.ts, sent under a bounded concurrency,
 * each call followed through NextToken (ScanBy TimestampAscending), one yield per batch in batch
 * order. Thin: request building and result mapping are pure (map-cloudwatch.ts).
 *
 * Batches are sized so one window fits one page (100,800 datapoints): GetMetricData is billed per
 * metric per call, so a second page would bill the same metrics again.
 *
 * Failures:
 * - a percentile batch that fails (some emulators answer HTTP 500 to extended statistics) is
 *   reported once per error code and skipped; the other batches go on;
 * - a basic batch that fails after the SDK's retries (throttling, access denied, …) throws, with
 *   `api` set; the batches still running are cancelled;
 * - a query whose StatusCode is Forbidden or InternalError is reported once per status and left
 *   out (unknown, not an empty series); PartialData is followed through NextToken.
 */
import type { MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import type { AwsClients } from "./clients";
import type { SyncIssue } from "./errors";
import { classifyAwsError, isAbortError, throwIfAborted, withApi } from "./errors";
import type { Granularity, MetricQueryBatch, MetricRequest, MetricSeries } from "./map-cloudwatch";
import {
  GRANULARITY_PERIOD_SECONDS,
  findFailedMetricQueries,
  isPercentileBatch,
  mapMetricDataResults,
  packMetricQueries,
  queriesPerCallForWindow,
} from "./map-cloudwatch";

// lib/sync builds its requests from here too.
export { fargateMetricRequests, lambdaMetricRequests } from "./map-cloudwatch";

export const DEFAULT_METRICS_CONCURRENCY = 4;
/** A safety net against a NextToken that never ends (100,800 points a page is plenty). */
const MAX_PAGES_PER_BATCH = 100;
const API = "cloudwatch:GetMetricData";

export type MetricWindow = { start: Date; end: Date; granularity: Granularity };

export type FetchMetricSeriesOptions = {
  concurrency?: number;
  onIssue: (issue: SyncIssue) => void;
  signal?: AbortSignal;
  /** Called per GetMetricData call with the number of queries in it (the metrics billed). */
  onCall?: (metricsRequested: number) => void;
};

type BatchOutcome = { ok: true; series: MetricSeries[] } | { ok: false; error: unknown };

function linkedAbortController(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal) {
    if (signal.aborted) controller.abort(signal.reason);
    else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  }
  return controller;
}

export async function* fetchMetricSeries(
  clients: AwsClients,
  requests: readonly MetricRequest[],
  window: MetricWindow,
  options: FetchMetricSeriesOptions,
): AsyncGenerator<MetricSeries[]> {
  if (requests.length === 0) return;
  throwIfAborted(options.signal);
  const periodSeconds = GRANULARITY_PERIOD_SECONDS[window.granularity];
  const windowSeconds = Math.max(0, (window.end.getTime() - window.start.getTime()) / 1000);
  const batches = packMetricQueries(
    requests,
    periodSeconds,
    queriesPerCallForWindow(windowSeconds, periodSeconds),
  );
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_METRICS_CONCURRENCY);
  const controller = linkedAbortController(options.signal);
  const reported = new Set<string>();
  const reportOnce = (key: string, issue: Omit<SyncIssue, "region" | "api">) => {
    if (reported.has(key)) return;
    reported.add(key);
    options.onIssue({ region: clients.region, api: API, ...issue });
  };

  const fetchBatch = async (batch: MetricQueryBatch): Promise<MetricSeries[]> => {
    const results: MetricDataResult[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      throwIfAborted(controller.signal);
      const response = await clients.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: batch.queries,
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: "TimestampAscending",
          NextToken: nextToken,
        }),
        { abortSignal: controller.signal },
      );
      options.onCall?.(batch.queries.length);
      results.push(...(response.MetricDataResults ?? []));
      const previous = nextToken;
      nextToken = response.NextToken || undefined;
      pages += 1;
      if (nextToken && nextToken === previous) break;
    } while (nextToken && pages < MAX_PAGES_PER_BATCH);
    const failed = findFailedMetricQueries(results);
    for (const query of failed) {
      const request = batch.requestsById.get(query.id);
      reportOnce(`status:${query.statusCode}`, {
        code: query.statusCode,
        message:
          `CloudWatch could not read ${request ? `${request.namespace} ${request.metricName} ${request.stat}` : "a metric"}: ` +
          `${query.message} (left unknown; other queries with this status are not listed)`,
        ...(request ? { resourceArn: request.resourceArn } : {}),
      });
    }
    const failedIds = new Set(failed.map((query) => query.id));
    const series = mapMetricDataResults(results, batch, window.granularity);
    return [...batch.requestsById.keys()].flatMap((id, index) =>
      failedIds.has(id) ? [] : [series[index] as MetricSeries],
    );
  };

  // A sliding window: at most `concurrency` calls in flight and their results waiting, so a slow
  // consumer (the database) bounds memory instead of every batch's answer piling up.
  const started: Promise<BatchOutcome>[] = [];
  const startUpTo = (count: number) => {
    while (started.length < Math.min(count, batches.length)) {
      const batch = batches[started.length] as MetricQueryBatch;
      started.push(
        fetchBatch(batch).then(
          (series): BatchOutcome => ({ ok: true, series }),
          (error: unknown): BatchOutcome => ({ ok: false, error }),
        ),
      );
    }
  };

  try {
    startUpTo(concurrency);
    for (let index = 0; index < batches.length; index += 1) {
      const outcome = await (started[index] as Promise<BatchOutcome>);
      startUpTo(index + 1 + concurrency);
      if (outcome.ok) {
        yield outcome.series;
        continue;
      }
      const batch = batches[index] as MetricQueryBatch;
      if (isAbortError(outcome.error) || options.signal?.aborted) throw outcome.error;
      if (isPercentileBatch(batch)) {
        const classified = classifyAwsError(outcome.error);
        const stats = [...new Set(batch.queries.map((query) => query.MetricStat?.Stat ?? "?"))].join(", ");
        reportOnce(`percentile:${classified.code}`, {
          code: classified.code,
          message: `percentile statistics (${stats}) could not be read and are left unknown: ${classified.message}`,
        });
        continue;
      }
      throw withApi(outcome.error, API);
    }
  } finally {
    controller.abort();
  }
}
