import { FunctionsTable } from "@/components/fleet/functions-table";
import { ListFilters, type FilterField } from "@/components/fleet/list-filters";
import { Pagination } from "@/components/fleet/pagination";
import { getFunctionFilterOptions, IMAGE_RUNTIME, listFunctions } from "@/lib/db/queries/functions";
import { formatInteger, formatUsd } from "@/lib/format";
import {
  toDefaultDirection,
  toFunctionListQuery,
  toFunctionsHref,
  toSortHrefs,
  type FunctionsSearchParams,
} from "./search-params";

export async function FunctionsFilters() {
  const options = await getFunctionFilterOptions();
  const fields: FilterField[] = [
    { kind: "text", name: "q", label: "Name contains", placeholder: "e.g. checkout" },
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
    {
      kind: "text",
      name: "tag",
      label: "Tag",
      placeholder: "key=value",
      pattern: "[^=]+=.*",
      title: "A tag as key=value, e.g. team=payments",
    },
  ];
  return <ListFilters fields={fields} resultLabel="functions" />;
}

export async function FunctionsResults({ state }: { state: FunctionsSearchParams }) {
  const list = await listFunctions(toFunctionListQuery(state));
  const direction = state.dir ?? toDefaultDirection(state.sort);
  return (
    <section aria-label="Functions list">
      <p className="mb-2 text-sm text-gray-600 dark:text-gray-400" data-testid="functions-summary">
        <span className="tabular font-medium text-gray-900 dark:text-gray-100">
          {formatInteger(list.totalCount)}
        </span>{" "}
        {list.totalCount === 1 ? "function" : "functions"} ·{" "}
        <span className="tabular font-medium text-gray-900 dark:text-gray-100">
          {formatUsd(list.totalCostUsd)}
        </span>{" "}
        billed over 30 days
      </p>
      <FunctionsTable
        rows={list.rows}
        sort={state.sort}
        direction={direction}
        sortHrefs={toSortHrefs(state)}
        clearFiltersHref="/functions"
      />
      {list.totalCount > 0 ? (
        <Pagination
          page={list.page}
          pageCount={list.pageCount}
          pageSize={list.pageSize}
          totalCount={list.totalCount}
          requestedPage={list.requestedPage}
          hrefForPage={(page) => toFunctionsHref(state, { page })}
          noun="functions"
        />
      ) : null}
    </section>
  );
}
