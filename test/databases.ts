/**
 * Runs the same data-layer tests against SQLite and PostgreSQL:
 *
 *   describeForBothDatabases("cost lines", (getDatabase) => {
 *     it("…", async () => { const { db, kind } = getDatabase(); … });
 *   });
 *
 * Each block gets a freshly migrated database per kind: a temp SQLite file, and a database in a
 * throwaway PostgreSQL server (test/pg-harness.ts) started once per test file. Without PostgreSQL
 * binaries the PostgreSQL half is skipped with the reason in its name, or fails when CI=true:
 * CI installs PostgreSQL, so a missing server there is a broken setup, never a silent pass.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import type { DatabaseKind } from "@/lib/db/url";
import {
  getPostgresUnavailableReason,
  migrateDatabase,
  startPostgresCluster,
  type PostgresCluster,
} from "./pg-harness";

export type TestDatabase = { kind: DatabaseKind; url: string; db: Db };

let cluster: Promise<PostgresCluster> | null = null;
let clusterUsers = 0;

async function acquireCluster(): Promise<PostgresCluster> {
  clusterUsers += 1;
  cluster ??= startPostgresCluster();
  return cluster;
}

async function releaseCluster(): Promise<void> {
  clusterUsers -= 1;
  if (clusterUsers > 0 || !cluster) return;
  const running = cluster;
  cluster = null;
  await (await running).stop();
}

function describeOne(
  kind: DatabaseKind,
  name: string,
  body: (getDatabase: () => TestDatabase) => void,
): void {
  let database: TestDatabase | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  const getDatabase = (): TestDatabase => {
    if (!database) throw new Error("test database not ready (used outside a test?)");
    return database;
  };

  describe(`${name} [${kind}]`, () => {
    beforeAll(async () => {
      if (kind === "sqlite") {
        const file = path.join(os.tmpdir(), `breakeven-test-${randomUUID()}.db`);
        const url = `file:${file}`;
        migrateDatabase(url);
        database = { kind, url, db: createDb(url) };
        cleanup = async () => {
          for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
        };
      } else {
        const server = await acquireCluster();
        const url = await server.createDatabase(`test_${randomUUID().replace(/-/g, "").slice(0, 16)}`);
        migrateDatabase(url);
        database = { kind, url, db: createDb(url) };
        cleanup = releaseCluster;
      }
    });
    afterAll(async () => {
      await database?.db.$disconnect();
      database = null;
      await cleanup?.();
    });
    body(getDatabase);
  });
}

export function describeForBothDatabases(
  name: string,
  body: (getDatabase: () => TestDatabase) => void,
): void {
  describeOne("sqlite", name, body);
  const reason = getPostgresUnavailableReason();
  if (reason === null) {
    describeOne("postgresql", name, body);
  } else if (process.env.CI === "true") {
    describe(`${name} [postgresql]`, () => {
      it("needs a PostgreSQL server", () => {
        throw new Error(`CI=true but ${reason}`);
      });
    });
  } else {
    describe.skip(`${name} [postgresql] — skipped: ${reason}`, () =>
      body(() => {
        throw new Error("skipped");
      }));
  }
}
