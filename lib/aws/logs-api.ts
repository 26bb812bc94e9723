/**
 * Lambda REPORT lines through CloudWatch Logs Insights (opt-in per account: billed per GB scanned).
 * Thin: the query and the mapping are in map-logs.ts.
 *
 * 1. DescribeLogGroups (prefix /aws/lambda/) finds which functions have a log group: a function
 *    never invoked has none, and one missing group fails a whole StartQuery. One issue names the
 *    missing ones. If the listing is not allowed, every group is tried and step 2 copes.
 * 2. StartQuery per chunk of ≤ 50 log groups, polled with GetQueryResults until it ends. A chunk
 *    that still fails with ResourceNotFoundException is split in halves until the missing group is
 *    found (reported) and the others are read.
 * 3. At the deadline every running query is stopped (StopQuery) and reported; what completed is kept.
 *
 * Access denied, missing credentials or an unreachable endpoint throw (with `api`): the caller
 * reports the step. Other per-query failures are reported once per (api, code) and skipped.
 */
import type { QueryStatus } from "@aws-sdk/client-cloudwatch-logs";
import {
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  paginateDescribeLogGroups,
} from "@aws-sdk/client-cloudwatch-logs";
import pLimit from "p-limit";
import type { AwsClients } from "./clients";
import type { SyncIssue } from "./errors";
import { IssueOnce, classifyAwsError, isAbortError, throwIfAborted, withApi } from "./errors";
import type { ReportObservation } from "./map-logs";
import {
  LAMBDA_LOG_GROUP_PREFIX,
  MAX_QUERY_RESULT_ROWS,
  REPORT_QUERY,
  chunkLogGroups,
  mapReportQueryResults,
  toLogGroupName,
} from "./map-logs";

export const DEFAULT_LOGS_CONCURRENCY = 2;
export const DEFAULT_POLL_INTERVAL_MS = 2_000;
const FINISHED: ReadonlySet<QueryStatus | undefined> = new Set([
  "Complete",
  "Failed",
  "Cancelled",
  "Timeout",
]);
/** Kinds that make every further query fail the same way: stop and let the caller report the step. */
const FATAL_KINDS = new Set(["access-denied", "no-credentials", "unreachable"]);

export type QueryReportOptions = {
  concurrency?: number;
  /** Time budget in ms from the call; queries still running then are stopped. */
  deadlineMs: number;
  pollIntervalMs?: number;
  onIssue: (issue: SyncIssue) => void;
  signal?: AbortSignal;
};

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(Object.assign(new Error("aborted"), { name: "AbortError" }));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function isFatal(error: unknown): boolean {
  return isAbortError(error) || FATAL_KINDS.has(classifyAwsError(error).kind);
}

export async function queryReportObservations(
  clients: AwsClients,
  functionNames: readonly string[],
  window: { start: Date; end: Date },
  options: QueryReportOptions,
): Promise<{ observations: ReportObservation[]; bytesScanned: number }> {
  const { signal } = options;
  const deadline = Date.now() + Math.max(0, options.deadlineMs);
  const pollIntervalMs = Math.max(10, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  const sendOptions = signal ? { abortSignal: signal } : {};
  const issues = new IssueOnce(clients.region, options.onIssue);
  const observations: ReportObservation[] = [];
  const missing: string[] = [];
  let bytesScanned = 0;
  const names = [...new Set(functionNames)];
  if (names.length === 0) return { observations, bytesScanned };
  throwIfAborted(signal);

  // 1. Which log groups exist.
  let groups = names.map(toLogGroupName);
  try {
    const existing = new Set<string>();
    for await (const page of paginateDescribeLogGroups(
      { client: clients.logs, pageSize: 50 },
      { logGroupNamePrefix: LAMBDA_LOG_GROUP_PREFIX },
      sendOptions,
    )) {
      for (const group of page.logGroups ?? []) if (group.logGroupName) existing.add(group.logGroupName);
    }
    missing.push(...groups.filter((group) => !existing.has(group)));
    groups = groups.filter((group) => existing.has(group));
  } catch (error) {
    if (isAbortError(error)) throw error;
    issues.report("logs:DescribeLogGroups", error, undefined, "every log group is queried without a check");
  }

  // 2. One query per chunk, halves on a missing group.
  const startTime = Math.floor(window.start.getTime() / 1000);
  const endTime = Math.max(startTime, Math.ceil(window.end.getTime() / 1000) - 1);
  const running = new Set<string>();
  /** Set when one chunk failed fatally: the others stop at their next step. */
  let isStopped = false;

  const stopQuery = async (queryId: string) => {
    running.delete(queryId);
    try {
      await clients.logs.send(new StopQueryCommand({ queryId }));
    } catch {
      // Already finished or not allowed: the query ends on its own (Insights times out at 60 minutes).
    }
  };

  const runChunk = async (chunk: string[]): Promise<void> => {
    throwIfAborted(signal);
    if (isStopped) return;
    if (Date.now() >= deadline) {
      issues.report(
        "logs:StartQuery",
        {
          name: "DeadlineExceeded",
          message: "the Logs Insights time budget ran out before every query started",
        },
        undefined,
        `${chunk.length} log group(s) not read`,
      );
      return;
    }
    let queryId: string | undefined;
    try {
      const started = await clients.logs.send(
        new StartQueryCommand({
          logGroupNames: chunk,
          startTime,
          endTime,
          queryString: REPORT_QUERY,
          limit: MAX_QUERY_RESULT_ROWS,
        }),
        sendOptions,
      );
      queryId = started.queryId;
    } catch (error) {
      if (classifyAwsError(error).kind === "not-found") {
        if (chunk.length === 1) {
          missing.push(...chunk);
          return;
        }
        const half = Math.ceil(chunk.length / 2);
        await runChunk(chunk.slice(0, half));
        await runChunk(chunk.slice(half));
        return;
      }
      if (isFatal(error)) throw withApi(error, "logs:StartQuery");
      issues.report("logs:StartQuery", error, undefined, `${chunk.length} log group(s) not read`);
      return;
    }
    if (!queryId) {
      issues.report("logs:StartQuery", {
        name: "MalformedResponse",
        message: "StartQuery returned no queryId",
      });
      return;
    }
    running.add(queryId);
    let scanned = 0;
    try {
      while (true) {
        if (isStopped) {
          await stopQuery(queryId);
          return;
        }
        if (Date.now() >= deadline) {
          await stopQuery(queryId);
          issues.report(
            "logs:GetQueryResults",
            {
              name: "DeadlineExceeded",
              message: "a Logs Insights query was still running at the deadline; stopped",
            },
            undefined,
            `${chunk.length} log group(s) not read`,
          );
          return;
        }
        await sleep(Math.min(pollIntervalMs, Math.max(0, deadline - Date.now())), signal);
        const response = await clients.logs.send(new GetQueryResultsCommand({ queryId }), sendOptions);
        scanned = response.statistics?.bytesScanned ?? scanned;
        if (!FINISHED.has(response.status)) continue;
        running.delete(queryId);
        if (response.status !== "Complete") {
          issues.report(
            "logs:GetQueryResults",
            {
              name: `Query${response.status ?? "Unknown"}`,
              message: `Logs Insights query ended ${response.status}`,
            },
            undefined,
            `${chunk.length} log group(s) not read`,
          );
          return;
        }
        const rows = response.results ?? [];
        if (rows.length >= MAX_QUERY_RESULT_ROWS) {
          issues.report("logs:GetQueryResults", {
            name: "ResultsTruncated",
            message: `a query returned the maximum of ${MAX_QUERY_RESULT_ROWS} rows; some days may be missing`,
          });
        }
        observations.push(...mapReportQueryResults(rows));
        return;
      }
    } catch (error) {
      if (queryId && running.has(queryId)) await stopQuery(queryId);
      if (isFatal(error)) throw withApi(error, "logs:GetQueryResults");
      issues.report("logs:GetQueryResults", error, undefined, `${chunk.length} log group(s) not read`);
    } finally {
      // Stopped and failed queries are billed for what they scanned too.
      bytesScanned += scanned;
    }
  };

  const limit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_LOGS_CONCURRENCY));
  try {
    await Promise.all(chunkLogGroups(groups).map((chunk) => limit(() => runChunk(chunk))));
  } catch (error) {
    isStopped = true;
    throw error;
  } finally {
    limit.clearQueue();
    await Promise.all([...running].map((queryId) => stopQuery(queryId)));
  }

  if (missing.length > 0) {
    const sample = missing.slice(0, 5).join(", ");
    options.onIssue({
      region: clients.region,
      api: "logs:StartQuery",
      code: "ResourceNotFoundException",
      message:
        `${missing.length} function(s) have no log group (never invoked, or logging elsewhere): ` +
        `${sample}${missing.length > 5 ? ", …" : ""}`,
    });
  }
  observations.sort(
    (a, b) =>
      (a.functionName < b.functionName ? -1 : a.functionName > b.functionName ? 1 : 0) ||
      a.day.getTime() - b.day.getTime() ||
      a.memoryMb - b.memoryMb,
  );
  return { observations, bytesScanned };
}
