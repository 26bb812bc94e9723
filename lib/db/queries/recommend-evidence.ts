/**
 * The evidence lib/recommend reads, loaded from the fleet tables: inventory, the 30-day
 * ResourceSummary, memory observations (90 days), hour-of-day profiles from the hourly metrics (14
 * days), provisioned-concurrency and load-balancer metrics, and Fargate Spot rates from billed cost
 * lines. One code path serves one resource (a page) and the whole fleet (the CLI, the bench):
 * hour-of-day aggregates run in SQL, driven from the inventory so each resource reads a range of
 * the metric table's primary key.
 */
import type { Db } from "@/lib/db/create-db";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import { toSqliteDateTime } from "@/lib/db/import/bulk-writer";
import type {
  FargateEvidence,
  LambdaEvidence,
  MemoryObservationInput,
  ObservationSource,
  SpotRate,
} from "@/lib/recommend/types";
import type { Architecture, FargateOs } from "@/lib/pricing/types";
import {
  parseTags,
  toBigIntFromSql,
  toDateFromSql,
  toNumberFromSql,
  toSqlDialect,
  toUsdFromNanoUsd,
  toUsdOrNull,
} from "./sql-values";

const DAY_MS = 86_400_000;
/** Days of memory observations a curve uses. */
export const OBSERVATION_WINDOW_DAYS = 90;
/** Days of hourly metrics (CloudWatch keeps 1-hour points for 455 days, the demo writes 14). */
export const HOURLY_WINDOW_DAYS = 14;
const DEFAULT_WINDOW_DAYS = 30;
const CHUNK = 500;

export type EvidenceScope = {
  /** Limit to these resources (ARNs); all when omitted. */
  arns?: readonly string[];
};

type Window = { end: Date; days: number };

function toUtcMidnight(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

/** The evidence window: the summaries' window (all share one end), else the 30 days before today. */
export async function getEvidenceWindow(db: Db): Promise<Window> {
  const summary = await db.resourceSummary.findFirst({
    select: { windowEnd: true, windowDays: true },
    orderBy: { windowEnd: "desc" },
  });
  if (summary) return { end: summary.windowEnd, days: summary.windowDays };
  return { end: toUtcMidnight(new Date()), days: DEFAULT_WINDOW_DAYS };
}

type MetricRange = { start: Date; end: Date; granularity: "hour" | "day"; byHourOfDay: boolean };

/** The summary window's start, and the metric ranges read from it: hour of day over the hourly window, daily over the window. */
function toMetricRanges(window: Window): { windowStart: Date; hourly: MetricRange; daily: MetricRange } {
  const windowStart = new Date(window.end.getTime() - window.days * DAY_MS);
  const hourlyStart = new Date(window.end.getTime() - HOURLY_WINDOW_DAYS * DAY_MS);
  return {
    windowStart,
    hourly: { start: hourlyStart, end: window.end, granularity: "hour", byHourOfDay: true },
    daily: { start: windowStart, end: window.end, granularity: "day", byHourOfDay: false },
  };
}

function toSqlDate(db: Db, date: Date): string | Date {
  return toSqlDialect(db) === "sqlite" ? toSqliteDateTime(date) : date;
}

function sqlHourOfDay(db: Db, column: string): Prisma.Sql {
  return toSqlDialect(db) === "sqlite"
    ? Prisma.raw(`CAST(substr(${column}, 12, 2) AS INTEGER)`)
    : Prisma.raw(`CAST(EXTRACT(HOUR FROM ${column}) AS INTEGER)`);
}

function sqlJoin(db: Db): Prisma.Sql {
  // SQLite without statistics scans every metric point for a plain JOIN; CROSS JOIN keeps the loop
  // order (each resource, then a primary-key range). PostgreSQL plans the plain JOIN well.
  return Prisma.raw(toSqlDialect(db) === "sqlite" ? "CROSS JOIN" : "JOIN");
}

function chunk<T>(items: readonly T[], size = CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

function sqlResourceSource(
  table: "LambdaFunction" | "FargateService",
  arns: readonly string[] | undefined,
): Prisma.Sql {
  const base = Prisma.raw(`SELECT "arn" FROM "${table}"`);
  return arns ? Prisma.sql`${base} WHERE "arn" IN (${Prisma.join(arns)})` : base;
}

type MetricAggregateRow = {
  arn: string;
  metric: string;
  /** Hour of day (UTC) when grouped by hour; null for a whole-window aggregate. */
  hour: unknown;
  total: unknown;
  peak: unknown;
  points: unknown;
};

/**
 * Per resource and metric over [start, end) at one granularity: the sum, the largest single value
 * and the number of points, either per hour of day (UTC) or for the whole window. Driven from the
 * inventory table, so each resource reads a range of the metric table's primary key.
 */
async function listMetricAggregates(
  db: Db,
  table: "LambdaFunction" | "FargateService",
  metrics: readonly { metric: string; stat: string }[],
  arns: readonly string[] | undefined,
  range: MetricRange,
): Promise<MetricAggregateRow[]> {
  const hour = range.byHourOfDay ? sqlHourOfDay(db, 'm."timestamp"') : Prisma.sql`NULL`;
  const groupBy = range.byHourOfDay ? Prisma.sql`, ${hour}` : Prisma.empty;
  const rows: MetricAggregateRow[] = [];
  for (const part of arns ? chunk(arns) : [undefined]) {
    for (const { metric, stat } of metrics) {
      rows.push(
        ...(await db.$queryRaw<MetricAggregateRow[]>`
          SELECT r."arn" AS "arn", ${metric} AS "metric", ${hour} AS "hour",
                 SUM(m."value") AS "total", MAX(m."value") AS "peak", COUNT(*) AS "points"
            FROM (${sqlResourceSource(table, part)}) r
            ${sqlJoin(db)} "MetricPoint" m
              ON m."resourceArn" = r."arn" AND m."metric" = ${metric} AND m."stat" = ${stat}
             AND m."granularity" = ${range.granularity}
             AND m."timestamp" >= ${toSqlDate(db, range.start)} AND m."timestamp" < ${toSqlDate(db, range.end)}
           GROUP BY r."arn"${groupBy}`),
      );
    }
  }
  return rows;
}

type HourOfDayProfile = {
  /** Sum of the metric's hourly values per hour of day (UTC), and how many hourly points made it. */
  totals: number[];
  points: number[];
  /** The largest single hourly value. */
  peak: number;
};

/** Hour-of-day rows of one metric, per resource. */
function toHourOfDayProfiles(
  rows: readonly MetricAggregateRow[],
  metric: string,
): Map<string, HourOfDayProfile> {
  const profiles = new Map<string, HourOfDayProfile>();
  for (const row of rows) {
    if (row.metric !== metric) continue;
    const hour = toNumberFromSql(row.hour);
    if (hour === null || hour < 0 || hour > 23) continue;
    let profile = profiles.get(row.arn);
    if (!profile) {
      profile = {
        totals: Array.from({ length: 24 }, () => 0),
        points: Array.from({ length: 24 }, () => 0),
        peak: 0,
      };
      profiles.set(row.arn, profile);
    }
    profile.totals[hour] = toNumberFromSql(row.total) ?? 0;
    profile.points[hour] = toNumberFromSql(row.points) ?? 0;
    profile.peak = Math.max(profile.peak, toNumberFromSql(row.peak) ?? 0);
  }
  return profiles;
}

function toDailyMap(
  rows: readonly MetricAggregateRow[],
  metric: string,
): Map<string, { total: number; peak: number }> {
  const map = new Map<string, { total: number; peak: number }>();
  for (const row of rows) {
    if (row.metric !== metric) continue;
    map.set(row.arn, { total: toNumberFromSql(row.total) ?? 0, peak: toNumberFromSql(row.peak) ?? 0 });
  }
  return map;
}

function toArchitecture(value: string): Architecture {
  return value === "arm64" ? "arm64" : "x86_64";
}

function toObservationSource(value: string): ObservationSource {
  return value === "logs" || value === "power-tuning" || value === "demo" ? value : "metrics";
}

// ---------------------------------------------------------------------------------------------
// Lambda

export async function listLambdaEvidence(db: Db, scope: EvidenceScope = {}): Promise<LambdaEvidence[]> {
  const window = await getEvidenceWindow(db);
  const { windowStart, hourly, daily } = toMetricRanges(window);
  const observationStart = new Date(window.end.getTime() - OBSERVATION_WINDOW_DAYS * DAY_MS);
  const arnFilter = scope.arns ? { arn: { in: [...scope.arns] } } : {};
  const functions = await db.lambdaFunction.findMany({
    where: arnFilter,
    select: {
      id: true,
      arn: true,
      name: true,
      accountId: true,
      region: true,
      runtime: true,
      packageType: true,
      architecture: true,
      memoryMb: true,
      timeoutSeconds: true,
      ephemeralStorageMb: true,
      tagsJson: true,
      firstSeenAt: true,
      deletedAt: true,
      provisionedConcurrencies: {
        select: { qualifier: true, requestedCount: true, activeHoursPerDay: true },
      },
    },
    orderBy: { arn: "asc" },
  });
  if (functions.length === 0) return [];
  const arns = scope.arns ? functions.map((f) => f.arn) : undefined;

  const [summaries, observations, hourRows, pcRows] = await Promise.all([
    db.resourceSummary.findMany({
      where: { resourceType: "lambda", ...(arns ? { resourceArn: { in: arns } } : {}) },
      select: { resourceArn: true, costNanoUsd: true, invocations: true, windowDays: true },
    }),
    listObservations(db, arns, observationStart, windowStart),
    listMetricAggregates(db, "LambdaFunction", [{ metric: "Invocations", stat: "Sum" }], arns, hourly),
    listMetricAggregates(
      db,
      "LambdaFunction",
      [
        { metric: "ProvisionedConcurrencyInvocations", stat: "Sum" },
        { metric: "ProvisionedConcurrencySpilloverInvocations", stat: "Sum" },
      ],
      functions.filter((f) => f.provisionedConcurrencies.length > 0).map((f) => f.arn),
      daily,
    ),
  ]);
  const summaryByArn = new Map(summaries.map((s) => [s.resourceArn, s]));
  const invocationProfiles = toHourOfDayProfiles(hourRows, "Invocations");
  const pcInvocations = toDailyMap(pcRows, "ProvisionedConcurrencyInvocations");
  const spillover = toDailyMap(pcRows, "ProvisionedConcurrencySpilloverInvocations");

  return functions.map((f): LambdaEvidence => {
    const summary = summaryByArn.get(f.arn);
    const fnObservations = observations.get(f.arn);
    // A function first seen inside the hourly window has fewer days behind its profile.
    const hourlyDays = Math.max(
      1,
      Math.min(HOURLY_WINDOW_DAYS, Math.ceil((window.end.getTime() - f.firstSeenAt.getTime()) / DAY_MS)),
    );
    const profile = invocationProfiles.get(f.arn);
    const hasPc = f.provisionedConcurrencies.length > 0;
    return {
      resourceArn: f.arn,
      resourceId: f.id,
      name: f.name,
      accountId: f.accountId,
      region: f.region,
      runtime: f.runtime,
      packageType: f.packageType === "Image" ? "Image" : "Zip",
      architecture: toArchitecture(f.architecture),
      memoryMb: f.memoryMb,
      timeoutSeconds: f.timeoutSeconds,
      ephemeralStorageMb: f.ephemeralStorageMb,
      isDeleted: f.deletedAt !== null,
      provisionedConcurrency: f.provisionedConcurrencies.map((pc) => ({
        qualifier: pc.qualifier,
        count: pc.requestedCount,
        activeHoursPerDay: pc.activeHoursPerDay,
      })),
      windowDays: summary?.windowDays ?? window.days,
      invocations: summary ? summary.invocations : null,
      durationAvgMs:
        fnObservations && fnObservations.windowInvocations > 0
          ? fnObservations.windowInvocationMs / fnObservations.windowInvocations
          : null,
      billedCostUsd: summary ? toUsdOrNull(summary.costNanoUsd) : null,
      hourlyInvocations: profile
        ? profile.totals.map((total) => total / hourlyDays)
        : summary?.invocations === 0
          ? Array.from({ length: 24 }, () => 0)
          : null,
      peakHourInvocations: profile ? profile.peak : null,
      activeHours: profile ? profile.points.reduce((sum, points) => sum + points, 0) : null,
      windowHours: hourlyDays * 24,
      provisionedInvocations: hasPc ? (pcInvocations.get(f.arn)?.total ?? null) : null,
      spilloverInvocations: hasPc ? (spillover.get(f.arn)?.total ?? null) : null,
      observations: fnObservations?.observations ?? [],
      tags: parseTags(f.tagsJson),
    };
  });
}

type ObservationRow = {
  arn: string;
  memoryMb: unknown;
  architecture: string;
  source: string;
  days: unknown;
  lastDay: unknown;
  invocations: unknown;
  invocationMs: unknown;
  durationSum: unknown;
  durationSquareSum: unknown;
  p50Sum: unknown;
  p50Invocations: unknown;
  p95Sum: unknown;
  p95Invocations: unknown;
  p99Sum: unknown;
  p99Invocations: unknown;
  maxMemoryUsedMb: unknown;
  coldStarts: unknown;
  initMs: unknown;
  windowInvocations: unknown;
  windowInvocationMs: unknown;
};

type FunctionObservations = {
  observations: MemoryObservationInput[];
  /** Invocations and invocation-milliseconds inside the summary window (Power Tuning runs left out). */
  windowInvocations: number;
  windowInvocationMs: number;
};

/**
 * Memory observations summarised in SQL per function, memory size, architecture and source: days,
 * invocation-weighted averages, and the sums the curve needs for the spread of the daily averages.
 * At 10,000 functions this reads 12,000 rows instead of 320,000. Observations of the last 90 days,
 * up to now (newer than the summaries' window too), and every imported Power Tuning run whatever
 * its age: a person imported it on purpose.
 */
async function listObservations(
  db: Db,
  arns: readonly string[] | undefined,
  start: Date,
  windowStart: Date,
): Promise<Map<string, FunctionObservations>> {
  const byArn = new Map<string, FunctionObservations>();
  const from = toSqlDate(db, start);
  const inWindow = Prisma.sql`o."observedOn" >= ${toSqlDate(db, windowStart)} AND o."source" <> 'power-tuning'`;
  for (const part of arns ? chunk(arns) : [undefined]) {
    const rows = await db.$queryRaw<ObservationRow[]>`
      SELECT o."functionArn" AS "arn", o."memoryMb" AS "memoryMb", o."architecture" AS "architecture",
             o."source" AS "source", COUNT(*) AS "days", MAX(o."observedOn") AS "lastDay",
             SUM(o."invocations") AS "invocations",
             SUM(o."invocations" * o."durationAvgMs") AS "invocationMs",
             SUM(o."durationAvgMs") AS "durationSum",
             SUM(o."durationAvgMs" * o."durationAvgMs") AS "durationSquareSum",
             SUM(CASE WHEN o."durationP50Ms" IS NULL THEN 0 ELSE o."invocations" * o."durationP50Ms" END) AS "p50Sum",
             SUM(CASE WHEN o."durationP50Ms" IS NULL THEN 0 ELSE o."invocations" END) AS "p50Invocations",
             SUM(CASE WHEN o."durationP95Ms" IS NULL THEN 0 ELSE o."invocations" * o."durationP95Ms" END) AS "p95Sum",
             SUM(CASE WHEN o."durationP95Ms" IS NULL THEN 0 ELSE o."invocations" END) AS "p95Invocations",
             SUM(CASE WHEN o."durationP99Ms" IS NULL THEN 0 ELSE o."invocations" * o."durationP99Ms" END) AS "p99Sum",
             SUM(CASE WHEN o."durationP99Ms" IS NULL THEN 0 ELSE o."invocations" END) AS "p99Invocations",
             MAX(o."maxMemoryUsedMb") AS "maxMemoryUsedMb",
             SUM(o."coldStarts") AS "coldStarts",
             SUM(COALESCE(o."initDurationAvgMs", 0) * COALESCE(o."coldStarts", 0)) AS "initMs",
             SUM(CASE WHEN ${inWindow} THEN o."invocations" ELSE 0 END) AS "windowInvocations",
             SUM(CASE WHEN ${inWindow} THEN o."invocations" * o."durationAvgMs" ELSE 0 END) AS "windowInvocationMs"
        FROM "MemoryObservation" o
       WHERE (o."observedOn" >= ${from} OR o."source" = 'power-tuning')
             ${part ? Prisma.sql`AND o."functionArn" IN (${Prisma.join(part)})` : Prisma.empty}
       GROUP BY o."functionArn", o."memoryMb", o."architecture", o."source"`;
    for (const row of rows) {
      const invocations = toNumberFromSql(row.invocations) ?? 0;
      if (!(invocations > 0)) continue;
      const weightedMean = (sum: unknown, weight: unknown): number | null => {
        const w = toNumberFromSql(weight) ?? 0;
        return w > 0 ? (toNumberFromSql(sum) ?? 0) / w : null;
      };
      const coldStarts = toNumberFromSql(row.coldStarts);
      const maxMemoryUsedMb = toNumberFromSql(row.maxMemoryUsedMb);
      const lastDay = toDateFromSql(row.lastDay);
      const observation: MemoryObservationInput = {
        memoryMb: toNumberFromSql(row.memoryMb) ?? 0,
        architecture: toArchitecture(row.architecture),
        source: toObservationSource(row.source),
        observedOn: lastDay ? lastDay.toISOString().slice(0, 10) : "",
        invocations,
        durationAvgMs: (toNumberFromSql(row.invocationMs) ?? 0) / invocations,
        durationP50Ms: weightedMean(row.p50Sum, row.p50Invocations),
        durationP95Ms: weightedMean(row.p95Sum, row.p95Invocations),
        durationP99Ms: weightedMean(row.p99Sum, row.p99Invocations),
        maxMemoryUsedMb: maxMemoryUsedMb === null ? null : Math.round(maxMemoryUsedMb),
        initDurationAvgMs: coldStarts ? (toNumberFromSql(row.initMs) ?? 0) / coldStarts : null,
        coldStarts,
        days: toNumberFromSql(row.days) ?? 1,
        durationAvgSumMs: toNumberFromSql(row.durationSum) ?? undefined,
        durationAvgSquareSumMs2: toNumberFromSql(row.durationSquareSum) ?? undefined,
      };
      let entry = byArn.get(row.arn);
      if (!entry) {
        entry = { observations: [], windowInvocations: 0, windowInvocationMs: 0 };
        byArn.set(row.arn, entry);
      }
      entry.observations.push(observation);
      entry.windowInvocations += toNumberFromSql(row.windowInvocations) ?? 0;
      entry.windowInvocationMs += toNumberFromSql(row.windowInvocationMs) ?? 0;
    }
  }
  for (const entry of byArn.values())
    entry.observations.sort(
      (a, b) => a.memoryMb - b.memoryMb || a.architecture.localeCompare(b.architecture),
    );
  return byArn;
}

// ---------------------------------------------------------------------------------------------
// Fargate

export async function listFargateEvidence(db: Db, scope: EvidenceScope = {}): Promise<FargateEvidence[]> {
  const window = await getEvidenceWindow(db);
  const { windowStart, hourly, daily } = toMetricRanges(window);
  const services = await db.fargateService.findMany({
    where: scope.arns ? { arn: { in: [...scope.arns] } } : {},
    select: {
      id: true,
      arn: true,
      name: true,
      clusterName: true,
      accountId: true,
      region: true,
      cpuUnits: true,
      memoryMb: true,
      os: true,
      architecture: true,
      ephemeralStorageGb: true,
      onDemandWeight: true,
      spotWeight: true,
      desiredCount: true,
      tagsJson: true,
      firstSeenAt: true,
      deletedAt: true,
    },
    orderBy: { arn: "asc" },
  });
  if (services.length === 0) return [];
  const arns = scope.arns ? services.map((s) => s.arn) : undefined;
  const [summaries, hourRows, dailyRows, responseRows] = await Promise.all([
    db.resourceSummary.findMany({
      where: { resourceType: "fargate", ...(arns ? { resourceArn: { in: arns } } : {}) },
      select: {
        resourceArn: true,
        costNanoUsd: true,
        windowDays: true,
        cpuUtilizationAvg: true,
        memoryUtilizationAvg: true,
      },
    }),
    listMetricAggregates(
      db,
      "FargateService",
      [
        { metric: "CPUUtilization", stat: "Average" },
        { metric: "RunningTaskCount", stat: "Average" },
      ],
      arns,
      hourly,
    ),
    listMetricAggregates(
      db,
      "FargateService",
      [
        { metric: "MemoryUtilization", stat: "Average" },
        { metric: "RequestCount", stat: "Sum" },
      ],
      arns,
      daily,
    ),
    listResponseTimes(db, arns, windowStart, window.end),
  ]);
  const summaryByArn = new Map(summaries.map((s) => [s.resourceArn, s]));
  const cpu = toHourOfDayProfiles(hourRows, "CPUUtilization");
  const tasks = toHourOfDayProfiles(hourRows, "RunningTaskCount");
  const memory = toDailyMap(dailyRows, "MemoryUtilization");
  const requests = toDailyMap(dailyRows, "RequestCount");

  return services.map((s): FargateEvidence => {
    const summary = summaryByArn.get(s.arn);
    const cpuProfile = cpu.get(s.arn);
    const taskProfile = tasks.get(s.arn);
    return {
      resourceArn: s.arn,
      resourceId: s.id,
      name: `${s.clusterName}/${s.name}`,
      accountId: s.accountId,
      region: s.region,
      cpuUnits: s.cpuUnits,
      memoryMb: s.memoryMb,
      os: (s.os === "windows" ? "windows" : "linux") as FargateOs,
      architecture: toArchitecture(s.architecture),
      ephemeralStorageGb: s.ephemeralStorageGb,
      onDemandWeight: s.onDemandWeight,
      spotWeight: s.spotWeight,
      desiredCount: s.desiredCount,
      isDeleted: s.deletedAt !== null,
      windowDays: summary?.windowDays ?? window.days,
      billedCostUsd: summary ? toUsdOrNull(summary.costNanoUsd) : null,
      cpuUtilizationAvgPercent: summary?.cpuUtilizationAvg ?? null,
      cpuUtilizationPeakPercent: cpuProfile ? cpuProfile.peak : null,
      memoryUtilizationAvgPercent: summary?.memoryUtilizationAvg ?? null,
      memoryUtilizationPeakPercent: memory.get(s.arn)?.peak ?? null,
      // Hours without points had no running task (ECS sends nothing): 0 tasks, and no CPU reading.
      hourlyTasks: taskProfile ? taskProfile.totals.map((total) => total / HOURLY_WINDOW_DAYS) : null,
      hourlyCpuPercent: cpuProfile
        ? cpuProfile.totals.map((total, hour) =>
            cpuProfile.points[hour]! > 0 ? total / cpuProfile.points[hour]! : 0,
          )
        : null,
      requests: requests.get(s.arn)?.total ?? null,
      requestDurationMs: responseRows.get(s.arn) ?? null,
      tags: parseTags(s.tagsJson),
    };
  });
}

/** Request-weighted average response time (TargetResponseTime, ms) per service over the window. */
async function listResponseTimes(
  db: Db,
  arns: readonly string[] | undefined,
  start: Date,
  end: Date,
): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (const part of arns ? chunk(arns) : [undefined]) {
    const rows = await db.$queryRaw<{ arn: string; weighted: unknown; requests: unknown }[]>`
      SELECT r."arn" AS "arn", SUM(t."value" * q."value") AS "weighted", SUM(q."value") AS "requests"
        FROM (${sqlResourceSource("FargateService", part)}) r
        ${sqlJoin(db)} "MetricPoint" t
          ON t."resourceArn" = r."arn" AND t."metric" = 'TargetResponseTime' AND t."stat" = 'Average'
         AND t."granularity" = 'day' AND t."timestamp" >= ${toSqlDate(db, start)} AND t."timestamp" < ${toSqlDate(db, end)}
        ${sqlJoin(db)} "MetricPoint" q
          ON q."resourceArn" = r."arn" AND q."metric" = 'RequestCount' AND q."stat" = 'Sum'
         AND q."granularity" = 'day' AND q."timestamp" = t."timestamp"
       GROUP BY r."arn"`;
    for (const row of rows) {
      const weighted = toNumberFromSql(row.weighted);
      const requests = toNumberFromSql(row.requests);
      if (weighted !== null && requests !== null && requests > 0) map.set(row.arn, weighted / requests);
    }
  }
  return map;
}

/**
 * Fargate Spot rates seen on the bill over the window, per region and architecture: billed amount
 * ÷ usage quantity of the `SpotUsage-Fargate-…` usage types. `source` is "demo" when the lines are
 * the demo's.
 */
export async function listBilledSpotRates(db: Db): Promise<SpotRate[]> {
  const window = await getEvidenceWindow(db);
  const start = new Date(window.end.getTime() - window.days * DAY_MS);
  // Driven from the services that run on Spot, so each reads a range of the (resourceArn, day)
  // index instead of every cost line in the window.
  const rawRows = await db.$queryRaw<
    { region: string; usageType: string; source: string; nanos: unknown; quantity: unknown }[]
  >`
    SELECT c."region" AS "region", c."usageType" AS "usageType", c."source" AS "source",
           SUM(c."amountNanoUsd") AS "nanos", SUM(c."usageQuantity") AS "quantity"
      FROM (SELECT "arn" FROM "FargateService" WHERE "spotWeight" > 0) s
      ${sqlJoin(db)} "CostLine" c
        ON c."resourceArn" = s."arn" AND c."day" >= ${toSqlDate(db, start)} AND c."day" < ${toSqlDate(db, window.end)}
     WHERE c."usageType" LIKE '%SpotUsage-Fargate%' AND c."recordType" = 'Usage'
     GROUP BY c."region", c."usageType", c."source"`;
  const rows = rawRows.map((row) => ({
    region: row.region,
    usageType: row.usageType,
    source: row.source,
    _sum: { amountNanoUsd: toBigIntFromSql(row.nanos), usageQuantity: toNumberFromSql(row.quantity) },
  }));
  const rates = new Map<string, { vcpu?: number; gb?: number; isDemo: boolean }>();
  for (const row of rows) {
    const nanos = row._sum.amountNanoUsd;
    const quantity = row._sum.usageQuantity;
    if (nanos === null || quantity === null || !(quantity > 0)) continue;
    const architecture: Architecture = row.usageType.includes("-ARM-") ? "arm64" : "x86_64";
    const key = `${row.region}|${architecture}`;
    const entry = rates.get(key) ?? { isDemo: false };
    const usdPerUnit = toUsdFromNanoUsd(nanos) / quantity;
    if (row.usageType.includes("vCPU-Hours")) entry.vcpu = usdPerUnit;
    else if (row.usageType.includes("GB-Hours")) entry.gb = usdPerUnit;
    entry.isDemo = entry.isDemo || row.source === "demo";
    rates.set(key, entry);
  }
  const result: SpotRate[] = [];
  for (const [key, entry] of rates) {
    if (entry.vcpu === undefined || entry.gb === undefined) continue;
    const [region, architecture] = key.split("|") as [string, Architecture];
    result.push({
      region,
      architecture,
      vcpuHourUsd: entry.vcpu,
      gbHourUsd: entry.gb,
      source: entry.isDemo ? "demo" : "bill",
    });
  }
  return result.sort(
    (a, b) => a.region.localeCompare(b.region) || a.architecture.localeCompare(b.architecture),
  );
}
