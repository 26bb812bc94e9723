/**
 * Applies pending migrations to `url` in a child Node process: scripts/db.ts uses
 * @prisma/schema-engine-wasm, which needs --experimental-wasm-modules on Node 20, and a child is
 * the simplest way to give it that flag. Used by the CLIs (demo, sync), the test harness and the
 * benchmarks.
 */
import { execFileSync, type StdioOptions } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `node <these> ` in the repository root is `npm run db:migrate` (the flags the wasm engine needs). */
export const MIGRATE_NODE_ARGS: readonly string[] = [
  "--no-warnings=ExperimentalWarning",
  "--experimental-wasm-modules",
  "--import",
  "tsx",
  "scripts/db.ts",
  "migrate",
];

export function migrateInChildProcess(url: string, options: { stdio?: StdioOptions } = {}): void {
  try {
    runMigrate(url, options);
  } catch (error) {
    // scripts/db.ts already says why in one line ("db: … is busy …"); repeat that, not the command.
    const stderr = (error as { stderr?: Buffer | null }).stderr?.toString().trim();
    throw new Error(stderr ? (stderr.split("\n").at(-1) ?? stderr) : "migration failed (see above)", {
      cause: error,
    });
  }
}

function runMigrate(url: string, options: { stdio?: StdioOptions }): void {
  execFileSync(process.execPath, [...MIGRATE_NODE_ARGS], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: options.stdio ?? ["ignore", "ignore", "pipe"],
  });
}
