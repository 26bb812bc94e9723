/**
 * Keeps two migrations of one SQLite database apart (for example `npm start` and a cron
 * `npm run sync` right after a deploy), which the schema engine's own exclusive connection no
 * longer does (lib/db/migration-adapter.ts says why). Two migrators applying the same migration
 * would leave a failed row in `_prisma_migrations` that only the native Prisma CLI can resolve.
 *
 * The lock is an exclusive transaction on an empty SQLite file next to the database: the operating
 * system drops it when the process ends, however it ends, so a killed migration never leaves a
 * stale lock. The file stays (a few bytes at most); deleting it while another process waits on it
 * would let a third take a second lock on a new file.
 */
import Database from "better-sqlite3";

/** A second migration waits this long for the first before giving up. */
export const MIGRATION_LOCK_WAIT_MS = 60_000;

export class MigrationLockTimeoutError extends Error {}

export type MigrationLock = { release(): void };

export function toMigrationLockPath(databaseFilePath: string): string {
  return `${databaseFilePath}-migrate-lock`;
}

export function acquireMigrationLock(
  databaseFilePath: string,
  waitMs: number = MIGRATION_LOCK_WAIT_MS,
): MigrationLock {
  const connection = new Database(toMigrationLockPath(databaseFilePath), { timeout: waitMs });
  try {
    connection.prepare("BEGIN EXCLUSIVE").run();
  } catch (error) {
    connection.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && code.startsWith("SQLITE_BUSY"))
      throw new MigrationLockTimeoutError(
        `another migration of this database has been running for more than ${waitMs / 1000} s`,
        { cause: error },
      );
    throw error;
  }
  return { release: () => connection.close() };
}
