import { beforeEach, expect, it } from "vitest";
import { clearAllTables, describeForBothDatabases } from "@/test/databases";
import { recomputeResourceSummaries } from "./summaries";

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
      component: "requests",
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

  it("weights the daily p95 by invocations and treats idle functions as 0 invocations, unknown p95", async () => {
    const { db } = getDatabase();
    await recomputeResourceSummaries(db, { windowEnd: END });
    const api = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: FN } });
    expect(api.invocations).toBe(450);
    expect(api.durationP95Ms).toBeCloseTo((300 * 100 + 100 * 500) / 400, 9);
    const idle = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: IDLE } });
    expect(idle).toMatchObject({
      invocations: 0,
      durationP95Ms: null,
      costNanoUsd: 0n,
      resourceType: "lambda",
    });
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

  it("refuses a window end that is not a UTC midnight", async () => {
    await expect(
      recomputeResourceSummaries(getDatabase().db, { windowEnd: new Date("2026-11-01T10:00:00Z") }),
    ).rejects.toThrow(/UTC midnight/);
  });
});
