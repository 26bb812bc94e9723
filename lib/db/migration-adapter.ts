/**
 * Wraps the driver adapter factory that scripts/db.ts hands to the wasm schema engine, so that a
 * migration can run while the app has the SQLite file open, and fails in one line when it cannot.
 *
 * - The engine starts by making its SQLite connection exclusive
 *   (`PRAGMA main.locking_mode=EXCLUSIVE`), its way of keeping two migrations apart. In WAL mode
 *   every connection that has read the database keeps a shared lock on the file, so while the app
 *   runs that exclusive lock never comes and the migration failed busy. The statement is skipped:
 *   the engine's writes then take SQLite's ordinary write lock, which readers do not block, and
 *   scripts/db.ts keeps migrations apart with its own lock (lib/db/migration-lock.ts).
 * - The engine reads adapter errors back through a fixed list of kinds. The SQLite adapter reports
 *   SQLITE_BUSY as `SocketTimeout`, which is not on that list ("unknown variant `SocketTimeout`" and
 *   a 15-line wasm trace). That error becomes the generic `sqlite` kind with SQLite's own code for
 *   busy (5), which the engine does read.
 * - The last adapter error is kept: the engine's own message names neither the driver nor its
 *   code, so the script classifies that one (lib/db/db-errors.ts) to say what went wrong.
 */
import {
  DriverAdapterError,
  isDriverAdapterError,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

/** https://www.sqlite.org/rescode.html#busy */
const SQLITE_BUSY_CODE = 5;

/** The engine's "keep other migrations out" statement (see above). */
const EXCLUSIVE_LOCKING_MODE = /^\s*PRAGMA\s+(?:main\.)?locking_mode\s*=\s*["']?EXCLUSIVE["']?\s*;?\s*$/i;

/** The methods whose result is itself an adapter object (a connection or a transaction). */
const RETURNS_ADAPTER = new Set<PropertyKey>(["connect", "connectToShadowDb", "startTransaction"]);

export type WatchedAdapterFactory = {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The last error an adapter method threw, as the driver reported it; null when none did. */
  getLastAdapterError(): unknown;
};

/** A busy SQLite error in a form the schema engine can read; any other error unchanged. */
export function toEngineReadableError(error: unknown): unknown {
  if (!isDriverAdapterError(error) || error.cause.kind !== "SocketTimeout") return error;
  const { originalCode, originalMessage } = error.cause;
  return new DriverAdapterError({
    kind: "sqlite",
    extendedCode: SQLITE_BUSY_CODE,
    message: originalMessage ?? "database is locked",
    originalCode,
    originalMessage,
  });
}

export function isExclusiveLockingStatement(query: unknown): boolean {
  const sql = (query as { sql?: unknown } | null)?.sql;
  return typeof sql === "string" && EXCLUSIVE_LOCKING_MODE.test(sql);
}

/**
 * `target` with the exclusive-locking statement skipped and every method's thrown or rejected error
 * passed through `onError`, recursively (connections, transactions).
 */
function adaptForEngine<T extends object>(target: T, onError: (error: unknown) => unknown): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]): unknown => {
        if (key === "executeRaw" && isExclusiveLockingStatement(args[0])) return Promise.resolve(0);
        const rethrow = (error: unknown): never => {
          throw onError(error);
        };
        try {
          const result: unknown = value.apply(object, args);
          if (!(result instanceof Promise)) return result;
          return result.then(
            (resolved: unknown) =>
              RETURNS_ADAPTER.has(key) && typeof resolved === "object" && resolved !== null
                ? adaptForEngine(resolved, onError)
                : resolved,
            rethrow,
          );
        } catch (error) {
          return rethrow(error);
        }
      };
    },
  });
}

export function toEngineAdapterFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
): WatchedAdapterFactory {
  let lastError: unknown = null;
  const watched = adaptForEngine(factory, (error) => {
    lastError = error;
    return toEngineReadableError(error);
  });
  return { factory: watched, getLastAdapterError: () => lastError };
}
