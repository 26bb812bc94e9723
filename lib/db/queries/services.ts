import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
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

/** The services list reads ResourceSummary (precomputed 30-day figures) joined to FargateService. */

export const SERVICE_SORT_KEYS = [
  "name",
  "cluster",
  "account",
  "region",
  "size",
  "tasks",
  "spot",
  "cpu",
  "mem",
  "cost",
] as const;
export type ServiceSortKey = (typeof SERVICE_SORT_KEYS)[number];

export const SERVICE_DEFAULT_DIRECTION: Record<ServiceSortKey, SortDirection> = {
  name: "asc",
  cluster: "asc",
  account: "asc",
  region: "asc",
  size: "desc",
  tasks: "desc",
  spot: "desc",
  cpu: "desc",
  mem: "desc",
  cost: "desc",
};

export const CAPACITY_FILTERS = ["spot", "ondemand"] as const;
export type CapacityFilter = (typeof CAPACITY_FILTERS)[number];

export type ServiceListQuery = {
  q?: string;
  accountId?: string;
  region?: string;
  cluster?: string;
  architecture?: string;
  /** "spot": some tasks on Fargate Spot; "ondemand": none. */
  capacity?: CapacityFilter;
  tag?: { key: string; value: string };
  sort: ServiceSortKey;
  direction: SortDirection;
  page: number;
  pageSize: number;
};

export type ServiceListRow = {
  id: string;
  name: string;
  clusterName: string;
  accountId: string;
  accountName: string;
  region: string;
  /** Task size: 1 vCPU = 1024 CPU units. */
  vcpu: number;
  memoryMb: number;
  os: string;
  architecture: string;
  desiredCount: number;
  runningCount: number;
  /** Share of the capacity-provider weight on Fargate Spot (0..1). */
  spotShare: number;
  isDemo: boolean;
  isDeleted: boolean;
  costUsd: number | null;
  cpuUtilizationAvgPercent: number | null;
  memoryUtilizationAvgPercent: number | null;
  dailyCostUsd: (number | null)[];
  windowDays: number | null;
};

export type ServiceList = PageInfo & {
  rows: ServiceListRow[];
  totalCostUsd: number | null;
};

const SPOT_SHARE = Prisma.sql`(v."spotWeight" * 1.0 / NULLIF(v."spotWeight" + v."onDemandWeight", 0))`;

const SORT_EXPRESSIONS: Record<ServiceSortKey, Prisma.Sql> = {
  name: Prisma.sql`LOWER(v."name")`,
  cluster: Prisma.sql`LOWER(v."clusterName")`,
  account: Prisma.sql`LOWER(a."name")`,
  region: Prisma.sql`v."region"`,
  size: Prisma.sql`(v."cpuUnits" * 1000000 + v."memoryMb")`,
  tasks: Prisma.sql`v."runningCount"`,
  spot: SPOT_SHARE,
  cpu: Prisma.sql`s."cpuUtilizationAvg"`,
  mem: Prisma.sql`s."memoryUtilizationAvg"`,
  cost: Prisma.sql`s."costNanoUsd"`,
};

function toWhere(query: ServiceListQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.q) {
    conditions.push(
      Prisma.sql`(${sqlContainsIgnoringCase(Prisma.sql`v."name"`, query.q)} OR ${sqlContainsIgnoringCase(Prisma.sql`v."clusterName"`, query.q)})`,
    );
  }
  if (query.accountId) conditions.push(Prisma.sql`v."accountId" = ${query.accountId}`);
  if (query.region) conditions.push(Prisma.sql`v."region" = ${query.region}`);
  if (query.cluster) conditions.push(Prisma.sql`v."clusterName" = ${query.cluster}`);
  if (query.architecture) conditions.push(Prisma.sql`v."architecture" = ${query.architecture}`);
  if (query.capacity === "spot") conditions.push(Prisma.sql`v."spotWeight" > 0`);
  if (query.capacity === "ondemand") conditions.push(Prisma.sql`v."spotWeight" = 0`);
  if (query.tag) conditions.push(sqlHasTag(Prisma.sql`v."tagsJson"`, query.tag));
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

type ServiceListSqlRow = {
  id: string;
  name: string;
  clusterName: string;
  accountId: string;
  accountName: string;
  region: string;
  cpuUnits: unknown;
  memoryMb: unknown;
  os: string;
  architecture: string;
  desiredCount: unknown;
  runningCount: unknown;
  onDemandWeight: unknown;
  spotWeight: unknown;
  isDemo: unknown;
  deletedAt: unknown;
  costNanoUsd: unknown;
  cpuUtilizationAvg: unknown;
  memoryUtilizationAvg: unknown;
  dailyCostJson: string | null;
  windowDays: unknown;
};

export function toSpotShare(onDemandWeight: number, spotWeight: number): number {
  const total = onDemandWeight + spotWeight;
  return total > 0 ? spotWeight / total : 0;
}

export async function listServices(query: ServiceListQuery, db: Db = getDb()): Promise<ServiceList> {
  const where = toWhere(query);
  const orderBy = sqlOrderBy(SORT_EXPRESSIONS[query.sort], query.direction, [
    Prisma.sql`LOWER(v."name") ASC`,
    Prisma.sql`v."id" ASC`,
  ]);
  const { totals, rows, pageInfo } = await readPage(
    query,
    async () => {
      const [row] = await db.$queryRaw<{ count: unknown; costNanoUsd: unknown }[]>`
        SELECT COUNT(*) AS "count", SUM(s."costNanoUsd") AS "costNanoUsd"
        FROM "FargateService" v
        LEFT JOIN "ResourceSummary" s ON s."resourceArn" = v."arn"
        ${where}`;
      return { totalCount: Number(toBigIntFromSql(row?.count) ?? 0n), costNanoUsd: row?.costNanoUsd };
    },
    ({ limit, offset }) =>
      db.$queryRaw<ServiceListSqlRow[]>`
        SELECT v."id", v."name", v."clusterName", v."accountId", a."name" AS "accountName", v."region",
               v."cpuUnits", v."memoryMb", v."os", v."architecture", v."desiredCount", v."runningCount",
               v."onDemandWeight", v."spotWeight", v."isDemo", v."deletedAt",
               s."costNanoUsd", s."cpuUtilizationAvg", s."memoryUtilizationAvg", s."dailyCostJson", s."windowDays"
        FROM "FargateService" v
        JOIN "Account" a ON a."id" = v."accountId"
        LEFT JOIN "ResourceSummary" s ON s."resourceArn" = v."arn"
        ${where}
        ${orderBy}
        LIMIT ${limit} OFFSET ${offset}`,
  );
  const totalNano = toBigIntFromSql(totals.costNanoUsd);
  return {
    rows: rows.map((row) => ({
      id: row.id,
      name: row.name,
      clusterName: row.clusterName,
      accountId: row.accountId,
      accountName: row.accountName,
      region: row.region,
      vcpu: (toNumberFromSql(row.cpuUnits) ?? 0) / 1024,
      memoryMb: toNumberFromSql(row.memoryMb) ?? 0,
      os: row.os,
      architecture: row.architecture,
      desiredCount: toNumberFromSql(row.desiredCount) ?? 0,
      runningCount: toNumberFromSql(row.runningCount) ?? 0,
      spotShare: toSpotShare(toNumberFromSql(row.onDemandWeight) ?? 0, toNumberFromSql(row.spotWeight) ?? 0),
      isDemo: Boolean(row.isDemo),
      isDeleted: toDateFromSql(row.deletedAt) !== null,
      costUsd: toUsdOrNull(toBigIntFromSql(row.costNanoUsd)),
      cpuUtilizationAvgPercent: toNumberFromSql(row.cpuUtilizationAvg),
      memoryUtilizationAvgPercent: toNumberFromSql(row.memoryUtilizationAvg),
      dailyCostUsd: row.dailyCostJson ? parseDailyCostJson(row.dailyCostJson) : [],
      windowDays: toNumberFromSql(row.windowDays),
    })),
    totalCostUsd: totalNano === null ? null : toUsdFromNanoUsd(totalNano),
    ...pageInfo,
  };
}

export type ServiceFilterOptions = {
  accounts: { id: string; name: string }[];
  regions: string[];
  clusters: string[];
  architectures: string[];
};

/** Distinct values for the filter selects; memoised per data version (they change only on import). */
export async function getServiceFilterOptions(db: Db = getDb()): Promise<ServiceFilterOptions> {
  return memoizeByDataVersion(db, "service-filter-options", null, () => readServiceFilterOptions(db));
}

async function readServiceFilterOptions(db: Db): Promise<ServiceFilterOptions> {
  const [accounts, regions, clusters, architectures] = await Promise.all([
    db.account.findMany({
      where: { services: { some: {} } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    db.fargateService.groupBy({ by: ["region"], orderBy: { region: "asc" } }),
    db.fargateService.groupBy({ by: ["clusterName"], orderBy: { clusterName: "asc" } }),
    db.fargateService.groupBy({ by: ["architecture"], orderBy: { architecture: "asc" } }),
  ]);
  return {
    accounts,
    regions: regions.map((r) => r.region),
    clusters: clusters.map((c) => c.clusterName),
    architectures: architectures.map((a) => a.architecture),
  };
}

// ---------------------------------------------------------------------------------------------
// One service

export type FargateConfigSnapshot = {
  effectiveAt: Date;
  cpuUnits: number;
  memoryMb: number;
  architecture: string;
};

export type ServiceDetail = {
  id: string;
  arn: string;
  name: string;
  clusterName: string;
  accountId: string;
  accountName: string;
  region: string;
  taskDefinitionArn: string;
  vcpu: number;
  memoryMb: number;
  os: string;
  architecture: string;
  ephemeralStorageGb: number;
  onDemandWeight: number;
  spotWeight: number;
  spotShare: number;
  desiredCount: number;
  runningCount: number;
  tags: Record<string, string>;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  isDemo: boolean;
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
      id: true,
      arn: true,
      name: true,
      clusterName: true,
      accountId: true,
      region: true,
      taskDefinitionArn: true,
      cpuUnits: true,
      memoryMb: true,
      os: true,
      architecture: true,
      ephemeralStorageGb: true,
      onDemandWeight: true,
      spotWeight: true,
      desiredCount: true,
      runningCount: true,
      tagsJson: true,
      firstSeenAt: true,
      lastSeenAt: true,
      deletedAt: true,
      isDemo: true,
      account: { select: { name: true } },
      configChanges: {
        select: { effectiveAt: true, cpuUnits: true, memoryMb: true, architecture: true },
        orderBy: { effectiveAt: "asc" },
      },
    },
  });
  if (!service) return null;
  const summary = await db.resourceSummary.findUnique({
    where: { resourceArn: service.arn },
    select: {
      windowDays: true,
      windowEnd: true,
      costNanoUsd: true,
      cpuUtilizationAvg: true,
      memoryUtilizationAvg: true,
    },
  });
  return {
    id: service.id,
    arn: service.arn,
    name: service.name,
    clusterName: service.clusterName,
    accountId: service.accountId,
    accountName: service.account.name,
    region: service.region,
    taskDefinitionArn: service.taskDefinitionArn,
    vcpu: service.cpuUnits / 1024,
    memoryMb: service.memoryMb,
    os: service.os,
    architecture: service.architecture,
    ephemeralStorageGb: service.ephemeralStorageGb,
    onDemandWeight: service.onDemandWeight,
    spotWeight: service.spotWeight,
    spotShare: toSpotShare(service.onDemandWeight, service.spotWeight),
    desiredCount: service.desiredCount,
    runningCount: service.runningCount,
    tags: parseTags(service.tagsJson),
    firstSeenAt: service.firstSeenAt,
    lastSeenAt: service.lastSeenAt,
    deletedAt: service.deletedAt,
    isDemo: service.isDemo,
    configHistory: service.configChanges,
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
