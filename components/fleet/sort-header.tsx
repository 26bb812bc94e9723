import Link from "next/link";
import { Th } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";

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
