import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { estimateInitShare } from "@/lib/pricing/init-estimate";
import { COST_EXPLORER_SERVICES, toSpendGroupKey, type SpendGroupKey } from "@/lib/pricing/usage-types";
import { addUtcDays, toDayKey } from "@/lib/time";
import { memoizeByDataVersion } from "@/lib/db/data-version";
import { getCostCoverage, toSpendWindows, type SpendWindows } from "./fleet-status";
import { toUsdFromNanoUsd } from "./sql-values";
import type { CostCoverage } from "@/lib/range";

/**
 * The overview's figures, from the rollups every import writes (lib/db/summaries.ts), never from the
 * cost lines themselves: DailySpend (billed nano-USD per UTC day, account, region, service and
 * component, exact sums converted once at the end) over UTC windows that end with today, and the
 * ResourceSummary columns for the cold-start INIT estimate.
 */

export type SpendGroupTotals = Record<SpendGroupKey, number>;

export type SpendOverview = {
  windows: SpendWindows;
  coverage: CostCoverage;
  /** Null (unknown) while no cost of this month is stored yet, e.g. on the 1st before a sync reads it. */
  monthToDateUsd: number | null;
  last30Usd: number;
  previous30Usd: number;
  last90Usd: number;
  /** Last 30 days by compute service. */
  last30ByGroupUsd: SpendGroupTotals;
  /** Last 90 days, per UTC day and compute service (days without lines are absent). */
  daily: { day: string; group: SpendGroupKey; costUsd: number }[];
};

function emptyGroups(): Record<SpendGroupKey, bigint> {
  return { lambda: 0n, fargate: 0n, other: 0n };
}

function toUsdGroups(groups: Record<SpendGroupKey, bigint>): SpendGroupTotals {
  return {
    lambda: toUsdFromNanoUsd(groups.lambda),
    fargate: toUsdFromNanoUsd(groups.fargate),
    other: toUsdFromNanoUsd(groups.other),
  };
}

/** Billed nano-USD per UTC day, service, account and region: the one pass the overview needs. */
type SpendRollupRow = { day: Date; service: string; accountId: string; region: string; nanoUsd: bigint };

/**
 * Reads 90 days (and today) of DailySpend summed over components (a few rows per day, account,
 * region and service, not the cost lines), memoised per data version and day.
 */
async function getSpendRollup(windows: SpendWindows, db: Db): Promise<SpendRollupRow[]> {
  return memoizeByDataVersion(db, "spend-rollup", windows.endExclusive.getTime(), async () => {
    const groups = await db.dailySpend.groupBy({
      by: ["day", "service", "accountId", "region"],
      where: { day: { gte: windows.last90Start, lt: windows.monthEndExclusive } },
      _sum: { costNanoUsd: true },
    });
    return groups.map((g) => ({
      day: g.day,
      service: g.service,
      accountId: g.accountId,
      region: g.region,
      nanoUsd: g._sum.costNanoUsd ?? 0n,
    }));
  });
}

/** Month to date, 30 and 90 days, the daily trend and the compute split, from the rollup. */
export async function getSpendOverview(
  options: { now?: Date } = {},
  db: Db = getDb(),
): Promise<SpendOverview> {
  const windows = toSpendWindows(options.now ?? new Date());
  const [groups, coverage] = await Promise.all([getSpendRollup(windows, db), getCostCoverage(db)]);
  let monthToDate = 0n;
  let last30 = 0n;
  let previous30 = 0n;
  let last90 = 0n;
  const byGroup30 = emptyGroups();
  const dailyNano = new Map<string, bigint>();
  for (const g of groups) {
    const nano = g.nanoUsd;
    const time = g.day.getTime();
    const group = toSpendGroupKey(g.service);
    if (time >= windows.monthStart.getTime()) monthToDate += nano;
    // Today (still being billed) counts only towards month to date.
    if (time >= windows.endExclusive.getTime()) continue;
    last90 += nano;
    if (time >= windows.last30Start.getTime()) {
      last30 += nano;
      byGroup30[group] += nano;
    } else if (time >= windows.previous30Start.getTime()) {
      previous30 += nano;
    }
    const key = `${toDayKey(g.day)}|${group}`;
    dailyNano.set(key, (dailyNano.get(key) ?? 0n) + nano);
  }
  return {
    windows,
    coverage,
    monthToDateUsd:
      coverage.toBucket !== null && coverage.toBucket >= toDayKey(windows.monthStart)
        ? toUsdFromNanoUsd(monthToDate)
        : null,
    last30Usd: toUsdFromNanoUsd(last30),
    previous30Usd: toUsdFromNanoUsd(previous30),
    last90Usd: toUsdFromNanoUsd(last90),
    last30ByGroupUsd: toUsdGroups(byGroup30),
    daily: [...dailyNano.entries()]
      .map(([key, nano]) => {
        const [day, group] = key.split("|") as [string, SpendGroupKey];
        return { day, group, costUsd: toUsdFromNanoUsd(nano) };
      })
      .sort((a, b) => a.day.localeCompare(b.day)),
  };
}

export type AccountRegionSpend = {
  accountId: string;
  accountName: string | null;
  isDemo: boolean;
  region: string;
  byGroupUsd: SpendGroupTotals;
  totalUsd: number;
};

/** Last 30 days by account and region, costliest first. */
export async function listSpendByAccountRegion(
  options: { now?: Date } = {},
  db: Db = getDb(),
): Promise<AccountRegionSpend[]> {
  const windows = toSpendWindows(options.now ?? new Date());
  const [rollup, accounts] = await Promise.all([
    getSpendRollup(windows, db),
    db.account.findMany({ select: { id: true, name: true, isDemo: true } }),
  ]);
  const from = windows.last30Start.getTime();
  const to = windows.endExclusive.getTime();
  const groups = rollup.filter((g) => g.day.getTime() >= from && g.day.getTime() < to);
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const byKey = new Map<
    string,
    { accountId: string; region: string; groups: Record<SpendGroupKey, bigint> }
  >();
  for (const g of groups) {
    const key = `${g.accountId}|${g.region}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { accountId: g.accountId, region: g.region, groups: emptyGroups() };
      byKey.set(key, entry);
    }
    entry.groups[toSpendGroupKey(g.service)] += g.nanoUsd;
  }
  return [...byKey.values()]
    .map((entry) => {
      const total = entry.groups.lambda + entry.groups.fargate + entry.groups.other;
      const account = accountById.get(entry.accountId);
      return {
        accountId: entry.accountId,
        accountName: account?.name ?? null,
        isDemo: account?.isDemo ?? false,
        region: entry.region,
        byGroupUsd: toUsdGroups(entry.groups),
        totalUsd: toUsdFromNanoUsd(total),
        total,
      };
    })
    .sort((a, b) => (a.total === b.total ? a.region.localeCompare(b.region) : a.total > b.total ? -1 : 1))
    .map(({ total: _total, ...rest }) => rest);
}

export type CostlyResource = {
  id: string;
  name: string;
  /** Cluster for a service, runtime for a function. */
  detail: string | null;
  accountName: string;
  region: string;
  costUsd: number;
  windowDays: number;
};

/** The costliest functions over the summary window (ResourceSummary, indexed by type and cost). */
export async function listCostliestFunctions(limit = 5, db: Db = getDb()): Promise<CostlyResource[]> {
  const summaries = await db.resourceSummary.findMany({
    where: { resourceType: "lambda", costNanoUsd: { not: null } },
    orderBy: { costNanoUsd: "desc" },
    take: limit,
    select: { resourceArn: true, costNanoUsd: true, windowDays: true },
  });
  const functions = await db.lambdaFunction.findMany({
    where: { arn: { in: summaries.map((s) => s.resourceArn) } },
    select: {
      id: true,
      arn: true,
      name: true,
      region: true,
      runtime: true,
      account: { select: { name: true } },
    },
  });
  const byArn = new Map(functions.map((f) => [f.arn, f]));
  return summaries.flatMap((s) => {
    const fn = byArn.get(s.resourceArn);
    if (!fn || s.costNanoUsd === null) return [];
    return [
      {
        id: fn.id,
        name: fn.name,
        detail: fn.runtime,
        accountName: fn.account.name,
        region: fn.region,
        costUsd: toUsdFromNanoUsd(s.costNanoUsd),
        windowDays: s.windowDays,
      },
    ];
  });
}

export async function listCostliestServices(limit = 5, db: Db = getDb()): Promise<CostlyResource[]> {
  const summaries = await db.resourceSummary.findMany({
    where: { resourceType: "fargate", costNanoUsd: { not: null } },
    orderBy: { costNanoUsd: "desc" },
    take: limit,
    select: { resourceArn: true, costNanoUsd: true, windowDays: true },
  });
  const services = await db.fargateService.findMany({
    where: { arn: { in: summaries.map((s) => s.resourceArn) } },
    select: {
      id: true,
      arn: true,
      name: true,
      region: true,
      clusterName: true,
      account: { select: { name: true } },
    },
  });
  const byArn = new Map(services.map((v) => [v.arn, v]));
  return summaries.flatMap((s) => {
    const service = byArn.get(s.resourceArn);
    if (!service || s.costNanoUsd === null) return [];
    return [
      {
        id: service.id,
        name: service.name,
        detail: service.clusterName,
        accountName: service.account.name,
        region: service.region,
        costUsd: toUsdFromNanoUsd(s.costNanoUsd),
        windowDays: s.windowDays,
      },
    ];
  });
}

export type ColdStartInitShare = {
  /** Estimated INIT cost over the window (USD); null when no function reports cold starts. */
  initUsd: number | null;
  /** Lambda billed cost over the same days. */
  lambdaUsd: number;
  /** initUsd / lambdaUsd; null when unknown. */
  shareOfLambda: number | null;
  /** Share of the billed duration cost that belongs to functions with cold-start observations. */
  durationCoverage: number | null;
  /** Functions with billed duration cost and cold-start observations. */
  functionsWithData: number;
  /**
   * The UTC days the figures cover: the summary window of the last import (30 days before it), or
   * the last 30 whole days when nothing was imported yet.
   */
  window: { start: Date; endExclusive: Date; days: number };
};

/**
 * Estimated share of Lambda cost that is cold-start INIT over the summary window (the last 30 days
 * when the last import ran): per function, the billed duration cost × INIT GB-s / (INIT + invoke
 * GB-s), read from ResourceSummary (durationCostNanoUsd, initGbSeconds, invokeGbSeconds, written by
 * every import) and split with lib/pricing/init-estimate. Functions without cold-start data
 * contribute nothing and lower `durationCoverage`.
 */
export async function getColdStartInitShare(
  options: { now?: Date } = {},
  db: Db = getDb(),
): Promise<ColdStartInitShare> {
  const windows = toSpendWindows(options.now ?? new Date());
  return memoizeByDataVersion(db, "cold-start-init-share", windows.endExclusive.getTime(), () =>
    readColdStartInitShare(windows, db),
  );
}

async function readColdStartInitShare(windows: SpendWindows, db: Db): Promise<ColdStartInitShare> {
  const summaries = await db.resourceSummary.findMany({
    where: { resourceType: "lambda", durationCostNanoUsd: { not: null } },
    select: {
      windowDays: true,
      windowEnd: true,
      durationCostNanoUsd: true,
      invokeGbSeconds: true,
      initGbSeconds: true,
    },
  });
  // Every import rewrites every summary over one window; should two windows ever coexist, the
  // latest one is the truth and older rows are left out rather than mixed in.
  const latest = summaries.reduce<(typeof summaries)[number] | null>(
    (best, s) => (best === null || s.windowEnd.getTime() > best.windowEnd.getTime() ? s : best),
    null,
  );
  const window = latest
    ? {
        start: addUtcDays(latest.windowEnd, -latest.windowDays),
        endExclusive: latest.windowEnd,
        days: latest.windowDays,
      }
    : { start: windows.last30Start, endExclusive: windows.endExclusive, days: 30 };

  let initUsd = 0;
  let coveredDurationNano = 0n;
  let totalDurationNano = 0n;
  let functionsWithData = 0;
  for (const s of summaries) {
    if (s.durationCostNanoUsd === null || s.windowEnd.getTime() !== window.endExclusive.getTime()) continue;
    totalDurationNano += s.durationCostNanoUsd;
    const share =
      s.initGbSeconds === null || s.invokeGbSeconds === null
        ? null
        : estimateInitShare({ initGbSeconds: s.initGbSeconds, invokeGbSeconds: s.invokeGbSeconds });
    // A function without billed duration has no INIT cost to split, so it does not count.
    if (share === null || s.durationCostNanoUsd === 0n) continue;
    functionsWithData += 1;
    coveredDurationNano += s.durationCostNanoUsd;
    initUsd += toUsdFromNanoUsd(s.durationCostNanoUsd) * share;
  }

  const lambda = await db.dailySpend.aggregate({
    where: {
      service: COST_EXPLORER_SERVICES.lambda,
      day: { gte: window.start, lt: window.endExclusive },
    },
    _sum: { costNanoUsd: true },
  });
  const lambdaUsd = toUsdFromNanoUsd(lambda._sum.costNanoUsd ?? 0n);
  const hasData = functionsWithData > 0;
  return {
    initUsd: hasData ? initUsd : null,
    lambdaUsd,
    shareOfLambda: hasData && lambdaUsd > 0 ? initUsd / lambdaUsd : null,
    durationCoverage:
      totalDurationNano > 0n ? Number((coveredDurationNano * 10_000n) / totalDurationNano) / 10_000 : null,
    functionsWithData,
    window,
  };
}
