import type { ComponentType, ReactNode } from "react";
import { Suspense } from "react";
import { FunctionsTable } from "@/components/fleet/functions-table";
import { ListFilters, type FilterField } from "@/components/fleet/list-filters";
import { PageHeader } from "@/components/fleet/page-header";
import type { ResourceTableProps } from "@/components/fleet/resource-table";
import { Pagination } from "@/components/fleet/pagination";
import { ServicesTable } from "@/components/fleet/services-table";
import { TableSkeleton } from "@/components/fleet/skeletons";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { getDb } from "@/lib/db/client";
import { memoizeByDataVersion } from "@/lib/db/data-version";
import type { FleetStatus } from "@/lib/db/queries/fleet-status";
import { getFunctionFilterOptions } from "@/lib/db/queries/functions";
import type { ResourceFilterOptions } from "@/lib/db/queries/resource-list";
import { getServiceFilterOptions } from "@/lib/db/queries/services";
import { formatInteger, formatUsd } from "@/lib/format";
import {
  FUNCTIONS,
  IMAGE_RUNTIME,
  SERVICES,
  type ResourceKindInfo,
  type ResourceList,
  type SortDirection,
} from "@/lib/schemas/resource-kinds";
import { DemoNotice, EmptyFleetNotice, ImportHealthNotice } from "./fleet-notices";
import {
  getFleetStatusForRequest,
  listFunctionsByDataVersion,
  listServicesByDataVersion,
} from "./fleet-data";

/**
 * The resource list pages (/functions, /services): one page for every kind, from its description
 * (lib/schemas/resource-kinds.ts) and the few things only a kind knows: how many the fleet holds,
 * its filter fields, how its list is read and its table.
 */

/**
 * The filter choices (accounts, regions, runtimes, …) of a kind, shared between requests per data
 * version like the list itself: they only change when data is imported, and reading the distinct
 * values of 10,000 functions on every list request cost about 2.5 ms of server CPU each time.
 */
function readFilterOptionsByDataVersion<T>(name: string, read: (db: ReturnType<typeof getDb>) => Promise<T>) {
  const db = getDb();
  return memoizeByDataVersion(db, name, null, () => read(db));
}

type RawSearchParams = Record<string, string | string[] | undefined>;

type ListState<Sort extends string> = { sort: Sort; dir?: SortDirection; page: number };

type ListPage<State extends ListState<Sort>, Sort extends string, Row> = {
  kind: ResourceKindInfo<Sort> & {
    parseSearchParams: (raw: RawSearchParams) => State;
    toListHref: (state: State, overrides?: Partial<State>) => string;
    toSortHrefs: (state: State) => Record<Sort, string>;
    toDefaultDirection: (sort: Sort) => SortDirection;
  };
  count: (status: FleetStatus) => number;
  readFilterFields: () => Promise<FilterField[]>;
  /** The one read of a list page. */
  readList: (state: State) => Promise<ResourceList<Row>>;
  Table: ComponentType<ResourceTableProps<Sort, Row>>;
};

/** A list page with its types closed over: what the shared page calls is the same for every kind. */
function defineListPage<State extends ListState<Sort>, Sort extends string, Row>(
  page: ListPage<State, Sort, Row>,
) {
  return {
    kind: page.kind as ResourceKindInfo,
    count: page.count,
    readFilterFields: page.readFilterFields,
    renderResults(raw: RawSearchParams): ReactNode {
      const state = page.kind.parseSearchParams(raw);
      return (
        <Suspense key={page.kind.toListHref(state)} fallback={<TableSkeleton rows={12} />}>
          <ResourceResults page={page} state={state} />
        </Suspense>
      );
    },
  };
}

function toSharedFilterFields(
  search: { label: string; placeholder: string },
  options: Omit<ResourceFilterOptions<never>, "distinct">,
): { search: FilterField; account: FilterField; region: FilterField; tag: FilterField } {
  return {
    search: { kind: "text", name: "q", ...search },
    account: {
      kind: "select",
      name: "account",
      label: "Account",
      allLabel: "All accounts",
      options: options.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` })),
    },
    region: {
      kind: "select",
      name: "region",
      label: "Region",
      allLabel: "All regions",
      options: options.regions.map((r) => ({ value: r, label: r })),
    },
    tag: {
      kind: "text",
      name: "tag",
      label: "Tag",
      placeholder: "key=value",
      pattern: "[^=]+=.*",
      title: "A tag as key=value, e.g. team=payments",
    },
  };
}

const LIST_PAGES = {
  functions: defineListPage({
    kind: FUNCTIONS,
    count: (status) => status.functionCount,
    readFilterFields: async () => {
      const options = await readFilterOptionsByDataVersion(
        "function-filter-options",
        getFunctionFilterOptions,
      );
      const shared = toSharedFilterFields({ label: "Name contains", placeholder: "e.g. checkout" }, options);
      return [
        shared.search,
        shared.account,
        shared.region,
        {
          kind: "select",
          name: "runtime",
          label: "Runtime",
          allLabel: "All runtimes",
          options: [
            ...options.runtimes.map((r) => ({ value: r, label: r })),
            ...(options.hasImageFunctions ? [{ value: IMAGE_RUNTIME, label: "container image" }] : []),
          ],
        },
        {
          kind: "select",
          name: "arch",
          label: "Architecture",
          allLabel: "All architectures",
          options: options.architectures.map((a) => ({ value: a, label: a })),
        },
        shared.tag,
      ];
    },
    readList: (state) => listFunctionsByDataVersion(FUNCTIONS.toListQuery(state)),
    Table: FunctionsTable,
  }),
  services: defineListPage({
    kind: SERVICES,
    count: (status) => status.serviceCount,
    readFilterFields: async () => {
      const options = await readFilterOptionsByDataVersion("service-filter-options", getServiceFilterOptions);
      const shared = toSharedFilterFields({ label: "Name or cluster", placeholder: "e.g. api" }, options);
      return [
        shared.search,
        shared.account,
        shared.region,
        {
          kind: "select",
          name: "cluster",
          label: "Cluster",
          allLabel: "All clusters",
          options: options.clusters.map((c) => ({ value: c, label: c })),
        },
        {
          kind: "select",
          name: "capacity",
          label: "Capacity",
          allLabel: "Any capacity",
          options: [
            { value: "spot", label: "Uses Fargate Spot" },
            { value: "ondemand", label: "On-demand only" },
          ],
        },
        shared.tag,
      ];
    },
    readList: (state) => listServicesByDataVersion(SERVICES.toListQuery(state)),
    Table: ServicesTable,
  }),
};

export type ResourceListKind = keyof typeof LIST_PAGES;

async function ResourceFilters({ kind }: { kind: ResourceListKind }) {
  const page = LIST_PAGES[kind];
  const fields = await page.readFilterFields();
  return <ListFilters fields={fields} resultLabel={page.kind.nounPlural} />;
}

async function ResourceResults<State extends ListState<Sort>, Sort extends string, Row>({
  page,
  state,
}: {
  page: ListPage<State, Sort, Row>;
  state: State;
}) {
  const { kind, Table } = page;
  const list = await page.readList(state);
  return (
    <section aria-label={`${kind.listTitle} list`}>
      <p className="mb-2 text-sm text-gray-600 dark:text-gray-400" data-testid={`${kind.nounPlural}-summary`}>
        <span className="tabular font-medium text-gray-900 dark:text-gray-100">
          {formatInteger(list.totalCount)}
        </span>{" "}
        {list.totalCount === 1 ? kind.noun : kind.nounPlural} ·{" "}
        <span className="tabular font-medium text-gray-900 dark:text-gray-100">
          {formatUsd(list.totalCostUsd)}
        </span>{" "}
        billed over 30 days
      </p>
      <Table
        rows={list.rows}
        sort={state.sort}
        direction={state.dir ?? kind.toDefaultDirection(state.sort)}
        sortHrefs={kind.toSortHrefs(state)}
        clearFiltersHref={kind.basePath}
      />
      {list.totalCount > 0 ? (
        <Pagination
          page={list.page}
          pageCount={list.pageCount}
          pageSize={list.pageSize}
          totalCount={list.totalCount}
          requestedPage={list.requestedPage}
          hrefForPage={(p) => kind.toListHref(state, { page: p } as Partial<State>)}
          noun={kind.nounPlural}
        />
      ) : null}
    </section>
  );
}

/** The body of a list page: header, notices, then the filters and the results (or why there are none). */
export async function ResourceListPage({
  kind,
  searchParams,
}: {
  kind: ResourceListKind;
  searchParams: Promise<RawSearchParams>;
}) {
  const page = LIST_PAGES[kind];
  const raw = await searchParams;
  const status = await getFleetStatusForRequest();
  return (
    <>
      <PageHeader title={page.kind.listTitle} description={page.kind.listDescription} />
      <DemoNotice />
      <ImportHealthNotice />
      {status.isEmpty ? (
        <EmptyFleetNotice />
      ) : page.count(status) === 0 ? (
        <EmptyState title={page.kind.noneTitle}>
          <p>{page.kind.noneText}</p>
        </EmptyState>
      ) : (
        <>
          <Suspense fallback={<Skeleton className="mb-4 h-14 w-full" />}>
            <ResourceFilters kind={kind} />
          </Suspense>
          {page.renderResults(raw)}
        </>
      )}
    </>
  );
}

/** The loading state of a list page. */
export function ResourceListLoading({ kind }: { kind: ResourceListKind }) {
  return (
    <div aria-busy="true" aria-label={`Loading ${LIST_PAGES[kind].kind.nounPlural}`}>
      <Skeleton className="mb-6 h-8 w-48" />
      <Skeleton className="mb-4 h-14 w-full" />
      <TableSkeleton rows={12} />
    </div>
  );
}
