/**
 * `npm run demo -- [options]`: load (or remove) the demo fleet in DATABASE_URL
 * (default file:./data/breakeven.db). Applies pending migrations first.
 *
 *   --functions N     Lambda functions (default 60: the catalogue; more are generated)
 *   --services M      Fargate services (default 12)
 *   --seed S          PRNG seed (default 42); the same seed gives the same rows
 *   --days D          days of daily metrics and cost lines (default 90)
 *   --hourly-days H   most recent days that also get hourly metrics (default 14)
 *   --as-of DATE      anchor, YYYY-MM-DD (UTC midnight, exclusive end); default: today 00:00 UTC
 *   --remove          delete every demo row instead
 *   --quiet           no progress and no summary (errors still go to stderr)
 *   --run-id ID       continue the run a server reserved (the "Load demo data" button starts this
 *                     script in its own process with the id; migrations were applied by the server)
 *
 * Exit codes: 0 done, 1 failed, 2 bad arguments.
 */
import { z } from "zod";
import type { FlagSpecs } from "../lib/cli/args";
import { CliUsageError, formatFlagHelp, parseFlags } from "../lib/cli/args";
import { createDb } from "../lib/db/create-db";
import { migrateInChildProcess } from "../lib/db/migrate-process";
import { DEFAULT_DATABASE_URL, redactDatabaseUrl } from "../lib/db/url";
import type { DemoOptions, DemoProgress } from "../lib/demo";
import {
  DEMO_OPTION_LIMITS,
  DemoOptionError,
  loadDemoFleet,
  removeDemoFleet,
  resolveDemoOptions,
} from "../lib/demo";

type CliArgs = { options: Partial<DemoOptions>; isRemove: boolean; isQuiet: boolean; runId?: string };

/** The demo's flags; the numeric ranges are the demo's own limits (DEMO_OPTION_LIMITS). */
export const DEMO_FLAG_SPECS = {
  functions: {
    kind: "number",
    ...DEMO_OPTION_LIMITS.functions,
    isInteger: true,
    unit: "",
    description: "Lambda functions (default 60: the catalogue; more are generated)",
  },
  services: {
    kind: "number",
    ...DEMO_OPTION_LIMITS.services,
    isInteger: true,
    unit: "",
    description: "Fargate services (default 12)",
  },
  seed: {
    kind: "number",
    ...DEMO_OPTION_LIMITS.seed,
    isInteger: true,
    unit: "",
    description: "PRNG seed (default 42); the same seed gives the same rows",
  },
  days: {
    kind: "number",
    ...DEMO_OPTION_LIMITS.days,
    isInteger: true,
    unit: "",
    description: "days of daily metrics and cost lines (default 90)",
  },
  "hourly-days": {
    kind: "number",
    ...DEMO_OPTION_LIMITS.hourlyDays,
    isInteger: true,
    unit: "",
    description: "most recent days that also get hourly metrics (default 14)",
  },
  "as-of": {
    kind: "string",
    description: "a UTC date YYYY-MM-DD",
    example: "2026-11-01",
    schema: z.iso.date(),
  },
  remove: { kind: "boolean", description: "delete every demo row instead" },
  quiet: { kind: "boolean", description: "no progress and no summary (errors still go to stderr)" },
  "run-id": {
    kind: "string",
    description: "the id of a run the server reserved",
    example: "demo-<uuid>",
    schema: z.string().regex(/^demo-[0-9a-f-]{36}$/),
  },
  help: { kind: "boolean", description: "show this help" },
} as const satisfies FlagSpecs;

export const DEMO_USAGE = `Usage: npm run demo -- [flags]\n\n${formatFlagHelp(DEMO_FLAG_SPECS)}`;

/** Reads the demo's flags (node:util parseArgs through lib/cli/args); throws CliUsageError. */
export function parseDemoArgs(argv: readonly string[]): CliArgs & { isHelp?: true } {
  const flags = parseFlags(argv, DEMO_FLAG_SPECS, "npm run demo --");
  const options: Partial<DemoOptions> = {};
  for (const [flag, name] of [
    ["functions", "functions"],
    ["services", "services"],
    ["seed", "seed"],
    ["days", "days"],
    ["hourly-days", "hourlyDays"],
  ] as const) {
    const value = flags.numbers.get(flag);
    if (value !== undefined) options[name] = value;
  }
  const asOf = flags.strings.get("as-of");
  if (asOf !== undefined) options.asOf = new Date(`${asOf}T00:00:00.000Z`);
  const runId = flags.strings.get("run-id");
  return {
    options,
    isRemove: flags.booleans.has("remove"),
    isQuiet: flags.booleans.has("quiet"),
    ...(runId === undefined ? {} : { runId }),
    ...(flags.booleans.has("help") ? { isHelp: true as const } : {}),
  };
}

function migrate(url: string, isQuiet: boolean): void {
  migrateInChildProcess(url, { stdio: ["ignore", isQuiet ? "ignore" : "inherit", "inherit"] });
}

const integer = new Intl.NumberFormat("en-US");
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

function createProgressLine(isEnabled: boolean, startedAtMs: number): (progress: DemoProgress) => void {
  let lastDrawMs = 0;
  return (progress) => {
    if (!isEnabled) return;
    const nowMs = Date.now();
    if (nowMs - lastDrawMs < 100 && progress.done !== progress.total) return;
    lastDrawMs = nowMs;
    const seconds = ((nowMs - startedAtMs) / 1000).toFixed(1);
    const share =
      progress.total > 0 ? ` ${integer.format(progress.done)}/${integer.format(progress.total)}` : "";
    process.stdout.write(`\r\x1b[2Kdemo: ${progress.step}${share} · ${seconds} s`);
  };
}

async function main(): Promise<number> {
  let args: CliArgs;
  try {
    const parsed = parseDemoArgs(process.argv.slice(2));
    if (parsed.isHelp) {
      console.log(DEMO_USAGE);
      return 0;
    }
    args = parsed;
    if (!args.isRemove) resolveDemoOptions(args.options);
  } catch (error) {
    if (error instanceof CliUsageError) {
      console.error(`demo: ${error.message}`);
      return 2;
    }
    if (error instanceof DemoOptionError) {
      // Name the flag, not the option: "hourlyDays must be … days (5)" → "--hourly-days must be … --days (5)".
      const toFlag = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      console.error(`demo: ${error.message.replace(/^\w+/, toFlag).replace("to days (", "to --days (")}`);
      return 2;
    }
    throw error;
  }
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const startedAtMs = Date.now();
  if (!args.runId) migrate(url, args.isQuiet);
  const db = createDb(url);
  try {
    if (args.isRemove) {
      const { rowsDeleted } = await removeDemoFleet(db);
      if (!args.isQuiet)
        console.log(`demo: removed ${integer.format(rowsDeleted)} demo rows from ${redactDatabaseUrl(url)}`);
      return 0;
    }
    const showProgress = !args.isQuiet && process.stdout.isTTY === true;
    const summary = await loadDemoFleet(db, args.options, createProgressLine(showProgress, startedAtMs), {
      runId: args.runId,
    });
    if (showProgress) process.stdout.write("\r\x1b[2K");
    if (!args.isQuiet) {
      const seconds = (summary.elapsedMs / 1000).toFixed(1);
      const perSecond = integer.format(
        Math.round(summary.rowsWritten / Math.max(0.001, summary.elapsedMs / 1000)),
      );
      const tables = Object.entries(summary.rowsByTable)
        .filter(([, rows]) => rows > 0)
        .map(([table, rows]) => `${table} ${integer.format(rows)}`)
        .join(", ");
      console.log(
        [
          `demo: loaded ${integer.format(summary.functions)} functions and ${integer.format(summary.services)} services ` +
            `(${summary.accounts} accounts), ${summary.days} days daily + ${summary.hourlyDays} days hourly, ` +
            `as of ${summary.asOf.slice(0, 10)}, seed ${summary.seed}`,
          `      ${integer.format(summary.rowsWritten)} rows in ${seconds} s (${perSecond} rows/s): ${tables}`,
          `      billed cost of the demo fleet over ${summary.days} days: ${usd.format(Number(summary.totalCostUsd))}`,
          `      into ${redactDatabaseUrl(url)}`,
        ].join("\n"),
      );
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
