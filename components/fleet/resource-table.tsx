import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Unknown } from "@/components/ui/table";
import { formatUsd } from "@/lib/format";
import type { ResourceColumn, ResourceKindInfo, ResourceListRowBase } from "@/lib/schemas/resource-kinds";
import { ResourceRows, type ResourceRowData, type ResourceRowDetail } from "./resource-rows";
import { SortableTable } from "./sort-header";

/**
 * The list table of a resource kind: the columns of its description (lib/schemas/resource-kinds.ts)
 * with sorting header links, a sticky name cell linking to the resource's page, and a 30-day cost
 * trend. A kind gives only the cells of its own columns. Columns marked wide fold into the name
 * cell on narrow screens (`nameDetail` says what the name cell shows instead).
 *
 * A list page renders 50 rows on the server for every request, so a row carries as little markup
 * as it can: the styling every row shares is stated once on the table and body (descendant rules)
 * instead of as class lists on each cell, cells get no empty attributes, and the folded columns
 * are marked with one short class each (`fold-md`, `fold-2xl`).
 */

/** Shared by every row: stated once here instead of on each of 50 rows (HTML and RSC payload). */
const TABLE_CLASS = [
  "tabular-nums",
  // Wide columns are hidden until the screen has room (header and cells carry the marker class).
  "[&_.fold-md]:hidden md:[&_.fold-md]:table-cell [&_.fold-2xl]:hidden 2xl:[&_.fold-2xl]:table-cell",
  // The name cell: sticky on the left while the table scrolls sideways, wrapping its detail line.
  "[&_tbody_td:first-child]:sticky [&_tbody_td:first-child]:left-0 [&_tbody_td:first-child]:z-10",
  "[&_tbody_td:first-child]:min-w-40 [&_tbody_td:first-child]:max-w-56 md:[&_tbody_td:first-child]:max-w-64",
  "[&_tbody_td:first-child]:whitespace-normal [&_tbody_td:first-child]:bg-white dark:[&_tbody_td:first-child]:bg-gray-900",
  "[&_td:first-child>a]:block [&_td:first-child>a]:truncate [&_td:first-child>a]:font-medium",
  "[&_td:first-child>a]:text-blue-700 [&_td:first-child>a:hover]:underline dark:[&_td:first-child>a]:text-blue-400",
  // The detail line under the name.
  "[&_small]:block [&_small]:text-xs [&_small]:text-gray-500 dark:[&_small]:text-gray-400",
].join(" ");
/** The name cell repeats the folded columns until the widest fold shows them all. */
const TABLE_DETAIL_CLASS = { md: "md:[&_small]:hidden", "2xl": "2xl:[&_small]:hidden" } as const;
const BODY_CLASS = "[&>tr:hover]:bg-gray-50 dark:[&>tr:hover]:bg-gray-800/50";
const STICKY = "sticky left-0 z-10 bg-white dark:bg-gray-900";

/** How a kind renders one of its own columns. */
export type ResourceCell<Row> = {
  render: (row: Row) => ReactNode;
  title?: (row: Row) => string;
  className?: string;
  /** The cell's test id after the kind's noun: "runtime" → `function-runtime`. */
  testId?: string;
};

/** The columns every kind has, rendered the same way. */
type SharedColumn = "name" | "account" | "region" | "cost";

const SHARED_CELLS: Record<Exclude<SharedColumn, "name">, ResourceCell<ResourceListRowBase>> = {
  account: { render: (row) => row.accountName, title: (row) => row.accountId },
  region: { render: (row) => row.region, testId: "region" },
  cost: {
    render: (row) => (row.costUsd === null ? <Unknown /> : formatUsd(row.costUsd)),
    className: "font-medium",
    testId: "cost",
  },
};

function toFoldClass(column: ResourceColumn): string | undefined {
  return column.isExtraWide ? "fold-2xl" : column.isWide ? "fold-md" : undefined;
}

/** What every row does for one of the kind's columns, worked out once per table. */
type ColumnPlan<Row> = {
  key: string;
  cell: ResourceCell<Row>;
  className: string | undefined;
  testId: string | undefined;
};

/** What a list page hands a kind's table. */
export type ResourceTableProps<Sort extends string, Row> = {
  rows: Row[];
  sort: Sort;
  direction: "asc" | "desc";
  sortHrefs: Record<Sort, string>;
  clearFiltersHref: string;
};

export function ResourceTable<Sort extends string, Row extends ResourceListRowBase>({
  kind,
  cells,
  nameDetail,
  rows,
  sort,
  direction,
  sortHrefs,
  clearFiltersHref,
}: ResourceTableProps<Sort, Row> & {
  kind: ResourceKindInfo<Sort>;
  cells: Record<Exclude<Sort, SharedColumn>, ResourceCell<Row>>;
  /** The line under the name on narrower screens: what the folded columns hold. */
  nameDetail: (row: Row) => ResourceRowDetail;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title={`No ${kind.nounPlural} match`} headingLevel={2}>
        <p>
          Nothing matches these filters on this page.{" "}
          <Link
            href={clearFiltersHref}
            className="font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            Show all {kind.nounPlural}
          </Link>
          .
        </p>
      </EmptyState>
    );
  }
  const allCells = { ...SHARED_CELLS, ...cells } as Record<string, ResourceCell<Row>>;
  const plans: ColumnPlan<Row>[] = kind.columns
    .filter((column) => column.key !== "name")
    .map((column) => {
      const cell = allCells[column.key]!;
      return {
        key: column.key,
        cell,
        className: cn(toFoldClass(column), column.isNumeric && "text-right", cell.className) || undefined,
        testId: cell.testId ? `${kind.noun}-${cell.testId}` : undefined,
      };
    });
  const hasTitles = plans.some((plan) => plan.cell.title);
  const toRowData = (row: Row): ResourceRowData => ({
    id: row.id,
    href: kind.toResourceHref(row.id),
    name: row.name,
    isDeleted: row.isDeleted,
    detail: nameDetail(row),
    cells: plans.map((plan) => plan.cell.render(row)),
    ...(hasTitles ? { titles: plans.map((plan) => plan.cell.title?.(row) ?? null) } : {}),
    // Six significant digits draw the same 24-pixel line and halve what the payload carries.
    dailyCostUsd: row.dailyCostUsd.map((v) => (v === null ? null : Number(v.toPrecision(6)))),
    windowDays: row.windowDays ?? 30,
  });
  const widestFold = kind.columns.some((c) => c.isExtraWide) ? "2xl" : "md";
  return (
    <SortableTable
      label={kind.tableLabel}
      testId={`${kind.nounPlural}-table`}
      columns={kind.columns.map((c) => ({ ...c, className: c.key === "name" ? STICKY : toFoldClass(c) }))}
      sort={sort}
      direction={direction}
      sortHrefs={sortHrefs}
      className={`${TABLE_CLASS} ${TABLE_DETAIL_CLASS[widestFold]}`}
      bodyClassName={BODY_CLASS}
      extraHeaders={
        <th scope="col" className="whitespace-nowrap px-2.5 py-2 font-medium">
          Trend
        </th>
      }
    >
      <ResourceRows
        noun={kind.noun}
        columns={plans.map((plan) => ({ key: plan.key, className: plan.className, testId: plan.testId }))}
        rows={rows.map((row) => toRowData(row))}
      />
    </SortableTable>
  );
}
