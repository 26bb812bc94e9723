/**
 * /api/accounts, /api/accounts/:accountId and the 404/409 answers of …/sync, called in process
 * against a migrated SQLite file (the handlers reach the database through getDb(), so
 * DATABASE_URL is set before they are imported). Nothing here talks to AWS or starts a sync
 * process: "Test connection" and a real sync are covered by e2e/accounts.spec.ts against moto.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { currentLockOwner } from "@/lib/db/import/import-lock";
import { migrateDatabase } from "@/test/pg-harness";
import { clearAllTables } from "@/test/tables";

type Context = { params: Promise<{ accountId: string }> };
type Handler<C> = (request: Request, context: C) => Promise<Response>;

const FILE = path.join(os.tmpdir(), `breakeven-accounts-route-${randomUUID()}.db`);
const ORIGIN = "http://localhost:3000";
const SAME_SITE = { origin: ORIGIN, "sec-fetch-site": "same-origin" };
const ID = "123456789012";

let db: Db;
let list: { GET: Handler<unknown>; POST: Handler<unknown> };
let one: { GET: Handler<Context>; PATCH: Handler<Context>; DELETE: Handler<Context> };
let sync: { POST: Handler<Context> };

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  list = await import("./route");
  one = await import("./[accountId]/route");
  sync = await import("./[accountId]/sync/route");
  db = (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

beforeEach(async () => {
  await db.syncLock.deleteMany();
  await clearAllTables(db);
});

function request(
  method: string,
  pathAndQuery: string,
  body?: BodyInit | null,
  headers: Record<string, string> = SAME_SITE,
): Request {
  return new Request(`${ORIGIN}${pathAndQuery}`, {
    method,
    body: body ?? null,
    headers: { host: "localhost:3000", "content-type": "application/json", ...headers },
  });
}

const context = (accountId: string): Context => ({ params: Promise.resolve({ accountId }) });

type ErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string> } };

const addAccount = (body: Record<string, unknown>, headers?: Record<string, string>) =>
  list.POST(request("POST", "/api/accounts", JSON.stringify(body), headers), undefined);

const VALID = { id: ID, name: "prod", regions: ["us-east-1"] };

describe("POST /api/accounts and GET /api/accounts", () => {
  it("201 with the account, then lists it without the ExternalId", async () => {
    const created = await addAccount({
      ...VALID,
      regions: ["us-east-1", "eu-west-1"],
      roleArn: `arn:aws:iam::${ID}:role/BreakevenRead`,
      externalId: "breakeven-ext",
      profile: "",
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      id: ID,
      regions: ["eu-west-1", "us-east-1"],
      externalId: "breakeven-ext",
      profile: null,
      isLogsInsightsEnabled: false,
    });
    const listed = await list.GET(request("GET", "/api/accounts"), undefined);
    expect(listed.status).toBe(200);
    const body = (await listed.json()) as { accounts: Record<string, unknown>[] };
    expect(body.accounts).toHaveLength(1);
    expect(body.accounts[0]).toMatchObject({ id: ID, hasExternalId: true, recentRuns: [] });
    expect(body.accounts[0]).not.toHaveProperty("externalId");
    expect(JSON.stringify(body)).not.toContain("breakeven-ext");
  });

  it("422 with a field error per bad field", async () => {
    const response = await addAccount({
      id: "12345",
      name: "",
      regions: ["us-east-1", "mars-1"],
      roleArn: "arn:aws:iam::123:user/x",
      profile: "has spaces",
      isLogsInsightsEnabled: "yes",
    });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(
      ["id", "isLogsInsightsEnabled", "name", "profile", "regions.1", "roleArn"].sort(),
    );
    expect(error.fieldErrors?.id).toMatch(/12 digits/);
  });

  it("422 for an ExternalId without a role, no regions, too many regions and malformed JSON", async () => {
    const noRole = await addAccount({ ...VALID, externalId: "ext-id" });
    expect(noRole.status).toBe(422);
    expect(((await noRole.json()) as ErrorBody).error.fieldErrors).toHaveProperty("externalId");
    const noRegions = await addAccount({ ...VALID, regions: [] });
    expect(((await noRegions.json()) as ErrorBody).error.fieldErrors).toHaveProperty("regions");
    // 21 codes but one distinct: duplicates are removed before the limit is checked.
    const many = Array.from({ length: 21 }, () => "us-east-1");
    expect((await addAccount({ ...VALID, regions: many })).status).toBe(201);
    await db.accountRegion.deleteMany();
    await db.account.deleteMany();
    const tooMany = Array.from({ length: 21 }, (_, i) => `xx-region${String.fromCharCode(97 + i)}-1`);
    const tooManyResponse = await addAccount({ ...VALID, regions: tooMany });
    expect(tooManyResponse.status).toBe(422);
    expect(((await tooManyResponse.json()) as ErrorBody).error.fieldErrors?.regions).toMatch(/At most 20/);
    const garbage = await list.POST(request("POST", "/api/accounts", "{not json"), undefined);
    expect(garbage.status).toBe(422);
  });

  it("409 for an id that is configured already", async () => {
    expect((await addAccount(VALID)).status).toBe(201);
    const again = await addAccount({ ...VALID, name: "again" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error.message).toMatch(/already configured/);
  });

  it("403 for a cross-site write, 413 above 16 KB", async () => {
    const cross = await addAccount(VALID, { origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect(cross.status).toBe(403);
    const big = await addAccount({ ...VALID, name: "x".repeat(17 * 1024) });
    expect(big.status).toBe(413);
    const declared = await list.POST(
      request("POST", "/api/accounts", JSON.stringify(VALID), {
        ...SAME_SITE,
        "content-length": String(32 * 1024),
      }),
      undefined,
    );
    expect(declared.status).toBe(413);
    expect(await db.account.count()).toBe(0);
  });
});

describe("/api/accounts/:accountId", () => {
  it("GET returns the ExternalId; 404 for unknown, malformed and demo ids", async () => {
    await addAccount({ ...VALID, roleArn: `arn:aws:iam::${ID}:role/R`, externalId: "ext-1" });
    const found = await one.GET(request("GET", `/api/accounts/${ID}`), context(ID));
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ id: ID, externalId: "ext-1" });
    expect(
      (await one.GET(request("GET", "/api/accounts/210987654321"), context("210987654321"))).status,
    ).toBe(404);
    expect((await one.GET(request("GET", "/api/accounts/nope"), context("nope"))).status).toBe(404);
    await db.account.create({ data: { id: "999999999999", name: "demo", isDemo: true } });
    expect(
      (await one.GET(request("GET", "/api/accounts/999999999999"), context("999999999999"))).status,
    ).toBe(404);
  });

  it("PATCH toggles Logs Insights and replaces regions; 422 and 404", async () => {
    await addAccount(VALID);
    const patched = await one.PATCH(
      request(
        "PATCH",
        `/api/accounts/${ID}`,
        JSON.stringify({ isLogsInsightsEnabled: true, regions: ["eu-west-1"] }),
      ),
      context(ID),
    );
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ isLogsInsightsEnabled: true, regions: ["eu-west-1"] });
    const bad = await one.PATCH(
      request("PATCH", `/api/accounts/${ID}`, JSON.stringify({ name: "", regions: ["nowhere"] })),
      context(ID),
    );
    expect(bad.status).toBe(422);
    expect(Object.keys(((await bad.json()) as ErrorBody).error.fieldErrors ?? {}).sort()).toEqual([
      "name",
      "regions.0",
    ]);
    const missing = await one.PATCH(
      request("PATCH", "/api/accounts/210987654321", JSON.stringify({ name: "x" })),
      context("210987654321"),
    );
    expect(missing.status).toBe(404);
    const cross = await one.PATCH(
      request("PATCH", `/api/accounts/${ID}`, JSON.stringify({ name: "x" }), {
        origin: "https://evil.example",
      }),
      context(ID),
    );
    expect(cross.status).toBe(403);
  });

  it("DELETE needs ?confirm=yes (422), removes the account, then 404", async () => {
    await addAccount(VALID);
    const unconfirmed = await one.DELETE(request("DELETE", `/api/accounts/${ID}`), context(ID));
    expect(unconfirmed.status).toBe(422);
    expect(((await unconfirmed.json()) as ErrorBody).error.fieldErrors).toHaveProperty("confirm");
    expect(await db.account.count()).toBe(1);
    const cross = await one.DELETE(
      request("DELETE", `/api/accounts/${ID}?confirm=yes`, null, { "sec-fetch-site": "cross-site" }),
      context(ID),
    );
    expect(cross.status).toBe(403);
    const removed = await one.DELETE(request("DELETE", `/api/accounts/${ID}?confirm=yes`), context(ID));
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ rowsDeleted: 2 });
    expect(await db.account.count()).toBe(0);
    expect((await one.DELETE(request("DELETE", `/api/accounts/${ID}?confirm=yes`), context(ID))).status).toBe(
      404,
    );
  });

  it("DELETE answers 409 while a sync of the account runs", async () => {
    await addAccount(VALID);
    await db.syncRun.create({ data: { id: "aws-live", kind: "aws", status: "running", accountId: ID } });
    await db.syncLock.create({
      data: { scope: `account:${ID}`, runId: "aws-live", owner: currentLockOwner(), heartbeatAt: new Date() },
    });
    const response = await one.DELETE(request("DELETE", `/api/accounts/${ID}?confirm=yes`), context(ID));
    expect(response.status).toBe(409);
    expect(await db.account.count()).toBe(1);
  });
});

describe("POST /api/accounts/:accountId/sync (no process started)", () => {
  it("404 for an unknown account", async () => {
    const response = await sync.POST(
      request("POST", "/api/accounts/210987654321/sync"),
      context("210987654321"),
    );
    expect(response.status).toBe(404);
    expect(await db.syncRun.count()).toBe(0);
  });

  it("409 while a sync of the account runs", async () => {
    await addAccount(VALID);
    await db.syncRun.create({ data: { id: "aws-live", kind: "aws", status: "running", accountId: ID } });
    await db.syncLock.create({
      data: { scope: `account:${ID}`, runId: "aws-live", owner: currentLockOwner(), heartbeatAt: new Date() },
    });
    const response = await sync.POST(request("POST", `/api/accounts/${ID}/sync`), context(ID));
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorBody).error.message).toBe(
      "A sync of this account is already running",
    );
    expect(await db.syncRun.count()).toBe(1);
  });

  it("403 for a cross-site request", async () => {
    await addAccount(VALID);
    const response = await sync.POST(
      request("POST", `/api/accounts/${ID}/sync`, null, { "sec-fetch-site": "cross-site" }),
      context(ID),
    );
    expect(response.status).toBe(403);
    expect(await db.syncRun.count()).toBe(0);
  });
});
