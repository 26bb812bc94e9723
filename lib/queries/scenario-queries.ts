import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import {
  scenarioListSchema,
  scenarioSchema,
  type CreateScenarioBody,
  type Scenario,
  type UpdateScenarioBody,
} from "@/lib/schemas/scenario";
import { fetchJson } from "./fetch-json";

/** Query keys and fetchers for saved what-if scenarios (app/api/scenarios). */

export const scenarioKeys = {
  all: ["scenarios"] as const,
  list: () => [...scenarioKeys.all, "list"] as const,
  detail: (scenarioId: string) => [...scenarioKeys.all, "detail", { scenarioId }] as const,
};

export function listScenariosQueryOptions() {
  return queryOptions({
    queryKey: scenarioKeys.list(),
    queryFn: async ({ signal }) =>
      (await fetchJson("/api/scenarios", scenarioListSchema, { signal })).scenarios,
  });
}

export function getScenarioQueryOptions(scenarioId: string) {
  return queryOptions({
    queryKey: scenarioKeys.detail(scenarioId),
    queryFn: ({ signal }) =>
      fetchJson(`/api/scenarios/${encodeURIComponent(scenarioId)}`, scenarioSchema, { signal }),
  });
}

export function createScenarioRequest(body: CreateScenarioBody): Promise<Scenario> {
  return fetchJson("/api/scenarios", scenarioSchema, { method: "POST", body: JSON.stringify(body) });
}

export function updateScenarioRequest(scenarioId: string, body: UpdateScenarioBody): Promise<Scenario> {
  return fetchJson(`/api/scenarios/${encodeURIComponent(scenarioId)}`, scenarioSchema, {
    method: "PATCH",
    body: JSON.stringify(body),
  });
}

export function duplicateScenarioRequest(scenarioId: string): Promise<Scenario> {
  return fetchJson(`/api/scenarios/${encodeURIComponent(scenarioId)}/duplicate`, scenarioSchema, {
    method: "POST",
    body: "{}",
  });
}

export async function deleteScenarioRequest(scenarioId: string): Promise<void> {
  await fetchJson(`/api/scenarios/${encodeURIComponent(scenarioId)}`, z.null(), {
    method: "DELETE",
  });
}
