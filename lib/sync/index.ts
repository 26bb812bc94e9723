/**
 * The AWS sync: `runSync` resolves which accounts to read (the configured ones, or the account of
 * the default credentials on a first run) and syncs each through the one import pipeline.
 * scripts/sync.ts (the CLI, also started by the server's "Sync now") is its only caller.
 */
import { createAwsClients } from "@/lib/aws/clients";
import { getCallerIdentity } from "@/lib/aws/sts-api";
import type { Db } from "@/lib/db/create-db";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import type { SyncAccount } from "@/lib/db/import/sync-state";
import { readSyncAccounts, recordDefaultAccount } from "@/lib/db/import/sync-state";
import type { SyncAccountOptions, SyncAccountResult } from "./sync-account";
import { syncAccount } from "./sync-account";

export { SyncCredentialsError, syncAccount } from "./sync-account";
export type { SyncAccountOptions, SyncAccountResult, SyncProgress } from "./sync-account";
export { estimateSync } from "./windows";

export class SyncSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncSetupError";
  }
}

export type RunSyncOptions = SyncAccountOptions & {
  accountId?: string;
  /** Region for the first STS call when no account is configured (default AWS_REGION or us-east-1). */
  defaultRegion?: string;
  onAccount?: (account: SyncAccount) => void;
};

/**
 * The accounts to sync: `accountId` (must be configured), else every configured account, else the
 * account of the default credentials (found through STS GetCallerIdentity and recorded).
 */
export async function resolveSyncAccounts(db: Db, options: RunSyncOptions): Promise<SyncAccount[]> {
  const writer = await openBulkWriter(db);
  try {
    const accounts = await readSyncAccounts(writer, options.accountId);
    if (options.accountId && accounts.length === 0) {
      throw new SyncSetupError(
        `account ${options.accountId} is not configured; add it on the Accounts page or with \`npm run -s cli -- accounts add\``,
      );
    }
    if (accounts.length > 0) return accounts;
    const region = options.regions?.[0] ?? options.defaultRegion ?? "us-east-1";
    const identity = await getCallerIdentity(createAwsClients({}, region, options.clientSettings));
    const regions = options.regions?.length ? [...options.regions] : [region];
    await recordDefaultAccount(writer, {
      id: identity.accountId,
      name: `Account ${identity.accountId}`,
      regions,
    });
    return readSyncAccounts(writer, identity.accountId);
  } finally {
    await writer.close();
  }
}

export async function runSync(db: Db, options: RunSyncOptions = {}): Promise<SyncAccountResult[]> {
  const accounts = await resolveSyncAccounts(db, options);
  const results: SyncAccountResult[] = [];
  for (const account of accounts) {
    options.onAccount?.(account);
    results.push(await syncAccount(db, account, options));
  }
  return results;
}
