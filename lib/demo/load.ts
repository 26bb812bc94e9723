/**
 * Writes the demo fleet into the same tables a sync fills, through the one import pipeline
 * (lib/db/import/run-import.ts): the demo only generates batches. Loading replaces the previous
 * demo fleet (so loading twice, or with other options, never duplicates); rows of real accounts are
 * never touched.
 */
import type { Db } from "@/lib/db/create-db";
import type { ImportBatch } from "@/lib/db/import/run-import";
import { DEMO_LOCK_SCOPE } from "@/lib/db/import/import-lock";
import { deleteDemoRows, runImport } from "@/lib/db/import/run-import";
import { clearStoredReconciliation } from "@/lib/db/queries/reconciliation-store";
import { removeOrphanRecommendations } from "@/lib/db/queries/recommendation-store";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import { fromNanoUsd } from "@/lib/money";
import type { DemoOptions } from "./fleet";
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
  runOptions: { runId?: string } = {},
): Promise<DemoSummary> {
  const resolved = resolveDemoOptions(options);
  let functions = 0;
  let services = 0;
  const demoAccountIds = Object.values(DEMO_ACCOUNTS).map((account) => account.id);
  const result = await runImport(db, {
    kind: "demo",
    lockScope: DEMO_LOCK_SCOPE,
    runId: runOptions.runId,
    now: resolved.asOf,
    isReplacingDemo: true,
    summaryWindow: { windowDays: 30, windowEnd: resolved.asOf },
    // The demo sums its own cost lines into DailySpend while writing them (no pass over CostLine).
    dailySpend: { kind: "from-batches", accountIds: demoAccountIds },
    detail: { options: { ...resolved, asOf: resolved.asOf.toISOString() } },
    onProgress: onProgress ? ({ step, done, total }) => onProgress({ step, done, total }) : undefined,
    *produce(): Iterable<ImportBatch> {
      for (const batch of generateDemoFleet(resolved)) {
        functions += batch.functions.length;
        services += batch.services.length;
        yield batch;
      }
    },
  });
  const writer = await openBulkWriter(db);
  try {
    const [total] = await writer.query<{ nanos: unknown }>(
      `SELECT CAST(COALESCE(SUM("amountNanoUsd"), 0) AS BIGINT) AS "nanos" FROM "CostLine" WHERE "source" = 'demo'`,
    );
    return {
      syncRunId: result.runId,
      seed: resolved.seed,
      asOf: resolved.asOf.toISOString(),
      days: resolved.days,
      hourlyDays: resolved.hourlyDays,
      accounts: demoAccountIds.length,
      functions,
      services,
      rowsByTable: result.rowsByTable,
      rowsWritten: result.rowsWritten,
      rowsDeleted: result.rowsDeleted,
      totalCostUsd: fromNanoUsd(BigInt(String(total?.nanos ?? 0))),
      elapsedMs: result.elapsedMs,
    };
  } finally {
    await writer.close();
  }
}

/** Deletes every demo row from every table (accounts, inventory, metrics, costs, summaries, demo SyncRuns). */
export async function removeDemoFleet(db: Db): Promise<{ rowsDeleted: number }> {
  const writer = await openBulkWriter(db);
  try {
    const rowsDeleted = await writer.transaction(
      async () =>
        (await deleteDemoRows(writer, { keepSyncRunId: null })) + (await removeOrphanRecommendations(writer)),
    );
    // Its figures included the demo: the next import computes it again.
    await clearStoredReconciliation(db);
    return { rowsDeleted };
  } finally {
    await writer.close();
  }
}
