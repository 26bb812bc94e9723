import Link from "next/link";
import type { ReactNode } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Td, Tr, Unknown } from "@/components/ui/table";
import { formatUsd } from "@/lib/format";
import type { ResourceColumn, ResourceKindInfo, ResourceListRowBase } from "@/lib/schemas/resource-kinds";
import { SortableTable } from "./sort-header";

/**
 * The list table of a resource kind: the columns of its description (lib/schemas/resource-kinds.ts)
 * with sorting header links, a sticky name cell linking to the resource's page, and a 30-day cost
 * trend. A kind gives only the cells of its own columns. Columns marked wide fold into the name
 * cell on narrow screens (`nameDetail` says what the name cell shows instead).
 */

const WIDE = "hidden md:table-cell";
/** A column that needs the room of a wide screen; below that the name cell shows it. */
const EXTRA_WIDE = "hidden 2xl:table-cell";
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
  return column.isExtraWide ? EXTRA_WIDE : column.isWide ? WIDE : undefined;
}

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
  nameDetail: (row: Row) => ReactNode;
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
  // The name cell repeats the folded columns until the widest fold shows them all.
  const detailClass = kind.columns.some((c) => c.isExtraWide) ? "2xl:hidden" : "md:hidden";
  return (
    <SortableTable
      label={kind.tableLabel}
      testId={`${kind.nounPlural}-table`}
      columns={kind.columns.map((c) => ({ ...c, className: c.key === "name" ? STICKY : toFoldClass(c) }))}
      sort={sort}
      direction={direction}
      sortHrefs={sortHrefs}
      extraHeaders={
        <th scope="col" className="whitespace-nowrap px-2.5 py-2 font-medium">
          Trend
        </th>
      }
    >
      {rows.map((row) => (
        <Tr key={row.id} data-testid={`${kind.noun}-row`}>
          <Td className="sticky left-0 z-10 min-w-40 max-w-56 whitespace-normal! bg-white md:max-w-64 dark:bg-gray-900">
            <Link
              href={kind.toResourceHref(row.id)}
              className="block truncate font-medium text-blue-700 hover:underline dark:text-blue-400"
              title={row.name}
              data-testid={`${kind.noun}-name`}
            >
              {row.name}
            </Link>
            {row.isDeleted ? <Badge variant="danger">deleted</Badge> : null}
            <span className={cn("block text-xs text-gray-500 dark:text-gray-400", detailClass)}>
              {nameDetail(row)}
            </span>
          </Td>
          {kind.columns.map((column) => {
            if (column.key === "name") return null;
            const cell = allCells[column.key]!;
            return (
              <Td
                key={column.key}
                isNumeric={column.isNumeric}
                className={cn(toFoldClass(column), cell.className) || undefined}
                title={cell.title?.(row)}
                data-testid={cell.testId ? `${kind.noun}-${cell.testId}` : undefined}
              >
                {cell.render(row)}
              </Td>
            );
          })}
          <Td>
            <Sparkline
              values={row.dailyCostUsd}
              label={`Daily cost of ${row.name} over ${row.windowDays ?? 30} days`}
            />
          </Td>
        </Tr>
      ))}
    </SortableTable>
  );
}
