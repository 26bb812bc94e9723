"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { memo, useState } from "react";
import { Pagination } from "@/components/fleet/pagination";
import { Button, buttonClassName } from "@/components/ui/button";
import { FieldMessage, Input, Checkbox } from "@/components/ui/field";
import { formatInteger } from "@/lib/format";
import { ApiError } from "@/lib/queries/fetch-json";
import { listScenariosQueryOptions } from "@/lib/queries/scenario-queries";
import { isPastEnd } from "@/lib/schemas/paging";
import {
  SCENARIO_LIST_PAGE_PARAM,
  SCENARIO_LIST_PAGE_SIZE,
  scenarioNameSchema,
  toScenarioSearchParams,
  type Scenario,
  type ScenarioListItem,
} from "@/lib/schemas/scenario";
import { useScenarioMutations } from "./use-scenario-mutations";
import { describeWorkload } from "./workload-summary";
import { cardClassName } from "@/components/ui/card";

// UTC and a fixed locale so the server and the browser render the same text (no hydration mismatch).
const dateFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export function toScenarioHref(scenario: Pick<Scenario, "id" | "input">): string {
  return `/scenarios?${toScenarioSearchParams(scenario.input, scenario.id).toString()}`;
}

/** /scenarios with `params` and the saved list's page (left out on page 1, like the fleet lists). */
function toListPageHref(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  if (page > 1) next.set(SCENARIO_LIST_PAGE_PARAM, String(page));
  else next.delete(SCENARIO_LIST_PAGE_PARAM);
  return `/scenarios?${next.toString()}`;
}

function toMessage(error: unknown): string {
  if (error instanceof ApiError) return error.fieldErrors?.name ?? error.message;
  return error instanceof Error ? error.message : "Something went wrong";
}

function RenameForm({ scenario, onDone }: { scenario: ScenarioListItem; onDone: () => void }) {
  const { update } = useScenarioMutations();
  const [name, setName] = useState(scenario.name);
  const [error, setError] = useState<string | null>(null);
  const inputId = `rename-${scenario.id}`;
  return (
    <form
      className="mt-1 flex flex-wrap items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = scenarioNameSchema.safeParse(name);
        if (!parsed.success) {
          setError(parsed.error.issues[0]?.message ?? "Invalid name");
          return;
        }
        update.mutate(
          { scenarioId: scenario.id, body: { name: parsed.data } },
          { onSuccess: onDone, onError: (e) => setError(toMessage(e)) },
        );
      }}
    >
      <div className="min-w-0 flex-1 basis-48">
        <label htmlFor={inputId} className="sr-only">
          New name for {scenario.name}
        </label>
        <Input
          id={inputId}
          value={name}
          autoFocus
          maxLength={120}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-message` : undefined}
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") onDone();
          }}
          className="w-full"
        />
        <FieldMessage id={`${inputId}-message`} error={error} />
      </div>
      <Button type="submit" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Rename"}
      </Button>
      <Button variant="secondary" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}

function ScenarioRow({
  scenario,
  openHref,
  isOpen,
  isSelected,
  onToggleSelected,
  onDeleted,
  canDelete,
}: {
  scenario: ScenarioListItem;
  openHref: string;
  isOpen: boolean;
  isSelected: boolean;
  onToggleSelected: () => void;
  onDeleted: (scenarioId: string) => void;
  /** DELETE /api/scenarios/{id} is the admin's: a viewer is not shown "Delete". */
  canDelete: boolean;
}) {
  const { duplicate, remove } = useScenarioMutations();
  const [isRenaming, setIsRenaming] = useState(false);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  const error = duplicate.error ?? remove.error;
  return (
    <li data-testid="saved-scenario" className="flex gap-3 py-3">
      <Checkbox
        checked={isSelected}
        onChange={onToggleSelected}
        aria-label={`Select ${scenario.name} to compare`}
        className="mt-1"
      />
      <div className="min-w-0 flex-1">
        {isRenaming ? (
          <RenameForm scenario={scenario} onDone={() => setIsRenaming(false)} />
        ) : (
          <p className="flex flex-wrap items-baseline gap-x-2">
            <Link
              href={openHref}
              className="break-words font-medium text-gray-900 hover:underline dark:text-gray-100"
              aria-label={`Open ${scenario.name}`}
            >
              {scenario.name}
            </Link>
            {isOpen ? <span className="text-xs text-green-700 dark:text-green-400">open</span> : null}
          </p>
        )}
        <p className="mt-0.5 break-words text-xs text-gray-600 dark:text-gray-400">
          {describeWorkload(scenario.summaryInput)}
        </p>
        <p className="text-xs text-gray-500 dark:text-gray-500">
          Updated {dateFormat.format(new Date(scenario.updatedAt))} UTC
        </p>
        {scenario.inputWarnings.length ? (
          <p className="text-xs text-amber-700 dark:text-amber-400">{scenario.inputWarnings.join(" ")}</p>
        ) : null}
        {!isRenaming ? (
          <div className="-ml-2 mt-1 flex flex-wrap gap-1">
            <Link href={openHref} className={buttonClassName("link", "xs")}>
              Open
            </Link>
            <Button variant="link" size="xs" onClick={() => setIsRenaming(true)}>
              Rename
            </Button>
            <Button
              variant="link"
              size="xs"
              disabled={duplicate.isPending}
              onClick={() => duplicate.mutate(scenario.id)}
            >
              {duplicate.isPending ? "Duplicating…" : "Duplicate"}
            </Button>
            {!canDelete ? null : isConfirmingDelete ? (
              <span className="inline-flex flex-wrap items-center gap-1 text-xs">
                <span className="text-gray-700 dark:text-gray-300">Delete “{scenario.name}”?</span>
                <Button
                  variant="danger"
                  size="xs"
                  disabled={remove.isPending}
                  onClick={() =>
                    remove.mutate(scenario.id, {
                      onSuccess: () => onDeleted(scenario.id),
                    })
                  }
                >
                  {remove.isPending ? "Deleting…" : "Yes, delete"}
                </Button>
                <Button variant="link" size="xs" onClick={() => setIsConfirmingDelete(false)}>
                  Keep
                </Button>
              </span>
            ) : (
              <Button variant="linkDanger" size="xs" onClick={() => setIsConfirmingDelete(true)}>
                Delete
              </Button>
            )}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
            {toMessage(error)}
          </p>
        ) : null}
      </div>
    </li>
  );
}

function SavedScenariosPanelView({
  openScenarioId,
  onDeleted,
  page: requestedPage,
  urlQuery,
  canDelete,
}: {
  openScenarioId: string | null;
  onDeleted: (scenarioId: string) => void;
  /** The list's page from the URL (`page`); the server renders it, links move between pages. */
  page: number;
  /**
   * The page's query string as the URL shows it (workload inputs, open scenario): page links change
   * only `page`, so paging the list keeps the form's inputs.
   */
  urlQuery: string;
  /** The role may delete saved scenarios (decided on the server from the proxy's rule). */
  canDelete: boolean;
}) {
  const query = useQuery(
    listScenariosQueryOptions({ page: requestedPage, pageSize: SCENARIO_LIST_PAGE_SIZE }),
  );
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const scenarios = query.data?.items ?? [];
  const selected = selectedIds.filter((id) => scenarios.some((s) => s.id === id));
  // Opening a scenario keeps the list on the page it was opened from.
  const toOpenHref = (scenario: ScenarioListItem) =>
    toListPageHref(new URLSearchParams(scenario.openSearchParams), query.data?.page ?? 1);

  const toggle = (scenarioId: string) =>
    setSelectedIds((ids) =>
      ids.includes(scenarioId) ? ids.filter((id) => id !== scenarioId) : [...ids, scenarioId].slice(-2),
    );

  return (
    <section aria-labelledby="saved-scenarios-title" className={cardClassName("p-4")}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="saved-scenarios-title" className="text-sm font-semibold">
          Saved scenarios{query.data ? ` (${formatInteger(query.data.totalCount)})` : ""}
        </h2>
        {scenarios.length >= 2 ? (
          selected.length === 2 ? (
            <Link
              href={`/scenarios/compare?a=${encodeURIComponent(selected[0]!)}&b=${encodeURIComponent(selected[1]!)}`}
              className={buttonClassName()}
            >
              Compare the two selected
            </Link>
          ) : (
            <p className="text-xs text-gray-600 dark:text-gray-400">Tick two to compare them side by side.</p>
          )
        ) : null}
      </div>

      {query.isError ? (
        <div
          role="alert"
          className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40"
        >
          <p className="font-medium text-red-800 dark:text-red-300">
            {query.data
              ? "Could not refresh saved scenarios; showing the last list."
              : "Could not load saved scenarios."}
          </p>
          <p className="mt-0.5 text-xs text-red-700 dark:text-red-400">{toMessage(query.error)}</p>
          <Button
            variant="secondary"
            className="mt-2"
            disabled={query.isFetching}
            onClick={() => void query.refetch()}
          >
            {query.isFetching ? "Retrying…" : "Retry"}
          </Button>
        </div>
      ) : null}
      {query.isPending ? (
        <ul aria-label="Loading saved scenarios" className="mt-3 space-y-3">
          {[0, 1, 2].map((i) => (
            <li key={i} className="h-10 animate-pulse rounded bg-gray-100 dark:bg-gray-800" />
          ))}
        </ul>
      ) : !query.data ? null : query.data.totalCount === 0 ? (
        <div className="mt-3 rounded-md border border-dashed border-gray-300 p-4 text-sm text-gray-600 dark:border-gray-700 dark:text-gray-400">
          <p className="font-medium text-gray-800 dark:text-gray-200">No saved scenarios yet.</p>
          <p className="mt-1">
            Saving keeps every input above under a name. You can reopen it later, share its link, rename or
            duplicate it to try a variant, and compare two scenarios side by side. Nothing is sent to AWS.
          </p>
        </div>
      ) : (
        <>
          <ul className="mt-1 divide-y divide-gray-100 dark:divide-gray-800">
            {scenarios.map((scenario) => (
              <ScenarioRow
                key={scenario.id}
                scenario={scenario}
                openHref={toOpenHref(scenario)}
                isOpen={scenario.id === openScenarioId}
                isSelected={selected.includes(scenario.id)}
                onToggleSelected={() => toggle(scenario.id)}
                onDeleted={onDeleted}
                canDelete={canDelete}
              />
            ))}
          </ul>
          {canDelete ? null : (
            <p className="mt-2 text-xs text-gray-600 dark:text-gray-400" data-testid="scenario-delete-note">
              Deleting a saved scenario needs the admin role.
            </p>
          )}
          {query.data.pageCount > 1 || isPastEnd(query.data) ? (
            <Pagination
              page={query.data.page}
              pageCount={query.data.pageCount}
              pageSize={query.data.pageSize}
              totalCount={query.data.totalCount}
              requestedPage={query.data.requestedPage}
              hrefForPage={(page) => toListPageHref(new URLSearchParams(urlQuery), page)}
              noun="saved scenarios"
            />
          ) : null}
        </>
      )}
    </section>
  );
}

/** Memoised: the page re-renders on every keystroke, this only when its data changes (useDeferredValue). */
export const SavedScenariosPanel = memo(SavedScenariosPanelView);
