import { RecommendationCard } from "@/components/fleet/recommendation-card";
import type { ServiceDetail } from "@/lib/db/queries/services";
import { getResourceReviews } from "../../_components/review-data";
import { getServiceAdviceForRequest } from "./service-data";

/** The page's opening card: what to change, what it saves and why. */
export async function ServiceAdviceSection({ service }: { service: ServiceDetail }) {
  const [result, { reviews, reviewHref }] = await Promise.all([
    getServiceAdviceForRequest(service.arn),
    getResourceReviews(service),
  ]);
  if (!result) return null;
  return (
    <RecommendationCard
      advice={result.advice}
      whatIfHref={result.whatIfHref}
      reviews={reviews}
      reviewHref={reviewHref}
    />
  );
}
