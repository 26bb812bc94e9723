/**
 * POST /api/functions/:functionId/power-tuning, called in process against a migrated SQLite file
 * (the handler reaches the database through getDb(), so DATABASE_URL is set before it is imported).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { FN, insertFixtureFleet } from "@/test/fleet-test-db";
import { migrateDatabase } from "@/test/pg-harness";
import { clearAllTables } from "@/test/tables";

const FILE = path.join(os.tmpdir(), `breakeven-power-tuning-route-${randomUUID()}.db`);
let db: Db;
let POST: (request: Request, context: { params: Promise<{ functionId: string }> }) => Promise<Response>;

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  ({ POST } = await import("./route"));
  db = (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

beforeEach(async () => {
  await clearAllTables(db);
  await insertFixtureFleet(db);
});

// bravo: eu-west-1, x86_64 (test/fleet-test-db.ts).
const OUTPUT = {
  power: 512,
  stats: [
    { value: 128, averagePrice: 8.4e-8, averageDuration: 39.2 },
    { value: 512, averagePrice: 8.4e-8, averageDuration: 9.41 },
    { value: 3008, averagePrice: 2.35e-7, averageDuration: 4.7 },
  ],
};
const executionFor = (lambdaARN: string) =>
  JSON.stringify({
    executionArn: "arn:aws:states:eu-west-1:111111111111:execution:powerTuning:run-1",
    status: "SUCCEEDED",
    startDate: "2026-11-20T10:00:00.000Z",
    input: JSON.stringify({ lambdaARN, num: 10 }),
    output: JSON.stringify(OUTPUT),
  });

/** Posts `text` the way the page does: `{ "text": … }` as JSON. */
function post(
  functionId: string,
  text: string,
  headers: Record<string, string> = { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
) {
  const request = new Request(
    `http://localhost:3000/api/functions/${encodeURIComponent(functionId)}/power-tuning`,
    {
      method: "POST",
      body: JSON.stringify({ text }),
      headers: { host: "localhost:3000", "content-type": "application/json", ...headers },
    },
  );
  return POST(request, { params: Promise.resolve({ functionId }) });
}

async function errorOf(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error.message;
}

describe("POST /api/functions/:functionId/power-tuning", () => {
  it("imports a run: 200 with the count and the repriced points", async () => {
    const response = await post(FN.bravo.id, executionFor(FN.bravo.arn));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      imported: number;
      observedOn: string;
      points: { memoryMb: number; durationMs: number; costPerInvocationUsd: number | null }[];
    };
    expect(body.imported).toBe(3);
    expect(body.observedOn).toBe("2026-11-20");
    expect(body.points.map((p) => p.memoryMb)).toEqual([128, 512, 3008]);
    expect(body.points[1]!.costPerInvocationUsd).toBeCloseTo(2e-7 + 0.0000166667 * 0.5 * 0.01, 15);
    const rows = await db.memoryObservation.findMany({
      where: { functionArn: FN.bravo.arn, source: "power-tuning" },
    });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.architecture === "x86_64" && r.invocations === 10)).toBe(true);
  });

  it("accepts a visualization URL and requests without Origin (curl, same-origin fetch)", async () => {
    const sizes = Buffer.from(new Int16Array([128, 256]).buffer).toString("base64");
    const times = Buffer.from(new Float32Array([20, 10]).buffer).toString("base64");
    const costs = Buffer.from(new Float32Array([4.2e-8, 4.2e-8]).buffer).toString("base64");
    const response = await post(
      FN.bravo.id,
      `https://lambda-power-tuning.show/#${sizes};${times};${costs}`,
      {},
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { imported: number }).imported).toBe(2);
  });

  it("422 with one line for bad input and for another function's run", async () => {
    const bad = await post(FN.bravo.id, '{"foo": 1}');
    expect(bad.status).toBe(422);
    expect(await errorOf(bad)).toBe(
      "not Power Tuning output: expected `power`, `stats` or `stateMachine.visualization`",
    );
    const other = await post(FN.bravo.id, executionFor(FN.alpha.arn));
    expect(other.status).toBe(422);
    expect(await errorOf(other)).toBe(`this run tuned ${FN.alpha.arn}, not this function (${FN.bravo.arn})`);
    const empty = await post(FN.bravo.id, "");
    expect(empty.status).toBe(422);
    expect(await errorOf(empty)).toMatch(/^input is empty/);
  });

  it("404 for an unknown function", async () => {
    const response = await post("fn-nope", JSON.stringify(OUTPUT));
    expect(response.status).toBe(404);
  });

  it("413 above 256 KB, by Content-Length and by the actual body", async () => {
    // Refused on the declared length alone, before reading the body.
    const declared = await post(FN.bravo.id, JSON.stringify(OUTPUT), {
      "content-length": String(300 * 1024),
    });
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toMatch(/larger than 256 KB/);
    const big = await post(FN.bravo.id, `{"pad": "${"x".repeat(256 * 1024)}"}`);
    expect(big.status).toBe(413);
    // A streamed body has no Content-Length: the handler counts what it reads.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i += 1) controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
        controller.close();
      },
    });
    const request = new Request(`http://localhost:3000/api/functions/${FN.bravo.id}/power-tuning`, {
      method: "POST",
      body: stream,
      headers: { host: "localhost:3000" },
      duplex: "half",
    } as RequestInit);
    const streamed = await POST(request, { params: Promise.resolve({ functionId: FN.bravo.id }) });
    expect(streamed.status).toBe(413);
    expect(await db.memoryObservation.count({ where: { source: "power-tuning" } })).toBe(0);
  });

  it("403 for cross-site requests", async () => {
    const body = JSON.stringify(OUTPUT);
    expect((await post(FN.bravo.id, body, { origin: "https://evil.example" })).status).toBe(403);
    expect((await post(FN.bravo.id, body, { origin: "null" })).status).toBe(403);
    expect((await post(FN.bravo.id, body, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(await db.memoryObservation.count({ where: { source: "power-tuning" } })).toBe(0);
  });
});
