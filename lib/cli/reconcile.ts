/**
 * `npm run -s cli -- reconcile [--days N] [--account ID] [--json]`: billed, modelled and residual
 * USD per account, region and service over the last N whole UTC days (default 30), and the totals,
 * from the database in DATABASE_URL. The loader is passed in (scripts/cli.ts opens the database),
 * so this module stays free of database and node:* imports and is tested in process.
 * Exit codes: 0 ok, 2 bad flag (one line naming it), 1 failure. docs/reconciliation.md.
 */
import type { ReconciliationReport } from "@/lib/db/queries/reconciliation";
import type { FlagSpecs } from "./args";
import { CliUsageError, describeAccepted, formatFlagHelp, parseFlags } from "./args";
import { formatTable, formatUsdCents } from "./format";
import type { CliResult } from "./run-cli";

export type LoadReconciliation = (scope: {
  days: number;
  accountId?: string;
}) => Promise<ReconciliationReport>;

const MAX_DAYS = 90;

const RECONCILE_SPECS = {
  days: {
    kind: "number",
    min: 1,
    max: MAX_DAYS,
    unit: "whole UTC days before today",
    isInteger: true,
    description: "the window: the last N whole UTC days",
    defaultValue: 30,
  },
  account: { kind: "string", description: "a 12-digit AWS account id", example: "123456789012" },
  json: { kind: "boolean", description: "print JSON instead of a table" },
  help: { kind: "boolean", description: "show this help" },
} as const satisfies FlagSpecs;

export const RECONCILE_USAGE = `Usage: npm run -s cli -- reconcile [--days N] [--account ID] [--json]

Compares the bill with Breakeven's model over the last N whole UTC days: per account, region and
service, the billed cost (Cost Explorer lines, exact), the modelled cost (the synced usage priced at
list rates by lib/pricing) and the residual (billed − modelled), largest residual first, then the
totals. A residual over 5 % names its likely causes (free tier, Savings Plans, credits, a rate the
price book lacks, usage from resources not synced). Method: docs/reconciliation.md.

${formatFlagHelp(RECONCILE_SPECS)}`;

/** Cents for the table, so a residual of −$0.000000002 reads $0.00, not -$0.00. */
function formatCents(usd: number): string {
  return formatUsdCents(Math.round(usd * 100) / 100 || 0);
}

function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** The JSON: every figure in USD (billed also exactly, as nano-USD), rows largest |residual| first. */
export function toReconcileJson(report: ReconciliationReport): string {
  const json = {
    window: report.window,
    rows: report.rows.map((row) => ({
      accountId: row.accountId,
      accountName: row.accountName,
      region: row.region,
      service: row.service,
      billedUsd: row.billedUsd,
      billedNanoUsd: row.billedNanoUsd,
      modelledUsd: row.modelledUsd,
      residualUsd: row.residualUsd,
      residualShare: row.residualShare,
      unknownRates: row.unknownRates,
      causes: row.causes,
    })),
    totals: {
      billedUsd: report.totals.billedUsd,
      billedNanoUsd: report.totals.billedNanoUsd,
      modelledUsd: report.totals.modelledUsd,
      residualUsd: report.totals.residualUsd,
      residualShare: report.totals.residualShare,
    },
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function toTableText(report: ReconciliationReport): string {
  const { window, totals } = report;
  const span = `${window.start} to ${window.endExclusive} (exclusive), ${window.days} days`;
  if (report.rows.length === 0) return `Nothing billed or modelled from ${span}.\n`;
  const rows = report.rows.map((row) => [
    row.accountName ? `${row.accountId} (${row.accountName})` : row.accountId,
    row.region,
    row.service,
    formatCents(row.billedUsd),
    formatCents(row.modelledUsd),
    formatCents(row.residualUsd),
    formatPercent(row.residualShare),
  ]);
  rows.push([
    "total",
    "",
    "",
    formatCents(totals.billedUsd),
    formatCents(totals.modelledUsd),
    formatCents(totals.residualUsd),
    formatPercent(totals.residualShare),
  ]);
  const table = formatTable(
    ["account", "region", "service", "billed", "modelled", "residual", "share"],
    rows,
    new Set([3, 4, 5, 6]),
  );
  const causes = report.rows
    .filter((row) => row.causes.length > 0)
    .map(
      (row) =>
        `- ${row.accountId} ${row.region} ${row.service}:\n${row.causes.map((cause) => `    ${cause.description}`).join("\n")}`,
    );
  const unknown = totals.hasUnknownRates
    ? "\nSome usage has no modelled cost (a rate the price book lacks): the modelled figures are lower bounds."
    : "";
  return `${span}\n\n${table}\n${causes.length > 0 ? `\nLikely causes of residuals over 5 %:\n${causes.join("\n")}\n` : ""}${unknown}\n`.replace(
    /\n+$/,
    "\n",
  );
}

export async function runReconcile(
  argv: readonly string[],
  loadReconciliation: LoadReconciliation,
): Promise<CliResult> {
  try {
    const flags = parseFlags(argv, RECONCILE_SPECS, "reconcile");
    if (flags.booleans.has("help")) return { exitCode: 0, stdout: `${RECONCILE_USAGE}\n`, stderr: "" };
    const accountId = flags.strings.get("account");
    if (accountId !== undefined && !/^\d{12}$/.test(accountId))
      throw new CliUsageError(
        `${describeAccepted("account", RECONCILE_SPECS.account)}; got ${JSON.stringify(accountId)}`,
      );
    const days = flags.numbers.get("days") ?? RECONCILE_SPECS.days.defaultValue;
    const report = await loadReconciliation({ days, ...(accountId ? { accountId } : {}) });
    const stdout = flags.booleans.has("json") ? toReconcileJson(report) : toTableText(report);
    return { exitCode: 0, stdout, stderr: "" };
  } catch (error) {
    if (error instanceof CliUsageError) return { exitCode: 2, stdout: "", stderr: `${error.message}\n` };
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: "", stderr: `reconcile failed: ${message.split("\n")[0]}\n` };
  }
}
