import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { RANGE_KEYS, RANGE_LABELS, type RangeKey } from "@/lib/range";

/** The range selector of a resource page: links, so the range lives in the URL (?range=). */
export function RangeTabs({ current, hrefFor }: { current: RangeKey; hrefFor: (range: RangeKey) => string }) {
  return (
    <nav
      aria-label="Time range"
      className="inline-flex rounded-md border border-gray-300 p-0.5 dark:border-gray-700"
    >
      {RANGE_KEYS.map((range) => (
        <Link
          key={range}
          href={hrefFor(range)}
          scroll={false}
          aria-current={range === current ? "page" : undefined}
          className={cn(
            "rounded px-3 py-1 text-xs font-medium text-gray-700 hover:bg-gray-100 dark:text-gray-300 dark:hover:bg-gray-800",
            "aria-[current=page]:bg-gray-900 aria-[current=page]:text-white dark:aria-[current=page]:bg-gray-100 dark:aria-[current=page]:text-gray-900",
          )}
        >
          {RANGE_LABELS[range]}
        </Link>
      ))}
    </nav>
  );
}
