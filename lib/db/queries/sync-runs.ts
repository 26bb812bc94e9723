import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { SYNC_RUN_STATUSES, type SyncRunIssue, type SyncRunView } from "@/lib/schemas/sync-run";

/**
 * Import runs (demo loads and AWS syncs) as the pages show them: progress while running, and the
 * result of each past run (status, what is missing, AWS calls, estimated cost of the run).
 */

export type { SyncRunIssue, SyncRunView };

type SyncRunRow = {
  id: string;
  kind: string;
  status: string;
  accountId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  detailJson: string;
  issuesJson: string;
  callsJson: string;
  estimatedCostUsd: number | null;
  error: string | null;
};

const SELECT = {
  id: true,
  kind: true,
  status: true,
  accountId: true,
  startedAt: true,
  finishedAt: true,
  detailJson: true,
  issuesJson: true,
  callsJson: true,
  estimatedCostUsd: true,
  error: true,
} as const;

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function parseIssues(json: string): SyncRunIssue[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as SyncRunIssue[]) : [];
  } catch {
    return [];
  }
}

const numberOrNull = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

const STATUSES = new Set<string>(SYNC_RUN_STATUSES);

export function toSyncRunView(row: SyncRunRow): SyncRunView {
  const detail = parseObject(row.detailJson);
  const calls: Record<string, number> = {};
  for (const [api, count] of Object.entries(parseObject(row.callsJson))) {
    if (typeof count === "number") calls[api] = count;
  }
  return {
    id: row.id,
    kind: row.kind,
    status: (STATUSES.has(row.status) ? row.status : "failed") as SyncRunView["status"],
    accountId: row.accountId,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    step: typeof detail.step === "string" ? detail.step : null,
    done: numberOrNull(detail.done),
    total: numberOrNull(detail.total),
    rowsWritten: numberOrNull(detail.rowsWritten),
    calls,
    callsTotal: Object.values(calls).reduce((sum, count) => sum + count, 0),
    estimatedCostUsd: row.estimatedCostUsd,
    issues: parseIssues(row.issuesJson),
    error: row.error,
  };
}

export async function getSyncRun(id: string, db: Db = getDb()): Promise<SyncRunView | null> {
  const row = await db.syncRun.findUnique({ where: { id }, select: SELECT });
  return row ? toSyncRunView(row) : null;
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
