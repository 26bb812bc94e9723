/**
 * Runs once when the Next.js server starts. Starts the optional in-app daily sync
 * (BREAKEVEN_DAILY_SYNC_UTC); the Node.js runtime only (Next sets NEXT_RUNTIME itself).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startDailySyncSchedule } = await import("./lib/jobs/daily-sync");
  startDailySyncSchedule();
}
