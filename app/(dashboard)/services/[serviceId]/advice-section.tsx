import { RecommendationCard } from "@/components/fleet/recommendation-card";
import type { ServiceDetail } from "@/lib/db/queries/services";
import { getServiceAdviceForRequest } from "./service-data";

/** The page's opening card: what to change, what it saves and why. */
export async function ServiceAdviceSection({ service }: { service: ServiceDetail }) {
  const result = await getServiceAdviceForRequest(service.arn);
  if (!result) return null;
  return <RecommendationCard advice={result.advice} whatIfHref={result.whatIfHref} />;
}
