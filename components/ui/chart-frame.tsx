import type { ReactNode } from "react";
import { Card, CardContent, CardHeader } from "./card";
import { cn } from "./cn";
import { TableDisclosure } from "./table-disclosure";

export type ChartFrameProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Badge or note next to the title (e.g. "estimated", "daily"). */
  actions?: ReactNode;
  headingLevel?: 2 | 3;
  /** The section's id; the section is then a region named by its title (`<id>-title`). */
  id?: string;
  className?: string;
  /** The chart (and its legend): everything above the table. */
  children: ReactNode;
  /** The same numbers as a table, for screen readers and copying. */
  table?: ReactNode;
  /** "disclosure" (default): behind "Show as table", built only when opened. "inline": always shown. */
  tablePlacement?: "disclosure" | "inline";
  /** A recompute is under way: the chart dims and the section is aria-busy. */
  isPending?: boolean;
  /** Nothing to plot: `emptyMessage` replaces the chart and the table. */
  isEmpty?: boolean;
  emptyMessage?: ReactNode;
  /** Notes under the chart (sources, caveats); shown even when empty. */
  footnote?: ReactNode;
};

/**
 * The one frame for a chart: title, description and actions, the chart, its table alternative and a
 * footnote. No hooks, so server components render it; only the "Show as table" disclosure is a
 * client component.
 */
export function ChartFrame({
  title,
  description,
  actions,
  headingLevel = 2,
  id,
  className,
  children,
  table,
  tablePlacement = "disclosure",
  isPending,
  isEmpty,
  emptyMessage = "No data: unknown.",
  footnote,
}: ChartFrameProps) {
  const titleId = id ? `${id}-title` : undefined;
  return (
    <Card id={id} aria-labelledby={titleId} aria-busy={isPending || undefined} className={className}>
      <CardHeader
        title={title}
        description={description}
        actions={actions}
        headingLevel={headingLevel}
        id={titleId}
      />
      <CardContent>
        {isEmpty ? (
          <p className="py-8 text-center text-sm text-gray-500 dark:text-gray-400">{emptyMessage}</p>
        ) : (
          <>
            <div className={cn("transition-opacity", isPending && "opacity-70")}>{children}</div>
            {table === undefined || table === null ? null : tablePlacement === "inline" ? (
              <div className="mt-3">{table}</div>
            ) : (
              <TableDisclosure>{table}</TableDisclosure>
            )}
          </>
        )}
        {footnote ? <div className="mt-3 text-xs text-gray-500 dark:text-gray-400">{footnote}</div> : null}
      </CardContent>
    </Card>
  );
}
