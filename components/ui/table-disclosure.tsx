"use client";

import { useState, type ReactNode } from "react";

/**
 * "Show as table": a chart's table alternative behind a <details>, built only while open. A chart's
 * table can be long (~160 memory sizes that would re-render on every slider step, 336 hourly rows
 * that would ship twice in the HTML), so closed it renders nothing. Pass a client component as
 * `children` from a server component, so that only its props travel, not its rows.
 */
export function TableDisclosure({ children }: { children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <details className="mt-3 text-xs" onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer select-none text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100">
        Show as table
      </summary>
      {isOpen ? (
        <div className="mt-2 overflow-hidden rounded border border-gray-200 dark:border-gray-800">
          {children}
        </div>
      ) : null}
    </details>
  );
}
