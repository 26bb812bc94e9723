/**
 * Database tooling that works offline.
 *
 *   tsx scripts/db.ts generate            write prisma/postgres/schema.prisma, generate both clients
 *   tsx scripts/db.ts migrate             apply pending migrations to DATABASE_URL
 *   tsx scripts/db.ts migrate:dev NAME    create a migration (SQLite and PostgreSQL) for schema changes
 *   tsx scripts/db.ts reset               drop everything in DATABASE_URL and migrate again
 *
 * The Prisma CLI downloads a native schema engine, which machines without internet cannot do.
 * `prisma generate` never runs that engine, so it gets a placeholder path when the real one is
 * missing. Migrations go through @prisma/schema-engine-wasm and the same driver adapters the app
 * uses; it records them in Prisma's own `_prisma_migrations` table, so `prisma migrate deploy` and
 * `prisma migrate status` keep working wherever the native engine exists.
 * Node 20 needs --experimental-wasm-modules (the npm scripts pass it).
 *
 * SQLite is opened as the app opens it (WAL, busy timeout: lib/db/sqlite-adapter.ts) and without
 * the engine's exclusive connection (lib/db/migration-adapter.ts), so a migration runs while the
 * server has the file open and reads; a lock file keeps two migrations apart
 * (lib/db/migration-lock.ts). If another process holds the write lock past the timeout, or the
 * database is read-only, the command says so in one line and exits 1.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { toDatabaseFault } from "../lib/db/db-errors";
import { toEngineAdapterFactory } from "../lib/db/migration-adapter";
import {
  acquireMigrationLock,
  MigrationLockTimeoutError,
  type MigrationLock,
} from "../lib/db/migration-lock";
import { BreakevenSqliteAdapter, SQLITE_BUSY_TIMEOUT_MS, toSqliteFilePath } from "../lib/db/sqlite-adapter";
import { DEFAULT_DATABASE_URL, redactDatabaseUrl, toDatabaseKind, type DatabaseKind } from "../lib/db/url";

const ROOT = path.resolve(import.meta.dirname, "..");
const SQLITE_SCHEMA = path.join(ROOT, "prisma/schema.prisma");
const POSTGRES_SCHEMA = path.join(ROOT, "prisma/postgres/schema.prisma");
const MIGRATIONS_DIR: Record<DatabaseKind, string> = {
  sqlite: path.join(ROOT, "prisma/migrations"),
  postgresql: path.join(ROOT, "prisma/postgres/migrations"),
};
/** The schema as of the newest migration; `migrate:dev` diffs the current schema against it. */
const MIGRATED_SNAPSHOT = path.join(ROOT, "prisma/migrations/.schema-at-last-migration.prisma");
const NO_FILTER = { externalTables: [], externalEnums: [] };

function toPostgresSchema(sqliteSchema: string): string {
  return [
    "// GENERATED from prisma/schema.prisma by `npm run db:generate`. Do not edit.",
    sqliteSchema
      .replace('provider = "sqlite"', 'provider = "postgresql"')
      .replace(
        'output       = "../lib/db/generated/sqlite"',
        'output       = "../../lib/db/generated/postgres"',
      ),
  ].join("\n");
}

function schemaFor(kind: DatabaseKind): string {
  const sqlite = fs.readFileSync(SQLITE_SCHEMA, "utf8");
  return kind === "sqlite" ? sqlite : toPostgresSchema(sqlite);
}

function generate(): void {
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, toPostgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  const env = { ...process.env };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine()) {
    // generate does not run the schema engine; it only insists that a path exists.
    const placeholder = path.join(ROOT, "node_modules/.cache/breakeven/schema-engine-placeholder");
    fs.mkdirSync(path.dirname(placeholder), { recursive: true });
    fs.writeFileSync(placeholder, "#!/bin/sh\necho 'placeholder: use npm run db:migrate' >&2\nexit 1\n", {
      mode: 0o755,
    });
    env.PRISMA_SCHEMA_ENGINE_BINARY = placeholder;
  }
  for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
    execFileSync(
      process.execPath,
      [path.join(ROOT, "node_modules/prisma/build/index.js"), "generate", "--schema", schema],
      { env, stdio: ["ignore", "inherit", "inherit"] },
    );
  }
}

function hasNativeSchemaEngine(): boolean {
  const dir = path.join(ROOT, "node_modules/@prisma/engines");
  try {
    return fs.readdirSync(dir).some((f) => f.startsWith("schema-engine"));
  } catch {
    return false;
  }
}

function createAdapterFactory(url: string, kind: DatabaseKind): SqlMigrationAwareDriverAdapterFactory {
  if (kind === "postgresql") return new PrismaPg({ connectionString: url });
  const file = toSqliteFilePath(url, ROOT);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return new BreakevenSqliteAdapter(file);
}

/** SQLite only: PostgreSQL migrations are kept apart by the engine's advisory lock. */
function lockMigrations(url: string, kind: DatabaseKind): MigrationLock | null {
  if (kind !== "sqlite") return null;
  try {
    return acquireMigrationLock(toSqliteFilePath(url, ROOT));
  } catch (error) {
    if (!(error instanceof MigrationLockTimeoutError)) throw error;
    throw new Error(
      `${redactDatabaseUrl(url)}: ${error.message}; wait for it to finish, then run this again.`,
    );
  }
}

/**
 * The engine's failure as one line (main prints only the message) when the driver said the database
 * is busy or read-only: the engine's own message is a wasm trace that names neither.
 */
function toEngineFailure(error: unknown, adapterError: unknown, url: string): unknown {
  const where = redactDatabaseUrl(url);
  switch (toDatabaseFault(adapterError)) {
    case "busy":
      return new Error(
        `${where} is busy: another process has held its write lock for more than ` +
          `${SQLITE_BUSY_TIMEOUT_MS / 1000} s. Stop the app (npm start / npm run dev) or the other ` +
          "Breakeven process using this database, then run this again.",
      );
    case "read-only":
      return new Error(
        `${where} is read-only: make the database file and its folder writable (or give the ` +
          "database user write access), then run this again.",
      );
    case null:
      return error;
  }
}

/** Runs `work` with a schema engine on `url`, then frees it. */
async function withEngine<T>(url: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const kind = toDatabaseKind(url);
  const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
  const watched = toEngineAdapterFactory(createAdapterFactory(url, kind));
  const lock = lockMigrations(url, kind);
  let engine: SchemaEngine | null = null;
  try {
    engine = await SchemaEngine.new(
      { datamodels: [["schema.prisma", schemaFor(kind)]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(watched.factory),
    );
    return await work(engine);
  } catch (error) {
    throw toEngineFailure(error, watched.getLastAdapterError(), url);
  } finally {
    engine?.free();
    lock?.release();
  }
}

function readMigrations(kind: DatabaseKind) {
  const baseDir = MIGRATIONS_DIR[kind];
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const migrationDirectories = fs
    .readdirSync(baseDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: fs.readFileSync(path.join(baseDir, name, "migration.sql"), "utf8"),
        },
      },
    }));
  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

function databaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export async function migrate(url = databaseUrl()): Promise<string[]> {
  return withEngine(url, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: readMigrations(toDatabaseKind(url)),
      filters: NO_FILTER,
    });
    return appliedMigrationNames;
  });
}

async function reset(url = databaseUrl()): Promise<void> {
  await withEngine(url, (engine) => engine.reset({ filter: NO_FILTER }));
  await migrate(url);
}

async function createMigration(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("migration name: use lowercase letters, digits and _");
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const previous = fs.existsSync(MIGRATED_SNAPSHOT) ? fs.readFileSync(MIGRATED_SNAPSHOT, "utf8") : null;
  let wrote = false;
  for (const kind of ["sqlite", "postgresql"] as const) {
    // An in-memory SQLite adapter is enough for a datamodel-to-datamodel diff of either provider.
    const { SchemaEngine } = await import("@prisma/schema-engine-wasm");
    const to = schemaFor(kind);
    const factory = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: ":memory:" }));
    const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", to]] }, () => {}, factory);
    try {
      const from =
        previous === null
          ? { tag: "empty" as const }
          : {
              tag: "schemaDatamodel" as const,
              files: [
                { path: "schema.prisma", content: kind === "sqlite" ? previous : toPostgresSchema(previous) },
              ],
            };
      const result = await engine.diff({
        from,
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
        script: true,
        exitCode: null,
        filters: NO_FILTER,
      });
      const sql = (result.stdout ?? "").trim();
      if (!sql || sql === "-- This is an empty migration.") continue;
      const dir = path.join(MIGRATIONS_DIR[kind], `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
      fs.writeFileSync(
        path.join(MIGRATIONS_DIR[kind], "migration_lock.toml"),
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${kind}"\n`,
      );
      console.log(`wrote ${path.relative(ROOT, dir)}/migration.sql`);
      wrote = true;
    } finally {
      engine.free();
    }
  }
  if (wrote) fs.writeFileSync(MIGRATED_SNAPSHOT, fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  else console.log("schema unchanged: no migration written");
}

async function main(): Promise<void> {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case "generate":
      generate();
      return;
    case "migrate": {
      const url = databaseUrl();
      const applied = await migrate(url);
      console.log(
        applied.length
          ? `applied ${applied.length} migration(s) to ${redactDatabaseUrl(url)}: ${applied.join(", ")}`
          : `${redactDatabaseUrl(url)} is up to date`,
      );
      return;
    }
    case "migrate:dev":
      if (!arg) throw new Error("usage: db.ts migrate:dev NAME");
      await createMigration(arg);
      return;
    case "reset":
      await reset();
      console.log(`reset ${redactDatabaseUrl(databaseUrl())}`);
      return;
    default:
      throw new Error("usage: db.ts generate | migrate | migrate:dev NAME | reset");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`db: ${message}`);
    process.exit(1);
  });
}
