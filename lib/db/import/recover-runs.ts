/**
 * Interrupted imports. A killed import process leaves its SyncRun "running" and its SyncLock row in
 * place; runImport only marks such a run failed when the next run of the same scope starts, which
 * may be never. `markInterruptedRuns` (called when the server starts) marks every such run failed
 * and frees its lock, and `isRunInterrupted` lets reads call a run interrupted before anyone has
 * written that down (so the views are honest between the kill and the next start).
 */
import type { Db } from "@/lib/db/create-db";
import { DEFAULT_LOCK_STALE_MS, isOwnerGone } from "./import-lock";

/** The error of a run whose process stopped before it finished (runImport writes the same text). */
export const INTERRUPTED_RUN_MESSAGE = "interrupted: the process stopped before the run finished";

/** What is known about a "running" run's process: its own heartbeat and the lock it holds, if any. */
export type RunLiveness = {
  startedAt: Date;
  heartbeatAt: Date | null;
  /** The SyncLock row whose runId is this run; null when no lock names it any more. */
  lock: { owner: string; heartbeatAt: Date } | null;
};

/**
 * The last moment the run's process was seen alive: the newer of the run's and its lock's
 * heartbeats (both are written together, but a server that reserved the run only wrote the lock),
 * or the start when neither beat.
 */
export function getLastHeartbeatAt(run: RunLiveness): Date {
  let last = run.heartbeatAt ?? run.startedAt;
  if (run.lock && run.lock.heartbeatAt.getTime() > last.getTime()) last = run.lock.heartbeatAt;
  return last;
}

/**
 * True when a "running" run's process is gone: no heartbeat for longer than the lock's stale window
 * (killed on any host, or its lock was taken over), or its lock names a process on this host that
 * has exited (no need to wait for the window). A run with no lock but a fresh heartbeat is not
 * interrupted: runImport writes the run row just before it takes the lock, and a run whose lock was
 * taken over stops itself at its next heartbeat.
 */
export function isRunInterrupted(
  run: RunLiveness,
  now: Date,
  staleMs: number = DEFAULT_LOCK_STALE_MS,
): boolean {
  if (now.getTime() - getLastHeartbeatAt(run).getTime() > staleMs) return true;
  return run.lock !== null && isOwnerGone(run.lock.owner);
}

export type MarkInterruptedRunsResult = {
  /** Runs that were "running" and are now "failed". */
  failedRunIds: string[];
  /** Lock scopes freed (those of the failed runs, and locks of finished or missing runs whose holder is gone). */
  freedLockScopes: string[];
};

/**
 * Marks every interrupted "running" run failed (error INTERRUPTED_RUN_MESSAGE, finishedAt = its
 * last heartbeat: the last moment anything was written) and frees its lock. Safe to run while
 * imports are running: a live run is left alone, and each write is conditional on what was read, so
 * a run that beats or finishes in between is not overwritten.
 */
export async function markInterruptedRuns(
  db: Db,
  now: Date = new Date(),
  options: { staleMs?: number } = {},
): Promise<MarkInterruptedRunsResult> {
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  const [runs, locks] = await Promise.all([
    db.syncRun.findMany({
      where: { status: "running" },
      select: { id: true, startedAt: true, heartbeatAt: true },
    }),
    db.syncLock.findMany({ select: { scope: true, runId: true, owner: true, heartbeatAt: true } }),
  ]);
  const lockByRunId = new Map(locks.map((lock) => [lock.runId, lock]));
  const failedRunIds: string[] = [];
  const freedLockScopes: string[] = [];

  for (const run of runs) {
    const lock = lockByRunId.get(run.id) ?? null;
    if (!isRunInterrupted({ ...run, lock }, now, staleMs)) continue;
    const changed = await db.syncRun.updateMany({
      // Only if nothing beat since we read it (a live run that was merely slow keeps going).
      where: {
        id: run.id,
        status: "running",
        ...(run.heartbeatAt ? { heartbeatAt: { lte: run.heartbeatAt } } : { heartbeatAt: null }),
      },
      data: {
        status: "failed",
        error: INTERRUPTED_RUN_MESSAGE,
        finishedAt: getLastHeartbeatAt({ ...run, lock }),
        updatedAt: now,
      },
    });
    if (changed.count !== 1) continue;
    failedRunIds.push(run.id);
    if (lock && (await freeLock(db, lock))) freedLockScopes.push(lock.scope);
  }

  // Locks of runs that finished (or never got a row) but whose holder died before deleting them:
  // acquireImportLock would take them over anyway; freeing them keeps "who holds what" truthful.
  const runningIds = new Set(runs.map((run) => run.id));
  for (const lock of locks) {
    if (runningIds.has(lock.runId)) continue;
    const isHolderGone = now.getTime() - lock.heartbeatAt.getTime() > staleMs || isOwnerGone(lock.owner);
    if (isHolderGone && (await freeLock(db, lock))) freedLockScopes.push(lock.scope);
  }
  return { failedRunIds, freedLockScopes };
}

/** Deletes the lock only if the same holder still has it (another run may have just taken it over). */
async function freeLock(db: Db, lock: { scope: string; runId: string; owner: string }): Promise<boolean> {
  const deleted = await db.syncLock.deleteMany({
    where: { scope: lock.scope, runId: lock.runId, owner: lock.owner },
  });
  return deleted.count === 1;
}
