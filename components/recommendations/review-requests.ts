import { z } from "zod";
import { fetchJson } from "@/lib/queries/fetch-json";
import { RECOMMENDATION_STATUSES, type StatusChangeBody } from "@/lib/schemas/recommendation-list";
import { API_PATHS } from "@/lib/api-paths";

/**
 * The recommendations page's one write (PATCH /api/recommendations/{id}). The list itself is read
 * by the server component and refreshed with router.refresh() after each change, so only what the
 * page uses of the answer is checked here.
 */
const statusChangeResponseSchema = z.object({
  item: z.looseObject({ id: z.number().int(), status: z.enum(RECOMMENDATION_STATUSES) }),
  events: z.array(z.unknown()),
});

export type StatusChangeResponse = z.infer<typeof statusChangeResponseSchema>;

export function changeRecommendationStatusRequest(
  recommendationId: number,
  body: StatusChangeBody,
): Promise<StatusChangeResponse> {
  return fetchJson(API_PATHS.recommendation(recommendationId), statusChangeResponseSchema, {
    method: "PATCH",
    body: JSON.stringify(body),
  });
}
