import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { RangeWindow } from "@/lib/range";
import { toDayKey } from "@/lib/time";
import type { PageInfo } from "@/lib/schemas/paging";
import {
  memoizeByDataVersion,
  parseDailyCostJson,
  parseTags,
  sqlContainsIgnoringCase,
  sqlHasTag,
  sqlOrderBy,
  toBigIntFromSql,
  toDateFromSql,
  toNumberFromSql,
  toUsdFromNanoUsd,
  toUsdOrNull,
  type SortDirection,
} from "./fleet-common";
import { readPage } from "./paging";

/** The functions list reads ResourceSummary (precomputed 30-day figures) joined to LambdaFunction. */

export const FUNCTION_SORT_KEYS = [
  "name",
  "account",
  "region",
  "runtime",
  "arch",
  "memory",
  "invocations",
  "p95",
  "cost",
  "cpm",
] as const;
export type FunctionSortKey = (typeof FUNCTION_SORT_KEYS)[number];

/** Text columns read A→Z first; numbers read largest first. */
export const FUNCTION_DEFAULT_DIRECTION: Record<FunctionSortKey, SortDirection> = {
  name: "asc",
  account: "asc",
  region: "asc",
  runtime: "asc",
  arch: "asc",
  memory: "desc",
  invocations: "desc",
  p95: "desc",
  cost: "desc",
  cpm: "desc",
};

/** `runtime: "image"` selects container-image functions, which have no runtime. */
export const IMAGE_RUNTIME = "image";

export type FunctionListQuery = {
  q?: string;
  accountId?: string;
  region?: string;
  runtime?: string;
  architecture?: string;
  tag?: { key: string; value: string };
  sort: FunctionSortKey;
  direction: SortDirection;
  /** 1-based. */
  page: number;
  pageSize: number;
};

export type FunctionListRow = {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  region: string;
  runtime: string | null;
  packageType: string;
  architecture: string;
  memoryMb: number;
  isDemo: boolean;
  isDeleted: boolean;
  /** Billed cost over the summary window (30 days); null when no summary exists yet. */
  costUsd: number | null;
  invocations: number | null;
  durationP95Ms: number | null;
  /** null when cost or invocations are unknown, or there were no invocations. */
  costPerMillionUsd: number | null;
  /** Daily billed cost over the window, oldest first; null entries are unknown. */
  dailyCostUsd: (number | null)[];
  windowDays: number | null;
};

export type FunctionList = PageInfo & {
  rows: FunctionListRow[];
  /** Sum of the known 30-day costs of every matching function (not just this page). */
  totalCostUsd: number | null;
};

const SORT_EXPRESSIONS: Record<FunctionSortKey, Prisma.Sql> = {
  name: Prisma.sql`LOWER(f."name")`,
  account: Prisma.sql`LOWER(a."name")`,
  region: Prisma.sql`f."region"`,
  runtime: Prisma.sql`f."runtime"`,
  arch: Prisma.sql`f."architecture"`,
  memory: Prisma.sql`f."memoryMb"`,
  invocations: Prisma.sql`s."invocations"`,
  p95: Prisma.sql`s."durationP95Ms"`,
  cost: Prisma.sql`s."costNanoUsd"`,
  cpm: Prisma.sql`(s."costNanoUsd" / NULLIF(s."invocations", 0))`,
};

function toWhere(query: FunctionListQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.q) conditions.push(sqlContainsIgnoringCase(Prisma.sql`f."name"`, query.q));
  if (query.accountId) conditions.push(Prisma.sql`f."accountId" = ${query.accountId}`);
  if (query.region) conditions.push(Prisma.sql`f."region" = ${query.region}`);
  if (query.runtime === IMAGE_RUNTIME) conditions.push(Prisma.sql`f."runtime" IS NULL`);
  else if (query.runtime) conditions.push(Prisma.sql`f."runtime" = ${query.runtime}`);
  if (query.architecture) conditions.push(Prisma.sql`f."architecture" = ${query.architecture}`);
  if (query.tag) conditions.push(sqlHasTag(Prisma.sql`f."tagsJson"`, query.tag));
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

type FunctionListSqlRow = {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  region: string;
  runtime: string | null;
  packageType: string;
  architecture: string;
  memoryMb: unknown;
  isDemo: unknown;
  deletedAt: unknown;
  costNanoUsd: unknown;
  invocations: unknown;
  durationP95Ms: unknown;
  dailyCostJson: string | null;
  windowDays: unknown;
};

function toCostPerMillionUsd(costUsd: number | null, invocations: number | null): number | null {
  if (costUsd === null || invocations === null || invocations <= 0) return null;
  return (costUsd / invocations) * 1_000_000;
}

export async function listFunctions(query: FunctionListQuery, db: Db = getDb()): Promise<FunctionList> {
  const where = toWhere(query);
  const orderBy = sqlOrderBy(SORT_EXPRESSIONS[query.sort], query.direction, [
    Prisma.sql`LOWER(f."name") ASC`,
    Prisma.sql`f."id" ASC`,
  ]);
  const { totals, rows, pageInfo } = await readPage(
    query,
    async () => {
      const [row] = await db.$queryRaw<{ count: unknown; costNanoUsd: unknown }[]>`
        SELECT COUNT(*) AS "count", SUM(s."costNanoUsd") AS "costNanoUsd"
        FROM "LambdaFunction" f
        LEFT JOIN "ResourceSummary" s ON s."resourceArn" = f."arn"
        ${where}`;
      return { totalCount: Number(toBigIntFromSql(row?.count) ?? 0n), costNanoUsd: row?.costNanoUsd };
    },
    ({ limit, offset }) =>
      db.$queryRaw<FunctionListSqlRow[]>`
        SELECT f."id", f."name", f."accountId", a."name" AS "accountName", f."region", f."runtime",
               f."packageType", f."architecture", f."memoryMb", f."isDemo", f."deletedAt",
               s."costNanoUsd", s."invocations", s."durationP95Ms", s."dailyCostJson", s."windowDays"
        FROM "LambdaFunction" f
        JOIN "Account" a ON a."id" = f."accountId"
        LEFT JOIN "ResourceSummary" s ON s."resourceArn" = f."arn"
        ${where}
        ${orderBy}
        LIMIT ${limit} OFFSET ${offset}`,
  );
  const totalNano = toBigIntFromSql(totals.costNanoUsd);
  return {
    rows: rows.map((row) => {
      const costNano = toBigIntFromSql(row.costNanoUsd);
      const costUsd = toUsdOrNull(costNano);
      const invocations = toNumberFromSql(row.invocations);
      return {
        id: row.id,
        name: row.name,
        accountId: row.accountId,
        accountName: row.accountName,
        region: row.region,
        runtime: row.runtime,
        packageType: row.packageType,
        architecture: row.architecture,
        memoryMb: toNumberFromSql(row.memoryMb) ?? 0,
        isDemo: Boolean(row.isDemo),
        isDeleted: toDateFromSql(row.deletedAt) !== null,
        costUsd,
        invocations,
        durationP95Ms: toNumberFromSql(row.durationP95Ms),
        costPerMillionUsd: toCostPerMillionUsd(costUsd, invocations),
        dailyCostUsd: row.dailyCostJson ? parseDailyCostJson(row.dailyCostJson) : [],
        windowDays: toNumberFromSql(row.windowDays),
      };
    }),
    totalCostUsd: totalNano === null ? null : toUsdFromNanoUsd(totalNano),
    ...pageInfo,
  };
}

export type FunctionFilterOptions = {
  accounts: { id: string; name: string }[];
  regions: string[];
  runtimes: string[];
  hasImageFunctions: boolean;
  architectures: string[];
};

/** Distinct values for the filter selects; memoised per data version (they change only on import). */
export async function getFunctionFilterOptions(db: Db = getDb()): Promise<FunctionFilterOptions> {
  return memoizeByDataVersion(db, "function-filter-options", null, () => readFunctionFilterOptions(db));
}

async function readFunctionFilterOptions(db: Db): Promise<FunctionFilterOptions> {
  const [accounts, regions, runtimes, architectures] = await Promise.all([
    db.account.findMany({
      where: { functions: { some: {} } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db.lambdaFunction.groupBy({ by: ["region"], orderBy: { region: "asc" } }),
    db.lambdaFunction.groupBy({ by: ["runtime"], orderBy: { runtime: "asc" } }),
    db.lambdaFunction.groupBy({ by: ["architecture"], orderBy: { architecture: "asc" } }),
  ]);
  return {
    accounts,
    regions: regions.map((r) => r.region),
    runtimes: runtimes.map((r) => r.runtime).filter((r): r is string => r !== null),
    hasImageFunctions: runtimes.some((r) => r.runtime === null),
    architectures: architectures.map((a) => a.architecture),
  };
}

// ---------------------------------------------------------------------------------------------
// One function

export type LambdaConfigSnapshot = {
  effectiveAt: Date;
  memoryMb: number;
  architecture: string;
  timeoutSeconds: number;
};

export type FunctionDetail = {
  id: string;
  arn: string;
  name: string;
  accountId: string;
  accountName: string;
  region: string;
  runtime: string | null;
  packageType: string;
  architecture: string;
  memoryMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  snapStart: boolean;
  tags: Record<string, string>;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  isDemo: boolean;
  provisionedConcurrency: {
    qualifier: string;
    requestedCount: number;
    allocatedCount: number | null;
    activeHoursPerDay: number;
    status: string;
  }[];
  configHistory: LambdaConfigSnapshot[];
  summary: {
    windowDays: number;
    windowEnd: Date;
    costUsd: number | null;
    invocations: number | null;
    durationP95Ms: number | null;
    costPerMillionUsd: number | null;
  } | null;
};

export async function getFunctionDetail(
  functionId: string,
  db: Db = getDb(),
): Promise<FunctionDetail | null> {
  const fn = await db.lambdaFunction.findUnique({
    where: { id: functionId },
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
      snapStart: true,
      tagsJson: true,
      firstSeenAt: true,
      lastSeenAt: true,
      deletedAt: true,
      isDemo: true,
      account: { select: { name: true } },
      provisionedConcurrencies: {
        select: {
          qualifier: true,
          requestedCount: true,
          allocatedCount: true,
          activeHoursPerDay: true,
          status: true,
        },
        orderBy: { qualifier: "asc" },
      },
      configChanges: {
        select: { effectiveAt: true, memoryMb: true, architecture: true, timeoutSeconds: true },
        orderBy: { effectiveAt: "asc" },
      },
    },
  });
  if (!fn) return null;
  const summary = await db.resourceSummary.findUnique({
    where: { resourceArn: fn.arn },
    select: { windowDays: true, windowEnd: true, costNanoUsd: true, invocations: true, durationP95Ms: true },
  });
  const costUsd = summary ? toUsdOrNull(summary.costNanoUsd) : null;
  return {
    id: fn.id,
    arn: fn.arn,
    name: fn.name,
    accountId: fn.accountId,
    accountName: fn.account.name,
    region: fn.region,
    runtime: fn.runtime,
    packageType: fn.packageType,
    architecture: fn.architecture,
    memoryMb: fn.memoryMb,
    timeoutSeconds: fn.timeoutSeconds,
    ephemeralStorageMb: fn.ephemeralStorageMb,
    snapStart: fn.snapStart,
    tags: parseTags(fn.tagsJson),
    firstSeenAt: fn.firstSeenAt,
    lastSeenAt: fn.lastSeenAt,
    deletedAt: fn.deletedAt,
    isDemo: fn.isDemo,
    provisionedConcurrency: fn.provisionedConcurrencies,
    configHistory: fn.configChanges,
    summary: summary
      ? {
          windowDays: summary.windowDays,
          windowEnd: summary.windowEnd,
          costUsd,
          invocations: summary.invocations,
          durationP95Ms: summary.durationP95Ms,
          costPerMillionUsd: toCostPerMillionUsd(costUsd, summary.invocations),
        }
      : null,
  };
}

export type FunctionMemoryDay = {
  day: string;
  memoryMb: number;
  invocations: number;
  durationAvgMs: number;
  maxMemoryUsedMb: number | null;
  initDurationAvgMs: number | null;
  coldStarts: number | null;
};

/** Memory observations of one function per UTC day (all sources and memory sizes seen that day). */
export async function getFunctionMemoryObservations(
  functionArn: string,
  window: Pick<RangeWindow, "dayStart" | "dayEndExclusive">,
  db: Db = getDb(),
): Promise<FunctionMemoryDay[]> {
  const rows = await db.memoryObservation.findMany({
    where: { functionArn, observedOn: { gte: window.dayStart, lt: window.dayEndExclusive } },
    select: {
      observedOn: true,
      memoryMb: true,
      invocations: true,
      durationAvgMs: true,
      maxMemoryUsedMb: true,
      initDurationAvgMs: true,
      coldStarts: true,
    },
    orderBy: { observedOn: "asc" },
  });
  return rows.map((r) => ({
    day: toDayKey(r.observedOn),
    memoryMb: r.memoryMb,
    invocations: r.invocations,
    durationAvgMs: r.durationAvgMs,
    maxMemoryUsedMb: r.maxMemoryUsedMb,
    initDurationAvgMs: r.initDurationAvgMs,
    coldStarts: r.coldStarts,
  }));
}
