import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { Metadata } from "next";
import { getScenario } from "@/lib/db/queries/scenarios";
import { getQueryClient } from "@/lib/queries/query-client";
import { getScenarioQueryOptions } from "@/lib/queries/scenario-queries";
import { prefetchSavedScenarioList } from "../saved-list-data";
import { CompareView } from "./compare-view";
import { COMPARE_PICKER_QUERY, parseCompareSearchParams } from "./search-params";

export const metadata: Metadata = { title: "Compare scenarios" };

export default async function CompareScenariosPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { a, b } = parseCompareSearchParams(await searchParams);
  const queryClient = getQueryClient();
  // Prefetch through the DAL under the browser's query keys; failures are left to the browser to retry.
  await Promise.all([
    prefetchSavedScenarioList(queryClient, COMPARE_PICKER_QUERY),
    ...[a, b].map(async (scenarioId) => {
      if (!scenarioId) return;
      const scenario = await getScenario(scenarioId).catch(() => undefined);
      if (scenario) queryClient.setQueryData(getScenarioQueryOptions(scenarioId).queryKey, scenario);
    }),
  ]);
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CompareView key={`${a ?? ""}|${b ?? ""}`} scenarioIdA={a ?? null} scenarioIdB={b ?? null} />
    </HydrationBoundary>
  );
}
