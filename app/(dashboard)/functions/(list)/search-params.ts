import { z } from "zod";
import {
  blankToUndefined,
  listSearchParamFields,
  optionalParam,
  parseTagFilter,
} from "@/lib/schemas/list-search-params";
import type { FunctionListQuery, FunctionSortKey } from "@/lib/db/queries/functions";

/**
 * URL state of /functions. Every parameter is optional and short; an invalid value is ignored
 * (falls back to its default) rather than failing the page, so an edited URL still renders.
 *
 *   q        text search on the function name
 *   account  12-digit account id
 *   region   e.g. us-east-1
 *   runtime  e.g. nodejs22.x, or "image" for container-image functions
 *   arch     x86_64 | arm64
 *   tag      key=value
 *   sort     name | account | region | runtime | arch | memory | invocations | p95 | cost | cpm  (default cost)
 *   dir      asc | desc (default: desc for numbers, asc for text)
 *   page     1-based page of 50
 */
export const FUNCTIONS_PAGE_SIZE = 50;

const SORT_KEYS = [
  "name",
  "account",
  "region",
  "runtime",
  "arch",
  "memory",
  "invocations",
  "p95",
  "cost",
  "cpm",
] as const satisfies readonly FunctionSortKey[];

const TEXT_SORTS: ReadonlySet<string> = new Set(["name", "account", "region", "runtime", "arch"]);

export const functionsSearchParamsSchema = z.object({
  ...listSearchParamFields,
  runtime: optionalParam(z.string().regex(/^[a-z0-9][a-z0-9.\-_]{0,39}$/)),
  sort: z.preprocess(blankToUndefined, z.enum(SORT_KEYS)).catch("cost"),
});

export type FunctionsSearchParams = z.infer<typeof functionsSearchParamsSchema>;

export function parseFunctionsSearchParams(
  raw: Record<string, string | string[] | undefined>,
): FunctionsSearchParams {
  return functionsSearchParamsSchema.parse(raw);
}

export function toDefaultDirection(sort: FunctionSortKey): "asc" | "desc" {
  return TEXT_SORTS.has(sort) ? "asc" : "desc";
}

export function toFunctionListQuery(state: FunctionsSearchParams): FunctionListQuery {
  return {
    q: state.q,
    accountId: state.account,
    region: state.region,
    runtime: state.runtime,
    architecture: state.arch,
    tag: parseTagFilter(state.tag),
    sort: state.sort,
    direction: state.dir ?? toDefaultDirection(state.sort),
    page: state.page,
    pageSize: FUNCTIONS_PAGE_SIZE,
  };
}

/** The /functions URL for a state, writing only what differs from the defaults. */
export function toFunctionsHref(
  state: FunctionsSearchParams,
  overrides: Partial<FunctionsSearchParams> = {},
): string {
  const next = { ...state, ...overrides };
  const params = new URLSearchParams();
  for (const key of ["q", "account", "region", "runtime", "arch", "tag"] as const) {
    const value = next[key];
    if (value) params.set(key, value);
  }
  if (next.sort !== "cost") params.set("sort", next.sort);
  if (next.dir && next.dir !== toDefaultDirection(next.sort)) params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/functions?${query}` : "/functions";
}

/** Header links: the current column flips direction; another column starts at its default. */
export function toSortHrefs(state: FunctionsSearchParams): Record<FunctionSortKey, string> {
  const current = state.dir ?? toDefaultDirection(state.sort);
  return Object.fromEntries(
    SORT_KEYS.map((key) => {
      const dir = key === state.sort ? (current === "asc" ? "desc" : "asc") : toDefaultDirection(key);
      return [key, toFunctionsHref(state, { sort: key, dir, page: 1 })];
    }),
  ) as Record<FunctionSortKey, string>;
}
