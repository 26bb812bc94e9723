/**
 * Recommendations computed from the stored evidence: one resource (its page) or the whole fleet
 * (the CLI, the bench). The engine (lib/recommend) is pure; this module only loads its input.
 */
import type { Db } from "@/lib/db/create-db";
import type { FleetAdvice, RecommendOptions } from "@/lib/recommend";
import { computeFargateAdvice, computeFleetAdvice, computeLambdaAdvice } from "@/lib/recommend";
import type {
  FargateEvidence,
  LambdaEvidence,
  RecommendSettings,
  ResourceAdvice,
} from "@/lib/recommend/types";
import { listBilledSpotRates, listFargateEvidence, listLambdaEvidence } from "./recommend-evidence";

export type ResourceAdviceWithEvidence<E> = { evidence: E; advice: ResourceAdvice };

export async function getFunctionAdvice(
  functionArn: string,
  db: Db,
  settings?: Partial<RecommendSettings>,
): Promise<ResourceAdviceWithEvidence<LambdaEvidence> | null> {
  const [evidence] = await listLambdaEvidence(db, { arns: [functionArn] });
  if (!evidence) return null;
  return { evidence, advice: computeLambdaAdvice(evidence, { settings }) };
}

export async function getServiceAdvice(
  serviceArn: string,
  db: Db,
  settings?: Partial<RecommendSettings>,
): Promise<ResourceAdviceWithEvidence<FargateEvidence> | null> {
  const [[evidence], spotRates] = await Promise.all([
    listFargateEvidence(db, { arns: [serviceArn] }),
    listBilledSpotRates(db),
  ]);
  if (!evidence) return null;
  return { evidence, advice: computeFargateAdvice(evidence, { settings, spotRates }) };
}

/** Every current recommendation for the database. */
export async function getFleetAdvice(
  db: Db,
  options: Omit<RecommendOptions, "spotRates"> = {},
): Promise<FleetAdvice> {
  const [functions, services, spotRates] = await Promise.all([
    listLambdaEvidence(db),
    listFargateEvidence(db),
    listBilledSpotRates(db),
  ]);
  return computeFleetAdvice({ functions, services }, { ...options, spotRates });
}
