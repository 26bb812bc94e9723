import type { Db } from "@/lib/db/client";
import { toDateFromSql, toNumberFromSql } from "./sql-values";

/** The read cache for fleet-wide aggregates, keyed by a fingerprint of the imported data. */

/**
 * A cheap fingerprint of the imported data: every import (demo or sync) writes a SyncRun and
 * touches accounts, and removing the demo deletes both. Fleet-wide aggregates (the overview's 90
 * days of cost lines, filter options) only change when this does.
 */
export async function getDataVersion(db: Db): Promise<string> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT COUNT(*) FROM "SyncRun") AS "runs",
           (SELECT MAX("updatedAt") FROM "SyncRun") AS "runsUpdatedAt",
           (SELECT COUNT(*) FROM "Account") AS "accounts",
           (SELECT MAX("updatedAt") FROM "Account") AS "accountsUpdatedAt",
           (SELECT COUNT(*) FROM "LambdaFunction") AS "functions",
           (SELECT COUNT(*) FROM "FargateService") AS "services"`;
  const row = rows[0] ?? {};
  return [
    toNumberFromSql(row.runs),
    toDateFromSql(row.runsUpdatedAt)?.getTime(),
    toNumberFromSql(row.accounts),
    toDateFromSql(row.accountsUpdatedAt)?.getTime(),
    toNumberFromSql(row.functions),
    toNumberFromSql(row.services),
  ].join(":");
}

const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX_ENTRIES = 300;
type CacheEntry = { expiresAt: number; value: Promise<unknown> };
const cachesByDb = new WeakMap<Db, Map<string, CacheEntry>>();

/**
 * Memoises an expensive fleet-wide read per database, data version and arguments, for at most ten
 * minutes (a teammate's manual SQL edit shows up by then). Concurrent callers share one promise;
 * a failed read is not kept.
 */
export async function memoizeByDataVersion<T>(
  db: Db,
  name: string,
  args: unknown,
  read: () => Promise<T>,
): Promise<T> {
  const version = await getDataVersion(db);
  let cache = cachesByDb.get(db);
  if (!cache) {
    cache = new Map();
    cachesByDb.set(db, cache);
  }
  const key = `${name}|${version}|${JSON.stringify(args)}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expiresAt > now) return hit.value as Promise<T>;
  const value = read();
  cache.set(key, { expiresAt: now + CACHE_TTL_MS, value });
  value.catch(() => cache.delete(key));
  if (cache.size > CACHE_MAX_ENTRIES) {
    for (const [k, entry] of cache) {
      if (entry.expiresAt <= now || cache.size > CACHE_MAX_ENTRIES) cache.delete(k);
      if (cache.size <= CACHE_MAX_ENTRIES / 2) break;
    }
  }
  return value;
}
