/**
 * One import at a time per scope ("demo", "account:123456789012"). The SyncLock row is the lock:
 * inserting it is atomic on SQLite and PostgreSQL alike (the primary key refuses a second holder),
 * and it is released by deleting it. A lock is free to take over when its holder is gone:
 * - its heartbeat is older than `staleMs` (a process killed on any host), or
 * - its owner is a process on this host that no longer exists (killed: no need to wait), or
 * - its run is no longer "running" (the holder finished but could not delete the row).
 */
import os from "node:os";
import type { BulkWriter } from "./bulk-writer";

export const DEFAULT_LOCK_STALE_MS = 60_000;

/** The lock scope of the demo load. */
export const DEMO_LOCK_SCOPE = "demo";

/** The lock scope of an account's sync (and of removing the account). */
export function accountLockScope(accountId: string): string {
  return `account:${accountId}`;
}

export type LockHolder = { runId: string; owner: string; heartbeatAt: Date };

export type AcquireLockResult = { isAcquired: true } | { isAcquired: false; holder: LockHolder };

/** "hostname:pid" of this process. */
export function currentLockOwner(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** True when `owner` names a process on this host that has exited. */
export function isOwnerGone(owner: string): boolean {
  const separator = owner.lastIndexOf(":");
  const host = owner.slice(0, separator);
  const pid = Number(owner.slice(separator + 1));
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

type LockRow = { runId: string; owner: string; heartbeatAt: unknown; status: string | null };

async function readLock(writer: BulkWriter, scope: string): Promise<LockRow | undefined> {
  const [row] = await writer.query<LockRow>(
    `SELECT l."runId" AS "runId", l."owner" AS "owner", l."heartbeatAt" AS "heartbeatAt", r."status" AS "status"
       FROM "SyncLock" l LEFT JOIN "SyncRun" r ON r."id" = l."runId"
      WHERE l."scope" = ?`,
    [scope],
  );
  return row;
}

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

/**
 * Takes the lock of `scope` for `runId` (or keeps it, when `runId` already holds it: a server that
 * took the lock hands it to the process it starts). Never waits.
 */
export async function acquireImportLock(
  writer: BulkWriter,
  scope: string,
  runId: string,
  options: { staleMs?: number; now?: Date } = {},
): Promise<AcquireLockResult> {
  const now = options.now ?? new Date();
  const owner = currentLockOwner();
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const existing = await readLock(writer, scope);
    if (!existing) {
      const inserted = await writer.execute(
        `INSERT INTO "SyncLock" ("scope", "runId", "owner", "heartbeatAt", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("scope") DO NOTHING`,
        [scope, runId, owner, now, now, now],
      );
      if (inserted === 1) return { isAcquired: true };
      continue;
    }
    const heartbeatAt = toDate(existing.heartbeatAt);
    const isFree =
      existing.runId === runId ||
      now.getTime() - heartbeatAt.getTime() > staleMs ||
      isOwnerGone(existing.owner) ||
      (existing.status !== null && existing.status !== "running");
    if (!isFree)
      return { isAcquired: false, holder: { runId: existing.runId, owner: existing.owner, heartbeatAt } };
    // Compare-and-swap on the holder we read, so two processes taking over a stale lock cannot both win.
    const taken = await writer.execute(
      `UPDATE "SyncLock" SET "runId" = ?, "owner" = ?, "heartbeatAt" = ?, "updatedAt" = ?
        WHERE "scope" = ? AND "runId" = ? AND "owner" = ?`,
      [runId, owner, now, now, scope, existing.runId, existing.owner],
    );
    if (taken === 1) return { isAcquired: true };
  }
  const holder = await readLock(writer, scope);
  return {
    isAcquired: false,
    holder: {
      runId: holder?.runId ?? "unknown",
      owner: holder?.owner ?? "unknown",
      heartbeatAt: toDate(holder?.heartbeatAt ?? now),
    },
  };
}

/** Refreshes the heartbeat; false when the lock was taken over (the caller should stop). */
export async function touchImportLock(writer: BulkWriter, scope: string, runId: string): Promise<boolean> {
  const now = new Date();
  const changed = await writer.execute(
    `UPDATE "SyncLock" SET "heartbeatAt" = ?, "updatedAt" = ? WHERE "scope" = ? AND "runId" = ?`,
    [now, now, scope, runId],
  );
  return changed === 1;
}

export async function releaseImportLock(writer: BulkWriter, scope: string, runId: string): Promise<void> {
  await writer.execute(`DELETE FROM "SyncLock" WHERE "scope" = ? AND "runId" = ?`, [scope, runId]);
}

/** The run holding `scope` now, if its holder is alive (for "already running" answers). */
export async function readLiveLockHolder(
  writer: BulkWriter,
  scope: string,
  options: { staleMs?: number; now?: Date } = {},
): Promise<LockHolder | null> {
  const existing = await readLock(writer, scope);
  if (!existing) return null;
  const now = options.now ?? new Date();
  const heartbeatAt = toDate(existing.heartbeatAt);
  const isStale =
    now.getTime() - heartbeatAt.getTime() > (options.staleMs ?? DEFAULT_LOCK_STALE_MS) ||
    isOwnerGone(existing.owner) ||
    (existing.status !== null && existing.status !== "running");
  return isStale ? null : { runId: existing.runId, owner: existing.owner, heartbeatAt };
}
