import { ListFilters, type FilterField } from "@/components/fleet/list-filters";
import { Pagination } from "@/components/fleet/pagination";
import { ServicesTable } from "@/components/fleet/services-table";
import { getServiceFilterOptions, listServices } from "@/lib/db/queries/services";
import { formatInteger, formatUsd } from "@/lib/format";
import {
  toDefaultDirection,
  toServiceListQuery,
  toServicesHref,
  toSortHrefs,
  type ServicesSearchParams,
} from "./search-params";

export async function ServicesFilters() {
  const options = await getServiceFilterOptions();
  const fields: FilterField[] = [
    { kind: "text", name: "q", label: "Name or cluster", placeholder: "e.g. api" },
    {
      kind: "select",
      name: "account",
      label: "Account",
      allLabel: "All accounts",
      options: options.accounts.map((a) => ({ value: a.id, label: `${a.name} (${a.id})` })),
    },
    {
      kind: "select",
      name: "region",
      label: "Region",
      allLabel: "All regions",
      options: options.regions.map((r) => ({ value: r, label: r })),
    },
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
    {
      kind: "text",
      name: "tag",
      label: "Tag",
      placeholder: "key=value",
      pattern: "[^=]+=.*",
      title: "A tag as key=value, e.g. team=payments",
    },
  ];
  return <ListFilters fields={fields} resultLabel="services" />;
}

export async function ServicesResults({ state }: { state: ServicesSearchParams }) {
  const list = await listServices(toServiceListQuery(state));
  const direction = state.dir ?? toDefaultDirection(state.sort);
  return (
    <section aria-label="Services list">
      <p className="mb-2 text-sm text-gray-600 dark:text-gray-400" data-testid="services-summary">
        <span className="tabular font-medium text-gray-900 dark:text-gray-100">
          {formatInteger(list.totalCount)}
        </span>{" "}
        {list.totalCount === 1 ? "service" : "services"} ·{" "}
        <span className="tabular font-medium text-gray-900 dark:text-gray-100">
          {formatUsd(list.totalCostUsd)}
        </span>{" "}
        billed over 30 days
      </p>
      <ServicesTable
        rows={list.rows}
        sort={state.sort}
        direction={direction}
        sortHrefs={toSortHrefs(state)}
        clearFiltersHref="/services"
      />
      {list.totalCount > 0 ? (
        <Pagination
          page={list.page}
          pageCount={list.pageCount}
          pageSize={list.pageSize}
          totalCount={list.totalCount}
          requestedPage={list.requestedPage}
          hrefForPage={(page) => toServicesHref(state, { page })}
          noun="services"
        />
      ) : null}
    </section>
  );
}
