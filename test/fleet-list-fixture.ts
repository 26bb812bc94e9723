import { beforeAll } from "vitest";
import type { Db } from "@/lib/db/create-db";
import { insertFixtureFleet } from "./fleet-test-db";
import { clearAllTables } from "./tables";

/** The fixture fleet (test/fleet-test-db.ts) loaded once for a suite; `fleet.db` is its database. */
export function useFixtureFleet(getDatabase: () => { db: Db }): { readonly db: Db } {
  const fleet = {
    get db() {
      return getDatabase().db;
    },
  };
  beforeAll(async () => {
    await clearAllTables(fleet.db);
    await insertFixtureFleet(fleet.db);
  });
  return fleet;
}

/** The names of the rows a list returns for a query: `defaults` with the test's changes. */
export function toListNames<Query>(
  list: (query: Query, db: Db) => Promise<{ rows: { name: string }[] }>,
  defaults: Query,
  fleet: { readonly db: Db },
): (changes: Partial<Query>) => Promise<string[]> {
  return async (changes) => (await list({ ...defaults, ...changes }, fleet.db)).rows.map((r) => r.name);
}
