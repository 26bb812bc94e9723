import { spawnSync } from "node:child_process";
import os from "node:os";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { getDataCache } from "@/lib/db/data-version";
import { DEMO_LOCK_SCOPE, accountLockScope, currentLockOwner } from "@/lib/db/import/import-lock";
import { INTERRUPTED_RUN_MESSAGE, markInterruptedRuns } from "@/lib/db/import/recover-runs";
import { describeForBothDatabases } from "@/test/databases";
import { getImportHealth, getImportHealthByDataVersion, summariseIssues } from "./import-health";
import { clearAllTables } from "@/test/tables";

const NOW = new Date("2026-11-23T10:00:00.000Z");
const at = (minutesBefore: number) => new Date(NOW.getTime() - minutesBefore * 60_000);
const PROD = "111111111111";
const STAGING = "222222222222";

type RunInput = {
  id: string;
  status: string;
  accountId?: string;
  startedAt: Date;
  heartbeatAt: Date | null;
  finishedAt?: Date | null;
  error?: string | null;
  issues?: unknown[];
};

async function insertRun(db: Db, run: RunInput) {
  await db.syncRun.create({
    data: {
      id: run.id,
      kind: run.accountId ? "aws" : "demo",
      status: run.status,
      accountId: run.accountId ?? null,
      startedAt: run.startedAt,
      heartbeatAt: run.heartbeatAt,
      finishedAt: run.finishedAt ?? null,
      error: run.error ?? null,
      issuesJson: JSON.stringify(run.issues ?? []),
    },
  });
}

describeForBothDatabases("getImportHealth", (getDatabase) => {
  const db = () => getDatabase().db;
  beforeEach(async () => {
    await clearAllTables(db());
  });

  it("is empty for an empty database, and unknown (null) for an account never synced", async () => {
    expect(await getImportHealth(db(), { now: NOW })).toEqual([]);
    await db().account.create({ data: { id: PROD, name: "prod" } });
    expect(await getImportHealth(db(), { now: NOW })).toEqual([
      {
        scope: accountLockScope(PROD),
        kind: "aws",
        accountId: PROD,
        accountName: "prod",
        latestRun: null,
        lastSucceededAt: null,
        isIncomplete: false,
      },
    ]);
  });

  it("reports a running run with a stale heartbeat as interrupted, with the last complete sync", async () => {
    await db().account.create({ data: { id: PROD, name: "prod" } });
    await insertRun(db(), {
      id: "aws-old-ok",
      status: "succeeded",
      accountId: PROD,
      startedAt: at(60 * 26),
      heartbeatAt: at(60 * 25),
      finishedAt: at(60 * 25),
    });
    await insertRun(db(), {
      id: "aws-ok",
      status: "succeeded",
      accountId: PROD,
      startedAt: at(60 * 2),
      heartbeatAt: at(100),
      finishedAt: at(100),
    });
    // Killed on another host (its pid cannot be checked): only the heartbeat tells.
    await insertRun(db(), {
      id: "aws-killed",
      status: "running",
      accountId: PROD,
      startedAt: at(10),
      heartbeatAt: at(8),
    });
    await db().syncLock.create({
      data: {
        scope: accountLockScope(PROD),
        runId: "aws-killed",
        owner: "other-host.example:77",
        heartbeatAt: at(8),
      },
    });

    const [prod] = await getImportHealth(db(), { now: NOW });
    expect(prod).toEqual({
      scope: accountLockScope(PROD),
      kind: "aws",
      accountId: PROD,
      accountName: "prod",
      latestRun: {
        id: "aws-killed",
        status: "interrupted",
        startedAt: at(10).toISOString(),
        lastHeartbeatAt: at(8).toISOString(),
        finishedAt: at(8).toISOString(),
        issueCount: 0,
        issueSummary: null,
        error: INTERRUPTED_RUN_MESSAGE,
      },
      lastSucceededAt: at(100).toISOString(),
      isIncomplete: true,
    });
    // The table still says "running": reads never write.
    expect((await db().syncRun.findUniqueOrThrow({ where: { id: "aws-killed" } })).status).toBe("running");

    // Once markInterruptedRuns has recorded it, the views tell the same story.
    await markInterruptedRuns(db(), NOW);
    const [recorded] = await getImportHealth(db(), { now: NOW });
    expect(recorded?.latestRun?.status).toBe("interrupted");
    expect(recorded?.latestRun?.finishedAt).toBe(at(8).toISOString());
    expect(recorded?.isIncomplete).toBe(true);
  });

  it("reports a run with a fresh heartbeat as running (not incomplete), and the demo before accounts", async () => {
    await db().account.createMany({
      data: [
        { id: STAGING, name: "staging" },
        { id: "999999999999", name: "demo", isDemo: true },
      ],
    });
    await insertRun(db(), { id: "demo-live", status: "running", startedAt: at(2), heartbeatAt: at(0.05) });
    await db().syncLock.create({
      data: { scope: DEMO_LOCK_SCOPE, runId: "demo-live", owner: currentLockOwner(), heartbeatAt: at(0.05) },
    });

    const health = await getImportHealth(db(), { now: NOW });
    expect(health.map((scope) => scope.scope)).toEqual([DEMO_LOCK_SCOPE, accountLockScope(STAGING)]);
    expect(health[0]).toMatchObject({
      kind: "demo",
      accountId: null,
      latestRun: { id: "demo-live", status: "running", finishedAt: null, error: null },
      lastSucceededAt: null,
      isIncomplete: false,
    });
  });

  it("calls a running run whose lock names a dead process of this host interrupted at once", async () => {
    const { pid } = spawnSync(process.execPath, ["-e", ""]);
    await insertRun(db(), { id: "demo-killed", status: "running", startedAt: at(1), heartbeatAt: at(0.1) });
    await db().syncLock.create({
      data: {
        scope: DEMO_LOCK_SCOPE,
        runId: "demo-killed",
        owner: `${os.hostname()}:${pid}`,
        heartbeatAt: at(0.1),
      },
    });
    const [demo] = await getImportHealth(db(), { now: NOW });
    expect(demo?.latestRun?.status).toBe("interrupted");
    expect(demo?.isIncomplete).toBe(true);
  });

  it("summarises what a partial run is missing and keeps a plain failure's error", async () => {
    await db().account.createMany({
      data: [
        { id: PROD, name: "prod" },
        { id: STAGING, name: "staging" },
      ],
    });
    const issue = (region: string, code: string) => ({
      accountId: PROD,
      region,
      api: "cloudwatch:GetMetricData",
      code,
      message: "denied",
    });
    await insertRun(db(), {
      id: "aws-partial",
      status: "partial",
      accountId: PROD,
      startedAt: at(30),
      heartbeatAt: at(20),
      finishedAt: at(20),
      issues: [issue("us-east-1", "AccessDenied"), issue("eu-west-1", "Throttling")],
    });
    await insertRun(db(), {
      id: "aws-failed",
      status: "failed",
      accountId: STAGING,
      startedAt: at(30),
      heartbeatAt: at(29),
      finishedAt: at(29),
      error: "could not assume the role",
    });

    const [prod, staging] = await getImportHealth(db(), { now: NOW });
    expect(prod?.latestRun).toMatchObject({
      status: "partial",
      issueCount: 2,
      issueSummary:
        "cloudwatch:GetMetricData in us-east-1 (AccessDenied); cloudwatch:GetMetricData in eu-west-1 (Throttling)",
    });
    expect(prod?.isIncomplete).toBe(true);
    expect(staging?.latestRun).toMatchObject({
      status: "failed",
      error: "could not assume the role",
      finishedAt: at(29).toISOString(),
    });
    expect(staging?.lastSucceededAt).toBeNull();
    expect(staging?.isIncomplete).toBe(true);
  });

  it("is complete when the latest run succeeded", async () => {
    await insertRun(db(), {
      id: "demo-failed",
      status: "failed",
      startedAt: at(90),
      heartbeatAt: at(89),
      finishedAt: at(89),
      error: INTERRUPTED_RUN_MESSAGE,
    });
    await insertRun(db(), {
      id: "demo-ok",
      status: "succeeded",
      startedAt: at(60),
      heartbeatAt: at(59),
      finishedAt: at(59),
    });
    const [demo] = await getImportHealth(db(), { now: NOW });
    expect(demo).toMatchObject({
      latestRun: { id: "demo-ok", status: "succeeded" },
      lastSucceededAt: at(59).toISOString(),
      isIncomplete: false,
    });
  });

  it("is shared per data version once no run is running, and read afresh while one runs", async () => {
    getDataCache(db()).clear();
    await db().account.create({ data: { id: PROD, name: "prod" } });
    await insertRun(db(), {
      id: "aws-ok",
      status: "succeeded",
      accountId: PROD,
      startedAt: at(60),
      heartbeatAt: at(50),
      finishedAt: at(50),
    });
    const [first] = await getImportHealthByDataVersion(db(), { now: NOW });
    expect(first?.latestRun?.lastHeartbeatAt).toBe(at(50).toISOString());
    // A write that moves no part of the data version (raw SQL leaves updatedAt alone): still shared.
    await db().$executeRawUnsafe(`UPDATE "SyncRun" SET "error" = 'edited by hand' WHERE "id" = 'aws-ok'`);
    expect((await getImportHealthByDataVersion(db(), { now: NOW }))[0]?.latestRun?.error).toBeNull();
    expect((await getImportHealth(db(), { now: NOW }))[0]?.latestRun?.error).toBe("edited by hand");

    // A new run moves the version; while it runs, each call reads afresh against the clock.
    await insertRun(db(), {
      id: "aws-live",
      status: "running",
      accountId: PROD,
      startedAt: at(1),
      heartbeatAt: NOW,
    });
    const [running] = await getImportHealthByDataVersion(db(), { now: NOW });
    expect(running?.latestRun).toMatchObject({ id: "aws-live", status: "running" });
    const muchLater = new Date(NOW.getTime() + 60 * 60_000);
    const [stale] = await getImportHealthByDataVersion(db(), { now: muchLater });
    expect(stale?.latestRun?.status).toBe("interrupted");
  });
});

describe("summariseIssues", () => {
  it("names the first three and counts the rest", () => {
    const issue = (n: number) => ({ region: `r${n}`, api: "lambda:ListFunctions", code: "E", message: "m" });
    expect(summariseIssues([])).toBeNull();
    expect(summariseIssues([1, 2, 3, 4, 5].map(issue))).toBe(
      "lambda:ListFunctions in r1 (E); lambda:ListFunctions in r2 (E); lambda:ListFunctions in r3 (E) and 2 more",
    );
  });
});
