import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import {
  SCENARIO_LIST_PAGE_SIZE,
  scenarioListSchema,
  scenarioSchema,
  toScenarioListView,
  type CreateScenarioBody,
  type Scenario,
  type ScenarioListQuery,
  type UpdateScenarioBody,
} from "@/lib/schemas/scenario";
import { fetchJson } from "./fetch-json";
import { API_PATHS } from "@/lib/api-paths";

/** Query keys and fetchers for saved what-if scenarios (app/api/scenarios). */

export const scenarioKeys = {
  all: ["scenarios"] as const,
  /** Every page of the list (what a write invalidates). */
  list: () => [...scenarioKeys.all, "list"] as const,
  listPage: (query: ScenarioListQuery) => [...scenarioKeys.list(), query] as const,
  detail: (scenarioId: string) => [...scenarioKeys.all, "detail", { scenarioId }] as const,
};

/** The URL of one page; the first page at the default size is plain /api/scenarios. */
export function toScenarioListUrl(query: ScenarioListQuery): string {
  const params = new URLSearchParams();
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.pageSize !== SCENARIO_LIST_PAGE_SIZE) params.set("pageSize", String(query.pageSize));
  const search = params.toString();
  return search ? `${API_PATHS.scenarios}?${search}` : API_PATHS.scenarios;
}

/**
 * One page of the saved list, kept as list items (name, summary, link), not full scenarios: the
 * server prefetches the same shape under the same key, and that is what the page serializes.
 */
export function listScenariosQueryOptions(query: ScenarioListQuery) {
  return queryOptions({
    queryKey: scenarioKeys.listPage(query),
    queryFn: async ({ signal }) =>
      toScenarioListView(await fetchJson(toScenarioListUrl(query), scenarioListSchema, { signal })),
  });
}

export function getScenarioQueryOptions(scenarioId: string) {
  return queryOptions({
    queryKey: scenarioKeys.detail(scenarioId),
    queryFn: ({ signal }) => fetchJson(API_PATHS.scenario(scenarioId), scenarioSchema, { signal }),
  });
}

export function createScenarioRequest(body: CreateScenarioBody): Promise<Scenario> {
  return fetchJson(API_PATHS.scenarios, scenarioSchema, { method: "POST", body: JSON.stringify(body) });
}

export function updateScenarioRequest(scenarioId: string, body: UpdateScenarioBody): Promise<Scenario> {
  return fetchJson(API_PATHS.scenario(scenarioId), scenarioSchema, {
    method: "PATCH",
    body: JSON.stringify(body),
  });
}

export function duplicateScenarioRequest(scenarioId: string): Promise<Scenario> {
  return fetchJson(API_PATHS.scenarioDuplicate(scenarioId), scenarioSchema, {
    method: "POST",
    body: "{}",
  });
}

export async function deleteScenarioRequest(scenarioId: string): Promise<void> {
  await fetchJson(API_PATHS.scenario(scenarioId), z.null(), {
    method: "DELETE",
  });
}
