/**
 * /api/scenarios, called in process. The write guards refuse what never reaches the database: a
 * cross-site request (403, the check every write route gets from withRoute) and a body far larger
 * than a scenario (413). The list pages over a migrated SQLite file (the handlers reach the
 * database through getDb(), so DATABASE_URL is set before they are imported).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { scenarioListSchema } from "@/lib/schemas/scenario";
import { migrateDatabase } from "@/test/pg-harness";
import { insertSavedScenarios, toSavedScenarioName } from "@/test/scenario-test-db";

type Handler = (request: Request, context: unknown) => Promise<Response>;

const FILE = path.join(os.tmpdir(), `breakeven-scenarios-route-${randomUUID()}.db`);
const ORIGIN = "http://127.0.0.1:3000";

let db: Db;
let GET: Handler;
let POST: Handler;

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  ({ GET, POST } = await import("./route"));
  db = (await import("@/lib/db/client")).getDb();
  await insertSavedScenarios(db, 520);
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}/api/scenarios`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

async function get(search = ""): Promise<Response> {
  return GET(new Request(`${ORIGIN}/api/scenarios${search}`), {});
}

describe("POST /api/scenarios guards", () => {
  it("refuses a write from another site with 403", async () => {
    const response = await POST(post("{}", { origin: "https://evil.example" }), {});
    expect(response.status).toBe(403);
  });

  it("refuses a body ten times larger than the 64 KB limit with 413, before parsing it", async () => {
    const response = await POST(post(JSON.stringify({ name: "x".repeat(640 * 1024) })), {});
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  });
});

describe("GET /api/scenarios paging (520 saved)", () => {
  it("answers the first page of 20 with the total, keeping `scenarios` as full scenarios", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    const body = scenarioListSchema.parse(await response.json());
    expect(body).toMatchObject({ totalCount: 520, page: 1, pageSize: 20, pageCount: 26, requestedPage: 1 });
    expect(body.scenarios).toHaveLength(20);
    expect(body.scenarios[0]).toMatchObject({ name: toSavedScenarioName(0), inputWarnings: [] });
    expect(body.scenarios[0]!.input.memoryMb).toBeGreaterThan(0);
  });

  it("reaches past the old 500 cap: page 6 of 100 has the last 20", async () => {
    const body = scenarioListSchema.parse(await (await get("?page=6&pageSize=100")).json());
    expect(body).toMatchObject({ totalCount: 520, page: 6, pageSize: 100, pageCount: 6 });
    expect(body.scenarios.map((s) => s.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => toSavedScenarioName(500 + i)),
    );
  });

  it("clamps page=999999 to the last page and says which page was asked for", async () => {
    const body = scenarioListSchema.parse(await (await get("?page=999999")).json());
    expect(body).toMatchObject({ page: 26, pageCount: 26, requestedPage: 999_999 });
    expect(body.scenarios.at(-1)!.name).toBe(toSavedScenarioName(519));
  });

  it.each([
    ["?page=abc", "page"],
    ["?page=0", "page"],
    ["?page=1.5", "page"],
    ["?page=1000001", "page"],
    ["?pageSize=0", "pageSize"],
    ["?pageSize=101", "pageSize"],
    ["?pageSize=ten", "pageSize"],
  ])("rejects %s with 422 naming the parameter", async (search, param) => {
    const response = await get(search);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; fieldErrors: Record<string, string> } };
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fieldErrors)).toEqual([param]);
  });

  it("treats an empty page or pageSize as the default", async () => {
    const body = scenarioListSchema.parse(await (await get("?page=&pageSize=")).json());
    expect(body).toMatchObject({ page: 1, pageSize: 20 });
  });
});
