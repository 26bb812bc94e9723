import { formatPercent, formatUsd } from "@/lib/format";
import type {
  Confidence,
  EvidenceItem,
  NoAdvice,
  Recommendation,
  ResourceAdvice,
} from "@/lib/recommend/types";

/**
 * Pure view logic of the recommendation card (components/fleet/recommendation-card.tsx): order,
 * saving labels, the "no advice" states and evidence links. A saving that cannot be priced is
 * "saving unknown", never $0.
 */

export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  high: "High confidence",
  medium: "Medium confidence",
  low: "Low confidence",
};

/** One ordering for the engine, the card and the exports. */
import { sortRecommendations } from "@/lib/recommend/sort";

export { sortRecommendations };

export type SavingView = {
  /** "Saves $403.32/month (40.9%)", "Costs $12.00/month more (+5%)", "saving unknown". */
  label: string;
  tone: "saving" | "cost" | "none" | "unknown";
};

export function toSavingView(rec: Pick<Recommendation, "monthlySavingUsd" | "savingPercent">): SavingView {
  const saving = rec.monthlySavingUsd;
  if (saving === null || !Number.isFinite(saving)) return { label: "saving unknown", tone: "unknown" };
  const percent = rec.savingPercent !== null && Number.isFinite(rec.savingPercent) ? rec.savingPercent : null;
  if (saving === 0) return { label: "No change in cost", tone: "none" };
  if (saving > 0) {
    return {
      label: `Saves ${formatUsd(saving)}/month${percent !== null ? ` (${formatPercent(percent)})` : ""}`,
      tone: "saving",
    };
  }
  return {
    label: `Costs ${formatUsd(-saving)}/month more${percent !== null ? ` (+${formatPercent(Math.abs(percent))})` : ""}`,
    tone: "cost",
  };
}

export type NoAdviceView = {
  title: string;
  reason: string;
  /** "good" is green (right-sized), "muted" grey (insufficient data), "neutral" otherwise. */
  tone: "good" | "muted" | "neutral";
};

/** What the card says when there is no recommendation (AWS Compute Optimizer's wording). */
export function toNoAdviceView(noAdvice: NoAdvice | null): NoAdviceView {
  if (noAdvice === null)
    return { title: "No recommendation", reason: "No rule applies to this resource.", tone: "neutral" };
  switch (noAdvice.status) {
    case "right-sized":
      return { title: "No change recommended", reason: noAdvice.reason, tone: "good" };
    case "insufficient-data":
      return { title: "Insufficient data", reason: noAdvice.reason, tone: "muted" };
    case "not-applicable":
      return { title: "Not applicable", reason: noAdvice.reason, tone: "neutral" };
  }
}

/** "#memory-curve" for an evidence item shown on a chart of the page; null otherwise. */
export function toEvidenceHref(item: EvidenceItem): string | null {
  const chart = item.chart?.trim();
  return chart ? `#${encodeURIComponent(chart)}` : null;
}

/** The card's description: how many recommendations and the largest priced saving. */
export function describeAdvice(advice: ResourceAdvice): string | null {
  const count = advice.recommendations.length;
  if (count === 0) return null;
  const largest = sortRecommendations(advice.recommendations)[0]!;
  const saving = toSavingView(largest);
  const head = count === 1 ? "1 recommendation" : `${count} recommendations, largest saving first`;
  const tail =
    count > 1
      ? " Each saving is against today's configuration: they are alternatives and do not add up."
      : "";
  return saving.tone === "saving"
    ? `${head}: up to ${formatUsd(largest.monthlySavingUsd)} a month.${tail}`
    : `${head}.${tail}`;
}
