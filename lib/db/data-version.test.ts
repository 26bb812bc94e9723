import { beforeEach, describe, expect, it, vi } from "vitest";
import { loadDemoFleet, removeDemoFleet } from "@/lib/demo";
import { describeForBothDatabases } from "@/test/databases";
import type { Db } from "./create-db";
import {
  getDataVersion,
  LruMap,
  memoizeByDataVersion,
  readDataVersion,
  VersionedCache,
} from "./data-version";
import { deleteAccountWithData, updateAccount } from "./queries/accounts";
import { clearAllTables } from "@/test/tables";

describe("LruMap", () => {
  it("drops the least recently used key when full; a read counts as a use", () => {
    const map = new LruMap<string, number>(2);
    map.set("a", 1);
    map.set("b", 2);
    expect(map.get("a")).toBe(1);
    map.set("c", 3);
    expect(map.get("b")).toBeUndefined();
    expect(map.get("a")).toBe(1);
    expect(map.get("c")).toBe(3);
    expect(map.size).toBe(2);
  });

  it("refuses a size below one", () => {
    expect(() => new LruMap(0)).toThrow(/maxEntries/);
  });
});

describe("VersionedCache", () => {
  const counting = () => {
    const calls: string[] = [];
    const read = (value: string) => () => {
      calls.push(value);
      return Promise.resolve(value);
    };
    return { calls, read };
  };

  it("reads once per key and version, and again when the version moves", async () => {
    const cache = new VersionedCache({ maxEntries: 10, ttlMs: 60_000 });
    const { calls, read } = counting();
    expect(await cache.get("list|1", "v1", read("first"))).toBe("first");
    expect(await cache.get("list|1", "v1", read("second"))).toBe("first");
    expect(await cache.get("list|1", "v2", read("third"))).toBe("third");
    expect(await cache.get("list|2", "v2", read("other key"))).toBe("other key");
    expect(calls).toEqual(["first", "third", "other key"]);
    // A key holds one entry: the old version's value was replaced, not kept beside it.
    expect(cache.size).toBe(2);
  });

  it("shares one read between concurrent callers and drops a failed read", async () => {
    const cache = new VersionedCache({ maxEntries: 10, ttlMs: 60_000 });
    let reads = 0;
    let release: (value: string) => void = () => {};
    const slow = () => {
      reads += 1;
      return new Promise<string>((resolve) => {
        release = resolve;
      });
    };
    const first = cache.get("k", "v1", slow);
    const second = cache.get("k", "v1", slow);
    release("shared");
    expect(await Promise.all([first, second])).toEqual(["shared", "shared"]);
    expect(reads).toBe(1);

    await expect(cache.get("bad", "v1", () => Promise.reject(new Error("db down")))).rejects.toThrow(
      "db down",
    );
    expect(await cache.get("bad", "v1", () => Promise.resolve("recovered"))).toBe("recovered");
  });

  it("reads again after the time to live, and evicts the least recently used key", async () => {
    let now = 0;
    const cache = new VersionedCache({ maxEntries: 2, ttlMs: 1_000, now: () => now });
    const { calls, read } = counting();
    await cache.get("a", "v", read("a1"));
    now = 999;
    expect(await cache.get("a", "v", read("a2"))).toBe("a1");
    now = 1_000;
    expect(await cache.get("a", "v", read("a3"))).toBe("a3");
    await cache.get("b", "v", read("b1"));
    await cache.get("a", "v", read("a4"));
    await cache.get("c", "v", read("c1"));
    expect(await cache.get("b", "v", read("b2"))).toBe("b2");
    expect(calls).toEqual(["a1", "a3", "b1", "c1", "b2"]);
  });
});

const AS_OF = new Date("2026-11-01T00:00:00.000Z");
const SMALL_DEMO = { asOf: AS_OF, functions: 5, services: 2, days: 10, hourlyDays: 2 };
const ACCOUNT = "111122223333";

describeForBothDatabases("memoizeByDataVersion", (getDatabase) => {
  /** A cached fleet read like the list pages' (rows that only an import or an account change moves). */
  let reads = 0;
  const readFleet = (db: Db) =>
    memoizeByDataVersion(db, "test-fleet", { page: 1 }, async () => {
      reads += 1;
      const functions = await db.lambdaFunction.findMany({
        select: { name: true, memoryMb: true, account: { select: { name: true } } },
        orderBy: { name: "asc" },
      });
      return functions.map((f) => `${f.account.name}/${f.name}/${f.memoryMb}`);
    });

  beforeEach(async () => {
    await clearAllTables(getDatabase().db);
    reads = 0;
  });

  it("keeps a read until a demo load, a reload or a demo removal finishes", async () => {
    const { db } = getDatabase();
    expect(await readFleet(db)).toEqual([]);
    expect(await readFleet(db)).toEqual([]);
    expect(reads).toBe(1);

    await loadDemoFleet(db, SMALL_DEMO);
    const loaded = await readFleet(db);
    expect(loaded).toHaveLength(5);
    expect(reads).toBe(2);
    expect(await readFleet(db)).toEqual(loaded);
    expect(reads).toBe(2);

    // A reload writes the same rows again: only its SyncRun tells, and that is enough.
    const before = await readDataVersion(db);
    await loadDemoFleet(db, SMALL_DEMO);
    expect(await readDataVersion(db)).not.toBe(before);
    expect(await readFleet(db)).toEqual(loaded);
    expect(reads).toBe(3);

    await removeDemoFleet(db);
    expect(await readFleet(db)).toEqual([]);
    expect(reads).toBe(4);
  }, 120_000);

  it("reads again after an account is renamed or removed", async () => {
    const { db } = getDatabase();
    await db.account.create({ data: { id: ACCOUNT, name: "acme" } });
    await db.lambdaFunction.create({
      data: {
        arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:api`,
        name: "api",
        accountId: ACCOUNT,
        region: "us-east-1",
        architecture: "arm64",
        memoryMb: 512,
        timeoutSeconds: 3,
        firstSeenAt: AS_OF,
        lastSeenAt: AS_OF,
      },
    });
    expect(await readFleet(db)).toEqual(["acme/api/512"]);

    await updateAccount(ACCOUNT, { name: "acme-prod" }, db);
    expect(await readFleet(db)).toEqual(["acme-prod/api/512"]);

    await deleteAccountWithData(ACCOUNT, db);
    expect(await readFleet(db)).toEqual([]);
    expect(reads).toBe(3);
  });

  it("moves when a run leaves 'running', even within the same millisecond", async () => {
    const { db } = getDatabase();
    const updatedAt = new Date("2026-11-01T12:00:00.000Z");
    await db.syncRun.create({ data: { id: "run-1", kind: "aws", status: "running" } });
    await db.$executeRaw`UPDATE "SyncRun" SET "updatedAt" = ${updatedAt} WHERE "id" = 'run-1'`;
    const running = await getDataVersion(db);
    // An import's final write, at the same instant as its last heartbeat (raw SQL leaves updatedAt).
    await db.$executeRaw`UPDATE "SyncRun" SET "status" = 'succeeded' WHERE "id" = 'run-1'`;
    expect(await getDataVersion(db)).not.toBe(running);
  });

  it("answers concurrent callers with one version read", async () => {
    const { db } = getDatabase();
    const queries = vi.spyOn(db, "$queryRaw");
    try {
      const versions = await Promise.all([getDataVersion(db), getDataVersion(db), getDataVersion(db)]);
      expect(queries).toHaveBeenCalledTimes(1);
      expect(new Set(versions).size).toBe(1);
      await getDataVersion(db);
      expect(queries).toHaveBeenCalledTimes(2);
    } finally {
      queries.mockRestore();
    }
  });
});
