import { z } from "zod";

/**
 * Paging shared by every list (functions, services, saved scenarios): the DAL reports where a page
 * sits in the whole result, the pager (components/fleet/pagination.tsx) shows it, and the scenarios
 * API returns it as JSON.
 */

/** The largest page a URL or an API call may ask for: a bound on the input, not a real page count. */
export const MAX_PAGE = 1_000_000;

export const pageInfoSchema = z.object({
  /** Rows matching the whole query, not just this page. */
  totalCount: z.number().int().min(0),
  /** The 1-based page returned: the one asked for, or the last page when that was past the end. */
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
  /** At least 1, so an empty result is "page 1 of 1". */
  pageCount: z.number().int().min(1),
  /** The page asked for; larger than `page` when it was past the end and the last page came back. */
  requestedPage: z.number().int().min(1),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

export function toPageCount(totalCount: number, pageSize: number): number {
  return Math.max(1, Math.ceil(totalCount / pageSize));
}

/**
 * The page to read: the one asked for, or the last one when that is past the end. Clamping (rather
 * than an empty page) keeps a stale link, a deleted last row or `?page=999999` from saying "no
 * match" about a list that has rows.
 */
export function toClampedPage(requestedPage: number, totalCount: number, pageSize: number): number {
  return Math.min(requestedPage, toPageCount(totalCount, pageSize));
}

/** True when the list was asked for a page past its end and shows its last page instead. */
export function isPastEnd(info: Pick<PageInfo, "page" | "requestedPage">): boolean {
  return info.requestedPage > info.page;
}
