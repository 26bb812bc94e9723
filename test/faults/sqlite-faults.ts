/**
 * Helpers for the SQLite fault tests: another process holding the database (hold-sqlite.ts),
 * `npm run db:migrate` as a child process with its exit code and output, and a database file that
 * cannot be written.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { MIGRATE_NODE_ARGS } from "@/lib/db/migrate-process";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type HoldMode = "app" | "read-transaction" | "write-lock";

export function createTempDatabasePath(name: string): string {
  return path.join(os.tmpdir(), `breakeven-${name}-${randomUUID()}.db`);
}

export function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal", "-migrate-lock"])
    fs.rmSync(file + suffix, { force: true });
}

/** Starts hold-sqlite.ts and resolves once it holds the database. */
export async function startHolder(file: string, mode: HoldMode): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/faults/hold-sqlite.ts", file, mode], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`holder exited (${code}): ${stderr}`)));
  });
  return child;
}

export async function stopHolder(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on("exit", resolve));
  child.kill();
  await exited;
}

export type MigrateResult = { status: number | null; output: string; elapsedMs: number };

/** `npm run db:migrate` (the same node flags) on `url`: exit code and stdout + stderr together. */
export function runMigrate(url: string): Promise<MigrateResult> {
  const startedAtMs = Date.now();
  const child = spawn(process.execPath, [...MIGRATE_NODE_ARGS], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) =>
    child.on("close", (status) => resolve({ status, output, elapsedMs: Date.now() - startedAtMs })),
  );
}

/**
 * Makes `file` unwritable for this process and returns the undo, or a reason it cannot. As root,
 * permissions do not apply, so the file is made immutable (chattr +i), which needs an ext2/3/4-like
 * file system and CAP_LINUX_IMMUTABLE.
 */
export function makeFileReadOnly(file: string): { restore(): void } | { reason: string } {
  if (process.getuid?.() !== 0) {
    fs.chmodSync(file, 0o444);
    return { restore: () => fs.chmodSync(file, 0o644) };
  }
  try {
    execFileSync("chattr", ["+i", file], { stdio: "pipe" });
  } catch (error) {
    return { reason: `running as root and chattr +i failed: ${(error as Error).message.split("\n")[0]}` };
  }
  return { restore: () => execFileSync("chattr", ["-i", file], { stdio: "pipe" }) };
}
