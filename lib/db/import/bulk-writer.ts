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
import type { ColumnType, TableSpec } from "./tables";

export type SqlValue = string | number | bigint | boolean | Date | null;

export type BulkWriter = {
  readonly kind: DatabaseKind;
  /** Inserts rows, or updates those whose key exists and whose values differ. Returns rows inserted or changed. */
  upsert<Row>(spec: TableSpec<Row>, rows: readonly Row[]): Promise<number>;
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

function buildUpsertSql<Row>(spec: TableSpec<Row>, rowCount: number, dialect: DatabaseKind): string {
  const columns = [...Object.keys(spec.columns), "createdAt", "updatedAt"];
  const columnList = columns.map(quote).join(", ");
  let parameter = 0;
  const tuples: string[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const marks = columns.map(() => (dialect === "postgresql" ? `$${(parameter += 1)}` : "?"));
    tuples.push(`(${marks.join(", ")})`);
  }
  const key = spec.key.map((column) => quote(column)).join(", ");
  const head = `INSERT INTO ${quote(spec.table)} (${columnList}) VALUES ${tuples.join(", ")} ON CONFLICT (${key})`;
  if (spec.update.length === 0) return `${head} DO NOTHING`;
  const set = [...spec.update, "updatedAt"].map((column) => `${quote(column)} = excluded.${quote(column)}`);
  const differs = dialect === "postgresql" ? "IS DISTINCT FROM" : "IS NOT";
  const changed = spec.update.map(
    (column) => `${quote(spec.table)}.${quote(column)} ${differs} excluded.${quote(column)}`,
  );
  return `${head} DO UPDATE SET ${set.join(", ")} WHERE ${changed.join(" OR ")}`;
}

// ---------------------------------------------------------------------------------------------
// SQLite

/** Prisma stores DateTime in SQLite as ISO-8601 text with an explicit offset; we must match it exactly. */
export function toSqliteDateTime(date: Date): string {
  return `${date.toISOString().slice(0, -1)}+00:00`;
}

const SQLITE_ROWS_PER_STATEMENT = 64;

function createSqliteWriter(file: string, now: Date): BulkWriter {
  const connection = new Database(file);
  connection.pragma("busy_timeout = 30000");
  connection.pragma("journal_mode = WAL");
  // Only this connection, only while loading: a crash can lose the last transactions, never corrupt.
  connection.pragma("synchronous = OFF");
  connection.pragma("cache_size = -262144"); // 256 MiB
  connection.pragma("temp_store = MEMORY");
  connection.pragma("foreign_keys = ON");

  const dateCache = new Map<number, string>();
  const toDateText = (date: Date): string => {
    const time = date.getTime();
    let text = dateCache.get(time);
    if (text === undefined) {
      if (dateCache.size > 50_000) dateCache.clear();
      text = toSqliteDateTime(date);
      dateCache.set(time, text);
    }
    return text;
  };
  const nowText = toSqliteDateTime(now);

  const toSqliteValue = (
    value: SqlValue | undefined,
    type: ColumnType | undefined,
  ): string | number | bigint | null => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return toDateText(value);
    if (typeof value === "boolean") return value ? 1 : 0;
    if (type === "bool") return value ? 1 : 0;
    return value;
  };

  const statements = new Map<string, Database.Statement>();
  const getStatement = <Row>(spec: TableSpec<Row>, rowCount: number): Database.Statement => {
    const cacheKey = `${spec.table}:${rowCount}`;
    let statement = statements.get(cacheKey);
    if (!statement) {
      statement = connection.prepare(buildUpsertSql(spec, rowCount, "sqlite"));
      statements.set(cacheKey, statement);
    }
    return statement;
  };

  let isInTransaction = false;

  return {
    kind: "sqlite",
    async upsert(spec, rows) {
      if (rows.length === 0) return 0;
      const columns = Object.keys(spec.columns) as (keyof (typeof rows)[number] & string)[];
      const types = columns.map((column) => spec.columns[column]);
      const write = (): number => {
        let changes = 0;
        let index = 0;
        const bind = (count: number): unknown[] => {
          const params: unknown[] = [];
          for (let offset = 0; offset < count; offset += 1) {
            const row = rows[index + offset] as Record<string, SqlValue>;
            for (let column = 0; column < columns.length; column += 1) {
              params.push(toSqliteValue(row[columns[column] as string], types[column]));
            }
            params.push(nowText, nowText);
          }
          return params;
        };
        const batch = getStatement(spec, SQLITE_ROWS_PER_STATEMENT);
        while (rows.length - index >= SQLITE_ROWS_PER_STATEMENT) {
          changes += batch.run(bind(SQLITE_ROWS_PER_STATEMENT)).changes;
          index += SQLITE_ROWS_PER_STATEMENT;
        }
        const single = getStatement(spec, 1);
        while (index < rows.length) {
          changes += single.run(bind(1)).changes;
          index += 1;
        }
        return changes;
      };
      if (isInTransaction) return write();
      return connection.transaction(write)();
    },
    async execute(sql, params = []) {
      return connection.prepare(sql).run(params.map((value) => toSqliteValue(value, undefined))).changes;
    },
    async query<T>(sql: string, params: readonly SqlValue[] = []) {
      const statement = connection.prepare(sql);
      statement.safeIntegers(true);
      return statement.all(params.map((value) => toSqliteValue(value, undefined))) as T[];
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
        connection.pragma("wal_checkpoint(PASSIVE)");
        connection.pragma("optimize");
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
      sql = buildUpsertSql(spec, rowCount, "postgresql");
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
