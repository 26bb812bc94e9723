/**
 * GET /api/health checks that the database can be written, not only read (issue #8, Operations).
 *
 * Before: it ran `SELECT 1`, so a read-only database answered "ok" and then every save was a
 * generic 500. Now: 503 with one clear message. The route reaches the database through getDb(),
 * so DATABASE_URL is set before it is imported.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { migrateDatabase } from "@/test/pg-harness";
import {
  createTempDatabasePath,
  makeFileReadOnly,
  removeDatabaseFiles,
  startHolder,
  stopHolder,
} from "./sqlite-faults";

type HealthBody = { status: string; error?: { code: string; message: string } };

const FILE = createTempDatabasePath("health");
let GET: () => Promise<Response>;
let db: Db;

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  ({ GET } = await import("@/app/api/health/route"));
  db = (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await db?.$disconnect();
  removeDatabaseFiles(FILE);
});

async function getHealth(): Promise<{ status: number; body: HealthBody; text: string }> {
  const response = await GET();
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as HealthBody, text };
}

describe("GET /api/health on SQLite", () => {
  // First, before this process has opened the file: SQLite shares file descriptors between the
  // connections of one process, so a descriptor opened while the file was writable would go on
  // writing (as the server's own connection does when permissions change under it).
  it("answers 503 'read-only' for a database file it cannot write", async (context) => {
    const readOnly = makeFileReadOnly(FILE);
    if ("reason" in readOnly) {
      // CI must prove it; elsewhere (a root shell on a file system without chattr) say why not.
      if (process.env.CI) throw new Error(readOnly.reason);
      return context.skip(readOnly.reason);
    }
    let health: Awaited<ReturnType<typeof getHealth>>;
    try {
      health = await getHealth();
    } finally {
      readOnly.restore();
    }

    expect(health.status).toBe(503);
    expect(health.body.status).toBe("error");
    expect(health.body.error?.code).toBe("UNAVAILABLE");
    expect(health.body.error?.message).toMatch(/^The database is read-only/);
    // One clear message, no internals: no driver code, no file path.
    expect(health.text).not.toMatch(/SQLITE|readonly database|breakeven-health/);
  });

  it("answers ok for a database it can write", async () => {
    const { status, body } = await getHealth();
    expect(status).toBe(200);
    expect(body).toEqual({ status: "ok" });
  });

  it("answers ok at once while another process holds the write lock (it never waits for it)", async () => {
    let holder: ChildProcess | null = null;
    try {
      holder = await startHolder(FILE, "write-lock");
      const startedAtMs = Date.now();
      const { status, body } = await getHealth();
      expect(status).toBe(200);
      expect(body).toEqual({ status: "ok" });
      // Far below the busy timeout: waiting would block every request of the server meanwhile.
      expect(Date.now() - startedAtMs).toBeLessThan(1_000);
    } finally {
      await stopHolder(holder);
    }
  });
});
