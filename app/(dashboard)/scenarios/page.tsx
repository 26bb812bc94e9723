import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getRequestRole } from "@/lib/auth/guard";
import { canRequest } from "@/lib/auth/policy";
import { getDb } from "@/lib/db/client";
import { listAccountRateChoices } from "@/lib/db/queries/effective-rates";
import { getScenario } from "@/lib/db/queries/scenarios";
import { getServerEnv } from "@/lib/env";
import { getQueryClient } from "@/lib/queries/query-client";
import { getScenarioQueryOptions } from "@/lib/queries/scenario-queries";
import { SCENARIO_LIST_PAGE_SIZE, toScenarioSearchParams } from "@/lib/schemas/scenario";
import { prefetchSavedScenarioList } from "./saved-list-data";
import { ScenarioView } from "./scenario-view";
import { parseScenarioPageSearchParams, type SearchParamsRecord } from "./search-params";
import { API_PATHS } from "@/lib/api-paths";

export const metadata: Metadata = { title: "What-if" };

export default async function ScenariosPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const params = await searchParams;
  const state = parseScenarioPageSearchParams(params, {
    defaultRegion: getServerEnv().BREAKEVEN_DEFAULT_REGION,
  });
  const queryClient = getQueryClient();

  let isScenarioMissing = false;
  if (state.scenarioId) {
    // The DAL directly, under the same keys the browser uses, so the client cache starts warm.
    const scenario = await getScenario(state.scenarioId).catch(() => undefined);
    if (scenario === null) isScenarioMissing = true;
    if (scenario) {
      // A bare ?id= link: spell out the inputs so the URL alone reproduces the scenario.
      if (!state.hasWorkloadParams)
        redirect(`/scenarios?${toScenarioSearchParams(scenario.input, scenario.id)}`);
      queryClient.setQueryData(getScenarioQueryOptions(scenario.id).queryKey, scenario);
    }
  }
  const [accountRates, , role] = await Promise.all([
    // Accounts whose bill shows rates other than list: the "Prices" choice (cached per data version).
    listAccountRateChoices(getDb()),
    prefetchSavedScenarioList(queryClient, { page: state.listPage, pageSize: SCENARIO_LIST_PAGE_SIZE }),
    getRequestRole(),
  ]);
  // Deleting a saved scenario is the admin's (the proxy's rule); a viewer saves, renames, duplicates.
  const canDeleteScenarios = canRequest(role, "DELETE", API_PATHS.scenario("any"));

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <ScenarioView
        // A new URL from navigation (opening a saved scenario, back/forward) starts a fresh form;
        // paging the saved list (only `page` changes) keeps the form as it is.
        key={toScenarioSearchParams(state.input, state.scenarioId).toString()}
        initialInput={state.input}
        initialScenarioId={isScenarioMissing ? null : state.scenarioId}
        missingScenarioId={isScenarioMissing ? state.scenarioId : null}
        urlIssues={state.issues}
        savedListPage={state.listPage}
        accountRates={accountRates}
        canDeleteScenarios={canDeleteScenarios}
      />
    </HydrationBoundary>
  );
}
