import { formatPercent, formatUsd } from "@/lib/format";
import type { Confidence, RecommendationKind } from "@/lib/recommend/types";
import {
  DEFAULT_STATUS_FILTER,
  type RecommendationItem,
  type RecommendationStatus,
  type RecommendationsSearchParams,
  type StatusFilter,
} from "@/lib/schemas/recommendation-list";

/**
 * Pure view logic of the recommendations page (app/(dashboard)/recommendations): labels, which
 * review actions a status offers, and the texts of savings and times. Unknown is "unknown", never $0.
 */

export const KIND_LABELS: Record<RecommendationKind, string> = {
  "lambda-memory": "Memory",
  "lambda-arm64": "arm64 (Graviton)",
  "provisioned-concurrency": "Provisioned concurrency",
  "lambda-to-fargate": "Lambda → Fargate",
  "fargate-to-lambda": "Fargate → Lambda",
  "fargate-right-size": "Fargate right-size",
  "fargate-spot": "Fargate Spot",
};

export const STATUS_LABELS: Record<RecommendationStatus, string> = {
  open: "Open",
  accepted: "Accepted",
  dismissed: "Dismissed",
  done: "Done",
};

/** The status filter's choices; "todo" (open and accepted) is the default, the select's empty option. */
export const STATUS_FILTER_LABELS: Record<StatusFilter, string> = {
  todo: "To do",
  open: "Open",
  accepted: "Accepted",
  dismissed: "Dismissed",
  done: "Done",
  all: "All statuses",
};

export const CONFIDENCE_SHORT_LABELS: Record<Confidence, string> = {
  high: "High",
  medium: "Medium",
  low: "Low",
};

export type ReviewAction = "accept" | "dismiss" | "reopen" | "done";

/** The status each action sets. */
export const ACTION_TARGETS: Record<ReviewAction, RecommendationStatus> = {
  accept: "accepted",
  dismiss: "dismissed",
  reopen: "open",
  done: "done",
};

export const ACTION_LABELS: Record<ReviewAction, string> = {
  accept: "Accept",
  dismiss: "Dismiss",
  reopen: "Reopen",
  done: "Mark done",
};

/**
 * What a person can do from a status (lib/recommend/review.ts checkStatusChange allows more, e.g.
 * dismissing a done item; the page offers the moves that make sense): done only once accepted, and
 * every decided item can go back to open.
 */
export function listReviewActions(status: RecommendationStatus): ReviewAction[] {
  switch (status) {
    case "open":
      return ["accept", "dismiss"];
    case "accepted":
      return ["done", "dismiss", "reopen"];
    case "dismissed":
    case "done":
      return ["reopen"];
  }
}

/** "2026-11-21 09:02 UTC": reviews are compared across machines, so always UTC. */
export function formatUtcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The saving cell: dollars a month and the share of today's cost, each "unknown" when null. */
export function toSavingTexts(item: Pick<RecommendationItem, "monthlySavingUsd" | "savingPercent">): {
  amount: string;
  percent: string;
  isKnown: boolean;
} {
  return {
    amount: item.monthlySavingUsd === null ? "unknown" : formatUsd(item.monthlySavingUsd),
    percent: item.savingPercent === null ? "unknown" : formatPercent(item.savingPercent),
    isKnown: item.monthlySavingUsd !== null,
  };
}

/**
 * What a done item saved on the bill since its change. Without `appliedAt` the change was not seen
 * in the synced configuration (a move to another service is marked done by hand), so the billed
 * saving cannot be measured.
 */
export function describeRealisedSaving(
  item: Pick<RecommendationItem, "appliedAt" | "realisedMonthlySavingUsd">,
): string {
  if (item.appliedAt === null)
    return "Realised saving: unknown (the change has not been seen in the synced configuration).";
  const since = item.appliedAt.slice(0, 10);
  if (item.realisedMonthlySavingUsd === null)
    return `Realised saving since ${since}: unknown (not enough billed days on each side yet).`;
  const saving = item.realisedMonthlySavingUsd;
  return saving >= 0
    ? `Realised saving since ${since}: ${formatUsd(saving)}/month on the bill.`
    : `Since ${since} the bill is ${formatUsd(-saving)}/month higher.`;
}

/** Whether the URL narrows the list beyond the default (open and accepted, everything else). */
export function hasActiveFilters(state: RecommendationsSearchParams): boolean {
  return (
    state.kind !== undefined ||
    state.account !== undefined ||
    state.region !== undefined ||
    state.confidence !== undefined ||
    state.min !== undefined ||
    state.q !== undefined ||
    state.status !== DEFAULT_STATUS_FILTER
  );
}
