import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Two projects (`npx vitest run --project unit|db`):
 *
 * - `db`: every test file under a directory whose code does I/O — opens SQLite or PostgreSQL
 *   (test/databases.ts, test/pg-harness.ts, createDb, migrateDatabase), spawns a CLI or script, or
 *   starts an HTTP server — plus the named files below. Run by `npm run test:db` (minutes: a
 *   PostgreSQL cluster, migrations, spawned processes).
 * - `unit`: every other test file — pure code, no database, no process, no server. Run by
 *   `npm run test:unit` and so by `npm run verify` (seconds).
 *
 * `unit` is the complement of `db`, so every test file is in exactly one project. A new test that
 * opens a database, spawns a process or starts a server outside the `db` paths stops Vitest with a
 * message (checkUnitTestsArePure below): move it, or add its directory or file to DB_TEST_DIRS /
 * DB_TEST_FILES.
 */
const DB_TEST_DIRS = ["lib/db", "lib/demo", "app/api", "scripts", "test", "bench"];
/** Files outside DB_TEST_DIRS that belong to `db`. */
const DB_TEST_FILES = ["lib/aws/pricing-api.test.ts"];

const ROOT = import.meta.dirname;
const TEST_FILES = ["**/*.test.ts", "**/*.test.tsx"];
const EXCLUDE = ["node_modules/**", "e2e/**", ".next/**", "lib/db/generated/**"];
const DB_TEST_GLOBS = [
  ...DB_TEST_DIRS.flatMap((dir) => TEST_FILES.map((file) => `${dir}/${file}`)),
  ...DB_TEST_FILES,
];

/** Signs that a test touches a database, spawns a process or starts a server. */
const IMPORT = String.raw`(?:\bfrom|\bimport|\brequire)\s*\(?\s*["']`;
const IMPURE_PATTERNS = [
  new RegExp(String.raw`${IMPORT}(?:@/test|\.\.?(?:/\.\.)*/test)/(?:databases|pg-harness)["']`),
  new RegExp(String.raw`${IMPORT}(?:@/lib/db/client|better-sqlite3|pg|@prisma/client)["']`),
  new RegExp(String.raw`${IMPORT}(?:node:)?(?:child_process|http|https|http2|net)["']`),
  /\b(?:createDb|migrateDatabase|describeForBothDatabases|startPostgresCluster)\s*\(/,
];
/** Not walked by the check (EXCLUDE, plus large folders that hold no tests). */
const SKIPPED_PATHS = new Set([
  ".git",
  ".next",
  "e2e",
  "data",
  "lib/db/generated",
  "test-results",
  "playwright-report",
]);

function isDbTest(file: string): boolean {
  return DB_TEST_FILES.includes(file) || DB_TEST_DIRS.some((dir) => file.startsWith(`${dir}/`));
}

function listTestFiles(dir = ""): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const file = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".next-") && !SKIPPED_PATHS.has(file))
        files.push(...listTestFiles(file));
    } else if (/\.test\.tsx?$/.test(entry.name)) files.push(file);
  }
  return files;
}

function checkUnitTestsArePure(): void {
  const impure = listTestFiles()
    .filter((file) => !isDbTest(file))
    .filter((file) => {
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      return IMPURE_PATTERNS.some((pattern) => pattern.test(text));
    });
  if (impure.length > 0)
    throw new Error(
      `vitest.config.ts: ${impure.join(", ")} ${impure.length === 1 ? "looks" : "look"} like a database, ` +
        "process or server test but would run in the `unit` project (npm run verify): add " +
        `${impure.length === 1 ? "its file or directory" : "their files or directories"} to DB_TEST_FILES or DB_TEST_DIRS in vitest.config.ts.`,
    );
}

checkUnitTestsArePure();

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(ROOT),
      // "server-only" throws outside React Server Components; unit tests run modules directly.
      "server-only": path.resolve(ROOT, "test/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    // next-auth imports "next/server" without an extension, which Node's ESM loader cannot resolve;
    // Vite's resolver (inlined dependency) can.
    server: { deps: { inline: ["next-auth"] } },
    // Database tests start their own PostgreSQL cluster; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Projects inherit the settings above (`extends: true`); include and exclude are set per
    // project only, because inherited arrays are concatenated, not replaced.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: TEST_FILES,
          exclude: [...EXCLUDE, ...DB_TEST_GLOBS],
          // Pure files share each worker's module registry instead of a fresh one per file: half the
          // run time on 2 cores. A unit test that mocks a module or changes a global must undo it.
          isolate: false,
        },
      },
      { extends: true, test: { name: "db", include: DB_TEST_GLOBS, exclude: EXCLUDE } },
    ],
  },
});
