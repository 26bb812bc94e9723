/**
 * What a sync needs to read before it writes: the account to sync, and what is stored already for
 * an account and region (ids to keep, configurations to diff into history rows, the period the
 * last good run read metrics for). Reads only; writes go through runImport batches.
 */
import { randomUUID } from "node:crypto";
import type { BulkWriter } from "./bulk-writer";

export type SyncAccount = {
  id: string;
  name: string;
  profile: string | null;
  roleArn: string | null;
  externalId: string | null;
  isLogsInsightsEnabled: boolean;
  /** Enabled regions, sorted. */
  regions: string[];
};

type AccountQueryRow = {
  id: string;
  name: string;
  profile: string | null;
  roleArn: string | null;
  externalId: string | null;
  isLogsInsightsEnabled: unknown;
  region: string | null;
  isEnabled: unknown;
};

const toBoolean = (value: unknown): boolean => value === true || value === 1 || value === 1n || value === "1";

/** Real (non-demo) accounts with their enabled regions; one account when `accountId` is given. */
export async function readSyncAccounts(writer: BulkWriter, accountId?: string): Promise<SyncAccount[]> {
  const rows = await writer.query<AccountQueryRow>(
    `SELECT a."id" AS "id", a."name" AS "name", a."profile" AS "profile", a."roleArn" AS "roleArn",
            a."externalId" AS "externalId", a."isLogsInsightsEnabled" AS "isLogsInsightsEnabled",
            r."region" AS "region", r."isEnabled" AS "isEnabled"
       FROM "Account" a LEFT JOIN "AccountRegion" r ON r."accountId" = a."id"
      WHERE a."isDemo" = ? ${accountId ? `AND a."id" = ?` : ""}
      ORDER BY a."id", r."region"`,
    accountId ? [false, accountId] : [false],
  );
  const accounts = new Map<string, SyncAccount>();
  for (const row of rows) {
    let account = accounts.get(row.id);
    if (!account) {
      account = {
        id: row.id,
        name: row.name,
        profile: row.profile,
        roleArn: row.roleArn,
        externalId: row.externalId,
        isLogsInsightsEnabled: toBoolean(row.isLogsInsightsEnabled),
        regions: [],
      };
      accounts.set(row.id, account);
    }
    if (row.region && toBoolean(row.isEnabled)) account.regions.push(row.region);
  }
  return [...accounts.values()];
}

/** Records the account of the default credentials (a first `npm run sync` with no account configured). */
export async function recordDefaultAccount(
  writer: BulkWriter,
  account: { id: string; name: string; regions: readonly string[] },
): Promise<void> {
  const now = new Date();
  await writer.execute(
    `INSERT INTO "Account" ("id", "name", "isDemo", "roleArn", "externalId", "profile", "isLogsInsightsEnabled", "createdAt", "updatedAt")
     VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?, ?) ON CONFLICT ("id") DO NOTHING`,
    [account.id, account.name, false, false, now, now],
  );
  for (const region of account.regions) {
    await writer.execute(
      `INSERT INTO "AccountRegion" ("accountId", "region", "isEnabled", "metricsFrom", "metricsTo", "createdAt", "updatedAt")
       VALUES (?, ?, ?, NULL, NULL, ?, ?) ON CONFLICT ("accountId", "region") DO NOTHING`,
      [account.id, region, true, now, now],
    );
  }
}

export type StoredConfig = {
  effectiveAt: Date;
  memoryMb: number;
  architecture: string;
  timeoutSeconds: number;
};

/** A stored function or service: its ids, stored tags and configuration history (oldest first). */
export type StoredResource<Config> = {
  id: string;
  arn: string;
  /** Stored tags, kept when a sync cannot read them. */
  tagsJson: string;
  firstSeenAt: Date;
  deletedAt: Date | null;
  configs: Config[];
};

export type StoredFunction = StoredResource<StoredConfig>;

export type StoredServiceConfig = {
  effectiveAt: Date;
  cpuUnits: number;
  memoryMb: number;
  architecture: string;
};

export type StoredService = StoredResource<StoredServiceConfig>;

export type RegionState = {
  functions: Map<string, StoredFunction>;
  services: Map<string, StoredService>;
  metricsFrom: Date | null;
  metricsTo: Date | null;
};

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const toDateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : toDate(value);

type HistoryRow = {
  id: string;
  arn: string;
  tagsJson: string;
  firstSeenAt: unknown;
  deletedAt: unknown;
  effectiveAt: unknown;
};

/** Rows of a resource joined with its configuration history (oldest first) → one entry per ARN. */
function groupHistory<Row extends HistoryRow, Config>(
  rows: readonly Row[],
  toConfig: (row: Row, effectiveAt: Date) => Config,
): Map<string, StoredResource<Config>> {
  const grouped = new Map<string, StoredResource<Config>>();
  for (const row of rows) {
    let stored = grouped.get(row.arn);
    if (!stored) {
      stored = {
        id: row.id,
        arn: row.arn,
        tagsJson: row.tagsJson,
        firstSeenAt: toDate(row.firstSeenAt),
        deletedAt: toDateOrNull(row.deletedAt),
        configs: [],
      };
      grouped.set(row.arn, stored);
    }
    if (row.effectiveAt !== null && row.effectiveAt !== undefined) {
      stored.configs.push(toConfig(row, toDate(row.effectiveAt)));
    }
  }
  return grouped;
}

/** Everything stored for one account and region, keyed by ARN. */
export async function readRegionState(
  writer: BulkWriter,
  accountId: string,
  region: string,
): Promise<RegionState> {
  const functionRows = await writer.query<
    HistoryRow & { memoryMb: unknown; architecture: string | null; timeoutSeconds: unknown }
  >(
    `SELECT f."id" AS "id", f."arn" AS "arn", f."tagsJson" AS "tagsJson", f."firstSeenAt" AS "firstSeenAt", f."deletedAt" AS "deletedAt",
            c."effectiveAt" AS "effectiveAt", c."memoryMb" AS "memoryMb", c."architecture" AS "architecture",
            c."timeoutSeconds" AS "timeoutSeconds"
       FROM "LambdaFunction" f LEFT JOIN "LambdaConfigChange" c ON c."functionId" = f."id"
      WHERE f."accountId" = ? AND f."region" = ?
      ORDER BY f."arn", c."effectiveAt"`,
    [accountId, region],
  );
  const functions: Map<string, StoredFunction> = groupHistory(functionRows, (row, effectiveAt) => ({
    effectiveAt,
    memoryMb: Number(row.memoryMb),
    architecture: row.architecture ?? "x86_64",
    timeoutSeconds: Number(row.timeoutSeconds),
  }));
  const serviceRows = await writer.query<
    HistoryRow & { cpuUnits: unknown; memoryMb: unknown; architecture: string | null }
  >(
    `SELECT s."id" AS "id", s."arn" AS "arn", s."tagsJson" AS "tagsJson", s."firstSeenAt" AS "firstSeenAt", s."deletedAt" AS "deletedAt",
            c."effectiveAt" AS "effectiveAt", c."cpuUnits" AS "cpuUnits", c."memoryMb" AS "memoryMb",
            c."architecture" AS "architecture"
       FROM "FargateService" s LEFT JOIN "FargateServiceConfigChange" c ON c."serviceId" = s."id"
      WHERE s."accountId" = ? AND s."region" = ?
      ORDER BY s."arn", c."effectiveAt"`,
    [accountId, region],
  );
  const services: Map<string, StoredService> = groupHistory(serviceRows, (row, effectiveAt) => ({
    effectiveAt,
    cpuUnits: Number(row.cpuUnits),
    memoryMb: Number(row.memoryMb),
    architecture: row.architecture ?? "x86_64",
  }));
  const [coverage] = await writer.query<{ metricsFrom: unknown; metricsTo: unknown }>(
    `SELECT "metricsFrom" AS "metricsFrom", "metricsTo" AS "metricsTo" FROM "AccountRegion" WHERE "accountId" = ? AND "region" = ?`,
    [accountId, region],
  );
  return {
    functions,
    services,
    metricsFrom: toDateOrNull(coverage?.metricsFrom),
    metricsTo: toDateOrNull(coverage?.metricsTo),
  };
}

/** A new row id (ids are opaque; Prisma's cuid default is not available to bulk inserts). */
export function newRowId(): string {
  return randomUUID();
}
