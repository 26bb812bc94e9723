import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/db/generated/postgres/client";
import { BreakevenSqliteAdapter, toSqliteFilePath } from "@/lib/db/sqlite-adapter";
import { toDatabaseKind } from "@/lib/db/url";

/**
 * Both generated clients come from the same schema and expose the same API; only the SQL dialect
 * inside differs. The app is typed against the SQLite one.
 *
 * No "server-only" marker here so that scripts (demo generator, migrations) and tests can open a
 * database; app code goes through lib/db/client.ts, which has it.
 *
 * SQLite connections use WAL and a busy timeout (lib/db/sqlite-adapter.ts) so a migration or a
 * CLI import can run while the app has the file open.
 */
export type Db = SqliteClient;

export function createDb(url: string): Db {
  if (toDatabaseKind(url) === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new BreakevenSqliteAdapter(toSqliteFilePath(url)) });
}
