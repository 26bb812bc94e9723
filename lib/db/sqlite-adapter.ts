/**
 * The SQLite driver adapter every Breakeven process uses (the app, the CLIs, the migration
 * script), so that several processes can share one database file:
 *
 * - WAL journal: readers never block the writer and the writer never blocks readers, so a
 *   migration or an import can write while the server is reading. WAL is a property of the file
 *   (it persists), but every connection asks for it because a database may have been created by
 *   an older version, a test or the sqlite3 shell.
 * - a busy timeout: a write that finds another connection's write lock waits for it (better-sqlite3
 *   sleeps in the calling thread) instead of failing at once; past it, SQLITE_BUSY, which
 *   lib/db/db-errors.ts turns into a clear "busy" error.
 *
 * The busy timeout is better-sqlite3's own `timeout` option, which the Prisma adapter passes
 * through; the journal mode has no option, so it is set on each new connection through the
 * adapter interface (`executeScript`).
 */
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** `file:./data/x.db` → an absolute path, relative paths resolved against `baseDir`. */
export function toSqliteFilePath(url: string, baseDir: string = process.cwd()): string {
  return path.resolve(baseDir, url.replace(/^file:/, ""));
}

export class BreakevenSqliteAdapter extends PrismaBetterSqlite3 {
  constructor(filePath: string, options: { isReadOnly?: boolean } = {}) {
    super({ url: filePath, timeout: SQLITE_BUSY_TIMEOUT_MS, readonly: options.isReadOnly ?? false });
  }

  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    try {
      await adapter.executeScript("PRAGMA journal_mode = WAL");
    } catch {
      // Not fatal: a read-only file cannot switch (reads still work, and /api/health says why
      // writes fail), and a process holding a rollback-journal transaction blocks the switch
      // until it ends (the next connection switches). The connection works in the old mode.
    }
    return adapter;
  }
}
