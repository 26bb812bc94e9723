import "server-only";
import { getDb } from "@/lib/db/client";
import { getRecommendationEvents, listRecommendations } from "@/lib/db/queries/recommendation-list";
import {
  toRecommendationListQuery,
  type RecommendationsSearchParams,
} from "@/lib/schemas/recommendation-list";

/**
 * The list with its totals and filter options, and the status history of the items on the page.
 * Read whole, before the page renders (no Suspense boundary: see page.tsx).
 */
export async function getRecommendationsPageData(state: RecommendationsSearchParams) {
  const db = getDb();
  const list = await listRecommendations(toRecommendationListQuery(state), db);
  const eventsById = await getRecommendationEvents(
    list.items.map((item) => item.id),
    db,
  );
  return { list, eventsById };
}
