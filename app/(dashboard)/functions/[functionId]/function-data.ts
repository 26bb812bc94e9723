import "server-only";
import { cache } from "react";
import type { RangeKey } from "@/lib/range";
import { getDb } from "@/lib/db/client";
import { getFunctionDetail, getFunctionMemoryObservations } from "@/lib/db/queries/functions";
import { getFunctionAdvice } from "@/lib/db/queries/recommendations";
import { toLambdaWorkload, DEFAULT_RECOMMEND_SETTINGS } from "@/lib/recommend";
import { toWhatIfHref } from "@/lib/schemas/what-if-link";
import { getRangeWindowForRequest } from "../../_components/fleet-data";

/** Per-request memoised reads for the function page's widgets. */
export const getFunctionForRequest = cache((functionId: string) => getFunctionDetail(functionId));

export const getMemoryObservationsForRequest = cache((arn: string, range: RangeKey) =>
  getFunctionMemoryObservations(arn, getRangeWindowForRequest(range)),
);

/** The function's recommendations (with the user's latency limit and arm64 factor) and its what-if link. */
export const getFunctionAdviceForRequest = cache(
  async (arn: string, latencyLimitMs: number | undefined, armSpeedFactor: number | undefined) => {
    const settings = {
      ...(latencyLimitMs !== undefined ? { latencyLimitMs } : {}),
      ...(armSpeedFactor !== undefined ? { armSpeedFactor } : {}),
    };
    const result = await getFunctionAdvice(arn, getDb(), settings);
    if (!result) return null;
    const workload = toLambdaWorkload(result.evidence, result.advice.curve, {
      ...DEFAULT_RECOMMEND_SETTINGS,
      ...settings,
    });
    return { ...result, whatIfHref: toWhatIfHref(workload, result.pricesAccountId) };
  },
);
