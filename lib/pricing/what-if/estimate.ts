/**
 * What-if, scalar fast paths (no Bill objects). Each mirrors the itemized bill it stands for
 * (bills.ts); a unit test checks they agree for random workloads.
 */
import type { AlbTargetType } from "../front-door";
import { LAMBDA_FREE_TIER_GB_SECONDS, LAMBDA_FREE_TIER_REQUESTS } from "../lambda";
import { estimateDurationMs } from "../memory-power";
import type { Architecture, FargateTaskSize } from "../types";
import {
  DAYS_PER_MONTH,
  HOURS_PER_MONTH,
  MB_PER_GB,
  MS_PER_SECOND,
  roundUpToWholeMs,
  SECONDS_PER_HOUR,
} from "../units";
import type { WhatIfContext } from "./context";
import { noteMissing } from "./context";

/** Modelled average duration (ms, before 1 ms rounding) at a memory size and architecture. */
export function estimateWhatIfDurationMs(
  context: WhatIfContext,
  architecture: Architecture,
  memoryMb: number,
): number {
  return (
    estimateDurationMs(context.durationMeasurement, memoryMb) *
    context.architectureDurationFactor[architecture]
  );
}

/** Requests per month served by provisioned concurrency at `billedMs` per request. */
export function estimateProvisionedRequests(
  context: WhatIfContext,
  requestsPerMonth: number,
  billedMs: number,
): number {
  if (!context.hasPc) return 0;
  // Requests `count` environments can serve in one hour of the day, over all days of the month.
  const capacityPerHourOfDay =
    billedMs > 0
      ? (context.pcCount * SECONDS_PER_HOUR * MS_PER_SECOND * DAYS_PER_MONTH) / billedMs
      : Number.POSITIVE_INFINITY;
  // served = Σ fraction_h × min(requests × share_h, capacity). Hours are sorted busiest first, so the
  // capped hours are a prefix: served = capacity × Σ_{h<k} fraction_h + requests × Σ_{h≥k} fraction_h·share_h.
  const shares = context.pcHourShares;
  const threshold = requestsPerMonth > 0 ? capacityPerHourOfDay / requestsPerMonth : Number.POSITIVE_INFINITY;
  let capped = 0;
  while (capped < shares.length && (shares[capped] as number) > threshold) capped += 1;
  const served =
    (capped > 0 ? capacityPerHourOfDay * (context.pcFractionPrefix[capped] as number) : 0) +
    requestsPerMonth * (context.pcWeightedShareSuffix[capped] as number);
  return Math.min(served, requestsPerMonth);
}

export function estimateFrontDoorUsd(
  context: WhatIfContext,
  requestsPerMonth: number,
  targetType: AlbTargetType,
): number {
  const kind = context.workload.frontDoor.kind;
  const rates = context.frontDoorRates;
  if (kind === "none") return 0;
  if (kind === "alb") {
    if (Number.isNaN(rates.albHourUsd)) noteMissing(context, "alb.hours");
    if (Number.isNaN(rates.albLcuUsd)) noteMissing(context, "alb.lcu");
    return (
      HOURS_PER_MONTH * rates.albHourUsd +
      requestsPerMonth * rates.albLcuHoursPerRequest[targetType] * rates.albLcuUsd
    );
  }
  let usd = 0;
  let start = 0;
  const { tierEnds, tierUsd } = rates;
  for (let index = 0; index <= tierEnds.length; index += 1) {
    const end = index < tierEnds.length ? (tierEnds[index] as number) : Number.POSITIVE_INFINITY;
    const quantity = Math.max(0, Math.min(requestsPerMonth, end) - start);
    if (index === 0 || quantity > 0) {
      const rate = tierUsd[index] ?? Number.NaN;
      if (Number.isNaN(rate))
        noteMissing(context, `apigateway.${kind === "rest-api" ? "rest" : "http"}.tier-${index + 1}`);
      usd += quantity * rate;
    }
    start = end;
  }
  return usd;
}

/** Monthly USD of Lambda at one memory size (NaN = a needed rate is unknown). */
export function estimateLambdaUsdRaw(
  context: WhatIfContext,
  architecture: Architecture,
  memoryMb: number,
  billedMs: number,
  requestsPerMonth: number,
  frontDoorUsd: number,
): number {
  const rates = context.lambdaRates[architecture];
  const isFreeTier = context.isFreeTierApplied;
  const memoryGb = memoryMb / MB_PER_GB;
  const freeRequests = isFreeTier ? Math.min(LAMBDA_FREE_TIER_REQUESTS, requestsPerMonth) : 0;
  const requestUsd = (requestsPerMonth - freeRequests) * rates.requestUsd;

  let coveredUsd = 0;
  let onDemandRequests = requestsPerMonth;
  if (context.hasPc) {
    const pcRequests = estimateProvisionedRequests(context, requestsPerMonth, billedMs);
    onDemandRequests = requestsPerMonth - pcRequests;
    coveredUsd += context.pcCount * memoryGb * context.pcBilledSeconds * rates.pcUsd;
    if (pcRequests > 0)
      coveredUsd += ((pcRequests * billedMs * memoryGb) / MS_PER_SECOND) * rates.pcDurationUsd;
  }
  const onDemandGbSeconds = (onDemandRequests * billedMs * memoryGb) / MS_PER_SECOND;
  const initGbSeconds =
    (context.coldStartShare * onDemandRequests * context.initBilledMs * memoryGb) / MS_PER_SECOND;
  const poolGbSeconds = onDemandGbSeconds + initGbSeconds;
  const freeGbSeconds = isFreeTier ? LAMBDA_FREE_TIER_GB_SECONDS : 0;
  const tier1End = rates.tier1EndGbSeconds;
  const tier2End = rates.tier2EndGbSeconds;
  const free = Math.min(freeGbSeconds, poolGbSeconds);
  const tier1 = Math.max(0, Math.min(poolGbSeconds, tier1End) - free);
  coveredUsd += tier1 * rates.tierUsd[0];
  const tier2 = Math.max(0, Math.min(poolGbSeconds, tier2End) - Math.max(freeGbSeconds, tier1End));
  if (tier2 > 0) {
    if (Number.isNaN(rates.tierUsd[1])) noteMissing(context, `lambda.${architecture}.duration.tier-2`);
    coveredUsd += tier2 * rates.tierUsd[1];
  }
  const tier3 = Math.max(0, poolGbSeconds - Math.max(freeGbSeconds, tier2End));
  if (tier3 > 0) {
    if (Number.isNaN(rates.tierUsd[2])) noteMissing(context, `lambda.${architecture}.duration.tier-3`);
    coveredUsd += tier3 * rates.tierUsd[2];
  }
  const discount = coveredUsd > 0 ? context.lambdaDiscount : 0;
  return requestUsd + coveredUsd * (1 - discount) + frontDoorUsd;
}

/**
 * Task-hours per month for a task with `vcpu` at a request rate: per hour of the day, enough tasks
 * to keep average CPU at the target utilisation (at least one while there is traffic, at least
 * `minTasks` always); the peak all month when not autoscaled. Peak tasks go to `context.peakTasks`
 * (no object per call: this runs thousands of times per what-if).
 */
export function estimateTaskHours(
  context: WhatIfContext,
  architecture: Architecture,
  vcpu: number,
  requestsPerMonth: number,
): number {
  const { fargate } = context.workload;
  const minTasks = fargate.minTasks;
  const shape = context.shape;
  const requestsPerSecondPerShare = requestsPerMonth / DAYS_PER_MONTH / SECONDS_PER_HOUR;
  // Tasks needed per unit of hourly traffic share.
  const tasksPerShare =
    (requestsPerSecondPerShare * context.cpuSecondsPerRequest[architecture]) /
    (vcpu * fargate.targetCpuUtilization);
  let taskHoursPerDay = 0;
  let peakTasks = 0;
  for (let hour = 0; hour < 24; hour += 1) {
    const share = shape[hour] as number;
    let tasks = Math.max(0, Math.ceil(share * tasksPerShare - 1e-9));
    if (tasks < 1 && share > 0 && requestsPerMonth > 0) tasks = 1;
    if (tasks < minTasks) tasks = minTasks;
    taskHoursPerDay += tasks;
    if (tasks > peakTasks) peakTasks = tasks;
  }
  context.peakTasks = peakTasks;
  return fargate.isAutoscaled ? taskHoursPerDay * DAYS_PER_MONTH : peakTasks * HOURS_PER_MONTH;
}

export function estimateFargateUsdFromTaskHours(
  context: WhatIfContext,
  architecture: Architecture,
  vcpu: number,
  memoryGb: number,
  taskHours: number,
  frontDoorUsd: number,
): number {
  const rates = context.fargateRates[architecture];
  const coveredUsd = taskHours * (vcpu * rates.vcpuUsd + memoryGb * rates.memoryUsd);
  const discount = context.workload.fargate.isSpot || !(coveredUsd > 0) ? 0 : context.fargateDiscount;
  const osUsd = context.workload.fargate.os === "windows" ? taskHours * vcpu * rates.osUsd : 0;
  return coveredUsd * (1 - discount) + osUsd + frontDoorUsd;
}

export function toKnownUsd(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Scalar monthly cost of Lambda at a memory size, as `computeWhatIfLambdaBill(...).totalUsd`. */
export function estimateWhatIfLambdaUsd(
  context: WhatIfContext,
  architecture: Architecture,
  memoryMb: number,
  requestsPerMonth: number,
): number | null {
  const billedMs = roundUpToWholeMs(estimateWhatIfDurationMs(context, architecture, memoryMb));
  const frontDoorUsd = estimateFrontDoorUsd(context, requestsPerMonth, "lambda");
  return toKnownUsd(
    estimateLambdaUsdRaw(context, architecture, memoryMb, billedMs, requestsPerMonth, frontDoorUsd),
  );
}

/** Scalar monthly cost of Fargate at a task size, as `computeWhatIfFargateBill(...).totalUsd`. */
export function estimateWhatIfFargateUsd(
  context: WhatIfContext,
  architecture: Architecture,
  size: FargateTaskSize,
  requestsPerMonth: number,
): number | null {
  const taskHours = estimateTaskHours(context, architecture, size.vcpu, requestsPerMonth);
  const frontDoorUsd = estimateFrontDoorUsd(context, requestsPerMonth, "ip");
  return toKnownUsd(
    estimateFargateUsdFromTaskHours(context, architecture, size.vcpu, size.memoryGb, taskHours, frontDoorUsd),
  );
}
