import { spawnSync } from "node:child_process";
import os from "node:os";
import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { describeForBothDatabases } from "@/test/databases";
import { DEMO_LOCK_SCOPE, accountLockScope, currentLockOwner } from "./import-lock";
import { INTERRUPTED_RUN_MESSAGE, isRunInterrupted, markInterruptedRuns } from "./recover-runs";
import { reserveImportRun } from "./run-import";
import { clearAllTables } from "@/test/tables";

const NOW = new Date("2026-11-23T10:00:00.000Z");
const secondsBefore = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const ACCOUNT = "111111111111";

/** "host:pid" of a process of this host that has exited (spawnSync reaps it before returning). */
function deadOwner(): string {
  const { pid } = spawnSync(process.execPath, ["-e", ""]);
  if (!pid) throw new Error("could not start a short-lived process");
  return `${os.hostname()}:${pid}`;
}

/** A process on another host: its pid cannot be checked, only its heartbeat. */
const OTHER_HOST_OWNER = "some-other-host.example:4242";

async function insertRun(
  db: Db,
  run: { id: string; status?: string; accountId?: string | null; startedAt: Date; heartbeatAt: Date | null },
) {
  await db.syncRun.create({
    data: {
      id: run.id,
      kind: run.accountId ? "aws" : "demo",
      status: run.status ?? "running",
      accountId: run.accountId ?? null,
      startedAt: run.startedAt,
      heartbeatAt: run.heartbeatAt,
      finishedAt: run.status && run.status !== "running" ? run.heartbeatAt : null,
    },
  });
}

async function insertLock(db: Db, lock: { scope: string; runId: string; owner: string; heartbeatAt: Date }) {
  await db.syncLock.create({ data: lock });
}

describeForBothDatabases("markInterruptedRuns", (getDatabase) => {
  const db = () => getDatabase().db;
  beforeEach(async () => {
    await clearAllTables(db());
  });

  it("marks a run whose lock names a dead process failed at once, ending it at its last heartbeat, and frees the lock", async () => {
    const heartbeatAt = secondsBefore(5);
    await insertRun(db(), { id: "demo-killed", startedAt: secondsBefore(30), heartbeatAt });
    // The lock's heartbeat is the newer one: that is the last sign of life.
    const lockHeartbeatAt = secondsBefore(3);
    await insertLock(db(), {
      scope: DEMO_LOCK_SCOPE,
      runId: "demo-killed",
      owner: deadOwner(),
      heartbeatAt: lockHeartbeatAt,
    });

    const result = await markInterruptedRuns(db(), NOW);

    expect(result).toEqual({ failedRunIds: ["demo-killed"], freedLockScopes: [DEMO_LOCK_SCOPE] });
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: "demo-killed" } });
    expect(run.status).toBe("failed");
    expect(run.error).toBe(INTERRUPTED_RUN_MESSAGE);
    expect(run.finishedAt?.toISOString()).toBe(lockHeartbeatAt.toISOString());
    expect(await db().syncLock.count()).toBe(0);
  });

  it("leaves a live run (this process, fresh heartbeat) running and keeps its lock", async () => {
    await insertRun(db(), { id: "demo-live", startedAt: secondsBefore(30), heartbeatAt: secondsBefore(2) });
    await insertLock(db(), {
      scope: DEMO_LOCK_SCOPE,
      runId: "demo-live",
      owner: currentLockOwner(),
      heartbeatAt: secondsBefore(2),
    });

    expect(await markInterruptedRuns(db(), NOW)).toEqual({ failedRunIds: [], freedLockScopes: [] });
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: "demo-live" } });
    expect(run.status).toBe("running");
    expect(run.finishedAt).toBeNull();
    expect(await db().syncLock.count()).toBe(1);
  });

  it("fails a run of another host only once its heartbeat is older than the stale window", async () => {
    await insertRun(db(), {
      id: "aws-remote",
      accountId: ACCOUNT,
      startedAt: secondsBefore(600),
      heartbeatAt: secondsBefore(59),
    });
    await insertLock(db(), {
      scope: accountLockScope(ACCOUNT),
      runId: "aws-remote",
      owner: OTHER_HOST_OWNER,
      heartbeatAt: secondsBefore(59),
    });

    // 59 s without a heartbeat: still inside the 60 s window.
    expect((await markInterruptedRuns(db(), NOW)).failedRunIds).toEqual([]);
    // Two seconds later it is stale.
    const later = new Date(NOW.getTime() + 2_000);
    expect(await markInterruptedRuns(db(), later)).toEqual({
      failedRunIds: ["aws-remote"],
      freedLockScopes: [accountLockScope(ACCOUNT)],
    });
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: "aws-remote" } });
    expect(run.status).toBe("failed");
    expect(run.finishedAt?.toISOString()).toBe(secondsBefore(59).toISOString());
  });

  it("gives a run with no lock the stale window (it takes its lock just after writing its row)", async () => {
    await insertRun(db(), {
      id: "demo-starting",
      startedAt: secondsBefore(1),
      heartbeatAt: secondsBefore(1),
    });
    await insertRun(db(), {
      id: "aws-lockless",
      accountId: ACCOUNT,
      startedAt: secondsBefore(300),
      heartbeatAt: secondsBefore(120),
    });

    expect(await markInterruptedRuns(db(), NOW)).toEqual({
      failedRunIds: ["aws-lockless"],
      freedLockScopes: [],
    });
    expect((await db().syncRun.findUniqueOrThrow({ where: { id: "demo-starting" } })).status).toBe("running");
  });

  it("never touches finished runs, and frees a leftover lock only when its holder is gone", async () => {
    await insertRun(db(), {
      id: "aws-done",
      status: "succeeded",
      accountId: ACCOUNT,
      startedAt: secondsBefore(300),
      heartbeatAt: secondsBefore(200),
    });
    // The holder finished its run but died before deleting the lock.
    await insertLock(db(), {
      scope: accountLockScope(ACCOUNT),
      runId: "aws-done",
      owner: deadOwner(),
      heartbeatAt: secondsBefore(200),
    });
    // A server has just reserved a run: lock first, row a moment later. Not to be freed.
    await insertLock(db(), {
      scope: DEMO_LOCK_SCOPE,
      runId: "demo-reserving",
      owner: currentLockOwner(),
      heartbeatAt: NOW,
    });

    expect(await markInterruptedRuns(db(), NOW)).toEqual({
      failedRunIds: [],
      freedLockScopes: [accountLockScope(ACCOUNT)],
    });
    const done = await db().syncRun.findUniqueOrThrow({ where: { id: "aws-done" } });
    expect(done.status).toBe("succeeded");
    expect(done.error).toBeNull();
    expect((await db().syncLock.findMany()).map((lock) => lock.scope)).toEqual([DEMO_LOCK_SCOPE]);
  });

  it("recovers a run reserved through the import pipeline (rows written by the bulk writer)", async () => {
    const { runId } = await reserveImportRun(db(), { kind: "demo", lockScope: DEMO_LOCK_SCOPE });
    // The server that reserved it died before its import process took the lock over.
    await db().syncLock.update({ where: { scope: DEMO_LOCK_SCOPE }, data: { owner: deadOwner() } });
    const reserved = await db().syncRun.findUniqueOrThrow({ where: { id: runId } });

    const result = await markInterruptedRuns(db(), new Date());

    expect(result.failedRunIds).toEqual([runId]);
    const run = await db().syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.status).toBe("failed");
    expect(run.finishedAt?.getTime()).toBeGreaterThanOrEqual(reserved.startedAt.getTime());
    expect(await db().syncLock.count()).toBe(0);
    // A new reservation gets the scope at once.
    await expect(reserveImportRun(db(), { kind: "demo", lockScope: DEMO_LOCK_SCOPE })).resolves.toBeTruthy();
  });
});

it("isRunInterrupted: a dead owner counts at once, a fresh heartbeat elsewhere does not", () => {
  const run = { startedAt: secondsBefore(10), heartbeatAt: secondsBefore(1) };
  expect(isRunInterrupted({ ...run, lock: { owner: deadOwner(), heartbeatAt: secondsBefore(1) } }, NOW)).toBe(
    true,
  );
  expect(
    isRunInterrupted({ ...run, lock: { owner: OTHER_HOST_OWNER, heartbeatAt: secondsBefore(1) } }, NOW),
  ).toBe(false);
  expect(isRunInterrupted({ ...run, lock: null }, NOW)).toBe(false);
  expect(isRunInterrupted({ ...run, heartbeatAt: null, lock: null }, NOW)).toBe(false);
  expect(isRunInterrupted({ startedAt: secondsBefore(61), heartbeatAt: null, lock: null }, NOW)).toBe(true);
});

describeForBothDatabases("getSyncRun (the progress poll)", (getDatabase) => {
  const db = () => getDatabase().db;
  beforeEach(async () => {
    await clearAllTables(db());
  });

  it("reports a run whose process died as failed, so the page stops waiting; a live run stays running", async () => {
    const { getSyncRun } = await import("@/lib/db/queries/sync-runs");
    const now = new Date();
    await insertRun(db(), { id: "demo-dead", startedAt: now, heartbeatAt: now });
    await insertLock(db(), {
      scope: DEMO_LOCK_SCOPE,
      runId: "demo-dead",
      owner: deadOwner(),
      heartbeatAt: now,
    });
    await insertRun(db(), { id: "aws-live", accountId: ACCOUNT, startedAt: now, heartbeatAt: now });
    await insertLock(db(), {
      scope: accountLockScope(ACCOUNT),
      runId: "aws-live",
      owner: currentLockOwner(),
      heartbeatAt: now,
    });

    const dead = await getSyncRun("demo-dead", db());
    expect(dead?.status).toBe("failed");
    expect(dead?.error).toBe(INTERRUPTED_RUN_MESSAGE);
    expect((await getSyncRun("aws-live", db()))?.status).toBe("running");
  });
});
