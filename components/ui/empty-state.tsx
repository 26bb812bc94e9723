import type { ReactNode } from "react";
import { cn } from "./cn";

export function EmptyState({
  title,
  children,
  actions,
  className,
  headingLevel = 2,
}: {
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div
      className={cn(
        "rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center dark:border-gray-700 dark:bg-gray-900",
        className,
      )}
    >
      <Heading className="text-base font-semibold text-gray-900 dark:text-gray-100">{title}</Heading>
      {children ? (
        <div className="mx-auto mt-2 max-w-xl space-y-2 text-sm text-gray-600 dark:text-gray-400">
          {children}
        </div>
      ) : null}
      {actions ? (
        <div className="mt-5 flex flex-wrap items-center justify-center gap-3">{actions}</div>
      ) : null}
    </div>
  );
}
