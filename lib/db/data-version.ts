import type { Db } from "@/lib/db/client";
import { toDateFromSql, toNumberFromSql } from "@/lib/db/queries/sql-values";

/**
 * The data version: a fingerprint of everything an import or an account change writes, read in
 * one cheap query, and a small bounded cache keyed by it. Fleet reads that only change when data
 * is imported (list pages, filter options, fleet-wide totals) are kept per data version, so
 * concurrent visitors share one database read instead of each running it.
 *
 * What moves the version:
 * - every import (demo load, sync, demo removal) inserts a SyncRun and updates it to its final
 *   status as its very last write, after the resources, ResourceSummary and DailySpend rows; the
 *   number of runs, the number still running and their latest `updatedAt` all take part;
 * - adding, renaming or removing an account (count and latest `updatedAt` of Account);
 * - resources appearing or disappearing (counts of LambdaFunction and FargateService).
 *
 * What does not: recommendation status reviews, saved scenarios and advice settings. Do not cache
 * reads of those here.
 *
 * Imports run in another process, so nothing can invalidate this cache by calling it: each cached
 * read checks the version first. A read that starts while an import finishes may be stored under
 * the version it saw before; no later request asks for that version again.
 */
export async function readDataVersion(db: Db): Promise<string> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT (SELECT COUNT(*) FROM "SyncRun") AS "runs",
           (SELECT COUNT(*) FROM "SyncRun" WHERE "status" = 'running') AS "runsRunning",
           (SELECT MAX("updatedAt") FROM "SyncRun") AS "runsUpdatedAt",
           (SELECT COUNT(*) FROM "Account") AS "accounts",
           (SELECT MAX("updatedAt") FROM "Account") AS "accountsUpdatedAt",
           (SELECT COUNT(*) FROM "LambdaFunction") AS "functions",
           (SELECT COUNT(*) FROM "FargateService") AS "services"`;
  const row = rows[0] ?? {};
  return [
    toNumberFromSql(row.runs),
    toNumberFromSql(row.runsRunning),
    toDateFromSql(row.runsUpdatedAt)?.getTime(),
    toNumberFromSql(row.accounts),
    toDateFromSql(row.accountsUpdatedAt)?.getTime(),
    toNumberFromSql(row.functions),
    toNumberFromSql(row.services),
  ].join(":");
}

/**
 * A bounded least-recently-used map (a Map keeps insertion order: a hit moves its key to the end,
 * and the first keys are the least recently used).
 */
export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();

  constructor(readonly maxEntries: number) {
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new Error("maxEntries: an integer ≥ 1");
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key)!;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}

type Entry = { version: string; expiresAt: number; value: Promise<unknown> };

export type VersionedCacheOptions = {
  /** Entries kept; the least recently used go first. */
  maxEntries: number;
  /** An entry is read again after this long even when the version has not moved (manual SQL edits). */
  ttlMs: number;
  now?: () => number;
};

/**
 * Values per key, each valid for one data version. A key holds one entry: a read under a newer
 * version replaces it. Concurrent callers of one key and version share one read; a failed read is
 * dropped so the next caller tries again.
 */
export class VersionedCache {
  readonly #entries: LruMap<string, Entry>;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: VersionedCacheOptions) {
    this.#entries = new LruMap(options.maxEntries);
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  get<T>(key: string, version: string, read: () => Promise<T>): Promise<T> {
    const now = this.#now();
    const hit = this.#entries.get(key);
    if (hit && hit.version === version && hit.expiresAt > now) return hit.value as Promise<T>;
    const value = read();
    const entry: Entry = { version, expiresAt: now + this.#ttlMs, value };
    this.#entries.set(key, entry);
    value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** Bounds of the per-database cache: a list page is a few dozen rows, so 400 entries stay small. */
export const DATA_CACHE_MAX_ENTRIES = 400;
export const DATA_CACHE_TTL_MS = 10 * 60_000;

const cachesByDb = new WeakMap<Db, VersionedCache>();
const versionReadsByDb = new WeakMap<Db, Promise<string>>();

/**
 * The data version, one query however many callers ask at the same moment: a caller that arrives
 * while a read is in flight joins it (it sees the version as of that read, like a request that
 * came a millisecond earlier).
 */
export function getDataVersion(db: Db): Promise<string> {
  const inFlight = versionReadsByDb.get(db);
  if (inFlight) return inFlight;
  const read = readDataVersion(db).finally(() => {
    if (versionReadsByDb.get(db) === read) versionReadsByDb.delete(db);
  });
  versionReadsByDb.set(db, read);
  return read;
}

export function getDataCache(db: Db): VersionedCache {
  let cache = cachesByDb.get(db);
  if (!cache) {
    cache = new VersionedCache({ maxEntries: DATA_CACHE_MAX_ENTRIES, ttlMs: DATA_CACHE_TTL_MS });
    cachesByDb.set(db, cache);
  }
  return cache;
}

/**
 * Memoises a read that only changes when data is imported, per database, name and arguments
 * (JSON), for the current data version and at most DATA_CACHE_TTL_MS.
 */
export async function memoizeByDataVersion<T>(
  db: Db,
  name: string,
  args: unknown,
  read: () => Promise<T>,
): Promise<T> {
  const version = await getDataVersion(db);
  return getDataCache(db).get(`${name}|${JSON.stringify(args) ?? ""}`, version, read);
}
