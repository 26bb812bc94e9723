import { beforeAll, describe, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import { getFleetStatus, toBigIntFromSql, toUsdFromNanoUsd } from "./fleet-common";
import {
  getColdStartInitShare,
  getSpendOverview,
  listCostliestFunctions,
  listCostliestServices,
  listSpendByAccountRegion,
} from "./overview";
import { ACCOUNT_STAGING, NOW, clearDb, insertFixtureFleet } from "@/test/fleet-test-db";

describe("money conversion", () => {
  it("converts nano-USD once, exactly up to the last nano", () => {
    expect(toUsdFromNanoUsd(1_000_000_001n)).toBe(1.000000001);
    expect(toUsdFromNanoUsd(-2_500_000_000n)).toBe(-2.5);
    expect(toUsdFromNanoUsd(123_456_789_012_345_678n)).toBeCloseTo(123_456_789.012345678, 6);
  });

  it("reads integer sums whatever type the driver returns", () => {
    expect(toBigIntFromSql(12n)).toBe(12n);
    expect(toBigIntFromSql("30000000030")).toBe(30_000_000_030n);
    expect(toBigIntFromSql({ toString: () => "42" })).toBe(42n);
    expect(toBigIntFromSql(null)).toBeNull();
    expect(() => toBigIntFromSql("1.5")).toThrow();
  });
});

describeForBothDatabases("overview DAL", (getDatabase) => {
  const t = {
    get db() {
      return getDatabase().db;
    },
  };
  beforeAll(async () => {
    await clearDb(t.db);
  });

  it("reports an empty database as empty, with unknown cost coverage", async () => {
    const status = await getFleetStatus(t.db);
    expect(status).toMatchObject({ isEmpty: true, functionCount: 0, hasDemoData: false, costDataFrom: null });
    const share = await getColdStartInitShare({ now: NOW }, t.db);
    expect(share.shareOfLambda).toBeNull();
    expect(share.initUsd).toBeNull();
  });

  describe("with the fixture fleet", () => {
    beforeAll(async () => {
      await insertFixtureFleet(t.db);
    });

    it("reports counts and demo data", async () => {
      expect(await getFleetStatus(t.db)).toMatchObject({
        isEmpty: false,
        functionCount: 5,
        serviceCount: 2,
        hasDemoData: false,
        costDataFrom: new Date("2026-08-01T00:00:00Z"),
        costDataThrough: new Date("2026-11-23T00:00:00Z"),
      });
      await t.db.account.update({ where: { id: ACCOUNT_STAGING }, data: { isDemo: true } });
      expect((await getFleetStatus(t.db)).hasDemoData).toBe(true);
      await t.db.account.update({ where: { id: ACCOUNT_STAGING }, data: { isDemo: false } });
    });

    it("totals month-to-date (with today), 30 and 90 whole days from billed lines", async () => {
      const spend = await getSpendOverview({ now: NOW }, t.db);
      // Nov 1-22: alpha 22 × $1.100000001 + $5 unattributed + web 22 × $2.50 + Spot 10 × $0.30 + API GW $1;
      // plus today's $7.
      expect(spend.monthToDateUsd).toBeCloseTo(24.200000022 + 5 + 55 + 3 + 1 + 7, 9);
      // Oct 24-Nov 22: alpha 30 × $1.100000001 + $5 + web 30 × $2.50 + $3 Spot + $1; not today's $7.
      expect(spend.last30Usd).toBeCloseTo(117.00000003, 9);
      expect(spend.previous30Usd).toBeCloseTo(75, 9);
      // Aug 25-Nov 22: the Aug 1 line is outside.
      expect(spend.last90Usd).toBeCloseTo(33.00000003 + 5 + 225 + 3 + 1, 9);
      expect(spend.last30ByGroupUsd.lambda).toBeCloseTo(38.00000003, 9);
      expect(spend.last30ByGroupUsd.fargate).toBeCloseTo(78, 9);
      expect(spend.last30ByGroupUsd.other).toBeCloseTo(1, 9);
      const nov20 = spend.daily.filter((d) => d.day === "2026-11-20");
      expect(nov20.map((d) => d.group).sort()).toEqual(["fargate", "lambda", "other"]);
      expect(spend.daily[0]!.day).toBe("2026-08-25");
      expect(spend.daily.some((d) => d.day === "2026-11-23")).toBe(false);
    });

    it("splits the last 30 days by account and region, costliest first", async () => {
      const rows = await listSpendByAccountRegion({ now: NOW }, t.db);
      expect(rows.map((r) => `${r.accountName}/${r.region}`)).toEqual([
        "prod/us-east-1",
        "staging/us-east-1",
      ]);
      expect(rows[0]!.totalUsd).toBeCloseTo(112.00000003, 9);
      expect(rows[0]!.byGroupUsd.fargate).toBeCloseTo(78, 9);
      expect(rows[1]!.byGroupUsd).toEqual({ lambda: 5, fargate: 0, other: 0 });
    });

    it("lists the costliest functions and services from the summaries", async () => {
      expect((await listCostliestFunctions(2, t.db)).map((f) => [f.name, f.costUsd])).toEqual([
        ["charlie", 50],
        ["alpha", 30],
      ]);
      expect((await listCostliestServices(5, t.db)).map((s) => [s.name, s.detail, s.costUsd])).toEqual([
        ["web", "main", 100],
      ]);
    });

    it("estimates the INIT share of Lambda cost from cold starts", async () => {
      const share = await getColdStartInitShare({ now: NOW }, t.db);
      // alpha: $30.00000003 duration × 100 / 10,100 GB-s of INIT; Lambda total $38.00000003.
      const initUsd = (30.00000003 * 100) / 10_100;
      expect(share.initUsd).toBeCloseTo(initUsd, 9);
      expect(share.lambdaUsd).toBeCloseTo(38.00000003, 9);
      expect(share.shareOfLambda).toBeCloseTo(initUsd / 38.00000003, 9);
      expect(share.durationCoverage).toBe(1);
      expect(share.functionsWithData).toBe(1);
    });
  });
});
