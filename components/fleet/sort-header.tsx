import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Table, TBody, THead, Th } from "@/components/ui/table";

/** A column header that sorts the list on the server through the URL. */
export function SortHeader({
  label,
  title,
  href,
  activeDirection,
  isNumeric,
  className,
}: {
  label: string;
  title?: string;
  href: string;
  /** The direction when this column is the current sort, else undefined. */
  activeDirection?: "asc" | "desc";
  isNumeric?: boolean;
  className?: string;
}) {
  const ariaSort =
    activeDirection === "asc" ? "ascending" : activeDirection === "desc" ? "descending" : undefined;
  return (
    <Th isNumeric={isNumeric} aria-sort={ariaSort} scope="col" className={className}>
      <Link
        href={href}
        scroll={false}
        title={title ?? `Sort by ${label.toLowerCase()}`}
        className={cn(
          "inline-flex items-center gap-1 hover:text-gray-900 dark:hover:text-gray-100",
          activeDirection && "text-gray-900 dark:text-gray-100",
        )}
      >
        {label}
        <span aria-hidden className="w-2 text-[10px]">
          {activeDirection === "asc" ? "▲" : activeDirection === "desc" ? "▼" : ""}
        </span>
      </Link>
    </Th>
  );
}

export type SortableColumn<Key extends string> = {
  key: Key;
  label: string;
  title?: string;
  isNumeric?: boolean;
  className?: string;
};

/**
 * The shell of a list sorted on the server: a card holding the table, one sorting header link per
 * column (plus any `extraHeaders`), and the rows given as children.
 */
export function SortableTable<Key extends string>({
  label,
  testId,
  columns,
  sort,
  direction,
  sortHrefs,
  extraHeaders,
  className,
  bodyClassName,
  children,
}: {
  label: string;
  testId: string;
  columns: readonly SortableColumn<Key>[];
  sort: Key;
  direction: "asc" | "desc";
  sortHrefs: Record<Key, string>;
  extraHeaders?: ReactNode;
  /** Classes of the <table> and of its <tbody>: rules a long list states once instead of per row. */
  className?: string;
  bodyClassName?: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <Table aria-label={label} data-testid={testId} className={className}>
        <THead>
          <tr>
            {columns.map((c) => (
              <SortHeader
                key={c.key}
                label={c.label}
                title={c.title}
                href={sortHrefs[c.key]}
                activeDirection={sort === c.key ? direction : undefined}
                isNumeric={c.isNumeric}
                className={c.className}
              />
            ))}
            {extraHeaders}
          </tr>
        </THead>
        <TBody className={bodyClassName}>{children}</TBody>
      </Table>
    </Card>
  );
}
