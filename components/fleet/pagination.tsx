import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { formatInteger } from "@/lib/format";

/**
 * The pager under a list (functions, services, saved scenarios). Lists clamp a page past the end to
 * their last page (lib/db/queries/paging.ts); `requestedPage` says so instead of leaving a stale or
 * edited link to look like an ordinary page.
 */
export function Pagination({
  page,
  pageCount,
  pageSize,
  totalCount,
  requestedPage = page,
  hrefForPage,
  noun,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  totalCount: number;
  /** The page the URL asked for, when the list clamped it. */
  requestedPage?: number;
  hrefForPage: (page: number) => string;
  noun: string;
}) {
  const first = totalCount === 0 ? 0 : Math.min(totalCount, (page - 1) * pageSize + 1);
  const last = Math.min(totalCount, page * pageSize);
  const disabled = "pointer-events-none opacity-40";
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-gray-600 dark:text-gray-400" aria-live="polite">
        {requestedPage > page ? (
          <span className="block font-medium text-amber-800 dark:text-amber-300" data-testid="page-past-end">
            Page {formatInteger(requestedPage)} is past the end; showing the last page.
          </span>
        ) : null}
        {first > 0 ? (
          <>
            Showing <span className="tabular font-medium">{formatInteger(first)}</span>–
            <span className="tabular font-medium">{formatInteger(last)}</span> of{" "}
            <span className="tabular font-medium">{formatInteger(totalCount)}</span> {noun}
          </>
        ) : (
          <>No {noun} on this page</>
        )}
      </p>
      <div className="flex items-center gap-2">
        <Link
          href={hrefForPage(Math.max(1, page - 1))}
          scroll={false}
          aria-disabled={page <= 1}
          className={buttonClassName("secondary", "sm", page <= 1 ? disabled : undefined)}
          rel="prev"
        >
          Previous
        </Link>
        <span className="tabular text-gray-600 dark:text-gray-400">
          Page {formatInteger(page)} of {formatInteger(pageCount)}
        </span>
        <Link
          href={hrefForPage(Math.min(pageCount, page + 1))}
          scroll={false}
          aria-disabled={page >= pageCount}
          className={buttonClassName("secondary", "sm", page >= pageCount ? disabled : undefined)}
          rel="next"
        >
          Next
        </Link>
      </div>
    </nav>
  );
}
