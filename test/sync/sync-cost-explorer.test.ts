/**
 * Billed cost (Cost Explorer) through the sync, on SQLite and PostgreSQL:
 * - moto's GetCostAndUsage playback (test/aws/seed-moto.ts): queued pages — several pages, estimated
 *   days, Savings Plans lines, a credit and data transfer that need the service-resolution query,
 *   usage types Breakeven has never seen — land as exact cost lines, one request per page;
 * - a restated day replaces its lines: no double counting, to the nano-dollar;
 * - a 90-day backfill against test/aws/fake-aws.ts (which pages like AWS, by groups): the requests
 *   stay within 2× of the fewest the pagination allows;
 * - "Test connection" checks Cost Explorer once and counts its requests in the backfill estimate.
 * Without moto the playback tests skip with the reason (fail with CI=true).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import fixture from "@/lib/aws/__fixtures__/cost-explorer-get-cost-and-usage.json";
import type { Db } from "@/lib/db/create-db";
import type { SyncAccount } from "@/lib/db/import/sync-state";
import { readSyncAccount } from "@/test/sync/read-sync-account";
import { toNanoUsd } from "@/lib/money";
import { syncAccount, type SyncAccountOptions } from "@/lib/sync";
import { testAccountConnection } from "@/lib/sync/test-connection";
import {
  startFakeAws,
  type CostExplorerDay,
  type CostExplorerRequest,
  type FakeAwsHandle,
} from "@/test/aws/fake-aws";
import {
  MOTO_ACCOUNT_ID,
  applyAwsTestEnv,
  motoSkipReason,
  startMoto,
  type MotoServer,
} from "@/test/aws/moto";
import { queueCostExplorerResults, type CostAndUsageResult } from "@/test/aws/seed-moto";
import { describeForBothDatabases } from "@/test/databases";
import { clearAllTables } from "@/test/tables";

const skipReason = motoSkipReason();
const DAY_MS = 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const FAST: SyncAccountOptions = { clientSettings: { maxAttempts: 3, requestTimeoutMs: 5_000 } };

/** The mapper's recorded-shape fixture: 2026-10-30 … 2026-11-02, three main pages, one resolution. */
const MAIN = fixture.main as unknown as CostAndUsageResult[];
const RESOLUTION = fixture.resolutions as unknown as CostAndUsageResult[];

async function addAccount(db: Db, id: string): Promise<SyncAccount> {
  await db.account.create({ data: { id, name: "billed", regions: { create: [{ region: "us-east-1" }] } } });
  return readSyncAccount(db, id);
}

/** Σ UnblendedCost of the answer's groups per day, exactly (what the stored lines must add up to). */
function billedPerDay(pages: readonly CostAndUsageResult[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const result of pages.flatMap((page) => page.ResultsByTime)) {
    for (const group of result.Groups ?? []) {
      const amount = toNanoUsd(group.Metrics.UnblendedCost?.Amount ?? "0");
      totals.set(result.TimePeriod.Start, (totals.get(result.TimePeriod.Start) ?? 0n) + amount);
    }
  }
  return totals;
}

async function storedPerDay(db: Db, accountId: string): Promise<Map<string, bigint>> {
  const groups = await db.costLine.groupBy({
    by: ["day"],
    where: { accountId, source: "cost-explorer" },
    _sum: { amountNanoUsd: true },
  });
  return new Map(
    groups.map((group) => [group.day.toISOString().slice(0, 10), group._sum.amountNanoUsd ?? 0n]),
  );
}

async function dailySpendPerDay(db: Db, accountId: string): Promise<Map<string, bigint>> {
  const groups = await db.dailySpend.groupBy({
    by: ["day"],
    where: { accountId },
    _sum: { costNanoUsd: true },
  });
  return new Map(groups.map((group) => [group.day.toISOString().slice(0, 10), group._sum.costNanoUsd ?? 0n]));
}

const result = (start: string, estimated: boolean, groups: [string, string, string][]) => ({
  TimePeriod: { Start: start, End: new Date(day(start).getTime() + DAY_MS).toISOString().slice(0, 10) },
  Total: {},
  Estimated: estimated,
  Groups: groups.map(([usageType, recordType, amount]) => ({
    Keys: [usageType, recordType],
    Metrics: {
      UnblendedCost: { Amount: amount, Unit: "USD" },
      AmortizedCost: { Amount: amount, Unit: "USD" },
      UsageQuantity: { Amount: "1", Unit: "N/A" },
    },
  })),
});

describeForBothDatabases("billed cost from Cost Explorer", (getDatabase) => {
  describe.skipIf(skipReason !== null)(
    `moto playback${skipReason ? ` (skipped: ${skipReason})` : ""}`,
    () => {
      let moto: MotoServer;
      let restoreEnv: () => void;

      beforeAll(async () => {
        moto = await startMoto();
      }, 60_000);

      afterAll(async () => {
        await moto?.stop();
      });

      beforeEach(async () => {
        await moto.reset();
        await clearAllTables(getDatabase().db);
        restoreEnv = applyAwsTestEnv(moto.endpoint);
      });

      afterEach(() => restoreEnv?.());

      /** The first read: the fixture's 4 days (now 2026-11-03, --days 4), 3 + 1 pages queued in request order. */
      async function syncFixture(db: Db) {
        await queueCostExplorerResults(moto.endpoint, [...MAIN, ...RESOLUTION]);
        const account = await addAccount(db, MOTO_ACCOUNT_ID);
        return syncAccount(db, account, { ...FAST, now: new Date("2026-11-03T10:00:00Z"), days: 4 });
      }

      it("lands queued pages as exact cost lines, one request per page", async () => {
        const { db } = getDatabase();
        const run = await syncFixture(db);
        expect(run.issues).toEqual([]);
        expect(run.status).toBe("succeeded");
        // 3 pages of the main query + the one query that splits the credit, the data transfer
        // and the unknown usage type by service.
        expect(run.calls["ce:GetCostAndUsage"]).toBe(4);
        expect(run.estimatedCostUsd).toBeCloseTo(0.04, 9);

        const lines = await db.costLine.findMany({ where: { accountId: MOTO_ACCOUNT_ID } });
        expect(lines).toHaveLength(17);
        const duration = lines.find(
          (line) =>
            line.usageType === "Lambda-GB-Second" && line.day.getTime() === day("2026-10-30").getTime(),
        );
        expect(duration).toMatchObject({
          service: "AWS Lambda",
          region: "us-east-1",
          recordType: "Usage",
          resourceArn: "",
          component: "duration",
          amount: "12.3456789012",
          amountNanoUsd: 12_345_678_901n,
          amortizedAmount: "12.3456789012",
          amortizedNanoUsd: 12_345_678_901n,
          usageQuantity: 740740.734,
          usageUnit: "Lambda-GB-Second",
          isEstimated: false,
          source: "cost-explorer",
        });
        const spot = lines.find((line) => line.usageType === "USE1-SpotUsage-Fargate-GB-Hours");
        expect(spot).toMatchObject({ amount: "1.2E-7", amountNanoUsd: 120n, isEstimated: true });

        // Savings Plans and credits keep their record types; unblended covered usage and its
        // negation cancel out, amortized is what the plan cost.
        const recordTypes = new Set(lines.map((line) => line.recordType));
        expect([...recordTypes].sort()).toEqual([
          "Credit",
          "Refund",
          "SavingsPlanCoveredUsage",
          "SavingsPlanNegation",
          "Usage",
        ]);
        const plan = lines.filter((line) => line.recordType.startsWith("SavingsPlan"));
        expect(plan.reduce((sum, line) => sum + line.amountNanoUsd, 0n)).toBe(0n);
        expect(plan.reduce((sum, line) => sum + (line.amortizedNanoUsd ?? 0n), 0n)).toBe(1_748_736_000n);
        const credits = lines.filter((line) => line.recordType === "Credit");
        expect(credits.map((line) => [line.service, line.amountNanoUsd]).sort()).toEqual([
          ["AWS Lambda", -3_000_000_000n],
          ["Amazon Elastic Container Service", -2_000_000_000n],
        ]);

        // Usage types Breakeven has never seen are kept, as "other" — in the lines and the rollup.
        expect(
          lines
            .filter((line) => line.component === "other")
            .map((line) => line.usageType)
            .sort(),
        ).toEqual([
          "Lambda-Quantum-GB-Second",
          "NoUsageType",
          "NoUsageType",
          "USE1-DataTransfer-Out-Bytes",
          "USE1-DataTransfer-Out-Bytes",
          "USE1-Mystery-Thing-Hours",
        ]);
        expect(await db.dailySpend.count({ where: { accountId: MOTO_ACCOUNT_ID, component: "other" } })).toBe(
          6,
        );

        // Every day adds up to what AWS sent, to the nano-dollar, in the lines and in DailySpend.
        const billed = billedPerDay(MAIN);
        expect(await storedPerDay(db, MOTO_ACCOUNT_ID)).toEqual(billed);
        expect(await dailySpendPerDay(db, MOTO_ACCOUNT_ID)).toEqual(billed);
        for (const line of lines) expect(line.isEstimated).toBe(line.day >= day("2026-11-01"));

        // The bill of the window is known from now on; days from Nov 1 are still estimated.
        const account = await db.account.findUniqueOrThrow({ where: { id: MOTO_ACCOUNT_ID } });
        expect(account).toMatchObject({
          costFrom: day("2026-10-30"),
          costTo: day("2026-11-03"),
          costFinalTo: day("2026-11-01"),
        });
      }, 60_000);

      it("replaces a restated day: no double counting, unchanged lines untouched", async () => {
        const { db } = getDatabase();
        await syncFixture(db);
        const before = await db.costLine.findMany({ where: { accountId: MOTO_ACCOUNT_ID } });
        const lcu = before.find((line) => line.usageType === "USE1-LCUUsage")!;

        // The next day: AWS restated Nov 1 and 2 (still estimated) and added Nov 3. The sync re-reads
        // from the first estimated day (Nov 1) to today: one query, one page.
        const restated: CostAndUsageResult = {
          GroupDefinitions: [
            { Type: "DIMENSION", Key: "USAGE_TYPE" },
            { Type: "DIMENSION", Key: "RECORD_TYPE" },
          ],
          ResultsByTime: [
            result("2026-11-01", true, [
              ["Lambda-GB-Second", "Usage", "13.4999999999"],
              ["USE1-LCUUsage", "Usage", "0.192"],
            ]),
            result("2026-11-02", true, [
              ["Lambda-Quantum-GB-Second", "Usage", "0.8"],
              ["Lambda-GB-Second", "Refund", "-0.1"],
              ["USE1-SpotUsage-Fargate-GB-Hours", "Usage", "1.2E-7"],
            ]),
            result("2026-11-03", true, [["Request", "Usage", "0.0000002"]]),
          ],
        };
        // The same usage and amortized amounts as the first read for the unchanged LCU line.
        restated.ResultsByTime[0]!.Groups![1]!.Metrics.UsageQuantity = { Amount: "24", Unit: "LCU-Hrs" };
        restated.ResultsByTime[1]!.Groups![1]!.Metrics.UsageQuantity = { Amount: "0", Unit: "N/A" };
        await queueCostExplorerResults(moto.endpoint, [restated]);
        const next = await syncAccount(db, await readSyncAccount(db, MOTO_ACCOUNT_ID), {
          ...FAST,
          now: new Date("2026-11-04T10:00:00Z"),
          days: 4,
        });
        expect(next.issues).toEqual([]);
        expect(next.calls["ce:GetCostAndUsage"]).toBe(1);

        const billed = billedPerDay(MAIN);
        for (const [start, total] of billedPerDay([restated])) billed.set(start, total);
        // Nov 1: 13.4999999999 (13.500000000 to the nano, half-even) + 0.192; the API Gateway line
        // AWS no longer lists is gone.
        expect(billed.get("2026-11-01")).toBe(13_500_000_000n + 192_000_000n);
        expect(await storedPerDay(db, MOTO_ACCOUNT_ID)).toEqual(billed);
        expect(await dailySpendPerDay(db, MOTO_ACCOUNT_ID)).toEqual(billed);
        const after = await db.costLine.findMany({ where: { accountId: MOTO_ACCOUNT_ID } });
        expect(after.filter((line) => line.day.getTime() === day("2026-11-01").getTime())).toHaveLength(2);
        expect(after.filter((line) => line.usageType === "USE1-ApiGatewayHttpRequest")).toEqual([]);
        expect(after.filter((line) => line.usageType === "USE1-Mystery-Thing-Hours")).toEqual([]);
        // Days before the re-read window are as they were, and an unchanged line is not rewritten.
        for (const line of before.filter((l) => l.day < day("2026-11-01"))) {
          expect(after).toContainEqual(line);
        }
        expect(after.find((line) => line.usageType === "USE1-LCUUsage")?.updatedAt).toEqual(lcu.updatedAt);
        expect(await db.account.findUniqueOrThrow({ where: { id: MOTO_ACCOUNT_ID } })).toMatchObject({
          costFrom: day("2026-10-30"),
          costTo: day("2026-11-04"),
          costFinalTo: day("2026-11-01"),
        });

        // The same answer again (moto replays it for the same request) changes no cost line.
        const again = await syncAccount(db, await readSyncAccount(db, MOTO_ACCOUNT_ID), {
          ...FAST,
          now: new Date("2026-11-04T10:00:00Z"),
          days: 4,
        });
        expect(again.rowsByTable.CostLine ?? 0).toBe(0);
        expect(again.rowsDeleted).toBe(0);
        expect(await storedPerDay(db, MOTO_ACCOUNT_ID)).toEqual(billed);
      }, 60_000);

      it("an empty answer (no day) leaves the bill unknown instead of $0", async () => {
        const { db } = getDatabase();
        const account = await addAccount(db, MOTO_ACCOUNT_ID);
        const run = await syncAccount(db, account, {
          ...FAST,
          now: new Date("2026-11-03T10:00:00Z"),
          days: 4,
        });
        expect(run.status).toBe("succeeded");
        expect(run.calls["ce:GetCostAndUsage"]).toBe(1);
        expect(await db.costLine.count()).toBe(0);
        expect(await db.account.findUniqueOrThrow({ where: { id: MOTO_ACCOUNT_ID } })).toMatchObject({
          costFrom: null,
          costTo: null,
        });
      }, 60_000);
    },
  );

  describe("90-day backfill against a paging fake", () => {
    const ACCOUNT = "111122223333";
    const NOW = new Date("2026-11-30T10:00:00Z");
    const GROUPS_PER_PAGE = 250;
    let fake: FakeAwsHandle;
    let restoreEnv: () => void;

    /** Ten lines a day; data transfer does not name its service (a resolution query splits it). */
    const DAILY: [string, string, string, string][] = [
      ["Lambda-GB-Second", "Usage", "1.0000000001", "1.0000000001"],
      ["Request", "Usage", "0.2", "0.2"],
      ["Lambda-GB-Second-ARM", "Usage", "0.5333333333", "0.5333333333"],
      ["USE1-Fargate-vCPU-Hours:perCPU", "SavingsPlanCoveredUsage", "0.97152", "0.582912"],
      ["USE1-Fargate-vCPU-Hours:perCPU", "SavingsPlanNegation", "-0.97152", "0"],
      ["USE1-Fargate-GB-Hours", "Usage", "0.2133504", "0.2133504"],
      ["USE1-LCUUsage", "Usage", "0.192", "0.192"],
      ["USE1-LoadBalancerUsage", "Usage", "0.54", "0.54"],
      ["USE1-ApiGatewayHttpRequest", "Usage", "0.1", "0.1"],
      ["USE1-DataTransfer-Out-Bytes", "Usage", "0.09", "0.09"],
    ];
    const metrics = (unblended: string, amortized: string) => ({
      UnblendedCost: { Amount: unblended, Unit: "USD" },
      AmortizedCost: { Amount: amortized, Unit: "USD" },
      UsageQuantity: { Amount: "1", Unit: "N/A" },
    });

    function answer(request: CostExplorerRequest): CostExplorerDay[] {
      const isResolution = request.GroupBy?.[0]?.Key === "SERVICE";
      const days: CostExplorerDay[] = [];
      for (
        let ms = Date.parse(request.TimePeriod.Start);
        ms < Date.parse(request.TimePeriod.End);
        ms += DAY_MS
      ) {
        days.push({
          start: new Date(ms).toISOString().slice(0, 10),
          isEstimated: ms >= day("2026-11-01").getTime(),
          groups: isResolution
            ? [
                { keys: ["AWS Lambda", "USE1-DataTransfer-Out-Bytes"], metrics: metrics("0.04", "0.04") },
                {
                  keys: ["Amazon API Gateway", "USE1-DataTransfer-Out-Bytes"],
                  metrics: metrics("0.05", "0.05"),
                },
              ]
            : DAILY.map(([usageType, recordType, unblended, amortized]) => ({
                keys: [usageType, recordType],
                metrics: metrics(unblended, amortized),
              })),
        });
      }
      return days;
    }

    beforeEach(async () => {
      await clearAllTables(getDatabase().db);
      fake = await startFakeAws({
        fleet: { functions: 0, services: 0 },
        accountId: ACCOUNT,
        now: NOW,
        costExplorer: { answer, groupsPerPage: GROUPS_PER_PAGE },
      });
      restoreEnv = applyAwsTestEnv(fake.endpoint);
    });

    afterEach(async () => {
      restoreEnv?.();
      await fake?.stop();
    });

    it("reads 90 days within 2× of the fewest requests the pagination allows", async () => {
      const { db } = getDatabase();
      const run = await syncAccount(db, await addAccount(db, ACCOUNT), { ...FAST, now: NOW, days: 90 });
      expect(run.issues).toEqual([]);

      // The fewest: every line of the 90 days is a (day, usage type, record type) group that any
      // exact read must return; at 250 groups a page that is ⌈900 / 250⌉ = 4 requests.
      const groups = 90 * DAILY.length;
      const minimum = Math.ceil(groups / GROUPS_PER_PAGE);
      expect(minimum).toBe(4);
      // The sync: the main query's 4 pages + 1 page splitting data transfer by service.
      const requests = run.calls["ce:GetCostAndUsage"] ?? 0;
      expect(requests).toBe(fake.costExplorerRequests.length); // each request answered one page
      expect(requests).toBe(5);
      expect(requests).toBeLessThanOrEqual(2 * minimum);
      expect(run.estimatedCostUsd).toBeCloseTo(requests * 0.01, 9);
      expect(fake.costExplorerRequests[0]).toMatchObject({
        TimePeriod: { Start: "2026-09-01", End: "2026-11-30" },
        Granularity: "DAILY",
      });

      // 90 days × (10 lines, data transfer split in 2), exact to the nano-dollar.
      expect(await db.costLine.count({ where: { accountId: ACCOUNT } })).toBe(90 * 11);
      const perDay = DAILY.reduce((sum, [, , amount]) => sum + toNanoUsd(amount), 0n);
      const total = await db.costLine.aggregate({
        where: { accountId: ACCOUNT },
        _sum: { amountNanoUsd: true },
      });
      expect(total._sum.amountNanoUsd).toBe(90n * perDay);
      const spend = await db.dailySpend.aggregate({
        where: { accountId: ACCOUNT },
        _sum: { costNanoUsd: true },
      });
      expect(spend._sum.costNanoUsd).toBe(90n * perDay);

      // The next day's sync re-reads only November (estimated) and the new day: one query.
      const before = fake.costExplorerRequests.length;
      const next = await syncAccount(db, await readSyncAccount(db, ACCOUNT), {
        ...FAST,
        now: new Date(NOW.getTime() + DAY_MS),
        days: 90,
      });
      expect(next.issues).toEqual([]);
      expect(fake.costExplorerRequests[before]).toMatchObject({
        TimePeriod: { Start: "2026-11-01", End: "2026-12-01" },
      });
      expect(await db.costLine.count({ where: { accountId: ACCOUNT } })).toBe(91 * 11);
    }, 60_000);
  });
});

describe("Test connection and Cost Explorer", () => {
  const ACCOUNT = "111122223333";
  let fake: FakeAwsHandle;
  let restoreEnv: () => void;

  afterEach(async () => {
    restoreEnv?.();
    await fake?.stop();
  });

  async function start() {
    fake = await startFakeAws({
      fleet: { functions: 3, services: 1 },
      accountId: ACCOUNT,
      // Yesterday had data transfer, which the backfill will split by service with one more query.
      costExplorer: {
        answer: (request) => [
          {
            start: request.TimePeriod.Start,
            isEstimated: true,
            groups: [
              {
                keys: ["USE1-DataTransfer-Out-Bytes", "Usage"],
                metrics: { UnblendedCost: { Amount: "0.09", Unit: "USD" } },
              },
            ],
          },
        ],
      },
    });
    restoreEnv = applyAwsTestEnv(fake.endpoint);
  }

  const input = (isCostExplorerEnabled: boolean) => ({
    accountId: ACCOUNT,
    profile: null,
    roleArn: null,
    externalId: null,
    regions: ["us-east-1", "eu-west-1"],
    isLogsInsightsEnabled: false,
    isCostExplorerEnabled,
  });

  it("checks Cost Explorer once (one $0.01 request) and counts the backfill's requests", async () => {
    await start();
    const result = await testAccountConnection(input(true));
    const [first, second] = result.regions;
    expect(first?.checks).toContainEqual(
      expect.objectContaining({ api: "ce:GetCostAndUsage", status: "ok" }),
    );
    expect(second?.checks.map((check) => check.api)).not.toContain("ce:GetCostAndUsage");
    expect(fake.costExplorerRequests).toHaveLength(1);
    // The main query + one resolution query for data transfer: at least 2 requests, $0.02.
    expect(result.estimate?.costExplorerRequests).toBe(2);
    const withoutCostExplorer = result.estimate!.estimatedCostUsd - 0.02;
    expect(withoutCostExplorer).toBeGreaterThanOrEqual(0);
    expect(withoutCostExplorer).toBeLessThan(0.01);
  }, 30_000);

  it("names a denied Cost Explorer as missing, and skips it when the switch is off", async () => {
    await start();
    fake.setFault("ce:GetCostAndUsage", { kind: "access-denied" });
    const denied = await testAccountConnection(input(true));
    expect(denied.regions[0]?.checks).toContainEqual(
      expect.objectContaining({
        api: "ce:GetCostAndUsage",
        status: "missing",
        code: "AccessDeniedException",
      }),
    );
    expect(denied.estimate?.costExplorerRequests).toBe(0);
    const off = await testAccountConnection(input(false));
    expect(off.regions[0]?.checks).toContainEqual(
      expect.objectContaining({ api: "ce:GetCostAndUsage", status: "skipped" }),
    );
    expect(fake.calls["ce:GetCostAndUsage"]).toBe(1); // the denied probe only (maxAttempts 2: no retry on 400 AccessDenied)
  }, 30_000);
});
