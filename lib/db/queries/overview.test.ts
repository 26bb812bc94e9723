import { beforeAll, describe, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import type { Db } from "@/lib/db/create-db";
import { recomputeDailySpend, recomputeResourceSummaries } from "@/lib/db/summaries";
import { loadDemoFleet } from "@/lib/demo/load";
import { estimateInitGbSeconds, estimateInitShare } from "@/lib/pricing/init-estimate";
import { COST_EXPLORER_SERVICES, toSpendGroupKey, type SpendGroupKey } from "@/lib/pricing/usage-types";
import { toDayKey } from "@/lib/time";
import { getFleetStatus, toSpendWindows } from "./fleet-status";
import { toBigIntFromSql, toUsdFromNanoUsd } from "./sql-values";
import {
  getColdStartInitShare,
  getSpendOverview,
  listCostliestFunctions,
  listCostliestServices,
  listSpendByAccountRegion,
} from "./overview";
import { ACCOUNT_STAGING, NOW, insertFixtureFleet } from "@/test/fleet-test-db";
import { clearAllTables } from "@/test/tables";

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
    await clearAllTables(t.db);
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
      // What every import does after writing cost lines: the overview reads only this rollup.
      await recomputeDailySpend(t.db);
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

    it("says month to date is unknown, not $0, before any cost of the month is stored", async () => {
      // The fixture's costs end on Nov 23: on Dec 1 nothing of December has been read yet.
      const spend = await getSpendOverview({ now: new Date("2026-12-01T10:00:00Z") }, t.db);
      expect(spend.monthToDateUsd).toBeNull();
      expect(spend.last30Usd).toBeGreaterThan(0);
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

    it("estimates the INIT share of Lambda cost from cold starts, over the summary window", async () => {
      // The import's summary recompute (30 days before today) writes the duration cost and GB-s.
      await recomputeResourceSummaries(t.db, { windowEnd: new Date("2026-11-23T00:00:00Z") });
      const share = await getColdStartInitShare({ now: NOW }, t.db);
      expect(share.window).toEqual({
        start: new Date("2026-10-24T00:00:00Z"),
        endExclusive: new Date("2026-11-23T00:00:00Z"),
        days: 30,
      });
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

/**
 * The figures as the overview computed them before the rollups existed: straight from the cost
 * lines and memory observations (the INIT split by lib/pricing/init-estimate, its one definition).
 */
async function computeFromCostLines(db: Db, now: Date) {
  const w = toSpendWindows(now);
  const sumNano = async (from: Date, to: Date) =>
    (await db.costLine.aggregate({ where: { day: { gte: from, lt: to } }, _sum: { amountNanoUsd: true } }))
      ._sum.amountNanoUsd ?? 0n;
  const last30Lines = await db.costLine.groupBy({
    by: ["accountId", "region", "service"],
    where: { day: { gte: w.last30Start, lt: w.endExclusive } },
    _sum: { amountNanoUsd: true },
  });
  const byGroup: Record<SpendGroupKey, bigint> = { lambda: 0n, fargate: 0n, other: 0n };
  const byAccountRegion = new Map<string, bigint>();
  for (const g of last30Lines) {
    const nano = g._sum.amountNanoUsd ?? 0n;
    byGroup[toSpendGroupKey(g.service)] += nano;
    const key = `${g.accountId}/${g.region}`;
    byAccountRegion.set(key, (byAccountRegion.get(key) ?? 0n) + nano);
  }
  const daily = new Map<string, bigint>();
  for (const g of await db.costLine.groupBy({
    by: ["day", "service"],
    where: { day: { gte: w.last90Start, lt: w.endExclusive } },
    _sum: { amountNanoUsd: true },
  })) {
    const key = `${toDayKey(g.day)}|${toSpendGroupKey(g.service)}`;
    daily.set(key, (daily.get(key) ?? 0n) + (g._sum.amountNanoUsd ?? 0n));
  }

  const durationLines = await db.costLine.groupBy({
    by: ["resourceArn"],
    where: {
      day: { gte: w.last30Start, lt: w.endExclusive },
      service: COST_EXPLORER_SERVICES.lambda,
      component: "duration",
      resourceArn: { not: "" },
    },
    _sum: { amountNanoUsd: true },
  });
  const observations = await db.memoryObservation.findMany({
    where: { observedOn: { gte: w.last30Start, lt: w.endExclusive } },
  });
  let initUsd = 0;
  let coveredNano = 0n;
  let totalNano = 0n;
  let functionsWithData = 0;
  for (const line of durationLines) {
    const nano = line._sum.amountNanoUsd ?? 0n;
    totalNano += nano;
    const share = estimateInitShare(
      estimateInitGbSeconds(observations.filter((o) => o.functionArn === line.resourceArn)),
    );
    // A function without billed duration has no INIT cost to split, so it does not count.
    if (share === null || nano === 0n) continue;
    functionsWithData += 1;
    coveredNano += nano;
    initUsd += toUsdFromNanoUsd(nano) * share;
  }
  const lambdaNano = last30Lines
    .filter((g) => g.service === COST_EXPLORER_SERVICES.lambda)
    .reduce((sum, g) => sum + (g._sum.amountNanoUsd ?? 0n), 0n);
  return {
    monthToDateUsd: toUsdFromNanoUsd(await sumNano(w.monthStart, w.monthEndExclusive)),
    last30Usd: toUsdFromNanoUsd(await sumNano(w.last30Start, w.endExclusive)),
    previous30Usd: toUsdFromNanoUsd(await sumNano(w.previous30Start, w.last30Start)),
    last90Usd: toUsdFromNanoUsd(await sumNano(w.last90Start, w.endExclusive)),
    last30ByGroupUsd: {
      lambda: toUsdFromNanoUsd(byGroup.lambda),
      fargate: toUsdFromNanoUsd(byGroup.fargate),
      other: toUsdFromNanoUsd(byGroup.other),
    },
    daily: [...daily].map(([key, nano]) => `${key}|${toUsdFromNanoUsd(nano)}`).sort(),
    byAccountRegion: [...byAccountRegion].map(([key, nano]) => `${key}|${toUsdFromNanoUsd(nano)}`).sort(),
    initUsd,
    lambdaUsd: toUsdFromNanoUsd(lambdaNano),
    durationCoverage: Number((coveredNano * 10_000n) / totalNano) / 10_000,
    functionsWithData,
  };
}

describeForBothDatabases("overview DAL on a seeded demo fleet", (getDatabase) => {
  // Today is Nov 23 at 10:00; the demo ends at midnight, so its summary window is the overview's
  // last 30 whole days and its 95 days cover the previous 30 and the 90-day trend.
  const now = new Date("2026-11-23T10:00:00Z");
  const asOf = new Date("2026-11-23T00:00:00Z");
  const cfg = { seed: 7, functions: 12, services: 4, days: 95, hourlyDays: 0, asOf };

  beforeAll(async () => {
    const { db } = getDatabase();
    await clearAllTables(db);
    await loadDemoFleet(db, cfg);
  });

  it("gives the same spend figures as summing the cost lines, to the nano-dollar", async () => {
    const { db } = getDatabase();
    const expected = await computeFromCostLines(db, now);
    expect(expected.last90Usd).toBeGreaterThan(0);
    const spend = await getSpendOverview({ now }, db);
    expect({
      monthToDateUsd: spend.monthToDateUsd,
      last30Usd: spend.last30Usd,
      previous30Usd: spend.previous30Usd,
      last90Usd: spend.last90Usd,
      last30ByGroupUsd: spend.last30ByGroupUsd,
    }).toEqual({
      monthToDateUsd: expected.monthToDateUsd,
      last30Usd: expected.last30Usd,
      previous30Usd: expected.previous30Usd,
      last90Usd: expected.last90Usd,
      last30ByGroupUsd: expected.last30ByGroupUsd,
    });
    expect(spend.daily.map((d) => `${d.day}|${d.group}|${d.costUsd}`).sort()).toEqual(expected.daily);
    const rows = await listSpendByAccountRegion({ now }, db);
    expect(rows.map((r) => `${r.accountId}/${r.region}|${r.totalUsd}`).sort()).toEqual(
      expected.byAccountRegion,
    );
  });

  it("gives the same INIT share as splitting the duration lines with the observations", async () => {
    const { db } = getDatabase();
    const expected = await computeFromCostLines(db, now);
    expect(expected.functionsWithData).toBeGreaterThan(0);
    const share = await getColdStartInitShare({ now }, db);
    expect(share.lambdaUsd).toBe(expected.lambdaUsd);
    expect(share.functionsWithData).toBe(expected.functionsWithData);
    expect(share.durationCoverage).toBe(expected.durationCoverage);
    expect(share.initUsd).toBeCloseTo(expected.initUsd, 6);
    expect(share.shareOfLambda).toBeCloseTo(expected.initUsd / expected.lambdaUsd, 9);
  });

  it("leaves out observations that do not see cold starts instead of reading them as no INIT", async () => {
    const { db } = getDatabase();
    const before = await getColdStartInitShare({ now }, db);
    // CloudWatch metrics of the same functions, with more invocations than the demo's own source.
    const demo = await db.memoryObservation.findMany({ where: { source: "demo", coldStarts: { gt: 0 } } });
    await db.memoryObservation.createMany({
      data: demo.map((o) => ({
        ...o,
        source: "metrics",
        invocations: o.invocations * 10,
        initDurationAvgMs: null,
        coldStarts: null,
        createdAt: undefined,
        updatedAt: undefined,
      })),
    });
    await recomputeResourceSummaries(db, { windowEnd: asOf });
    // An import also records its run; touching the accounts moves the data version the same way.
    await db.account.updateMany({ data: { updatedAt: new Date() } });
    const after = await getColdStartInitShare({ now }, db);
    expect(after).not.toBe(before);
    expect(after.functionsWithData).toBe(before.functionsWithData);
    expect(after.initUsd).toBeCloseTo(before.initUsd!, 6);
    expect(after.initUsd).toBeCloseTo((await computeFromCostLines(db, now)).initUsd, 6);
  });
});
