import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { getServiceAdvice } from "@/lib/db/queries/recommendations";
import { getServiceDetail } from "@/lib/db/queries/services";
import { DEFAULT_RECOMMEND_SETTINGS, toServiceWorkload } from "@/lib/recommend";
import { toWhatIfHref } from "@/lib/schemas/what-if-link";

/** Per-request memoised service read (metadata and page share it). */
export const getServiceForRequest = cache((serviceId: string) => getServiceDetail(serviceId));

/** The service's recommendations and its what-if link (its requests as Lambda invocations, when known). */
export const getServiceAdviceForRequest = cache(async (arn: string) => {
  const result = await getServiceAdvice(arn, getDb());
  if (!result) return null;
  return {
    ...result,
    whatIfHref: toWhatIfHref(
      toServiceWorkload(result.evidence, DEFAULT_RECOMMEND_SETTINGS),
      result.pricesAccountId,
    ),
  };
});
