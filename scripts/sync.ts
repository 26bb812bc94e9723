/**
 * `npm run sync -- [options]`: read AWS accounts into DATABASE_URL (default file:./data/breakeven.db).
 *
 *   --account ID      one configured account (12 digits); default every configured account, or,
 *                     with none configured, the account of the default credentials (found with STS
 *                     GetCallerIdentity and recorded)
 *   --regions r1,r2   regions to read (default the account's enabled regions)
 *   --days N          days of daily metrics on a first sync, 1–90 (default 90); later runs read only
 *                     what is new plus the last 2 days
 *   --json            print the result as JSON (one object per account) instead of a summary
 *   --quiet           no progress and no summary
 *   --run-id ID       continue a run the server reserved ("Sync now" starts this script)
 *
 * Credentials: the AWS SDK's default provider chain (environment, shared config and credentials
 * files, SSO), the account's named profile, or AssumeRole with its ExternalId. AWS_ENDPOINT_URL
 * (and AWS_ENDPOINT_URL_<SERVICE>) point it at an emulator. Exit codes: 0 done, 3 done but partial
 * (what is missing is printed), 1 failed or already running, 2 bad arguments.
 */
import { parseArgs } from "node:util";
import { classifyAwsError } from "../lib/aws/errors";
import { createDb } from "../lib/db/create-db";
import { ImportAlreadyRunningError } from "../lib/db/import/run-import";
import { migrateInChildProcess } from "../lib/db/migrate-process";
import { isDatabaseUpToDate } from "../lib/db/migration-status";
import { DEFAULT_DATABASE_URL, redactDatabaseUrl, toDatabaseKind } from "../lib/db/url";
import type { SyncAccountResult, SyncProgress } from "../lib/sync";
import { SyncCredentialsError, SyncSetupError, runSync } from "../lib/sync";
import { MAX_SYNC_DAYS } from "../lib/sync/windows";

const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export type SyncCliArgs = {
  accountId?: string;
  regions?: string[];
  days?: number;
  isJson: boolean;
  isQuiet: boolean;
  runId?: string;
};

export class SyncUsageError extends Error {}

export function parseSyncArgs(argv: readonly string[]): SyncCliArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        account: { type: "string" },
        regions: { type: "string" },
        days: { type: "string" },
        json: { type: "boolean", default: false },
        quiet: { type: "boolean", default: false },
        "run-id": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new SyncUsageError(
      `${error instanceof Error ? error.message.split("\n")[0] : String(error)}; use --account, --regions, --days, --json, --quiet`,
    );
  }
  const args: SyncCliArgs = { isJson: values.json, isQuiet: values.quiet };
  if (values.account !== undefined) {
    if (!/^\d{12}$/.test(values.account))
      throw new SyncUsageError(`--account must be a 12-digit AWS account id; got ${values.account}`);
    args.accountId = values.account;
  }
  if (values.regions !== undefined) {
    const regions = [
      ...new Set(
        values.regions
          .split(",")
          .map((region) => region.trim())
          .filter(Boolean),
      ),
    ];
    const bad = regions.find((region) => !REGION_PATTERN.test(region));
    if (regions.length === 0 || bad !== undefined) {
      throw new SyncUsageError(
        `--regions must be AWS region codes like us-east-1,eu-west-1; got ${bad ?? values.regions}`,
      );
    }
    args.regions = regions;
  }
  if (values.days !== undefined) {
    const days = Number(values.days);
    if (!/^\d+$/.test(values.days) || days < 1 || days > MAX_SYNC_DAYS) {
      throw new SyncUsageError(
        `--days must be a whole number from 1 to ${MAX_SYNC_DAYS}; got ${values.days}`,
      );
    }
    args.days = days;
  }
  if (values["run-id"] !== undefined) {
    if (!/^aws-[0-9a-f-]{36}$/.test(values["run-id"])) {
      throw new SyncUsageError(`--run-id must be a run id like aws-<uuid>; got ${values["run-id"]}`);
    }
    if (!args.accountId) throw new SyncUsageError("--run-id needs --account");
    args.runId = values["run-id"];
  }
  return args;
}

const integer = new Intl.NumberFormat("en-US");
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });

function createProgressLine(isEnabled: boolean): (progress: SyncProgress) => void {
  let lastDrawMs = 0;
  const startedAtMs = Date.now();
  return (progress) => {
    if (!isEnabled) return;
    const nowMs = Date.now();
    if (nowMs - lastDrawMs < 100) return;
    lastDrawMs = nowMs;
    const width = 20;
    const share = progress.total > 0 ? progress.done / progress.total : 0;
    const bar = progress.total > 0 ? `[${"#".repeat(Math.round(share * width)).padEnd(width, ".")}] ` : "";
    const count =
      progress.total > 0 ? ` ${integer.format(progress.done)}/${integer.format(progress.total)}` : "";
    const seconds = ((nowMs - startedAtMs) / 1000).toFixed(1);
    process.stderr.write(
      `\r\x1b[2Ksync: ${bar}${progress.step}${count} · ${integer.format(progress.calls)} calls · ${seconds} s`,
    );
  };
}

export function formatSyncSummary(result: SyncAccountResult): string {
  const tables = Object.entries(result.rowsByTable)
    .filter(([, rows]) => rows > 0)
    .map(([table, rows]) => `${table} ${integer.format(rows)}`)
    .join(", ");
  const calls = Object.entries(result.calls)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([api, count]) => `${api} ${integer.format(count)}`)
    .join(", ");
  const lines = [
    `sync: account ${result.accountId} (${result.regions.join(", ")}): ${result.status} in ${(result.elapsedMs / 1000).toFixed(1)} s`,
    `      ${integer.format(result.rowsWritten)} rows changed${tables ? `: ${tables}` : ""}`,
    `      AWS calls: ${calls || "none"}`,
    `      estimated AWS cost of this run: ${result.estimatedCostUsd === null ? "unknown" : usd.format(result.estimatedCostUsd)}`,
  ];
  if (result.resourcesMarkedDeleted > 0) {
    lines.push(
      `      ${integer.format(result.resourcesMarkedDeleted)} resources gone from AWS, marked deleted`,
    );
  }
  for (const issue of result.issues) {
    lines.push(`      missing: ${issue.api} in ${issue.region} (${issue.code}): ${issue.message}`);
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  let args: SyncCliArgs;
  try {
    args = parseSyncArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof SyncUsageError) {
      console.error(`sync: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  let db = createDb(url);
  if (!args.runId && !(await isDatabaseUpToDate(db, toDatabaseKind(url)))) {
    await db.$disconnect();
    migrateInChildProcess(url, { stdio: ["ignore", "ignore", "inherit"] });
    db = createDb(url);
  }
  const showProgress = !args.isQuiet && !args.isJson && process.stderr.isTTY === true;
  try {
    const results = await runSync(db, {
      accountId: args.accountId,
      regions: args.regions,
      days: args.days,
      runId: args.runId,
      defaultRegion: process.env.AWS_REGION?.trim() || process.env.AWS_DEFAULT_REGION?.trim() || undefined,
      onProgress: createProgressLine(showProgress),
      onAccount: (account) => {
        if (showProgress) process.stderr.write(`\r\x1b[2Ksync: account ${account.id} (${account.name})\n`);
      },
    });
    if (showProgress) process.stderr.write("\r\x1b[2K");
    if (args.isJson) {
      console.log(
        JSON.stringify(
          results.map((result) => ({ ...result })),
          null,
          2,
        ),
      );
    } else if (!args.isQuiet) {
      for (const result of results) console.log(formatSyncSummary(result));
      console.log(`      into ${redactDatabaseUrl(url)}`);
    }
    return results.some((result) => result.status === "partial") ? 3 : 0;
  } catch (error) {
    if (showProgress) process.stderr.write("\r\x1b[2K");
    if (
      error instanceof ImportAlreadyRunningError ||
      error instanceof SyncSetupError ||
      error instanceof SyncCredentialsError
    ) {
      console.error(`sync: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Classified and shortened: no credential, signature or raw response reaches the terminal.
      const classified = classifyAwsError(error);
      console.error(`sync: failed (${classified.code}): ${classified.message}`);
      process.exit(1);
    },
  );
}
