/**
 * The sync against moto_server (a real AWS emulator on a free 127.0.0.1 port): a fleet of our own
 * making round-trips through `npm run sync` into the same inventory, invocations (to the unit),
 * durations (to 1 %) and task sizes; a second run changes nothing; a deleted function is marked
 * deleted; AssumeRole with ExternalId; an empty region. Without moto the tests skip with the
 * reason, except with CI=true, where a missing moto fails the run.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { runSync, syncAccount } from "@/lib/sync";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import { readSyncAccounts } from "@/lib/db/import/sync-state";
import {
  MOTO_ACCOUNT_ID,
  applyAwsTestEnv,
  awsTestEnv,
  motoSkipReason,
  startMoto,
  type MotoServer,
} from "@/test/aws/moto";
import { seedDeleteFunction, seedMotoFleet, type SeededFleet } from "@/test/aws/seed-moto";
import { migrateDatabase } from "@/test/pg-harness";

const ROOT = path.resolve(import.meta.dirname, "../..");
const skipReason = motoSkipReason();
const HOUR_MS = 3_600_000;

function childEnv(endpoint: string, databaseUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  for (const [name, value] of Object.entries(awsTestEnv(endpoint))) {
    if (value === "") delete env[name];
    else env[name] = value;
  }
  return env;
}

function runSyncCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/sync.ts"), ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(skipReason !== null)(
  `sync against moto_server${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    let moto: MotoServer;
    let fleet: SeededFleet;
    let db: Db;
    let url: string;
    let file: string;
    let restoreEnv: () => void;

    beforeAll(async () => {
      moto = await startMoto();
      restoreEnv = applyAwsTestEnv(moto.endpoint);
      fleet = await seedMotoFleet(moto.endpoint);
      file = path.join(os.tmpdir(), `breakeven-sync-moto-${randomUUID()}.db`);
      url = `file:${file}`;
      migrateDatabase(url);
      db = createDb(url);
    }, 120_000);

    afterAll(async () => {
      restoreEnv?.();
      await db?.$disconnect();
      await moto?.stop();
      for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
    });

    it("npm run sync reads the seeded fleet: inventory, invocations to the unit, durations to 1 %, task sizes", async () => {
      const result = await runSyncCli(["--json"], childEnv(moto.endpoint, url));
      // moto lacks provisioned-concurrency configs and answers percentile queries with HTTP 500:
      // the run is partial and says exactly that; everything else is there.
      expect(result.stderr).not.toMatch(/testing/); // no key in any output
      expect([0, 3]).toContain(result.code);
      const [summary] = JSON.parse(result.stdout) as {
        status: string;
        accountId: string;
        issues: { api: string; code: string; region: string }[];
        calls: Record<string, number>;
        estimatedCostUsd: number;
      }[];
      expect(summary?.accountId).toBe(MOTO_ACCOUNT_ID);
      expect(summary?.calls["sts:GetCallerIdentity"]).toBe(1);
      expect(summary?.calls["cloudwatch:GetMetricData"]).toBeGreaterThan(0);
      expect(summary?.estimatedCostUsd).toBeGreaterThan(0);
      for (const issue of summary?.issues ?? []) {
        expect(issue.region).toBe("us-east-1");
        expect(["lambda:ListProvisionedConcurrencyConfigs", "cloudwatch:GetMetricData"]).toContain(issue.api);
      }

      // The account of the default credentials was recorded.
      const account = await db.account.findUniqueOrThrow({
        where: { id: MOTO_ACCOUNT_ID },
        include: { regions: true },
      });
      expect(account.isDemo).toBe(false);
      expect(account.regions.map((region) => region.region)).toEqual(["us-east-1"]);
      expect(account.regions[0]?.metricsTo).not.toBeNull();

      const functions = await db.lambdaFunction.findMany({ orderBy: { name: "asc" } });
      expect(functions.map((fn) => fn.name)).toEqual(fleet.functions.map((fn) => fn.name).sort());
      for (const seeded of fleet.functions) {
        const stored = functions.find((fn) => fn.name === seeded.name)!;
        expect(stored).toMatchObject({
          arn: seeded.arn,
          memoryMb: seeded.memoryMb,
          architecture: seeded.architecture,
          runtime: seeded.runtime,
          accountId: MOTO_ACCOUNT_ID,
          region: "us-east-1",
          deletedAt: null,
        });
        expect(JSON.parse(stored.tagsJson)).toEqual(seeded.tags);
        expect(await db.lambdaConfigChange.count({ where: { functionId: stored.id } })).toBe(1);

        const hourly = await db.metricPoint.findMany({
          where: { resourceArn: seeded.arn, metric: "Invocations", stat: "Sum", granularity: "hour" },
          orderBy: { timestamp: "asc" },
        });
        const hourlyDuration = await db.metricPoint.findMany({
          where: { resourceArn: seeded.arn, metric: "Duration", stat: "Average", granularity: "hour" },
        });
        if (seeded.idle) {
          expect(hourly).toHaveLength(0);
          continue;
        }
        // Every seeded hour, to the unit.
        const seededByHour = new Map(seeded.hourly.map((hour) => [hour.timestamp.getTime(), hour]));
        expect(hourly.length).toBe(seeded.hourly.filter((hour) => hour.invocations > 0).length);
        for (const point of hourly) {
          expect(point.value).toBe(seededByHour.get(point.timestamp.getTime())?.invocations);
        }
        expect(hourly.reduce((sum, point) => sum + point.value, 0)).toBe(seeded.totals.invocations);
        for (const point of hourlyDuration) {
          const expected = seededByHour.get(point.timestamp.getTime())!.durationAvgMs;
          expect(Math.abs(point.value - expected) / expected).toBeLessThan(0.01);
        }
        // Daily points cover the complete days only (today is read by the next run).
        const dayStart = Math.floor(Date.now() / 86_400_000) * 86_400_000;
        const completeDays = seeded.hourly.filter((hour) => hour.timestamp.getTime() < dayStart);
        const daily = await db.metricPoint.findMany({
          where: { resourceArn: seeded.arn, metric: "Invocations", stat: "Sum", granularity: "day" },
        });
        expect(daily.reduce((sum, point) => sum + point.value, 0)).toBe(
          completeDays.reduce((sum, hour) => sum + hour.invocations, 0),
        );
      }

      // Summaries: the idle function is idle (0), not unknown; others count their complete days.
      const idle = fleet.functions.find((fn) => fn.idle)!;
      const idleSummary = await db.resourceSummary.findUniqueOrThrow({ where: { resourceArn: idle.arn } });
      expect(idleSummary.invocations).toBe(0);
      // No Cost Explorer data yet: cost is unknown, not $0.
      expect(idleSummary.costNanoUsd).toBeNull();

      // Evidence for recommendations: one metric-based observation per function and complete day.
      const observations = await db.memoryObservation.findMany({ where: { source: "metrics" } });
      expect(observations.length).toBeGreaterThan(0);
      for (const observation of observations) {
        const seeded = fleet.functions.find((fn) => fn.arn === observation.functionArn)!;
        expect(observation.memoryMb).toBe(seeded.memoryMb);
        expect(observation.maxMemoryUsedMb).toBeNull();
      }

      const services = await db.fargateService.findMany({ orderBy: { name: "asc" } });
      expect(services.map((service) => service.name)).toEqual(
        fleet.services.map((service) => service.serviceName).sort(),
      );
      for (const seeded of fleet.services) {
        const stored = services.find((service) => service.name === seeded.serviceName)!;
        expect(stored).toMatchObject({
          arn: seeded.serviceArn,
          clusterName: seeded.clusterName,
          cpuUnits: seeded.cpu,
          memoryMb: seeded.memoryMb,
          architecture: seeded.cpuArchitecture === "ARM64" ? "arm64" : "x86_64",
          desiredCount: seeded.desiredCount,
        });
        const cpu = await db.metricPoint.findMany({
          where: {
            resourceArn: seeded.serviceArn,
            metric: "CPUUtilization",
            stat: "Average",
            granularity: "hour",
          },
        });
        expect(cpu.length).toBe(seeded.hourly.length);
        const mean = cpu.reduce((sum, point) => sum + point.value, 0) / cpu.length;
        expect(Math.abs(mean - seeded.totals.cpuAvg) / seeded.totals.cpuAvg).toBeLessThan(0.01);
      }
    }, 180_000);

    it("a second run changes no metric, observation or history row", async () => {
      const [account] = await readAccounts(db, MOTO_ACCOUNT_ID);
      const result = await syncAccount(db, account!);
      expect(result.rowsByTable.MetricPoint ?? 0).toBe(0);
      expect(result.rowsByTable.MemoryObservation ?? 0).toBe(0);
      expect(result.rowsByTable.LambdaConfigChange ?? 0).toBe(0);
      expect(result.rowsByTable.FargateServiceConfigChange ?? 0).toBe(0);
      expect(result.resourcesMarkedDeleted).toBe(0);
      expect(await db.syncRun.count({ where: { status: "running" } })).toBe(0);
    }, 120_000);

    it("marks a function gone from AWS deleted, keeping its rows", async () => {
      const gone = fleet.functions.find((fn) => !fn.idle)!;
      await seedDeleteFunction(moto.endpoint, gone.name);
      const [account] = await readAccounts(db, MOTO_ACCOUNT_ID);
      const result = await syncAccount(db, account!);
      expect(result.resourcesMarkedDeleted).toBe(1);
      const stored = await db.lambdaFunction.findUniqueOrThrow({ where: { arn: gone.arn } });
      expect(stored.deletedAt).not.toBeNull();
      expect(await db.metricPoint.count({ where: { resourceArn: gone.arn } })).toBeGreaterThan(0);
      expect(await db.resourceSummary.count({ where: { resourceArn: gone.arn } })).toBe(0);
    }, 120_000);

    it("an empty region finishes and records that it was read", async () => {
      const [account] = await readAccounts(db, MOTO_ACCOUNT_ID);
      const result = await syncAccount(db, account!, { regions: ["eu-north-1"] });
      expect(result.status).toBe("succeeded");
      expect(result.issues).toEqual([]);
      const region = await db.accountRegion.findUnique({
        where: { accountId_region: { accountId: MOTO_ACCOUNT_ID, region: "eu-north-1" } },
      });
      expect(region?.metricsTo).not.toBeNull();
      expect(await db.lambdaFunction.count({ where: { region: "eu-north-1" } })).toBe(0);
    }, 120_000);

    it("assumes a role with its ExternalId and reads that account", async () => {
      // moto keeps one backend per account: seed the role's account with its assumed credentials.
      const roleAccount = "210987654321";
      const roleArn = `arn:aws:iam::${roleAccount}:role/breakeven-readonly`;
      const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
      const assumed = await new STSClient({ region: "us-east-1" }).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "seed", ExternalId: "ext-123" }),
      );
      const credentials = {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      };
      const roleFleet = await seedMotoFleet(moto.endpoint, { credentials });
      await db.account.create({
        data: {
          id: roleAccount,
          name: "assumed",
          roleArn,
          externalId: "ext-123",
          regions: { create: [{ region: "us-east-1" }] },
        },
      });
      const [result] = await runSync(db, { accountId: roleAccount });
      expect(result?.accountId).toBe(roleAccount);
      const stored = await db.lambdaFunction.findMany({ where: { accountId: roleAccount } });
      expect(stored.map((fn) => fn.arn).sort()).toEqual(roleFleet.functions.map((fn) => fn.arn).sort());
      expect(stored.every((fn) => fn.arn.includes(`:${roleAccount}:`))).toBe(true);
      // The default account's rows are untouched.
      expect(await db.lambdaFunction.count({ where: { accountId: MOTO_ACCOUNT_ID, deletedAt: null } })).toBe(
        fleet.functions.length - 1,
      );
    }, 180_000);

    it("hourly points end at the last complete hour", async () => {
      const latest = await db.metricPoint.findFirst({
        where: { granularity: "hour" },
        orderBy: { timestamp: "desc" },
      });
      expect(latest!.timestamp.getTime()).toBeLessThan(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
    });
  },
);

async function readAccounts(db: Db, accountId: string) {
  const writer = await openBulkWriter(db);
  try {
    return await readSyncAccounts(writer, accountId);
  } finally {
    await writer.close();
  }
}
