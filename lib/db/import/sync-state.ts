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
  isCostExplorerEnabled: boolean;
  /** Enabled regions, sorted. */
  regions: string[];
  /** What the last good Cost Explorer read covered (Account.costFrom/costTo/costFinalTo). */
  costCoverage: CostCoverage;
};

/** UTC midnights; all null before the first good Cost Explorer read. */
export type CostCoverage = { from: Date | null; to: Date | null; finalTo: Date | null };

type AccountQueryRow = {
  id: string;
  name: string;
  profile: string | null;
  roleArn: string | null;
  externalId: string | null;
  isLogsInsightsEnabled: unknown;
  isCostExplorerEnabled: unknown;
  costFrom: unknown;
  costTo: unknown;
  costFinalTo: unknown;
  region: string | null;
  isEnabled: unknown;
};

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const toDateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : toDate(value);

const toBoolean = (value: unknown): boolean => value === true || value === 1 || value === 1n || value === "1";

/** Real (non-demo) accounts with their enabled regions; one account when `accountId` is given. */
export async function readSyncAccounts(writer: BulkWriter, accountId?: string): Promise<SyncAccount[]> {
  const rows = await writer.query<AccountQueryRow>(
    `SELECT a."id" AS "id", a."name" AS "name", a."profile" AS "profile", a."roleArn" AS "roleArn",
            a."externalId" AS "externalId", a."isLogsInsightsEnabled" AS "isLogsInsightsEnabled",
            a."isCostExplorerEnabled" AS "isCostExplorerEnabled", a."costFrom" AS "costFrom",
            a."costTo" AS "costTo", a."costFinalTo" AS "costFinalTo", r."region" AS "region", r."isEnabled" AS "isEnabled"
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
        isCostExplorerEnabled: toBoolean(row.isCostExplorerEnabled),
        regions: [],
        costCoverage: {
          from: toDateOrNull(row.costFrom),
          to: toDateOrNull(row.costTo),
          finalTo: toDateOrNull(row.costFinalTo),
        },
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

/**
 * One resource kind's stored rows of an account and region, each with its configuration history
 * (oldest first), keyed by ARN. Table and column names are this module's constants, never input.
 */
async function readHistory<Row extends HistoryRow, Config>(
  writer: BulkWriter,
  kind: { table: string; historyTable: string; foreignKey: string; configColumns: readonly string[] },
  scope: { accountId: string; region: string },
  toConfig: (row: Row, effectiveAt: Date) => Config,
): Promise<Map<string, StoredResource<Config>>> {
  const configColumns = ["effectiveAt", ...kind.configColumns].map(
    (column) => `c."${column}" AS "${column}"`,
  );
  const rows = await writer.query<Row>(
    `SELECT r."id" AS "id", r."arn" AS "arn", r."tagsJson" AS "tagsJson", r."firstSeenAt" AS "firstSeenAt",
            r."deletedAt" AS "deletedAt", ${configColumns.join(", ")}
       FROM "${kind.table}" r LEFT JOIN "${kind.historyTable}" c ON c."${kind.foreignKey}" = r."id"
      WHERE r."accountId" = ? AND r."region" = ?
      ORDER BY r."arn", c."effectiveAt"`,
    [scope.accountId, scope.region],
  );
  return groupHistory(rows, toConfig);
}

/** Everything stored for one account and region, keyed by ARN. */
export async function readRegionState(
  writer: BulkWriter,
  accountId: string,
  region: string,
): Promise<RegionState> {
  const scope = { accountId, region };
  const functions: Map<string, StoredFunction> = await readHistory<
    HistoryRow & { memoryMb: unknown; architecture: string | null; timeoutSeconds: unknown },
    StoredConfig
  >(
    writer,
    {
      table: "LambdaFunction",
      historyTable: "LambdaConfigChange",
      foreignKey: "functionId",
      configColumns: ["memoryMb", "architecture", "timeoutSeconds"],
    },
    scope,
    (row, effectiveAt) => ({
      effectiveAt,
      memoryMb: Number(row.memoryMb),
      architecture: row.architecture ?? "x86_64",
      timeoutSeconds: Number(row.timeoutSeconds),
    }),
  );
  const services: Map<string, StoredService> = await readHistory<
    HistoryRow & { cpuUnits: unknown; memoryMb: unknown; architecture: string | null },
    StoredServiceConfig
  >(
    writer,
    {
      table: "FargateService",
      historyTable: "FargateServiceConfigChange",
      foreignKey: "serviceId",
      configColumns: ["cpuUnits", "memoryMb", "architecture"],
    },
    scope,
    (row, effectiveAt) => ({
      effectiveAt,
      cpuUnits: Number(row.cpuUnits),
      memoryMb: Number(row.memoryMb),
      architecture: row.architecture ?? "x86_64",
    }),
  );
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
