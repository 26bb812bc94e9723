import type { ComponentProps } from "react";
import { cn } from "./cn";

/** A table that scrolls horizontally inside its own box on narrow screens instead of the page. */
export function Table({
  className,
  wrapperClassName,
  ...props
}: ComponentProps<"table"> & { wrapperClassName?: string }) {
  return (
    <div className={cn("w-full overflow-x-auto", wrapperClassName)}>
      <table
        className={cn(
          // Cell padding lives here once instead of on every <td> (long lists ship less HTML).
          "w-full border-collapse text-left text-sm [&_td]:whitespace-nowrap [&_td]:px-2.5 [&_td]:py-2 [&_td]:align-middle",
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

export function Tr({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("hover:bg-gray-50 dark:hover:bg-gray-800/50", className)} {...props} />;
}

export function Th({ className, isNumeric, ...props }: ComponentProps<"th"> & { isNumeric?: boolean }) {
  return (
    <th
      className={cn("whitespace-nowrap px-2.5 py-2 font-medium", isNumeric && "text-right", className)}
      {...props}
    />
  );
}

export function Td({ className, isNumeric, ...props }: ComponentProps<"td"> & { isNumeric?: boolean }) {
  return <td className={cn(isNumeric && "tabular text-right", className)} {...props} />;
}

/** Grey "unknown" text: visibly different from a real 0. */
export function Unknown({ label = "unknown" }: { label?: string }) {
  return <span className="text-gray-400 italic dark:text-gray-500">{label}</span>;
}
