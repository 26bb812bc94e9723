/**
 * The sync's failure behaviour, against the loopback fake of test/aws/fake-aws.ts (real SDK clients,
 * real wire protocols, faults on demand): throttled twice then OK, throttled forever, AccessDenied
 * on one API, a 5xx, a kill mid-sync then a rerun, two syncs at once, an empty account; Cost
 * Explorer throttled past the retries, not enabled for the account, or switched off.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { ImportAlreadyRunningError } from "@/lib/db/import/run-import";
import { readSyncAccount } from "@/test/sync/read-sync-account";
import { syncAccount, type SyncAccountOptions } from "@/lib/sync";
import { applyAwsTestEnv, awsTestEnv } from "@/test/aws/moto";
import { startFakeAws, type FakeAwsHandle } from "@/test/aws/fake-aws";
import { migrateDatabase } from "@/test/pg-harness";
import { clearAllTables } from "@/test/tables";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ACCOUNT = "111122223333";
const FAST: SyncAccountOptions = { clientSettings: { maxAttempts: 3, requestTimeoutMs: 2_000 }, days: 7 };

let file: string;
let url: string;
let db: Db;

beforeAll(() => {
  file = path.join(os.tmpdir(), `breakeven-sync-faults-${randomUUID()}.db`);
  url = `file:${file}`;
  migrateDatabase(url);
  db = createDb(url);
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
});

async function resetDb(): Promise<void> {
  await clearAllTables(db);
  await db.account.create({
    data: { id: ACCOUNT, name: "fake", regions: { create: [{ region: "us-east-1" }] } },
  });
}

const readAccount = () => readSyncAccount(db, ACCOUNT);

describe("sync faults", () => {
  let fake: FakeAwsHandle;
  let restoreEnv: () => void;

  beforeEach(async () => {
    await resetDb();
  });

  afterEach(async () => {
    restoreEnv?.();
    await fake?.stop();
  });

  async function start(functions = 12, services = 3, latencyMs = 0) {
    fake = await startFakeAws({ fleet: { functions, services, pcEvery: 4 }, accountId: ACCOUNT, latencyMs });
    restoreEnv = applyAwsTestEnv(fake.endpoint);
  }

  it("retries throttling (twice, then OK) and finishes complete", async () => {
    await start();
    fake.setFault("lambda:ListFunctions", { kind: "throttle", times: 2 });
    fake.setFault("cloudwatch:GetMetricData", { kind: "5xx", times: 1 });
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("succeeded");
    expect(result.issues).toEqual([]);
    expect(result.calls["lambda:ListFunctions"]).toBeGreaterThanOrEqual(3);
    expect(await db.lambdaFunction.count({ where: { accountId: ACCOUNT } })).toBe(12);
  }, 60_000);

  it("ends cleanly with what it has when throttling never stops, and names what is missing", async () => {
    await start();
    fake.setFault("cloudwatch:GetMetricData", { kind: "throttle", times: "forever" });
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("partial");
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        accountId: ACCOUNT,
        region: "us-east-1",
        api: "cloudwatch:GetMetricData",
        code: "Throttling",
      }),
    );
    // The inventory is there; the metrics are not, and the region is not marked as read.
    expect(await db.lambdaFunction.count()).toBe(12);
    expect(await db.metricPoint.count()).toBe(0);
    const region = await db.accountRegion.findFirstOrThrow({ where: { accountId: ACCOUNT } });
    expect(region.metricsTo).toBeNull();
    const summary = await db.resourceSummary.findFirstOrThrow({ where: { resourceType: "lambda" } });
    expect(summary.invocations).toBeNull(); // unknown, not 0
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run.status).toBe("partial");
    expect(JSON.parse(run.issuesJson)).toHaveLength(result.issues.length);
  }, 60_000);

  it("finishes everything else when one API is denied", async () => {
    await start();
    fake.setFault("lambda:ListTags", { kind: "access-denied" });
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("partial");
    expect(result.issues).toEqual([
      expect.objectContaining({ api: "lambda:ListTags", code: "AccessDeniedException", region: "us-east-1" }),
    ]);
    expect(await db.lambdaFunction.count()).toBe(12);
    expect(await db.fargateService.count()).toBeGreaterThan(0);
    expect(await db.metricPoint.count()).toBeGreaterThan(0);
  }, 60_000);

  it("a Cost Explorer throttle past the retries is an issue; everything else stands and the bill stays unknown", async () => {
    await start();
    fake.setFault("ce:GetCostAndUsage", { kind: "throttle", times: "forever" });
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("partial");
    expect(result.issues).toEqual([
      expect.objectContaining({
        accountId: ACCOUNT,
        region: "global",
        api: "ce:GetCostAndUsage",
        code: "LimitExceededException",
      }),
    ]);
    // Every attempt is counted; none was answered, so none is billed (GetMetricData's share of a
    // cent is the whole estimate).
    expect(result.calls["ce:GetCostAndUsage"]).toBe(3);
    expect(result.estimatedCostUsd).toBeLessThan(0.01);
    expect(await db.lambdaFunction.count()).toBe(12);
    expect(await db.metricPoint.count()).toBeGreaterThan(0);
    expect(await db.costLine.count()).toBe(0);
    const account = await db.account.findUniqueOrThrow({ where: { id: ACCOUNT } });
    expect(account.costTo).toBeNull();
    const summary = await db.resourceSummary.findFirstOrThrow({ where: { resourceType: "lambda" } });
    expect(summary.costNanoUsd).toBeNull(); // unknown, not $0
  }, 60_000);

  it("retries a Cost Explorer throttle and reads the bill", async () => {
    await start();
    fake.setFault("ce:GetCostAndUsage", { kind: "throttle", times: 2 });
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("succeeded");
    expect(result.calls["ce:GetCostAndUsage"]).toBe(3);
    // Only the answered request is billed: GetMetricData's share of a cent plus $0.01.
    expect(result.estimatedCostUsd).toBeGreaterThanOrEqual(0.01);
    expect(result.estimatedCostUsd).toBeLessThan(0.02);
    const account = await db.account.findUniqueOrThrow({ where: { id: ACCOUNT } });
    expect(account.costTo).not.toBeNull();
    const summary = await db.resourceSummary.findFirstOrThrow({ where: { resourceType: "lambda" } });
    // The bill was read (costTo), but Cost Explorer's lines never name a function: the function's
    // own billed cost stays unknown (never a made-up $0); its share of the bill is the allocated cost.
    expect(summary.costNanoUsd).toBeNull();
  }, 60_000);

  it("Cost Explorer not enabled (AccessDenied) is an issue that says what to do", async () => {
    await start();
    fake.setFault("ce:GetCostAndUsage", { kind: "access-denied" });
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("partial");
    expect(result.issues).toEqual([
      expect.objectContaining({
        api: "ce:GetCostAndUsage",
        code: "AccessDeniedException",
        message: expect.stringMatching(/switch Cost Explorer off for this account/),
      }),
    ]);
    expect(await db.lambdaFunction.count()).toBe(12);
  }, 60_000);

  it("makes no Cost Explorer request for an account whose switch is off", async () => {
    await start();
    await db.account.update({ where: { id: ACCOUNT }, data: { isCostExplorerEnabled: false } });
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("succeeded");
    expect(result.calls["ce:GetCostAndUsage"]).toBeUndefined();
    expect(fake.costExplorerRequests).toEqual([]);
  }, 60_000);

  it("refuses credentials of another account, and records the failed run", async () => {
    await start();
    await db.account.create({
      data: { id: "999999999999", name: "other", regions: { create: [{ region: "us-east-1" }] } },
    });
    const other = await readSyncAccount(db, "999999999999");
    await expect(syncAccount(db, other, FAST)).rejects.toThrow(
      /credentials are for account 111122223333, not 999999999999/,
    );
    const run = await db.syncRun.findFirstOrThrow({ where: { accountId: "999999999999" } });
    expect(run.status).toBe("failed");
    expect(await db.lambdaFunction.count()).toBe(0);
  }, 60_000);

  it("an empty account syncs to nothing, successfully", async () => {
    await start(0, 0);
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("succeeded");
    expect(await db.lambdaFunction.count()).toBe(0);
    expect(result.calls["cloudwatch:GetMetricData"] ?? 0).toBe(0);
  }, 60_000);

  it("refuses a second sync of the same account while one runs", async () => {
    await start(12, 3, 50);
    const account = await readAccount();
    const first = syncAccount(db, account, FAST);
    while ((await db.syncRun.count({ where: { status: "running" } })) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await expect(syncAccount(db, account, FAST)).rejects.toBeInstanceOf(ImportAlreadyRunningError);
    expect((await first).status).toBe("succeeded");
    expect(await db.syncRun.count()).toBe(1);
  }, 60_000);

  it("a killed sync leaves the last good data, is marked failed, and the next run completes", async () => {
    await start(12, 3, 0);
    const account = await readAccount();
    const good = await syncAccount(db, account, FAST);
    expect(good.status).toBe("succeeded");
    const goodSummaries = await db.resourceSummary.count();
    await fake.stop();

    // A slow AWS, and a sync process killed in the middle of it.
    fake = await startFakeAws({
      fleet: { functions: 400, services: 3, pcEvery: 4 },
      accountId: ACCOUNT,
      latencyMs: 60,
    });
    restoreEnv();
    restoreEnv = applyAwsTestEnv(fake.endpoint);
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
    for (const [name, value] of Object.entries(awsTestEnv(fake.endpoint))) {
      if (value === "") delete env[name];
      else env[name] = value;
    }
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "scripts/sync.ts"), "--account", ACCOUNT, "--quiet"],
      {
        cwd: ROOT,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise((resolve) => child.once("close", resolve));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const running = await db.syncRun.findFirst({ where: { status: "running" } });
      if (running && (await db.lambdaFunction.count()) > 12) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(child.exitCode, stderr).toBeNull(); // still running when killed
    child.kill("SIGKILL");
    await closed;
    const killed = await db.syncRun.findFirstOrThrow({ where: { status: "running" } });
    // The list views still read the last good summaries.
    expect(await db.resourceSummary.count()).toBe(goodSummaries);

    const rerun = await syncAccount(db, account, FAST);
    expect(rerun.issues).toEqual([]);
    expect(rerun.status).toBe("succeeded");
    expect(rerun.calls["lambda:ListFunctions"]).toBe(8);
    const marked = await db.syncRun.findUniqueOrThrow({ where: { id: killed.id } });
    expect(marked.status).toBe("failed");
    expect(marked.error).toMatch(/interrupted/);
    expect(await db.lambdaFunction.count({ where: { deletedAt: null } })).toBe(400);
    expect(await db.resourceSummary.count({ where: { resourceType: "lambda" } })).toBe(400);
    expect(await db.syncRun.count({ where: { status: "running" } })).toBe(0);
  }, 120_000);
});
