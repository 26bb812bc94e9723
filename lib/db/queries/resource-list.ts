import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/sqlite/client";
import type {
  ResourceList,
  ResourceListFilters,
  ResourceListRowBase,
  SortDirection,
} from "@/lib/schemas/resource-kinds";
import { memoizeByDataVersion } from "@/lib/db/data-version";
import { readPage } from "./paging";
import {
  parseDailyCostJson,
  sqlContainsIgnoringCase,
  sqlHasTag,
  sqlOrderBy,
  toBigIntFromSql,
  toDateFromSql,
  toNumberFromSql,
  toUsdFromNanoUsd,
  toUsdOrNull,
} from "./sql-values";

/**
 * The list query shell of every resource kind: one resource table (alias `r`) joined to its
 * account and to ResourceSummary (alias `s`, the precomputed 30-day figures), filtered by the shared
 * filters plus the kind's own, counted and summed over the whole match, ordered with a stable
 * tie-break (name, then id) and read one page at a time. A kind names its table, its extra columns
 * and sort expressions, and maps its extra fields (lib/db/queries/functions.ts, services.ts).
 */

/** The columns the shell selects for every kind (plus the kind's `columns`). */
type BaseSqlRow = Pick<
  ResourceListRowBase,
  "id" | "name" | "accountId" | "accountName" | "region" | "architecture"
> & {
  memoryMb: unknown;
  isDemo: unknown;
  deletedAt: unknown;
  costNanoUsd: unknown;
  dailyCostJson: string | null;
  windowDays: unknown;
};

export type ResourceListSpec<Sort extends string, Query, SqlRow, Extra> = {
  /** The resource table, e.g. `"LambdaFunction"`. */
  table: "LambdaFunction" | "FargateService";
  /** Columns of `r` that `q` searches (any of them matching). */
  searchColumns: readonly string[];
  /** The kind's own columns, after the shared ones: `r."runtime", s."invocations"`. */
  columns: Prisma.Sql;
  sortExpressions: Record<Sort, Prisma.Sql>;
  /** The kind's own filter conditions. */
  toConditions: (query: Query) => Prisma.Sql[];
  /** The kind's own fields of a row. */
  toRow: (row: BaseSqlRow & SqlRow, base: ResourceListRowBase) => Extra;
};

/** `r."<column>"`; column names come from the specs in this folder, never from input. */
export function col(column: string): Prisma.Sql {
  return Prisma.raw(`r."${column}"`);
}

function toWhere<Query extends ResourceListFilters>(
  query: Query,
  spec: Pick<ResourceListSpec<string, Query, unknown, unknown>, "searchColumns" | "toConditions">,
): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (query.q) {
    const matches = spec.searchColumns.map((c) => sqlContainsIgnoringCase(col(c), query.q!));
    conditions.push(matches.length === 1 ? matches[0]! : Prisma.sql`(${Prisma.join(matches, " OR ")})`);
  }
  if (query.accountId) conditions.push(Prisma.sql`r."accountId" = ${query.accountId}`);
  if (query.region) conditions.push(Prisma.sql`r."region" = ${query.region}`);
  conditions.push(...spec.toConditions(query));
  if (query.architecture) conditions.push(Prisma.sql`r."architecture" = ${query.architecture}`);
  if (query.tag) conditions.push(sqlHasTag(Prisma.sql`r."tagsJson"`, query.tag));
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

export async function readResourceList<
  Sort extends string,
  Query extends ResourceListFilters & {
    sort: Sort;
    direction: SortDirection;
    page: number;
    pageSize: number;
  },
  SqlRow,
  Extra,
>(
  db: Db,
  query: Query,
  spec: ResourceListSpec<Sort, Query, SqlRow, Extra>,
): Promise<ResourceList<ResourceListRowBase & Extra>> {
  const table = Prisma.raw(`"${spec.table}" r`);
  const where = toWhere(query, spec);
  const orderBy = sqlOrderBy(spec.sortExpressions[query.sort], query.direction, [
    Prisma.sql`LOWER(r."name") ASC`,
    Prisma.sql`r."id" ASC`,
  ]);
  const { totals, rows, pageInfo } = await readPage(
    query,
    async () => {
      const [row] = await db.$queryRaw<{ count: unknown; costNanoUsd: unknown }[]>`
        SELECT COUNT(*) AS "count", SUM(s."costNanoUsd") AS "costNanoUsd"
        FROM ${table}
        LEFT JOIN "ResourceSummary" s ON s."resourceArn" = r."arn"
        ${where}`;
      return { totalCount: Number(toBigIntFromSql(row?.count) ?? 0n), costNanoUsd: row?.costNanoUsd };
    },
    ({ limit, offset }) =>
      db.$queryRaw<(BaseSqlRow & SqlRow)[]>`
        SELECT r."id", r."name", r."accountId", a."name" AS "accountName", r."region", r."architecture",
               r."memoryMb", r."isDemo", r."deletedAt",
               s."costNanoUsd", s."dailyCostJson", s."windowDays", ${spec.columns}
        FROM ${table}
        JOIN "Account" a ON a."id" = r."accountId"
        LEFT JOIN "ResourceSummary" s ON s."resourceArn" = r."arn"
        ${where}
        ${orderBy}
        LIMIT ${limit} OFFSET ${offset}`,
  );
  const totalNano = toBigIntFromSql(totals.costNanoUsd);
  return {
    rows: rows.map((row) => {
      const base: ResourceListRowBase = {
        id: row.id,
        name: row.name,
        accountId: row.accountId,
        accountName: row.accountName,
        region: row.region,
        architecture: row.architecture,
        memoryMb: toNumberFromSql(row.memoryMb) ?? 0,
        isDemo: Boolean(row.isDemo),
        isDeleted: toDateFromSql(row.deletedAt) !== null,
        costUsd: toUsdOrNull(toBigIntFromSql(row.costNanoUsd)),
        dailyCostUsd: row.dailyCostJson ? parseDailyCostJson(row.dailyCostJson) : [],
        windowDays: toNumberFromSql(row.windowDays),
      };
      return { ...base, ...spec.toRow(row, base) };
    }),
    totalCostUsd: totalNano === null ? null : toUsdFromNanoUsd(totalNano),
    ...pageInfo,
  };
}

// ---------------------------------------------------------------------------------------------
// Filter options

export type ResourceFilterOptions<Column extends string> = {
  accounts: { id: string; name: string }[];
  regions: string[];
  architectures: string[];
  /** Distinct values of the kind's own filter columns, in order; null where a row has none. */
  distinct: Record<Column, (string | null)[]>;
};

type ResourceTable = ResourceListSpec<string, never, unknown, unknown>["table"];

/** Distinct values of one column of a resource table, in order. */
async function readDistinct(db: Db, table: ResourceTable, column: string): Promise<(string | null)[]> {
  const rows = await db.$queryRaw<{ value: string | null }[]>`
    SELECT DISTINCT ${col(column)} AS "value" FROM ${Prisma.raw(`"${table}" r`)} ORDER BY 1`;
  return rows.map((r) => r.value);
}

const isPresent = (value: string | null): value is string => value !== null;

/**
 * What a kind's filter selects offer: the accounts holding one, the regions, the architectures and
 * the kind's own columns. Memoised per data version (they change only on import).
 */
export async function readFilterOptions<const Column extends string>(
  db: Db,
  table: ResourceTable,
  columns: readonly Column[],
): Promise<ResourceFilterOptions<Column>> {
  return memoizeByDataVersion(db, "filter-options", { table, columns }, async () => {
    const relation = table === "LambdaFunction" ? "functions" : "services";
    const [accounts, regions, architectures, ...own] = await Promise.all([
      db.account.findMany({
        where: { [relation]: { some: {} } },
        select: { id: true, name: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
      readDistinct(db, table, "region"),
      readDistinct(db, table, "architecture"),
      ...columns.map((column) => readDistinct(db, table, column)),
    ]);
    return {
      accounts,
      regions: regions.filter(isPresent),
      architectures: architectures.filter(isPresent),
      distinct: Object.fromEntries(columns.map((column, i) => [column, own[i]!])) as Record<
        Column,
        (string | null)[]
      >,
    };
  });
}
