import { E2E_DEMO_DB, E2E_EMPTY_DB } from "../playwright.config";

/**
 * The databases are prepared by scripts/e2e-prepare.ts before Playwright starts the servers
 * (webServer starts before globalSetup). This guard only makes sure no one points e2e at a
 * database that matters (dub's assert-local-database).
 */
export default function globalSetup(): void {
  for (const url of [E2E_DEMO_DB, E2E_EMPTY_DB]) {
    if (!/^file:\.\/data\/e2e-[a-z]+\.db$/.test(url)) {
      throw new Error(`e2e refuses to run against ${url}: only local SQLite files under data/ are allowed`);
    }
  }
}
