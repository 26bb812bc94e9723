import type { Db } from "@/lib/db/create-db";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import { readSyncAccounts, type SyncAccount } from "@/lib/db/import/sync-state";

/** Test support: one configured account as the sync reads it (throws when it is not configured). */
export async function readSyncAccount(db: Db, accountId: string): Promise<SyncAccount> {
  const writer = await openBulkWriter(db);
  try {
    const [account] = await readSyncAccounts(writer, accountId);
    if (!account) throw new Error(`account ${accountId} is not configured`);
    return account;
  } finally {
    await writer.close();
  }
}
