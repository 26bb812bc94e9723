/**
 * Reads of stored recommendations (written by recommendation-store.ts): the paged, filtered and
 * sorted list with its totals (the page and the list API), every item of a filter (the exports and
 * the CLI), one item, the items of one resource (its page), and the status history.
 *
 * What is listed: items the last computation produced, and done items (their realised saving stays
 * visible after the engine stops proposing the change). Items no longer produced and not done keep
 * their history but are not listed.
 */
import type { Db } from "@/lib/db/create-db";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import type { PageInfo } from "@/lib/schemas/paging";
import type { Confidence, EvidenceItem, RecommendationKind, ResourceKind } from "@/lib/recommend/types";
import { RECOMMEND_ENGINE_VERSION, type RecommendationStatus } from "@/lib/recommend/review";
import type {
  RecommendationEventItem,
  RecommendationFilter,
  RecommendationItem,
  RecommendationListQuery,
  RecommendationRefreshInfo,
  RecommendationSortKey,
  RecommendationTotals,
  SavingGroup,
} from "@/lib/schemas/recommendation-list";
import {
  parseTags,
  sqlContainsIgnoringCase,
  sqlOrderBy,
  toBigIntFromSql,
  toDateFromSql,
  toNumberFromSql,
} from "./sql-values";
import { readPage } from "./paging";

/** A NOT NULL numeric column (both databases). */
function toNumber(value: unknown): number {
  return toNumberFromSql(value) ?? 0;
}

/** The one RecommendationRefresh row. */
export const REFRESH_ID = "fleet";

/** Rows a list page may hold at most. */
export const MAX_RECOMMENDATION_PAGE_SIZE = 200;

const SORT_COLUMNS: Record<RecommendationSortKey, Prisma.Sql> = {
  saving: Prisma.sql`r."monthlySavingUsd"`,
  percent: Prisma.sql`r."savingPercent"`,
  name: Prisma.sql`r."resourceName"`,
  kind: Prisma.sql`r."kind"`,
  account: Prisma.sql`r."accountId"`,
  region: Prisma.sql`r."region"`,
  confidence: Prisma.sql`r."confidenceRank"`,
  status: Prisma.sql`r."status"`,
};

function toStatusCondition(status: RecommendationFilter["status"]): Prisma.Sql | null {
  switch (status) {
    case "all":
      return null;
    case "todo":
      return Prisma.sql`r."status" IN ('open', 'accepted')`;
    default:
      return Prisma.sql`r."status" = ${status}`;
  }
}

function toWhere(filter: RecommendationFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`(r."isCurrent" = ${true} OR r."status" = 'done')`];
  const status = toStatusCondition(filter.status);
  if (status) conditions.push(status);
  if (filter.kind) conditions.push(Prisma.sql`r."kind" = ${filter.kind}`);
  if (filter.accountId) conditions.push(Prisma.sql`r."accountId" = ${filter.accountId}`);
  if (filter.region) conditions.push(Prisma.sql`r."region" = ${filter.region}`);
  if (filter.confidence) conditions.push(Prisma.sql`r."confidence" = ${filter.confidence}`);
  if (filter.minSavingUsd !== undefined)
    conditions.push(Prisma.sql`r."monthlySavingUsd" >= ${filter.minSavingUsd}`);
  if (filter.q) conditions.push(sqlContainsIgnoringCase(Prisma.sql`r."resourceName"`, filter.q));
  return Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}`;
}

type RecommendationSqlRow = {
  id: unknown;
  key: string;
  kind: string;
  resourceKind: string;
  resourceArn: string;
  resourceId: string;
  resourceName: string;
  accountId: string;
  region: string;
  currentConfig: string;
  proposedConfig: string;
  proposedJson: string;
  currentMonthlyCostUsd: unknown;
  proposedMonthlyCostUsd: unknown;
  monthlySavingUsd: unknown;
  savingPercent: unknown;
  confidence: string;
  summary: string;
  evidenceJson: string;
  assumptionsJson: string;
  risksJson: string;
  tagsJson: string;
  isCurrent: unknown;
  status: string;
  dismissReason: string | null;
  statusChangedAt: unknown;
  statusActor: string | null;
  appliedAt: unknown;
  realisedMonthlySavingUsd: unknown;
  firstSeenAt: unknown;
  computedAt: unknown;
};

const SELECT_COLUMNS = Prisma.sql`r."id", r."key", r."kind", r."resourceKind", r."resourceArn", r."resourceId",
  r."resourceName", r."accountId", r."region", r."currentConfig", r."proposedConfig", r."proposedJson",
  r."currentMonthlyCostUsd", r."proposedMonthlyCostUsd", r."monthlySavingUsd", r."savingPercent",
  r."confidence", r."summary", r."evidenceJson", r."assumptionsJson", r."risksJson", r."tagsJson",
  r."isCurrent", r."status", r."dismissReason", r."statusChangedAt", r."statusActor", r."appliedAt",
  r."realisedMonthlySavingUsd", r."firstSeenAt", r."computedAt"`;

function parseJson<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumberFromSql(value);
}

function toIsoOrNull(value: unknown): string | null {
  return toDateFromSql(value)?.toISOString() ?? null;
}

/** The page of a resource: functions and services live under their own paths. */
export function toResourceHref(resourceKind: ResourceKind, resourceId: string): string {
  return `/${resourceKind === "lambda" ? "functions" : "services"}/${encodeURIComponent(resourceId)}`;
}

function toItem(row: RecommendationSqlRow): RecommendationItem {
  const resourceKind = row.resourceKind as ResourceKind;
  return {
    id: toNumber(row.id),
    key: row.key,
    kind: row.kind as RecommendationKind,
    resourceKind,
    resourceArn: row.resourceArn,
    resourceId: row.resourceId,
    resourceName: row.resourceName,
    href: toResourceHref(resourceKind, row.resourceId),
    accountId: row.accountId,
    region: row.region,
    currentConfig: row.currentConfig,
    proposedConfig: row.proposedConfig,
    proposed: parseJson(row.proposedJson, {}),
    currentMonthlyCostUsd: toNumberOrNull(row.currentMonthlyCostUsd),
    proposedMonthlyCostUsd: toNumberOrNull(row.proposedMonthlyCostUsd),
    monthlySavingUsd: toNumberOrNull(row.monthlySavingUsd),
    savingPercent: toNumberOrNull(row.savingPercent),
    confidence: row.confidence as Confidence,
    summary: row.summary,
    evidence: parseJson<EvidenceItem[]>(row.evidenceJson, []),
    assumptions: parseJson<string[]>(row.assumptionsJson, []),
    risks: parseJson<string[]>(row.risksJson, []),
    tags: parseTags(row.tagsJson),
    status: row.status as RecommendationStatus,
    dismissReason: row.dismissReason,
    statusChangedAt: toIsoOrNull(row.statusChangedAt),
    statusActor: row.statusActor,
    isCurrent: row.isCurrent === true || row.isCurrent === 1 || row.isCurrent === 1n,
    appliedAt: toIsoOrNull(row.appliedAt),
    realisedMonthlySavingUsd: toNumberOrNull(row.realisedMonthlySavingUsd),
    firstSeenAt: toDateFromSql(row.firstSeenAt)!.toISOString(),
    computedAt: toDateFromSql(row.computedAt)!.toISOString(),
  };
}

async function readTotals(db: Db, where: Prisma.Sql): Promise<RecommendationTotals> {
  // Alternatives on one resource do not add up: per resource, its largest known saving.
  const [counts, byKind, byResource] = await Promise.all([
    db.$queryRaw<{ count: unknown; unknown: unknown }[]>`
      SELECT COUNT(*) AS "count", SUM(CASE WHEN r."monthlySavingUsd" IS NULL THEN 1 ELSE 0 END) AS "unknown"
      FROM "Recommendation" r ${where}`,
    db.$queryRaw<{ key: string; count: unknown; saving: unknown }[]>`
      SELECT r."kind" AS "key", COUNT(*) AS "count", COALESCE(SUM(r."monthlySavingUsd"), 0) AS "saving"
      FROM "Recommendation" r ${where} GROUP BY r."kind"`,
    db.$queryRaw<{ accountId: string; region: string; count: unknown; saving: unknown }[]>`
      SELECT r."accountId", r."region", COUNT(*) AS "count", COALESCE(MAX(r."monthlySavingUsd"), 0) AS "saving"
      FROM "Recommendation" r ${where} GROUP BY r."resourceArn", r."accountId", r."region"`,
  ]);
  const toGroups = (entries: Iterable<[string, { count: number; saving: number }]>): SavingGroup[] =>
    [...entries]
      .map(([key, v]) => ({ key, count: v.count, monthlySavingUsd: v.saving }))
      .sort((a, b) => b.monthlySavingUsd - a.monthlySavingUsd || a.key.localeCompare(b.key));
  const byAccount = new Map<string, { count: number; saving: number }>();
  const byRegion = new Map<string, { count: number; saving: number }>();
  let total = 0;
  for (const row of byResource) {
    const count = toNumber(row.count);
    const saving = Math.max(0, toNumber(row.saving));
    total += saving;
    for (const [map, key] of [
      [byAccount, row.accountId],
      [byRegion, row.region],
    ] as const) {
      const entry = map.get(key) ?? { count: 0, saving: 0 };
      entry.count += count;
      entry.saving += saving;
      map.set(key, entry);
    }
  }
  return {
    count: Number(toBigIntFromSql(counts[0]?.count) ?? 0n),
    unknownSavingCount: Number(toBigIntFromSql(counts[0]?.unknown) ?? 0n),
    totalMonthlySavingUsd: total,
    byKind: toGroups(
      byKind.map((row) => [
        row.key,
        { count: toNumber(row.count), saving: Math.max(0, toNumber(row.saving)) },
      ]),
    ),
    byAccount: toGroups(byAccount),
    byRegion: toGroups(byRegion),
  };
}

function toOrderBy(sort: RecommendationSortKey, direction: "asc" | "desc"): Prisma.Sql {
  return sqlOrderBy(SORT_COLUMNS[sort], direction, [
    Prisma.sql`r."monthlySavingUsd" DESC`,
    Prisma.sql`r."id" ASC`,
  ]);
}

export type RecommendationListResult = {
  items: RecommendationItem[];
  pageInfo: PageInfo;
  totals: RecommendationTotals;
  refresh: RecommendationRefreshInfo;
  options: { accounts: { id: string; name: string }[]; regions: string[] };
};

/** One page of the filtered list, its totals, when it was computed and the filter choices. */
export async function listRecommendations(
  query: RecommendationListQuery,
  db: Db,
): Promise<RecommendationListResult> {
  const where = toWhere(query);
  const orderBy = toOrderBy(query.sort, query.direction);
  const [{ totals, rows, pageInfo }, refresh, options] = await Promise.all([
    readPage(
      query,
      async () => {
        const totals = await readTotals(db, where);
        return { ...totals, totalCount: totals.count };
      },
      ({ limit, offset }) => db.$queryRaw<RecommendationSqlRow[]>`
        SELECT ${SELECT_COLUMNS} FROM "Recommendation" r ${where} ${orderBy} LIMIT ${limit} OFFSET ${offset}`,
      { maxPageSize: MAX_RECOMMENDATION_PAGE_SIZE },
    ),
    getRefreshInfo(db),
    listFilterOptions(db),
  ]);
  const { totalCount: _totalCount, ...rest } = totals;
  return { items: rows.map(toItem), pageInfo, totals: rest, refresh, options };
}

/** Every item of a filter, largest known saving first (the exports and the CLI). */
export async function listAllRecommendations(
  filter: RecommendationFilter,
  db: Db,
): Promise<{ items: RecommendationItem[]; totals: RecommendationTotals; computedAt: string | null }> {
  const where = toWhere(filter);
  const [rows, totals, refresh] = await Promise.all([
    db.$queryRaw<RecommendationSqlRow[]>`
      SELECT ${SELECT_COLUMNS} FROM "Recommendation" r ${where} ${toOrderBy("saving", "desc")}`,
    readTotals(db, where),
    getRefreshInfo(db),
  ]);
  return { items: rows.map(toItem), totals, computedAt: refresh?.computedAt ?? null };
}

export async function getRecommendationItem(id: number, db: Db): Promise<RecommendationItem | null> {
  const rows = await db.$queryRaw<RecommendationSqlRow[]>`
    SELECT ${SELECT_COLUMNS} FROM "Recommendation" r WHERE r."id" = ${id}`;
  return rows[0] ? toItem(rows[0]) : null;
}

/** The listed items of one resource (its page shows their status), largest saving first. */
export async function listResourceRecommendations(
  resourceArn: string,
  db: Db,
): Promise<RecommendationItem[]> {
  const rows = await db.$queryRaw<RecommendationSqlRow[]>`
    SELECT ${SELECT_COLUMNS} FROM "Recommendation" r
    WHERE r."resourceArn" = ${resourceArn} AND (r."isCurrent" = ${true} OR r."status" = 'done')
    ${toOrderBy("saving", "desc")}`;
  return rows.map(toItem);
}

/** Status history of each item, newest first. */
export async function getRecommendationEvents(
  ids: readonly number[],
  db: Db,
): Promise<Map<number, RecommendationEventItem[]>> {
  const events = new Map<number, RecommendationEventItem[]>();
  if (ids.length === 0) return events;
  const rows = await db.recommendationEvent.findMany({
    where: { recommendationId: { in: [...ids] } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  for (const row of rows) {
    const list = events.get(row.recommendationId) ?? [];
    list.push({
      at: row.at.toISOString(),
      fromStatus: row.fromStatus as RecommendationStatus | null,
      toStatus: row.toStatus as RecommendationStatus,
      reason: row.reason,
      actor: row.actor,
      monthlySavingUsd: row.monthlySavingUsd,
    });
    events.set(row.recommendationId, list);
  }
  return events;
}

async function getRefreshInfo(db: Db): Promise<RecommendationRefreshInfo> {
  const state = await getRefreshState(db);
  return state
    ? { computedAt: state.computedAt.toISOString(), items: state.items, isStale: state.isStale }
    : null;
}

async function listFilterOptions(db: Db): Promise<RecommendationListResult["options"]> {
  const [accounts, regions] = await Promise.all([
    db.$queryRaw<{ id: string; name: string | null }[]>`
      SELECT DISTINCT r."accountId" AS "id", a."name" FROM "Recommendation" r
      LEFT JOIN "Account" a ON a."id" = r."accountId" ORDER BY r."accountId"`,
    db.$queryRaw<{ region: string }[]>`SELECT DISTINCT "region" FROM "Recommendation" ORDER BY "region"`,
  ]);
  return {
    accounts: accounts.map((a) => ({ id: a.id, name: a.name ?? a.id })),
    regions: regions.map((r) => r.region),
  };
}

export type RefreshState = {
  computedAt: Date;
  engineVersion: number;
  items: number;
  /** Computed before the latest finished import started, or by another engine version. */
  isStale: boolean;
} | null;

export async function getRefreshState(db: Db): Promise<RefreshState> {
  const [refresh, lastImport] = await Promise.all([
    db.recommendationRefresh.findUnique({ where: { id: REFRESH_ID } }),
    // Every import recomputes at its end, so only an import that started after the last
    // computation and finished (without recomputing) makes the stored list stale.
    db.syncRun.findFirst({
      where: { status: { in: ["succeeded", "partial"] }, finishedAt: { not: null } },
      orderBy: { startedAt: "desc" },
      select: { startedAt: true },
    }),
  ]);
  if (!refresh) return null;
  const isStale =
    refresh.engineVersion !== RECOMMEND_ENGINE_VERSION ||
    (lastImport != null && lastImport.startedAt.getTime() > refresh.computedAt.getTime());
  return {
    computedAt: refresh.computedAt,
    engineVersion: refresh.engineVersion,
    items: refresh.items,
    isStale,
  };
}
