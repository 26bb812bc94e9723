/**
 * POST /api/fleet/demo runs the load in its own process: the handler answers 202 at once, a second
 * request while it runs gets 409, the run's progress is readable, and the server keeps answering.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { migrateDatabase } from "@/test/pg-harness";

const FILE = path.join(os.tmpdir(), `breakeven-demo-route-${randomUUID()}.db`);
let db: Db;
let POST: (request: Request, context?: unknown) => Promise<Response>;
let GET_RUN: (request: Request, context: { params: Promise<{ runId: string }> }) => Promise<Response>;
let GET_HEALTH: () => Promise<Response>;

const SAME_ORIGIN = { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" };

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  ({ POST } = await import("./route"));
  ({ GET: GET_RUN } = await import("../../sync-runs/[runId]/route"));
  ({ GET: GET_HEALTH } = await import("../../health/route"));
  db = (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

async function readRun(runId: string) {
  const response = await GET_RUN(new Request(`http://localhost:3000/api/sync-runs/${runId}`), {
    params: Promise.resolve({ runId }),
  });
  return (await response.json()) as { status: string; step: string | null; error: string | null };
}

it("starts the load in another process, refuses a second one, and stays responsive", async () => {
  const started = Date.now();
  const response = await POST(
    new Request("http://localhost:3000/api/fleet/demo", { method: "POST", headers: SAME_ORIGIN }),
  );
  expect(response.status).toBe(202);
  expect(Date.now() - started).toBeLessThan(5_000); // it did not wait for the load
  const { runId } = (await response.json()) as { runId: string };
  expect(runId).toMatch(/^demo-/);

  const second = await POST(
    new Request("http://localhost:3000/api/fleet/demo", { method: "POST", headers: SAME_ORIGIN }),
  );
  expect(second.status).toBe(409);
  expect(((await second.json()) as { error: { message: string } }).error.message).toContain(
    "already loading",
  );

  // Poll until the child finishes; the health route answers meanwhile.
  const healthStatuses: number[] = [];
  let run = await readRun(runId);
  const deadline = Date.now() + 120_000;
  while (run.status === "running" && Date.now() < deadline) {
    healthStatuses.push((await GET_HEALTH()).status);
    await new Promise((resolve) => setTimeout(resolve, 200));
    run = await readRun(runId);
  }
  expect(run).toMatchObject({ status: "succeeded", step: "done", error: null });
  expect(healthStatuses.length).toBeGreaterThan(0);
  expect(healthStatuses.every((status) => status === 200)).toBe(true);
  expect(await db.lambdaFunction.count({ where: { isDemo: true } })).toBe(60);
  expect(await db.syncLock.count()).toBe(0);

  // The lock is free again.
  const third = await POST(
    new Request("http://localhost:3000/api/fleet/demo", { method: "POST", headers: SAME_ORIGIN }),
  );
  expect(third.status).toBe(202);
  const next = ((await third.json()) as { runId: string }).runId;
  let nextRun = await readRun(next);
  while (nextRun.status === "running" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    nextRun = await readRun(next);
  }
  expect(nextRun.status).toBe("succeeded");
}, 180_000);

it("refuses a cross-site request", async () => {
  const response = await POST(
    new Request("http://localhost:3000/api/fleet/demo", {
      method: "POST",
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    }),
  );
  expect(response.status).toBe(403);
});
