/**
 * Breakeven's recommendation engine: pure TypeScript (no framework, database or SDK), shared by the
 * server, the browser and the CLI. Input: the evidence stored for a resource; output: what to change,
 * what it saves, how sure we are and why. Rules and thresholds: docs/recommendations.md.
 */
import type { PriceBook } from "@/lib/pricing";
import { DEFAULT_PRICE_BOOK, describeRate } from "@/lib/pricing";
import { listBillRates } from "@/lib/pricing/effective-rates";
import { fitMemoryCurve } from "./curve";
import {
  recommendFargateRightSize,
  recommendFargateSpot,
  recommendFargateToLambda,
  toAverageTasks,
} from "./fargate";
import {
  recommendLambdaArm64,
  recommendLambdaMemory,
  recommendLambdaToFargate,
  recommendProvisionedConcurrency,
} from "./lambda";
import { DEFAULT_RECOMMEND_SETTINGS, MIN_INVOCATIONS_FOR_ADVICE } from "./settings";
import { sortRecommendations } from "./sort";
import type {
  FargateEvidence,
  LambdaEvidence,
  Recommendation,
  RecommendationKind,
  RecommendSettings,
  ResourceAdvice,
  SpotRate,
} from "./types";

export type * from "./types";
export { DEFAULT_RECOMMEND_SETTINGS, MIN_INVOCATIONS_FOR_ADVICE } from "./settings";
export {
  MEMORY_CURVE_SIZES_MB,
  computeCostPerInvocationUsd,
  fitMemoryCurve,
  summarizeObservations,
} from "./curve";
export { toLambdaWorkload } from "./lambda";
export { toServiceWorkload } from "./fargate";
export { sortRecommendations } from "./sort";
export { computeProvisionedUtilization } from "./utilization";

export type RecommendOptions = {
  settings?: Partial<RecommendSettings>;
  book?: PriceBook;
  /**
   * The book each account pays (lib/pricing/effective-rates.ts: list rates with the bill's where
   * the book lacks one or the account pays less), keyed by account id; others use `book`.
   */
  booksByAccount?: ReadonlyMap<string, PriceBook>;
  /** Fargate Spot rates seen on the bill (or the demo's), per region and architecture. */
  spotRates?: readonly SpotRate[];
};

function resolveBook(accountId: string, options: RecommendOptions): PriceBook {
  return options.booksByAccount?.get(accountId) ?? options.book ?? DEFAULT_PRICE_BOOK;
}

/** The rate families each kind of recommendation prices its current and proposed cost with. */
const RATE_PREFIXES_BY_KIND: Record<RecommendationKind, readonly string[]> = {
  "lambda-memory": ["lambda."],
  "lambda-arm64": ["lambda."],
  "provisioned-concurrency": ["lambda."],
  "lambda-to-fargate": ["lambda.", "fargate.linux.", "fargate.ephemeral-storage"],
  "fargate-to-lambda": ["lambda.", "fargate.linux.", "fargate.windows.", "fargate.ephemeral-storage"],
  "fargate-right-size": ["fargate.linux.", "fargate.windows.", "fargate.ephemeral-storage"],
  // Its "Spot rate" evidence line already says where the Spot rate comes from.
  "fargate-spot": ["fargate.linux.", "fargate.ephemeral-storage"],
};

/**
 * A "Prices" evidence line on each recommendation whose rates include some from the account's
 * bill, naming them (tiers 2 and 3 follow tier 1, so tier 1 names the duration rate).
 */
function withBillRates(recommendations: Recommendation[], book: PriceBook, region: string): Recommendation[] {
  const billRates = listBillRates(book, region).filter((key) => !/\.tier-[23]$/.test(key));
  if (billRates.length === 0) return recommendations;
  return recommendations.map((r) => {
    const keys = billRates.filter((key) =>
      RATE_PREFIXES_BY_KIND[r.kind].some((prefix) => key.startsWith(prefix)),
    );
    if (keys.length === 0) return r;
    const value = `from your bill: ${keys.map((key) => describeRate(key, region)).join("; ")}. List prices for the rest.`;
    return { ...r, evidence: [...r.evidence, { label: "Prices", value }] };
  });
}

function resolveSettings(settings: Partial<RecommendSettings> | undefined): RecommendSettings {
  return settings ? { ...DEFAULT_RECOMMEND_SETTINGS, ...settings } : DEFAULT_RECOMMEND_SETTINGS;
}

export function computeLambdaAdvice(
  evidence: LambdaEvidence,
  options: RecommendOptions = {},
): ResourceAdvice {
  const settings = resolveSettings(options.settings);
  const book = resolveBook(evidence.accountId, options);
  const curve = fitMemoryCurve(evidence.observations, {
    architecture: evidence.architecture,
    runtime: evidence.runtime,
    region: evidence.region,
    currentMemoryMb: evidence.memoryMb,
    book,
  });
  const advice = (
    partial: Omit<ResourceAdvice, "resourceArn" | "resourceKind" | "curve">,
  ): ResourceAdvice => ({
    resourceArn: evidence.resourceArn,
    resourceKind: "lambda",
    curve,
    ...partial,
  });
  if (evidence.isDeleted)
    return advice({
      recommendations: [],
      noAdvice: { status: "not-applicable", reason: "The function was deleted." },
    });
  if (evidence.invocations === null)
    return advice({
      recommendations: [],
      noAdvice: {
        status: "insufficient-data",
        reason: "No invocation metrics cover the last 30 days: traffic is unknown.",
      },
    });
  const hasPc = evidence.provisionedConcurrency.some((pc) => pc.count > 0);
  if (evidence.invocations === 0 && !hasPc)
    return advice({
      recommendations: [],
      noAdvice: {
        status: "not-applicable",
        reason: `Not invoked in the last ${evidence.windowDays} days: nothing to tune (a clean-up candidate if it is no longer needed).`,
      },
    });
  const recommendations: Recommendation[] = [];
  const push = (r: Recommendation | null) => {
    if (r) recommendations.push(r);
  };
  push(recommendProvisionedConcurrency(evidence, curve, settings, book));
  const hasEnoughTraffic = evidence.invocations >= MIN_INVOCATIONS_FOR_ADVICE;
  if (hasEnoughTraffic) {
    push(recommendLambdaMemory(evidence, curve, settings));
    push(recommendLambdaArm64(evidence, curve, settings, book));
    push(recommendLambdaToFargate(evidence, curve, settings, book));
  }
  if (recommendations.length > 0)
    return advice({
      recommendations: withBillRates(sortRecommendations(recommendations), book, evidence.region),
      noAdvice: null,
    });
  if (!hasEnoughTraffic)
    return advice({
      recommendations: [],
      noAdvice: {
        status: "insufficient-data",
        reason: `${evidence.invocations} invocations in ${evidence.windowDays} days: fewer than the ${MIN_INVOCATIONS_FOR_ADVICE} needed to recommend a change.`,
      },
    });
  if (!curve)
    return advice({
      recommendations: [],
      noAdvice: {
        status: "insufficient-data",
        reason: "No duration observations (REPORT logs, metrics or Power Tuning): memory cannot be assessed.",
      },
    });
  return advice({
    recommendations: [],
    noAdvice: {
      status: "right-sized",
      reason: `${evidence.memoryMb.toLocaleString("en-US")} MB ${evidence.architecture} is within ${Math.round(settings.minSavingPercent * 100)} % (or $${settings.minSavingUsd}) of the cheapest option found: no memory size, architecture, provisioned-concurrency change or Fargate service saves enough.`,
    },
  });
}

export function computeFargateAdvice(
  evidence: FargateEvidence,
  options: RecommendOptions = {},
): ResourceAdvice {
  const settings = resolveSettings(options.settings);
  const book = resolveBook(evidence.accountId, options);
  const advice = (
    partial: Omit<ResourceAdvice, "resourceArn" | "resourceKind" | "curve">,
  ): ResourceAdvice => ({
    resourceArn: evidence.resourceArn,
    resourceKind: "fargate",
    curve: null,
    ...partial,
  });
  if (evidence.isDeleted)
    return advice({
      recommendations: [],
      noAdvice: { status: "not-applicable", reason: "The service was deleted." },
    });
  if (!(toAverageTasks(evidence) > 0))
    return advice({
      recommendations: [],
      noAdvice: { status: "not-applicable", reason: "No tasks ran in the window: nothing to tune." },
    });
  if (evidence.cpuUtilizationAvgPercent === null)
    return advice({
      recommendations: [],
      noAdvice: {
        status: "insufficient-data",
        reason: "No CPU utilisation metrics in the window: sizing is unknown.",
      },
    });
  const recommendations: Recommendation[] = [];
  const toLambda = recommendFargateToLambda(evidence, settings, book);
  if (toLambda) recommendations.push(toLambda);
  const rightSize = recommendFargateRightSize(evidence, settings, book);
  if (rightSize) recommendations.push(rightSize);
  const spot = recommendFargateSpot(evidence, settings, options.spotRates ?? [], book);
  if (spot) recommendations.push(spot);
  if (recommendations.length > 0)
    return advice({
      recommendations: withBillRates(sortRecommendations(recommendations), book, evidence.region),
      noAdvice: null,
    });
  return advice({
    recommendations: [],
    noAdvice: {
      status: "right-sized",
      reason: "Task size, capacity and compute choice fit the measured load: no change saves enough.",
    },
  });
}

export type FleetAdvice = {
  advice: ResourceAdvice[];
  recommendations: Recommendation[];
  totalMonthlySavingUsd: number;
};

/**
 * Advice for a whole fleet; `recommendations` is every recommendation, largest saving first, and
 * the total counts each resource's largest saving once.
 */
export function computeFleetAdvice(
  input: { functions: readonly LambdaEvidence[]; services: readonly FargateEvidence[] },
  options: RecommendOptions = {},
): FleetAdvice {
  const advice: ResourceAdvice[] = [];
  for (const fn of input.functions) advice.push(computeLambdaAdvice(fn, options));
  for (const service of input.services) advice.push(computeFargateAdvice(service, options));
  const recommendations = sortRecommendations(advice.flatMap((a) => a.recommendations));
  // Recommendations on one resource are alternatives (arm64 and a move to Fargate do not add up):
  // the fleet total counts the largest known saving of each resource.
  const totalMonthlySavingUsd = advice.reduce(
    (sum, a) => sum + Math.max(0, ...a.recommendations.map((r) => r.monthlySavingUsd ?? 0)),
    0,
  );
  return { advice, recommendations, totalMonthlySavingUsd };
}
