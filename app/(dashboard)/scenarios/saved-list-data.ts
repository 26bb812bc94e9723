import type { QueryClient } from "@tanstack/react-query";
import type { Db } from "@/lib/db/client";
import { listScenarios } from "@/lib/db/queries/scenarios";
import { listScenariosQueryOptions } from "@/lib/queries/scenario-queries";
import { toScenarioListView, type ScenarioListQuery } from "@/lib/schemas/scenario";

/**
 * Prefetches one page of saved scenarios through the DAL, under the key the browser's list query
 * uses, as list items (no full inputs): this is all of the list that /scenarios and the compare
 * page serialize into the browser. The database is a parameter so tests can measure it.
 */
export async function prefetchSavedScenarioList(
  queryClient: QueryClient,
  query: ScenarioListQuery,
  db?: Db,
): Promise<void> {
  // A failed prefetch is not dehydrated; the browser retries and shows a retryable error if it fails too.
  await queryClient.prefetchQuery({
    ...listScenariosQueryOptions(query),
    queryFn: async () => toScenarioListView(await listScenarios(query, db)),
  });
}
