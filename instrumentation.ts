/**
 * Runs once when the Next.js server starts: marks imports interrupted by a previous stop as failed,
 * then starts the optional in-app daily sync (BREAKEVEN_DAILY_SYNC_UTC); the Node.js runtime only
 * (Next sets NEXT_RUNTIME itself).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Not awaited: a slow or unreachable database must not hold the server's start, and the pages
  // already call a run with a dead process "interrupted" on their own (getImportHealth).
  void recoverInterruptedImports();
  const { startDailySyncSchedule } = await import("./lib/jobs/daily-sync");
  startDailySyncSchedule();
}

/**
 * An import killed with the server (or on its own) leaves its run "running" and its lock held until
 * the next run of that scope; this records it as failed now. Any error is one line in the log: the
 * server must still start with a database that is missing, unmigrated or read-only.
 */
async function recoverInterruptedImports(): Promise<void> {
  try {
    const { getDb } = await import("./lib/db/client");
    const { markInterruptedRuns } = await import("./lib/db/import/recover-runs");
    const { failedRunIds } = await markInterruptedRuns(getDb(), new Date());
    if (failedRunIds.length > 0) {
      console.warn(
        `breakeven: marked ${failedRunIds.length} interrupted import run(s) failed: ${failedRunIds.join(", ")}`,
      );
    }
  } catch (error) {
    // Prisma's messages open with "Invalid `prisma.x()` invocation:" and end with the cause.
    const message = error instanceof Error ? error.message : String(error);
    const cause =
      message
        .split("\n")
        .filter((line) => line.trim() !== "")
        .at(-1) ?? "unknown error";
    console.error(`breakeven: could not check for interrupted import runs: ${cause.trim()}`);
  }
}
