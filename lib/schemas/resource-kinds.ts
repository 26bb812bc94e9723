import { z } from "zod";
import { DEFAULT_RANGE, RANGE_KEYS, type RangeKey } from "@/lib/range";
import { blankToUndefined, listSearchParamFields, optionalParam, parseTagFilter } from "./list-search-params";
import type { PageInfo } from "./paging";

/**
 * One description per resource kind (Lambda functions, Fargate services): where its pages live,
 * what it is called, its list columns (which are also its sort keys), its URL filters and the rows
 * its list returns. The list URL (parse, links, sort links), the DAL list query, the list table and
 * the shared page parts are all derived from it, so a kind is written once.
 *
 * Pure data and zod: imported by lib/db (the query shell), app (the routes) and components (the
 * table), so it may import nothing of theirs.
 */

export type SortDirection = "asc" | "desc";

/**
 * A list column. Every column sorts the list: its key is the `?sort=` value. Numeric columns read
 * largest first by default, text columns A→Z.
 */
export type ResourceColumn<Key extends string = string> = {
  key: Key;
  label: string;
  isNumeric?: boolean;
  /** Folded into the name cell below the md breakpoint. */
  isWide?: boolean;
  /** Folded into the name cell below the 2xl breakpoint (needs the room of a wide screen). */
  isExtraWide?: boolean;
  /** The header link's title; "Sort by <label>" when absent. */
  title?: string;
};

/** The URL filters every resource list has, in the order a link writes them. */
type SharedFilterParam = "q" | "account" | "region" | "arch" | "tag";

/** The fields every list row has; a kind adds its own (lib/db/queries/resource-list.ts reads them). */
export type ResourceListRowBase = {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  region: string;
  architecture: string;
  memoryMb: number;
  isDemo: boolean;
  isDeleted: boolean;
  /** Billed cost over the summary window (30 days); null when no summary or bill exists yet. */
  costUsd: number | null;
  /** Daily billed cost over the window, oldest first; null entries are unknown. */
  dailyCostUsd: (number | null)[];
  windowDays: number | null;
};

export type ResourceList<Row> = PageInfo & {
  rows: Row[];
  /** Sum of the known 30-day costs of every matching resource (not just this page). */
  totalCostUsd: number | null;
};

/** The filters of the DAL list query every kind shares (from the URL's q, account, region, arch, tag). */
export type ResourceListFilters = {
  q?: string;
  accountId?: string;
  region?: string;
  architecture?: string;
  tag?: { key: string; value: string };
};

export type ResourceListQuery<Sort extends string, Extra extends object> = ResourceListFilters &
  Partial<Extra> & {
    sort: Sort;
    direction: SortDirection;
    /** 1-based. */
    page: number;
    pageSize: number;
  };

type ExtraFilterValues<Filters extends z.ZodRawShape> = {
  [K in keyof Filters]: Exclude<z.output<Filters[K]>, undefined>;
};

/** A list URL as the page reads it: the shared parameters, the kind's filters and its sort. */
export type ResourceListState<Sort extends string, Filters extends z.ZodRawShape> = {
  q?: string;
  account?: string;
  region?: string;
  arch?: "x86_64" | "arm64";
  tag?: string;
  dir?: SortDirection;
  page: number;
  sort: Sort;
} & Partial<ExtraFilterValues<Filters>>;

export type ResourceKindDefinition<Sort extends string, Filters extends z.ZodRawShape> = {
  /** "function": the test ids (`function-row`) and the words of the pages. */
  noun: string;
  nounPlural: string;
  /** "Lambda function": what the kind is, in a sentence. */
  label: string;
  /** The list page; a resource's page is `${basePath}/${id}`. */
  basePath: `/${string}`;
  /** The list table's accessible name. */
  tableLabel: string;
  /** The list page's heading and the line under it. */
  listTitle: string;
  listDescription: string;
  /** What the list page says when the fleet has none of this kind. */
  noneTitle: string;
  noneText: string;
  columns: readonly [ResourceColumn<Sort>, ...ResourceColumn<Sort>[]];
  defaultSort: Sort;
  /** The kind's own URL filters; each is passed to the DAL query under the same name. */
  filters: Filters;
  /** The order a link writes the filter parameters in. */
  filterOrder: readonly (SharedFilterParam | (keyof Filters & string))[];
  pageSize: number;
};

/** The list URL's parameters as the page reads them. */
type RawSearchParams = Record<string, string | string[] | undefined>;

/**
 * A kind's description with everything derived from it: the URL schema of its list, its links and
 * sort links, the DAL query a URL asks for, and the links to one resource.
 */
export function defineResourceKind<const Sort extends string, Filters extends z.ZodRawShape>(
  definition: ResourceKindDefinition<Sort, Filters>,
) {
  const sortKeys = definition.columns.map((c) => c.key) as [Sort, ...Sort[]];
  const numericSorts: ReadonlySet<string> = new Set(
    definition.columns.filter((c) => c.isNumeric).map((c) => c.key),
  );
  type State = ResourceListState<Sort, Filters>;
  // zod cannot infer through the generic filters; the shape above is what this object parses to.
  const schema = z.object({
    ...listSearchParamFields,
    ...definition.filters,
    sort: z.preprocess(blankToUndefined, z.enum(sortKeys)).catch(definition.defaultSort),
  }) as unknown as z.ZodType<State>;
  type Query = ResourceListQuery<Sort, ExtraFilterValues<Filters>>;

  /** Text columns read A→Z first; numbers read largest first. */
  function toDefaultDirection(sort: Sort): SortDirection {
    return numericSorts.has(sort) ? "desc" : "asc";
  }

  function parseSearchParams(raw: RawSearchParams): State {
    return schema.parse(raw);
  }

  function toListQuery(state: State): Query {
    const extra = Object.fromEntries(
      Object.keys(definition.filters).map((key) => [key, (state as Record<string, unknown>)[key]]),
    ) as Partial<ExtraFilterValues<Filters>>;
    return {
      q: state.q,
      accountId: state.account,
      region: state.region,
      architecture: state.arch,
      tag: parseTagFilter(state.tag),
      ...extra,
      sort: state.sort,
      direction: state.dir ?? toDefaultDirection(state.sort),
      page: state.page,
      pageSize: definition.pageSize,
    } as Query;
  }

  /** The list URL for a state, writing only what differs from the defaults. */
  function toListHref(state: State, overrides: Partial<State> = {}): string {
    const next: State = { ...state, ...overrides };
    const params = new URLSearchParams();
    for (const key of definition.filterOrder) {
      const value = (next as Record<string, unknown>)[key];
      if (typeof value === "string" && value) params.set(key, value);
    }
    if (next.sort !== definition.defaultSort) params.set("sort", next.sort);
    if (next.dir && next.dir !== toDefaultDirection(next.sort)) params.set("dir", next.dir);
    if (next.page > 1) params.set("page", String(next.page));
    const query = params.toString();
    return query ? `${definition.basePath}?${query}` : definition.basePath;
  }

  /** Header links: the current column flips direction; another column starts at its default. */
  function toSortHrefs(state: State): Record<Sort, string> {
    const current = state.dir ?? toDefaultDirection(state.sort);
    return Object.fromEntries(
      sortKeys.map((key) => {
        const dir = key === state.sort ? (current === "asc" ? "desc" : "asc") : toDefaultDirection(key);
        return [key, toListHref(state, { sort: key, dir, page: 1 } as Partial<State>)];
      }),
    ) as Record<Sort, string>;
  }

  /** A resource's page, with `?range=` unless it is the default range. */
  function toResourceHref(id: string, range: RangeKey = DEFAULT_RANGE): string {
    const path = `${definition.basePath}/${encodeURIComponent(id)}`;
    return range === DEFAULT_RANGE ? path : `${path}?range=${range}`;
  }

  /** The list filtered to one tag (the tag badges of a resource's page). */
  function toTagHref(key: string, value: string): string {
    return `${definition.basePath}?tag=${encodeURIComponent(`${key}=${value}`)}`;
  }

  return {
    ...definition,
    sortKeys,
    searchParamsSchema: schema,
    toDefaultDirection,
    parseSearchParams,
    toListQuery,
    toListHref,
    toSortHrefs,
    toResourceHref,
    toTagHref,
  };
}

/** `?range=` of a resource page: 30d (default) | 90d | 14d (hourly); anything else reads the default. */
export const rangeSearchParam = z
  .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(RANGE_KEYS))
  .catch(DEFAULT_RANGE);

/** The URL state every resource page has: its range. */
export function parseResourcePageSearchParams(raw: RawSearchParams): { range: RangeKey } {
  return { range: rangeSearchParam.parse(raw.range) };
}

/**
 * What the shared page parts (table, header, not-found) need of a kind, whatever its sort keys:
 * the words, the paths and the columns.
 */
export type ResourceKindInfo<Sort extends string = string> = Pick<
  ResourceKindDefinition<Sort, z.ZodRawShape>,
  | "noun"
  | "nounPlural"
  | "label"
  | "basePath"
  | "tableLabel"
  | "listTitle"
  | "listDescription"
  | "noneTitle"
  | "noneText"
  | "columns"
> & {
  toResourceHref: (id: string, range?: RangeKey) => string;
  toTagHref: (key: string, value: string) => string;
};
/** The list URL state of a kind. */
export type ResourceSearchParams<Kind extends { parseSearchParams: (raw: never) => unknown }> = ReturnType<
  Kind["parseSearchParams"]
>;
/** The DAL list query of a kind. */
export type ResourceListQueryOf<Kind extends { toListQuery: (state: never) => unknown }> = ReturnType<
  Kind["toListQuery"]
>;

// ---------------------------------------------------------------------------------------------
// Lambda functions

/** `?runtime=image` selects container-image functions, which have no runtime. */
export const IMAGE_RUNTIME = "image";

/**
 * /functions: every parameter is optional and short; an invalid value is ignored (falls back to its
 * default) rather than failing the page, so an edited URL still renders.
 *
 *   q        text search on the function name
 *   account  12-digit account id
 *   region   e.g. us-east-1
 *   runtime  e.g. nodejs22.x, or "image" for container-image functions
 *   arch     x86_64 | arm64
 *   tag      key=value
 *   sort     a column key (default cost)
 *   dir      asc | desc (default: desc for numbers, asc for text)
 *   page     1-based page of 50
 *
 * All figures cover the 30 days of ResourceSummary.
 */
export const FUNCTIONS = defineResourceKind({
  noun: "function",
  nounPlural: "functions",
  label: "Lambda function",
  basePath: "/functions",
  tableLabel: "Lambda functions",
  listTitle: "Functions",
  listDescription:
    "Every Lambda function with its billed cost, invocations and p95 duration over the last 30 days (UTC).",
  noneTitle: "No Lambda functions",
  noneText: "The accounts in this database have no Lambda functions.",
  columns: [
    { key: "name", label: "Function" },
    { key: "account", label: "Account", isWide: true, isExtraWide: true },
    { key: "region", label: "Region", isWide: true },
    { key: "runtime", label: "Runtime", isWide: true },
    { key: "arch", label: "Arch", isWide: true },
    { key: "memory", label: "Memory", isNumeric: true, isWide: true },
    { key: "cost", label: "Cost", isNumeric: true, title: "Sort by billed cost (30 days)" },
    { key: "cpm", label: "$ / 1M inv.", isNumeric: true, title: "Sort by cost per million invocations" },
    { key: "invocations", label: "Invocations", isNumeric: true, title: "Sort by invocations (30 days)" },
    { key: "p95", label: "p95", isNumeric: true, title: "Sort by p95 duration (30 days)" },
  ],
  defaultSort: "cost",
  filters: { runtime: optionalParam(z.string().regex(/^[a-z0-9][a-z0-9.\-_]{0,39}$/)) },
  filterOrder: ["q", "account", "region", "runtime", "arch", "tag"],
  pageSize: 50,
});

export type FunctionSortKey = (typeof FUNCTIONS.sortKeys)[number];
export type FunctionsSearchParams = ResourceSearchParams<typeof FUNCTIONS>;
export type FunctionListQuery = ResourceListQueryOf<typeof FUNCTIONS>;

export type FunctionListRow = ResourceListRowBase & {
  runtime: string | null;
  packageType: string;
  invocations: number | null;
  durationP95Ms: number | null;
  /** null when cost or invocations are unknown, or there were no invocations. */
  costPerMillionUsd: number | null;
};
export type FunctionList = ResourceList<FunctionListRow>;

// ---------------------------------------------------------------------------------------------
// Fargate services

export const CAPACITY_FILTERS = ["spot", "ondemand"] as const;
/** "spot": some tasks on Fargate Spot; "ondemand": none. */
export type CapacityFilter = (typeof CAPACITY_FILTERS)[number];

/**
 * /services: invalid values fall back to their defaults.
 *
 *   q         text search on service or cluster name
 *   account   12-digit account id
 *   region    e.g. us-east-1
 *   cluster   ECS cluster name
 *   arch      x86_64 | arm64
 *   capacity  spot (some tasks on Fargate Spot) | ondemand (none)
 *   tag       key=value
 *   sort      a column key (default cost)
 *   dir       asc | desc
 *   page      1-based page of 50
 */
export const SERVICES = defineResourceKind({
  noun: "service",
  nounPlural: "services",
  label: "Fargate service",
  basePath: "/services",
  tableLabel: "Fargate services",
  listTitle: "Services",
  listDescription:
    "Every ECS service on Fargate with its billed cost and average utilisation over the last 30 days (UTC).",
  noneTitle: "No Fargate services",
  noneText: "The accounts in this database have no ECS services on Fargate.",
  columns: [
    { key: "name", label: "Service" },
    { key: "cluster", label: "Cluster", isWide: true },
    { key: "account", label: "Account", isWide: true },
    { key: "region", label: "Region", isWide: true },
    { key: "cost", label: "Cost", isNumeric: true, title: "Sort by billed cost (30 days)" },
    { key: "size", label: "Task size", isNumeric: true },
    { key: "tasks", label: "Tasks", isNumeric: true, title: "Sort by running tasks" },
    { key: "spot", label: "Spot", isNumeric: true, title: "Sort by share of capacity on Fargate Spot" },
    { key: "cpu", label: "CPU", isNumeric: true, title: "Sort by average CPU utilisation (30 days)" },
    { key: "mem", label: "Memory", isNumeric: true, title: "Sort by average memory utilisation (30 days)" },
  ],
  defaultSort: "cost",
  filters: {
    cluster: optionalParam(z.string().max(255)),
    capacity: optionalParam(z.enum(CAPACITY_FILTERS)),
  },
  filterOrder: ["q", "account", "region", "cluster", "arch", "capacity", "tag"],
  pageSize: 50,
});

export type ServiceSortKey = (typeof SERVICES.sortKeys)[number];
export type ServicesSearchParams = ResourceSearchParams<typeof SERVICES>;
export type ServiceListQuery = ResourceListQueryOf<typeof SERVICES>;

export type ServiceListRow = ResourceListRowBase & {
  clusterName: string;
  /** Task size: 1 vCPU = 1024 CPU units. */
  vcpu: number;
  os: string;
  desiredCount: number;
  runningCount: number;
  /** Share of the capacity-provider weight on Fargate Spot (0..1). */
  spotShare: number;
  cpuUtilizationAvgPercent: number | null;
  memoryUtilizationAvgPercent: number | null;
};
export type ServiceList = ResourceList<ServiceListRow>;
