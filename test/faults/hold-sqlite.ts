/**
 * Another process with a SQLite database open, for the fault tests (test/faults/*.test.ts):
 *
 *   node --import tsx test/faults/hold-sqlite.ts FILE app|read-transaction|write-lock
 *
 * - app: what a running server holds after answering a page: the app's own connection (createDb,
 *   WAL) that has read the database. In WAL mode that connection keeps a shared lock on the file.
 * - read-transaction: a read transaction left open (a long report, a sqlite3 shell).
 * - write-lock: a write transaction left open (another writer that does not let go).
 *
 * Prints "ready" once it holds the database, then holds it until killed or stdin closes.
 */
import Database from "better-sqlite3";
import { createDb } from "@/lib/db/create-db";

const [file, mode] = process.argv.slice(2);
/** Reads the file (a page) whether or not it has been migrated; creates nothing. */
const READ_SQL = "SELECT COUNT(*) FROM sqlite_master";

/** Kept referenced: a collected connection would close and let go of its locks. */
const held: unknown[] = [];

async function hold(): Promise<void> {
  if (!file) throw new Error("usage: hold-sqlite.ts FILE app|read-transaction|write-lock");
  if (mode === "app") {
    const db = createDb(`file:${file}`);
    held.push(db);
    await db.$queryRawUnsafe(READ_SQL);
    return;
  }
  const connection = new Database(file);
  held.push(connection);
  connection.pragma("journal_mode = WAL");
  if (mode === "read-transaction") {
    connection.exec("BEGIN");
    connection.prepare(READ_SQL).get();
  } else if (mode === "write-lock") {
    connection.exec("BEGIN IMMEDIATE");
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

await hold();
process.stdout.write("ready\n");
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
