/**
 * The JSON export: the versioned shape of lib/schemas/recommendation.ts (version 2), numbers rounded
 * as every export rounds them (./round.ts). The schema is the contract; the tests parse this
 * function's output with it.
 */
import type {
  RecommendationFilter,
  RecommendationItem,
  RecommendationTotals,
} from "@/lib/schemas/recommendation-list";
import type { ExportedRecommendation, RecommendationExport } from "@/lib/schemas/recommendation";
import { RECOMMENDATION_EXPORT_VERSION } from "@/lib/schemas/recommendation";
import type { RecommendationsExportContext } from "./index";
import { roundForExport, roundForExportOrNull } from "./round";

export function toRecommendationsJson(
  items: readonly RecommendationItem[],
  totals: RecommendationTotals,
  context: RecommendationsExportContext,
): RecommendationExport {
  return {
    version: RECOMMENDATION_EXPORT_VERSION,
    generatedAt: context.generatedAt.toISOString(),
    computedAt: context.computedAt ?? null,
    filter: toExportFilter(context.filter),
    totals: toExportTotals(totals),
    totalMonthlySavingUsd: roundForExport(totals.totalMonthlySavingUsd),
    recommendations: items.map(toExportedRecommendation),
  };
}

/** The filter without its unset fields (JSON would drop them anyway; the object equals its parse). */
function toExportFilter(filter: RecommendationFilter): RecommendationFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => value !== undefined),
  ) as RecommendationFilter;
}

function toExportTotals(totals: RecommendationTotals): RecommendationTotals {
  const toGroups = (groups: RecommendationTotals["byKind"]) =>
    groups.map((group) => ({ ...group, monthlySavingUsd: roundForExport(group.monthlySavingUsd) }));
  return {
    count: totals.count,
    unknownSavingCount: totals.unknownSavingCount,
    totalMonthlySavingUsd: roundForExport(totals.totalMonthlySavingUsd),
    byKind: toGroups(totals.byKind),
    byAccount: toGroups(totals.byAccount),
    byRegion: toGroups(totals.byRegion),
  };
}

function toExportedRecommendation(item: RecommendationItem): ExportedRecommendation {
  return {
    // Version 1's id was the stable key (the database id is not part of the export).
    id: item.key,
    resourceArn: item.resourceArn,
    resourceName: item.resourceName,
    resourceKind: item.resourceKind,
    kind: item.kind,
    accountId: item.accountId,
    region: item.region,
    currentConfig: item.currentConfig,
    proposedConfig: item.proposedConfig,
    proposed: item.proposed,
    currentMonthlyCostUsd: roundForExportOrNull(item.currentMonthlyCostUsd),
    proposedMonthlyCostUsd: roundForExportOrNull(item.proposedMonthlyCostUsd),
    monthlySavingUsd: roundForExportOrNull(item.monthlySavingUsd),
    savingPercent: roundForExportOrNull(item.savingPercent),
    confidence: item.confidence,
    reason: item.summary,
    evidence: item.evidence,
    assumptions: item.assumptions,
    risks: item.risks,
    status: item.status,
    dismissReason: item.dismissReason,
    statusChangedAt: item.statusChangedAt,
    isCurrent: item.isCurrent,
    appliedAt: item.appliedAt,
    realisedMonthlySavingUsd: roundForExportOrNull(item.realisedMonthlySavingUsd),
    tags: item.tags,
  };
}
