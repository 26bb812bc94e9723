/**
 * The sync's AWS Compute Optimizer step against a loopback fake of the service (moto has none): the
 * real SDK client speaks AWS JSON 1.0 (`X-Amz-Target: ComputeOptimizerService.<Operation>`) to a
 * node:http server on 127.0.0.1 that answers from the recorded-shape fixtures — two pages joined
 * by nextToken, the `Unavailable` functions only when the request filters on them — or with an
 * error (not enrolled: HTTP 400 OptInRequiredException; AccessDeniedException). Everything else of
 * the sync is served by test/aws/fake-aws.ts.
 */
import http from "node:http";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import ecsFixture from "@/lib/aws/__fixtures__/compute-optimizer-ecs-recommendations.json";
import lambdaFixture from "@/lib/aws/__fixtures__/compute-optimizer-lambda-recommendations.json";
import { createDb, type Db } from "@/lib/db/create-db";
import { readSyncAccount } from "@/test/sync/read-sync-account";
import { deleteAccountWithData } from "@/lib/db/queries/accounts";
import { getComputeOptimizerAdvice } from "@/lib/db/queries/compute-optimizer";
import { syncAccount, type SyncAccountOptions } from "@/lib/sync";
import { applyAwsTestEnv } from "@/test/aws/moto";
import { startFakeAws, type FakeAwsHandle } from "@/test/aws/fake-aws";
import { migrateDatabase } from "@/test/pg-harness";
import { clearAllTables } from "@/test/tables";

const ACCOUNT = "111122223333";
const FAST: SyncAccountOptions = { clientSettings: { maxAttempts: 2, requestTimeoutMs: 2_000 }, days: 2 };
const LAMBDA_TARGET = "ComputeOptimizerService.GetLambdaFunctionRecommendations";
const ECS_TARGET = "ComputeOptimizerService.GetECSServiceRecommendations";

type Mode = "ok" | "not-enrolled" | "access-denied";
type SeenRequest = { target: string; body: Record<string, unknown> };

/** The fake Compute Optimizer: answers from the fixtures, or fails as `mode` says. */
async function startFakeComputeOptimizer(): Promise<{
  endpoint: string;
  requests: SeenRequest[];
  setMode: (mode: Mode) => void;
  stop: () => Promise<void>;
}> {
  let mode: Mode = "ok";
  const requests: SeenRequest[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => {
      const target = String(req.headers["x-amz-target"] ?? "");
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      requests.push({ target, body });
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
        res.end(JSON.stringify(payload));
      };
      if (mode === "not-enrolled")
        return reply(400, {
          __type: "OptInRequiredException",
          message: "The account is not opted in to AWS Compute Optimizer.",
        });
      if (mode === "access-denied")
        return reply(400, {
          __type: "AccessDeniedException",
          message: `User is not authorized to perform: compute-optimizer:${target.split(".")[1]}`,
        });
      if (target === LAMBDA_TARGET) {
        const filters = (body.filters ?? []) as { name: string; values: string[] }[];
        const isUnavailable = filters.some((f) => f.name === "Finding" && f.values.includes("Unavailable"));
        if (isUnavailable) return reply(200, lambdaFixture.unavailablePages[0]);
        return reply(200, body.nextToken === "page-2" ? lambdaFixture.pages[1] : lambdaFixture.pages[0]);
      }
      if (target === ECS_TARGET) return reply(200, ecsFixture.pages[0]);
      return reply(400, { __type: "UnknownOperationException", message: target });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    setMode: (next) => {
      mode = next;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let file: string;
let db: Db;

beforeAll(() => {
  file = path.join(os.tmpdir(), `breakeven-sync-co-${randomUUID()}.db`);
  migrateDatabase(`file:${file}`);
  db = createDb(`file:${file}`);
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
});

const readAccount = () => readSyncAccount(db, ACCOUNT);

describe("sync: AWS Compute Optimizer", () => {
  let fake: FakeAwsHandle;
  let co: Awaited<ReturnType<typeof startFakeComputeOptimizer>>;
  let restoreEnv: () => void;
  let previousCoEndpoint: string | undefined;

  beforeEach(async () => {
    await clearAllTables(db);
    await db.account.create({
      data: {
        id: ACCOUNT,
        name: "fake",
        isCostExplorerEnabled: false,
        regions: { create: [{ region: "us-east-1" }] },
      },
    });
    fake = await startFakeAws({ fleet: { functions: 3, services: 1 }, accountId: ACCOUNT });
    co = await startFakeComputeOptimizer();
    restoreEnv = applyAwsTestEnv(fake.endpoint);
    previousCoEndpoint = process.env.AWS_ENDPOINT_URL_COMPUTE_OPTIMIZER;
    process.env.AWS_ENDPOINT_URL_COMPUTE_OPTIMIZER = co.endpoint;
  });

  afterEach(async () => {
    if (previousCoEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_COMPUTE_OPTIMIZER;
    else process.env.AWS_ENDPOINT_URL_COMPUTE_OPTIMIZER = previousCoEndpoint;
    restoreEnv?.();
    await co?.stop();
    await fake?.stop();
  });

  it("reads every page, the Unavailable functions too, and the ECS services; the run succeeds", async () => {
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("succeeded");
    expect(result.issues).toEqual([]);

    // Two pages of the plain query (the second asked with its nextToken), then the Unavailable one.
    const lambdaRequests = co.requests.filter((r) => r.target === LAMBDA_TARGET);
    expect(lambdaRequests.map((r) => [r.body.nextToken ?? null, r.body.filters ?? null])).toEqual([
      [null, null],
      ["page-2", null],
      [null, [{ name: "Finding", values: ["Unavailable"] }]],
    ]);
    expect(result.calls["compute-optimizer:GetLambdaFunctionRecommendations"]).toBe(3);
    expect(result.calls["compute-optimizer:GetECSServiceRecommendations"]).toBe(1);

    const rows = await db.computeOptimizerRecommendation.findMany({ orderBy: { resourceArn: "asc" } });
    expect(rows.map((row) => [row.resourceArn.split(/[:/]/).at(-1), row.qualifier, row.finding])).toEqual([
      ["checkout", "", "Overprovisioned"],
      ["search", "", "Optimized"],
      ["nightly-cleanup", "$LATEST", "Unavailable"],
      ["orders-api", "$LATEST", "NotOptimized"],
      ["report-builder", "3", "NotOptimized"],
      ["thumbnailer", "$LATEST", "Optimized"],
    ]);
    expect(rows.every((row) => row.source === "api" && row.accountId === ACCOUNT)).toBe(true);
    const states = await db.computeOptimizerState.findMany({ orderBy: { resourceKind: "asc" } });
    expect(states.map((s) => [s.resourceKind, s.status, s.recommendations])).toEqual([
      ["fargate", "ok", 2],
      ["lambda", "ok", 4],
    ]);
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(JSON.parse(run.detailJson).computeOptimizer).toEqual({
      "us-east-1/lambda": { status: "ok", code: null, recommendations: 4 },
      "us-east-1/fargate": { status: "ok", code: null, recommendations: 2 },
    });

    // The card's data: AWS's advice for the function; Unavailable left out unless asked for.
    const advice = await getComputeOptimizerAdvice(
      { arn: "arn:aws:lambda:us-east-1:111122223333:function:orders-api", kind: "lambda" },
      {},
      db,
    );
    expect(advice.state?.status).toBe("ok");
    expect(advice.items).toEqual([
      expect.objectContaining({
        qualifier: "$LATEST",
        source: "api",
        finding: "NotOptimized",
        currentMemoryMb: 1024,
        recommendedMemoryMb: 512,
        projectedDurationExpectedMs: 184.3,
        estimatedMonthlySavings: { amount: 3.12, currency: "USD" },
        lookbackDays: 14,
        lastRefreshAt: "2026-11-24T06:00:00.000Z",
      }),
    ]);
    const cleanup = {
      arn: "arn:aws:lambda:us-east-1:111122223333:function:nightly-cleanup",
      kind: "lambda" as const,
    };
    expect((await getComputeOptimizerAdvice(cleanup, {}, db)).items).toEqual([]);
    expect((await getComputeOptimizerAdvice(cleanup, {}, db)).unavailableCount).toBe(1);
    expect((await getComputeOptimizerAdvice(cleanup, { includeUnavailable: true }, db)).items).toHaveLength(
      1,
    );

    // Removing the account removes its Compute Optimizer rows.
    await deleteAccountWithData(ACCOUNT, db);
    expect(await db.computeOptimizerRecommendation.count()).toBe(0);
    expect(await db.computeOptimizerState.count()).toBe(0);
  }, 60_000);

  it("not enrolled: recorded once per kind, one request, the run not failed; earlier advice is kept", async () => {
    await syncAccount(db, await readAccount(), FAST);
    co.requests.length = 0;
    co.setMode("not-enrolled");
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("succeeded");
    expect(result.issues).toEqual([]);
    // The ECS call would say the same: not made.
    expect(co.requests.map((r) => r.target)).toEqual([LAMBDA_TARGET]);
    const states = await db.computeOptimizerState.findMany({ orderBy: { resourceKind: "asc" } });
    expect(states.map((s) => [s.resourceKind, s.status, s.code])).toEqual([
      ["fargate", "not-enrolled", "OptInRequiredException"],
      ["lambda", "not-enrolled", "OptInRequiredException"],
    ]);
    expect(await db.lambdaFunction.count({ where: { accountId: ACCOUNT } })).toBe(3);
    // A failed read replaces nothing: the last advice stays, with its refresh date.
    expect(await db.computeOptimizerRecommendation.count()).toBe(6);
    const advice = await getComputeOptimizerAdvice(
      { arn: "arn:aws:ecs:us-east-1:111122223333:service/prod/checkout", kind: "fargate" },
      {},
      db,
    );
    expect(advice.state).toMatchObject({ status: "not-enrolled", code: "OptInRequiredException" });
    expect(advice.items).toHaveLength(1);
  }, 60_000);

  it("access denied on a first sync: state recorded for both kinds, no rows, the run succeeds", async () => {
    co.setMode("access-denied");
    const result = await syncAccount(db, await readAccount(), FAST);
    expect(result.status).toBe("succeeded");
    expect(result.issues).toEqual([]);
    expect(co.requests.map((r) => r.target)).toEqual([LAMBDA_TARGET, ECS_TARGET]);
    const states = await db.computeOptimizerState.findMany({ orderBy: { resourceKind: "asc" } });
    expect(states.map((s) => [s.resourceKind, s.status])).toEqual([
      ["fargate", "access-denied"],
      ["lambda", "access-denied"],
    ]);
    expect(await db.computeOptimizerRecommendation.count()).toBe(0);
    const advice = await getComputeOptimizerAdvice(
      { arn: "arn:aws:lambda:us-east-1:111122223333:function:orders-api", kind: "lambda" },
      {},
      db,
    );
    expect(advice).toMatchObject({ items: [], state: { status: "access-denied" } });
  }, 60_000);
});
