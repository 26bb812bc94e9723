/**
 * What-if, the break-even sweep: the cheapest Lambda and Fargate options at each request rate of a
 * log-spaced sweep, and the crossover between two sweep points.
 */
import { LAMBDA_FREE_TIER_GB_SECONDS, LAMBDA_FREE_TIER_REQUESTS } from "../lambda";
import type { Architecture } from "../types";
import { DAYS_PER_MONTH, MB_PER_GB, MS_PER_SECOND, SECONDS_PER_HOUR } from "../units";
import type { LambdaRates, WhatIfContext } from "./context";
import { FARGATE_MAX_TASKS_PER_SERVICE, noteMissing } from "./context";
import { estimateFargateUsdFromTaskHours, estimateFrontDoorUsd, estimateTaskHours } from "./estimate";

/** Request rates the break-even sweep prices: log-spaced from 10⁴ to 10¹⁰ requests per month. */
export const BREAKEVEN_SWEEP_MIN_REQUESTS = 1e4;
export const BREAKEVEN_SWEEP_MAX_REQUESTS = 1e10;
export const BREAKEVEN_SWEEP_POINTS = 50;

export type LambdaCandidate = {
  architecture: Architecture;
  rates: LambdaRates;
  memoryMb: number;
  billedMs: number;
  isFeasible: boolean;
};

export function cheapestLambdaUsd(
  context: WhatIfContext,
  candidates: readonly LambdaCandidate[],
  requestsPerMonth: number,
): number {
  // The body of estimateLambdaUsdRaw and estimateProvisionedRequests, inlined: a double returned
  // from a call is boxed on the heap, and this loop runs thousands of times per what-if. The same
  // expressions in the same order keep it bit-identical (what-if.test.ts checks it).
  const frontDoorUsd = estimateFrontDoorUsd(context, requestsPerMonth, "lambda");
  const isFreeTier = context.isFreeTierApplied;
  const freeRequests = isFreeTier ? Math.min(LAMBDA_FREE_TIER_REQUESTS, requestsPerMonth) : 0;
  const freeGbSeconds = isFreeTier ? LAMBDA_FREE_TIER_GB_SECONDS : 0;
  const hasPc = context.hasPc;
  const shares = context.pcHourShares;
  const shareCount = shares.length;
  const fractionPrefix = context.pcFractionPrefix;
  const weightedShareSuffix = context.pcWeightedShareSuffix;
  const pcCapacityMsPerHourOfDay = context.pcCount * SECONDS_PER_HOUR * MS_PER_SECOND * DAYS_PER_MONTH;
  const pcCount = context.pcCount;
  const pcBilledSeconds = context.pcBilledSeconds;
  const coldStartShare = context.coldStartShare;
  const initBilledMs = context.initBilledMs;
  const keptShare = 1 - context.lambdaDiscount;
  let best = Number.POSITIVE_INFINITY;
  for (let index = 0; index < candidates.length; index += 1) {
    const candidate = candidates[index] as LambdaCandidate;
    if (!candidate.isFeasible) continue;
    const rates = candidate.rates;
    const billedMs = candidate.billedMs;
    const memoryGb = candidate.memoryMb / MB_PER_GB;
    const requestUsd = (requestsPerMonth - freeRequests) * rates.requestUsd;
    // No phi between the (possibly boxed) argument and a computed double: V8 would box every iteration.
    // -0 (a double, unlike the small integer 0) keeps these phis unboxed; x + -0 === x.
    let pcRequests = -0;
    let coveredUsd = -0;
    if (hasPc) {
      const capacityPerHourOfDay =
        billedMs > 0 ? pcCapacityMsPerHourOfDay / billedMs : Number.POSITIVE_INFINITY;
      const threshold =
        requestsPerMonth > 0 ? capacityPerHourOfDay / requestsPerMonth : Number.POSITIVE_INFINITY;
      let capped = 0;
      while (capped < shareCount && (shares[capped] as number) > threshold) capped += 1;
      const cappedServed = capped > 0 ? capacityPerHourOfDay * (fractionPrefix[capped] as number) : -0;
      const served = cappedServed + requestsPerMonth * (weightedShareSuffix[capped] as number);
      pcRequests = Math.min(served, requestsPerMonth);
      coveredUsd += pcCount * memoryGb * pcBilledSeconds * rates.pcUsd;
      if (pcRequests > 0)
        coveredUsd += ((pcRequests * billedMs * memoryGb) / MS_PER_SECOND) * rates.pcDurationUsd;
    }
    const onDemandRequests = requestsPerMonth - pcRequests;
    const onDemandGbSeconds = (onDemandRequests * billedMs * memoryGb) / MS_PER_SECOND;
    const initGbSeconds = (coldStartShare * onDemandRequests * initBilledMs * memoryGb) / MS_PER_SECOND;
    const poolGbSeconds = onDemandGbSeconds + initGbSeconds;
    const tier1End = rates.tier1EndGbSeconds;
    const tier2End = rates.tier2EndGbSeconds;
    const free = Math.min(freeGbSeconds, poolGbSeconds);
    const tier1 = Math.max(0, Math.min(poolGbSeconds, tier1End) - free);
    coveredUsd += tier1 * rates.tierUsd[0];
    const tier2 = Math.max(0, Math.min(poolGbSeconds, tier2End) - Math.max(freeGbSeconds, tier1End));
    if (tier2 > 0) {
      if (Number.isNaN(rates.tierUsd[1]))
        noteMissing(context, `lambda.${candidate.architecture}.duration.tier-2`);
      coveredUsd += tier2 * rates.tierUsd[1];
    }
    const tier3 = Math.max(0, poolGbSeconds - Math.max(freeGbSeconds, tier2End));
    if (tier3 > 0) {
      if (Number.isNaN(rates.tierUsd[2]))
        noteMissing(context, `lambda.${candidate.architecture}.duration.tier-3`);
      coveredUsd += tier3 * rates.tierUsd[2];
    }
    // Same value as coveredUsd × (1 − discount) with discount 0 when nothing is covered (0 × k = 0).
    const usd = requestUsd + coveredUsd * keptShare + frontDoorUsd;
    if (usd < best) best = usd;
  }
  return best;
}

export function cheapestFargateUsd(context: WhatIfContext, requestsPerMonth: number): number {
  const frontDoorUsd = estimateFrontDoorUsd(context, requestsPerMonth, "ip");
  let best = Number.POSITIVE_INFINITY;
  for (const group of context.taskGroups) {
    if (group.cheapestMemoryGb < 0) continue;
    const taskHours = estimateTaskHours(context, group.architecture, group.vcpu, requestsPerMonth);
    if (context.peakTasks > FARGATE_MAX_TASKS_PER_SERVICE) continue;
    const usd = estimateFargateUsdFromTaskHours(
      context,
      group.architecture,
      group.vcpu,
      group.cheapestMemoryGb,
      taskHours,
      frontDoorUsd,
    );
    if (usd < best) best = usd;
  }
  return best;
}

/**
 * The Lambda options that can be the cheapest at some request rate. Every cost term grows with
 * memory and with billed duration (more of either means more GB-s on demand and on PC, fewer
 * requests per PC environment, and more PC capacity GB-s), so an option that is no faster than a
 * smaller one never wins. Without provisioned concurrency cost depends only on GB-s per request
 * (invoke + INIT), so the one option per architecture with the fewest GB-s per request wins at
 * every rate.
 */
export function selectSweepCandidates(
  context: WhatIfContext,
  candidates: readonly LambdaCandidate[],
): LambdaCandidate[] {
  const selected: LambdaCandidate[] = [];
  for (const architecture of context.architectures) {
    const feasible = candidates.filter(
      (candidate) => candidate.architecture === architecture && candidate.isFeasible,
    );
    if (!context.hasPc) {
      let best: LambdaCandidate | null = null;
      let bestGbSecondsPerRequest = Number.POSITIVE_INFINITY;
      for (const candidate of feasible) {
        const gbSecondsPerRequest =
          candidate.memoryMb * (candidate.billedMs + context.coldStartShare * context.initBilledMs);
        if (gbSecondsPerRequest < bestGbSecondsPerRequest) {
          best = candidate;
          bestGbSecondsPerRequest = gbSecondsPerRequest;
        }
      }
      if (best) selected.push(best);
      continue;
    }
    let fastestBilledMs = Number.POSITIVE_INFINITY;
    for (const candidate of feasible) {
      if (candidate.billedMs < fastestBilledMs) {
        selected.push(candidate);
        fastestBilledMs = candidate.billedMs;
      }
    }
  }
  return selected;
}

/** Log-spaced request rates of the break-even sweep (BREAKEVEN_SWEEP_POINTS from 10⁴ to 10¹⁰). */
export function listBreakevenSweepRequests(): number[] {
  const minLog = Math.log10(BREAKEVEN_SWEEP_MIN_REQUESTS);
  const maxLog = Math.log10(BREAKEVEN_SWEEP_MAX_REQUESTS);
  return Array.from({ length: BREAKEVEN_SWEEP_POINTS }, (_, index) =>
    Math.round(10 ** (minLog + ((maxLog - minLog) * index) / (BREAKEVEN_SWEEP_POINTS - 1))),
  );
}
export const SWEEP_REQUESTS = listBreakevenSweepRequests();

/** Bisection in log space between two sweep points whose cost difference changes sign. */
export function refineCrossover(
  context: WhatIfContext,
  candidates: readonly LambdaCandidate[],
  lowRequests: number,
  highRequests: number,
  lowDifference: number,
): number {
  let low = Math.log(lowRequests);
  let high = Math.log(highRequests);
  const lowSign = Math.sign(lowDifference);
  for (let iteration = 0; iteration < 12; iteration += 1) {
    const middle = (low + high) / 2;
    const requests = Math.exp(middle);
    const difference =
      cheapestLambdaUsd(context, candidates, requests) - cheapestFargateUsd(context, requests);
    if (Math.sign(difference) === lowSign) low = middle;
    else high = middle;
  }
  return Math.exp((low + high) / 2);
}
