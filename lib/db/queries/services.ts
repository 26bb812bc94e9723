import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { ServiceList, ServiceListQuery, ServiceSortKey } from "@/lib/schemas/resource-kinds";
import { IDENTITY_SELECT, readSummary, toIdentity, type ResourceIdentity } from "./resource-identity";
import { readFilterOptions, readResourceList, type ResourceFilterOptions } from "./resource-list";
import { toNumberFromSql, toUsdOrNull } from "./sql-values";

/**
 * The services list reads ResourceSummary (precomputed 30-day figures) joined to FargateService,
 * through the shared list shell (resource-list.ts). Its URL, sort keys and row type are described
 * once in lib/schemas/resource-kinds.ts (SERVICES).
 */

const SPOT_SHARE = Prisma.sql`(r."spotWeight" * 1.0 / NULLIF(r."spotWeight" + r."onDemandWeight", 0))`;

const SORT_EXPRESSIONS: Record<ServiceSortKey, Prisma.Sql> = {
  name: Prisma.sql`LOWER(r."name")`,
  cluster: Prisma.sql`LOWER(r."clusterName")`,
  account: Prisma.sql`LOWER(a."name")`,
  region: Prisma.sql`r."region"`,
  size: Prisma.sql`(r."cpuUnits" * 1000000 + r."memoryMb")`,
  tasks: Prisma.sql`r."runningCount"`,
  spot: SPOT_SHARE,
  cpu: Prisma.sql`s."cpuUtilizationAvg"`,
  mem: Prisma.sql`s."memoryUtilizationAvg"`,
  cost: Prisma.sql`s."costNanoUsd"`,
};

type ServiceSqlColumns = {
  clusterName: string;
  cpuUnits: unknown;
  os: string;
  desiredCount: unknown;
  runningCount: unknown;
  onDemandWeight: unknown;
  spotWeight: unknown;
  cpuUtilizationAvg: unknown;
  memoryUtilizationAvg: unknown;
};

export function toSpotShare(onDemandWeight: number, spotWeight: number): number {
  const total = onDemandWeight + spotWeight;
  return total > 0 ? spotWeight / total : 0;
}

export async function listServices(query: ServiceListQuery, db: Db = getDb()): Promise<ServiceList> {
  return readResourceList(db, query, {
    table: "FargateService",
    searchColumns: ["name", "clusterName"],
    columns: Prisma.sql`r."clusterName", r."cpuUnits", r."os", r."desiredCount", r."runningCount",
      r."onDemandWeight", r."spotWeight", s."cpuUtilizationAvg", s."memoryUtilizationAvg"`,
    sortExpressions: SORT_EXPRESSIONS,
    toConditions: (q) => [
      ...(q.cluster ? [Prisma.sql`r."clusterName" = ${q.cluster}`] : []),
      ...(q.capacity === "spot" ? [Prisma.sql`r."spotWeight" > 0`] : []),
      ...(q.capacity === "ondemand" ? [Prisma.sql`r."spotWeight" = 0`] : []),
    ],
    toRow: (row: ServiceSqlColumns) => ({
      clusterName: row.clusterName,
      vcpu: (toNumberFromSql(row.cpuUnits) ?? 0) / 1024,
      os: row.os,
      desiredCount: toNumberFromSql(row.desiredCount) ?? 0,
      runningCount: toNumberFromSql(row.runningCount) ?? 0,
      spotShare: toSpotShare(toNumberFromSql(row.onDemandWeight) ?? 0, toNumberFromSql(row.spotWeight) ?? 0),
      cpuUtilizationAvgPercent: toNumberFromSql(row.cpuUtilizationAvg),
      memoryUtilizationAvgPercent: toNumberFromSql(row.memoryUtilizationAvg),
    }),
  });
}

export type ServiceFilterOptions = Omit<ResourceFilterOptions<"clusterName">, "distinct"> & {
  clusters: string[];
};

/** Distinct values for the filter selects (memoised per data version). */
export async function getServiceFilterOptions(db: Db = getDb()): Promise<ServiceFilterOptions> {
  const { distinct, ...options } = await readFilterOptions(db, "FargateService", ["clusterName"]);
  return { ...options, clusters: distinct.clusterName.filter((c): c is string => c !== null) };
}

// ---------------------------------------------------------------------------------------------
// One service

export type FargateConfigSnapshot = {
  effectiveAt: Date;
  cpuUnits: number;
  memoryMb: number;
  architecture: string;
};

export type ServiceDetail = ResourceIdentity & {
  clusterName: string;
  taskDefinitionArn: string;
  vcpu: number;
  os: string;
  ephemeralStorageGb: number;
  onDemandWeight: number;
  spotWeight: number;
  spotShare: number;
  desiredCount: number;
  runningCount: number;
  configHistory: FargateConfigSnapshot[];
  summary: {
    windowDays: number;
    windowEnd: Date;
    costUsd: number | null;
    cpuUtilizationAvgPercent: number | null;
    memoryUtilizationAvgPercent: number | null;
  } | null;
};

export async function getServiceDetail(serviceId: string, db: Db = getDb()): Promise<ServiceDetail | null> {
  const service = await db.fargateService.findUnique({
    where: { id: serviceId },
    select: {
      ...IDENTITY_SELECT,
      clusterName: true,
      taskDefinitionArn: true,
      cpuUnits: true,
      os: true,
      ephemeralStorageGb: true,
      onDemandWeight: true,
      spotWeight: true,
      desiredCount: true,
      runningCount: true,
      configChanges: {
        select: { effectiveAt: true, cpuUnits: true, memoryMb: true, architecture: true },
        orderBy: { effectiveAt: "asc" },
      },
    },
  });
  if (!service) return null;
  const summary = await readSummary(db, service.arn, {
    cpuUtilizationAvg: true,
    memoryUtilizationAvg: true,
  });
  const { configChanges, cpuUnits, ...rest } = service;
  return {
    ...toIdentity(rest),
    vcpu: cpuUnits / 1024,
    spotShare: toSpotShare(service.onDemandWeight, service.spotWeight),
    configHistory: configChanges,
    summary: summary
      ? {
          windowDays: summary.windowDays,
          windowEnd: summary.windowEnd,
          costUsd: toUsdOrNull(summary.costNanoUsd),
          cpuUtilizationAvgPercent: summary.cpuUtilizationAvg,
          memoryUtilizationAvgPercent: summary.memoryUtilizationAvg,
        }
      : null,
  };
}
