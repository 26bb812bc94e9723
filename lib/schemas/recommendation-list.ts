/**
 * The recommendations list: its filter (shared by the page's URL, the list API, the exports and the
 * CLI), its sort keys, the row every view and export reads, and the body of a status change.
 *
 * URL of /recommendations (every parameter optional; an invalid value falls back to its default so
 * an edited URL still renders):
 *
 *   kind        lambda-memory | lambda-arm64 | provisioned-concurrency | lambda-to-fargate |
 *               fargate-to-lambda | fargate-right-size | fargate-spot
 *   account     12-digit account id
 *   region      e.g. us-east-1
 *   confidence  high | medium | low
 *   status      todo (open and accepted, the default) | open | accepted | dismissed | done | all
 *   min         minimum monthly saving, USD
 *   q           text in the resource name
 *   sort        saving | percent | name | kind | account | region | confidence | status (default saving)
 *   dir         asc | desc (default: desc for numbers and confidence, asc for text)
 *   page        1-based page of RECOMMENDATIONS_PAGE_SIZE
 */
import { z } from "zod";
import type { Confidence, Recommendation, RecommendationKind } from "@/lib/recommend/types";
import { MAX_DISMISS_REASON_LENGTH, RECOMMENDATION_STATUSES } from "@/lib/recommend/review";
import type { RecommendationStatus } from "@/lib/recommend/review";
import { blankToUndefined, listSearchParamFields, optionalParam } from "./list-search-params";
import { RECOMMENDATION_KINDS } from "./recommendation";

export { RECOMMENDATION_STATUSES, type RecommendationStatus } from "@/lib/recommend/review";

export const RECOMMENDATIONS_PAGE_SIZE = 50;

export const CONFIDENCES = ["high", "medium", "low"] as const satisfies readonly Confidence[];

/** "todo" = open and accepted (what is left to do); "all" = every status. */
export const STATUS_FILTERS = ["todo", ...RECOMMENDATION_STATUSES, "all"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const DEFAULT_STATUS_FILTER: StatusFilter = "todo";

export const RECOMMENDATION_SORT_KEYS = [
  "saving",
  "percent",
  "name",
  "kind",
  "account",
  "region",
  "confidence",
  "status",
] as const;
export type RecommendationSortKey = (typeof RECOMMENDATION_SORT_KEYS)[number];
export const DEFAULT_RECOMMENDATION_SORT: RecommendationSortKey = "saving";

const TEXT_SORTS: ReadonlySet<RecommendationSortKey> = new Set([
  "name",
  "kind",
  "account",
  "region",
  "status",
]);

export function toDefaultRecommendationDirection(sort: RecommendationSortKey): "asc" | "desc" {
  return TEXT_SORTS.has(sort) ? "asc" : "desc";
}

/** Largest minimum saving a filter accepts (USD a month): a bound on the input. */
export const MAX_MIN_SAVING_USD = 1_000_000_000;

/** What selects recommendations: the same for the page, the API, the exports and the CLI. */
export type RecommendationFilter = {
  kind?: RecommendationKind;
  accountId?: string;
  region?: string;
  confidence?: Confidence;
  status: StatusFilter;
  /** Only items whose known monthly saving is at least this (unknown savings are left out). */
  minSavingUsd?: number;
  /** Case-insensitive text in the resource name. */
  q?: string;
};

export type RecommendationListQuery = RecommendationFilter & {
  sort: RecommendationSortKey;
  direction: "asc" | "desc";
  page: number;
  pageSize: number;
};

export const recommendationsSearchParamsSchema = z.object({
  q: listSearchParamFields.q,
  account: listSearchParamFields.account,
  region: listSearchParamFields.region,
  dir: listSearchParamFields.dir,
  page: listSearchParamFields.page,
  kind: optionalParam(z.enum(RECOMMENDATION_KINDS)),
  confidence: optionalParam(z.enum(CONFIDENCES)),
  status: z.preprocess(blankToUndefined, z.enum(STATUS_FILTERS)).catch(DEFAULT_STATUS_FILTER),
  min: optionalParam(z.coerce.number().finite().min(0).max(MAX_MIN_SAVING_USD)),
  sort: z.preprocess(blankToUndefined, z.enum(RECOMMENDATION_SORT_KEYS)).catch(DEFAULT_RECOMMENDATION_SORT),
});
export type RecommendationsSearchParams = z.infer<typeof recommendationsSearchParamsSchema>;

export function parseRecommendationsSearchParams(
  raw: Record<string, string | string[] | undefined>,
): RecommendationsSearchParams {
  return recommendationsSearchParamsSchema.parse(raw);
}

export function toRecommendationFilter(state: RecommendationsSearchParams): RecommendationFilter {
  return {
    kind: state.kind,
    accountId: state.account,
    region: state.region,
    confidence: state.confidence,
    status: state.status,
    minSavingUsd: state.min,
    q: state.q,
  };
}

export function toRecommendationListQuery(
  state: RecommendationsSearchParams,
  pageSize: number = RECOMMENDATIONS_PAGE_SIZE,
): RecommendationListQuery {
  return {
    ...toRecommendationFilter(state),
    sort: state.sort,
    direction: state.dir ?? toDefaultRecommendationDirection(state.sort),
    page: state.page,
    pageSize,
  };
}

/** The query string of a state, writing only what differs from the defaults ("" for none). */
export function toRecommendationsQueryString(
  state: RecommendationsSearchParams,
  overrides: Partial<RecommendationsSearchParams> = {},
  options: { includePaging?: boolean } = {},
): string {
  const next = { ...state, ...overrides };
  const params = new URLSearchParams();
  for (const key of ["kind", "account", "region", "confidence", "q"] as const) {
    const value = next[key];
    if (value) params.set(key, value);
  }
  if (next.status !== DEFAULT_STATUS_FILTER) params.set("status", next.status);
  if (next.min !== undefined) params.set("min", String(next.min));
  if (options.includePaging !== false) {
    if (next.sort !== DEFAULT_RECOMMENDATION_SORT) params.set("sort", next.sort);
    if (next.dir && next.dir !== toDefaultRecommendationDirection(next.sort)) params.set("dir", next.dir);
    if (next.page > 1) params.set("page", String(next.page));
  }
  return params.toString();
}

/** The /recommendations URL for a state. */
export function toRecommendationsHref(
  state: RecommendationsSearchParams,
  overrides: Partial<RecommendationsSearchParams> = {},
): string {
  const query = toRecommendationsQueryString(state, overrides);
  return query ? `/recommendations?${query}` : "/recommendations";
}

/** Header links: the current column flips direction; another column starts at its default. */
export function toRecommendationSortHrefs(
  state: RecommendationsSearchParams,
): Record<RecommendationSortKey, string> {
  const current = state.dir ?? toDefaultRecommendationDirection(state.sort);
  return Object.fromEntries(
    RECOMMENDATION_SORT_KEYS.map((key) => {
      const dir =
        key === state.sort ? (current === "asc" ? "desc" : "asc") : toDefaultRecommendationDirection(key);
      return [key, toRecommendationsHref(state, { sort: key, dir, page: 1 })];
    }),
  ) as Record<RecommendationSortKey, string>;
}

// ---------------------------------------------------------------------------------------------
// Rows

/**
 * One stored recommendation with its review state: what the page, the API and every export read.
 * The engine's fields (lib/recommend/types.ts Recommendation) with a database id in place of the
 * key, plus tags and the review.
 */
export type RecommendationItem = Omit<Recommendation, "id"> & {
  /** Database id: the API path (`/api/recommendations/{id}`). */
  id: number;
  /** Stable identity `${kind}:${resourceArn}` (the engine's id). */
  key: string;
  /** The function or service page, where the evidence charts are. */
  href: string;
  tags: Record<string, string>;
  status: RecommendationStatus;
  dismissReason: string | null;
  /** ISO time of the last status change, and who made it. */
  statusChangedAt: string | null;
  statusActor: string | null;
  /** false when the last computation no longer produced it. */
  isCurrent: boolean;
  /** ISO time the synced configuration first matched the accepted proposal. */
  appliedAt: string | null;
  /** Billed saving per month since `appliedAt`; null when unknown. */
  realisedMonthlySavingUsd: number | null;
  firstSeenAt: string;
  computedAt: string;
};

export type RecommendationEventItem = {
  at: string;
  fromStatus: RecommendationStatus | null;
  toStatus: RecommendationStatus;
  reason: string | null;
  actor: string;
  monthlySavingUsd: number | null;
};

export type SavingGroup = { key: string; count: number; monthlySavingUsd: number };

/**
 * Totals of the whole filtered list (not one page). Recommendations on one resource are alternatives,
 * so the total, and the account and region groups, count each resource's largest known saving once;
 * a kind group sums its items (one per resource).
 */
export type RecommendationTotals = {
  count: number;
  /** Items whose saving is unknown (not in any sum). */
  unknownSavingCount: number;
  totalMonthlySavingUsd: number;
  byKind: SavingGroup[];
  byAccount: SavingGroup[];
  byRegion: SavingGroup[];
};

/** When the stored list was last computed; null before the first computation. */
export type RecommendationRefreshInfo = { computedAt: string; items: number; isStale: boolean } | null;

// ---------------------------------------------------------------------------------------------
// Status change (PATCH /api/recommendations/{id})

export const statusChangeSchema = z
  .object({
    status: z.enum(RECOMMENDATION_STATUSES),
    reason: z.string().max(MAX_DISMISS_REASON_LENGTH).nullish(),
  })
  .strict();
export type StatusChangeBody = z.infer<typeof statusChangeSchema>;

/** The largest body a status change may send (bytes). */
export const MAX_STATUS_CHANGE_BYTES = 4 * 1024;
