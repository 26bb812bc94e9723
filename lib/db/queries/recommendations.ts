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
import { listAccountPriceBooks } from "./effective-rates";
import { listBilledSpotRates, listFargateEvidence, listLambdaEvidence } from "./recommend-evidence";

export type ResourceAdviceWithEvidence<E> = {
  evidence: E;
  advice: ResourceAdvice;
  /** The account whose rates from its own bill priced the advice, or "" for list prices (the what-if's `prices`). */
  pricesAccountId: string;
};

export async function getFunctionAdvice(
  functionArn: string,
  db: Db,
  settings?: Partial<RecommendSettings>,
): Promise<ResourceAdviceWithEvidence<LambdaEvidence> | null> {
  const [evidence] = await listLambdaEvidence(db, { arns: [functionArn] });
  if (!evidence) return null;
  const booksByAccount = await listAccountPriceBooks(db, { accountIds: [evidence.accountId] });
  return {
    evidence,
    advice: computeLambdaAdvice(evidence, { settings, booksByAccount }),
    pricesAccountId: booksByAccount.has(evidence.accountId) ? evidence.accountId : "",
  };
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
  const booksByAccount = await listAccountPriceBooks(db, { accountIds: [evidence.accountId] });
  return {
    evidence,
    advice: computeFargateAdvice(evidence, { settings, spotRates, booksByAccount }),
    pricesAccountId: booksByAccount.has(evidence.accountId) ? evidence.accountId : "",
  };
}

type FleetEvidence = { functions: LambdaEvidence[]; services: FargateEvidence[] };

/**
 * Every current recommendation for the database, each account priced with the book it pays
 * (its bill's rates where they differ from list), and the evidence they were computed from.
 */
export async function getFleetAdvice(
  db: Db,
  options: Omit<RecommendOptions, "spotRates" | "booksByAccount"> = {},
): Promise<FleetAdvice & Pick<FleetEvidence, "functions" | "services">> {
  const [functions, services, spotRates, booksByAccount] = await Promise.all([
    listLambdaEvidence(db),
    listFargateEvidence(db),
    listBilledSpotRates(db),
    listAccountPriceBooks(db),
  ]);
  const advice = computeFleetAdvice({ functions, services }, { ...options, spotRates, booksByAccount });
  return { ...advice, functions, services };
}
