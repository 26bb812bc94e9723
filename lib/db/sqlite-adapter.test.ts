/**
 * Every SQLite connection Breakeven opens (createDb: the app, the CLIs, the tests) is in WAL mode
 * with a busy timeout, so a migration or an import can write while the server reads.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "./create-db";
import { SQLITE_BUSY_TIMEOUT_MS, toSqliteFilePath } from "./sqlite-adapter";

const FILE = path.join(os.tmpdir(), `breakeven-sqlite-adapter-${randomUUID()}.db`);
let db: Db | null = null;

afterEach(async () => {
  await db?.$disconnect();
  db = null;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

async function readPragma(target: Db, name: string): Promise<unknown> {
  const rows = await target.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Object.values(rows[0] ?? {})[0];
}

describe("createDb on SQLite", () => {
  it("opens the file in WAL mode, which stays with the file", async () => {
    db = createDb(`file:${FILE}`);
    expect(await readPragma(db, "journal_mode")).toBe("wal");
  });

  it("waits for another connection's lock for the busy timeout", async () => {
    db = createDb(`file:${FILE}`);
    expect(Number(await readPragma(db, "busy_timeout"))).toBe(SQLITE_BUSY_TIMEOUT_MS);
  });
});

describe("toSqliteFilePath", () => {
  it("resolves a relative file: URL against the given directory", () => {
    expect(toSqliteFilePath("file:./data/x.db", "/srv/breakeven")).toBe("/srv/breakeven/data/x.db");
    expect(toSqliteFilePath("file:/var/lib/x.db", "/srv/breakeven")).toBe("/var/lib/x.db");
  });
});
