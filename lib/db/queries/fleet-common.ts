import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { CostCoverage } from "@/lib/range";
import type { RangeWindow } from "@/lib/range";
import { addUtcDays, toBucketKey, toDayKey, toUtcDayStart, toUtcMonthStart } from "@/lib/time";

/**
 * Helpers shared by the fleet DAL modules (overview, functions, services): the fleet's data status,
 * per-resource cost and metric reads, and the read cache. The pure SQL value helpers live in
 * sql-values.ts (re-exported here).
 */

export * from "./sql-values";
import { toDateFromSql, toNumberFromSql, toUsdFromNanoUsd } from "./sql-values";

/**
 * The UTC windows the fleet views report on. The 30- and 90-day windows are whole days ending with
 * yesterday (the same 30 days as ResourceSummary); month to date also includes today so far.
 */
export type SpendWindows = {
  /** Today 00:00 UTC: end of the whole-day windows. */
  endExclusive: Date;
  /** Tomorrow 00:00 UTC: end of month to date. */
  monthEndExclusive: Date;
  monthStart: Date;
  last30Start: Date;
  previous30Start: Date;
  last90Start: Date;
};

export function toSpendWindows(now: Date): SpendWindows {
  const endExclusive = toUtcDayStart(now);
  return {
    endExclusive,
    monthEndExclusive: addUtcDays(endExclusive, 1),
    monthStart: toUtcMonthStart(now),
    last30Start: addUtcDays(endExclusive, -30),
    previous30Start: addUtcDays(endExclusive, -60),
    last90Start: addUtcDays(endExclusive, -90),
  };
}

export type FleetStatus = {
  accountCount: number;
  demoAccountCount: number;
  functionCount: number;
  serviceCount: number;
  hasDemoData: boolean;
  /** No account, no resource and no cost line: show the "load the demo / connect AWS" state. */
  isEmpty: boolean;
  /** First and last UTC day with imported cost lines (null when none). */
  costDataFrom: Date | null;
  costDataThrough: Date | null;
};

export async function getFleetStatus(db: Db = getDb()): Promise<FleetStatus> {
  const [accountCount, demoAccountCount, functionCount, serviceCount, costDays] = await Promise.all([
    db.account.count(),
    db.account.count({ where: { isDemo: true } }),
    db.lambdaFunction.count(),
    db.fargateService.count(),
    getCostDays(db),
  ]);
  return {
    accountCount,
    demoAccountCount,
    functionCount,
    serviceCount,
    hasDemoData: demoAccountCount > 0,
    isEmpty: accountCount === 0 && functionCount === 0 && serviceCount === 0 && costDays.from === null,
    costDataFrom: costDays.from,
    costDataThrough: costDays.to,
  };
}

/**
 * First and last cost-line day. Two scalar subqueries so each is answered from the day index on
 * both databases (SQLite only applies its min/max optimisation to a lone MIN or MAX; Prisma's
 * aggregate() wraps the table in a subquery and scans millions of rows).
 */
async function getCostDays(db: Db): Promise<{ from: Date | null; to: Date | null }> {
  const rows = await db.$queryRaw<{ from: unknown; to: unknown }[]>`
    SELECT (SELECT MIN("day") FROM "CostLine") AS "from", (SELECT MAX("day") FROM "CostLine") AS "to"`;
  return { from: toDateFromSql(rows[0]?.from), to: toDateFromSql(rows[0]?.to) };
}

/** Cost coverage (lib/range) from the fleet status, as day keys. */
export function toCostCoverage(status: Pick<FleetStatus, "costDataFrom" | "costDataThrough">): CostCoverage {
  return {
    fromBucket: status.costDataFrom ? toDayKey(status.costDataFrom) : null,
    toBucket: status.costDataThrough ? toDayKey(status.costDataThrough) : null,
  };
}

/** First and last day with imported cost lines, fleet-wide (both use the CostLine day index). */
export async function getCostCoverage(db: Db = getDb()): Promise<CostCoverage> {
  const days = await getCostDays(db);
  return toCostCoverage({ costDataFrom: days.from, costDataThrough: days.to });
}

// ---------------------------------------------------------------------------------------------
// One resource (function or service): cost lines and metric points

export type DailyComponentCost = { day: string; component: string; usageType: string; costUsd: number };

export type ResourceCost = {
  /** Billed cost per UTC day, component and usage type, summed exactly before conversion. */
  lines: DailyComponentCost[];
  coverage: CostCoverage;
};

/** Billed cost lines of one resource over the range's days, grouped per day and component. */
export async function getResourceDailyCost(
  resourceArn: string,
  window: Pick<RangeWindow, "dayStart" | "dayEndExclusive">,
  db: Db = getDb(),
): Promise<ResourceCost> {
  const [groups, coverage] = await Promise.all([
    db.costLine.groupBy({
      by: ["day", "component", "usageType"],
      where: { resourceArn, day: { gte: window.dayStart, lt: window.dayEndExclusive } },
      _sum: { amountNanoUsd: true },
    }),
    getCostCoverage(db),
  ]);
  return {
    lines: groups.map((g) => ({
      day: toDayKey(g.day),
      component: g.component,
      usageType: g.usageType,
      costUsd: toUsdFromNanoUsd(g._sum.amountNanoUsd ?? 0n),
    })),
    coverage,
  };
}

export type ResourceMetricPoint = {
  /** "Invocations/Sum", "Duration/p95" ... */
  series: string;
  granularity: "day" | "hour";
  bucket: string;
  value: number;
};

/**
 * Metric points of one resource for the range: daily points over its days, and for the hourly
 * range also the hourly points (a chart uses hourly where the metric has them, daily otherwise).
 */
export async function getResourceMetrics(
  resourceArn: string,
  window: RangeWindow,
  db: Db = getDb(),
): Promise<ResourceMetricPoint[]> {
  const ranges: Prisma.MetricPointWhereInput[] = [
    { granularity: "day", timestamp: { gte: window.dayStart, lt: window.dayEndExclusive } },
  ];
  if (window.granularity === "hour") {
    ranges.push({ granularity: "hour", timestamp: { gte: window.start, lt: window.endExclusive } });
  }
  const points = await db.metricPoint.findMany({
    where: { resourceArn, OR: ranges },
    select: { metric: true, stat: true, granularity: true, timestamp: true, value: true },
  });
  return points.map((p) => {
    const granularity = p.granularity === "hour" ? "hour" : "day";
    return {
      series: `${p.metric}/${p.stat}`,
      granularity,
      bucket: toBucketKey(p.timestamp, granularity),
      value: p.value,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Read cache for fleet-wide aggregates

/**
 * A cheap fingerprint of the imported data: every import (demo or sync) writes a SyncRun and
 * touches accounts, and removing the demo deletes both. Fleet-wide aggregates (the overview's 90
 * days of cost lines, filter options) only change when this does.
 */
export async function getDataVersion(db: Db): Promise<string> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT COUNT(*) FROM "SyncRun") AS "runs",
           (SELECT MAX("updatedAt") FROM "SyncRun") AS "runsUpdatedAt",
           (SELECT COUNT(*) FROM "Account") AS "accounts",
           (SELECT MAX("updatedAt") FROM "Account") AS "accountsUpdatedAt",
           (SELECT COUNT(*) FROM "LambdaFunction") AS "functions",
           (SELECT COUNT(*) FROM "FargateService") AS "services"`;
  const row = rows[0] ?? {};
  return [
    toNumberFromSql(row.runs),
    toDateFromSql(row.runsUpdatedAt)?.getTime(),
    toNumberFromSql(row.accounts),
    toDateFromSql(row.accountsUpdatedAt)?.getTime(),
    toNumberFromSql(row.functions),
    toNumberFromSql(row.services),
  ].join(":");
}

const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX_ENTRIES = 300;
type CacheEntry = { expiresAt: number; value: Promise<unknown> };
const cachesByDb = new WeakMap<Db, Map<string, CacheEntry>>();

/**
 * Memoises an expensive fleet-wide read per database, data version and arguments, for at most ten
 * minutes (a teammate's manual SQL edit shows up by then). Concurrent callers share one promise;
 * a failed read is not kept.
 */
export async function memoizeByDataVersion<T>(
  db: Db,
  name: string,
  args: unknown,
  read: () => Promise<T>,
): Promise<T> {
  const version = await getDataVersion(db);
  let cache = cachesByDb.get(db);
  if (!cache) {
    cache = new Map();
    cachesByDb.set(db, cache);
  }
  const key = `${name}|${version}|${JSON.stringify(args)}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
  const value = read();
  cache.set(key, { expiresAt: now + CACHE_TTL_MS, value });
  value.catch(() => cache.delete(key));
  if (cache.size > CACHE_MAX_ENTRIES) {
    for (const [k, entry] of cache) {
      if (entry.expiresAt <= now || cache.size > CACHE_MAX_ENTRIES) cache.delete(k);
      if (cache.size <= CACHE_MAX_ENTRIES / 2) break;
    }
  }
  return value;
}

export type AccountOption = { id: string; name: string; isDemo: boolean };

export async function listAccounts(db: Db = getDb()): Promise<AccountOption[]> {
  return db.account.findMany({
    select: { id: true, name: true, isDemo: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
