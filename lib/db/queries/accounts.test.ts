import { beforeEach, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { currentLockOwner } from "@/lib/db/import/import-lock";
import { AppError } from "@/lib/errors";
import { createAccountBodySchema, updateAccountBodySchema } from "@/lib/schemas/account";
import { describeForBothDatabases } from "@/test/databases";
import {
  RECENT_RUNS_PER_ACCOUNT,
  createAccount,
  deleteAccountWithData,
  getAccount,
  listAccounts,
  updateAccount,
} from "./accounts";
import { clearAllTables } from "@/test/tables";

const A = "111111111111";
const B = "222222222222";
const DEMO = "999999999999";
const DAY = new Date("2026-11-20T00:00:00.000Z");

const create = (body: Record<string, unknown>) => createAccountBodySchema.parse(body);
const patch = (body: Record<string, unknown>) => updateAccountBodySchema.parse(body);

/** Every table an account's sync writes, one or two rows each, all keyed to `accountId`. */
async function seedAccountData(db: Db, accountId: string, region: string): Promise<void> {
  const fnArn = `arn:aws:lambda:${region}:${accountId}:function:api-${accountId}`;
  const svcArn = `arn:aws:ecs:${region}:${accountId}:service/main/web-${accountId}`;
  const seen = new Date("2026-08-01T00:00:00.000Z");
  await db.lambdaFunction.create({
    data: {
      id: `fn-${accountId}`,
      arn: fnArn,
      accountId,
      region,
      name: `api-${accountId}`,
      runtime: "nodejs22.x",
      architecture: "arm64",
      memoryMb: 512,
      timeoutSeconds: 30,
      firstSeenAt: seen,
      lastSeenAt: DAY,
    },
  });
  // A deleted function: its rows go too, and it is not counted.
  await db.lambdaFunction.create({
    data: {
      id: `fn-old-${accountId}`,
      arn: `${fnArn}-old`,
      accountId,
      region,
      name: `old-${accountId}`,
      architecture: "x86_64",
      memoryMb: 128,
      timeoutSeconds: 3,
      firstSeenAt: seen,
      lastSeenAt: seen,
      deletedAt: seen,
    },
  });
  await db.lambdaConfigChange.create({
    data: {
      functionId: `fn-${accountId}`,
      effectiveAt: seen,
      memoryMb: 512,
      architecture: "arm64",
      timeoutSeconds: 30,
    },
  });
  await db.lambdaProvisionedConcurrency.create({
    data: { functionId: `fn-${accountId}`, qualifier: "live", requestedCount: 2 },
  });
  await db.fargateService.create({
    data: {
      id: `svc-${accountId}`,
      arn: svcArn,
      accountId,
      region,
      clusterName: "main",
      name: `web-${accountId}`,
      taskDefinitionArn: `arn:aws:ecs:${region}:${accountId}:task-definition/web:1`,
      cpuUnits: 256,
      memoryMb: 512,
      desiredCount: 1,
      runningCount: 1,
      firstSeenAt: seen,
      lastSeenAt: DAY,
    },
  });
  await db.fargateServiceConfigChange.create({
    data: {
      serviceId: `svc-${accountId}`,
      effectiveAt: seen,
      cpuUnits: 256,
      memoryMb: 512,
      architecture: "x86_64",
    },
  });
  const point = (resourceArn: string, resourceType: string, metric: string) => ({
    resourceArn,
    resourceType,
    metric,
    stat: "Sum",
    granularity: "day",
    timestamp: DAY,
    value: 10,
    unit: "Count",
  });
  await db.metricPoint.createMany({
    data: [
      point(fnArn, "lambda", "Invocations"),
      point(`${fnArn}-old`, "lambda", "Invocations"),
      point(svcArn, "fargate", "CPUUtilization"),
    ],
  });
  await db.memoryObservation.create({
    data: {
      functionArn: fnArn,
      memoryMb: 512,
      architecture: "arm64",
      source: "metrics",
      observedOn: DAY,
      invocations: 10,
      durationAvgMs: 12,
    },
  });
  const summary = (resourceArn: string, resourceType: string) => ({
    resourceArn,
    resourceType,
    windowDays: 30,
    windowEnd: DAY,
    costNanoUsd: 1_000n,
    dailyCostJson: "[]",
  });
  await db.resourceSummary.createMany({ data: [summary(fnArn, "lambda"), summary(svcArn, "fargate")] });
  await db.costLine.create({
    data: {
      accountId,
      region,
      service: "AWS Lambda",
      usageType: "Lambda-GB-Second",
      resourceArn: fnArn,
      day: DAY,
      component: "duration",
      amount: "0.000001000",
      amountNanoUsd: 1_000n,
      source: "cost-explorer",
    },
  });
  await db.dailySpend.create({
    data: { day: DAY, accountId, region, service: "AWS Lambda", component: "duration", costNanoUsd: 1_000n },
  });
  await db.syncRun.create({
    data: {
      id: `aws-old-${accountId}`,
      kind: "aws",
      status: "succeeded",
      accountId,
      startedAt: new Date("2026-11-19T10:00:00Z"),
      finishedAt: new Date("2026-11-19T10:01:00Z"),
      detailJson: JSON.stringify({ step: "done", done: 1, total: 1, rowsWritten: 42 }),
      callsJson: JSON.stringify({ "lambda:ListFunctions": 2, "cloudwatch:GetMetricData": 3 }),
      estimatedCostUsd: 0.01,
    },
  });
}

/** Rows in every account-scoped table that belong to `accountId` (by id or by its resources' ARNs). */
async function countRowsOf(db: Db, accountId: string): Promise<Record<string, number>> {
  const arnFilter = { contains: `:${accountId}:` };
  return {
    Account: await db.account.count({ where: { id: accountId } }),
    AccountRegion: await db.accountRegion.count({ where: { accountId } }),
    LambdaFunction: await db.lambdaFunction.count({ where: { accountId } }),
    LambdaConfigChange: await db.lambdaConfigChange.count({ where: { function: { accountId } } }),
    LambdaProvisionedConcurrency: await db.lambdaProvisionedConcurrency.count({
      where: { functionId: { in: [`fn-${accountId}`] } },
    }),
    FargateService: await db.fargateService.count({ where: { accountId } }),
    FargateServiceConfigChange: await db.fargateServiceConfigChange.count({
      where: { serviceId: `svc-${accountId}` },
    }),
    MetricPoint: await db.metricPoint.count({ where: { resourceArn: arnFilter } }),
    MemoryObservation: await db.memoryObservation.count({ where: { functionArn: arnFilter } }),
    ResourceSummary: await db.resourceSummary.count({ where: { resourceArn: arnFilter } }),
    CostLine: await db.costLine.count({ where: { accountId } }),
    DailySpend: await db.dailySpend.count({ where: { accountId } }),
    SyncRun: await db.syncRun.count({ where: { accountId } }),
    SyncLock: await db.syncLock.count({ where: { scope: `account:${accountId}` } }),
  };
}

describeForBothDatabases("accounts DAL", (getDatabase) => {
  beforeEach(async () => {
    const { db } = getDatabase();
    await db.syncLock.deleteMany();
    await db.dailySpend.deleteMany();
    await clearAllTables(db);
  });

  it("creates an account and reads it back as a DTO without the ExternalId in lists", async () => {
    const { db } = getDatabase();
    const created = await createAccount(
      create({
        id: A,
        name: "  prod  ",
        regions: ["us-east-1", "eu-west-1", "us-east-1"],
        roleArn: `arn:aws:iam::${A}:role/BreakevenRead`,
        externalId: "breakeven-123",
      }),
      db,
    );
    expect(created).toMatchObject({
      id: A,
      name: "prod",
      regions: ["eu-west-1", "us-east-1"],
      roleArn: `arn:aws:iam::${A}:role/BreakevenRead`,
      externalId: "breakeven-123",
      hasExternalId: true,
      profile: null,
      isLogsInsightsEnabled: false,
      functionCount: 0,
      serviceCount: 0,
      recentRuns: [],
    });
    expect(await getAccount(A, db)).toEqual(created);
    const [listed] = await listAccounts(db);
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty("externalId");
    expect(listed).toMatchObject({ id: A, hasExternalId: true });
  });

  it("refuses a duplicate id (also a demo account's) with CONFLICT", async () => {
    const { db } = getDatabase();
    await createAccount(create({ id: A, name: "prod", regions: ["us-east-1"] }), db);
    await expect(
      createAccount(create({ id: A, name: "again", regions: ["us-east-1"] }), db),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await db.account.create({ data: { id: DEMO, name: "demo", isDemo: true } });
    await expect(
      createAccount(create({ id: DEMO, name: "demo", regions: ["us-east-1"] }), db),
    ).rejects.toBeInstanceOf(AppError);
  });

  it("lists real accounts only, with live counts and the last runs newest first", async () => {
    const { db } = getDatabase();
    await createAccount(create({ id: B, name: "staging", regions: ["eu-west-1"] }), db);
    await createAccount(create({ id: A, name: "prod", regions: ["us-east-1"] }), db);
    await db.account.create({ data: { id: DEMO, name: "demo", isDemo: true } });
    await seedAccountData(db, A, "us-east-1");
    for (let i = 0; i < 6; i += 1) {
      await db.syncRun.create({
        data: {
          id: `aws-${i}`,
          kind: "aws",
          status: i === 5 ? "partial" : "succeeded",
          accountId: A,
          startedAt: new Date(Date.UTC(2026, 10, 21, i)),
          issuesJson:
            i === 5
              ? JSON.stringify([{ region: "us-east-1", api: "logs", code: "AccessDenied", message: "no" }])
              : "[]",
        },
      });
    }
    const accounts = await listAccounts(db);
    expect(accounts.map((a) => a.id)).toEqual([A, B]);
    const prod = accounts[0]!;
    expect(prod.functionCount).toBe(1);
    expect(prod.serviceCount).toBe(1);
    expect(prod.recentRuns).toHaveLength(RECENT_RUNS_PER_ACCOUNT);
    expect(prod.recentRuns[0]).toMatchObject({ id: "aws-5", status: "partial" });
    expect(prod.recentRuns[0]!.issues).toHaveLength(1);
    expect(accounts[1]!.recentRuns).toEqual([]);
    expect(await getAccount(DEMO, db)).toBeNull();
  });

  it("switches Cost Explorer per account (on by default) and sums this UTC month's Cost Explorer requests", async () => {
    const { db } = getDatabase();
    const created = await createAccount(create({ id: A, name: "prod", regions: ["us-east-1"] }), db);
    expect(created).toMatchObject({
      isCostExplorerEnabled: true,
      costExplorerThisMonth: { requests: 0, costUsd: 0 },
    });
    const now = new Date();
    const run = (id: string, startedAt: Date, calls: Record<string, number>) =>
      db.syncRun.create({
        data: {
          id,
          kind: "aws",
          status: "succeeded",
          accountId: A,
          startedAt,
          callsJson: JSON.stringify(calls),
        },
      });
    await run("aws-this-month-1", now, { "ce:GetCostAndUsage": 3, "cloudwatch:GetMetricData": 40 });
    await run("aws-this-month-2", now, { "ce:GetCostAndUsage": 2 });
    // Last month's requests were last month's spend.
    await run("aws-last-month", new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)), {
      "ce:GetCostAndUsage": 90,
    });
    const [listed] = await listAccounts(db);
    expect(listed?.costExplorerThisMonth.requests).toBe(5);
    expect(listed?.costExplorerThisMonth.costUsd).toBeCloseTo(0.05, 9);

    const off = await updateAccount(A, patch({ isCostExplorerEnabled: false }), db);
    expect(off?.isCostExplorerEnabled).toBe(false);
    expect((await db.account.findUniqueOrThrow({ where: { id: A } })).isCostExplorerEnabled).toBe(false);
    const offAtCreation = await createAccount(
      create({ id: B, name: "member", regions: ["us-east-1"], isCostExplorerEnabled: false }),
      db,
    );
    expect(offAtCreation.isCostExplorerEnabled).toBe(false);
  });

  it("updates fields, replaces regions (disabled ones keep their rows) and clears the role", async () => {
    const { db } = getDatabase();
    await createAccount(
      create({
        id: A,
        name: "prod",
        regions: ["us-east-1", "eu-west-1"],
        roleArn: `arn:aws:iam::${A}:role/R`,
        externalId: "ext-1",
      }),
      db,
    );
    const metricsTo = new Date("2026-11-20T00:00:00Z");
    await db.accountRegion.update({
      where: { accountId_region: { accountId: A, region: "eu-west-1" } },
      data: { metricsTo },
    });
    const updated = await updateAccount(
      A,
      patch({ name: "production", regions: ["us-east-1", "ap-south-1"], isLogsInsightsEnabled: true }),
      db,
    );
    expect(updated).toMatchObject({
      name: "production",
      regions: ["ap-south-1", "us-east-1"],
      isLogsInsightsEnabled: true,
      externalId: "ext-1",
    });
    const stored = await db.accountRegion.findUniqueOrThrow({
      where: { accountId_region: { accountId: A, region: "eu-west-1" } },
    });
    expect(stored).toMatchObject({ isEnabled: false, metricsTo });
    // Enabling it again keeps its metric window.
    const again = await updateAccount(A, patch({ regions: ["eu-west-1"] }), db);
    expect(again?.regions).toEqual(["eu-west-1"]);
    expect(
      (
        await db.accountRegion.findUniqueOrThrow({
          where: { accountId_region: { accountId: A, region: "eu-west-1" } },
        })
      ).metricsTo,
    ).toEqual(metricsTo);

    const cleared = await updateAccount(A, patch({ roleArn: null, profile: "readonly" }), db);
    expect(cleared).toMatchObject({
      roleArn: null,
      externalId: null,
      hasExternalId: false,
      profile: "readonly",
    });
    await expect(updateAccount(A, patch({ externalId: "ext-2" }), db)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { externalId: expect.any(String) },
    });
    expect(await updateAccount("333333333333", patch({ name: "x" }), db)).toBeNull();
  });

  it("does not change or remove demo accounts", async () => {
    const { db } = getDatabase();
    await db.account.create({ data: { id: DEMO, name: "demo", isDemo: true } });
    await expect(updateAccount(DEMO, patch({ name: "mine" }), db)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(deleteAccountWithData(DEMO, db)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.account.count({ where: { id: DEMO } })).toBe(1);
  });

  it("deletes every row of the account and nothing of another account", async () => {
    const { db } = getDatabase();
    await createAccount(create({ id: A, name: "prod", regions: ["us-east-1"] }), db);
    await createAccount(create({ id: B, name: "staging", regions: ["us-east-1"] }), db);
    await seedAccountData(db, A, "us-east-1");
    await seedAccountData(db, B, "us-east-1");
    const before = await countRowsOf(db, B);
    const seededA = await countRowsOf(db, A);
    // Every table really holds rows of A (the assertion below would pass vacuously otherwise).
    for (const [table, count] of Object.entries(seededA)) {
      if (table !== "SyncLock") expect(count, table).toBeGreaterThan(0);
    }

    const result = await deleteAccountWithData(A, db);
    // 3 metric points, 2 summaries, 1 observation, 1 cost line, 1 daily spend, 3 config/PC rows,
    // 2 functions, 1 service, 1 region, 1 run, the account.
    expect(result?.rowsDeleted).toBe(17);
    const after = await countRowsOf(db, A);
    expect(Object.values(after).every((count) => count === 0)).toBe(true);
    expect(await countRowsOf(db, B)).toEqual(before);
    expect(await deleteAccountWithData(A, db)).toBeNull();
  });

  it("refuses to delete while a sync of the account runs (409), and deletes a stale lock's account", async () => {
    const { db } = getDatabase();
    await createAccount(create({ id: A, name: "prod", regions: ["us-east-1"] }), db);
    const now = new Date();
    await db.syncRun.create({ data: { id: "aws-running", kind: "aws", status: "running", accountId: A } });
    await db.syncLock.create({
      data: { scope: `account:${A}`, runId: "aws-running", owner: currentLockOwner(), heartbeatAt: now },
    });
    await expect(deleteAccountWithData(A, db)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already running/),
    });
    expect(await db.account.count({ where: { id: A } })).toBe(1);
    expect(await db.syncLock.findUnique({ where: { scope: `account:${A}` } })).toMatchObject({
      runId: "aws-running",
    });

    // The run finished (or its process died): the lock is free to take over.
    await db.syncRun.update({ where: { id: "aws-running" }, data: { status: "failed" } });
    expect(await deleteAccountWithData(A, db)).not.toBeNull();
    expect(await db.syncLock.count()).toBe(0);
    expect(await db.account.count()).toBe(0);
  });
});
