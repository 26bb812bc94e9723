import Link from "next/link";
import { ListFilters, type FilterField } from "@/components/fleet/list-filters";
import { Pagination } from "@/components/fleet/pagination";
import { ExportLinks } from "@/components/recommendations/export-links";
import { RecommendationTotalsView } from "@/components/recommendations/recommendation-totals";
import {
  CONFIDENCE_SHORT_LABELS,
  formatUtcMinute,
  hasActiveFilters,
  KIND_LABELS,
  STATUS_FILTER_LABELS,
} from "@/components/recommendations/recommendation-view";
import { RecommendationsTable } from "@/components/recommendations/recommendations-table";
import { ReviewAnnouncer } from "@/components/recommendations/review-announcer";
import { EmptyState } from "@/components/ui/empty-state";
import type { RecommendationListResult } from "@/lib/db/queries/recommendation-list";
import { formatInteger } from "@/lib/format";
import {
  CONFIDENCES,
  DEFAULT_STATUS_FILTER,
  MAX_MIN_SAVING_USD,
  STATUS_FILTERS,
  toDefaultRecommendationDirection,
  toRecommendationSortHrefs,
  toRecommendationsHref,
  type RecommendationsSearchParams,
} from "@/lib/schemas/recommendation-list";
import { RECOMMENDATION_KINDS } from "@/lib/schemas/recommendation";
import type { RecommendationEventItem } from "@/lib/schemas/recommendation-list";

const LINK_CLASS = "font-medium text-blue-700 hover:underline dark:text-blue-400";

function toAccountNames(accounts: { id: string; name: string }[]): Map<string, string> {
  return new Map(accounts.map((a) => [a.id, a.name]));
}

/** Before the first computation: where recommendations come from. */
function NotComputedState() {
  return (
    <EmptyState title="No recommendations computed yet" headingLevel={2}>
      <p>
        Recommendations are computed from the stored costs and metrics after each import: a demo load or an
        account sync. They appear here when the next one finishes.
      </p>
      <p>
        Until then, each{" "}
        <Link href="/functions" className={LINK_CLASS}>
          function
        </Link>{" "}
        and{" "}
        <Link href="/services" className={LINK_CLASS}>
          service
        </Link>{" "}
        page shows its own recommendations.
      </p>
    </EmptyState>
  );
}

/** The refresh state and the totals of the filtered list, at the top of the page. */
type ListProps = { state: RecommendationsSearchParams; list: RecommendationListResult };

export function RecommendationsOverview({ state, list }: ListProps) {
  if (list.refresh === null) return <NotComputedState />;
  return (
    <>
      {list.refresh.isStale ? (
        <p
          role="status"
          data-testid="recommendations-stale"
          className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
        >
          These recommendations were computed on {formatUtcMinute(list.refresh.computedAt)}, before the latest
          import, and will update after the next one.
        </p>
      ) : null}
      <RecommendationTotalsView
        totals={list.totals}
        computedAt={list.refresh.computedAt}
        state={state}
        accountNames={toAccountNames(list.options.accounts)}
      />
    </>
  );
}

export function RecommendationsFilters({ list }: Pick<ListProps, "list">) {
  if (list.refresh === null) return null;
  const fields: FilterField[] = [
    { kind: "text", name: "q", label: "Name contains", placeholder: "e.g. checkout" },
    {
      kind: "select",
      name: "kind",
      label: "Kind",
      allLabel: "All kinds",
      options: RECOMMENDATION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
    },
    {
      kind: "select",
      name: "account",
      label: "Account",
      allLabel: "All accounts",
      options: list.options.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` })),
    },
    {
      kind: "select",
      name: "region",
      label: "Region",
      allLabel: "All regions",
      options: list.options.regions.map((r) => ({ value: r, label: r })),
    },
    {
      kind: "select",
      name: "confidence",
      label: "Confidence",
      allLabel: "Any confidence",
      options: CONFIDENCES.map((c) => ({ value: c, label: CONFIDENCE_SHORT_LABELS[c] })),
    },
    {
      kind: "select",
      name: "status",
      label: "Status",
      // The empty choice is the default filter: what is left to do.
      allLabel: STATUS_FILTER_LABELS[DEFAULT_STATUS_FILTER],
      options: STATUS_FILTERS.filter((s) => s !== DEFAULT_STATUS_FILTER).map((s) => ({
        value: s,
        label: STATUS_FILTER_LABELS[s],
      })),
    },
    {
      kind: "number",
      name: "min",
      label: "Min saving ($/month)",
      placeholder: "e.g. 10",
      min: 0,
      max: MAX_MIN_SAVING_USD,
      step: "any",
      title: "Only recommendations saving at least this much a month (unknown savings are left out)",
    },
  ];
  return <ListFilters fields={fields} resultLabel="recommendations" gridClassName="2xl:grid-cols-8" />;
}

function NoMatchState({
  state,
  computedItems,
}: {
  state: RecommendationsSearchParams;
  computedItems: number;
}) {
  if (computedItems === 0) {
    return (
      <EmptyState title="Nothing to change" headingLevel={2}>
        <p>The last computation found no change worth recommending in this fleet.</p>
      </EmptyState>
    );
  }
  if (!hasActiveFilters(state)) {
    return (
      <EmptyState title="Nothing left to do" headingLevel={2}>
        <p>
          Every recommendation is dismissed or done.{" "}
          <Link href={toRecommendationsHref(state, { status: "all", page: 1 })} className={LINK_CLASS}>
            Show all statuses
          </Link>
          .
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="No recommendation matches these filters" headingLevel={2}>
      <p>
        <Link href="/recommendations" className={LINK_CLASS}>
          Clear the filters
        </Link>{" "}
        to see what is left to do.
      </p>
    </EmptyState>
  );
}

export function RecommendationsResults({
  state,
  list,
  eventsById,
}: ListProps & { eventsById: ReadonlyMap<number, RecommendationEventItem[]> }) {
  if (list.refresh === null) return null;
  const { pageInfo } = list;
  return (
    <section aria-label="Recommendations list">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="recommendations-summary">
          <span className="tabular font-medium text-gray-900 dark:text-gray-100">
            {formatInteger(pageInfo.totalCount)}
          </span>{" "}
          {pageInfo.totalCount === 1 ? "recommendation" : "recommendations"} ·{" "}
          {state.status === DEFAULT_STATUS_FILTER
            ? "to do (open and accepted)"
            : STATUS_FILTER_LABELS[state.status].toLowerCase()}
        </p>
        {pageInfo.totalCount > 0 ? <ExportLinks state={state} /> : null}
      </div>
      {/* Around the empty state too: the last item a review took out of the list says so. */}
      <ReviewAnnouncer>
        {list.items.length === 0 ? (
          <NoMatchState state={state} computedItems={list.refresh.items} />
        ) : (
          <>
            <RecommendationsTable
              items={list.items}
              eventsById={eventsById}
              accountNames={toAccountNames(list.options.accounts)}
              sort={state.sort}
              direction={state.dir ?? toDefaultRecommendationDirection(state.sort)}
              sortHrefs={toRecommendationSortHrefs(state)}
            />
            <Pagination
              page={pageInfo.page}
              pageCount={pageInfo.pageCount}
              pageSize={pageInfo.pageSize}
              totalCount={pageInfo.totalCount}
              requestedPage={pageInfo.requestedPage}
              hrefForPage={(page) => toRecommendationsHref(state, { page })}
              noun="recommendations"
            />
          </>
        )}
      </ReviewAnnouncer>
    </section>
  );
}
