import { beforeEach, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import { recomputeDailySpend, recomputeResourceSummaries } from "./summaries";
import { clearAllTables } from "@/test/tables";

const END = new Date("2026-11-01T00:00:00.000Z");
const DAY_MS = 86_400_000;
const day = (daysBeforeEnd: number) => new Date(END.getTime() - daysBeforeEnd * DAY_MS);
const FN = "arn:aws:lambda:us-east-1:111122223333:function:api";
const IDLE = "arn:aws:lambda:us-east-1:111122223333:function:idle";
const SVC = "arn:aws:ecs:us-east-1:111122223333:service/c/web";

describeForBothDatabases("recomputeResourceSummaries", (getDatabase) => {
  beforeEach(async () => {
    const { db } = getDatabase();
    await clearAllTables(db);
    await db.account.create({ data: { id: "111122223333", name: "acme" } });
    const base = { accountId: "111122223333", region: "us-east-1", firstSeenAt: day(40), lastSeenAt: END };
    for (const [arn, name] of [
      [FN, "api"],
      [IDLE, "idle"],
    ]) {
      await db.lambdaFunction.create({
        data: { ...base, arn: arn!, name: name!, architecture: "arm64", memoryMb: 512, timeoutSeconds: 3 },
      });
    }
    await db.fargateService.create({
      data: {
        ...base,
        arn: SVC,
        clusterName: "c",
        name: "web",
        taskDefinitionArn: "td",
        cpuUnits: 512,
        memoryMb: 1024,
        desiredCount: 1,
        runningCount: 1,
      },
    });
    const cost = (
      resourceArn: string,
      when: Date,
      amount: string,
      amountNanoUsd: bigint,
      usageType = "Request-ARM",
    ) => ({
      accountId: "111122223333",
      region: "us-east-1",
      service: "AWS Lambda",
      usageType,
      resourceArn,
      day: when,
      component: usageType.includes("GB-Second") ? "duration" : "requests",
      amount,
      amountNanoUsd,
      source: "cost-explorer",
    });
    await db.costLine.createMany({
      data: [
        cost(FN, day(1), "0.000000001", 1n),
        cost(FN, day(1), "9007199.254740993", 9_007_199_254_740_993n, "Lambda-GB-Second-ARM"), // > 2^53 nanos
        cost(FN, day(30), "1.5", 1_500_000_000n),
        cost(FN, day(31), "100", 100_000_000_000n), // outside the window
        cost(FN, day(0), "100", 100_000_000_000n), // the window end is exclusive
        cost("", day(2), "7", 7_000_000_000n), // not attributable to a resource
      ],
    });
    const point = (
      resourceArn: string,
      resourceType: string,
      metric: string,
      stat: string,
      when: Date,
      value: number,
    ) => ({
      resourceArn,
      resourceType,
      metric,
      stat,
      granularity: "day",
      timestamp: when,
      value,
      unit: "Count",
    });
    await db.metricPoint.createMany({
      data: [
        point(FN, "lambda", "Invocations", "Sum", day(1), 300),
        point(FN, "lambda", "Duration", "p95", day(1), 100),
        point(FN, "lambda", "Invocations", "Sum", day(2), 100),
        point(FN, "lambda", "Duration", "p95", day(2), 500),
        point(FN, "lambda", "Invocations", "Sum", day(3), 50), // a day without a p95 point
        point(FN, "lambda", "Invocations", "Sum", day(45), 1_000_000),
        point(SVC, "fargate", "CPUUtilization", "Average", day(1), 10),
        point(SVC, "fargate", "CPUUtilization", "Average", day(2), 20),
        point(SVC, "fargate", "MemoryUtilization", "Average", day(1), 40),
        { ...point(SVC, "fargate", "CPUUtilization", "Average", day(1), 99), granularity: "hour" },
      ],
    });
  });

  it("sums billed cost exactly inside [end − 30 days, end) and keeps it per day, oldest first", async () => {
    const { db } = getDatabase();
    const result = await recomputeResourceSummaries(db, { windowDays: 30, windowEnd: END });
    expect(result.resources).toBe(3);
    const summary = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: FN } });
    expect(summary.costNanoUsd).toBe(1n + 9_007_199_254_740_993n + 1_500_000_000n);
    const daily = JSON.parse(summary.dailyCostJson) as string[];
    expect(daily).toHaveLength(30);
    expect(daily[0]).toBe("1.5"); // 30 days before the end
    expect(daily[29]).toBe("9007199.254740994"); // yesterday: both lines, exactly
    expect(daily.slice(1, 29).every((value) => value === "0")).toBe(true);
    expect(summary.windowEnd.toISOString()).toBe(END.toISOString());
  });

  it("weights the daily p95 by invocations; no points is idle (0) only where an import read the metrics", async () => {
    const { db } = getDatabase();
    await recomputeResourceSummaries(db, { windowEnd: END });
    const api = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: FN } });
    expect(api.invocations).toBe(450);
    expect(api.durationP95Ms).toBeCloseTo((300 * 100 + 100 * 500) / 400, 9);
    // No import has read this account's metrics: no points means unknown, not 0.
    const unknown = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: IDLE } });
    expect(unknown).toMatchObject({ invocations: null, durationP95Ms: null, resourceType: "lambda" });

    // A sync read the region over the window and CloudWatch had nothing: idle.
    await db.accountRegion.create({
      data: { accountId: "111122223333", region: "us-east-1", metricsFrom: day(90), metricsTo: END },
    });
    await recomputeResourceSummaries(db, { windowEnd: END });
    const idle = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: IDLE } });
    expect(idle).toMatchObject({
      invocations: 0,
      durationP95Ms: null,
      costNanoUsd: 0n,
      resourceType: "lambda",
    });

    // Coverage that ended before the window does not make the function idle.
    await db.accountRegion.update({
      where: { accountId_region: { accountId: "111122223333", region: "us-east-1" } },
      data: { metricsFrom: day(200), metricsTo: day(100) },
    });
    await recomputeResourceSummaries(db, { windowEnd: END });
    const stale = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: IDLE } });
    expect(stale.invocations).toBeNull();
  });

  it("leaves cost unknown (null), not $0, for an account whose bill was not read", async () => {
    const { db } = getDatabase();
    await db.account.create({ data: { id: "999988887777", name: "synced, no Cost Explorer yet" } });
    const unbilled = "arn:aws:lambda:us-east-1:999988887777:function:new";
    await db.lambdaFunction.create({
      data: {
        accountId: "999988887777",
        region: "us-east-1",
        arn: unbilled,
        name: "new",
        architecture: "arm64",
        memoryMb: 256,
        timeoutSeconds: 3,
        firstSeenAt: day(5),
        lastSeenAt: END,
      },
    });
    await recomputeResourceSummaries(db, { windowEnd: END });
    const summary = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: unbilled } });
    expect(summary).toMatchObject({ costNanoUsd: null, durationCostNanoUsd: null, dailyCostJson: "[]" });
    // The billed account's idle function did cost 0: its bill was read.
    const idle = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: IDLE } });
    expect(idle.costNanoUsd).toBe(0n);
  });

  it("averages Fargate daily utilisation (hourly points ignored)", async () => {
    const { db } = getDatabase();
    await recomputeResourceSummaries(db, { windowEnd: END });
    const service = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: SVC } });
    expect(service).toMatchObject({ resourceType: "fargate", invocations: null, costNanoUsd: 0n });
    expect(service.cpuUtilizationAvg).toBeCloseTo(15, 9);
    expect(service.memoryUtilizationAvg).toBeCloseTo(40, 9);
  });

  it("is idempotent and drops summaries of deleted resources", async () => {
    const { db } = getDatabase();
    await recomputeResourceSummaries(db, { windowEnd: END });
    const again = await recomputeResourceSummaries(db, { windowEnd: END });
    expect(again.rowsChanged).toBe(0);
    await db.lambdaFunction.update({ where: { arn: IDLE }, data: { deletedAt: END } });
    const afterDelete = await recomputeResourceSummaries(db, { windowEnd: END });
    expect(afterDelete.rowsDeleted).toBe(1);
    expect(await db.resourceSummary.count()).toBe(2);
  });

  it("keeps the billed duration cost and the invoke/INIT GB-seconds that split it", async () => {
    const { db } = getDatabase();
    const observation = (observedOn: Date, source: string, invocations: number) => ({
      functionArn: FN,
      memoryMb: 1024,
      architecture: "arm64",
      source,
      observedOn,
      invocations,
      durationAvgMs: 100,
      coldStarts: 10,
      initDurationAvgMs: 500,
    });
    await db.memoryObservation.createMany({
      data: [
        observation(day(1), "logs", 1000), // 1000 × 0.1 s × 1 GB = 100 GB-s; INIT 10 × 0.5 s = 5 GB-s
        observation(day(2), "logs", 1000),
        observation(day(1), "metrics", 10), // a second source: the one with more invocations wins
        observation(day(40), "logs", 1_000_000), // outside the window
      ],
    });
    await recomputeResourceSummaries(db, { windowEnd: END });
    const api = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: FN } });
    expect(api.durationCostNanoUsd).toBe(9_007_199_254_740_993n); // the Lambda-GB-Second-ARM line
    expect(api.invokeGbSeconds).toBeCloseTo(200, 9);
    expect(api.initGbSeconds).toBeCloseTo(10, 9);
    const idle = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: IDLE } });
    expect(idle).toMatchObject({ durationCostNanoUsd: 0n, invokeGbSeconds: null, initGbSeconds: null });
  });

  it("rolls every cost line up into DailySpend, idempotently, and drops groups that disappeared", async () => {
    const { db } = getDatabase();
    const first = await recomputeDailySpend(db, { now: END });
    expect(first.rowsChanged).toBe(6); // 6 lines, 6 groups (day 1 has a requests and a duration line)
    const rows = await db.dailySpend.findMany({ orderBy: { day: "asc" } });
    const total = rows.reduce((sum, row) => sum + row.costNanoUsd, 0n);
    const lines = await db.costLine.aggregate({ _sum: { amountNanoUsd: true } });
    expect(total).toBe(lines._sum.amountNanoUsd);
    expect((await recomputeDailySpend(db)).rowsChanged).toBe(0);
    expect((await recomputeDailySpend(db, { accountIds: ["111122223333"] })).rowsChanged).toBe(0);
    expect(await recomputeDailySpend(db, { accountIds: [] })).toEqual({ rowsChanged: 0, rowsDeleted: 0 });
    await db.costLine.deleteMany({ where: { day: day(31) } });
    const after = await recomputeDailySpend(db);
    expect(after.rowsDeleted).toBe(1);
    expect(await db.dailySpend.count()).toBe(rows.length - 1);
  });

  it("refuses a window end that is not a UTC midnight", async () => {
    await expect(
      recomputeResourceSummaries(getDatabase().db, { windowEnd: new Date("2026-11-01T10:00:00Z") }),
    ).rejects.toThrow(/UTC midnight/);
  });
});
