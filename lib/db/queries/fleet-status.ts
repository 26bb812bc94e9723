import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { CostCoverage } from "@/lib/range";
import { addUtcDays, toDayKey, toUtcDayStart, toUtcMonthStart } from "@/lib/time";
import { toDateFromSql } from "./sql-values";

/** What the fleet holds (accounts, resources, cost days) and the UTC windows the fleet views report on. */

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
