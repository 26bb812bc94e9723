/**
 * Small helpers shared by the Lambda and Fargate recommenders: monthly scaling, thresholds, ids and
 * the wording of labels.
 */
import { DAYS_PER_MONTH } from "@/lib/pricing";
import { formatPercent, formatUsd } from "@/lib/format";
import type { Confidence, Recommendation, RecommendSettings, ResourceKind } from "./types";

/** Scales a total over `windowDays` to an average month (730 hours). */
export function toMonthly(totalOverWindow: number, windowDays: number): number {
  return (totalOverWindow * DAYS_PER_MONTH) / windowDays;
}

/** Whether a saving is worth a team's time: at least the settings' dollars and share. */
export function isWorthwhileSaving(
  savingUsd: number | null,
  currentMonthlyCostUsd: number | null,
  settings: RecommendSettings,
): boolean {
  if (savingUsd === null) return false;
  if (savingUsd < settings.minSavingUsd) return false;
  if (currentMonthlyCostUsd === null || !(currentMonthlyCostUsd > 0)) return true;
  return savingUsd / currentMonthlyCostUsd >= settings.minSavingPercent;
}

export function toSavingPercent(savingUsd: number | null, currentUsd: number | null): number | null {
  if (savingUsd === null || currentUsd === null || !(currentUsd > 0)) return null;
  return savingUsd / currentUsd;
}

const CONFIDENCE_ORDER: readonly Confidence[] = ["low", "medium", "high"];

/** The lower of two confidences. */
export function minConfidence(a: Confidence, b: Confidence): Confidence {
  return CONFIDENCE_ORDER[Math.min(CONFIDENCE_ORDER.indexOf(a), CONFIDENCE_ORDER.indexOf(b))]!;
}

/** "$12.34 a month less (23 %)" or "saving unknown". */
export function describeSaving(savingUsd: number | null, savingPercent: number | null): string {
  if (savingUsd === null) return "saving unknown";
  const percent = savingPercent === null ? "" : ` (${formatPercent(savingPercent)})`;
  return `${formatUsd(savingUsd)} a month less${percent}`;
}

export function formatVcpu(vcpu: number): string {
  return `${vcpu} vCPU`;
}

/** "0.5 vCPU / 1 GB" */
export function formatTaskSize(vcpu: number, memoryGb: number): string {
  return `${formatVcpu(vcpu)} / ${memoryGb} GB`;
}

/** Ratio of the busiest hour of the day to the mean hour (1 = perfectly flat); null without data. */
export function toPeakToMeanRatio(hourly: readonly number[] | null): number | null {
  if (!hourly || hourly.length === 0) return null;
  const total = hourly.reduce((sum, value) => sum + value, 0);
  if (!(total > 0)) return null;
  return Math.max(...hourly) / (total / hourly.length);
}

/** The identity fields every recommendation carries: `${kind}:${resourceArn}` stays stable across runs. */
export function toRecommendationBase(
  e: { resourceArn: string; resourceId: string; name: string; accountId: string; region: string },
  kind: Recommendation["kind"],
  resourceKind: ResourceKind,
): Pick<
  Recommendation,
  "id" | "kind" | "resourceKind" | "resourceArn" | "resourceId" | "resourceName" | "accountId" | "region"
> {
  return {
    id: `${kind}:${e.resourceArn}`,
    kind,
    resourceKind,
    resourceArn: e.resourceArn,
    resourceId: e.resourceId,
    resourceName: e.name,
    accountId: e.accountId,
    region: e.region,
  };
}
