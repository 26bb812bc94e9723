/**
 * A write that fails because the database is read-only, or busy past the timeout, becomes one
 * clear 503 (toDatabaseAppError) instead of a generic 500; the health check says the same
 * (issue #8, Operations). The failures are real ones, raised by Prisma through the app's adapters.
 */
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { createDb } from "@/lib/db/create-db";
import { DATABASE_BUSY_MESSAGE, DATABASE_READ_ONLY_MESSAGE, toDatabaseAppError } from "@/lib/db/db-errors";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client";
import { checkDatabaseWritable } from "@/lib/db/health";
import { BreakevenSqliteAdapter, toSqliteFilePath } from "@/lib/db/sqlite-adapter";
import type { DatabaseKind } from "@/lib/db/url";
import { toHttpStatus } from "@/lib/errors";
import { describeForBothDatabases } from "@/test/databases";

/**
 * A second client on the same database whose connection can only read: SQLite opened read-only
 * (as on a read-only file or mount), PostgreSQL with read-only transactions (as a read-only role,
 * database or standby: SQLSTATE 25006).
 */
function openReadOnly(kind: DatabaseKind, url: string): Db {
  if (kind === "sqlite")
    return new SqliteClient({
      adapter: new BreakevenSqliteAdapter(toSqliteFilePath(url), { isReadOnly: true }),
    });
  const separator = url.includes("?") ? "&" : "?";
  return createDb(`${url}${separator}options=${encodeURIComponent("-c default_transaction_read_only=on")}`);
}

async function captureError(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the write to fail");
}

function saveScenario(db: Db, name: string) {
  return db.scenario.create({ data: { name, inputJson: "{}" } });
}

describeForBothDatabases("a database that cannot be written now", (getDatabase) => {
  it("maps a read-only write failure from Prisma to 503 UNAVAILABLE 'read-only'", async () => {
    const { kind, url } = getDatabase();
    const readOnly = openReadOnly(kind, url);
    try {
      const error = await captureError(() => saveScenario(readOnly, "read-only"));

      const appError = toDatabaseAppError(error);
      expect(appError?.code).toBe("UNAVAILABLE");
      expect(appError?.message).toBe(DATABASE_READ_ONLY_MESSAGE);
      expect(toHttpStatus(appError!.code)).toBe(503);
    } finally {
      await readOnly.$disconnect();
    }
  });

  it("leaves other database errors to the caller (null)", async () => {
    const { db } = getDatabase();
    const { id } = await saveScenario(db, "once");
    const error = await captureError(() =>
      db.scenario.create({ data: { id, name: "twice", inputJson: "{}" } }),
    );
    expect(toDatabaseAppError(error)).toBeNull();
    expect(toDatabaseAppError(new Error("something else"))).toBeNull();
  });

  it("health: a writable database is healthy", async () => {
    const { db, url } = getDatabase();
    expect(await checkDatabaseWritable(db, url)).toBeNull();
  });

  it("health: reports a read-only PostgreSQL session; on SQLite it checks the file, not the app's connection", async () => {
    const { kind, url } = getDatabase();
    const readOnly = openReadOnly(kind, url);
    try {
      const problem = await checkDatabaseWritable(readOnly, url);
      if (kind === "postgresql") {
        expect(problem?.code).toBe("UNAVAILABLE");
        expect(problem?.message).toBe(DATABASE_READ_ONLY_MESSAGE);
      } else {
        // SQLite's probe opens its own connection to the (writable) file: a read-only file is
        // health-writable.test.ts's case.
        expect(problem).toBeNull();
      }
    } finally {
      await readOnly.$disconnect();
    }
  });

  it("maps a write that waited out the lock timeout to 503 UNAVAILABLE 'busy'", async () => {
    const { kind, url, db } = getDatabase();
    if (kind === "sqlite") {
      const other = new Database(toSqliteFilePath(url));
      other.exec("BEGIN IMMEDIATE");
      try {
        const appError = toDatabaseAppError(await captureError(() => saveScenario(db, "busy")));
        expect(appError?.code).toBe("UNAVAILABLE");
        expect(appError?.message).toBe(DATABASE_BUSY_MESSAGE);
      } finally {
        other.exec("ROLLBACK");
        other.close();
      }
      return;
    }
    // PostgreSQL locks rows and tables, not the database: another session holds the table, and
    // this one gives up after its lock timeout (SQLSTATE 55P03).
    const other = createDb(url);
    try {
      await other.$transaction(async (holder) => {
        await holder.$executeRawUnsafe('LOCK TABLE "Scenario" IN ACCESS EXCLUSIVE MODE');
        const error = await captureError(() =>
          db.$transaction(async (waiter) => {
            await waiter.$executeRawUnsafe("SET LOCAL lock_timeout = '200ms'");
            await waiter.$executeRawUnsafe('LOCK TABLE "Scenario" IN ACCESS EXCLUSIVE MODE');
          }),
        );
        const appError = toDatabaseAppError(error);
        expect(appError?.code).toBe("UNAVAILABLE");
        expect(appError?.message).toBe(DATABASE_BUSY_MESSAGE);
      });
    } finally {
      await other.$disconnect();
    }
  });
});
