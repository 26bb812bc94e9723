/**
 * `npm run db:migrate` while another process has the SQLite file open (issue #8, Operations).
 *
 * Before: the schema engine wanted the file to itself, so with the app running (its connection
 * keeps a shared lock in WAL mode) the migration failed after ~6 s with a 15-line wasm trace
 * ("unknown variant `SocketTimeout`"). Now it runs next to readers; only a writer that keeps its
 * lock past the busy timeout stops it, with one line that says to stop the app.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { acquireMigrationLock } from "@/lib/db/migration-lock";
import { listMigrationNames } from "@/lib/db/migration-status";
import { SQLITE_BUSY_TIMEOUT_MS } from "@/lib/db/sqlite-adapter";
import {
  createTempDatabasePath,
  removeDatabaseFiles,
  runMigrate,
  startHolder,
  stopHolder,
  type HoldMode,
} from "./sqlite-faults";

let holder: ChildProcess | null = null;
let file = "";

afterEach(async () => {
  await stopHolder(holder);
  holder = null;
  removeDatabaseFiles(file);
});

/**
 * WAL, as every import leaves the file (lib/db/import/bulk-writer.ts) and as createDb now opens it:
 * the state in which the app's idle connection keeps a shared lock.
 */
function useWal(databaseFile: string): void {
  const connection = new Database(databaseFile);
  try {
    connection.pragma("journal_mode = WAL");
  } finally {
    connection.close();
  }
}

function countTables(databaseFile: string): number {
  if (!fs.existsSync(databaseFile)) return 0;
  const connection = new Database(databaseFile, { readonly: true });
  try {
    return (
      connection.prepare(`SELECT COUNT(*) AS "n" FROM sqlite_master WHERE type = 'table'`).get() as {
        n: number;
      }
    ).n;
  } finally {
    connection.close();
  }
}

/** Migration names recorded as applied (finished, not rolled back), each once. */
function readAppliedMigrations(databaseFile: string): string[] {
  const connection = new Database(databaseFile, { readonly: true });
  try {
    return connection
      .prepare(
        `SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY 1`,
      )
      .all()
      .map((row) => (row as { name: string }).name);
  } finally {
    connection.close();
  }
}

describe("db:migrate while another process has the SQLite file open", () => {
  it.each<[HoldMode, string]>([
    ["app", "the app's connection, after it has read the database"],
    ["read-transaction", "a read transaction left open"],
  ])("applies every migration next to %s (%s)", async (mode) => {
    file = createTempDatabasePath("migrate-open");
    useWal(file);
    holder = await startHolder(file, mode);

    const result = await runMigrate(`file:${file}`);

    expect(result.output).toContain(`applied ${listMigrationNames("sqlite").length} migration(s)`);
    expect(result.status).toBe(0);
    expect(readAppliedMigrations(file)).toEqual(listMigrationNames("sqlite"));
  });

  it("finds a migrated database up to date while the app has it open (npm start with the app running)", async () => {
    file = createTempDatabasePath("migrate-open-current");
    expect((await runMigrate(`file:${file}`)).status).toBe(0);
    useWal(file);
    holder = await startHolder(file, "app");

    const result = await runMigrate(`file:${file}`);

    expect(result.output).toContain("is up to date");
    expect(result.status).toBe(0);
  });

  it("says in one line that the database is busy when a writer keeps its lock past the timeout", async () => {
    file = createTempDatabasePath("migrate-locked");
    holder = await startHolder(file, "write-lock");

    const result = await runMigrate(`file:${file}`);

    expect(result.status).not.toBe(0);
    const lines = result.output.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^db: file:.* is busy: .*Stop the app/);
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(result.output).not.toMatch(/wasm|SocketTimeout/i);
    // It waited for the writer (the busy timeout) before giving up.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(SQLITE_BUSY_TIMEOUT_MS);
  });

  it("waits for another migration of the same file instead of racing it", async () => {
    // The engine's exclusive connection used to keep two migrations apart; the migration lock
    // does now. Two racing migrators would both apply the same migration, and the second's
    // failure stays in _prisma_migrations until the native Prisma CLI resolves it.
    file = createTempDatabasePath("migrate-twice");
    const otherMigration = acquireMigrationLock(file);

    const migration = runMigrate(`file:${file}`);
    // Long enough for the child to start (~2 s) and reach the lock; nothing may be written meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const tablesWhileLocked = countTables(file);
    otherMigration.release();
    const result = await migration;

    expect(tablesWhileLocked).toBe(0);
    expect(result.status).toBe(0);
    expect(readAppliedMigrations(file)).toEqual(listMigrationNames("sqlite"));
  });
});
