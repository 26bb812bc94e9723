/**
 * `npm run start:demo`: the quick start. Migrates the database, loads the demo fleet when the
 * database has no accounts yet, builds the app when there is no build or the sources are newer
 * than it, then serves it on http://localhost:${PORT:-3000}.
 *
 * It never re-adds the demo to a database that already has accounts (yours, or a demo you kept),
 * so removing the demo in the UI and restarting does what you expect only if you connected an
 * account; to reload the demo run `npm run demo`.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" };
const port = process.env.PORT ?? "3000";
// Loopback unless HOST says otherwise (team mode: docs/security.md); Next's default is every interface.
const host = process.env.HOST?.trim() || "127.0.0.1";
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public"];
const SOURCE_FILES = ["next.config.ts", "package.json", "tsconfig.json", "postcss.config.mjs"];

function run(args: string[]): void {
  execFileSync(npm, args, { cwd: ROOT, stdio: "inherit", env });
}

function newestMtimeMs(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full, { withFileTypes: true })) {
    if (child.name === "generated" || child.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtimeMs(path.join(entry, child.name)));
  }
  return newest;
}

function isBuildFresh(): boolean {
  const buildId = path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return false;
  const builtAt = fs.statSync(buildId).mtimeMs;
  return [...SOURCE_DIRS, ...SOURCE_FILES].every((entry) => newestMtimeMs(entry) <= builtAt);
}

async function hasAccounts(): Promise<boolean> {
  const { createDb } = await import("../lib/db/create-db");
  const { DEFAULT_DATABASE_URL } = await import("../lib/db/url");
  const db = createDb(process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  try {
    return (await db.account.count()) > 0;
  } finally {
    await db.$disconnect();
  }
}

async function main(): Promise<void> {
  console.log("› migrating the database");
  run(["run", "-s", "db:migrate"]);

  if (await hasAccounts()) {
    console.log("› the database already has accounts: not loading the demo fleet (npm run demo reloads it)");
  } else {
    console.log("› loading the demo fleet");
    run(["run", "-s", "demo"]);
  }

  if (isBuildFresh()) {
    console.log("› the production build is up to date");
  } else {
    console.log("› building (about a minute on 2 cores)");
    run(["run", "-s", "build"]);
  }

  console.log(`› serving on http://localhost:${port}`);
  // `serve` is `next start` with the server's memory limit (package.json, docs/operations.md).
  const server = spawn(npm, ["run", "-s", "serve", "--", "-p", port], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...env, HOST: host },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(`start:demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
