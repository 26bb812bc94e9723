/**
 * `npm run -s cli -- accounts list|add|remove|test …`: the AWS accounts Breakeven syncs. The data
 * access and the AWS test are passed in by scripts/cli.ts (it opens the database), so this module
 * does no I/O itself and is tested in process with fake functions.
 * Exit codes: 0 ok, 2 bad flag or value (one line naming the flag), 1 failure (including a
 * connection test that found a problem; the result is printed first).
 */
import { parseArgs } from "node:util";
import type {
  AccountDetail,
  AccountView,
  ConnectionTestResultView,
  CreateAccountBody,
} from "@/lib/schemas/account";
import { accountIdSchema, createAccountBodySchema } from "@/lib/schemas/account";
import { COST_EXPLORER_USD_PER_REQUEST } from "@/lib/pricing/api-charges";
import { formatTable, formatUsdCents } from "./format";
import type { CliResult } from "./run-cli";

export type ConnectionTestRequest = {
  accountId: string;
  profile: string | null;
  roleArn: string | null;
  externalId: string | null;
  regions: string[];
  isLogsInsightsEnabled: boolean;
  isCostExplorerEnabled: boolean;
};

/** What the accounts commands need from the outside world. */
export type AccountsCliDeps = {
  listAccounts: () => Promise<AccountView[]>;
  getAccount: (accountId: string) => Promise<AccountDetail | null>;
  createAccount: (input: CreateAccountBody) => Promise<AccountDetail>;
  deleteAccountWithData: (accountId: string) => Promise<{ rowsDeleted: number } | null>;
  testConnection: (input: ConnectionTestRequest) => Promise<ConnectionTestResultView>;
};

export const ACCOUNTS_USAGE = `Usage: npm run -s cli -- accounts <command> [flags]

  list [--json]                                 the configured AWS accounts, their regions and last sync
  add --id ID --name NAME --regions r1,r2       add an account (12-digit id; 1–20 region codes)
      [--role-arn ARN [--external-id X]]        role to assume (empty = the default AWS credentials)
      [--profile P]                             named profile of ~/.aws/config (empty = the default)
      [--logs-insights]                         read Lambda REPORT lines with Logs Insights (paid:
                                                $0.005 per GB scanned; off by default)
      [--no-cost-explorer]                      do not read the billed cost with Cost Explorer
                                                (paid: $0.01 per request; on by default)
  remove --id ID --yes                          remove the account and everything synced from it
  test --id ID [--json]                         check credentials, permissions per region and the
                                                estimated cost of a first sync (exit 1 on a problem)

Accounts live in the database in DATABASE_URL (default: the SQLite file under data/).
Sync one with \`npm run sync -- --account ID\`.`;

class UsageError extends Error {}

const FIELD_FLAGS: Record<string, string> = {
  id: "--id",
  name: "--name",
  regions: "--regions",
  roleArn: "--role-arn",
  externalId: "--external-id",
  profile: "--profile",
  isLogsInsightsEnabled: "--logs-insights",
  isCostExplorerEnabled: "--no-cost-explorer",
};

type OptionSpecs = Record<string, { type: "string" | "boolean" }>;

/** node:util parseArgs, strict; its errors become one line naming the flag. */
function parseFlags(command: string, argv: readonly string[], options: OptionSpecs) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s|\n/)[0]! : String(error);
    const known = Object.keys(options)
      .map((name) => `--${name}`)
      .join(", ");
    throw new UsageError(`accounts ${command}: ${message.replace(/\.$/, "")} (flags: ${known})`);
  }
}

function requireFlag(command: string, values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new UsageError(`accounts ${command}: --${name} is required`);
  }
  return value;
}

function parseAccountId(command: string, raw: string): string {
  const parsed = accountIdSchema.safeParse(raw);
  if (!parsed.success)
    throw new UsageError(`accounts ${command}: --id must be 12 digits; got ${JSON.stringify(raw)}`);
  return parsed.data;
}

function ok(stdout: string): CliResult {
  return { exitCode: 0, stdout, stderr: "" };
}

function fail(stderr: string, stdout = ""): CliResult {
  return { exitCode: 1, stdout, stderr: `${stderr}\n` };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function describeAccess(account: AccountView): string {
  if (account.roleArn) return `role ${account.roleArn}${account.hasExternalId ? " (ExternalId)" : ""}`;
  if (account.profile) return `profile ${account.profile}`;
  return "default credentials";
}

/** "on, 12 requests ($0.12) this month": what Breakeven spent on Cost Explorer this UTC month. */
function describeCostExplorer(account: AccountView): string {
  const { requests, costUsd } = account.costExplorerThisMonth;
  const spent = `${requests} ${requests === 1 ? "request" : "requests"} (${formatUsdCents(costUsd)}) this month`;
  if (!account.isCostExplorerEnabled) return requests > 0 ? `off, ${spent}` : "off";
  return `on, ${spent}`;
}

function describeLastRun(account: AccountView): string {
  const run = account.recentRuns[0];
  if (!run) return "never synced";
  const when = (run.finishedAt ?? run.startedAt).replace("T", " ").slice(0, 16);
  return `${run.status} ${when} UTC`;
}

async function listCommand(argv: readonly string[], deps: AccountsCliDeps): Promise<CliResult> {
  const values = parseFlags("list", argv, { json: { type: "boolean" } });
  const accounts = await deps.listAccounts();
  if (values.json) return ok(json({ accounts }));
  if (accounts.length === 0) {
    return ok(
      "No AWS accounts configured. Add one with\n  npm run -s cli -- accounts add --id 123456789012 --name prod --regions us-east-1\n",
    );
  }
  const rows = accounts.map((account) => [
    account.id,
    account.name,
    account.regions.join(","),
    describeAccess(account),
    account.isLogsInsightsEnabled ? "on" : "off",
    describeCostExplorer(account),
    String(account.functionCount),
    String(account.serviceCount),
    describeLastRun(account),
  ]);
  return ok(
    `${formatTable(
      [
        "account",
        "name",
        "regions",
        "access",
        "logs insights",
        "cost explorer",
        "functions",
        "services",
        "last sync",
      ],
      rows,
      new Set([6, 7]),
    )}\n`,
  );
}

async function addCommand(argv: readonly string[], deps: AccountsCliDeps): Promise<CliResult> {
  const values = parseFlags("add", argv, {
    id: { type: "string" },
    name: { type: "string" },
    regions: { type: "string" },
    "role-arn": { type: "string" },
    "external-id": { type: "string" },
    profile: { type: "string" },
    "logs-insights": { type: "boolean" },
    "no-cost-explorer": { type: "boolean" },
    json: { type: "boolean" },
  });
  const body = {
    id: requireFlag("add", values, "id"),
    name: requireFlag("add", values, "name"),
    regions: requireFlag("add", values, "regions")
      .split(",")
      .map((region) => region.trim())
      .filter(Boolean),
    roleArn: values["role-arn"],
    externalId: values["external-id"],
    profile: values.profile,
    isLogsInsightsEnabled: values["logs-insights"] === true,
    isCostExplorerEnabled: values["no-cost-explorer"] !== true,
  };
  const parsed = createAccountBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "");
    const flag = FIELD_FLAGS[field] ?? `--${field}`;
    const index = typeof issue.path[1] === "number" ? issue.path[1] : null;
    const got = field === "regions" && index !== null ? `; got ${JSON.stringify(body.regions[index])}` : "";
    throw new UsageError(`accounts add: ${flag}: ${issue.message}${got}`);
  }
  const account = await deps.createAccount(parsed.data);
  if (values.json) return ok(json(account));
  return ok(
    `Added account ${account.id} (${account.name}) in ${account.regions.join(", ")}.\n` +
      `Check access with \`npm run -s cli -- accounts test --id ${account.id}\`, then sync with \`npm run sync -- --account ${account.id}\`.\n`,
  );
}

async function removeCommand(argv: readonly string[], deps: AccountsCliDeps): Promise<CliResult> {
  const values = parseFlags("remove", argv, { id: { type: "string" }, yes: { type: "boolean" } });
  const accountId = parseAccountId("remove", requireFlag("remove", values, "id"));
  if (values.yes !== true) {
    throw new UsageError(
      "accounts remove: --yes is required (removing an account deletes everything synced from it)",
    );
  }
  const result = await deps.deleteAccountWithData(accountId);
  if (!result) return fail(`accounts remove: no configured account ${accountId}`);
  return ok(`Removed account ${accountId} and ${result.rowsDeleted} rows synced from it.\n`);
}

const STATUS_TEXT = { ok: "ok", missing: "MISSING", error: "ERROR", skipped: "skipped" } as const;

export function formatConnectionTest(accountId: string, result: ConnectionTestResultView): string {
  const lines: string[] = [];
  if (result.error) lines.push(`Could not connect: ${result.error.message} (${result.error.code})`);
  if (result.identity) {
    lines.push(`Caller: ${result.identity.arn}`);
    lines.push(
      result.isAccountMatching
        ? `Account: ${result.identity.accountId} (matches)`
        : `Account: ${result.identity.accountId} — NOT ${accountId}: these credentials read another account`,
    );
  }
  for (const region of result.regions) {
    const counts = [
      region.functions === null ? "functions unknown" : `${region.functions} functions`,
      region.services === null ? "services unknown" : `${region.services} services`,
    ].join(", ");
    lines.push("", `${region.region}: ${counts}`);
    lines.push(
      formatTable(
        ["api", "iam action", "status", "code"],
        region.checks.map((check) => [check.api, check.action, STATUS_TEXT[check.status], check.code ?? ""]),
        new Set(),
      ),
    );
    for (const check of region.checks) {
      if ((check.status === "missing" || check.status === "error") && check.message) {
        lines.push(`  ${check.action}: ${check.message}`);
      }
    }
  }
  if (result.estimate) {
    const { costExplorerRequests } = result.estimate;
    const costExplorer =
      costExplorerRequests > 0
        ? `, at least ${costExplorerRequests} Cost Explorer ${costExplorerRequests === 1 ? "request" : "requests"} (${formatUsdCents(costExplorerRequests * COST_EXPLORER_USD_PER_REQUEST)})`
        : "";
    lines.push(
      "",
      `First sync (backfill): about ${result.estimate.calls} AWS calls, ${result.estimate.metricsRequested} metrics requested${costExplorer}, estimated ${formatUsdCents(result.estimate.estimatedCostUsd)} (${result.estimate.estimatedCostUsd} USD).`,
    );
  }
  return `${lines.join("\n").trimStart()}\n`;
}

function hasProblem(result: ConnectionTestResultView): boolean {
  return (
    result.error !== null ||
    !result.identity ||
    !result.isAccountMatching ||
    result.regions.some((region) =>
      region.checks.some((check) => check.status === "missing" || check.status === "error"),
    )
  );
}

async function testCommand(argv: readonly string[], deps: AccountsCliDeps): Promise<CliResult> {
  const values = parseFlags("test", argv, { id: { type: "string" }, json: { type: "boolean" } });
  const accountId = parseAccountId("test", requireFlag("test", values, "id"));
  const account = await deps.getAccount(accountId);
  if (!account) return fail(`accounts test: no configured account ${accountId}`);
  const result = await deps.testConnection({
    accountId: account.id,
    profile: account.profile,
    roleArn: account.roleArn,
    externalId: account.externalId,
    regions: account.regions,
    isLogsInsightsEnabled: account.isLogsInsightsEnabled,
    isCostExplorerEnabled: account.isCostExplorerEnabled,
  });
  const stdout = values.json ? json(result) : formatConnectionTest(account.id, result);
  if (!hasProblem(result)) return ok(stdout);
  return { exitCode: 1, stdout, stderr: "accounts test: the connection test found a problem (see above)\n" };
}

const COMMANDS: Record<string, (argv: readonly string[], deps: AccountsCliDeps) => Promise<CliResult>> = {
  list: listCommand,
  add: addCommand,
  remove: removeCommand,
  test: testCommand,
};

/** `argv` is what follows `accounts`. */
export async function runAccounts(argv: readonly string[], deps: AccountsCliDeps): Promise<CliResult> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "help" || rest.includes("--help")) {
    return command === undefined
      ? { exitCode: 2, stdout: "", stderr: `${ACCOUNTS_USAGE}\n` }
      : ok(`${ACCOUNTS_USAGE}\n`);
  }
  const run = COMMANDS[command];
  if (!run) {
    return {
      exitCode: 2,
      stdout: "",
      stderr: `unknown accounts command ${JSON.stringify(command)}; use list, add, remove or test\n`,
    };
  }
  try {
    return await run(rest, deps);
  } catch (error) {
    if (error instanceof UsageError) return { exitCode: 2, stdout: "", stderr: `${error.message}\n` };
    const message = error instanceof Error ? error.message : String(error);
    return fail(`accounts ${command} failed: ${message.split("\n")[0]}`);
  }
}
