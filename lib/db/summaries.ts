/**
 * ResourceSummary: per-resource figures for the list views, recomputed after every import (demo or
 * sync) so that sorting 10,000 functions by cost reads one indexed row each instead of 90 days of
 * cost lines. Aggregation happens in SQL (exact integer sums of nano-USD); the same SQL runs on
 * SQLite and PostgreSQL.
 */
import type { Db } from "@/lib/db/create-db";
import { fromNanoUsd } from "@/lib/money";
import type { BulkWriter, SqlValue } from "@/lib/db/import/bulk-writer";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import type { DailySpendRow, ResourceSummaryRow } from "@/lib/db/import/tables";
import { DAILY_SPEND_TABLE, RESOURCE_SUMMARY_TABLE } from "@/lib/db/import/tables";

const DAY_MS = 86_400_000;

export type RecomputeSummariesOptions = {
  /** Days in the window (default 30). */
  windowDays?: number;
  /** End of the window, exclusive; a UTC midnight (the demo's anchor, or today for a sync). */
  windowEnd: Date;
};

export type RecomputeSummariesResult = { resources: number; rowsChanged: number; rowsDeleted: number };

/**
 * Rewrites ResourceSummary for every Lambda function and Fargate service that is not deleted, and
 * drops the summaries of resources that no longer exist. Over the window [windowEnd − windowDays,
 * windowEnd):
 * - costNanoUsd: billed cost (sum of the resource's cost lines), exact — when the bill of the
 *   resource's account names its resources for the window (the demo; resource-level data); else
 *   null (unknown: an account synced without Cost Explorer, or whose Cost Explorer lines name no
 *   resource — its allocated share is on the resource page), never 0;
 * - dailyCostJson: that cost per UTC day as decimal strings, oldest first ("0" on days without
 *   lines); "[]" when the cost is unknown;
 * - Lambda: invocations (sum of daily Invocations). Lambda publishes no datapoints for idle periods,
 *   so no points means 0 when an import read the function's account and region over the window
 *   (AccountRegion.metricsFrom/metricsTo overlap it: idle), and null (unknown) when none did;
 *   durationP95Ms (daily p95 weighted by the day's invocations; null
 *   without invocations);
 * - Lambda: durationCostNanoUsd (billed cost of the "duration" component: Lambda-GB-Second*, INIT
 *   included), and invokeGbSeconds / initGbSeconds from memory observations (invocations × average
 *   duration and cold starts × average INIT, × memory; null without observations that report cold
 *   starts) to split it;
 * - Fargate: cpuUtilizationAvg / memoryUtilizationAvg, the mean of the daily averages (null when
 *   no task ran in the window, because ECS then sends nothing).
 */
export async function recomputeResourceSummaries(
  db: Db,
  options: RecomputeSummariesOptions,
): Promise<RecomputeSummariesResult> {
  const writer = await openBulkWriter(db);
  try {
    return await writer.transaction(() => recomputeResourceSummariesWith(writer, options));
  } finally {
    await writer.close();
  }
}

const toNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : typeof value === "bigint" ? Number(value) : Number(value);

const toBigInt = (value: unknown): bigint => {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return BigInt(Math.round(value));
  return BigInt(String(value).replace(/\.0*$/, ""));
};

const toDayMs = (value: unknown): number => {
  const date = value instanceof Date ? value : new Date(String(value));
  return Math.floor(date.getTime() / DAY_MS) * DAY_MS;
};

/** The same, on a bulk writer the caller already holds (the demo loader, inside its transaction). */
export async function recomputeResourceSummariesWith(
  writer: BulkWriter,
  options: RecomputeSummariesOptions,
): Promise<RecomputeSummariesResult> {
  const windowDays = options.windowDays ?? 30;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 366) {
    throw new Error(`windowDays must be a whole number of days from 1 to 366; got ${windowDays}`);
  }
  const windowEndMs = options.windowEnd.getTime();
  if (!Number.isFinite(windowEndMs) || windowEndMs % DAY_MS !== 0) {
    throw new Error(`windowEnd must be a UTC midnight; got ${String(options.windowEnd)}`);
  }
  const windowStart = new Date(windowEndMs - windowDays * DAY_MS);
  const range: SqlValue[] = [windowStart, options.windowEnd];

  const lambdaArns = await writer.query<{ arn: string; accountId: string; isCovered: unknown }>(
    `SELECT f."arn" AS "arn", f."accountId" AS "accountId",
            CASE WHEN r."metricsFrom" IS NOT NULL AND r."metricsFrom" < ? AND r."metricsTo" > ? THEN 1 ELSE 0 END AS "isCovered"
       FROM "LambdaFunction" f
       LEFT JOIN "AccountRegion" r ON r."accountId" = f."accountId" AND r."region" = f."region"
      WHERE f."deletedAt" IS NULL`,
    [options.windowEnd, windowStart],
  );
  const fargateArns = await writer.query<{ arn: string; accountId: string }>(
    `SELECT "arn" AS "arn", "accountId" AS "accountId" FROM "FargateService" WHERE "deletedAt" IS NULL`,
  );
  // Accounts whose bill names its resources for the window: their resources without cost lines
  // cost 0. A Cost Explorer read (Account.costFrom/costTo) does not name them: its lines carry no
  // resource, so a resource's own billed cost stays unknown (null), never a made-up $0; its share of
  // the account's bill is the allocated cost (lib/db/queries/reconciliation-store.ts).
  const billedAccounts = new Set(
    (
      await writer.query<{ accountId: string }>(
        `SELECT DISTINCT "accountId" AS "accountId" FROM "CostLine"
          WHERE "day" >= ? AND "day" < ? AND "resourceArn" <> ''`,
        range,
      )
    ).map((row) => row.accountId),
  );

  const dailyCost = new Map<string, bigint[]>();
  // SQLite plans these joins badly without statistics (it scans all metric points); its CROSS JOIN
  // keeps the written loop order: each resource, then a range on the metric or cost index.
  // PostgreSQL has statistics and takes a plain JOIN.
  const join = writer.kind === "sqlite" ? "CROSS JOIN" : "JOIN";
  const costs = await writer.query<{ arn: string; day: unknown; nanos: unknown; durationNanos: unknown }>(
    `SELECT r."arn" AS "arn", c."day" AS "day", CAST(SUM(c."amountNanoUsd") AS BIGINT) AS "nanos",
            CAST(SUM(CASE WHEN c."component" = 'duration' THEN c."amountNanoUsd" ELSE 0 END) AS BIGINT) AS "durationNanos"
       FROM (SELECT "arn" FROM "LambdaFunction" WHERE "deletedAt" IS NULL
             UNION ALL SELECT "arn" FROM "FargateService" WHERE "deletedAt" IS NULL) r
       ${join} "CostLine" c ON c."resourceArn" = r."arn" AND c."day" >= ? AND c."day" < ?
      GROUP BY r."arn", c."day"`,
    range,
  );
  const durationCost = new Map<string, bigint>();
  for (const row of costs) {
    const index = Math.round((toDayMs(row.day) - windowStart.getTime()) / DAY_MS);
    if (index < 0 || index >= windowDays) continue;
    durationCost.set(row.arn, (durationCost.get(row.arn) ?? 0n) + toBigInt(row.durationNanos));
    let days = dailyCost.get(row.arn);
    if (!days) {
      days = new Array<bigint>(windowDays).fill(0n);
      dailyCost.set(row.arn, days);
    }
    days[index] = (days[index] ?? 0n) + toBigInt(row.nanos);
  }

  const lambdaStats = new Map<string, { invocations: number; p95Ms: number | null }>();
  const lambdaRows = await writer.query<{
    arn: string;
    invocations: unknown;
    p95Weighted: unknown;
    p95Weight: unknown;
  }>(
    // From the inventory, so every lookup is a range on MetricPoint's primary key (resource first).
    `SELECT f."arn" AS "arn",
            SUM(i."value") AS "invocations",
            SUM(i."value" * p."value") AS "p95Weighted",
            SUM(CASE WHEN p."value" IS NULL THEN 0 ELSE i."value" END) AS "p95Weight"
       FROM "LambdaFunction" f
       ${join} "MetricPoint" i
         ON i."resourceArn" = f."arn" AND i."metric" = 'Invocations' AND i."stat" = 'Sum'
        AND i."granularity" = 'day' AND i."timestamp" >= ? AND i."timestamp" < ?
       LEFT JOIN "MetricPoint" p
         ON p."resourceArn" = f."arn" AND p."metric" = 'Duration' AND p."stat" = 'p95'
        AND p."granularity" = 'day' AND p."timestamp" = i."timestamp"
      WHERE f."deletedAt" IS NULL
      GROUP BY f."arn"`,
    range,
  );
  for (const row of lambdaRows) {
    const weight = toNumber(row.p95Weight) ?? 0;
    const weighted = toNumber(row.p95Weighted);
    lambdaStats.set(row.arn, {
      invocations: toNumber(row.invocations) ?? 0,
      p95Ms: weight > 0 && weighted !== null ? weighted / weight : null,
    });
  }

  // GB-seconds of invocations and INIT from the memory observations that report cold starts
  // (hasColdStartData in lib/pricing/init-estimate.ts: metrics see none, so they are unknown, not
  // "no INIT"). A function can have them from several sources (logs, demo); use the one that saw
  // the most invocations.
  const gbSeconds = new Map<string, { invocations: number; invoke: number; init: number }>();
  const observationRows = await writer.query<{
    arn: string;
    invocations: unknown;
    invoke: unknown;
    init: unknown;
  }>(
    `SELECT f."arn" AS "arn", o."source" AS "source",
            SUM(o."invocations") AS "invocations",
            SUM(o."invocations" * o."durationAvgMs" * o."memoryMb") / 1024000.0 AS "invoke",
            SUM(COALESCE(o."coldStarts", 0) * COALESCE(o."initDurationAvgMs", 0) * o."memoryMb") / 1024000.0 AS "init"
       FROM "LambdaFunction" f
       ${join} "MemoryObservation" o
         ON o."functionArn" = f."arn" AND o."observedOn" >= ? AND o."observedOn" < ?
        AND o."coldStarts" IS NOT NULL AND (o."initDurationAvgMs" IS NOT NULL OR o."coldStarts" = 0)
      WHERE f."deletedAt" IS NULL
      GROUP BY f."arn", o."source"`,
    range,
  );
  for (const row of observationRows) {
    const candidate = {
      invocations: toNumber(row.invocations) ?? 0,
      invoke: toNumber(row.invoke) ?? 0,
      init: toNumber(row.init) ?? 0,
    };
    const best = gbSeconds.get(row.arn);
    if (!best || candidate.invocations > best.invocations) gbSeconds.set(row.arn, candidate);
  }

  const fargateStats = new Map<string, { cpu: number | null; memory: number | null }>();
  const fargateRows = await writer.query<{ arn: string; metric: string; average: unknown }>(
    `SELECT s."arn" AS "arn", m."metric" AS "metric", AVG(m."value") AS "average"
       FROM "FargateService" s
       ${join} "MetricPoint" m
         ON m."resourceArn" = s."arn" AND m."metric" IN ('CPUUtilization', 'MemoryUtilization')
        AND m."stat" = 'Average' AND m."granularity" = 'day' AND m."timestamp" >= ? AND m."timestamp" < ?
      WHERE s."deletedAt" IS NULL
      GROUP BY s."arn", m."metric"`,
    range,
  );
  for (const row of fargateRows) {
    const stats = fargateStats.get(row.arn) ?? { cpu: null, memory: null };
    if (row.metric === "CPUUtilization") stats.cpu = toNumber(row.average);
    else stats.memory = toNumber(row.average);
    fargateStats.set(row.arn, stats);
  }

  const emptyDays = new Array<bigint>(windowDays).fill(0n);
  const toCostFields = (arn: string, accountId: string) => {
    if (!billedAccounts.has(accountId)) return { costNanoUsd: null, dailyCostJson: "[]" };
    const days = dailyCost.get(arn) ?? emptyDays;
    let total = 0n;
    for (const nanos of days) total += nanos;
    return { costNanoUsd: total, dailyCostJson: JSON.stringify(days.map(fromNanoUsd)) };
  };
  const base = { windowDays, windowEnd: options.windowEnd };
  const rows: ResourceSummaryRow[] = [];
  for (const { arn, accountId, isCovered } of lambdaArns) {
    const stats = lambdaStats.get(arn);
    const invocations = stats?.invocations ?? (Number(isCovered) === 1 ? 0 : null);
    rows.push({
      resourceArn: arn,
      resourceType: "lambda",
      ...base,
      ...toCostFields(arn, accountId),
      invocations,
      durationP95Ms: invocations !== null && invocations > 0 ? (stats?.p95Ms ?? null) : null,
      cpuUtilizationAvg: null,
      memoryUtilizationAvg: null,
      durationCostNanoUsd: billedAccounts.has(accountId) ? (durationCost.get(arn) ?? 0n) : null,
      invokeGbSeconds: gbSeconds.get(arn)?.invoke ?? null,
      initGbSeconds: gbSeconds.get(arn)?.init ?? null,
    });
  }
  for (const { arn, accountId } of fargateArns) {
    const stats = fargateStats.get(arn);
    rows.push({
      resourceArn: arn,
      resourceType: "fargate",
      ...base,
      ...toCostFields(arn, accountId),
      invocations: null,
      durationP95Ms: null,
      cpuUtilizationAvg: stats?.cpu ?? null,
      memoryUtilizationAvg: stats?.memory ?? null,
      durationCostNanoUsd: null,
      invokeGbSeconds: null,
      initGbSeconds: null,
    });
  }
  rows.sort((a, b) => (a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0));

  const rowsChanged = await writer.upsert(RESOURCE_SUMMARY_TABLE, rows);
  const rowsDeleted = await writer.execute(
    `DELETE FROM "ResourceSummary" WHERE "resourceArn" NOT IN (
       SELECT "arn" FROM "LambdaFunction" WHERE "deletedAt" IS NULL
       UNION ALL SELECT "arn" FROM "FargateService" WHERE "deletedAt" IS NULL)`,
  );
  return { resources: rows.length, rowsChanged, rowsDeleted };
}

export type RecomputeDailySpendResult = { rowsChanged: number; rowsDeleted: number };

export type RecomputeDailySpendOptions = {
  /** Only these accounts (what an import touched); default all. */
  accountIds?: readonly string[];
  /** createdAt/updatedAt of changed rows (default now). */
  now?: Date;
};

/**
 * Rewrites DailySpend, the overview's rollup: billed cost per UTC day, account, region, service and
 * component, summed exactly from the cost lines. Rows whose cost is unchanged are not touched;
 * groups that no longer have cost lines are deleted.
 */
export async function recomputeDailySpend(
  db: Db,
  options: RecomputeDailySpendOptions = {},
): Promise<RecomputeDailySpendResult> {
  const writer = await openBulkWriter(db, { now: options.now });
  try {
    return await writer.transaction(() => recomputeDailySpendWith(writer, options));
  } finally {
    await writer.close();
  }
}

/** The same, on a bulk writer the caller holds (its `now` stamps changed rows). */
export async function recomputeDailySpendWith(
  writer: BulkWriter,
  options: Pick<RecomputeDailySpendOptions, "accountIds"> = {},
): Promise<RecomputeDailySpendResult> {
  const ids = options.accountIds;
  if (ids && ids.length === 0) return { rowsChanged: 0, rowsDeleted: 0 };
  const scope = ids ? `WHERE "accountId" IN (${ids.map(() => "?").join(", ")})` : "";
  const params: SqlValue[] = ids ? [...ids] : [];
  const groups = await writer.query<{
    day: unknown;
    accountId: string;
    region: string;
    service: string;
    component: string;
    nanos: unknown;
  }>(
    `SELECT "day" AS "day", "accountId" AS "accountId", "region" AS "region", "service" AS "service",
            "component" AS "component", CAST(SUM("amountNanoUsd") AS BIGINT) AS "nanos"
       FROM "CostLine" ${scope}
      GROUP BY "day", "accountId", "region", "service", "component"`,
    params,
  );
  return writeDailySpend(
    writer,
    groups.map((group) => ({
      day: new Date(toDayMs(group.day)),
      accountId: group.accountId,
      region: group.region,
      service: group.service,
      component: group.component,
      costNanoUsd: toBigInt(group.nanos),
    })),
    options.accountIds,
  );
}

/**
 * Makes DailySpend hold exactly `rows` for the given accounts (all accounts when omitted): upserts
 * them and deletes the other rows of those accounts. For importers that summed their own lines
 * (the demo does, while generating), so the rollup costs no pass over CostLine.
 */
export async function writeDailySpend(
  writer: BulkWriter,
  rows: readonly DailySpendRow[],
  accountIds?: readonly string[],
): Promise<RecomputeDailySpendResult> {
  const sorted = [...rows].sort((a, b) => compareSpendKeys(toSpendKey(a), toSpendKey(b)));
  const rowsChanged = await writer.upsert(DAILY_SPEND_TABLE, sorted);
  const wanted = new Set(sorted.map(toSpendKey));
  const scope = accountIds ? `WHERE "accountId" IN (${accountIds.map(() => "?").join(", ")})` : "";
  const existing = await writer.query<{
    day: unknown;
    accountId: string;
    region: string;
    service: string;
    component: string;
  }>(
    `SELECT "day" AS "day", "accountId" AS "accountId", "region" AS "region", "service" AS "service",
            "component" AS "component" FROM "DailySpend" ${scope}`,
    accountIds ? [...accountIds] : [],
  );
  let rowsDeleted = 0;
  for (const row of existing) {
    const day = new Date(toDayMs(row.day));
    if (wanted.has(toSpendKey({ ...row, day }))) continue;
    rowsDeleted += await writer.execute(
      `DELETE FROM "DailySpend" WHERE "day" = ? AND "accountId" = ? AND "region" = ? AND "service" = ? AND "component" = ?`,
      [day, row.accountId, row.region, row.service, row.component],
    );
  }
  return { rowsChanged, rowsDeleted };
}

type SpendKeyParts = Pick<DailySpendRow, "day" | "accountId" | "region" | "service" | "component">;

function toSpendKey(row: SpendKeyParts): string {
  return `${row.day.toISOString()}\u0000${row.accountId}\u0000${row.region}\u0000${row.service}\u0000${row.component}`;
}

function compareSpendKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
