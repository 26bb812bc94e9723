import { z } from "zod";
import {
  blankToUndefined,
  listSearchParamFields,
  optionalParam,
  parseTagFilter,
} from "@/lib/schemas/list-search-params";
import type { CapacityFilter, ServiceListQuery, ServiceSortKey } from "@/lib/db/queries/services";

/**
 * URL state of /services. Invalid values fall back to their defaults.
 *
 *   q         text search on service or cluster name
 *   account   12-digit account id
 *   region    e.g. us-east-1
 *   cluster   ECS cluster name
 *   arch      x86_64 | arm64
 *   capacity  spot (some tasks on Fargate Spot) | ondemand (none)
 *   tag       key=value
 *   sort      name | cluster | account | region | size | tasks | spot | cpu | mem | cost (default cost)
 *   dir       asc | desc
 *   page      1-based page of 50
 */
export const SERVICES_PAGE_SIZE = 50;

const SORT_KEYS = [
  "name",
  "cluster",
  "account",
  "region",
  "size",
  "tasks",
  "spot",
  "cpu",
  "mem",
  "cost",
] as const satisfies readonly ServiceSortKey[];

const CAPACITIES = ["spot", "ondemand"] as const satisfies readonly CapacityFilter[];

const TEXT_SORTS: ReadonlySet<string> = new Set(["name", "cluster", "account", "region"]);

export const servicesSearchParamsSchema = z.object({
  ...listSearchParamFields,
  cluster: optionalParam(z.string().max(255)),
  capacity: optionalParam(z.enum(CAPACITIES)),
  sort: z.preprocess(blankToUndefined, z.enum(SORT_KEYS)).catch("cost"),
});

export type ServicesSearchParams = z.infer<typeof servicesSearchParamsSchema>;

export function parseServicesSearchParams(
  raw: Record<string, string | string[] | undefined>,
): ServicesSearchParams {
  return servicesSearchParamsSchema.parse(raw);
}

export function toDefaultDirection(sort: ServiceSortKey): "asc" | "desc" {
  return TEXT_SORTS.has(sort) ? "asc" : "desc";
}

export function toServiceListQuery(state: ServicesSearchParams): ServiceListQuery {
  return {
    q: state.q,
    accountId: state.account,
    region: state.region,
    cluster: state.cluster,
    architecture: state.arch,
    capacity: state.capacity,
    tag: parseTagFilter(state.tag),
    sort: state.sort,
    direction: state.dir ?? toDefaultDirection(state.sort),
    page: state.page,
    pageSize: SERVICES_PAGE_SIZE,
  };
}

export function toServicesHref(
  state: ServicesSearchParams,
  overrides: Partial<ServicesSearchParams> = {},
): string {
  const next = { ...state, ...overrides };
  const params = new URLSearchParams();
  for (const key of ["q", "account", "region", "cluster", "arch", "capacity", "tag"] as const) {
    const value = next[key];
    if (value) params.set(key, value);
  }
  if (next.sort !== "cost") params.set("sort", next.sort);
  if (next.dir && next.dir !== toDefaultDirection(next.sort)) params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  const query = params.toString();
  return query ? `/services?${query}` : "/services";
}

export function toSortHrefs(state: ServicesSearchParams): Record<ServiceSortKey, string> {
  const current = state.dir ?? toDefaultDirection(state.sort);
  return Object.fromEntries(
    SORT_KEYS.map((key) => {
      const dir = key === state.sort ? (current === "asc" ? "desc" : "asc") : toDefaultDirection(key);
      return [key, toServicesHref(state, { sort: key, dir, page: 1 })];
    }),
  ) as Record<ServiceSortKey, string>;
}
