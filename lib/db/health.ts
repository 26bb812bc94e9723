/**
 * Whether the database can be read and written, for /api/health (polled, so it must stay cheap and
 * must never hold up the server).
 *
 * The write is real but leaves nothing behind: a row inserted into the always-empty HealthProbe
 * table inside a transaction that is rolled back. Reading alone would say "ok" for a read-only
 * file, mount, role or standby, and every save would then fail.
 *
 * - SQLite: the probe runs on its own short-lived connection, with no busy wait. The app's Prisma
 *   connection is one better-sqlite3 handle shared by every request: a rolled-back transaction
 *   there could roll back another request's write made in the meantime, and waiting for another
 *   process's write lock would block the event loop (better-sqlite3 waits in the calling thread).
 *   Finding the lock taken means someone is writing right now, so the database accepts writes.
 * - PostgreSQL: through Prisma; an interactive transaction has its own pooled connection.
 */
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { AppError } from "@/lib/errors";
import type { Db } from "./create-db";
import { toDatabaseAppError, toDatabaseFault } from "./db-errors";
import { toSqliteFilePath } from "./sqlite-adapter";
import { toDatabaseKind } from "./url";

export const DATABASE_UNREACHABLE_MESSAGE = "The database cannot be reached.";

/** Thrown inside the probe transaction so that Prisma rolls it back. */
class RollbackProbe extends Error {}

function probeSqliteWrite(filePath: string): void {
  // fileMustExist: a health check must not create an empty database. timeout 0: never wait.
  const connection = new Database(filePath, { fileMustExist: true, timeout: 0 });
  try {
    try {
      connection.prepare("BEGIN IMMEDIATE").run();
    } catch (error) {
      if (toDatabaseFault(error) === "busy") return; // another connection is writing: writes work
      throw error;
    }
    try {
      connection
        .prepare(`INSERT INTO "HealthProbe" ("id", "checkedAt") VALUES (?, ?)`)
        .run(randomUUID(), new Date().toISOString());
    } finally {
      // SQLite ends the transaction itself after some errors (a full disk, an I/O error).
      if (connection.inTransaction) connection.exec("ROLLBACK");
    }
  } finally {
    connection.close();
  }
}

async function probePostgresWrite(db: Db): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      // A fresh id: concurrent probes never wait for each other's uncommitted row.
      await tx.healthProbe.create({ data: { id: randomUUID(), checkedAt: new Date() } });
      throw new RollbackProbe();
    });
  } catch (error) {
    if (!(error instanceof RollbackProbe)) throw error;
  }
}

/**
 * Null when the database answers a query on the app's connection and accepts a write; otherwise
 * the AppError to report: 503 UNAVAILABLE saying read-only, busy, or unreachable (the cause holds
 * the driver's error for the log, never for the client).
 */
export async function checkDatabaseWritable(db: Db, url: string): Promise<AppError | null> {
  try {
    if (toDatabaseKind(url) === "sqlite") {
      await db.$queryRawUnsafe("SELECT 1");
      probeSqliteWrite(toSqliteFilePath(url));
    } else {
      await probePostgresWrite(db);
    }
    return null;
  } catch (error) {
    return (
      toDatabaseAppError(error) ?? new AppError("UNAVAILABLE", DATABASE_UNREACHABLE_MESSAGE, { cause: error })
    );
  }
}
