import Link from "next/link";
import { SortableTable, type SortableColumn } from "@/components/fleet/sort-header";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Td, Tr, Unknown } from "@/components/ui/table";
import { formatUsd } from "@/lib/format";
import type { Confidence } from "@/lib/recommend/types";
import type {
  RecommendationEventItem,
  RecommendationItem,
  RecommendationSortKey,
} from "@/lib/schemas/recommendation-list";
import {
  CONFIDENCE_SHORT_LABELS,
  describeRealisedSaving,
  formatUtcMinute,
  KIND_LABELS,
  STATUS_LABELS,
  toSavingTexts,
} from "./recommendation-view";
import { ReviewControls } from "./review-controls";
import { StatusBadge } from "./status-badge";

/**
 * The recommendations list: one row per stored recommendation, sorted on the server through the
 * header links. Columns marked wide fold into the resource cell on narrower screens; on a phone the
 * table scrolls inside its own box.
 */

type Column = SortableColumn<RecommendationSortKey>;

/**
 * Below its breakpoint a column folds into the resource cell: saving from md, percent from lg,
 * kind and confidence from xl, account and region from 2xl. A phone keeps the resource and its
 * review buttons side by side.
 */
const MD = "hidden md:table-cell";
const LG = "hidden lg:table-cell";
const XL = "hidden xl:table-cell";
const XXL = "hidden 2xl:table-cell";

const COLUMNS: Column[] = [
  { key: "name", label: "Resource" },
  { key: "kind", label: "Kind", className: XL },
  { key: "account", label: "Account", className: XXL },
  { key: "region", label: "Region", className: XXL },
  {
    key: "saving",
    label: "Saving / month",
    isNumeric: true,
    title: "Sort by monthly saving (unknown savings last)",
    className: MD,
  },
  { key: "percent", label: "Saving %", isNumeric: true, className: LG, title: "Sort by saving percent" },
  { key: "confidence", label: "Confidence", className: XL },
  { key: "status", label: "Status" },
];

const CONFIDENCE_VARIANTS: Record<Confidence, BadgeVariant> = {
  high: "info",
  medium: "neutral",
  low: "demo",
};

function History({ events }: { events: RecommendationEventItem[] }) {
  if (events.length === 0) return null;
  return (
    <details className="mt-1.5 text-xs" data-testid="recommendation-history">
      <summary className="cursor-pointer select-none text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100">
        History ({events.length})
      </summary>
      <ol className="mt-1 w-44 max-w-full space-y-1 whitespace-normal lg:w-56 text-gray-700 dark:text-gray-300">
        {events.map((event, index) => (
          <li key={`${event.at}:${index}`} className="border-l-2 border-gray-200 pl-2 dark:border-gray-700">
            <span className="font-medium text-gray-900 dark:text-gray-100">
              {event.fromStatus ? `${STATUS_LABELS[event.fromStatus]} → ` : ""}
              {STATUS_LABELS[event.toStatus]}
            </span>
            <span className="block text-gray-500 dark:text-gray-400">
              <time dateTime={event.at}>{formatUtcMinute(event.at)}</time> · {event.actor}
              {event.monthlySavingUsd !== null ? ` · at ${formatUsd(event.monthlySavingUsd)}/month` : ""}
            </span>
            {event.reason ? <span className="block wrap-anywhere">“{event.reason}”</span> : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

function savingClass(item: RecommendationItem): string {
  return item.monthlySavingUsd !== null && item.monthlySavingUsd < 0
    ? "font-medium text-red-700 dark:text-red-400"
    : "font-medium text-gray-900 dark:text-gray-100";
}

/** The saving as one line, for screens where its columns are folded away. */
function SavingText({ item }: { item: RecommendationItem }) {
  const saving = toSavingTexts(item);
  if (!saving.isKnown) return <Unknown label="saving unknown" />;
  return (
    <>
      <span className={cn("tabular", savingClass(item))}>{saving.amount}</span>
      <span className="text-gray-600 dark:text-gray-400">
        /month
        {item.savingPercent !== null ? ` (${saving.percent})` : ""}
      </span>
    </>
  );
}

function ResourceCell({ item, accountName }: { item: RecommendationItem; accountName: string }) {
  return (
    <Td className="min-w-36 max-w-80 whitespace-normal! align-top! sm:min-w-48 lg:max-w-96 xl:min-w-64">
      <Link
        href={item.href}
        className="font-medium wrap-anywhere text-blue-700 hover:underline dark:text-blue-400"
        data-testid="recommendation-name"
      >
        {item.resourceName}
      </Link>
      {item.isCurrent ? null : (
        <Badge variant="estimate" className="ml-1.5" title="The last computation no longer produced it">
          no longer computed
        </Badge>
      )}
      <span className="block text-xs text-gray-500 dark:text-gray-400">
        <span className="2xl:hidden">
          <span title={item.accountId}>{accountName}</span> · {item.region}
        </span>
        <span className="xl:hidden">
          {" "}
          · {KIND_LABELS[item.kind]} · {CONFIDENCE_SHORT_LABELS[item.confidence]} confidence
        </span>
      </span>
      <span className="mt-1 block text-sm text-gray-700 dark:text-gray-300">
        <span className="sr-only">From </span>
        {item.currentConfig}
        <span aria-hidden className="whitespace-nowrap text-gray-400">
          {" "}
          →{" "}
        </span>
        <span className="sr-only"> to </span>
        <span className="font-medium text-gray-900 dark:text-gray-100">{item.proposedConfig}</span>
      </span>
      <span className="mt-0.5 block text-sm md:hidden">
        <SavingText item={item} />
      </span>
      <span
        className="mt-0.5 block text-xs text-gray-600 dark:text-gray-400"
        data-testid="recommendation-reason"
      >
        {item.summary}
      </span>
    </Td>
  );
}

function StatusCell({ item, events }: { item: RecommendationItem; events: RecommendationEventItem[] }) {
  return (
    <Td className="align-top!">
      <StatusBadge status={item.status} />
      {item.statusChangedAt ? (
        <span className="block text-xs text-gray-500 dark:text-gray-400">
          <time dateTime={item.statusChangedAt}>{item.statusChangedAt.slice(0, 10)}</time>
          {item.statusActor ? ` · ${item.statusActor}` : ""}
        </span>
      ) : null}
      {item.status === "dismissed" && item.dismissReason ? (
        <p
          className="mt-1 w-44 max-w-full whitespace-normal text-xs lg:w-56 wrap-anywhere text-gray-700 dark:text-gray-300"
          data-testid="dismiss-reason"
        >
          <span className="font-medium">Reason:</span> {item.dismissReason}
        </p>
      ) : null}
      {item.status === "done" ? (
        <p
          className="mt-1 w-44 max-w-full whitespace-normal text-xs lg:w-56 text-gray-700 dark:text-gray-300"
          data-testid="realised-saving"
        >
          {describeRealisedSaving(item)}
        </p>
      ) : null}
      <ReviewControls recommendationId={item.id} status={item.status} resourceName={item.resourceName} />
      <History events={events} />
    </Td>
  );
}

export function RecommendationsTable({
  items,
  eventsById,
  accountNames,
  sort,
  direction,
  sortHrefs,
}: {
  items: RecommendationItem[];
  eventsById: ReadonlyMap<number, RecommendationEventItem[]>;
  /** Account id → name. */
  accountNames: ReadonlyMap<string, string>;
  sort: RecommendationSortKey;
  direction: "asc" | "desc";
  sortHrefs: Record<RecommendationSortKey, string>;
}) {
  return (
    <SortableTable
      label="Recommendations"
      testId="recommendations-table"
      columns={COLUMNS}
      sort={sort}
      direction={direction}
      sortHrefs={sortHrefs}
    >
      {items.map((item) => {
        const saving = toSavingTexts(item);
        const accountName = accountNames.get(item.accountId) ?? item.accountId;
        return (
          <Tr
            key={item.id}
            data-testid="recommendation-row"
            data-recommendation-id={item.id}
            data-status={item.status}
          >
            <ResourceCell item={item} accountName={accountName} />
            <Td
              className={cn(XL, "min-w-28 whitespace-normal! align-top!")}
              data-testid="recommendation-kind"
            >
              {KIND_LABELS[item.kind]}
            </Td>
            <Td className={cn(XXL, "align-top!")} title={item.accountId}>
              {accountName}
            </Td>
            <Td className={cn(XXL, "align-top!")}>{item.region}</Td>
            <Td isNumeric className={cn(MD, "align-top!")}>
              <span data-testid="recommendation-saving" className={savingClass(item)}>
                {saving.isKnown ? saving.amount : <Unknown />}
              </span>
              <span className="block text-xs text-gray-500 lg:hidden dark:text-gray-400">
                {saving.percent}
              </span>
            </Td>
            <Td isNumeric className={cn(LG, "align-top!")} data-testid="recommendation-percent">
              {item.savingPercent === null ? <Unknown /> : saving.percent}
            </Td>
            <Td className={cn(XL, "align-top!")}>
              <Badge variant={CONFIDENCE_VARIANTS[item.confidence]}>
                {CONFIDENCE_SHORT_LABELS[item.confidence]}
              </Badge>
            </Td>
            <StatusCell item={item} events={eventsById.get(item.id) ?? []} />
          </Tr>
        );
      })}
    </SortableTable>
  );
}
