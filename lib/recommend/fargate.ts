/**
 * Recommendations for one Fargate service: a smaller task size, Fargate Spot, and a move to Lambda.
 * See docs/recommendations.md for every rule and threshold.
 */
import type { Architecture, PriceBook, Workload } from "@/lib/pricing";
import {
  HOURS_PER_MONTH,
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  getRateUsd,
  listFargateTaskSizes,
} from "@/lib/pricing";
import {
  formatDurationMs,
  formatInteger,
  formatMemoryMb,
  formatPercent,
  formatUnitPriceUsd,
  formatUsd,
} from "@/lib/format";
import { computeCostPerInvocationUsd } from "./curve";
import {
  describeSaving,
  toRecommendationBase,
  formatTaskSize,
  isWorthwhileSaving,
  toMonthly,
  toSavingPercent,
} from "./common";
import type { Confidence, FargateEvidence, Recommendation, RecommendSettings, SpotRate } from "./types";

/** Memory kept above the highest memory utilisation seen when right-sizing (25 %). */
export const FARGATE_RIGHT_SIZE_MEMORY_HEADROOM = 1.25;
/** A service whose average CPU is at most this share of its reservation idles most of the time. */
export const FARGATE_IDLE_CPU_PERCENT = 15;
/** Share of tasks proposed on Spot (the rest stays on demand as a base): 3 Spot : 1 on-demand. */
export const PROPOSED_SPOT_SHARE = 0.75;

function toBase(e: FargateEvidence, kind: Recommendation["kind"]) {
  return toRecommendationBase(e, kind, "fargate");
}

export function toVcpu(cpuUnits: number): number {
  return cpuUnits / 1024;
}

export function toMemoryGb(memoryMb: number): number {
  return memoryMb / 1024;
}

/** Average running tasks over the day; the desired count when no task metric exists. */
/** The evidence line for the task count: measured, or the desired count when ECS sent no task counts. */
function toTasksEvidence(e: FargateEvidence, tasks: number) {
  const isMeasured = e.hourlyTasks !== null && e.hourlyTasks.some((value) => value > 0);
  return isMeasured
    ? { label: "Tasks", value: `${tasks.toFixed(1)} running on average`, chart: "tasks" as const }
    : {
        label: "Tasks",
        value: `${tasks.toFixed(0)} desired (no task-count metrics: Container Insights is off, so the desired count is assumed)`,
      };
}

export function toAverageTasks(e: FargateEvidence): number {
  if (e.hourlyTasks && e.hourlyTasks.length > 0) {
    const average = e.hourlyTasks.reduce((sum, v) => sum + v, 0) / e.hourlyTasks.length;
    if (average > 0) return average;
  }
  return Math.max(e.desiredCount, 0);
}

type OnDemandRates = { vcpuUsd: number; memoryUsd: number; osUsd: number };

function getOnDemandRates(
  e: FargateEvidence,
  book: PriceBook,
  architecture = e.architecture,
): OnDemandRates | null {
  const prefix = e.os === "windows" ? "fargate.windows.x86_64" : `fargate.linux.${architecture}`;
  const vcpuUsd = getRateUsd(book, e.region, `${prefix}.vcpu` as `fargate.linux.x86_64.vcpu`);
  const memoryUsd = getRateUsd(book, e.region, `${prefix}.memory` as `fargate.linux.x86_64.memory`);
  const osUsd = e.os === "windows" ? getRateUsd(book, e.region, "fargate.windows.x86_64.os-license") : 0;
  if (vcpuUsd === null || memoryUsd === null || osUsd === null) return null;
  return { vcpuUsd, memoryUsd, osUsd };
}

/** Monthly compute cost of `tasks` tasks of one size running all month at on-demand rates. */
function computeTaskMonthlyUsd(rates: OnDemandRates, vcpu: number, memoryGb: number, tasks: number): number {
  return tasks * HOURS_PER_MONTH * (vcpu * (rates.vcpuUsd + rates.osUsd) + memoryGb * rates.memoryUsd);
}

// ---------------------------------------------------------------------------------------------
// Right-size

export function recommendFargateRightSize(
  e: FargateEvidence,
  settings: RecommendSettings,
  book: PriceBook,
): Recommendation | null {
  const cpuPeak = e.cpuUtilizationPeakPercent ?? e.cpuUtilizationAvgPercent;
  const memoryPeak = e.memoryUtilizationPeakPercent ?? e.memoryUtilizationAvgPercent;
  if (cpuPeak === null || memoryPeak === null) return null;
  const rates = getOnDemandRates(e, book);
  if (!rates) return null;
  const vcpu = toVcpu(e.cpuUnits);
  const memoryGb = toMemoryGb(e.memoryMb);
  // The busiest hour's CPU must land at the target utilisation on the new size.
  const neededVcpu = (vcpu * cpuPeak) / 100 / settings.targetCpuUtilization;
  const neededMemoryGb = ((memoryGb * memoryPeak) / 100) * FARGATE_RIGHT_SIZE_MEMORY_HEADROOM;
  const sizes = listFargateTaskSizes(e.os, e.architecture).filter(
    (s) => s.vcpu >= neededVcpu && s.memoryGb >= neededMemoryGb,
  );
  if (sizes.length === 0) return null;
  const tasks = toAverageTasks(e);
  if (!(tasks > 0)) return null;
  let best = sizes[0]!;
  let bestUsd = computeTaskMonthlyUsd(rates, best.vcpu, best.memoryGb, tasks);
  for (const size of sizes) {
    const usd = computeTaskMonthlyUsd(rates, size.vcpu, size.memoryGb, tasks);
    if (usd < bestUsd) {
      best = size;
      bestUsd = usd;
    }
  }
  const currentUsd = computeTaskMonthlyUsd(rates, vcpu, memoryGb, tasks);
  const savingUsd = currentUsd - bestUsd;
  if (best.vcpu === vcpu && best.memoryGb === memoryGb) return null;
  if (!isWorthwhileSaving(savingUsd, currentUsd, settings)) return null;
  const savingPercent = toSavingPercent(savingUsd, currentUsd);
  const confidence: Confidence =
    e.cpuUtilizationPeakPercent !== null && e.memoryUtilizationPeakPercent !== null && e.windowDays >= 14
      ? "high"
      : "medium";
  const proposedConfig = `${formatTaskSize(best.vcpu, best.memoryGb)} per task`;
  return {
    ...toBase(e, "fargate-right-size"),
    currentConfig: `${formatTaskSize(vcpu, memoryGb)} per task`,
    proposedConfig,
    proposed: { vcpu: best.vcpu, memoryGb: best.memoryGb, architecture: e.architecture },
    currentMonthlyCostUsd: currentUsd,
    proposedMonthlyCostUsd: bestUsd,
    monthlySavingUsd: savingUsd,
    savingPercent,
    confidence,
    evidence: [
      {
        label: "CPU",
        value: `average ${formatPercent((e.cpuUtilizationAvgPercent ?? cpuPeak) / 100)}, busiest hour ${formatPercent(cpuPeak / 100)} of ${vcpu} vCPU`,
        chart: "cpu",
      },
      {
        label: "Memory",
        value: `average ${formatPercent((e.memoryUtilizationAvgPercent ?? memoryPeak) / 100)}, highest ${formatPercent(memoryPeak / 100)} of ${memoryGb} GB`,
        chart: "memory",
      },
      toTasksEvidence(e, tasks),
    ],
    assumptions: [
      `The busiest hour's CPU lands at ${formatPercent(settings.targetCpuUtilization)} of the new size; memory keeps 25 % above the highest use.`,
      "The same number of tasks runs; on-demand list rates (Spot and Savings Plans discount both sizes alike).",
    ],
    risks: [
      "Hourly averages hide minute-level peaks: watch CPU throttling and memory after the change, and keep autoscaling on CPU.",
    ],
    summary: `Right-size ${e.name} to ${proposedConfig} (from ${formatTaskSize(vcpu, memoryGb)}): ${describeSaving(savingUsd, savingPercent)}, ${confidence} confidence: busiest hour ${formatPercent(cpuPeak / 100)} CPU, memory at most ${formatPercent(memoryPeak / 100)}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Spot

/** A Spot rate for the region and architecture: from the bill (or the demo's rate), else the price book. */
export function findSpotRate(
  region: string,
  architecture: Architecture,
  spotRates: readonly SpotRate[],
  book: PriceBook,
): SpotRate | { vcpuHourUsd: number; gbHourUsd: number; source: "price-book" } | null {
  const billed = spotRates.find((r) => r.region === region && r.architecture === architecture);
  if (billed) return billed;
  const vcpuHourUsd = getRateUsd(book, region, `fargate.spot.linux.${architecture}.vcpu`);
  const gbHourUsd = getRateUsd(book, region, `fargate.spot.linux.${architecture}.memory`);
  if (vcpuHourUsd === null || gbHourUsd === null) return null;
  return { vcpuHourUsd, gbHourUsd, source: "price-book" };
}

export function isSpotTolerant(e: FargateEvidence, settings: RecommendSettings): boolean {
  return e.tags[settings.spotTolerantTag.key]?.toLowerCase() === settings.spotTolerantTag.value.toLowerCase();
}

export function recommendFargateSpot(
  e: FargateEvidence,
  settings: RecommendSettings,
  spotRates: readonly SpotRate[],
  book: PriceBook,
): Recommendation | null {
  if (e.os !== "linux" || e.spotWeight > 0 || !isSpotTolerant(e, settings)) return null;
  const tasks = toAverageTasks(e);
  if (!(tasks > 0)) return null;
  const rates = getOnDemandRates(e, book);
  const vcpu = toVcpu(e.cpuUnits);
  const memoryGb = toMemoryGb(e.memoryMb);
  const currentUsd = rates ? computeTaskMonthlyUsd(rates, vcpu, memoryGb, tasks) : null;
  const spot = findSpotRate(e.region, e.architecture, spotRates, book);
  let proposedUsd: number | null = null;
  if (spot && rates && currentUsd !== null) {
    const spotTasks = tasks * PROPOSED_SPOT_SHARE;
    const onDemandTasks = tasks - spotTasks;
    proposedUsd =
      computeTaskMonthlyUsd(rates, vcpu, memoryGb, onDemandTasks) +
      spotTasks * HOURS_PER_MONTH * (vcpu * spot.vcpuHourUsd + memoryGb * spot.gbHourUsd);
  }
  const savingUsd = currentUsd !== null && proposedUsd !== null ? currentUsd - proposedUsd : null;
  if (savingUsd !== null && !isWorthwhileSaving(savingUsd, currentUsd, settings)) return null;
  const savingPercent = toSavingPercent(savingUsd, currentUsd);
  const confidence: Confidence = spot === null ? "low" : spot.source === "bill" ? "high" : "medium";
  const rateText =
    spot === null
      ? "unknown: no Spot rate on the bill or in the price book for this region and architecture"
      : `${formatUnitPriceUsd(spot.vcpuHourUsd)} per vCPU-hour, ${formatUnitPriceUsd(spot.gbHourUsd)} per GB-hour (${
          spot.source === "bill"
            ? "from billed Spot usage in this region"
            : spot.source === "demo"
              ? "the demo's documented Spot rate"
              : "price book"
        })`;
  return {
    ...toBase(e, "fargate-spot"),
    currentConfig: "on-demand only",
    proposedConfig: "Fargate Spot 3 : on-demand 1 (capacity-provider weights)",
    proposed: { spotWeight: 3, onDemandWeight: 1, spotShare: PROPOSED_SPOT_SHARE },
    currentMonthlyCostUsd: currentUsd,
    proposedMonthlyCostUsd: proposedUsd,
    monthlySavingUsd: savingUsd,
    savingPercent,
    confidence,
    evidence: [
      {
        label: "Interruption tolerance",
        value: `tagged ${settings.spotTolerantTag.key}=${settings.spotTolerantTag.value}`,
      },
      { label: "Spot rate", value: rateText },
      toTasksEvidence(e, tasks),
    ],
    assumptions: [
      "A quarter of the tasks stay on demand as a base, the rest run on Fargate Spot.",
      "Spot prices move with supply and demand; the saving uses the rate named above.",
    ],
    risks: [
      "Spot tasks can be stopped with a two-minute warning: the service must drain work and retry safely.",
      "Spot capacity can be short in an Availability Zone; keep the on-demand base for availability.",
    ],
    summary: `Run most of ${e.name} on Fargate Spot: ${describeSaving(savingUsd, savingPercent)}, ${confidence} confidence: tagged interruption-tolerant, Spot rate ${spot === null ? "unknown" : spot.source === "bill" ? "from the bill" : spot.source === "demo" ? "from the demo's rate" : "from the price book"}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Fargate → Lambda

/**
 * One request per Lambda environment: the task's highest memory use (the whole reservation when
 * unknown), plus 25 % headroom, rounded up to 64 MB and clamped to Lambda's 128–10,240 MB.
 */
function toLambdaMemoryForService(e: FargateEvidence): { memoryUsedMb: number; lambdaMemoryMb: number } {
  const memoryUsedMb =
    ((e.memoryUtilizationPeakPercent ?? e.memoryUtilizationAvgPercent ?? 100) / 100) * e.memoryMb;
  const lambdaMemoryMb = Math.min(
    LAMBDA_MAX_MEMORY_MB,
    Math.max(LAMBDA_MIN_MEMORY_MB, Math.ceil((memoryUsedMb * FARGATE_RIGHT_SIZE_MEMORY_HEADROOM) / 64) * 64),
  );
  return { memoryUsedMb, lambdaMemoryMb };
}

export function recommendFargateToLambda(
  e: FargateEvidence,
  settings: RecommendSettings,
  book: PriceBook,
): Recommendation | null {
  if (e.os !== "linux") return null;
  if (e.requests === null || e.requestDurationMs === null || e.cpuUtilizationAvgPercent === null) return null;
  if (e.cpuUtilizationAvgPercent > FARGATE_IDLE_CPU_PERCENT) return null;
  if (!(e.requests > 0) || e.requestDurationMs >= LAMBDA_MAX_DURATION_MS) return null;
  const rates = getOnDemandRates(e, book);
  if (!rates) return null;
  const tasks = toAverageTasks(e);
  const vcpu = toVcpu(e.cpuUnits);
  const memoryGb = toMemoryGb(e.memoryMb);
  const currentUsd = computeTaskMonthlyUsd(rates, vcpu, memoryGb, tasks);
  const { memoryUsedMb, lambdaMemoryMb } = toLambdaMemoryForService(e);
  if (memoryUsedMb * FARGATE_RIGHT_SIZE_MEMORY_HEADROOM > LAMBDA_MAX_MEMORY_MB) return null;
  const architecture = e.architecture;
  const perInvocationUsd = computeCostPerInvocationUsd(
    book,
    e.region,
    architecture,
    lambdaMemoryMb,
    e.requestDurationMs,
  );
  if (perInvocationUsd === null) return null;
  const monthlyRequests = toMonthly(e.requests, e.windowDays);
  const lambdaUsd = perInvocationUsd * monthlyRequests;
  if (lambdaUsd * (1 + settings.migrationMargin) >= currentUsd) return null;
  const savingUsd = currentUsd - lambdaUsd;
  if (!isWorthwhileSaving(savingUsd, currentUsd, settings)) return null;
  const savingPercent = toSavingPercent(savingUsd, currentUsd);
  const idleHours = e.hourlyCpuPercent
    ? e.hourlyCpuPercent.filter((v) => v < FARGATE_IDLE_CPU_PERCENT).length
    : null;
  const confidence: Confidence = e.windowDays >= 14 && e.hourlyCpuPercent ? "high" : "medium";
  const proposedConfig = `Lambda ${formatMemoryMb(lambdaMemoryMb)} ${architecture}`;
  const requestsPerSecond = monthlyRequests / (HOURS_PER_MONTH * 3600);
  return {
    ...toBase(e, "fargate-to-lambda"),
    currentConfig: `${tasks.toFixed(1)} × ${formatTaskSize(vcpu, memoryGb)} tasks`,
    proposedConfig,
    proposed: { memoryMb: lambdaMemoryMb, architecture, frontDoor: "alb" },
    currentMonthlyCostUsd: currentUsd,
    proposedMonthlyCostUsd: lambdaUsd,
    monthlySavingUsd: savingUsd,
    savingPercent,
    confidence,
    evidence: [
      {
        label: "CPU",
        value: `average ${formatPercent(e.cpuUtilizationAvgPercent / 100)}${
          idleHours === null ? "" : `; ${idleHours} of 24 hours under ${FARGATE_IDLE_CPU_PERCENT} %`
        }`,
        chart: "cpu",
      },
      {
        label: "Requests",
        value: `${formatInteger(monthlyRequests)} a month (${requestsPerSecond.toFixed(2)} per second on average), ${formatDurationMs(e.requestDurationMs)} average response`,
      },
      {
        label: "Lambda",
        value: `${formatUsd(lambdaUsd)} a month at ${formatMemoryMb(lambdaMemoryMb)}, one request per environment`,
      },
    ],
    assumptions: [
      "The load balancer stays and targets the function (its cost is the same on both sides and left out).",
      "Each request runs as one invocation lasting the measured response time; payloads fit Lambda's 6 MB limit.",
      "Memory: the task's highest memory use plus 25 %, rounded up to 64 MB.",
    ],
    risks: [
      "Cold starts add latency to the first request after idle periods.",
      "Long-lived connections (WebSockets, streaming) and background threads do not fit Lambda's request model.",
    ],
    summary: `Move ${e.name} to Lambda (${proposedConfig}): ${describeSaving(savingUsd, savingPercent)}, ${confidence} confidence: average CPU ${formatPercent(e.cpuUtilizationAvgPercent / 100)}, ${requestsPerSecond.toFixed(2)} requests per second.`,
  };
}

/**
 * The what-if workload a service would be on Lambda: its requests as invocations of the measured
 * response time, memory from the task's highest use. Null when the request rate is unknown.
 */
export function toServiceWorkload(e: FargateEvidence, settings: RecommendSettings): Workload | null {
  if (e.requests === null || !(e.requests > 0) || e.requestDurationMs === null) return null;
  const { memoryUsedMb, lambdaMemoryMb: memoryMb } = toLambdaMemoryForService(e);
  const hourly =
    e.hourlyTasks && e.hourlyTasks.some((v) => v > 0) ? e.hourlyTasks : Array.from({ length: 24 }, () => 1);
  return {
    region: e.region,
    requestsPerMonth: toMonthly(e.requests, e.windowDays),
    hourlyShape: hourly,
    durationMs: Math.min(e.requestDurationMs, LAMBDA_MAX_DURATION_MS),
    memoryMb,
    architecture: e.architecture,
    cpuBoundShare: 0.4,
    parallelism: 1,
    maxMemoryUsedMb: Math.max(1, Math.round(Math.min(memoryUsedMb, memoryMb))),
    isFreeTierApplied: false,
    frontDoor: { kind: "none" },
    savingsPlan: null,
    provisionedConcurrency: null,
    coldStart: null,
    fargate: {
      os: e.os,
      isSpot: false,
      targetCpuUtilization: settings.targetCpuUtilization,
      minTasks: settings.minTasks,
      isAutoscaled: true,
    },
    rewrite: { durationFactor: 1, memoryFactor: 1 },
  };
}
