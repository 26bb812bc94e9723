import { z } from "zod";
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

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const blankToUndefined = (value: unknown) => {
  const v = first(value);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional()).catch(undefined);
}

export const servicesSearchParamsSchema = z.object({
  q: optional(z.string().max(100)),
  account: optional(z.string().regex(/^\d{12}$/)),
  region: optional(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/)),
  cluster: optional(z.string().max(255)),
  arch: optional(z.enum(["x86_64", "arm64"])),
  capacity: optional(z.enum(CAPACITIES)),
  tag: optional(
    z
      .string()
      .max(300)
      .regex(/^[^=]+=.*$/),
  ),
  sort: z.preprocess(blankToUndefined, z.enum(SORT_KEYS)).catch("cost"),
  dir: optional(z.enum(["asc", "desc"])),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
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

function parseTagFilter(tag: string | undefined): { key: string; value: string } | undefined {
  if (!tag) return undefined;
  const at = tag.indexOf("=");
  return at > 0 ? { key: tag.slice(0, at).trim(), value: tag.slice(at + 1).trim() } : undefined;
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
