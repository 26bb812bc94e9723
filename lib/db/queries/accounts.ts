/**
 * Data access for the AWS accounts Breakeven syncs (the Accounts page, app/api/accounts and
 * `cli accounts`). Returns plain DTOs (ISO dates, enabled regions, counts, recent runs), never
 * Prisma rows. Demo accounts are not listed here and cannot be changed or removed through this
 * module: the demo has its own "Remove demo data".
 *
 * No "server-only" marker and no default database (every function takes it last), unlike the
 * page-only DAL files: the CLI (scripts/cli.ts, run by tsx outside React) calls these too, as it
 * does lib/db/queries/recommendations.ts. Components still cannot import lib/db (ESLint).
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/create-db";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import { accountLockScope, acquireImportLock } from "@/lib/db/import/import-lock";
import { AppError } from "@/lib/errors";
import { COST_EXPLORER_USD_PER_REQUEST } from "@/lib/pricing/api-charges";
import type { AccountDetail, AccountView, CreateAccountBody, UpdateAccountBody } from "@/lib/schemas/account";
import { EXTERNAL_ID_NEEDS_ROLE } from "@/lib/schemas/account";
import type { SyncRunView } from "@/lib/schemas/sync-run";
import { SYNC_RUN_SELECT, toSyncRunView } from "./sync-run-view";

export type { AccountDetail, AccountView };

/** Runs shown per account (the last one is "last sync"). */
export const RECENT_RUNS_PER_ACCOUNT = 5;

/** A delete of 10,000 functions' metric points takes a while on SQLite; the default 5 s does not do. */
const DELETE_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

const DEMO_ACCOUNT_MESSAGE =
  "This is a demo account; remove the demo with “Remove demo data” (or npm run demo -- --remove)";

const ACCOUNT_SELECT = {
  id: true,
  name: true,
  isDemo: true,
  roleArn: true,
  externalId: true,
  profile: true,
  isLogsInsightsEnabled: true,
  isCostExplorerEnabled: true,
  createdAt: true,
  updatedAt: true,
  regions: { where: { isEnabled: true }, select: { region: true }, orderBy: { region: "asc" } },
  _count: {
    select: { functions: { where: { deletedAt: null } }, services: { where: { deletedAt: null } } },
  },
} as const;

type AccountRow = {
  id: string;
  name: string;
  isDemo: boolean;
  roleArn: string | null;
  externalId: string | null;
  profile: string | null;
  isLogsInsightsEnabled: boolean;
  isCostExplorerEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  regions: { region: string }[];
  _count: { functions: number; services: number };
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Reader = Db | Tx;

async function listRecentRuns(reader: Reader, accountId: string): Promise<SyncRunView[]> {
  const rows = await reader.syncRun.findMany({
    where: { accountId },
    orderBy: [{ startedAt: "desc" }, { id: "asc" }],
    take: RECENT_RUNS_PER_ACCOUNT,
    select: SYNC_RUN_SELECT,
  });
  return rows.map(toSyncRunView);
}

/**
 * Cost Explorer requests the account's runs made since the start of this UTC month (every
 * `ce:` API in their call counts) and their price: what Breakeven itself spends on Cost Explorer.
 */
async function getCostExplorerThisMonth(
  reader: Reader,
  accountId: string,
  now = new Date(),
): Promise<AccountDetail["costExplorerThisMonth"]> {
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const runs = await reader.syncRun.findMany({
    where: { accountId, startedAt: { gte: monthStart } },
    select: { callsJson: true },
  });
  let requests = 0;
  for (const run of runs) {
    let calls: unknown;
    try {
      calls = JSON.parse(run.callsJson);
    } catch {
      continue;
    }
    if (!calls || typeof calls !== "object") continue;
    for (const [api, count] of Object.entries(calls)) {
      if (api.startsWith("ce:") && typeof count === "number" && Number.isFinite(count)) requests += count;
    }
  }
  return { requests, costUsd: requests * COST_EXPLORER_USD_PER_REQUEST };
}

async function toAccountDetail(reader: Reader, row: AccountRow): Promise<AccountDetail> {
  return {
    id: row.id,
    name: row.name,
    regions: row.regions.map((r) => r.region),
    roleArn: row.roleArn,
    hasExternalId: row.externalId !== null,
    externalId: row.externalId,
    profile: row.profile,
    isLogsInsightsEnabled: row.isLogsInsightsEnabled,
    isCostExplorerEnabled: row.isCostExplorerEnabled,
    costExplorerThisMonth: await getCostExplorerThisMonth(reader, row.id),
    functionCount: row._count.functions,
    serviceCount: row._count.services,
    recentRuns: await listRecentRuns(reader, row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toAccountView(detail: AccountDetail): AccountView {
  const { externalId: _externalId, ...view } = detail;
  return view;
}

/** Real (non-demo) accounts, by name then id, each with its enabled regions, counts and last runs. */
export async function listAccounts(db: Db): Promise<AccountView[]> {
  const rows = await db.account.findMany({
    where: { isDemo: false },
    select: ACCOUNT_SELECT,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 1000,
  });
  const details = await Promise.all(rows.map((row) => toAccountDetail(db, row)));
  return details.map(toAccountView);
}

/** One real account with its ExternalId (the edit form), or null (unknown id, or a demo account). */
export async function getAccount(accountId: string, db: Db): Promise<AccountDetail | null> {
  return readAccount(db, accountId);
}

async function readAccount(reader: Reader, accountId: string): Promise<AccountDetail | null> {
  const row = await reader.account.findUnique({ where: { id: accountId }, select: ACCOUNT_SELECT });
  return row && !row.isDemo ? toAccountDetail(reader, row) : null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

function conflictFor(accountId: string, isDemo: boolean): AppError {
  return new AppError(
    "CONFLICT",
    isDemo
      ? `Account ${accountId} is a demo account; remove the demo first to add it as a real account`
      : `Account ${accountId} is already configured`,
    {
      fieldErrors: {
        id: isDemo ? "This id belongs to a demo account" : "This account is already configured",
      },
    },
  );
}

/** Throws AppError CONFLICT (409) when the id exists (a real or a demo account). */
export async function createAccount(input: CreateAccountBody, db: Db): Promise<AccountDetail> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.account.findUnique({ where: { id: input.id }, select: { isDemo: true } });
      if (existing) throw conflictFor(input.id, existing.isDemo);
      await tx.account.create({
        data: {
          id: input.id,
          name: input.name,
          isDemo: false,
          roleArn: input.roleArn ?? null,
          externalId: input.externalId ?? null,
          profile: input.profile ?? null,
          isLogsInsightsEnabled: input.isLogsInsightsEnabled,
          isCostExplorerEnabled: input.isCostExplorerEnabled,
          regions: { create: input.regions.map((region) => ({ region, isEnabled: true })) },
        },
      });
      const created = await readAccount(tx, input.id);
      if (!created) throw new Error(`account ${input.id} vanished after it was created`);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictFor(input.id, false);
    throw error;
  }
}

/**
 * Null when there is no such account. Regions, when given, replace the enabled set: new ones are
 * added, known ones re-enabled, the others disabled (their metric windows and data stay, so
 * enabling a region again resumes where it stopped). Clearing the role also clears its ExternalId.
 */
export async function updateAccount(
  accountId: string,
  patch: UpdateAccountBody,
  db: Db,
): Promise<AccountDetail | null> {
  return db.$transaction(async (tx) => {
    const current = await tx.account.findUnique({
      where: { id: accountId },
      select: { isDemo: true, roleArn: true, externalId: true },
    });
    if (!current) return null;
    if (current.isDemo) throw new AppError("CONFLICT", DEMO_ACCOUNT_MESSAGE);
    const roleArn = patch.roleArn !== undefined ? patch.roleArn : current.roleArn;
    const externalId =
      patch.externalId !== undefined ? patch.externalId : patch.roleArn === null ? null : current.externalId;
    if (externalId !== null && roleArn === null) {
      throw new AppError("VALIDATION", EXTERNAL_ID_NEEDS_ROLE, {
        fieldErrors: { externalId: EXTERNAL_ID_NEEDS_ROLE },
      });
    }
    await tx.account.update({
      where: { id: accountId },
      data: {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.isLogsInsightsEnabled !== undefined
          ? { isLogsInsightsEnabled: patch.isLogsInsightsEnabled }
          : {}),
        ...(patch.isCostExplorerEnabled !== undefined
          ? { isCostExplorerEnabled: patch.isCostExplorerEnabled }
          : {}),
        ...(patch.profile !== undefined ? { profile: patch.profile } : {}),
        roleArn,
        externalId,
      },
    });
    if (patch.regions) {
      for (const region of patch.regions) {
        await tx.accountRegion.upsert({
          where: { accountId_region: { accountId, region } },
          create: { accountId, region, isEnabled: true },
          update: { isEnabled: true },
        });
      }
      await tx.accountRegion.updateMany({
        where: { accountId, region: { notIn: [...patch.regions] }, isEnabled: true },
        data: { isEnabled: false },
      });
    }
    return readAccount(tx, accountId);
  });
}

/**
 * Removes the account and everything synced from it, in one transaction: metric points, summaries
 * and memory observations of its functions and services (by ARN), its cost lines and daily spend,
 * configuration history, provisioned-concurrency rows, functions, services, regions, its runs and
 * its sync lock. Null when there is no such account.
 *
 * A sync of the account holds the lock "account:<id>"; the delete takes that lock first (so a sync
 * cannot start halfway through) and refuses with CONFLICT (409) while a live sync holds it.
 */
export async function deleteAccountWithData(
  accountId: string,
  db: Db,
): Promise<{ rowsDeleted: number } | null> {
  const account = await db.account.findUnique({ where: { id: accountId }, select: { isDemo: true } });
  if (!account) return null;
  if (account.isDemo) throw new AppError("CONFLICT", DEMO_ACCOUNT_MESSAGE);

  const scope = accountLockScope(accountId);
  const lockRunId = `delete-${randomUUID()}`;
  const writer = await openBulkWriter(db);
  try {
    const lock = await acquireImportLock(writer, scope, lockRunId);
    if (!lock.isAcquired) {
      throw new AppError(
        "CONFLICT",
        "A sync of this account is already running; wait for it to finish, then remove the account",
      );
    }
  } finally {
    await writer.close();
  }

  try {
    return await db.$transaction(
      async (tx) => {
        let rowsDeleted = 0;
        const add = (count: number) => {
          rowsDeleted += count;
        };
        // Tagged templates: Prisma binds the values with each database's own placeholders.
        add(
          await tx.$executeRaw`DELETE FROM "RecommendationEvent" WHERE "recommendationId" IN (
            SELECT "id" FROM "Recommendation" WHERE "accountId" = ${accountId})`,
        );
        add(await tx.$executeRaw`DELETE FROM "Recommendation" WHERE "accountId" = ${accountId}`);
        // The stored reconciliation included the account: the next import computes it again.
        await tx.$executeRaw`DELETE FROM "ResourceReconciliation"`;
        await tx.$executeRaw`DELETE FROM "ReconciliationSnapshot"`;
        add(
          await tx.$executeRaw`DELETE FROM "MetricPoint" WHERE "resourceArn" IN (
            SELECT "arn" FROM "LambdaFunction" WHERE "accountId" = ${accountId}
            UNION ALL SELECT "arn" FROM "FargateService" WHERE "accountId" = ${accountId})`,
        );
        add(
          await tx.$executeRaw`DELETE FROM "ResourceSummary" WHERE "resourceArn" IN (
            SELECT "arn" FROM "LambdaFunction" WHERE "accountId" = ${accountId}
            UNION ALL SELECT "arn" FROM "FargateService" WHERE "accountId" = ${accountId})`,
        );
        add(
          await tx.$executeRaw`DELETE FROM "MemoryObservation" WHERE "functionArn" IN (
            SELECT "arn" FROM "LambdaFunction" WHERE "accountId" = ${accountId})`,
        );
        add((await tx.costLine.deleteMany({ where: { accountId } })).count);
        add((await tx.computeOptimizerRecommendation.deleteMany({ where: { accountId } })).count);
        add((await tx.computeOptimizerState.deleteMany({ where: { accountId } })).count);
        add((await tx.dailySpend.deleteMany({ where: { accountId } })).count);
        add((await tx.lambdaConfigChange.deleteMany({ where: { function: { accountId } } })).count);
        add((await tx.lambdaProvisionedConcurrency.deleteMany({ where: { function: { accountId } } })).count);
        add((await tx.fargateServiceConfigChange.deleteMany({ where: { service: { accountId } } })).count);
        add((await tx.lambdaFunction.deleteMany({ where: { accountId } })).count);
        add((await tx.fargateService.deleteMany({ where: { accountId } })).count);
        add((await tx.accountRegion.deleteMany({ where: { accountId } })).count);
        add((await tx.syncRun.deleteMany({ where: { accountId } })).count);
        // Our own lock row goes with it; it is not counted as data.
        await tx.syncLock.deleteMany({ where: { scope } });
        add((await tx.account.deleteMany({ where: { id: accountId, isDemo: false } })).count);
        return { rowsDeleted };
      },
      { maxWait: 30_000, timeout: DELETE_TRANSACTION_TIMEOUT_MS },
    );
  } catch (error) {
    await db.syncLock.deleteMany({ where: { scope, runId: lockRunId } }).catch(() => {});
    throw error;
  }
}
