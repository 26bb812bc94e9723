/**
 * Reconciliation against a seeded fleet with known usage and a known bill, on SQLite and
 * PostgreSQL: allocations add up to the bill to the nano-dollar for every account, region, usage
 * type and day; each function's allocation is the bill's share of its usage; the residual is billed
 * − modelled to the cent; a usage type Breakeven has never seen is kept as "other".
 */
import { beforeAll, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import type { Db } from "@/lib/db/create-db";
import { computeFargateBill, computeLambdaBill } from "@/lib/pricing";
import { getReconciliation, getReconciliationInputs, getResourceCostComparison } from "./reconciliation";
import {
  clearStoredReconciliation,
  getStoredReconciliation,
  getStoredResourceCostComparison,
  RECONCILIATION_WINDOW_DAYS,
  refreshReconciliation,
} from "./reconciliation-store";
import { clearAllTables } from "@/test/tables";

const NOW = new Date("2026-11-04T10:00:00Z");
const DAYS = ["2026-11-01", "2026-11-02", "2026-11-03"].map((iso) => new Date(`${iso}T00:00:00Z`));
const ACCOUNT = "111111111111";
const REGION = "us-east-1";
const LAMBDA = "AWS Lambda";
const ECS = "Amazon Elastic Container Service";
const SEEN = new Date("2026-10-01T00:00:00Z");

const arn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const FN_A = arn("alpha"); // arm64 1,024 MB: 100,000 × 100 ms a day = 10,000 GB-s
const FN_B = arn("bravo"); // arm64 512 MB: 50,000 × 200 ms a day = 5,000 GB-s
const FN_C = arn("charlie"); // x86_64 1,024 MB, REPORT lines (logs) with cold starts
const SVC = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/main/web`; // 1 vCPU / 2 GB, 2 tasks all day

/** A cost line; `nanoUsd` exact, the decimal string derived from it. */
function costLine(
  usageType: string,
  component: string,
  day: Date,
  nanoUsd: bigint,
  extra: { resourceArn?: string; recordType?: string; region?: string; service?: string } = {},
) {
  const sign = nanoUsd < 0n ? "-" : "";
  const absolute = nanoUsd < 0n ? -nanoUsd : nanoUsd;
  const amount = `${sign}${absolute / 1_000_000_000n}.${(absolute % 1_000_000_000n).toString().padStart(9, "0")}`;
  return {
    accountId: ACCOUNT,
    region: extra.region ?? REGION,
    service: extra.service ?? LAMBDA,
    usageType,
    recordType: extra.recordType ?? "Usage",
    resourceArn: extra.resourceArn ?? "",
    day,
    component,
    amount,
    amountNanoUsd: nanoUsd,
    source: "cost-explorer",
  };
}

async function seedFleet(db: Db): Promise<void> {
  await db.account.create({ data: { id: ACCOUNT, name: "prod" } });
  const fn = (functionArn: string, name: string, architecture: string, memoryMb: number) => ({
    arn: functionArn,
    accountId: ACCOUNT,
    region: REGION,
    name,
    runtime: "nodejs22.x",
    architecture,
    memoryMb,
    timeoutSeconds: 30,
    firstSeenAt: SEEN,
    lastSeenAt: NOW,
  });
  await db.lambdaFunction.createMany({
    data: [
      fn(FN_A, "alpha", "arm64", 1024),
      fn(FN_B, "bravo", "arm64", 512),
      fn(FN_C, "charlie", "x86_64", 1024),
    ],
  });
  await db.fargateService.create({
    data: {
      arn: SVC,
      accountId: ACCOUNT,
      region: REGION,
      clusterName: "main",
      name: "web",
      taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/web:1`,
      cpuUnits: 1024,
      memoryMb: 2048,
      desiredCount: 2,
      runningCount: 2,
      firstSeenAt: SEEN,
      lastSeenAt: NOW,
    },
  });
  const observation = (functionArn: string, memoryMb: number, architecture: string, source: string) =>
    DAYS.map((observedOn) => ({ functionArn, memoryMb, architecture, source, observedOn }));
  await db.memoryObservation.createMany({
    data: [
      ...observation(FN_A, 1024, "arm64", "metrics").map((o) => ({
        ...o,
        invocations: 100_000,
        durationAvgMs: 100,
      })),
      ...observation(FN_B, 512, "arm64", "metrics").map((o) => ({
        ...o,
        invocations: 50_000,
        durationAvgMs: 200,
      })),
      // Logs win over metrics for the same day: 1,000 × 50 ms + 10 cold starts × 400 ms INIT.
      ...observation(FN_C, 1024, "x86_64", "metrics").map((o) => ({
        ...o,
        invocations: 999,
        durationAvgMs: 1,
      })),
      ...observation(FN_C, 1024, "x86_64", "logs").map((o) => ({
        ...o,
        invocations: 1_000,
        durationAvgMs: 50,
        coldStarts: 10,
        initDurationAvgMs: 400,
      })),
    ],
  });
  await db.metricPoint.createMany({
    data: DAYS.map((timestamp) => ({
      resourceArn: SVC,
      resourceType: "fargate",
      metric: "RunningTaskCount",
      stat: "Average",
      granularity: "day",
      timestamp,
      value: 2,
      unit: "Count",
    })),
  });

  // The bill: as Cost Explorer gives it, no resource named, except web's memory line.
  const lines = DAYS.flatMap((day) => [
    costLine("Lambda-GB-Second-ARM", "duration", day, 200_000_003n),
    costLine("Request-ARM", "requests", day, 30_000_000n),
    costLine("Lambda-GB-Second", "duration", day, 1_000_000n),
    costLine("Request", "requests", day, 200_000n),
    costLine("USE1-Fargate-vCPU-Hours:perCPU", "vcpu", day, 1_942_560_000n, { service: ECS }),
    costLine("USE1-Fargate-GB-Hours", "memory", day, 426_720_000n, { service: ECS, resourceArn: SVC }),
  ]);
  // A usage type Breakeven has never seen, and a free-tier credit.
  lines.push(costLine("Lambda-Quantum-GB-Second", "other", DAYS[1]!, 500_000_001n));
  lines.push(
    costLine("Global-Request", "requests", DAYS[2]!, -10_000_000n, {
      region: "global",
      recordType: "Credit",
    }),
  );
  await db.costLine.createMany({ data: lines });
}

/** What lib/pricing says the seeded usage costs over the three days, by hand from the engine. */
function computeExpectedModelledUsd(): { lambdaUsd: number; fargateUsd: number } {
  const day = (usage: Parameters<typeof computeLambdaBill>[0]) => computeLambdaBill(usage).totalUsd!;
  const base = { region: REGION, isFreeTierApplied: false } as const;
  const lambdaPerDay =
    day({ ...base, architecture: "arm64", memoryMb: 1024, requestsPerMonth: 100_000, durationMs: 100 }) +
    day({ ...base, architecture: "arm64", memoryMb: 512, requestsPerMonth: 50_000, durationMs: 200 }) +
    day({
      ...base,
      architecture: "x86_64",
      memoryMb: 1024,
      requestsPerMonth: 1_000,
      durationMs: 50,
      init: { coldStartsPerMonth: 10, initDurationMs: 400 },
    });
  const fargatePerDay = computeFargateBill({
    region: REGION,
    architecture: "x86_64",
    os: "linux",
    vcpu: 1,
    memoryGb: 2,
    tasks: 2,
    runSeconds: 86_400,
    runsPerTask: 1,
  }).totalUsd!;
  return { lambdaUsd: 3 * lambdaPerDay, fargateUsd: 3 * fargatePerDay };
}

const toCents = (usd: number) => Math.round(usd * 100);

describeForBothDatabases("reconciliation", (getDatabase) => {
  beforeAll(async () => {
    const { db } = getDatabase();
    await clearAllTables(db);
    await seedFleet(db);
  });

  it("allocates every billed line in full: per account, region, usage type and day, to the nano-dollar", async () => {
    const { billed, allocations } = await getReconciliationInputs(getDatabase().db, { days: 3, now: NOW });
    const key = (line: { accountId: string; region: string; usageType: string; dayMs: number }) =>
      `${line.accountId}|${line.region}|${line.usageType}|${line.dayMs}`;
    const billedByKey = new Map<string, bigint>();
    for (const line of billed) billedByKey.set(key(line), (billedByKey.get(key(line)) ?? 0n) + line.nanoUsd);
    const allocatedByKey = new Map<string, bigint>();
    for (const allocation of allocations)
      allocatedByKey.set(key(allocation), (allocatedByKey.get(key(allocation)) ?? 0n) + allocation.nanoUsd);
    expect(billedByKey.size).toBe(6 * 3 + 2);
    expect(allocatedByKey).toEqual(billedByKey);
  });

  it("gives each function the bill's share of its usage (largest remainder on nano-dollars)", async () => {
    const { allocations } = await getReconciliationInputs(getDatabase().db, { days: 3, now: NOW });
    const of = (resourceArn: string | null, usageType: string) =>
      allocations
        .filter(
          (a) => a.resourceArn === resourceArn && a.usageType === usageType && a.dayMs === DAYS[0]!.getTime(),
        )
        .map((a) => a.nanoUsd);
    // 200,000,003 nano-USD of arm64 GB-s split 10,000 : 5,000 GB-s = 2 : 1:
    // 133,333,335.33 and 66,666,667.67 → floors 133,333,335 + 66,666,667; the spare nano-dollar goes
    // to the larger remainder (bravo).
    expect(of(FN_A, "Lambda-GB-Second-ARM")).toEqual([133_333_335n]);
    expect(of(FN_B, "Lambda-GB-Second-ARM")).toEqual([66_666_668n]);
    // Requests 100,000 : 50,000 of $0.03.
    expect(of(FN_A, "Request-ARM")).toEqual([20_000_000n]);
    expect(of(FN_B, "Request-ARM")).toEqual([10_000_000n]);
    // charlie alone uses x86_64: all of it. web's memory line names it: it wins.
    expect(of(FN_C, "Lambda-GB-Second")).toEqual([1_000_000n]);
    expect(of(SVC, "USE1-Fargate-GB-Hours")).toEqual([426_720_000n]);
    expect(of(SVC, "USE1-Fargate-vCPU-Hours:perCPU")).toEqual([1_942_560_000n]);
    // Nobody's usage: unattributed, not dropped.
    const quantum = allocations.filter((a) => a.usageType === "Lambda-Quantum-GB-Second");
    expect(quantum.map((a) => [a.resourceArn, a.nanoUsd, a.basis])).toEqual([
      [null, 500_000_001n, "unattributed"],
    ]);

    const alpha = await getResourceCostComparison(
      getDatabase().db,
      { arn: FN_A, accountId: ACCOUNT, region: REGION },
      { days: 3, now: NOW },
    );
    expect(alpha.billedUsd).toBe(0); // the bill never names it
    expect(alpha.allocatedUsd).toBeCloseTo(3 * (0.133333335 + 0.02), 9);
    expect(alpha.sharedUsd).toBe(alpha.allocatedUsd);
    const web = await getResourceCostComparison(
      getDatabase().db,
      { arn: SVC, accountId: ACCOUNT, region: REGION },
      { days: 3, now: NOW },
    );
    expect(web.billedUsd).toBeCloseTo(3 * 0.42672, 9);
    expect(web.allocatedUsd).toBeCloseTo(3 * (0.42672 + 1.94256), 9);
  });

  it("reports residual = billed − modelled per account, region and service, to the cent", async () => {
    const report = await getReconciliation(getDatabase().db, { days: 3, now: NOW });
    expect(report.window).toEqual({ start: "2026-11-01", endExclusive: "2026-11-04", days: 3 });
    const expected = computeExpectedModelledUsd();
    const lambda = report.rows.find((row) => row.region === REGION && row.service === LAMBDA)!;
    const ecs = report.rows.find((row) => row.service === ECS)!;
    const credit = report.rows.find((row) => row.region === "global")!;

    // Lambda billed: 3 × (0.200000003 + 0.03 + 0.001 + 0.0002) + 0.500000001 (the unknown type).
    expect(lambda.billedNanoUsd).toBe(String(3n * 231_200_003n + 500_000_001n));
    expect(lambda.modelledUsd).toBeCloseTo(expected.lambdaUsd, 9);
    expect(toCents(lambda.residualUsd)).toBe(toCents(lambda.billedUsd - expected.lambdaUsd));
    expect(ecs.modelledUsd).toBeCloseTo(expected.fargateUsd, 9);
    expect(toCents(ecs.residualUsd)).toBe(toCents(3 * (1.94256 + 0.42672) - expected.fargateUsd));
    expect(credit).toMatchObject({ billedUsd: -0.01, modelledUsd: 0, residualUsd: -0.01 });
    expect(credit.causes.map((cause) => cause.kind)).toEqual(["free-tier"]);

    // The unknown usage type is kept, as "other", and named as a cause of the Lambda residual.
    const quantum = lambda.usageTypes.find((entry) => entry.usageType === "Lambda-Quantum-GB-Second");
    expect(quantum).toMatchObject({ component: "other", billedNanoUsd: "500000001", modelledUsd: 0 });
    expect(lambda.causes.some((cause) => cause.kind === "unpriced-usage-type")).toBe(true);

    const billedTotal = report.rows.reduce((sum, row) => sum + BigInt(row.billedNanoUsd), 0n);
    expect(report.totals.billedNanoUsd).toBe(billedTotal.toString());
    expect(toCents(report.totals.residualUsd)).toBe(
      toCents(report.totals.billedUsd - expected.lambdaUsd - expected.fargateUsd),
    );
    // Largest |residual| first.
    const residuals = report.rows.map((row) => Math.abs(row.residualUsd));
    expect(residuals).toEqual([...residuals].sort((a, b) => b - a));
    expect(report.daily.map((day) => day.day)).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
  });

  it("scopes to one account and region, and reads an empty database as nothing billed", async () => {
    const { db } = getDatabase();
    const other = await getReconciliation(db, { days: 3, now: NOW, accountId: "999999999999" });
    expect(other.rows).toEqual([]);
    expect(other.totals).toMatchObject({ billedUsd: 0, modelledUsd: 0, residualUsd: 0, residualShare: 0 });
    const east = await getReconciliation(db, { days: 3, now: NOW, region: REGION });
    expect(east.rows.every((row) => row.region === REGION)).toBe(true);
  });

  it("stores what the views read: the same report and per-resource costs as a live computation", async () => {
    const { db } = getDatabase();
    expect(await getStoredReconciliation(db)).toBeNull();
    const { resources } = await refreshReconciliation(db, { windowEnd: NOW });
    expect(resources).toBeGreaterThanOrEqual(4);
    const stored = await getStoredReconciliation(db);
    const live = await getReconciliation(db, { days: RECONCILIATION_WINDOW_DAYS, now: NOW });
    expect(stored?.report).toEqual(JSON.parse(JSON.stringify(live)));
    for (const arn of [FN_A, FN_B, FN_C, SVC]) {
      const liveResource = await getResourceCostComparison(
        db,
        { arn, accountId: ACCOUNT, region: REGION },
        { days: RECONCILIATION_WINDOW_DAYS, now: NOW },
      );
      expect(await getStoredResourceCostComparison(db, arn)).toEqual(liveResource);
    }
    expect(await getStoredResourceCostComparison(db, "arn:aws:lambda:us-east-1:1:function:none")).toBeNull();
    await clearStoredReconciliation(db);
    expect(await getStoredReconciliation(db)).toBeNull();
  });

  // Last: it changes the bill.
  it("reads a resource's billed cost as unknown, not $0, when the account's bill names no resource", async () => {
    const { db } = getDatabase();
    const scope = { days: RECONCILIATION_WINDOW_DAYS, now: NOW };
    const resource = (arn: string) => ({ arn, accountId: ACCOUNT, region: REGION });
    const before = await getResourceCostComparison(db, resource(SVC), scope);
    expect(before.billedUsd).toBeGreaterThan(0);
    // Cost Explorer without resource-level data: the same cost, naming nothing.
    await db.costLine.updateMany({ where: { resourceArn: SVC }, data: { resourceArn: "" } });
    const after = await getResourceCostComparison(db, resource(SVC), scope);
    expect(after.billedUsd).toBeNull();
    expect(after.allocatedUsd).toBeCloseTo(before.allocatedUsd, 9);
    expect((await getResourceCostComparison(db, resource(FN_A), scope)).billedUsd).toBeNull();
    await refreshReconciliation(db, { windowEnd: NOW });
    expect((await getStoredReconciliation(db))!.report.accountsNamingResources).toEqual([]);
    expect(await getStoredResourceCostComparison(db, SVC)).toEqual(after);
  });
});
