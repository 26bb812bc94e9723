import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/sqlite/client";
import type { CostCoverage, RangeWindow } from "@/lib/range";
import { toBucketKey, toDayKey } from "@/lib/time";
import { getCostCoverage } from "./fleet-status";
import { toUsdFromNanoUsd } from "./sql-values";

/** One resource (function or service) over a page's range: its billed cost lines and metric points. */

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
