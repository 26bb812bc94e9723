"use client";

import { useState, type ReactNode } from "react";

/** A chart with its title, what it shows, and the same numbers as a table for screen readers and copying. */
export function ChartCard({
  id,
  title,
  description,
  children,
  table,
  isPending,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  table: ReactNode;
  isPending?: boolean;
}) {
  // The table is built only while open: the memory table has ~160 rows that would otherwise
  // re-render on every slider step.
  const [isTableOpen, setIsTableOpen] = useState(false);
  return (
    <section
      aria-labelledby={`${id}-title`}
      aria-busy={isPending || undefined}
      className="min-w-0 rounded-lg border border-gray-200 bg-white p-4 shadow-xs dark:border-gray-800 dark:bg-gray-900"
    >
      <h2 id={`${id}-title`} className="text-sm font-semibold">
        {title}
      </h2>
      {description ? <p className="mt-0.5 text-xs text-gray-600 dark:text-gray-400">{description}</p> : null}
      <div className={`mt-3 transition-opacity ${isPending ? "opacity-70" : ""}`}>{children}</div>
      <details className="group mt-3" onToggle={(event) => setIsTableOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer select-none text-xs font-medium text-blue-700 hover:underline dark:text-blue-400">
          Show as table
        </summary>
        <div className="mt-2 max-h-96 overflow-auto rounded border border-gray-100 dark:border-gray-800">
          {isTableOpen ? table : null}
        </div>
      </details>
    </section>
  );
}

export const TABLE_CLASS = "w-full min-w-[32rem] text-left text-xs tabular";
export const TH_CLASS =
  "sticky top-0 bg-gray-50 px-2 py-1.5 font-medium text-gray-600 dark:bg-gray-800 dark:text-gray-300";
export const TD_CLASS = "px-2 py-1 border-t border-gray-100 dark:border-gray-800";
