/**
 * The review workflow of recommendations, pure: statuses, who may move an item where, and what a
 * recomputation does to items people have already decided on. The database side
 * (lib/db/queries/recommendation-store.ts) loads the stored items, calls `planReview` and writes
 * its plan. Rules: docs/recommendations.md, "Review workflow".
 */
import { DAYS_PER_MONTH } from "@/lib/pricing";
import type { Architecture } from "@/lib/pricing/types";
import type { Recommendation, RecommendationKind } from "./types";

export const RECOMMENDATION_STATUSES = ["open", "accepted", "dismissed", "done"] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/**
 * An accepted or dismissed item reopens when its monthly saving moves by more than this share of the
 * saving at the time of the decision (or appears/disappears as unknown): the decision was about a
 * different number.
 */
export const REOPEN_SAVING_CHANGE_SHARE = 0.25;

/** The longest dismissal reason kept (characters). */
export const MAX_DISMISS_REASON_LENGTH = 500;

/** Days of billed cost on each side of a change used for the realised saving (at most). */
export const REALISED_SAVING_WINDOW_DAYS = 30;

/** Who changed a status: an email, "local" (no login) or "breakeven" (an automatic change). */
export const AUTOMATIC_ACTOR = "breakeven";

/** Bumped when the engine's output for the same evidence changes: stored items are recomputed. */
export const RECOMMEND_ENGINE_VERSION = 1;

export type StatusChange = {
  status: RecommendationStatus;
  /** Required to dismiss; ignored otherwise. */
  reason?: string | null;
};

/**
 * Whether a person may set `next` on an item in `current`. Any status may go back to open
 * (reopen); done needs accepted first, so that "done" always names a decision someone made.
 */
export function checkStatusChange(
  current: RecommendationStatus,
  change: StatusChange,
):
  | { ok: true; reason: string | null }
  /** "reason": the reason is missing or too long (bad input); "transition": the rules refuse the move. */
  | { ok: false; problem: "reason" | "transition"; message: string } {
  const reason = change.reason?.trim() ?? "";
  if (change.status === current)
    return { ok: false, problem: "transition", message: `The recommendation is already ${current}.` };
  if (change.status === "dismissed") {
    if (reason === "")
      return { ok: false, problem: "reason", message: "Say why the recommendation is dismissed." };
    if (reason.length > MAX_DISMISS_REASON_LENGTH)
      return {
        ok: false,
        problem: "reason",
        message: `The reason is longer than ${MAX_DISMISS_REASON_LENGTH} characters.`,
      };
    return { ok: true, reason };
  }
  if (change.status === "done" && current !== "accepted")
    return {
      ok: false,
      problem: "transition",
      message: "Only an accepted recommendation can be marked done.",
    };
  return { ok: true, reason: null };
}

// ---------------------------------------------------------------------------------------------
// Recomputation

/** What the store keeps about an item between computations. */
export type StoredReviewState = {
  key: string;
  status: RecommendationStatus;
  decidedSavingUsd: number | null;
  /** JSON of the proposal when it was accepted (or dismissed). */
  decidedProposedJson: string | null;
  appliedAt: Date | null;
};

/** A resource's configuration as synced, for "is the accepted proposal in place?". */
export type ResourceConfig =
  | {
      resourceKind: "lambda";
      memoryMb: number;
      architecture: Architecture;
      /** Environments of provisioned concurrency, summed over qualifiers. */
      provisionedConcurrency: number;
      isDeleted: boolean;
    }
  | {
      resourceKind: "fargate";
      cpuUnits: number;
      memoryMb: number;
      spotWeight: number;
      isDeleted: boolean;
    };

/** A configuration change seen in the synced history. */
export type ConfigChangeAt<C extends ResourceConfig = ResourceConfig> = { effectiveAt: Date; config: C };

export type AutomaticChange = {
  key: string;
  fromStatus: RecommendationStatus;
  toStatus: RecommendationStatus;
  reason: string;
};

export type ReviewPlan = {
  /** Keys computed now that were not stored: new, open items. */
  inserted: string[];
  /** Stored keys the computation no longer produced: kept with their history, marked not current. */
  noLongerCurrent: string[];
  /** Status changes the recomputation makes by itself. */
  changes: AutomaticChange[];
};

function hasSavingMoved(decided: number | null, now: number | null): boolean {
  if (decided === null || now === null) return decided !== now;
  const base = Math.max(Math.abs(decided), 0.01);
  return Math.abs(now - decided) / base > REOPEN_SAVING_CHANGE_SHARE;
}

function formatUsdPlain(value: number | null): string {
  return value === null ? "unknown" : `$${value.toFixed(2)}`;
}

function readNumber(proposed: Record<string, unknown>, key: string): number | null {
  const value = proposed[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Whether the synced configuration has the proposal in place. Moves to another compute service
 * (Lambda → Fargate and back) cannot be seen from one resource's configuration: people mark those
 * done themselves.
 */
export function isProposalApplied(
  kind: RecommendationKind,
  proposed: Record<string, unknown>,
  config: ResourceConfig,
): boolean {
  if (config.isDeleted) return false;
  switch (kind) {
    case "lambda-memory":
      return (
        config.resourceKind === "lambda" &&
        config.memoryMb === readNumber(proposed, "memoryMb") &&
        (typeof proposed.architecture !== "string" || proposed.architecture === config.architecture)
      );
    case "lambda-arm64":
      return config.resourceKind === "lambda" && config.architecture === "arm64";
    case "provisioned-concurrency":
      return (
        config.resourceKind === "lambda" &&
        config.provisionedConcurrency === readNumber(proposed, "provisionedConcurrency")
      );
    case "fargate-right-size": {
      if (config.resourceKind !== "fargate") return false;
      const vcpu = readNumber(proposed, "vcpu");
      const memoryGb = readNumber(proposed, "memoryGb");
      return (
        vcpu !== null &&
        memoryGb !== null &&
        config.cpuUnits === Math.round(vcpu * 1024) &&
        config.memoryMb === Math.round(memoryGb * 1024)
      );
    }
    case "fargate-spot":
      return config.resourceKind === "fargate" && config.spotWeight > 0;
    case "lambda-to-fargate":
    case "fargate-to-lambda":
      return false;
  }
}

/**
 * When the proposal was put in place: the earliest change of the latest unbroken run of
 * configurations that match it (history oldest first); null when the current one does not match.
 */
export function findAppliedAt(
  kind: RecommendationKind,
  proposed: Record<string, unknown>,
  history: readonly ConfigChangeAt[],
): Date | null {
  let appliedAt: Date | null = null;
  for (const change of history) {
    if (isProposalApplied(kind, proposed, change.config)) appliedAt ??= change.effectiveAt;
    else appliedAt = null;
  }
  return appliedAt;
}

function parseProposed(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * What a recomputation does to the stored items:
 * - a new key is inserted, open;
 * - a stored key not computed again is kept but marked not current (its history stays);
 * - an accepted item whose proposal is now in the synced configuration becomes done (by itself),
 *   whether or not the engine still produces it;
 * - an accepted or dismissed item whose saving moved by more than REOPEN_SAVING_CHANGE_SHARE reopens;
 * - a done item stays done.
 */
export function planReview(input: {
  stored: readonly StoredReviewState[];
  computed: readonly Pick<Recommendation, "id" | "kind" | "resourceArn" | "monthlySavingUsd">[];
  /** Configuration history (oldest first) of the resources of accepted items. */
  historyByArn: ReadonlyMap<string, readonly ConfigChangeAt[]>;
}): ReviewPlan & { appliedAtByKey: Map<string, Date> } {
  const storedByKey = new Map(input.stored.map((s) => [s.key, s]));
  const computedKeys = new Set(input.computed.map((r) => r.id));
  const plan: ReviewPlan & { appliedAtByKey: Map<string, Date> } = {
    inserted: [],
    noLongerCurrent: [],
    changes: [],
    appliedAtByKey: new Map(),
  };
  for (const r of input.computed) if (!storedByKey.has(r.id)) plan.inserted.push(r.id);
  for (const s of input.stored) if (!computedKeys.has(s.key)) plan.noLongerCurrent.push(s.key);

  const computedByKey = new Map(input.computed.map((r) => [r.id, r]));
  for (const s of input.stored) {
    if (s.status === "accepted") {
      const [kind, ...arnParts] = s.key.split(":");
      const arn = arnParts.join(":");
      const proposed = parseProposed(s.decidedProposedJson);
      const history = input.historyByArn.get(arn);
      const appliedAt =
        proposed && history ? findAppliedAt(kind as RecommendationKind, proposed, history) : null;
      if (appliedAt) {
        plan.appliedAtByKey.set(s.key, appliedAt);
        plan.changes.push({
          key: s.key,
          fromStatus: "accepted",
          toStatus: "done",
          reason: "The synced configuration now has the accepted proposal.",
        });
        continue;
      }
    }
    if (s.status !== "accepted" && s.status !== "dismissed") continue;
    const current = computedByKey.get(s.key);
    if (!current) continue;
    if (hasSavingMoved(s.decidedSavingUsd, current.monthlySavingUsd)) {
      plan.changes.push({
        key: s.key,
        fromStatus: s.status,
        toStatus: "open",
        reason: `The monthly saving changed from ${formatUsdPlain(s.decidedSavingUsd)} to ${formatUsdPlain(current.monthlySavingUsd)} since it was ${s.status}.`,
      });
    }
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Realised saving

/**
 * Billed saving since a change, as a monthly figure: the average daily billed cost over the whole
 * days before `appliedAt` minus the average over the whole days after it (up to
 * REALISED_SAVING_WINDOW_DAYS each side), times the days of an average month. Null (unknown) without
 * at least one whole billed day on each side: a saving with no bill behind it is not shown.
 */
export function computeRealisedMonthlySavingUsd(
  dailyCostUsd: readonly { day: string; costUsd: number | null }[],
  appliedAt: Date,
): number | null {
  const changeDay = appliedAt.toISOString().slice(0, 10);
  const before: number[] = [];
  const after: number[] = [];
  for (const { day, costUsd } of dailyCostUsd) {
    if (costUsd === null) continue;
    if (day < changeDay) before.push(costUsd);
    else if (day > changeDay) after.push(costUsd);
  }
  const lastBefore = before.slice(-REALISED_SAVING_WINDOW_DAYS);
  const firstAfter = after.slice(0, REALISED_SAVING_WINDOW_DAYS);
  if (lastBefore.length === 0 || firstAfter.length === 0) return null;
  const average = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  return (average(lastBefore) - average(firstAfter)) * DAYS_PER_MONTH;
}
