/**
 * Whether a database has every migration of this checkout applied, read from Prisma's
 * `_prisma_migrations` table. Lets a command that runs often (`npm run sync` from cron, next to a
 * running server) skip starting the schema engine when there is nothing to apply.
 */
import fs from "node:fs";
import path from "node:path";
import type { Db } from "./create-db";
import type { DatabaseKind } from "./url";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS_DIR: Record<DatabaseKind, string> = {
  sqlite: path.join(ROOT, "prisma/migrations"),
  postgresql: path.join(ROOT, "prisma/postgres/migrations"),
};

export function listMigrationNames(kind: DatabaseKind): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR[kind], { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export async function isDatabaseUpToDate(db: Db, kind: DatabaseKind): Promise<boolean> {
  try {
    const rows = await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    );
    const applied = new Set(rows.map((row) => row.name));
    return listMigrationNames(kind).every((name) => applied.has(name));
  } catch {
    return false; // no migrations table yet
  }
}
