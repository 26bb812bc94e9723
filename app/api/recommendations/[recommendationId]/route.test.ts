/**
 * /api/recommendations/{id}, called in process over a migrated SQLite file with one stored
 * recommendation: GET answers it with its history; PATCH changes its status with the review rules
 * (409), bounds and validates its body (413, 422), refuses a write from another site (403), answers
 * 404 for an id that is not one, and records "local" as the author without a login.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { migrateDatabase } from "@/test/pg-harness";

type Handler = (
  request: Request,
  context: { params: Promise<{ recommendationId: string }> },
) => Promise<Response>;

const FILE = path.join(os.tmpdir(), `breakeven-recommendation-route-${randomUUID()}.db`);
const ORIGIN = "http://127.0.0.1:3000";

let db: Db;
let GET: Handler;
let PATCH: Handler;
let id: number;

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  ({ GET, PATCH } = (await import("./route")) as unknown as { GET: Handler; PATCH: Handler });
  db = (await import("@/lib/db/client")).getDb();
  const now = new Date("2026-12-01T08:00:00Z");
  const row = await db.recommendation.create({
    data: {
      key: "lambda-arm64:arn:aws:lambda:us-east-1:111111111111:function:api",
      kind: "lambda-arm64",
      resourceKind: "lambda",
      resourceArn: "arn:aws:lambda:us-east-1:111111111111:function:api",
      resourceId: "fn1",
      resourceName: "api",
      accountId: "111111111111",
      region: "us-east-1",
      currentConfig: "1,024 MB x86_64",
      proposedConfig: "1,024 MB arm64",
      proposedJson: JSON.stringify({ memoryMb: 1024, architecture: "arm64" }),
      currentMonthlyCostUsd: 20,
      proposedMonthlyCostUsd: 16,
      monthlySavingUsd: 4,
      savingPercent: 0.2,
      confidence: "medium",
      confidenceRank: 2,
      summary: "Move api to arm64",
      evidenceJson: "[]",
      assumptionsJson: "[]",
      risksJson: "[]",
      firstSeenAt: now,
      computedAt: now,
    },
  });
  id = row.id;
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

const context = (recommendationId: string | number) => ({
  params: Promise.resolve({ recommendationId: String(recommendationId) }),
});

function patch(recommendationId: string | number, body: string, headers: Record<string, string> = {}) {
  return PATCH(
    new Request(`${ORIGIN}/api/recommendations/${recommendationId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json", ...headers },
      body,
    }),
    context(recommendationId),
  );
}

describe("PATCH /api/recommendations/{id}", () => {
  it("accepts, then dismisses with a reason, recording who and when", async () => {
    const accepted = await patch(id, JSON.stringify({ status: "accepted" }));
    expect(accepted.status).toBe(200);
    expect((await accepted.json()).item).toMatchObject({ status: "accepted", statusActor: "local" });
    const dismissed = await patch(
      id,
      JSON.stringify({ status: "dismissed", reason: "layer has x86 binaries" }),
    );
    const body = await dismissed.json();
    expect(body.item).toMatchObject({ status: "dismissed", dismissReason: "layer has x86 binaries" });
    expect(body.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(["dismissed", "accepted"]);
  });

  it("answers 409 with the rule for a change the workflow refuses", async () => {
    const response = await patch(id, JSON.stringify({ status: "done" }));
    expect(response.status).toBe(409);
    expect((await response.json()).error.message).toBe("Only an accepted recommendation can be marked done.");
    const noReason = await patch(id, JSON.stringify({ status: "open" }));
    expect(noReason.status).toBe(200);
    const dismissWithoutReason = await patch(id, JSON.stringify({ status: "dismissed", reason: " " }));
    expect(dismissWithoutReason.status).toBe(422);
    expect((await dismissWithoutReason.json()).error.fieldErrors).toEqual({
      reason: "Say why the recommendation is dismissed.",
    });
  });

  it("answers 422 for an unknown status, extra fields or a reason over 500 characters", async () => {
    for (const body of [
      { status: "deleted" },
      { status: "accepted", owner: "me" },
      { status: "dismissed", reason: "x".repeat(501) },
    ]) {
      expect((await patch(id, JSON.stringify(body))).status).toBe(422);
    }
    expect((await patch(id, "{not json")).status).toBe(422);
  });

  it("answers 413 for a body far over its 4 KB limit, and 403 for a write from another site", async () => {
    expect(
      (await patch(id, JSON.stringify({ status: "accepted", reason: "x".repeat(64 * 1024) }))).status,
    ).toBe(413);
    const crossSite = await patch(id, JSON.stringify({ status: "accepted" }), {
      origin: "https://evil.example",
    });
    expect(crossSite.status).toBe(403);
    const row = await db.recommendation.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("open");
  });

  it("answers 404 for an id that is not a stored recommendation", async () => {
    for (const bad of [id + 1000, "abc", "0", "1e3", "-1"])
      expect((await patch(bad, JSON.stringify({ status: "accepted" }))).status).toBe(404);
  });
});

describe("GET /api/recommendations/{id}", () => {
  it("answers the item and its history, newest first", async () => {
    const response = await GET(new Request(`${ORIGIN}/api/recommendations/${id}`), context(id));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.item).toMatchObject({ id, href: "/functions/fn1", status: "open" });
    expect(body.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      "open",
      "dismissed",
      "accepted",
    ]);
  });
});
