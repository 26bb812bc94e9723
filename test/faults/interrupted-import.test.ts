/**
 * Fault: the demo load is killed (SIGKILL: no handler runs, nothing is cleaned up) halfway through.
 * Before the fix its SyncRun stayed "running" forever and the overview showed half a fleet
 * ("Fargate $0.00") with no warning. Now:
 * - the views call the run interrupted at once (its lock names a dead process), before anything
 *   has been written down;
 * - markInterruptedRuns (run at server start) records it as failed and frees its lock;
 * - a new load takes the scope at once and, once it succeeds, the data is complete again.
 *
 * The real CLI (scripts/demo.ts) writes into a temporary SQLite file under data/, started the way
 * "Load demo data" starts it (lib/jobs/start-import.ts): the run is reserved first, then
 * `scripts/demo.ts --run-id <id>` continues it (and skips migrating, which this test did while the
 * file was closed). It is started as `node --import tsx`, not through `npx tsx`: the tsx CLI runs
 * the script in a child process, so SIGKILL to the wrapper would leave the importer itself running.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toImportNoticeContent } from "@/components/fleet/import-notice";
import { createDb, type Db } from "@/lib/db/create-db";
import { DEMO_LOCK_SCOPE } from "@/lib/db/import/import-lock";
import { reserveImportRun } from "@/lib/db/import/run-import";
import { INTERRUPTED_RUN_MESSAGE, markInterruptedRuns } from "@/lib/db/import/recover-runs";
import { getImportHealth } from "@/lib/db/queries/import-health";
import { loadDemoFleet } from "@/lib/demo";
import { migrateDatabase } from "@/test/pg-harness";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FILE = path.join("data", `faults-interrupt-${randomUUID().slice(0, 8)}.db`);
const URL = `file:./${FILE}`;
/** Enough functions for about ten 500,000-row batches: the kill lands after the first. */
const FUNCTIONS = 1_500;
const SERVICES = 40;
const WAIT_FOR_BATCH_MS = 90_000;

let db: Db;
let child: ChildProcess | null = null;

/** Polls until the demo run has committed its first batch of functions. */
async function waitForFirstBatch(importer: ChildProcess, runId: string, stderr: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_FOR_BATCH_MS;
  while (Date.now() < deadline) {
    if (importer.exitCode !== null || importer.signalCode !== null)
      throw new Error(`the demo load ended before it could be killed: ${stderr()}`);
    const run = await db.syncRun
      .findUnique({ where: { id: runId }, select: { status: true, detailJson: true } })
      .catch(() => null); // the importer may hold a write lock for a moment
    if (run?.status === "running") {
      const detail = JSON.parse(run.detailJson) as { step?: string; done?: number };
      if (detail.step === "functions" && (detail.done ?? 0) > 0) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no batch of the demo load was committed within ${WAIT_FOR_BATCH_MS} ms: ${stderr()}`);
}

describe("an import killed halfway", () => {
  beforeAll(() => {
    fs.mkdirSync(path.join(ROOT, "data"), { recursive: true });
    migrateDatabase(URL);
    db = createDb(URL);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await db?.$disconnect();
    for (const suffix of ["", "-wal", "-shm", "-journal"])
      fs.rmSync(path.join(ROOT, FILE + suffix), { force: true });
  });

  it("is reported incomplete, marked failed by markInterruptedRuns, and a new load recovers", async () => {
    const { runId } = await reserveImportRun(db, { kind: "demo", lockScope: DEMO_LOCK_SCOPE });
    let stderr = "";
    child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/demo.ts",
        "--functions",
        String(FUNCTIONS),
        "--services",
        String(SERVICES),
        "--run-id",
        runId,
        "--quiet",
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: URL }, stdio: ["ignore", "ignore", "pipe"] },
    );
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-2_000);
    });
    await waitForFirstBatch(child, runId, () => stderr);
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    // Wait for the exit (Node reaps the child then): a zombie still answers kill(pid, 0).
    const [, signal] = (await exited) as [number | null, NodeJS.Signals | null];
    expect(signal).toBe("SIGKILL");

    // What the killed process left: a run still "running", its lock, and half a fleet.
    const left = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(left.status).toBe("running");
    expect(left.finishedAt).toBeNull();
    const lock = await db.syncLock.findUniqueOrThrow({ where: { scope: DEMO_LOCK_SCOPE } });
    expect(lock).toMatchObject({ runId, owner: `${os.hostname()}:${child.pid}` });
    const functionCount = await db.lambdaFunction.count();
    expect(functionCount).toBeGreaterThan(0);
    expect(functionCount).toBeLessThan(FUNCTIONS);
    // Services are written after every function: none made it (the "Fargate $0.00" of the issue).
    expect(await db.fargateService.count()).toBe(0);

    // The views are honest before anything is written down: the lock's process is dead.
    const [before] = await getImportHealth(db);
    expect(before).toMatchObject({
      scope: DEMO_LOCK_SCOPE,
      latestRun: { id: runId, status: "interrupted" },
      lastSucceededAt: null,
      isIncomplete: true,
    });

    // Server start: the run is recorded as failed, ended at its last heartbeat, and the lock is freed.
    const recovered = await markInterruptedRuns(db, new Date());
    expect(recovered).toEqual({ failedRunIds: [runId], freedLockScopes: [DEMO_LOCK_SCOPE] });
    const failed = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe(INTERRUPTED_RUN_MESSAGE);
    const lastHeartbeatMs = Math.max(left.heartbeatAt?.getTime() ?? 0, lock.heartbeatAt.getTime());
    expect(failed.finishedAt?.getTime()).toBe(lastHeartbeatMs);
    expect(await db.syncLock.count()).toBe(0);
    // Nothing left to recover.
    expect((await markInterruptedRuns(db, new Date())).failedRunIds).toEqual([]);

    const [after] = await getImportHealth(db);
    expect(after?.latestRun).toMatchObject({
      id: runId,
      status: "interrupted",
      finishedAt: failed.finishedAt?.toISOString(),
    });
    expect(after?.isIncomplete).toBe(true);
    // …and the notice the fleet pages show says so, with when.
    const notice = after ? toImportNoticeContent(after) : null;
    expect(notice).toMatchObject({ tone: "danger", retry: { kind: "demo" } });
    expect(notice?.text).toMatch(
      /^The demo load started \d{4}-\d\d-\d\d \d\d:\d\d UTC was interrupted at .*UTC: the data below is incomplete\. No demo load has completed\.$/,
    );

    // Retry: a new load takes the scope at once and, when it succeeds, the notice goes away.
    await loadDemoFleet(db, { functions: 3, services: 2, days: 3, hourlyDays: 1 });
    const [retried] = await getImportHealth(db);
    expect(retried?.latestRun?.status).toBe("succeeded");
    expect(retried?.lastSucceededAt).not.toBeNull();
    expect(retried?.isIncomplete).toBe(false);
    expect(retried ? toImportNoticeContent(retried) : "missing").toBeNull();
  }, 180_000);
});
