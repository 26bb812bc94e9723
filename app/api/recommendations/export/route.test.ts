/**
 * GET /api/recommendations/export, called in process over a migrated SQLite file with the demo
 * fleet (the handler reaches the database through getDb(), so DATABASE_URL is set before it is
 * imported): each format's headers and body, the page's filter, and 422 for an unknown format.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { ensureRecommendationsFresh } from "@/lib/db/queries/recommendation-store";
import { loadDemoFleet } from "@/lib/demo/load";
import { recommendationExportSchema } from "@/lib/schemas/recommendation";
import { migrateDatabase } from "@/test/pg-harness";

type Handler = (request: Request, context: unknown) => Promise<Response>;

const FILE = path.join(os.tmpdir(), `breakeven-recommendations-export-${randomUUID()}.db`);
const ORIGIN = "http://127.0.0.1:3000";

let db: Db;
let GET: Handler;

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  ({ GET } = await import("./route"));
  db = (await import("@/lib/db/client")).getDb();
  await loadDemoFleet(db, { asOf: new Date("2026-11-01T00:00:00.000Z") });
  await ensureRecommendationsFresh(db);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

async function get(search: string): Promise<Response> {
  return GET(new Request(`${ORIGIN}/api/recommendations/export${search}`), {});
}

describe("GET /api/recommendations/export", () => {
  it("answers the JSON export of the page's filter as a dated attachment, not cached", async () => {
    const response = await get("?format=json&status=all&kind=lambda-arm64");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="breakeven-recommendations-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = recommendationExportSchema.parse(await response.json());
    expect(body.filter).toEqual({ status: "all", kind: "lambda-arm64" });
    expect(body.recommendations.length).toBeGreaterThan(0);
    expect(body.recommendations.every((r) => r.kind === "lambda-arm64")).toBe(true);
    expect(body.totals.count).toBe(body.recommendations.length);
    const savings = body.recommendations.map((r) => r.monthlySavingUsd ?? -Infinity);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
  });

  it("answers a CSV with a BOM that csv-parse reads back, one row per item", async () => {
    const [csvResponse, jsonResponse] = await Promise.all([get("?format=csv"), get("?format=json")]);
    expect(csvResponse.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvResponse.headers.get("content-disposition")).toMatch(/\.csv"$/);
    const bytes = new Uint8Array(await csvResponse.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const json = recommendationExportSchema.parse(await jsonResponse.json());
    expect(rows.map((row) => row.id)).toEqual(json.recommendations.map((r) => r.id));
    expect(rows.every((row) => row.status === "open" || row.status === "accepted")).toBe(true);
  });

  it("answers the Markdown report", async () => {
    const response = await get("?format=md&min=100");
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const text = await response.text();
    expect(text).toMatch(/^# Breakeven recommendations\n/);
    expect(text).toContain("monthly saving at least $100.00");
  });

  it.each([["?format=xml"], ["?format="], [""]])("refuses %j with 422 naming the format", async (search) => {
    const response = await get(search);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; fieldErrors: Record<string, string> } };
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.fieldErrors.format).toBe("format must be one of csv, json, md");
  });
});
