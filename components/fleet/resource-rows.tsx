"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { Sparkline } from "@/components/charts/sparkline";
import { Badge } from "@/components/ui/badge";

/**
 * The rows of a resource list table (components/fleet/resource-table.tsx). The server hands over
 * each row's cell contents (mostly plain strings) and the attributes every cell of a column shares
 * once per table; the rows' markup is made here. A list page renders 50 rows for every request:
 * sent as elements from the server, every attribute of every cell was written into the RSC
 * payload as well as into the HTML, which cost the server as much time as the HTML itself.
 * Without JavaScript the server-rendered HTML is the same.
 */

/** What every cell of one column carries. */
export type ResourceRowColumn = { key: string; className?: string; testId?: string };

/**
 * The line under the name: `text` (with `title` as its tooltip) until the widest fold shows its
 * columns, and `narrowText` after it on phones only.
 */
export type ResourceRowDetail = { text: string; title?: string; narrowText?: string };

export type ResourceRowData = {
  id: string;
  href: string;
  name: string;
  isDeleted: boolean;
  /** The line under the name on narrower screens: what the folded columns hold. */
  detail: ResourceRowDetail;
  /** One per column, in the order of the columns. */
  cells: ReactNode[];
  /** The cells' tooltips (null: none), when any cell of the row has one. */
  titles?: (string | null)[];
  dailyCostUsd: (number | null)[];
  windowDays: number;
};

export function ResourceRows({
  noun,
  columns,
  rows,
}: {
  noun: string;
  columns: ResourceRowColumn[];
  rows: ResourceRowData[];
}) {
  return rows.map((row) => (
    <tr key={row.id} data-testid={`${noun}-row`}>
      <td>
        <Link href={row.href} title={row.name} data-testid={`${noun}-name`}>
          {row.name}
        </Link>
        {row.isDeleted ? <Badge variant="danger">deleted</Badge> : null}
        <small title={row.detail.title}>
          {row.detail.text}
          {row.detail.narrowText ? <span className="md:hidden">{row.detail.narrowText}</span> : null}
        </small>
      </td>
      {columns.map((column, i) => (
        <td
          key={column.key}
          className={column.className}
          title={row.titles?.[i] ?? undefined}
          data-testid={column.testId}
        >
          {row.cells[i]}
        </td>
      ))}
      <td>
        <Sparkline
          values={row.dailyCostUsd}
          label={`Daily cost of ${row.name} over ${row.windowDays} days`}
        />
      </td>
    </tr>
  ));
}
