/**
 * Writes the demo fleet into the same tables a sync fills, through the bulk import path.
 * Loading replaces the previous demo fleet (so loading twice, or with other options, never
 * duplicates); rows of real accounts are never touched.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/create-db";
import type { BulkWriter, SqlValue } from "@/lib/db/import/bulk-writer";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import {
  ACCOUNT_REGION_TABLE,
  ACCOUNT_TABLE,
  COST_LINE_TABLE,
  FARGATE_SERVICE_CONFIG_CHANGE_TABLE,
  FARGATE_SERVICE_TABLE,
  LAMBDA_CONFIG_CHANGE_TABLE,
  LAMBDA_FUNCTION_TABLE,
  LAMBDA_PROVISIONED_CONCURRENCY_TABLE,
  MEMORY_OBSERVATION_TABLE,
} from "@/lib/db/import/tables";
import type { CostLineRow, DailySpendRow } from "@/lib/db/import/tables";
import { recomputeResourceSummariesWith, writeDailySpend } from "@/lib/db/summaries";
import { fromNanoUsd } from "@/lib/money";
import type { DemoBatch, DemoOptions } from "./fleet";
import { generateDemoFleet, resolveDemoOptions } from "./fleet";
import { DEMO_ACCOUNTS } from "./specs";

export type DemoProgress = { step: string; done: number; total: number };

export type DemoSummary = {
  syncRunId: string;
  seed: number;
  asOf: string;
  days: number;
  hourlyDays: number;
  accounts: number;
  functions: number;
  services: number;
  /** Rows inserted or changed, per table. */
  rowsByTable: Record<string, number>;
  rowsWritten: number;
  /** Demo rows removed before loading (a previous demo fleet). */
  rowsDeleted: number;
  /** Billed cost of all demo cost lines, exact decimal USD. */
  totalCostUsd: string;
  elapsedMs: number;
};

/**
 * Loads the demo fleet (replacing any previous one) and recomputes ResourceSummary over the last
 * 30 days before `asOf`. Records a SyncRun (kind "demo") with progress in detailJson.
 */
export async function loadDemoFleet(
  db: Db,
  options: Partial<DemoOptions> = {},
  onProgress?: (progress: DemoProgress) => void,
): Promise<DemoSummary> {
  const resolved = resolveDemoOptions(options);
  const startedAt = new Date();
  const writer = await openBulkWriter(db, { now: resolved.asOf });
  const syncRunId = `demo-${randomUUID()}`;
  const rowsByTable: Record<string, number> = {};
  const count = (table: string, changed: number) => {
    rowsByTable[table] = (rowsByTable[table] ?? 0) + changed;
  };
  let functions = 0;
  let services = 0;
  let rowsDeleted = 0;
  const report = async (progress: DemoProgress) => {
    onProgress?.(progress);
    await updateSyncRun(writer, syncRunId, "running", { ...progress, rowsWritten: sumValues(rowsByTable) });
  };
  try {
    await insertSyncRun(writer, syncRunId, startedAt, resolved);
    onProgress?.({ step: "removing previous demo", done: 0, total: 1 });
    rowsDeleted = await writer.transaction(() => deleteDemoRows(writer, { keepSyncRunId: syncRunId }));
    await report({ step: "removing previous demo", done: 1, total: 1 });

    // The demo sums its own cost lines into DailySpend while writing them (no pass over CostLine).
    const spend = new DailySpendAccumulator();
    for (const batch of generateDemoFleet(resolved)) {
      spend.add(batch.costLines);
      await writer.transaction(async () => {
        await writeBatch(writer, batch, count);
        await report(batch.progress);
      });
      functions += batch.functions.length;
      services += batch.services.length;
    }

    onProgress?.({ step: "summaries", done: 0, total: 1 });
    const summaries = await writer.transaction(() =>
      recomputeResourceSummariesWith(writer, { windowDays: 30, windowEnd: resolved.asOf }),
    );
    count("ResourceSummary", summaries.rowsChanged);
    const demoAccountIds = Object.values(DEMO_ACCOUNTS).map((account) => account.id);
    const dailySpend = await writer.transaction(() =>
      writeDailySpend(writer, spend.toRows(), demoAccountIds),
    );
    count("DailySpend", dailySpend.rowsChanged);
    onProgress?.({ step: "summaries", done: 1, total: 1 });

    const [total] = await writer.query<{ nanos: unknown }>(
      `SELECT CAST(COALESCE(SUM("amountNanoUsd"), 0) AS BIGINT) AS "nanos" FROM "CostLine" WHERE "source" = 'demo'`,
    );
    const summary: DemoSummary = {
      syncRunId,
      seed: resolved.seed,
      asOf: resolved.asOf.toISOString(),
      days: resolved.days,
      hourlyDays: resolved.hourlyDays,
      accounts: Object.keys(DEMO_ACCOUNTS).length,
      functions,
      services,
      rowsByTable,
      rowsWritten: sumValues(rowsByTable),
      rowsDeleted,
      totalCostUsd: fromNanoUsd(BigInt(String(total?.nanos ?? 0))),
      elapsedMs: Date.now() - startedAt.getTime(),
    };
    await updateSyncRun(writer, syncRunId, "succeeded", { step: "done", ...summary }, new Date());
    return summary;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await updateSyncRun(
      writer,
      syncRunId,
      "failed",
      { rowsWritten: sumValues(rowsByTable) },
      new Date(),
      message,
    ).catch(() => {});
    throw error;
  } finally {
    await writer.close();
  }
}

/** Deletes every demo row from every table (accounts, inventory, metrics, costs, summaries, demo SyncRuns). */
export async function removeDemoFleet(db: Db): Promise<{ rowsDeleted: number }> {
  const writer = await openBulkWriter(db);
  try {
    const rowsDeleted = await writer.transaction(() => deleteDemoRows(writer, { keepSyncRunId: null }));
    return { rowsDeleted };
  } finally {
    await writer.close();
  }
}

async function writeBatch(
  writer: BulkWriter,
  batch: DemoBatch,
  count: (table: string, changed: number) => void,
) {
  count("Account", await writer.upsert(ACCOUNT_TABLE, batch.accounts));
  count("AccountRegion", await writer.upsert(ACCOUNT_REGION_TABLE, batch.accountRegions));
  count("LambdaFunction", await writer.upsert(LAMBDA_FUNCTION_TABLE, batch.functions));
  count("LambdaConfigChange", await writer.upsert(LAMBDA_CONFIG_CHANGE_TABLE, batch.lambdaConfigChanges));
  count(
    "LambdaProvisionedConcurrency",
    await writer.upsert(LAMBDA_PROVISIONED_CONCURRENCY_TABLE, batch.provisionedConcurrency),
  );
  count("FargateService", await writer.upsert(FARGATE_SERVICE_TABLE, batch.services));
  count(
    "FargateServiceConfigChange",
    await writer.upsert(FARGATE_SERVICE_CONFIG_CHANGE_TABLE, batch.serviceConfigChanges),
  );
  count("MetricPoint", await writer.upsertMetricSeries(batch.metricSeries));
  count("MemoryObservation", await writer.upsert(MEMORY_OBSERVATION_TABLE, batch.memoryObservations));
  count("CostLine", await writer.upsert(COST_LINE_TABLE, batch.costLines));
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
async function deleteDemoRows(
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
  await run(`DELETE FROM "AccountRegion" WHERE "accountId" IN (${DEMO_ACCOUNT_IDS})`, t);
  await run(`DELETE FROM "Account" WHERE "isDemo" = ?`, t);
  if (options.keepSyncRunId === null) await run(`DELETE FROM "SyncRun" WHERE "kind" = 'demo'`);
  return deleted;
}

/** DailySpend rows summed from cost lines as they are generated. */
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

async function insertSyncRun(
  writer: BulkWriter,
  id: string,
  startedAt: Date,
  options: DemoOptions,
): Promise<void> {
  const detail = JSON.stringify({
    step: "starting",
    done: 0,
    total: 0,
    options: { ...options, asOf: options.asOf.toISOString() },
  });
  await writer.execute(
    `INSERT INTO "SyncRun" ("id", "kind", "status", "accountId", "startedAt", "finishedAt", "detailJson", "error", "createdAt", "updatedAt")
     VALUES (?, 'demo', 'running', NULL, ?, NULL, ?, NULL, ?, ?)`,
    [id, startedAt, detail, startedAt, startedAt],
  );
}

async function updateSyncRun(
  writer: BulkWriter,
  id: string,
  status: "running" | "succeeded" | "failed",
  detail: Record<string, unknown>,
  finishedAt: Date | null = null,
  error: string | null = null,
): Promise<void> {
  const now = new Date();
  await writer.execute(
    `UPDATE "SyncRun" SET "status" = ?, "detailJson" = ?, "finishedAt" = ?, "error" = ?, "updatedAt" = ? WHERE "id" = ?`,
    [status, JSON.stringify(detail), finishedAt, error, now, id],
  );
}
