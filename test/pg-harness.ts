/**
 * A throwaway PostgreSQL server for data-layer tests: initdb into a temp directory, start postgres
 * on a free loopback port (unix socket in the same directory, fsync off), create databases, migrate
 * them with scripts/db.ts, and stop and delete everything afterwards.
 *
 * As root, initdb and postgres refuse to run, so they run as the `postgres` user via runuser (the
 * directory is chowned to it). Nothing listens beyond 127.0.0.1.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateInChildProcess } from "../lib/db/migrate-process";

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and postgres, or null. */
export function findPostgresBinDir(): string | null {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const versions = fs
    .readdirSync(base)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(base, version, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "postgres"))) return bin;
  }
  return null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function getPostgresUnavailableReason(): string | null {
  if (findPostgresBinDir()) return null;
  return "no PostgreSQL server binaries (looked for /usr/lib/postgresql/*/bin/initdb); install postgresql to run these tests";
}

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** argv to run `command` as the postgres user when we are root, as ourselves otherwise. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export type PostgresCluster = {
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its directory. Safe to call twice. */
  stop(): Promise<void>;
};

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBinDir();
  if (!bin) throw new Error(getPostgresUnavailableReason() ?? "no PostgreSQL");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "breakeven-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  if (isRoot()) execFileSync("chown", ["-R", "postgres:postgres", dir]);

  const [initdb, initdbArgs] = asServerUser(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "--auth=trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--no-locale",
    "--no-sync",
  ]);
  execFileSync(initdb, initdbArgs, { stdio: ["ignore", "ignore", "pipe"] });

  const port = await findFreePort();
  const log = fs.openSync(logFile, "a");
  const [postgres, postgresArgs] = asServerUser(path.join(bin, "postgres"), [
    "-D",
    dataDir,
    "-p",
    String(port),
    "-k",
    dir,
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "max_connections=50",
  ]);
  const server: ChildProcess = spawn(postgres, postgresArgs, { stdio: ["ignore", log, log] });
  let hasExited = false;
  server.on("exit", () => {
    hasExited = true;
  });

  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (hasExited || Date.now() > deadline) {
        const serverLog = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").slice(-2000) : "";
        fs.rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start (${String(error)}):\n${serverLog}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  let isStopped = false;
  return {
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (isStopped) return;
      isStopped = true;
      // Fast shutdown: signal the postmaster itself (runuser may not forward signals).
      const pidFile = path.join(dataDir, "postmaster.pid");
      const postmasterPid = fs.existsSync(pidFile)
        ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
        : NaN;
      if (!hasExited) {
        const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
        try {
          if (Number.isInteger(postmasterPid) && postmasterPid > 0) process.kill(postmasterPid, "SIGINT");
          else server.kill("SIGINT");
        } catch {
          // already gone
        }
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, 15_000));
        await Promise.race([exited, timeout]);
        if (!hasExited) server.kill("SIGKILL");
      }
      fs.closeSync(log);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Applies the migrations to a database (SQLite file: or postgres:// URL) via scripts/db.ts in a child process. */
export function migrateDatabase(url: string): void {
  migrateInChildProcess(url);
}
