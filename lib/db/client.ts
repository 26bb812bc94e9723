import "server-only";
import { createDb, type Db } from "@/lib/db/create-db";
import { getServerEnv } from "@/lib/env";

export type { Db };

const globalForDb = globalThis as unknown as { breakevenDb?: Db };

/** One Prisma client per process (t3 style), cached so dev hot reloads do not leak connections. */
export function getDb(): Db {
  globalForDb.breakevenDb ??= createDb(getServerEnv().DATABASE_URL);
  return globalForDb.breakevenDb;
}
