import { toClampedPage, toPageCount, type PageInfo } from "@/lib/schemas/paging";

/**
 * One paged read for the DAL's lists (functions, services, saved scenarios), so they bound the page
 * size and clamp a page past the end the same way.
 */

export type PageRequest = {
  /** 1-based; anything below 1 (or not a number) reads page 1. */
  page: number;
  pageSize: number;
};

/** Rows per page at most unless a list sets its own bound: enough for a table, small enough to render. */
export const MAX_PAGE_SIZE = 200;

/** LIMIT/OFFSET (or take/skip) of one page. */
export type RowWindow = { limit: number; offset: number };

/** The page and page size actually read: whole numbers, page ≥ 1, 1 ≤ pageSize ≤ maxPageSize. */
export function toPageRequest(request: PageRequest, maxPageSize: number): PageRequest {
  const page = Math.trunc(request.page);
  const pageSize = Math.trunc(request.pageSize);
  return {
    page: Number.isFinite(page) ? Math.max(1, page) : 1,
    pageSize: Number.isFinite(pageSize) ? Math.max(1, Math.min(maxPageSize, pageSize)) : maxPageSize,
  };
}

/**
 * Reads the totals and one page's rows at the same time (one round trip for a page that exists).
 * When the page asked for is past the end of a non-empty result, reads the last page instead and
 * reports both (PageInfo.page and requestedPage), so the list can say where it is.
 */
export async function readPage<Totals extends { totalCount: number }, Row>(
  request: PageRequest,
  readTotals: () => Promise<Totals>,
  readRows: (window: RowWindow) => Promise<Row[]>,
  options: { maxPageSize: number } = { maxPageSize: MAX_PAGE_SIZE },
): Promise<{ totals: Totals; rows: Row[]; pageInfo: PageInfo }> {
  const { page: requestedPage, pageSize } = toPageRequest(request, options.maxPageSize);
  const toWindow = (page: number): RowWindow => ({ limit: pageSize, offset: (page - 1) * pageSize });
  const [totals, requestedRows] = await Promise.all([readTotals(), readRows(toWindow(requestedPage))]);
  const page = toClampedPage(requestedPage, totals.totalCount, pageSize);
  // An empty result has nothing to clamp to: its (empty) rows stand and the list says "no match".
  const rows =
    page === requestedPage || totals.totalCount === 0 ? requestedRows : await readRows(toWindow(page));
  return {
    totals,
    rows,
    pageInfo: {
      totalCount: totals.totalCount,
      page,
      pageSize,
      pageCount: toPageCount(totals.totalCount, pageSize),
      requestedPage,
    },
  };
}
