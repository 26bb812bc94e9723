/**
 * Bulk upserts for imports (the demo fleet now, the AWS sync later). Prisma's createMany is far too
 * slow for millions of metric points, so:
 * - SQLite: a second better-sqlite3 connection to the same file, prepared multi-row statements in
 *   large transactions, WAL and synchronous=OFF on this connection while it loads;
 * - PostgreSQL: multi-row INSERT … ON CONFLICT through the app's Prisma client, batched per table
 *   (one transaction per `transaction()` call).
 *
 * Every write is an upsert on the table's natural key that only touches a row when a value
 * differs, so importing the same batch twice changes nothing (not even updatedAt).
 */
import Database from "better-sqlite3";
import type { Db } from "@/lib/db/create-db";
import type { DatabaseKind } from "@/lib/db/url";
import type { ColumnType, MetricSeriesInput, TableSpec } from "./tables";
import { METRIC_POINT_TABLE, toMetricPointRows } from "./tables";

export type SqlValue = string | number | bigint | boolean | Date | null;

export type BulkWriter = {
  readonly kind: DatabaseKind;
  /** Inserts rows, or updates those whose key exists and whose values differ. Returns rows inserted or changed. */
  upsert<Row>(spec: TableSpec<Row>, rows: readonly Row[]): Promise<number>;
  /** Upserts metric points given as series (the shape GetMetricData returns); no object per point. */
  upsertMetricSeries(series: readonly MetricSeriesInput[]): Promise<number>;
  /** A statement with `?` placeholders; returns the number of rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** A query with `?` placeholders. Integer columns come back as bigint on SQLite (exact sums). */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs `fn` in one transaction (rolled back if it throws). Not re-entrant. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export type BulkWriterOptions = {
  /** createdAt/updatedAt of written rows. Default: the current time. The demo passes its anchor date. */
  now?: Date;
};

type PrismaInternals = { _activeProvider?: string };

/** Which database a Prisma client talks to. */
export function getDatabaseKind(db: Db): DatabaseKind {
  const provider = (db as unknown as PrismaInternals)._activeProvider;
  if (provider === "postgresql" || provider === "postgres") return "postgresql";
  if (provider === "sqlite") return "sqlite";
  throw new Error(`unsupported database provider: ${String(provider)}`);
}

/** Opens a bulk writer on the database behind `db`. Close it when done. */
export async function openBulkWriter(db: Db, options: BulkWriterOptions = {}): Promise<BulkWriter> {
  const now = options.now ?? new Date();
  if (getDatabaseKind(db) === "postgresql") return createPostgresWriter(db, now);
  const files = await db.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
  const file = files.find((entry) => entry.name === "main")?.file;
  if (!file) throw new Error("bulk writer: in-memory SQLite databases are not supported");
  return createSqliteWriter(file, now);
}

// ---------------------------------------------------------------------------------------------
// SQL shared by both dialects

function quote(identifier: string): string {
  return `"${identifier}"`;
}

/** ON CONFLICT … DO UPDATE … only when a value differs (so an identical re-import touches nothing). */
function buildConflictClause<Row>(spec: TableSpec<Row>, dialect: DatabaseKind): string {
  const key = spec.key.map((column) => quote(column)).join(", ");
  if (spec.update.length === 0) return ` ON CONFLICT (${key}) DO NOTHING`;
  const set = [...spec.update, "updatedAt"].map((column) => `${quote(column)} = excluded.${quote(column)}`);
  const differs = dialect === "postgresql" ? "IS DISTINCT FROM" : "IS NOT";
  const changed = spec.update.map(
    (column) => `${quote(spec.table)}.${quote(column)} ${differs} excluded.${quote(column)}`,
  );
  return ` ON CONFLICT (${key}) DO UPDATE SET ${set.join(", ")} WHERE ${changed.join(" OR ")}`;
}

/** Multi-row INSERT … VALUES with numbered placeholders (PostgreSQL). */
function buildValuesUpsertSql<Row>(spec: TableSpec<Row>, rowCount: number): string {
  const columns = [...Object.keys(spec.columns), "createdAt", "updatedAt"];
  let parameter = 0;
  const tuples: string[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    tuples.push(`(${columns.map(() => `$${(parameter += 1)}`).join(", ")})`);
  }
  return (
    `INSERT INTO ${quote(spec.table)} (${columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")}` +
    buildConflictClause(spec, "postgresql")
  );
}

// ---------------------------------------------------------------------------------------------
// SQLite

/** Prisma stores DateTime in SQLite as ISO-8601 text with an explicit offset; we must match it exactly. */
export function toSqliteDateTime(date: Date): string {
  return `${date.toISOString().slice(0, -1)}+00:00`;
}

/**
 * SQLite statements take their rows as one JSON array parameter (`json_each`), not as ten bound
 * values per row: binding strings one by one costs more than SQLite's JSON parser, and one
 * statement per few thousand rows keeps the VDBE overhead negligible. SQLite parses the doubles
 * JSON.stringify writes back to the same doubles; BigInts travel as strings and are CAST back.
 */
const SQLITE_ROWS_PER_STATEMENT = 4_000;

function toJsonColumn(type: ColumnType, index: number): string {
  return type === "bigint" ? `CAST(j.value ->> ${index} AS INTEGER)` : `j.value ->> ${index}`;
}

/**
 * INSERT … SELECT … FROM jsonb_each(@rows) for a table spec. The spec's `shared` columns (equal for
 * a run of consecutive rows, e.g. one resource's cost lines) are bound once as @s0, @s1 …; the JSON
 * carries only the others, which makes wide rows much cheaper to extract.
 */
function buildJsonUpsertSql<Row>(spec: TableSpec<Row>): string {
  const columns = Object.keys(spec.columns);
  const types = Object.values(spec.columns) as ColumnType[];
  const shared: readonly string[] = spec.shared ?? [];
  let varying = 0;
  const select = columns.map((column, index) => {
    const sharedIndex = shared.indexOf(column);
    if (sharedIndex >= 0) return `@s${sharedIndex}`;
    return toJsonColumn(types[index] as ColumnType, (varying += 1) - 1);
  });
  return (
    `INSERT INTO ${quote(spec.table)} (${[...columns, "createdAt", "updatedAt"].map(quote).join(", ")}) ` +
    `SELECT ${[...select, "@now", "@now"].join(", ")} FROM jsonb_each(@rows) AS j WHERE true` +
    buildConflictClause(spec, "sqlite")
  );
}

/** One metric series: the constant columns bound once, the points as JSON [[timestamp, value], …]. */
const METRIC_SERIES_SQL =
  `INSERT INTO "MetricPoint" ("resourceArn", "resourceType", "metric", "stat", "granularity", "timestamp", "value", "unit", "createdAt", "updatedAt") ` +
  `SELECT @resourceArn, @resourceType, @metric, @stat, @granularity, j.value ->> 0, j.value ->> 1, @unit, @now, @now ` +
  `FROM jsonb_each(@points) AS j WHERE true` +
  buildConflictClause(METRIC_POINT_TABLE, "sqlite");

function createSqliteWriter(file: string, now: Date): BulkWriter {
  const connection = new Database(file);
  connection.pragma("busy_timeout = 30000");
  connection.pragma("journal_mode = WAL");
  // Only this connection, only while loading: a crash can lose the last transactions, never corrupt.
  connection.pragma("synchronous = OFF");
  connection.pragma("cache_size = -262144"); // 256 MiB
  connection.pragma("temp_store = MEMORY");
  // Checkpoint every ~40 MB of WAL instead of 4 MB: pages a load rewrites in consecutive
  // transactions (index edges) are then copied to the database once, not every commit.
  connection.pragma("wal_autocheckpoint = 10000");
  connection.pragma("foreign_keys = ON");

  const dateCache = new Map<number, string>();
  const toDateTextFromMs = (time: number): string => {
    let text = dateCache.get(time);
    if (text === undefined) {
      if (dateCache.size > 50_000) dateCache.clear();
      text = toSqliteDateTime(new Date(time));
      dateCache.set(time, text);
    }
    return text;
  };
  const nowText = toSqliteDateTime(now);

  /** A value as a bound parameter (execute/query). */
  const toParameter = (value: SqlValue | undefined): string | number | bigint | null => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return toDateTextFromMs(value.getTime());
    if (typeof value === "boolean") return value ? 1 : 0;
    return value;
  };

  /** A value inside the JSON rows parameter; refuses what JSON would silently turn into null. */
  const toJsonValue = (
    value: SqlValue | undefined,
    type: ColumnType,
    table: string,
    column: string,
  ): unknown => {
    if (value === null || value === undefined) return null;
    switch (type) {
      case "datetime":
        if (!(value instanceof Date)) break;
        return toDateTextFromMs(value.getTime());
      case "bool":
        return value ? 1 : 0;
      case "bigint":
        if (typeof value !== "bigint" && !(typeof value === "number" && Number.isSafeInteger(value))) break;
        return String(value);
      case "int":
      case "real":
        if (typeof value !== "number" || !Number.isFinite(value)) break;
        return value;
      case "text":
        if (typeof value !== "string") break;
        return value;
    }
    throw new Error(`${table}.${column}: ${String(value)} is not a valid ${type}`);
  };

  /** A shared column's value as a bound parameter (validated like the JSON values). */
  const toParameterValue = (
    value: SqlValue | undefined,
    type: ColumnType,
    table: string,
    column: string,
  ): string | number | bigint | null => {
    const checked = toJsonValue(value, type, table, column);
    if (type === "bigint" && checked !== null) return BigInt(checked as string);
    return checked as string | number | null;
  };

  const statements = new Map<string, Database.Statement>();
  const prepare = (key: string, toSql: () => string): Database.Statement => {
    let statement = statements.get(key);
    if (!statement) {
      statement = connection.prepare(toSql());
      statements.set(key, statement);
    }
    return statement;
  };

  let isInTransaction = false;
  const inTransaction = (write: () => number): number =>
    isInTransaction ? write() : connection.transaction(write)();

  return {
    kind: "sqlite",
    async upsert(spec, rows) {
      if (rows.length === 0) return 0;
      const columns = Object.keys(spec.columns);
      const types = Object.values(spec.columns) as ColumnType[];
      const shared: readonly string[] = spec.shared ?? [];
      const sharedTypes = shared.map((column) => spec.columns[column as keyof typeof spec.columns]);
      const varying = columns
        .map((name, index) => ({ name, type: types[index] as ColumnType }))
        .filter(({ name }) => !shared.includes(name));
      const statement = prepare(spec.table, () => buildJsonUpsertSql(spec));
      return inTransaction(() => {
        let changes = 0;
        let run: unknown[][] = [];
        let runShared: unknown[] = [];
        const flush = () => {
          if (run.length === 0) return;
          const params: Record<string, unknown> = { rows: JSON.stringify(run), now: nowText };
          runShared.forEach((value, index) => (params[`s${index}`] = value));
          changes += statement.run(params).changes;
          run = [];
        };
        for (const row of rows as readonly Record<string, SqlValue>[]) {
          if (shared.length > 0) {
            const values = shared.map((name, index) =>
              toParameterValue(row[name], sharedTypes[index] as ColumnType, spec.table, name),
            );
            if (run.length > 0 && values.some((value, index) => value !== runShared[index])) flush();
            runShared = values;
          }
          const values = new Array<unknown>(varying.length);
          for (let index = 0; index < varying.length; index += 1) {
            const { name, type } = varying[index] as { name: string; type: ColumnType };
            values[index] = toJsonValue(row[name], type, spec.table, name);
          }
          run.push(values);
          if (run.length >= SQLITE_ROWS_PER_STATEMENT) flush();
        }
        flush();
        return changes;
      });
    },
    async upsertMetricSeries(series) {
      const statement = prepare("MetricPoint:series", () => METRIC_SERIES_SQL);
      return inTransaction(() => {
        let changes = 0;
        for (const item of series) {
          const { timestampsMs, values } = item;
          // Built as text directly: the same JSON as JSON.stringify([[timestamp, value], …]) without an
          // array per point. Timestamps are ISO text (nothing to escape), values finite numbers.
          let points = "[";
          for (let index = 0; index < timestampsMs.length; index += 1) {
            const value = values[index];
            if (value === undefined || !Number.isFinite(value)) {
              throw new Error(
                `metric ${item.metric}/${item.stat} of ${item.resourceArn}: ${value} is not a number`,
              );
            }
            const timestamp = toDateTextFromMs(timestampsMs[index] ?? Number.NaN);
            points += `${index === 0 ? "" : ","}["${timestamp}",${value}]`;
          }
          points += "]";
          changes += statement.run({
            resourceArn: item.resourceArn,
            resourceType: item.resourceType,
            metric: item.metric,
            stat: item.stat,
            granularity: item.granularity,
            unit: item.unit,
            now: nowText,
            points,
          }).changes;
        }
        return changes;
      });
    },
    async execute(sql, params = []) {
      return connection.prepare(sql).run(params.map(toParameter)).changes;
    },
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      const statement = connection.prepare(sql);
      statement.safeIntegers(true);
      return statement.all(params.map(toParameter)) as T[];
    },
    async transaction(fn) {
      if (isInTransaction) throw new Error("bulk writer: nested transaction");
      connection.exec("BEGIN IMMEDIATE");
      isInTransaction = true;
      try {
        const result = await fn();
        connection.exec("COMMIT");
        return result;
      } catch (error) {
        if (connection.inTransaction) connection.exec("ROLLBACK");
        throw error;
      } finally {
        isInTransaction = false;
      }
    },
    async close() {
      try {
        connection.pragma("synchronous = NORMAL");
        connection.pragma("wal_autocheckpoint = 1000");
        connection.pragma("wal_checkpoint(PASSIVE)");
      } finally {
        connection.close();
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (through the app's Prisma client and its pg driver adapter)

/** PostgreSQL allows 65,535 bind parameters per statement; stay well below. */
const POSTGRES_MAX_PARAMETERS = 30_000;

type RawClient = {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T>(sql: string, ...values: unknown[]): Promise<T>;
};

function toPostgresPlaceholders(sql: string): string {
  let parameter = 0;
  return sql.replace(/\?/g, () => `$${(parameter += 1)}`);
}

function createPostgresWriter(db: Db, now: Date): BulkWriter {
  let client: RawClient = db as unknown as RawClient;
  const sqlCache = new Map<string, string>();
  const getSql = <Row>(spec: TableSpec<Row>, rowCount: number): string => {
    const cacheKey = `${spec.table}:${rowCount}`;
    let sql = sqlCache.get(cacheKey);
    if (!sql) {
      sql = buildValuesUpsertSql(spec, rowCount);
      sqlCache.set(cacheKey, sql);
    }
    return sql;
  };
  let isInTransaction = false;

  return {
    kind: "postgresql",
    async upsert(spec, rows) {
      const columns = Object.keys(spec.columns);
      const rowsPerStatement = Math.max(1, Math.floor(POSTGRES_MAX_PARAMETERS / (columns.length + 2)));
      let changes = 0;
      for (let start = 0; start < rows.length; start += rowsPerStatement) {
        const chunk = rows.slice(start, start + rowsPerStatement);
        const params: unknown[] = [];
        for (const row of chunk) {
          for (const column of columns) params.push((row as Record<string, unknown>)[column] ?? null);
          params.push(now, now);
        }
        changes += await client.$executeRawUnsafe(getSql(spec, chunk.length), ...params);
      }
      return changes;
    },
    async upsertMetricSeries(series) {
      return this.upsert(METRIC_POINT_TABLE, toMetricPointRows(series));
    },
    async execute(sql, params = []) {
      return client.$executeRawUnsafe(toPostgresPlaceholders(sql), ...params);
    },
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      return client.$queryRawUnsafe<T[]>(toPostgresPlaceholders(sql), ...params);
    },
    async transaction(fn) {
      if (isInTransaction) throw new Error("bulk writer: nested transaction");
      isInTransaction = true;
      try {
        return await db.$transaction(
          async (tx) => {
            client = tx as unknown as RawClient;
            try {
              return await fn();
            } finally {
              client = db as unknown as RawClient;
            }
          },
          { maxWait: 60_000, timeout: 600_000 },
        );
      } finally {
        isInTransaction = false;
      }
    },
    async close() {},
  };
}
