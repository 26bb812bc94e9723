import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { markInterruptedRuns } from "@/lib/db/import/recover-runs";
import type { SyncRunIssue, SyncRunView } from "@/lib/schemas/sync-run";
import { SYNC_RUN_SELECT as SELECT, toSyncRunView } from "./sync-run-view";

/**
 * Import runs (demo loads and AWS syncs) as the pages show them: progress while running, and the
 * result of each past run (status, what is missing, AWS calls, estimated cost of the run).
 */

export type { SyncRunIssue, SyncRunView };

/**
 * One run, as the progress poll sees it. A run still "running" whose process died (or whose
 * heartbeat stopped) is marked failed first, so the page stops waiting and says why.
 */
export async function getSyncRun(id: string, db: Db = getDb()): Promise<SyncRunView | null> {
  const row = await db.syncRun.findUnique({ where: { id }, select: SELECT });
  if (row?.status !== "running") return row ? toSyncRunView(row) : null;
  const { failedRunIds } = await markInterruptedRuns(db);
  if (!failedRunIds.includes(id)) return toSyncRunView(row);
  const failed = await db.syncRun.findUnique({ where: { id }, select: SELECT });
  return failed ? toSyncRunView(failed) : null;
}

/** Newest first; `accountId` null lists demo loads. */
export async function listSyncRuns(
  options: { accountId?: string | null; limit?: number } = {},
  db: Db = getDb(),
): Promise<SyncRunView[]> {
  const rows = await db.syncRun.findMany({
    where: options.accountId === undefined ? {} : { accountId: options.accountId },
    orderBy: { startedAt: "desc" },
    take: Math.min(Math.max(options.limit ?? 20, 1), 100),
    select: SELECT,
  });
  return rows.map(toSyncRunView);
}

/** Ids of the real (non-demo) accounts with at least one enabled region. */
export async function listSyncableAccountIds(db: Db = getDb()): Promise<string[]> {
  const accounts = await db.account.findMany({
    where: { isDemo: false, regions: { some: { isEnabled: true } } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return accounts.map((account) => account.id);
}
