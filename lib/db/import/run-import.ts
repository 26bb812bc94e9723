/**
 * The one import pipeline: the demo and the AWS sync both produce batches of rows; this owns
 * everything else.
 *
 * - the lock (one import per scope at a time; a second gets ImportAlreadyRunningError),
 * - the SyncRun lifecycle: "running" with progress and a heartbeat, then "succeeded", "partial"
 *   (issues were reported: what is missing is named) or "failed" (an exception; the rows of the
 *   batches already committed stay, the previous summaries stay until a run finishes),
 * - interrupted runs: a "running" run of the same scope whose process is gone is marked failed,
 * - scoped deletes (the demo replaces the previous demo fleet),
 * - one transaction per batch (upserts keyed on natural keys, so a re-run changes nothing),
 * - inventory completeness: resources of a completed inventory scope that a run did not see are
 *   marked deleted (never erased),
 * - the ResourceSummary and DailySpend recompute.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { Db } from "@/lib/db/create-db";
import { refreshReconciliation } from "@/lib/db/queries/reconciliation-store";
import { refreshRecommendations } from "@/lib/db/queries/recommendation-store";
import { recomputeDailySpendWith, recomputeResourceSummariesWith, writeDailySpend } from "@/lib/db/summaries";
import type { BulkWriter, SqlValue } from "./bulk-writer";
import { openBulkWriter } from "./bulk-writer";
import type { AcquireLockResult } from "./import-lock";
import { acquireImportLock, releaseImportLock, touchImportLock } from "./import-lock";
import {
  ACCOUNT_REGION_TABLE,
  ACCOUNT_TABLE,
  COMPUTE_OPTIMIZER_RECOMMENDATION_TABLE,
  COMPUTE_OPTIMIZER_STATE_TABLE,
  COST_LINE_TABLE,
  FARGATE_SERVICE_CONFIG_CHANGE_TABLE,
  FARGATE_SERVICE_TABLE,
  LAMBDA_CONFIG_CHANGE_TABLE,
  LAMBDA_FUNCTION_TABLE,
  LAMBDA_PROVISIONED_CONCURRENCY_TABLE,
  MEMORY_OBSERVATION_TABLE,
} from "./tables";
import type {
  AccountCostCoverageRow,
  AccountRegionRow,
  AccountRow,
  ComputeOptimizerRead,
  CostLineReplacement,
  CostLineRow,
  DailySpendRow,
  FargateServiceConfigChangeRow,
  FargateServiceRow,
  LambdaConfigChangeRow,
  LambdaFunctionRow,
  LambdaProvisionedConcurrencyRow,
  MemoryObservationRow,
  MetricSeriesInput,
} from "./tables";

export type ImportKind = "demo" | "aws";
export type ImportStatus = "running" | "succeeded" | "partial" | "failed";

/** Rows for one transaction. Every field is optional. */
export type ImportBatch = {
  accounts?: readonly AccountRow[];
  accountRegions?: readonly AccountRegionRow[];
  functions?: readonly LambdaFunctionRow[];
  lambdaConfigChanges?: readonly LambdaConfigChangeRow[];
  provisionedConcurrency?: readonly LambdaProvisionedConcurrencyRow[];
  /** Functions whose provisioned-concurrency configs this batch lists completely (others are removed). */
  provisionedConcurrencyFor?: readonly string[];
  services?: readonly FargateServiceRow[];
  serviceConfigChanges?: readonly FargateServiceConfigChangeRow[];
  metricSeries?: readonly MetricSeriesInput[];
  memoryObservations?: readonly MemoryObservationRow[];
  costLines?: readonly CostLineRow[];
  /**
   * These days of this account and source are replaced by the batch's `costLines`: stored lines of
   * the days that the batch does not list are deleted, in the same transaction (a restated day
   * never keeps an old line next to a new one, and an unchanged day changes nothing).
   */
  replaceCostLines?: CostLineReplacement;
  /** The period whose bill was read (Account.costFrom/costTo/costFinalTo). */
  accountCostCoverage?: readonly AccountCostCoverageRow[];
  /** Reads of AWS Compute Optimizer: state, and on success the replacing recommendations. */
  computeOptimizer?: readonly ComputeOptimizerRead[];
  progress?: ImportProgress;
};

export type ImportProgress = { step: string; done: number; total: number };

/** Something a run could not read: the run ends "partial" and names it. */
export type ImportIssue = {
  accountId?: string;
  region: string;
  api: string;
  code: string;
  message: string;
  resourceArn?: string;
};

/** What the producer may do besides yielding batches. */
export type ImportContext = {
  readonly runId: string;
  /** For reads the producer needs (what is stored already). Writes go through batches. */
  readonly writer: BulkWriter;
  reportIssue(issue: ImportIssue): void;
  /** The AWS calls made so far, per API (replaces the previous figures). */
  setCalls(calls: Record<string, number>): void;
  setEstimatedCostUsd(costUsd: number): void;
  /**
   * The inventory of one account, region and resource type was read completely: resources stored
   * for it that this run did not write are marked deleted at the end.
   */
  completeInventory(scope: { accountId: string; region: string; resourceType: "lambda" | "fargate" }): void;
  /** Extra fields recorded in the run's detail (merged). */
  setDetail(detail: Record<string, unknown>): void;
  /** Aborted when the lock is lost (another process took over); producers should stop. */
  readonly signal: AbortSignal;
};

export type RunImportOptions = {
  kind: ImportKind;
  /** Lock scope: "demo" or "account:<id>". */
  lockScope: string;
  accountId?: string | null;
  /** Use this id (a server that took the lock and started the process passes it); default new. */
  runId?: string;
  /** createdAt/updatedAt of written rows (the demo passes its anchor). Default now. */
  now?: Date;
  /** Deletes every demo row first (the demo replaces the previous demo fleet). */
  isReplacingDemo?: boolean;
  /** Window of the ResourceSummary recompute. */
  summaryWindow: { windowDays: number; windowEnd: Date };
  /**
   * DailySpend: "from-batches" sums the cost lines of the batches (the demo: all of its accounts'
   * lines are in the run); otherwise DailySpend is recomputed from CostLine for these accounts.
   */
  dailySpend:
    | { kind: "from-batches"; accountIds: readonly string[] }
    | { kind: "recompute"; accountIds: readonly string[] };
  /** Recorded in the run's detail at the start (options, regions…). */
  detail?: Record<string, unknown>;
  produce: (context: ImportContext) => AsyncIterable<ImportBatch> | Iterable<ImportBatch>;
  onProgress?: (progress: ImportProgress & { rowsWritten: number }) => void;
  lock?: { staleMs?: number; heartbeatMs?: number };
  /**
   * Recompute what the views read after the summaries (default true): the stored recommendations
   * (the page, the exports, the review workflow) and the reconciliation of the summary window. A
   * failure is recorded as an issue (the run is partial); the imported data stays.
   */
  refreshDerived?: boolean;
};

export type ImportResult = {
  runId: string;
  status: "succeeded" | "partial";
  rowsByTable: Record<string, number>;
  rowsWritten: number;
  rowsDeleted: number;
  /** Resources marked deleted because a complete inventory no longer lists them. */
  resourcesMarkedDeleted: number;
  issues: ImportIssue[];
  calls: Record<string, number>;
  estimatedCostUsd: number | null;
  elapsedMs: number;
};

export class ImportAlreadyRunningError extends Error {
  readonly runId: string;

  constructor(scope: string, runId: string) {
    super(`an import of ${scope} is already running (run ${runId}); wait for it to finish`);
    this.name = "ImportAlreadyRunningError";
    this.runId = runId;
  }
}

const DEFAULT_HEARTBEAT_MS = 5_000;

export async function runImport(db: Db, options: RunImportOptions): Promise<ImportResult> {
  const startedAt = new Date();
  const runId = options.runId ?? `${options.kind}-${randomUUID()}`;
  const writer = await openBulkWriter(db, { now: options.now });
  const rowsByTable: Record<string, number> = {};
  const issues: ImportIssue[] = [];
  const issueKeys = new Set<string>();
  const completedInventories: { accountId: string; region: string; resourceType: "lambda" | "fargate" }[] =
    [];
  const seenArns = new Set<string>();
  let calls: Record<string, number> = {};
  let estimatedCostUsd: number | null = null;
  let extraDetail: Record<string, unknown> = { ...options.detail };
  let progress: ImportProgress = { step: "starting", done: 0, total: 0 };
  let rowsDeleted = 0;
  let hasLock = false;
  const abort = new AbortController();
  // Every concurrent AWS call listens to the signal.
  setMaxListeners(1_000, abort.signal);
  const count = (table: string, changed: number) => {
    rowsByTable[table] = (rowsByTable[table] ?? 0) + changed;
  };
  const rowsWritten = () => sumValues(rowsByTable);
  const detail = () => ({ ...extraDetail, ...progress, rowsWritten: rowsWritten(), rowsByTable });

  const context: ImportContext = {
    runId,
    writer,
    reportIssue: (issue) => {
      const full = { ...issue, accountId: issue.accountId ?? options.accountId ?? undefined };
      const key = JSON.stringify([
        full.accountId,
        full.region,
        full.api,
        full.code,
        full.message,
        full.resourceArn,
      ]);
      if (issueKeys.has(key)) return; // the same failure in two windows or pages is one issue
      issueKeys.add(key);
      issues.push(full);
    },
    setCalls: (next) => {
      calls = { ...next };
    },
    setEstimatedCostUsd: (costUsd) => {
      estimatedCostUsd = costUsd;
    },
    completeInventory: (scope) => {
      completedInventories.push(scope);
    },
    setDetail: (next) => {
      extraDetail = { ...extraDetail, ...next };
    },
    signal: abort.signal,
  };

  const saveRun = async (status: ImportStatus, finishedAt: Date | null, error: string | null = null) => {
    const now = new Date();
    await writer.execute(
      `UPDATE "SyncRun" SET "status" = ?, "detailJson" = ?, "issuesJson" = ?, "callsJson" = ?,
              "estimatedCostUsd" = ?, "heartbeatAt" = ?, "finishedAt" = ?, "error" = ?, "updatedAt" = ?
        WHERE "id" = ?`,
      [
        status,
        JSON.stringify(detail()),
        JSON.stringify(issues),
        JSON.stringify(calls),
        estimatedCostUsd,
        now,
        finishedAt,
        error,
        now,
        runId,
      ],
    );
  };

  let lastHeartbeat = 0;
  const heartbeatMs = options.lock?.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const heartbeat = async (force = false) => {
    if (!force && Date.now() - lastHeartbeat < heartbeatMs) return;
    lastHeartbeat = Date.now();
    if (!(await touchImportLock(writer, options.lockScope, runId))) {
      abort.abort(new Error("the import lock was taken over by another process"));
      throw new Error(`lost the import lock of ${options.lockScope}; another run took over`);
    }
    await saveRun("running", null);
  };
  // A timer keeps the heartbeat going while the producer waits on slow network calls.
  let heartbeatBusy = false;
  const timer = setInterval(() => {
    if (heartbeatBusy || !hasLock) return;
    heartbeatBusy = true;
    heartbeat()
      .catch(() => {})
      .finally(() => {
        heartbeatBusy = false;
      });
  }, heartbeatMs);
  timer.unref();

  try {
    await upsertRunningRow(writer, runId, options, startedAt);
    const lock: AcquireLockResult = await acquireImportLock(writer, options.lockScope, runId, {
      staleMs: options.lock?.staleMs,
    });
    if (!lock.isAcquired) {
      await writer.execute(`DELETE FROM "SyncRun" WHERE "id" = ? AND "status" = 'running'`, [runId]);
      throw new ImportAlreadyRunningError(options.lockScope, lock.holder.runId);
    }
    hasLock = true;
    await markInterruptedRuns(writer, options, runId);

    if (options.isReplacingDemo) {
      progress = { step: "removing previous demo", done: 0, total: 1 };
      options.onProgress?.({ ...progress, rowsWritten: 0 });
      rowsDeleted += await writer.transaction(() => deleteDemoRows(writer, { keepSyncRunId: runId }));
      progress = { step: "removing previous demo", done: 1, total: 1 };
      await heartbeat(true);
    }

    const spend = new DailySpendAccumulator();
    for await (const batch of options.produce(context)) {
      if (abort.signal.aborted) throw abort.signal.reason;
      if (options.dailySpend.kind === "from-batches" && batch.costLines) spend.add(batch.costLines);
      for (const row of batch.functions ?? []) seenArns.add(row.arn);
      for (const row of batch.services ?? []) seenArns.add(row.arn);
      await writer.transaction(async () => {
        rowsDeleted += await writeBatch(writer, batch, count);
        if (batch.progress) progress = batch.progress;
        await heartbeat(true);
      });
      options.onProgress?.({ ...progress, rowsWritten: rowsWritten() });
    }

    progress = { step: "summaries", done: 0, total: 1 };
    options.onProgress?.({ ...progress, rowsWritten: rowsWritten() });
    const resourcesMarkedDeleted = await writer.transaction(async () => {
      const marked = await markUnseenDeleted(writer, completedInventories, seenArns, startedAt);
      count("LambdaFunction", marked.functions);
      count("FargateService", marked.services);
      const summaries = await recomputeResourceSummariesWith(writer, options.summaryWindow);
      count("ResourceSummary", summaries.rowsChanged);
      rowsDeleted += summaries.rowsDeleted;
      const dailySpend =
        options.dailySpend.kind === "from-batches"
          ? await writeDailySpend(writer, spend.toRows(), options.dailySpend.accountIds)
          : await recomputeDailySpendWith(writer, { accountIds: options.dailySpend.accountIds });
      count("DailySpend", dailySpend.rowsChanged);
      rowsDeleted += dailySpend.rowsDeleted;
      return marked.functions + marked.services;
    });
    if (options.refreshDerived !== false) {
      const steps = [
        {
          step: "recommendations",
          run: async () => count("Recommendation", (await refreshRecommendations(db)).items),
        },
        {
          step: "reconciliation",
          run: () => refreshReconciliation(db, { windowEnd: options.summaryWindow.windowEnd }),
        },
      ];
      for (const { step, run } of steps) {
        progress = { step, done: 0, total: 1 };
        options.onProgress?.({ ...progress, rowsWritten: rowsWritten() });
        await heartbeat(true);
        try {
          await run();
        } catch (error) {
          issues.push({
            region: "all",
            api: `breakeven:${step}`,
            code: "RecomputeFailed",
            message: `${step} was not recomputed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
          });
        }
      }
    }
    progress = { step: "done", done: 1, total: 1 };
    const status = issues.length > 0 ? "partial" : "succeeded";
    await saveRun(status, new Date());
    return {
      runId,
      status,
      rowsByTable,
      rowsWritten: rowsWritten(),
      rowsDeleted,
      resourcesMarkedDeleted,
      issues,
      calls,
      estimatedCostUsd,
      elapsedMs: Date.now() - startedAt.getTime(),
    };
  } catch (error) {
    if (!(error instanceof ImportAlreadyRunningError)) {
      const message = error instanceof Error ? error.message : String(error);
      await saveRun("failed", new Date(), message).catch(() => {});
    }
    throw error;
  } finally {
    clearInterval(timer);
    if (hasLock) await releaseImportLock(writer, options.lockScope, runId).catch(() => {});
    await writer.close();
  }
}

/** Inserts the run's row (or takes over the row a server created when it started the process). */
async function upsertRunningRow(
  writer: BulkWriter,
  runId: string,
  options: RunImportOptions,
  startedAt: Date,
): Promise<void> {
  const detail = JSON.stringify({ ...options.detail, step: "starting", done: 0, total: 0 });
  const updated = await writer.execute(
    `UPDATE "SyncRun" SET "status" = 'running', "heartbeatAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" = 'running'`,
    [startedAt, startedAt, runId],
  );
  if (updated === 1) return;
  await writer.execute(
    `INSERT INTO "SyncRun" ("id", "kind", "status", "accountId", "startedAt", "finishedAt", "detailJson",
                            "issuesJson", "callsJson", "estimatedCostUsd", "heartbeatAt", "error", "createdAt", "updatedAt")
     VALUES (?, ?, 'running', ?, ?, NULL, ?, '[]', '{}', NULL, ?, NULL, ?, ?)`,
    [runId, options.kind, options.accountId ?? null, startedAt, detail, startedAt, startedAt, startedAt],
  );
}

/**
 * Runs of the same scope still marked "running" (their process was killed: we hold the lock, so
 * none is alive) become "failed", so nothing stays "running" forever.
 */
async function markInterruptedRuns(
  writer: BulkWriter,
  options: RunImportOptions,
  runId: string,
): Promise<void> {
  const now = new Date();
  const scopeSql = options.accountId ? `"accountId" = ?` : `"accountId" IS NULL`;
  const params: SqlValue[] = [
    "interrupted: the process stopped before the run finished",
    now,
    now,
    options.kind,
    runId,
  ];
  if (options.accountId) params.push(options.accountId);
  await writer.execute(
    `UPDATE "SyncRun" SET "status" = 'failed', "error" = ?, "finishedAt" = ?, "updatedAt" = ?
      WHERE "status" = 'running' AND "kind" = ? AND "id" <> ? AND ${scopeSql}`,
    params,
  );
}

/** Writes one batch (inside the caller's transaction); returns the rows it deleted. */
async function writeBatch(
  writer: BulkWriter,
  batch: ImportBatch,
  count: (table: string, changed: number) => void,
): Promise<number> {
  let deleted = 0;
  if (batch.accounts?.length) count("Account", await writer.upsert(ACCOUNT_TABLE, batch.accounts));
  if (batch.accountRegions?.length)
    count("AccountRegion", await writer.upsert(ACCOUNT_REGION_TABLE, batch.accountRegions));
  if (batch.functions?.length)
    count("LambdaFunction", await writer.upsert(LAMBDA_FUNCTION_TABLE, batch.functions));
  if (batch.lambdaConfigChanges?.length)
    count("LambdaConfigChange", await writer.upsert(LAMBDA_CONFIG_CHANGE_TABLE, batch.lambdaConfigChanges));
  if (batch.provisionedConcurrency?.length) {
    count(
      "LambdaProvisionedConcurrency",
      await writer.upsert(LAMBDA_PROVISIONED_CONCURRENCY_TABLE, batch.provisionedConcurrency),
    );
  }
  if (batch.provisionedConcurrencyFor?.length) {
    count(
      "LambdaProvisionedConcurrency",
      await removeUnlistedProvisionedConcurrency(
        writer,
        batch.provisionedConcurrencyFor,
        batch.provisionedConcurrency ?? [],
      ),
    );
  }
  if (batch.services?.length)
    count("FargateService", await writer.upsert(FARGATE_SERVICE_TABLE, batch.services));
  if (batch.serviceConfigChanges?.length) {
    count(
      "FargateServiceConfigChange",
      await writer.upsert(FARGATE_SERVICE_CONFIG_CHANGE_TABLE, batch.serviceConfigChanges),
    );
  }
  if (batch.metricSeries?.length) count("MetricPoint", await writer.upsertMetricSeries(batch.metricSeries));
  if (batch.memoryObservations?.length)
    count("MemoryObservation", await writer.upsert(MEMORY_OBSERVATION_TABLE, batch.memoryObservations));
  if (batch.replaceCostLines)
    deleted += await removeReplacedCostLines(writer, batch.replaceCostLines, batch.costLines ?? []);
  if (batch.costLines?.length) count("CostLine", await writer.upsert(COST_LINE_TABLE, batch.costLines));
  for (const coverage of batch.accountCostCoverage ?? []) {
    count("Account", await writeAccountCostCoverage(writer, coverage));
  }
  for (const read of batch.computeOptimizer ?? []) {
    count("ComputeOptimizerState", await writer.upsert(COMPUTE_OPTIMIZER_STATE_TABLE, [read.state]));
    if (read.recommendations === null) continue;
    deleted += await removeUnlistedComputeOptimizerRows(writer, read);
    if (read.recommendations.length > 0) {
      count(
        "ComputeOptimizerRecommendation",
        await writer.upsert(COMPUTE_OPTIMIZER_RECOMMENDATION_TABLE, read.recommendations),
      );
    }
  }
  return deleted;
}

/** Stored "api" recommendations of the read's account, region and kind that it no longer lists. */
async function removeUnlistedComputeOptimizerRows(
  writer: BulkWriter,
  read: ComputeOptimizerRead,
): Promise<number> {
  const { accountId, region, resourceKind } = read.state;
  const keep = new Set((read.recommendations ?? []).map((row) => `${row.resourceArn}|${row.qualifier}`));
  const stored = await writer.query<{ resourceArn: string; qualifier: string }>(
    `SELECT "resourceArn" AS "resourceArn", "qualifier" AS "qualifier" FROM "ComputeOptimizerRecommendation"
      WHERE "accountId" = ? AND "region" = ? AND "resourceKind" = ? AND "source" = 'api'`,
    [accountId, region, resourceKind],
  );
  let removed = 0;
  for (const row of stored) {
    if (keep.has(`${row.resourceArn}|${row.qualifier}`)) continue;
    removed += await writer.execute(
      `DELETE FROM "ComputeOptimizerRecommendation" WHERE "resourceArn" = ? AND "qualifier" = ? AND "source" = 'api'`,
      [row.resourceArn, row.qualifier],
    );
  }
  return removed;
}

const DAY_MS = 86_400_000;

const toDayMs = (value: unknown): number => {
  const date = value instanceof Date ? value : new Date(String(value));
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
};

type CostLineKey = Pick<CostLineRow, "region" | "service" | "usageType" | "recordType" | "resourceArn"> & {
  day: unknown;
};

const costLineKey = (line: CostLineKey): string =>
  JSON.stringify([
    line.region,
    line.service,
    line.usageType,
    line.recordType,
    line.resourceArn,
    toDayMs(line.day),
  ]);

/**
 * Deletes the stored lines of the replaced days (this account and source only) that `lines` do not
 * list; the upsert that follows writes the others, changing only what differs.
 */
async function removeReplacedCostLines(
  writer: BulkWriter,
  replacement: CostLineReplacement,
  lines: readonly CostLineRow[],
): Promise<number> {
  const keep = new Set(
    lines
      .filter((line) => line.accountId === replacement.accountId && line.source === replacement.source)
      .map(costLineKey),
  );
  const days = [...new Set(replacement.days.map((day) => toDayMs(day)))].sort((a, b) => a - b);
  let removed = 0;
  // Contiguous runs of days, one range query each (a sync replaces one run: its read window).
  for (let index = 0; index < days.length;) {
    const from = days[index] as number;
    let to = from + DAY_MS;
    index += 1;
    while (index < days.length && days[index] === to) {
      to += DAY_MS;
      index += 1;
    }
    const stored = await writer.query<CostLineKey>(
      `SELECT "region" AS "region", "service" AS "service", "usageType" AS "usageType",
              "recordType" AS "recordType", "resourceArn" AS "resourceArn", "day" AS "day"
         FROM "CostLine" WHERE "accountId" = ? AND "source" = ? AND "day" >= ? AND "day" < ?`,
      [replacement.accountId, replacement.source, new Date(from), new Date(to)],
    );
    for (const line of stored) {
      if (keep.has(costLineKey(line))) continue;
      removed += await writer.execute(
        `DELETE FROM "CostLine" WHERE "accountId" = ? AND "region" = ? AND "service" = ? AND "usageType" = ?
            AND "recordType" = ? AND "resourceArn" = ? AND "day" = ? AND "source" = ?`,
        [
          replacement.accountId,
          line.region,
          line.service,
          line.usageType,
          line.recordType,
          line.resourceArn,
          new Date(toDayMs(line.day)),
          replacement.source,
        ],
      );
    }
  }
  return removed;
}

/** Account.costFrom/costTo/costFinalTo; 1 when they changed. */
async function writeAccountCostCoverage(
  writer: BulkWriter,
  coverage: AccountCostCoverageRow,
): Promise<number> {
  const differs = writer.kind === "postgresql" ? "IS DISTINCT FROM" : "IS NOT";
  const values = [coverage.costFrom, coverage.costTo, coverage.costFinalTo];
  return writer.execute(
    `UPDATE "Account" SET "costFrom" = ?, "costTo" = ?, "costFinalTo" = ?, "updatedAt" = ?
      WHERE "id" = ? AND ("costFrom" ${differs} ? OR "costTo" ${differs} ? OR "costFinalTo" ${differs} ?)`,
    [...values, new Date(), coverage.accountId, ...values],
  );
}

/** Provisioned-concurrency configs of `functionIds` that the batch no longer lists are removed. */
async function removeUnlistedProvisionedConcurrency(
  writer: BulkWriter,
  functionIds: readonly string[],
  listed: readonly LambdaProvisionedConcurrencyRow[],
): Promise<number> {
  const keep = new Set(listed.map((row) => `${row.functionId}|${row.qualifier}`));
  let removed = 0;
  for (let start = 0; start < functionIds.length; start += 500) {
    const ids = functionIds.slice(start, start + 500);
    const rows = await writer.query<{ functionId: string; qualifier: string }>(
      `SELECT "functionId" AS "functionId", "qualifier" AS "qualifier" FROM "LambdaProvisionedConcurrency"
        WHERE "functionId" IN (${ids.map(() => "?").join(", ")})`,
      ids,
    );
    for (const row of rows) {
      if (keep.has(`${row.functionId}|${row.qualifier}`)) continue;
      removed += await writer.execute(
        `DELETE FROM "LambdaProvisionedConcurrency" WHERE "functionId" = ? AND "qualifier" = ?`,
        [row.functionId, row.qualifier],
      );
    }
  }
  return removed;
}

/** Resources of completed inventories that the run did not see: deletedAt = the run's start. */
async function markUnseenDeleted(
  writer: BulkWriter,
  inventories: readonly { accountId: string; region: string; resourceType: "lambda" | "fargate" }[],
  seenArns: ReadonlySet<string>,
  deletedAt: Date,
): Promise<{ functions: number; services: number }> {
  const marked = { functions: 0, services: 0 };
  for (const inventory of inventories) {
    const table = inventory.resourceType === "lambda" ? "LambdaFunction" : "FargateService";
    const rows = await writer.query<{ arn: string }>(
      `SELECT "arn" AS "arn" FROM "${table}" WHERE "accountId" = ? AND "region" = ? AND "deletedAt" IS NULL`,
      [inventory.accountId, inventory.region],
    );
    for (const { arn } of rows) {
      if (seenArns.has(arn)) continue;
      const changed = await writer.execute(
        `UPDATE "${table}" SET "deletedAt" = ?, "updatedAt" = ? WHERE "arn" = ? AND "deletedAt" IS NULL`,
        [deletedAt, deletedAt, arn],
      );
      if (inventory.resourceType === "lambda") marked.functions += changed;
      else marked.services += changed;
    }
  }
  return marked;
}

const DEMO_LAMBDA_ARNS = `SELECT "arn" FROM "LambdaFunction" WHERE "isDemo" = ?`;
const DEMO_FARGATE_ARNS = `SELECT "arn" FROM "FargateService" WHERE "isDemo" = ?`;
const DEMO_ACCOUNT_IDS = `SELECT "id" FROM "Account" WHERE "isDemo" = ?`;

/**
 * Demo rows are: demo accounts and everything under them, rows whose resource is a demo resource,
 * and rows with source "demo". When the database holds nothing but the demo (no real account and
 * no real resource), the time-series tables are emptied with an unqualified DELETE, which SQLite
 * truncates in one step instead of deleting millions of rows one by one.
 */
export async function deleteDemoRows(
  writer: BulkWriter,
  options: { keepSyncRunId: string | null },
): Promise<number> {
  const [realData] = await writer.query<{ n: unknown }>(
    `SELECT (SELECT COUNT(*) FROM "Account" WHERE "isDemo" = ?)
          + (SELECT COUNT(*) FROM "LambdaFunction" WHERE "isDemo" = ?)
          + (SELECT COUNT(*) FROM "FargateService" WHERE "isDemo" = ?) AS "n"`,
    [false, false, false],
  );
  const isOnlyDemo = Number(realData?.n ?? 0) === 0;
  const t: SqlValue[] = [true];
  const tt: SqlValue[] = [true, true];
  let deleted = 0;
  const run = async (sql: string, params: SqlValue[] = []) => {
    deleted += await writer.execute(sql, params);
  };
  if (isOnlyDemo) {
    await run(`DELETE FROM "MetricPoint"`);
    await run(`DELETE FROM "MemoryObservation"`);
    await run(`DELETE FROM "CostLine"`);
    await run(`DELETE FROM "ResourceSummary"`);
    await run(`DELETE FROM "DailySpend"`);
  } else {
    await run(
      `DELETE FROM "MetricPoint" WHERE "resourceArn" IN (${DEMO_LAMBDA_ARNS} UNION ALL ${DEMO_FARGATE_ARNS})`,
      tt,
    );
    await run(
      `DELETE FROM "MemoryObservation" WHERE "source" = 'demo' OR "functionArn" IN (${DEMO_LAMBDA_ARNS})`,
      t,
    );
    await run(`DELETE FROM "CostLine" WHERE "source" = 'demo' OR "accountId" IN (${DEMO_ACCOUNT_IDS})`, t);
    await run(
      `DELETE FROM "ResourceSummary" WHERE "resourceArn" IN (${DEMO_LAMBDA_ARNS} UNION ALL ${DEMO_FARGATE_ARNS})`,
      tt,
    );
    await run(`DELETE FROM "DailySpend" WHERE "accountId" IN (${DEMO_ACCOUNT_IDS})`, t);
  }
  const demoFunctionIds = `SELECT "id" FROM "LambdaFunction" WHERE "isDemo" = ? OR "accountId" IN (${DEMO_ACCOUNT_IDS})`;
  const demoServiceIds = `SELECT "id" FROM "FargateService" WHERE "isDemo" = ? OR "accountId" IN (${DEMO_ACCOUNT_IDS})`;
  await run(`DELETE FROM "LambdaConfigChange" WHERE "functionId" IN (${demoFunctionIds})`, tt);
  await run(`DELETE FROM "LambdaProvisionedConcurrency" WHERE "functionId" IN (${demoFunctionIds})`, tt);
  await run(`DELETE FROM "FargateServiceConfigChange" WHERE "serviceId" IN (${demoServiceIds})`, tt);
  await run(`DELETE FROM "LambdaFunction" WHERE "isDemo" = ? OR "accountId" IN (${DEMO_ACCOUNT_IDS})`, tt);
  await run(`DELETE FROM "FargateService" WHERE "isDemo" = ? OR "accountId" IN (${DEMO_ACCOUNT_IDS})`, tt);
  await run(`DELETE FROM "ComputeOptimizerRecommendation" WHERE "accountId" IN (${DEMO_ACCOUNT_IDS})`, t);
  await run(`DELETE FROM "ComputeOptimizerState" WHERE "accountId" IN (${DEMO_ACCOUNT_IDS})`, t);
  await run(`DELETE FROM "AccountRegion" WHERE "accountId" IN (${DEMO_ACCOUNT_IDS})`, t);
  await run(`DELETE FROM "Account" WHERE "isDemo" = ?`, t);
  if (options.keepSyncRunId === null) await run(`DELETE FROM "SyncRun" WHERE "kind" = 'demo'`);
  return deleted;
}

/** DailySpend rows summed from cost lines as they are written. */
class DailySpendAccumulator {
  private readonly totals = new Map<string, DailySpendRow>();

  add(lines: readonly CostLineRow[]): void {
    for (const line of lines) {
      const key = `${line.day.getTime()}|${line.accountId}|${line.region}|${line.service}|${line.component}`;
      const row = this.totals.get(key);
      if (row) row.costNanoUsd += line.amountNanoUsd;
      else {
        this.totals.set(key, {
          day: line.day,
          accountId: line.accountId,
          region: line.region,
          service: line.service,
          component: line.component,
          costNanoUsd: line.amountNanoUsd,
        });
      }
    }
  }

  toRows(): DailySpendRow[] {
    return [...this.totals.values()];
  }
}

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((sum, value) => sum + value, 0);
}

/**
 * For a server that runs the import in another process: takes the lock and records the run as
 * "running" (step "queued") before the process starts, so a second request gets "already running"
 * at once and the page can poll the run by id. The process's runImport({ runId }) takes both over.
 */
export async function reserveImportRun(
  db: Db,
  options: {
    kind: ImportKind;
    lockScope: string;
    accountId?: string | null;
    detail?: Record<string, unknown>;
    staleMs?: number;
  },
): Promise<{ runId: string }> {
  const runId = `${options.kind}-${randomUUID()}`;
  const writer = await openBulkWriter(db);
  try {
    const startedAt = new Date();
    const lock = await acquireImportLock(writer, options.lockScope, runId, { staleMs: options.staleMs });
    if (!lock.isAcquired) throw new ImportAlreadyRunningError(options.lockScope, lock.holder.runId);
    await writer.execute(
      `INSERT INTO "SyncRun" ("id", "kind", "status", "accountId", "startedAt", "finishedAt", "detailJson",
                              "issuesJson", "callsJson", "estimatedCostUsd", "heartbeatAt", "error", "createdAt", "updatedAt")
       VALUES (?, ?, 'running', ?, ?, NULL, ?, '[]', '{}', NULL, ?, NULL, ?, ?)`,
      [
        runId,
        options.kind,
        options.accountId ?? null,
        startedAt,
        JSON.stringify({ ...options.detail, step: "queued", done: 0, total: 0 }),
        startedAt,
        startedAt,
        startedAt,
      ],
    );
    return { runId };
  } finally {
    await writer.close();
  }
}

/** Marks a reserved run failed and frees its lock (its process could not start or died early). */
export async function failImportRun(
  db: Db,
  runId: string,
  lockScope: string,
  message: string,
): Promise<void> {
  const writer = await openBulkWriter(db);
  try {
    const now = new Date();
    await writer.execute(
      `UPDATE "SyncRun" SET "status" = 'failed', "error" = ?, "finishedAt" = ?, "updatedAt" = ?
        WHERE "id" = ? AND "status" = 'running'`,
      [message, now, now, runId],
    );
    await releaseImportLock(writer, lockScope, runId);
  } finally {
    await writer.close();
  }
}
