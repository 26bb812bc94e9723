"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  createScenarioRequest,
  deleteScenarioRequest,
  duplicateScenarioRequest,
  scenarioKeys,
  updateScenarioRequest,
} from "@/lib/queries/scenario-queries";
import type { CreateScenarioBody, Scenario, UpdateScenarioBody } from "@/lib/schemas/scenario";

/** Scenario writes; each one refreshes the list (and the detail it touched). */
export function useScenarioMutations() {
  const queryClient = useQueryClient();
  const remember = (scenario: Scenario) => {
    queryClient.setQueryData(scenarioKeys.detail(scenario.id), scenario);
    return queryClient.invalidateQueries({ queryKey: scenarioKeys.list() });
  };
  const create = useMutation({
    mutationFn: (body: CreateScenarioBody) => createScenarioRequest(body),
    onSuccess: remember,
  });
  const update = useMutation({
    mutationFn: ({ scenarioId, body }: { scenarioId: string; body: UpdateScenarioBody }) =>
      updateScenarioRequest(scenarioId, body),
    onSuccess: remember,
  });
  const duplicate = useMutation({
    mutationFn: (scenarioId: string) => duplicateScenarioRequest(scenarioId),
    onSuccess: remember,
  });
  const remove = useMutation({
    mutationFn: (scenarioId: string) => deleteScenarioRequest(scenarioId),
    onSuccess: (_data, scenarioId) => {
      queryClient.removeQueries({ queryKey: scenarioKeys.detail(scenarioId) });
      return queryClient.invalidateQueries({ queryKey: scenarioKeys.list() });
    },
  });
  return { create, update, duplicate, remove };
}
