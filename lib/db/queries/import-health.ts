/**
 * How trustworthy the stored fleet is, per import scope (the demo, and each real account): the
 * latest run's state and when the data was last complete. The fleet pages show a notice from this
 * when an import failed, was interrupted, left pieces out, or is still running, so half a fleet is
 * never shown as if it were the whole one.
 *
 * No "server-only" marker and no default database, like accounts.ts: the fault tests (and a CLI)
 * call it outside React. Returns plain DTOs (ISO dates); unknown is null.
 */
import type { Db } from "@/lib/db/create-db";
import { memoizeByDataVersion } from "@/lib/db/data-version";
import { DEFAULT_LOCK_STALE_MS, DEMO_LOCK_SCOPE, accountLockScope } from "@/lib/db/import/import-lock";
import { INTERRUPTED_RUN_MESSAGE, getLastHeartbeatAt, isRunInterrupted } from "@/lib/db/import/recover-runs";
import type { SyncRunIssue } from "@/lib/schemas/sync-run";
import { SYNC_RUN_SELECT, toSyncRunView } from "./sync-run-view";

/** A run's state as the views tell it: "interrupted" is a run whose process stopped mid-way. */
export type ImportRunHealthStatus = "running" | "interrupted" | "succeeded" | "partial" | "failed";

export type ImportRunHealth = {
  id: string;
  status: ImportRunHealthStatus;
  startedAt: string;
  /** The last sign of life of its process (run or lock heartbeat); null when a finished run never recorded one. */
  lastHeartbeatAt: string | null;
  /** When it ended; for an interrupted run not yet recorded as failed, its last heartbeat. */
  finishedAt: string | null;
  issueCount: number;
  /** "cloudwatch:GetMetricData in us-east-1 (AccessDenied); …"; null when nothing is missing. */
  issueSummary: string | null;
  error: string | null;
};

export type ImportScopeHealth = {
  /** The lock scope: "demo" or "account:<id>". */
  scope: string;
  kind: "demo" | "aws";
  /** The account synced; null for the demo (it has several accounts). */
  accountId: string | null;
  accountName: string | null;
  /** Null when the scope has never been imported. */
  latestRun: ImportRunHealth | null;
  /** When the newest succeeded run finished ("data complete as of"); null when none did. */
  lastSucceededAt: string | null;
  /** The latest run failed, was interrupted or left pieces out: the stored data is incomplete. */
  isIncomplete: boolean;
};

/** Issues named in the summary; the rest are counted ("and 4 more"). */
const ISSUES_IN_SUMMARY = 3;

/**
 * One entry for the demo (when a demo load or demo account exists) and one per real account, demo
 * first, then by account id. A "running" run whose process is gone (see isRunInterrupted) is
 * reported "interrupted" even before markInterruptedRuns has written it down.
 */
export async function getImportHealth(
  db: Db,
  options: { now?: Date; staleMs?: number } = {},
): Promise<ImportScopeHealth[]> {
  return (await readImportHealth(db, options)).scopes;
}

/**
 * getImportHealth shared between requests per data version (lib/db/data-version.ts) while no
 * import is running: every fleet page asks, and the answer then only changes with an import, which
 * moves the version. While a run is recorded as running, its heartbeat and whether it counts as
 * interrupted move with the clock and not with the version, so each call reads afresh.
 */
export async function getImportHealthByDataVersion(
  db: Db,
  options: { now?: Date; staleMs?: number } = {},
): Promise<ImportScopeHealth[]> {
  let isReadHere = false;
  const shared = await memoizeByDataVersion(db, "import-health", options.staleMs ?? null, () => {
    isReadHere = true;
    return readImportHealth(db, options);
  });
  // A read this call made is already current; only a shared one is read again while a run runs.
  return shared.hasRunningRun && !isReadHere ? getImportHealth(db, options) : shared.scopes;
}

async function readImportHealth(
  db: Db,
  options: { now?: Date; staleMs?: number },
): Promise<{ scopes: ImportScopeHealth[]; hasRunningRun: boolean }> {
  const now = options.now ?? new Date();
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  // Newest start and newest success per (kind, account): a fixed number of queries however many
  // accounts there are, since every fleet page asks.
  const [accounts, latestStarts, lastSuccesses] = await Promise.all([
    db.account.findMany({ select: { id: true, name: true, isDemo: true }, orderBy: { id: "asc" } }),
    db.syncRun.groupBy({ by: ["kind", "accountId"], _max: { startedAt: true } }),
    db.syncRun.groupBy({
      by: ["kind", "accountId"],
      where: { status: "succeeded" },
      _max: { finishedAt: true },
    }),
  ]);

  const latestKeys = latestStarts.flatMap((group) =>
    group._max.startedAt
      ? [{ kind: group.kind, accountId: group.accountId, startedAt: group._max.startedAt }]
      : [],
  );
  const latestRows =
    latestKeys.length === 0
      ? []
      : await db.syncRun.findMany({
          where: { OR: latestKeys },
          // Two runs of a scope started in the same millisecond: the greater id wins, on both databases.
          orderBy: [{ startedAt: "desc" }, { id: "desc" }],
          select: { ...SYNC_RUN_SELECT, heartbeatAt: true },
        });
  const locks =
    latestRows.length === 0
      ? []
      : await db.syncLock.findMany({
          where: { runId: { in: latestRows.map((row) => row.id) } },
          select: { runId: true, owner: true, heartbeatAt: true },
        });
  const lockByRunId = new Map(locks.map((lock) => [lock.runId, lock]));

  const scopeOf = (kind: string, accountId: string | null): string | null => {
    if (kind === "demo") return DEMO_LOCK_SCOPE;
    return accountId ? accountLockScope(accountId) : null;
  };
  const latestByScope = new Map<string, ImportRunHealth>();
  for (const row of latestRows) {
    const scope = scopeOf(row.kind, row.accountId);
    if (scope === null || latestByScope.has(scope)) continue;
    latestByScope.set(scope, toRunHealth(row, lockByRunId.get(row.id) ?? null, now, staleMs));
  }
  const lastSucceededByScope = new Map<string, string>();
  for (const group of lastSuccesses) {
    const scope = scopeOf(group.kind, group.accountId);
    const finishedAt = group._max.finishedAt;
    if (scope === null || !finishedAt) continue;
    const previous = lastSucceededByScope.get(scope);
    if (!previous || previous < finishedAt.toISOString())
      lastSucceededByScope.set(scope, finishedAt.toISOString());
  }

  const toScope = (
    scope: string,
    kind: "demo" | "aws",
    account: { id: string; name: string } | null,
  ): ImportScopeHealth => {
    const latestRun = latestByScope.get(scope) ?? null;
    return {
      scope,
      kind,
      accountId: account?.id ?? null,
      accountName: account?.name ?? null,
      latestRun,
      lastSucceededAt: lastSucceededByScope.get(scope) ?? null,
      isIncomplete:
        latestRun !== null &&
        (latestRun.status === "failed" ||
          latestRun.status === "interrupted" ||
          latestRun.status === "partial"),
    };
  };
  const health: ImportScopeHealth[] = [];
  if (latestByScope.has(DEMO_LOCK_SCOPE) || accounts.some((account) => account.isDemo))
    health.push(toScope(DEMO_LOCK_SCOPE, "demo", null));
  for (const account of accounts) {
    if (!account.isDemo) health.push(toScope(accountLockScope(account.id), "aws", account));
  }
  return { scopes: health, hasRunningRun: latestRows.some((row) => row.status === "running") };
}

type RunRow = Parameters<typeof toSyncRunView>[0] & { heartbeatAt: Date | null };

function toRunHealth(
  row: RunRow,
  lock: { owner: string; heartbeatAt: Date } | null,
  now: Date,
  staleMs: number,
): ImportRunHealth {
  const view = toSyncRunView(row);
  const isRunning = view.status === "running";
  // While it runs, the newer of the run's and the lock's heartbeats; once it ended, the run's own.
  const lastHeartbeatAt = isRunning
    ? getLastHeartbeatAt({ startedAt: row.startedAt, heartbeatAt: row.heartbeatAt, lock })
    : row.heartbeatAt;
  const isInterrupted = isRunning
    ? isRunInterrupted({ startedAt: row.startedAt, heartbeatAt: row.heartbeatAt, lock }, now, staleMs)
    : view.status === "failed" && view.error === INTERRUPTED_RUN_MESSAGE;
  return {
    id: view.id,
    status: isInterrupted ? "interrupted" : view.status,
    startedAt: view.startedAt,
    lastHeartbeatAt: lastHeartbeatAt?.toISOString() ?? null,
    finishedAt: view.finishedAt ?? (isInterrupted ? (lastHeartbeatAt?.toISOString() ?? null) : null),
    issueCount: view.issues.length,
    issueSummary: summariseIssues(view.issues),
    error: isInterrupted && isRunning ? INTERRUPTED_RUN_MESSAGE : view.error,
  };
}

/** "lambda:ListFunctions in eu-west-1 (AccessDenied); … and 2 more" — what a partial run is missing. */
export function summariseIssues(issues: readonly SyncRunIssue[]): string | null {
  if (issues.length === 0) return null;
  const named = issues
    .slice(0, ISSUES_IN_SUMMARY)
    .map((issue) => `${issue.api} in ${issue.region} (${issue.code})`)
    .join("; ");
  const rest = issues.length - ISSUES_IN_SUMMARY;
  return rest > 0 ? `${named} and ${rest} more` : named;
}
