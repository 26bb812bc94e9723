/**
 * Lambda REPORT lines through Logs Insights (opt-in per account), against the loopback fake: the
 * sync's fixed query returns per function, day and memory size the figures moto cannot aggregate;
 * they become MemoryObservation rows with source "logs". Off by default: no query at all. A query
 * still running at the deadline is stopped and named.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import { readSyncAccounts, type SyncAccount } from "@/lib/db/import/sync-state";
import { syncAccount, type SyncAccountOptions } from "@/lib/sync";
import { applyAwsTestEnv } from "@/test/aws/moto";
import {
  startFakeAws,
  type FakeAwsHandle,
  type LogsInsightsQuery,
  type FakeFleet,
} from "@/test/aws/fake-aws";
import { migrateDatabase } from "@/test/pg-harness";
import { clearAllTables } from "@/test/tables";

const ACCOUNT = "111122223333";
const DAY_MS = 86_400_000;
const FAST: SyncAccountOptions = { clientSettings: { maxAttempts: 2, requestTimeoutMs: 2_000 }, days: 3 };

let file: string;
let db: Db;
let fake: FakeAwsHandle | undefined;
let restoreEnv: (() => void) | undefined;

beforeAll(() => {
  file = path.join(os.tmpdir(), `breakeven-sync-logs-${randomUUID()}.db`);
  migrateDatabase(`file:${file}`);
  db = createDb(`file:${file}`);
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
});

beforeEach(async () => {
  await clearAllTables(db);
});

afterEach(async () => {
  restoreEnv?.();
  await fake?.stop();
});

/** What Logs Insights answers for the sync's REPORT query: one row per log group, day and memory size. */
function reportRows(query: LogsInsightsQuery, fleet: FakeFleet) {
  const rows: Record<string, string>[] = [];
  const firstDay = Math.ceil((query.startTime * 1000) / DAY_MS) * DAY_MS;
  for (const group of query.logGroupNames) {
    const fn = fleet.functions().find((candidate) => `/aws/lambda/${candidate.name}` === group);
    if (!fn || fn.idle) continue;
    for (let day = firstDay; day < query.endTime * 1000; day += DAY_MS) {
      rows.push({
        "@log": `${ACCOUNT}:${group}`,
        "bin(1d)": new Date(day).toISOString().replace("T", " ").replace("Z", ""),
        "@memorySize": String(fn.memoryMb * 1_048_576),
        invocations: "1000",
        durationAvgMs: "42.5",
        billedP50Ms: "40",
        billedP95Ms: "90",
        billedP99Ms: "150",
        maxMemoryUsedBytes: String(Math.round(fn.memoryMb * 0.4 * 1_048_576)),
        initDurationAvgMs: "310.5",
        coldStarts: "7",
      });
    }
  }
  return rows;
}

async function start(options: { logsQueryRunningPolls?: number } = {}) {
  fake = await startFakeAws({
    fleet: { functions: 6, services: 0 },
    accountId: ACCOUNT,
    logsInsightsRows: reportRows,
    ...options,
  });
  restoreEnv = applyAwsTestEnv(fake.endpoint);
}

async function addAccount(isLogsInsightsEnabled: boolean): Promise<SyncAccount> {
  await db.account.create({
    data: {
      id: ACCOUNT,
      name: "fake",
      isLogsInsightsEnabled,
      regions: { create: [{ region: "us-east-1" }] },
    },
  });
  const writer = await openBulkWriter(db);
  try {
    return (await readSyncAccounts(writer, ACCOUNT))[0]!;
  } finally {
    await writer.close();
  }
}

it("reads REPORT lines into logs observations when the account opts in", async () => {
  await start();
  const result = await syncAccount(db, await addAccount(true), FAST);
  expect(result.status).toBe("succeeded");
  expect(result.calls["logs:StartQuery"]).toBeGreaterThan(0);
  const rows = await db.memoryObservation.findMany({
    where: { source: "logs" },
    orderBy: [{ functionArn: "asc" }, { observedOn: "asc" }],
  });
  const active = fake!.fleet.functions().filter((fn) => !fn.idle);
  expect(new Set(rows.map((row) => row.functionArn))).toEqual(new Set(active.map((fn) => fn.arn)));
  for (const row of rows) {
    const fn = active.find((candidate) => candidate.arn === row.functionArn)!;
    expect(row).toMatchObject({
      memoryMb: fn.memoryMb,
      architecture: fn.architecture,
      invocations: 1000,
      durationAvgMs: 42.5,
      durationP50Ms: 40,
      durationP95Ms: 90,
      durationP99Ms: 150,
      initDurationAvgMs: 310.5,
      coldStarts: 7,
    });
    expect(row.maxMemoryUsedMb).toBe(Math.round(fn.memoryMb * 0.4));
    expect(row.observedOn.getTime() % DAY_MS).toBe(0);
  }
  // Both evidence sources are kept side by side.
  expect(await db.memoryObservation.count({ where: { source: "metrics" } })).toBeGreaterThan(0);
}, 60_000);

it("runs no Logs Insights query for an account that did not opt in (it is paid)", async () => {
  await start();
  const result = await syncAccount(db, await addAccount(false), FAST);
  expect(result.status).toBe("succeeded");
  expect(fake!.logsQueries).toEqual([]);
  expect(Object.keys(result.calls).filter((api) => api.startsWith("logs:"))).toEqual([]);
  expect(await db.memoryObservation.count({ where: { source: "logs" } })).toBe(0);
}, 60_000);

it("stops queries still running at the deadline and names what is missing", async () => {
  await start({ logsQueryRunningPolls: 1_000_000 });
  const result = await syncAccount(db, await addAccount(true), { ...FAST, logsDeadlineMs: 1_500 });
  expect(result.status).toBe("partial");
  expect(result.issues.some((issue) => issue.api.startsWith("logs:"))).toBe(true);
  expect(result.calls["logs:StopQuery"]).toBeGreaterThan(0);
  expect(await db.memoryObservation.count({ where: { source: "logs" } })).toBe(0);
  // Everything else is there.
  expect(await db.metricPoint.count()).toBeGreaterThan(0);
}, 60_000);
