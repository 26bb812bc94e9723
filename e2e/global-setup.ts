import path from "node:path";
import Database from "better-sqlite3";
import { E2E_ACCOUNTS_DB, E2E_DEMO_DB, E2E_EMPTY_DB, MOTO_URL } from "../playwright.config";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * The demo and empty databases are prepared by scripts/e2e-prepare.ts before Playwright starts the
 * servers (webServer starts before globalSetup). This makes sure no one points e2e at a database
 * that matters (dub's assert-local-database), and empties the accounts database (its server is
 * already running with the file open, so it is cleared, not replaced; its webServer command
 * migrated it first) and resets moto, so the Accounts spec starts from "no account".
 */
export default async function globalSetup(): Promise<void> {
  for (const url of [E2E_DEMO_DB, E2E_EMPTY_DB, E2E_ACCOUNTS_DB]) {
    if (!/^file:\.\/data\/e2e-[a-z]+\.db$/.test(url)) {
      throw new Error(`e2e refuses to run against ${url}: only local SQLite files under data/ are allowed`);
    }
  }
  prepareAccountsDatabase();
  await fetch(`${MOTO_URL}/moto-api/reset`, { method: "POST" }).catch((error: unknown) => {
    throw new Error(`could not reset moto at ${MOTO_URL}: ${String(error)}`);
  });
}

/** Empties the accounts database (migrated by its webServer command before the server started). */
function prepareAccountsDatabase(): void {
  const db = new Database(path.resolve(ROOT, E2E_ACCOUNTS_DB.replace(/^file:/, "")));
  try {
    db.pragma("busy_timeout = 10000");
    db.pragma("foreign_keys = OFF");
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`,
      )
      .all() as { name: string }[];
    db.transaction(() => {
      for (const { name } of tables) db.prepare(`DELETE FROM "${name}"`).run();
    })();
  } finally {
    db.close();
  }
}
