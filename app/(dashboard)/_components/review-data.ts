import "server-only";
import type { RecommendationReview } from "@/components/fleet/recommendation-card";
import { getDb } from "@/lib/db/client";
import { listResourceRecommendations } from "@/lib/db/queries/recommendation-list";
import { toRecommendationsHref, parseRecommendationsSearchParams } from "@/lib/schemas/recommendation-list";

/**
 * The review state of a function's or service's stored recommendations (by key) for its card, and
 * the recommendations page filtered to it (every status), where they are reviewed.
 */
export async function getResourceReviews(resource: {
  arn: string;
  name: string;
  accountId: string;
}): Promise<{ reviews: Record<string, RecommendationReview>; reviewHref: string }> {
  const items = await listResourceRecommendations(resource.arn, getDb());
  const reviews: Record<string, RecommendationReview> = {};
  for (const item of items)
    reviews[item.key] = {
      status: item.status,
      dismissReason: item.dismissReason,
      statusChangedAt: item.statusChangedAt,
    };
  const reviewHref = toRecommendationsHref(
    parseRecommendationsSearchParams({ q: resource.name, account: resource.accountId, status: "all" }),
  );
  return { reviews, reviewHref };
}
