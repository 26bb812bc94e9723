/**
 * Heavy imports (the demo load, an AWS sync) never run on the web server's request thread: the
 * route reserves the run (lock + "running" SyncRun row) and this starts the import in its own
 * Node process, which continues that run. The page polls the run by id.
 *
 * The child runs the same script a user runs from a terminal (`scripts/demo.ts`, `scripts/sync.ts`)
 * under tsx, with the server's environment (DATABASE_URL, AWS settings) and no inherited stdio. If
 * it cannot start or exits without finishing the run, the run is marked failed and the lock freed.
 */
import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import type { ImportKind } from "@/lib/db/import/run-import";
import { DEMO_LOCK_SCOPE, accountLockScope } from "@/lib/db/import/import-lock";
import { failImportRun, reserveImportRun } from "@/lib/db/import/run-import";

export type ImportJob =
  { kind: "demo" } | { kind: "aws"; accountId: string; regions?: readonly string[]; days?: number };

const SCRIPTS: Record<ImportKind, string> = { demo: "scripts/demo.ts", aws: "scripts/sync.ts" };

export function toLockScope(job: ImportJob): string {
  return job.kind === "demo" ? DEMO_LOCK_SCOPE : accountLockScope(job.accountId);
}

function toArgs(job: ImportJob, runId: string): string[] {
  const args = ["--run-id", runId, "--quiet"];
  if (job.kind === "aws") {
    args.push("--account", job.accountId);
    if (job.regions?.length) args.push("--regions", job.regions.join(","));
    if (job.days) args.push("--days", String(job.days));
  }
  return args;
}

/** Reserves the run and starts its process. Throws ImportAlreadyRunningError when one is running. */
export async function startImportProcess(job: ImportJob): Promise<{ runId: string }> {
  const db = getDb();
  const lockScope = toLockScope(job);
  const { runId } = await reserveImportRun(db, {
    kind: job.kind,
    lockScope,
    accountId: job.kind === "aws" ? job.accountId : null,
  });
  const root = process.cwd();
  let stderrTail = "";
  try {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, SCRIPTS[job.kind]), ...toArgs(job, runId)],
      { cwd: root, env: process.env, stdio: ["ignore", "ignore", "pipe"] },
    );
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2000);
    });
    child.on("error", (error) => {
      void failImportRun(db, runId, lockScope, `could not start the import process: ${error.message}`);
    });
    child.on("exit", (code, signal) => {
      if (code === 0) return;
      // The run records its own error when the import throws; this covers a crash before or after it.
      const reason = signal ? `killed by ${signal}` : `exited with code ${code}`;
      const detail = stderrTail.trim().split("\n").at(-1)?.slice(0, 300);
      void failImportRun(db, runId, lockScope, `the import process ${reason}${detail ? `: ${detail}` : ""}`);
    });
  } catch (error) {
    await failImportRun(db, runId, lockScope, `could not start the import process: ${String(error)}`);
    throw error;
  }
  return { runId };
}
