import { beforeAll, describe, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import type { Db } from "@/lib/db/create-db";
import { computeFargateBill, computeLambdaBill } from "@/lib/pricing";
import type { Architecture, FargateOs } from "@/lib/pricing";
import { DEMO_FARGATE_SPOT_PRICE_FACTOR } from "./cost-lines";
import type { DemoSummary } from "./load";
import { loadDemoFleet, removeDemoFleet } from "./load";

const AS_OF = new Date("2026-11-01T00:00:00.000Z");
const DAY_MS = 86_400_000;

/** Row count of every table the demo writes. */
async function countRows(db: Db): Promise<Record<string, number>> {
  return {
    Account: await db.account.count(),
    AccountRegion: await db.accountRegion.count(),
    LambdaFunction: await db.lambdaFunction.count(),
    LambdaConfigChange: await db.lambdaConfigChange.count(),
    LambdaProvisionedConcurrency: await db.lambdaProvisionedConcurrency.count(),
    FargateService: await db.fargateService.count(),
    FargateServiceConfigChange: await db.fargateServiceConfigChange.count(),
    MetricPoint: await db.metricPoint.count(),
    MemoryObservation: await db.memoryObservation.count(),
    CostLine: await db.costLine.count(),
    ResourceSummary: await db.resourceSummary.count(),
    DailySpend: await db.dailySpend.count(),
    Recommendation: await db.recommendation.count(),
    ComputeOptimizerRecommendation: await db.computeOptimizerRecommendation.count(),
    ComputeOptimizerState: await db.computeOptimizerState.count(),
  };
}

async function sumCostNanos(db: Db): Promise<bigint | null> {
  return (await db.costLine.aggregate({ _sum: { amountNanoUsd: true } }))._sum.amountNanoUsd;
}

/** The config (memory, architecture) in effect on `dayMs` from a function's LambdaConfigChange rows. */
function configOn<T extends { effectiveAt: Date }>(changes: T[], dayMs: number): T {
  let current = changes[0];
  for (const change of changes) if (change.effectiveAt.getTime() <= dayMs) current = change;
  if (!current) throw new Error("no configuration");
  return current;
}

/**
 * Prices the stored usage again with lib/pricing — per function from its daily memory observations
 * (invocations, average duration, cold starts, INIT), its configuration history, its provisioned
 * concurrency and the ProvisionedConcurrencyInvocations metric; per service from the daily
 * RunningTaskCount and its task size — and returns |stored − recomputed| per resource in USD.
 */
async function recomputeDemoCosts(
  db: Db,
): Promise<{ arn: string; storedUsd: number; recomputedUsd: number }[]> {
  const results: { arn: string; storedUsd: number; recomputedUsd: number }[] = [];
  const stored = new Map<string, bigint>();
  for (const group of await db.costLine.groupBy({
    by: ["resourceArn"],
    where: { source: "demo" },
    _sum: { amountNanoUsd: true },
  })) {
    stored.set(group.resourceArn, group._sum.amountNanoUsd ?? 0n);
  }
  const functions = await db.lambdaFunction.findMany({
    where: { isDemo: true },
    include: { configChanges: { orderBy: { effectiveAt: "asc" } }, provisionedConcurrencies: true },
  });
  for (const fn of functions) {
    const observations = await db.memoryObservation.findMany({
      where: { functionArn: fn.arn, source: "demo" },
    });
    const byDay = new Map(observations.map((o) => [o.observedOn.getTime(), o]));
    const pcPoints = await db.metricPoint.findMany({
      where: {
        resourceArn: fn.arn,
        metric: "ProvisionedConcurrencyInvocations",
        stat: "Sum",
        granularity: "day",
      },
    });
    const pcByDay = new Map(pcPoints.map((p) => [p.timestamp.getTime(), p.value]));
    const pc = fn.provisionedConcurrencies[0];
    const days = new Set(byDay.keys());
    if (pc) for (let day = fn.firstSeenAt.getTime(); day < AS_OF.getTime(); day += DAY_MS) days.add(day);
    let recomputedUsd = 0;
    for (const day of days) {
      const observation = byDay.get(day);
      const config = configOn(fn.configChanges, day);
      const bill = computeLambdaBill({
        region: fn.region,
        architecture: config.architecture as Architecture,
        memoryMb: config.memoryMb,
        requestsPerMonth: observation?.invocations ?? 0,
        durationMs: observation?.durationAvgMs ?? 0,
        ephemeralStorageMb: fn.ephemeralStorageMb,
        isFreeTierApplied: false,
        provisionedConcurrency: pc
          ? {
              count: pc.requestedCount,
              hoursPerMonth: pc.activeHoursPerDay,
              requests: pcByDay.get(day) ?? 0,
              durationMs: observation?.durationAvgMs ?? 0,
            }
          : undefined,
        init:
          observation?.coldStarts && observation.initDurationAvgMs !== null
            ? { coldStartsPerMonth: observation.coldStarts, initDurationMs: observation.initDurationAvgMs }
            : undefined,
      });
      recomputedUsd += bill.totalUsd ?? Number.NaN;
    }
    results.push({ arn: fn.arn, storedUsd: Number(stored.get(fn.arn) ?? 0n) / 1e9, recomputedUsd });
  }

  const services = await db.fargateService.findMany({
    where: { isDemo: true },
    include: { configChanges: { orderBy: { effectiveAt: "asc" } } },
  });
  for (const service of services) {
    const tasks = await db.metricPoint.findMany({
      where: { resourceArn: service.arn, metric: "RunningTaskCount", stat: "Average", granularity: "day" },
    });
    const spotShare = service.spotWeight / (service.spotWeight + service.onDemandWeight);
    let recomputedUsd = 0;
    for (const point of tasks) {
      const config = configOn(service.configChanges, point.timestamp.getTime());
      const usage = {
        region: service.region,
        architecture: config.architecture as Architecture,
        os: service.os as FargateOs,
        vcpu: config.cpuUnits / 1024,
        memoryGb: config.memoryMb / 1024,
        runSeconds: 86_400,
        runsPerTask: 1,
        ephemeralStorageGb: service.ephemeralStorageGb,
      };
      const taskDays = point.value; // average running tasks over the day
      if (spotShare < 1) {
        recomputedUsd +=
          computeFargateBill({ ...usage, tasks: taskDays * (1 - spotShare) }).totalUsd ?? Number.NaN;
      }
      if (spotShare > 0) {
        const spot = computeFargateBill({ ...usage, tasks: taskDays * spotShare, isSpot: true });
        recomputedUsd +=
          spot.totalUsd ??
          (computeFargateBill({ ...usage, tasks: taskDays * spotShare }).totalUsd ?? Number.NaN) *
            DEMO_FARGATE_SPOT_PRICE_FACTOR;
      }
    }
    results.push({ arn: service.arn, storedUsd: Number(stored.get(service.arn) ?? 0n) / 1e9, recomputedUsd });
  }
  return results;
}

describeForBothDatabases("demo fleet (default 60 functions / 12 services)", (getDatabase) => {
  let first: DemoSummary;
  let countsAfterFirst: Record<string, number>;
  const progress: { step: string; done: number; total: number }[] = [];

  beforeAll(async () => {
    first = await loadDemoFleet(getDatabase().db, { asOf: AS_OF }, (p) => progress.push(p));
    countsAfterFirst = await countRows(getDatabase().db);
  }, 120_000);

  it("writes the whole organisation into the sync tables and reports what it wrote", async () => {
    expect(first.functions).toBe(60);
    expect(first.services).toBe(12);
    expect(countsAfterFirst.Account).toBe(2);
    expect(countsAfterFirst.AccountRegion).toBe(6);
    expect(countsAfterFirst.LambdaFunction).toBe(60);
    expect(countsAfterFirst.FargateService).toBe(12);
    expect(countsAfterFirst.ResourceSummary).toBe(72);
    expect(countsAfterFirst.MetricPoint).toBeGreaterThan(50_000);
    for (const [table, rows] of Object.entries(first.rowsByTable))
      expect(rows, table).toBe(countsAfterFirst[table]);
    expect(progress.some((p) => p.step === "functions" && p.done === 60 && p.total === 60)).toBe(true);
    expect(progress.some((p) => p.step === "services" && p.done === 12)).toBe(true);
  });

  it("records a succeeded demo SyncRun with the counts", async () => {
    const run = await getDatabase().db.syncRun.findUniqueOrThrow({ where: { id: first.syncRunId } });
    expect(run.kind).toBe("demo");
    expect(run.status).toBe("succeeded");
    expect(run.finishedAt).not.toBeNull();
    expect(JSON.parse(run.detailJson)).toMatchObject({ step: "done", rowsWritten: first.rowsWritten });
  });

  it("bills exactly what its own usage costs at lib/pricing list rates (every resource, to a thousandth of a cent)", async () => {
    const results = await recomputeDemoCosts(getDatabase().db);
    expect(results).toHaveLength(72);
    for (const { arn, storedUsd, recomputedUsd } of results) {
      expect(Math.abs(storedUsd - recomputedUsd), arn).toBeLessThan(0.00001);
    }
    const totalUsd = Number((await sumCostNanos(getDatabase().db)) ?? 0n) / 1e9;
    expect(totalUsd).toBeCloseTo(Number(first.totalCostUsd), 6);
    expect(totalUsd).toBeGreaterThan(1_000);
  });

  it("summarises each resource over the 30 days before the anchor, exactly", async () => {
    const { db } = getDatabase();
    const windowStart = new Date(AS_OF.getTime() - 30 * DAY_MS);
    const summaries = await db.resourceSummary.findMany();
    for (const summary of summaries) {
      const cost = await db.costLine.aggregate({
        where: { resourceArn: summary.resourceArn, day: { gte: windowStart, lt: AS_OF } },
        _sum: { amountNanoUsd: true },
      });
      expect(summary.costNanoUsd, summary.resourceArn).toBe(cost._sum.amountNanoUsd ?? 0n);
      expect(summary.windowEnd.toISOString()).toBe(AS_OF.toISOString());
      const daily = JSON.parse(summary.dailyCostJson) as string[];
      expect(daily).toHaveLength(30);
    }
    const orders = summaries.find((s) => s.resourceArn.endsWith(":314159265358:function:orders-api"));
    expect(orders?.invocations).toBeGreaterThan(300_000_000);
    expect(orders?.durationP95Ms).toBeGreaterThan(50);
    const idle = summaries.find((s) => s.resourceArn.endsWith(":function:legacy-report-mailer"));
    expect(idle).toMatchObject({ costNanoUsd: 0n, invocations: 0, durationP95Ms: null });
    const admin = summaries.find((s) => s.resourceArn.endsWith("service/prod-internal/admin-portal"));
    expect(admin?.cpuUtilizationAvg).toBeGreaterThan(4);
    expect(admin?.cpuUtilizationAvg).toBeLessThan(12);
  });

  it("rolls cost lines up into DailySpend exactly, and splits Lambda duration cost inputs per function", async () => {
    const { db } = getDatabase();
    const groups = await db.costLine.groupBy({
      by: ["day", "accountId", "region", "service", "component"],
      _sum: { amountNanoUsd: true },
    });
    const spend = await db.dailySpend.findMany();
    expect(spend).toHaveLength(groups.length);
    const byKey = new Map(
      spend.map((row) => [
        `${row.day.toISOString()}|${row.accountId}|${row.region}|${row.service}|${row.component}`,
        row.costNanoUsd,
      ]),
    );
    for (const group of groups) {
      const key = `${group.day.toISOString()}|${group.accountId}|${group.region}|${group.service}|${group.component}`;
      expect(byKey.get(key), key).toBe(group._sum.amountNanoUsd);
    }

    const windowStart = new Date(AS_OF.getTime() - 30 * DAY_MS);
    const invoice = await db.resourceSummary.findFirstOrThrow({
      where: { resourceArn: { endsWith: ":function:invoice-generator" } },
    });
    const duration = await db.costLine.aggregate({
      where: {
        resourceArn: invoice.resourceArn,
        component: "duration",
        day: { gte: windowStart, lt: AS_OF },
      },
      _sum: { amountNanoUsd: true },
    });
    expect(invoice.durationCostNanoUsd).toBe(duration._sum.amountNanoUsd);
    // Java on sparse traffic: INIT is a large share of its GB-seconds.
    expect(invoice.initGbSeconds! / (invoice.initGbSeconds! + invoice.invokeGbSeconds!)).toBeGreaterThan(0.5);
    const orders = await db.resourceSummary.findFirstOrThrow({
      where: { resourceArn: { endsWith: ":314159265358:function:orders-api" } },
    });
    expect(orders.initGbSeconds! / orders.invokeGbSeconds!).toBeLessThan(0.05);
    const service = await db.resourceSummary.findFirstOrThrow({ where: { resourceType: "fargate" } });
    expect(service).toMatchObject({ durationCostNanoUsd: null, invokeGbSeconds: null, initGbSeconds: null });
  });

  it("loading again replaces the fleet: identical row counts and billed total, nothing duplicated", async () => {
    const { db } = getDatabase();
    const totalBefore = await sumCostNanos(db);
    const second = await loadDemoFleet(db, { asOf: AS_OF });
    expect(await countRows(db)).toEqual(countsAfterFirst);
    expect(await sumCostNanos(db)).toBe(totalBefore);
    expect(second.totalCostUsd).toBe(first.totalCostUsd);
    expect(second.rowsDeleted).toBeGreaterThan(0);
  }, 120_000);

  it("removeDemoFleet deletes every demo row and leaves real accounts alone", async () => {
    const { db } = getDatabase();
    await db.account.create({ data: { id: "999988887777", name: "real", isDemo: false } });
    const arn = "arn:aws:lambda:us-east-1:999988887777:function:real-fn";
    await db.lambdaFunction.create({
      data: {
        arn,
        accountId: "999988887777",
        region: "us-east-1",
        name: "real-fn",
        architecture: "arm64",
        memoryMb: 512,
        timeoutSeconds: 3,
        firstSeenAt: AS_OF,
        lastSeenAt: AS_OF,
      },
    });
    await db.metricPoint.create({
      data: {
        resourceArn: arn,
        resourceType: "lambda",
        metric: "Invocations",
        stat: "Sum",
        granularity: "day",
        timestamp: AS_OF,
        value: 3,
        unit: "Count",
      },
    });
    await db.costLine.create({
      data: {
        accountId: "999988887777",
        region: "us-east-1",
        service: "AWS Lambda",
        usageType: "Request-ARM",
        resourceArn: arn,
        day: AS_OF,
        component: "requests",
        amount: "0.0000006",
        amountNanoUsd: 600n,
        source: "cost-explorer",
      },
    });

    const { rowsDeleted } = await removeDemoFleet(db);
    expect(rowsDeleted).toBeGreaterThan(countsAfterFirst.MetricPoint!);
    expect(await countRows(db)).toEqual({
      Account: 1,
      AccountRegion: 0,
      LambdaFunction: 1,
      LambdaConfigChange: 0,
      LambdaProvisionedConcurrency: 0,
      FargateService: 0,
      FargateServiceConfigChange: 0,
      MetricPoint: 1,
      MemoryObservation: 0,
      CostLine: 1,
      ResourceSummary: 0,
      DailySpend: 0,
      Recommendation: 0,
      ComputeOptimizerRecommendation: 0,
      ComputeOptimizerState: 0,
    });
    expect(await db.syncRun.count({ where: { kind: "demo" } })).toBe(0);

    // The demo loads next to real data too (the slower, row-by-row removal path).
    await loadDemoFleet(db, { asOf: AS_OF, functions: 5, services: 2, days: 10, hourlyDays: 2 });
    expect(await db.lambdaFunction.count({ where: { isDemo: true } })).toBe(5);
    await removeDemoFleet(db);
    expect(await db.metricPoint.count()).toBe(1);
    expect(await db.costLine.count()).toBe(1);
    await db.costLine.deleteMany();
    await db.metricPoint.deleteMany();
    await db.lambdaFunction.deleteMany();
    await db.account.deleteMany();
  }, 120_000);
});

describe("loadDemoFleet options", () => {
  it("refuses bad options before touching the database", async () => {
    const db = {} as Db;
    await expect(loadDemoFleet(db, { functions: -1 })).rejects.toThrow(
      /functions must be a whole number from 0 to/,
    );
    await expect(loadDemoFleet(db, { asOf: new Date("2026-11-01T05:00:00Z") })).rejects.toThrow(
      /UTC midnight/,
    );
    await expect(loadDemoFleet(db, { days: 10, hourlyDays: 11 })).rejects.toThrow(/hourlyDays/);
  });
});
