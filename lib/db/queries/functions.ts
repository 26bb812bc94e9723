import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { RangeWindow } from "@/lib/range";
import {
  IMAGE_RUNTIME,
  type FunctionList,
  type FunctionListQuery,
  type FunctionSortKey,
} from "@/lib/schemas/resource-kinds";
import { toDayKey } from "@/lib/time";
import { IDENTITY_SELECT, readSummary, toIdentity, type ResourceIdentity } from "./resource-identity";
import { readFilterOptions, readResourceList, type ResourceFilterOptions } from "./resource-list";
import { toNumberFromSql, toUsdOrNull } from "./sql-values";

/**
 * The functions list reads ResourceSummary (precomputed 30-day figures) joined to LambdaFunction,
 * through the shared list shell (resource-list.ts). Its URL, sort keys and row type are described
 * once in lib/schemas/resource-kinds.ts (FUNCTIONS).
 */

const SORT_EXPRESSIONS: Record<FunctionSortKey, Prisma.Sql> = {
  name: Prisma.sql`LOWER(r."name")`,
  account: Prisma.sql`LOWER(a."name")`,
  region: Prisma.sql`r."region"`,
  runtime: Prisma.sql`r."runtime"`,
  arch: Prisma.sql`r."architecture"`,
  memory: Prisma.sql`r."memoryMb"`,
  invocations: Prisma.sql`s."invocations"`,
  p95: Prisma.sql`s."durationP95Ms"`,
  cost: Prisma.sql`s."costNanoUsd"`,
  cpm: Prisma.sql`(s."costNanoUsd" / NULLIF(s."invocations", 0))`,
};

function toCostPerMillionUsd(costUsd: number | null, invocations: number | null): number | null {
  if (costUsd === null || invocations === null || invocations <= 0) return null;
  return (costUsd / invocations) * 1_000_000;
}

export async function listFunctions(query: FunctionListQuery, db: Db = getDb()): Promise<FunctionList> {
  return readResourceList(db, query, {
    table: "LambdaFunction",
    searchColumns: ["name"],
    columns: Prisma.sql`r."runtime", r."packageType", s."invocations", s."durationP95Ms"`,
    sortExpressions: SORT_EXPRESSIONS,
    toConditions: (q) =>
      q.runtime === IMAGE_RUNTIME
        ? [Prisma.sql`r."runtime" IS NULL`]
        : q.runtime
          ? [Prisma.sql`r."runtime" = ${q.runtime}`]
          : [],
    toRow: (
      row: { runtime: string | null; packageType: string; invocations: unknown; durationP95Ms: unknown },
      base,
    ) => {
      const invocations = toNumberFromSql(row.invocations);
      return {
        runtime: row.runtime,
        packageType: row.packageType,
        invocations,
        durationP95Ms: toNumberFromSql(row.durationP95Ms),
        costPerMillionUsd: toCostPerMillionUsd(base.costUsd, invocations),
      };
    },
  });
}

export type FunctionFilterOptions = Omit<ResourceFilterOptions<"runtime">, "distinct"> & {
  runtimes: string[];
  hasImageFunctions: boolean;
};

/** Distinct values for the filter selects (memoised per data version). */
export async function getFunctionFilterOptions(db: Db = getDb()): Promise<FunctionFilterOptions> {
  const { distinct, ...options } = await readFilterOptions(db, "LambdaFunction", ["runtime"]);
  return {
    ...options,
    runtimes: distinct.runtime.filter((r): r is string => r !== null),
    hasImageFunctions: distinct.runtime.includes(null),
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

export type FunctionDetail = ResourceIdentity & {
  runtime: string | null;
  packageType: string;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  snapStart: boolean;
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
      ...IDENTITY_SELECT,
      runtime: true,
      packageType: true,
      timeoutSeconds: true,
      ephemeralStorageMb: true,
      snapStart: true,
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
  const summary = await readSummary(db, fn.arn, { invocations: true, durationP95Ms: true });
  const costUsd = summary ? toUsdOrNull(summary.costNanoUsd) : null;
  const { provisionedConcurrencies, configChanges, ...rest } = fn;
  return {
    ...toIdentity(rest),
    provisionedConcurrency: provisionedConcurrencies,
    configHistory: configChanges,
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
