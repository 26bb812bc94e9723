/**
 * `npm run -s cli -- recommend [--json]`: every current recommendation for the database in
 * DATABASE_URL. The fleet's advice is loaded by the caller (scripts/cli.ts opens the database), so
 * this module stays free of database and node:* imports and is tested in process.
 */
import type { FleetAdvice, Recommendation } from "@/lib/recommend";
import type { RecommendationExport } from "@/lib/schemas/recommendation";
import { RECOMMENDATION_EXPORT_VERSION } from "@/lib/schemas/recommendation";
import type { FlagSpecs } from "./args";
import { CliUsageError, formatFlagHelp, parseFlags } from "./args";
import { formatTable, formatUsdCents } from "./format";
import type { CliResult } from "./run-cli";

const RECOMMEND_SPECS = {
  json: { kind: "boolean", description: "print the versioned JSON export instead of a table" },
  help: { kind: "boolean", description: "show this help" },
} as const satisfies FlagSpecs;

export const RECOMMEND_USAGE = `Usage: npm run -s cli -- recommend [--json]

Prints every current recommendation for the database in DATABASE_URL (default: the SQLite file
under data/), largest monthly saving first: resource, kind, current and proposed configuration,
monthly saving in dollars and percent, confidence and the one-line reason. --json prints the
versioned export (schema: lib/schemas/recommendation.ts).

${formatFlagHelp(RECOMMEND_SPECS)}`;

export function toRecommendationExport(fleet: FleetAdvice, generatedAt: Date): RecommendationExport {
  return {
    version: RECOMMENDATION_EXPORT_VERSION,
    generatedAt: generatedAt.toISOString(),
    totalMonthlySavingUsd: roundUsd(fleet.totalMonthlySavingUsd),
    recommendations: fleet.recommendations.map((r) => toExportedRecommendation(r)),
  };
}

function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function roundOrNull(value: number | null, digits: number): number | null {
  return value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
}

function toExportedRecommendation(r: Recommendation): RecommendationExport["recommendations"][number] {
  return {
    id: r.id,
    resourceArn: r.resourceArn,
    resourceName: r.resourceName,
    resourceKind: r.resourceKind,
    kind: r.kind,
    accountId: r.accountId,
    region: r.region,
    currentConfig: r.currentConfig,
    proposedConfig: r.proposedConfig,
    proposed: r.proposed,
    currentMonthlyCostUsd: roundOrNull(r.currentMonthlyCostUsd, 6),
    proposedMonthlyCostUsd: roundOrNull(r.proposedMonthlyCostUsd, 6),
    monthlySavingUsd: roundOrNull(r.monthlySavingUsd, 6),
    savingPercent: roundOrNull(r.savingPercent, 6),
    confidence: r.confidence,
    reason: r.summary,
    evidence: r.evidence,
    assumptions: r.assumptions,
    risks: r.risks,
  };
}

function formatPercentCell(value: number | null): string {
  return value === null ? "unknown" : `${(value * 100).toFixed(1)} %`;
}

export async function runRecommend(
  argv: readonly string[],
  loadFleetAdvice: () => Promise<FleetAdvice>,
  now: Date = new Date(),
): Promise<CliResult> {
  try {
    const flags = parseFlags(argv, RECOMMEND_SPECS, "recommend");
    if (flags.booleans.has("help")) return { exitCode: 0, stdout: `${RECOMMEND_USAGE}\n`, stderr: "" };
    const fleet = await loadFleetAdvice();
    if (flags.booleans.has("json")) {
      return {
        exitCode: 0,
        stdout: `${JSON.stringify(toRecommendationExport(fleet, now), null, 2)}\n`,
        stderr: "",
      };
    }
    if (fleet.recommendations.length === 0) {
      return {
        exitCode: 0,
        stdout: "No recommendations: every resource is right-sized, or there is not enough evidence yet.\n",
        stderr: "",
      };
    }
    const rows = fleet.recommendations.map((r) => [
      r.resourceName,
      r.kind,
      `${r.currentConfig} → ${r.proposedConfig}`,
      formatUsdCents(r.monthlySavingUsd),
      formatPercentCell(r.savingPercent),
      r.confidence,
    ]);
    const table = formatTable(
      ["resource", "kind", "change", "saving/month", "saving", "confidence"],
      rows,
      new Set([3, 4]),
    );
    const reasons = fleet.recommendations.map((r) => `- ${r.summary}\n  ${r.resourceArn}`).join("\n");
    const total = `${fleet.recommendations.length} recommendations; up to ${formatUsdCents(fleet.totalMonthlySavingUsd)} a month in known savings (each resource's largest saving counted once; unknown savings are not counted).`;
    return { exitCode: 0, stdout: `${table}\n\n${reasons}\n\n${total}\n`, stderr: "" };
  } catch (error) {
    if (error instanceof CliUsageError) return { exitCode: 2, stdout: "", stderr: `${error.message}\n` };
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 1, stdout: "", stderr: `recommend failed: ${message.split("\n")[0]}\n` };
  }
}
