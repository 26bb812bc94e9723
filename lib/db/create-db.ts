import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/db/generated/postgres/client";
import { toDatabaseKind } from "@/lib/db/url";

/**
 * Both generated clients come from the same schema and expose the same API; only the SQL dialect
 * inside differs. The app is typed against the SQLite one.
 *
 * No "server-only" marker here so that scripts (demo generator, migrations) and tests can open a
 * database; app code goes through lib/db/client.ts, which has it.
 */
export type Db = SqliteClient;

export function createDb(url: string): Db {
  if (toDatabaseKind(url) === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  const file = path.resolve(process.cwd(), url.replace(/^file:/, ""));
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
}
