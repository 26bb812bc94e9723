import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * Cell padding and type size live here once instead of on every cell (long lists ship less HTML).
 * `md`: the fleet lists, every cell on one line. `sm`: compact tables inside a card (comparisons).
 * `xs`: dense number tables (a chart's table alternative, an itemized bill). In `sm` and `xs` headers
 * and text cells wrap (numbers do not) and headers keep their case: they carry units and user-given
 * names.
 */
const SIZES = {
  md: "text-sm [&_td]:whitespace-nowrap [&_td]:px-2.5 [&_td]:py-2 [&_td]:align-middle [&_th]:whitespace-nowrap",
  sm: "text-sm [&_td]:px-2 [&_td]:py-1.5 [&_th]:px-2 [&_th]:py-1.5 [&_thead]:normal-case [&_thead]:tracking-normal",
  xs: "text-xs [&_td]:px-1.5 [&_td]:py-1 [&_th]:px-1.5 [&_th]:py-1 [&_thead]:normal-case [&_thead]:tracking-normal",
} as const;

export type TableSize = keyof typeof SIZES;

/**
 * A table that scrolls horizontally inside its own box on narrow screens instead of the page.
 * `hasStickyHeader`: the box is at most 20rem tall and scrolls both ways with the header row pinned
 * (long tables, e.g. 336 hourly rows).
 */
export function Table({
  className,
  wrapperClassName,
  size = "md",
  hasStickyHeader = false,
  isFlush = false,
  ...props
}: ComponentProps<"table"> & {
  wrapperClassName?: string;
  size?: TableSize;
  hasStickyHeader?: boolean;
  /** No padding outside the first and last column: the text lines up with a card's title above. */
  isFlush?: boolean;
}) {
  return (
    <div
      className={cn(
        "w-full",
        hasStickyHeader ? "max-h-80 overflow-auto" : "overflow-x-auto",
        wrapperClassName,
      )}
    >
      <table
        className={cn(
          "w-full border-collapse text-left",
          SIZES[size],
          isFlush && "[&_tr>*:first-child]:pl-0 [&_tr>*:last-child]:pr-0",
          hasStickyHeader &&
            "[&_thead]:sticky [&_thead]:top-0 [&_thead]:z-10 [&_thead]:bg-gray-50 dark:[&_thead]:bg-gray-800",
          className,
        )}
        {...props}
      />
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return (
    <thead
      className={cn(
        "border-b border-gray-200 text-xs uppercase tracking-wide text-gray-500 dark:border-gray-800 dark:text-gray-400",
        className,
      )}
      {...props}
    />
  );
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-gray-100 dark:divide-gray-800", className)} {...props} />;
}

/** A total row under the body. */
export function TFoot({ className, ...props }: ComponentProps<"tfoot">) {
  return (
    <tfoot
      className={cn("border-t border-gray-300 font-semibold dark:border-gray-600", className)}
      {...props}
    />
  );
}

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("hover:bg-gray-50 dark:hover:bg-gray-800/50", className)} {...props} />;
}

/** A header cell. A row header (`scope="row"`) takes its row group's weight: plain in the body, bold in TFoot. */
export function Th({ className, isNumeric, ...props }: ComponentProps<"th"> & { isNumeric?: boolean }) {
  return (
    <th
      className={cn(
        "px-2.5 py-2",
        props.scope === "row" ? "[font-weight:inherit]" : "font-medium",
        isNumeric && "tabular text-right",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, isNumeric, ...props }: ComponentProps<"td"> & { isNumeric?: boolean }) {
  return <td className={cn(isNumeric && "tabular whitespace-nowrap text-right", className)} {...props} />;
}

/** Grey "unknown" text: visibly different from a real 0. */
export function Unknown({ label = "unknown" }: { label?: string }) {
  return <span className="text-gray-400 italic dark:text-gray-500">{label}</span>;
}
