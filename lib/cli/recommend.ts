/**
 * `npm run -s cli -- recommend [--format table|csv|json|md] [filters]`: the stored recommendations
 * of the database in DATABASE_URL, filtered as on the recommendations page. The loader is passed in
 * (scripts/cli.ts opens the database, computes the recommendations when they are missing or stale,
 * then lists them), so this module stays free of database and node:* imports and is tested in
 * process. Exit codes: 0 ok, 2 bad flag (one line naming it), 1 failure.
 */
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export";
import { toRecommendationsExportText } from "@/lib/export/recommendations-export";
import { RECOMMENDATION_KINDS } from "@/lib/schemas/recommendation";
import type {
  RecommendationFilter,
  RecommendationItem,
  RecommendationTotals,
  RecommendationsSearchParams,
} from "@/lib/schemas/recommendation-list";
import {
  CONFIDENCES,
  DEFAULT_STATUS_FILTER,
  MAX_MIN_SAVING_USD,
  STATUS_FILTERS,
  parseRecommendationsSearchParams,
  toRecommendationFilter,
} from "@/lib/schemas/recommendation-list";
import type { FlagSpecs, ParsedFlags } from "./args";
import { CliUsageError, describeAccepted, formatFlagHelp, parseFlags } from "./args";
import { formatTable, formatUsdCents } from "./format";
import type { CliResult } from "./run-cli";

/** What the command lists: every item the filter selects (largest saving first) and its totals. */
export type LoadRecommendations = (filter: RecommendationFilter) => Promise<{
  items: RecommendationItem[];
  totals: RecommendationTotals;
  computedAt: string | null;
}>;

const RECOMMEND_FORMATS = ["table", ...EXPORT_FORMATS] as const;

const RECOMMEND_SPECS = {
  format: {
    kind: "enum",
    values: RECOMMEND_FORMATS,
    description: "a table for people, or a file: CSV, the versioned JSON, a Markdown report",
    defaultValue: "table",
  },
  json: { kind: "boolean", description: "the same as --format json" },
  status: {
    kind: "enum",
    values: STATUS_FILTERS,
    description: "review status (todo = open and accepted; all = every status)",
    defaultValue: DEFAULT_STATUS_FILTER,
  },
  kind: { kind: "enum", values: RECOMMENDATION_KINDS, description: "only this kind of recommendation" },
  account: { kind: "string", description: "a 12-digit AWS account id", example: "123456789012" },
  region: { kind: "string", description: "an AWS region code", example: "us-east-1" },
  confidence: { kind: "enum", values: CONFIDENCES, description: "only this confidence" },
  "min-saving-usd": {
    kind: "number",
    min: 0,
    max: MAX_MIN_SAVING_USD,
    unit: "USD a month",
    description: "only known monthly savings of at least this much (unknown savings are left out)",
  },
  help: { kind: "boolean", description: "show this help" },
} as const satisfies FlagSpecs;

export const RECOMMEND_USAGE = `Usage: npm run -s cli -- recommend [--format table|csv|json|md] [--status S] [--kind K]
         [--account ID] [--region R] [--confidence C] [--min-saving-usd N] > file

Lists the recommendations of the database in DATABASE_URL (default: the SQLite file under data/),
largest monthly saving first, with the filters of the recommendations page (default: status todo,
the open and accepted ones). They are computed first when they never were, or are stale.
--format table (the default) prints resource, kind, change, monthly saving, confidence and status,
then each one-line reason; csv, json and md print the export files of the page (columns, units and
the JSON schema: docs/recommendations-export.md). --json is --format json.

${formatFlagHelp({
  ...RECOMMEND_SPECS,
  // Seven kinds on one line would widen every row of the help: they go in the description.
  kind: { kind: "string", description: `only this kind: ${RECOMMENDATION_KINDS.join(", ")}`, example: "K" },
})}`;

/** The flags as the page's URL parameters, parsed by the page's schema: the same filter either way. */
function toFilter(flags: ParsedFlags): RecommendationFilter {
  const raw: Record<string, string | undefined> = {
    status: flags.strings.get("status"),
    kind: flags.strings.get("kind"),
    account: flags.strings.get("account"),
    region: flags.strings.get("region"),
    confidence: flags.strings.get("confidence"),
    min: flags.numbers.has("min-saving-usd") ? String(flags.numbers.get("min-saving-usd")) : undefined,
  };
  const state = parseRecommendationsSearchParams(raw);
  // The page's schema drops a value it does not accept (an edited URL still renders); a flag is refused.
  const checked: [flag: keyof typeof RECOMMEND_SPECS, param: keyof RecommendationsSearchParams][] = [
    ["account", "account"],
    ["region", "region"],
  ];
  for (const [flag, param] of checked) {
    const value = flags.strings.get(flag);
    if (value !== undefined && state[param] === undefined)
      throw new CliUsageError(
        `${describeAccepted(flag, RECOMMEND_SPECS[flag])}; got ${JSON.stringify(value)}`,
      );
  }
  return toRecommendationFilter(state);
}

function toFormat(flags: ParsedFlags): ExportFormat | "table" {
  const format = flags.strings.get("format") as (typeof RECOMMEND_FORMATS)[number];
  if (!flags.booleans.has("json")) return format;
  if (flags.given.has("format") && format !== "json")
    throw new CliUsageError(`--json is --format json; it cannot go with --format ${format}`);
  return "json";
}

function formatPercentCell(value: number | null): string {
  return value === null ? "unknown" : `${(value * 100).toFixed(1)} %`;
}

/** "status all, kind lambda-arm64, saving at least $10.00 a month" */
function describeFilter(filter: RecommendationFilter): string {
  const parts = [`status ${filter.status}`];
  if (filter.kind) parts.push(`kind ${filter.kind}`);
  if (filter.accountId) parts.push(`account ${filter.accountId}`);
  if (filter.region) parts.push(`region ${filter.region}`);
  if (filter.confidence) parts.push(`confidence ${filter.confidence}`);
  if (filter.minSavingUsd !== undefined)
    parts.push(`saving at least ${formatUsdCents(filter.minSavingUsd)} a month`);
  return parts.join(", ");
}

function toTableText(
  items: readonly RecommendationItem[],
  totals: RecommendationTotals,
  filter: RecommendationFilter,
): string {
  if (items.length === 0) {
    const isDefaultFilter =
      filter.status === DEFAULT_STATUS_FILTER &&
      Object.entries(filter).every(([key, value]) => key === "status" || value === undefined);
    return isDefaultFilter
      ? "No recommendations: every resource is right-sized, or there is not enough evidence yet.\n"
      : `No recommendations match the filter (${describeFilter(filter)}).\n`;
  }
  const rows = items.map((r) => [
    r.resourceName,
    r.kind,
    `${r.currentConfig} → ${r.proposedConfig}`,
    formatUsdCents(r.monthlySavingUsd),
    formatPercentCell(r.savingPercent),
    r.confidence,
    r.status,
  ]);
  const table = formatTable(
    ["resource", "kind", "change", "saving/month", "saving", "confidence", "status"],
    rows,
    new Set([3, 4]),
  );
  const reasons = items.map((r) => `- ${r.summary}\n  ${r.resourceArn}`).join("\n");
  const unknown =
    totals.unknownSavingCount > 0
      ? `; ${totals.unknownSavingCount} with an unknown saving are not counted`
      : "";
  const total = `${totals.count} recommendations; up to ${formatUsdCents(totals.totalMonthlySavingUsd)} a month in known savings (each resource's largest saving counted once${unknown}).`;
  return `${table}\n\n${reasons}\n\n${total}\n`;
}

export async function runRecommend(
  argv: readonly string[],
  loadRecommendations: LoadRecommendations,
  now: Date = new Date(),
): Promise<CliResult> {
  try {
    const flags = parseFlags(argv, RECOMMEND_SPECS, "recommend");
    if (flags.booleans.has("help")) return { exitCode: 0, stdout: `${RECOMMEND_USAGE}\n`, stderr: "" };
    const format = toFormat(flags);
    const filter = toFilter(flags);
    const { items, totals, computedAt } = await loadRecommendations(filter);
    const stdout =
      format === "table"
        ? toTableText(items, totals, filter)
        : toRecommendationsExportText(format, items, totals, { filter, generatedAt: now, computedAt });
    return { exitCode: 0, stdout, stderr: "" };
  } catch (error) {
    if (error instanceof CliUsageError) return { exitCode: 2, stdout: "", stderr: `${error.message}\n` };
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: "", stderr: `recommend failed: ${message.split("\n")[0]}\n` };
  }
}
