import type { ReactNode } from "react";

/** Key facts about a resource as a definition list that wraps into columns. */
export function FactsList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3 lg:grid-cols-4">
      {items.map((item) => (
        <div key={item.label} className="min-w-0">
          <dt className="text-xs text-gray-500 dark:text-gray-400">{item.label}</dt>
          <dd className="tabular mt-0.5 break-words font-medium">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
