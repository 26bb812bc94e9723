/**
 * Prepares e2e: a production build and two local SQLite databases, one with the demo fleet (and
 * one function with hostile names for the export tests: e2e/hostile-names.ts) and one empty
 * (migrated, no rows). Run by `npm run test:e2e` before Playwright starts the servers.
 *   --skip-build   reuse the existing build (local iteration only)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDb } from "../lib/db/create-db";
import { plantHostileNames } from "../e2e/hostile-names";
import { E2E_DEMO_DB, E2E_EMPTY_DB } from "../playwright.config";

const ROOT = path.resolve(import.meta.dirname, "..");
const skipBuild = process.argv.includes("--skip-build");

function run(command: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync(command, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
}

function removeSqlite(url: string): void {
  const file = path.resolve(ROOT, url.replace(/^file:/, ""));
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

for (const url of [E2E_DEMO_DB, E2E_EMPTY_DB]) {
  removeSqlite(url);
  run(npm, ["run", "-s", "db:migrate"], { DATABASE_URL: url });
}
run(npm, ["run", "-s", "demo", "--", "--quiet"], { DATABASE_URL: E2E_DEMO_DB });
// The export tests look for a function whose name and tags a spreadsheet would run as formulas.
const demoDb = createDb(E2E_DEMO_DB);
try {
  await plantHostileNames(demoDb);
} finally {
  await demoDb.$disconnect();
}

if (!skipBuild) run(npm, ["run", "-s", "build"]);
