/**
 * Database failures that are a state of the database, not a bug: it is read-only, or another
 * process holds its write lock longer than the busy timeout. They become one clear 503
 * ("UNAVAILABLE") instead of a generic 500.
 *
 * Prisma wraps driver errors: a failed query is a PrismaClientKnownRequestError (P2010, P1008, …)
 * whose `meta.driverAdapterError` is a DriverAdapterError whose `cause` carries the driver's own
 * code as `originalCode` ("SQLITE_READONLY", "SQLITE_BUSY", PostgreSQL's SQLSTATE "25006"). The
 * raw drivers' errors (better-sqlite3's SqliteError, pg's DatabaseError) carry it as `code`.
 * Matching on those codes, not on messages or Prisma's P-codes, keeps this working for both
 * generated clients and both adapters.
 */
import { AppError } from "@/lib/errors";
import { SQLITE_BUSY_TIMEOUT_MS } from "./sqlite-adapter";

export type DatabaseFault = "read-only" | "busy";

export const DATABASE_READ_ONLY_MESSAGE =
  "The database is read-only, so Breakeven cannot save anything. Make the database file and its " +
  "folder writable (or give the database user write access), then try again.";

export const DATABASE_BUSY_MESSAGE =
  `The database is busy: another process has held its write lock for more than ${SQLITE_BUSY_TIMEOUT_MS / 1000} s. ` +
  "Try again; if it keeps happening, stop the other Breakeven process (an import or a migration).";

/** SQLite primary codes and their extended forms (SQLITE_READONLY_DIRECTORY, SQLITE_BUSY_SNAPSHOT, …). */
const SQLITE_READ_ONLY = /^SQLITE_READONLY(_|$)/;
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)(_|$)/;
/** PostgreSQL: read_only_sql_transaction (a read-only transaction, role or database, or a standby). */
const POSTGRES_READ_ONLY = "25006";
/** PostgreSQL: lock_not_available (lock_timeout expired). */
const POSTGRES_LOCK_NOT_AVAILABLE = "55P03";
/** How many wrappers deep to look; Prisma nests two or three. */
const MAX_DEPTH = 6;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** Every driver code found in the error and the errors it wraps. */
function collectDriverCodes(error: unknown, depth = 0): string[] {
  if (!isObject(error) || depth > MAX_DEPTH) return [];
  const own = [error.code, error.originalCode].filter((code): code is string => typeof code === "string");
  const meta = isObject(error.meta) ? error.meta : null;
  return [
    ...own,
    ...collectDriverCodes(error.cause, depth + 1),
    ...collectDriverCodes(meta?.driverAdapterError, depth + 1),
  ];
}

export function toDatabaseFault(error: unknown): DatabaseFault | null {
  const codes = collectDriverCodes(error);
  if (codes.some((code) => SQLITE_READ_ONLY.test(code) || code === POSTGRES_READ_ONLY)) return "read-only";
  if (codes.some((code) => SQLITE_BUSY.test(code) || code === POSTGRES_LOCK_NOT_AVAILABLE)) return "busy";
  return null;
}

/**
 * A database error as the AppError to answer with (503 UNAVAILABLE, one message, no internals),
 * or null when it is not a read-only or busy database (the caller keeps its generic handling).
 */
export function toDatabaseAppError(error: unknown): AppError | null {
  switch (toDatabaseFault(error)) {
    case "read-only":
      return new AppError("UNAVAILABLE", DATABASE_READ_ONLY_MESSAGE, { cause: error });
    case "busy":
      return new AppError("UNAVAILABLE", DATABASE_BUSY_MESSAGE, { cause: error });
    case null:
      return null;
  }
}
