/**
 * Pure helpers for the data layer's raw SQL, with no "server-only" marker so that scripts (the CLI)
 * and tests can use the queries built on them: the one conversion from billed nano-USD to a USD
 * number, tolerant readers for raw SQL results (SQLite and PostgreSQL return different JS types for
 * the same column), LIKE escaping, tags, and the dialect switch.
 */
import type { Db } from "@/lib/db/create-db";
import { Prisma } from "@/lib/db/generated/sqlite/client";

const NANO_USD_PER_USD = 1_000_000_000n;

/**
 * The single place where exact billed money (an integer count of 1e-9 USD) becomes a JS number.
 * Sums are done on BigInt (in SQL or in code) before this; the split keeps full precision up to
 * 2^53 whole dollars.
 */
export function toUsdFromNanoUsd(nanoUsd: bigint): number {
  const whole = nanoUsd / NANO_USD_PER_USD;
  const fraction = nanoUsd % NANO_USD_PER_USD;
  return Number(whole) + Number(fraction) / 1e9;
}

export function toUsdOrNull(nanoUsd: bigint | null | undefined): number | null {
  return nanoUsd === null || nanoUsd === undefined ? null : toUsdFromNanoUsd(nanoUsd);
}

/**
 * An integer from a raw query: SQLite gives bigint (or number), PostgreSQL gives bigint for int8
 * columns and a Decimal (or string) for SUM(bigint), which is NUMERIC there.
 */
export function toBigIntFromSql(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    return BigInt(Math.trunc(value));
  }
  const text = typeof value === "string" ? value : String(value);
  const match = /^(-?\d+)(\.0*)?$/.exec(text.trim());
  if (!match) throw new Error(`expected an integer from the database, got ${text}`);
  return BigInt(match[1]!);
}

export function toNumberFromSql(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  const parsed = Number(String(value));
  return Number.isFinite(parsed) ? parsed : null;
}

export function toDateFromSql(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const parsed = new Date(String(value));
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** Escapes %, _ and the escape character itself for `LIKE ... ESCAPE '\'` (same on both databases). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A case-insensitive "contains" predicate that behaves the same on SQLite and PostgreSQL. */
export function sqlContainsIgnoringCase(column: Prisma.Sql, needle: string): Prisma.Sql {
  return Prisma.sql`LOWER(${column}) LIKE ${`%${escapeLike(needle.toLowerCase())}%`} ESCAPE '\\'`;
}

/**
 * Tags are stored as JSON written by JSON.stringify (no whitespace), so `"key":"value"` appears
 * verbatim in the column. Matching the serialised pair keeps the SQL portable (SQLite's json_extract
 * and PostgreSQL's ->> differ) and matches case-insensitively on both.
 */
export function sqlHasTag(column: Prisma.Sql, tag: { key: string; value: string }): Prisma.Sql {
  return sqlContainsIgnoringCase(column, `${JSON.stringify(tag.key)}:${JSON.stringify(tag.value)}`);
}

export function parseTags(tagsJson: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(tagsJson);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    const tags: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed))
      tags[key] = typeof value === "string" ? value : String(value);
    return tags;
  } catch {
    return {};
  }
}

/** ResourceSummary.dailyCostJson: decimal strings, oldest first; anything unreadable is unknown. */
export function parseDailyCostJson(json: string): (number | null)[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.map((v) => {
      if (v === null || v === undefined || v === "") return null;
      const n = typeof v === "number" ? v : Number(v);
      return Number.isFinite(n) ? n : null;
    });
  } catch {
    return [];
  }
}

/** The SQL dialect behind a client (both generated clients carry their provider). */
export function toSqlDialect(db: Db): "sqlite" | "postgresql" {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql"
    ? "postgresql"
    : "sqlite";
}

/**
 * `FROM` target for an aggregate that reads most of a big table. SQLite would otherwise walk an index
 * and look every row up (4 s for a million cost lines vs 1 s sequentially); `NOT INDEXED` is SQLite
 * syntax, and PostgreSQL plans a sequential scan on its own.
 */
export function sqlTableForFullScan(db: Db, table: "CostLine" | "MemoryObservation"): Prisma.Sql {
  return toSqlDialect(db) === "sqlite" ? Prisma.raw(`"${table}" NOT INDEXED`) : Prisma.raw(`"${table}"`);
}

export type SortDirection = "asc" | "desc";

/**
 * ORDER BY that puts unknown values last in both directions and on both databases ((x IS NULL) is a
 * boolean on PostgreSQL and 0/1 on SQLite; false/0 sorts first on both), then breaks ties stably.
 */
export function sqlOrderBy(
  expression: Prisma.Sql,
  direction: SortDirection,
  tieBreakers: Prisma.Sql[],
): Prisma.Sql {
  const dir = Prisma.raw(direction === "asc" ? "ASC" : "DESC");
  return Prisma.sql`ORDER BY (${expression} IS NULL) ASC, ${expression} ${dir}, ${Prisma.join(tieBreakers, ", ")}`;
}

/** Rows grouped by a key, in their order (Map.groupBy needs Node 21). */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
