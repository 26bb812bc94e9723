/**
 * The optional in-app daily schedule (BREAKEVEN_DAILY_SYNC_UTC="HH:MM"): once a day at that UTC
 * time, start a sync of every configured account, each in its own process. An account whose sync
 * is already running is skipped. Started once per server process from instrumentation.ts.
 */
import "server-only";
import { listSyncableAccountIds } from "@/lib/db/queries/sync-runs";
import { ImportAlreadyRunningError } from "@/lib/db/import/run-import";
import { getServerEnv } from "@/lib/env";
import { startImportProcess } from "./start-import";

const CHECK_EVERY_MS = 30_000;

/** True when `now` is at or after today's `hhmm` (UTC) and the schedule has not run today. */
export function isDailySyncDue(now: Date, hhmm: string, lastRunDay: string | null): boolean {
  const [hours, minutes] = hhmm.split(":").map(Number) as [number, number];
  const today = now.toISOString().slice(0, 10);
  if (lastRunDay === today) return false;
  return now.getUTCHours() * 60 + now.getUTCMinutes() >= hours * 60 + minutes;
}

let timer: NodeJS.Timeout | null = null;

export function startDailySyncSchedule(): void {
  const at = getServerEnv().BREAKEVEN_DAILY_SYNC_UTC;
  if (!at || timer) return;
  // The first check only arms the schedule for today when the time has not passed yet.
  const startedAt = new Date();
  let lastRunDay: string | null = isDailySyncDue(startedAt, at, null)
    ? startedAt.toISOString().slice(0, 10)
    : null;
  timer = setInterval(() => {
    const now = new Date();
    if (!isDailySyncDue(now, at, lastRunDay)) return;
    lastRunDay = now.toISOString().slice(0, 10);
    void runScheduledSyncs();
  }, CHECK_EVERY_MS);
  timer.unref();
}

async function runScheduledSyncs(): Promise<void> {
  for (const accountId of await listSyncableAccountIds()) {
    try {
      await startImportProcess({ kind: "aws", accountId });
    } catch (error) {
      if (error instanceof ImportAlreadyRunningError) continue;
      console.error(
        `daily sync: could not start the sync of ${accountId}:`,
        error instanceof Error ? error.message : error,
      );
    }
  }
}
