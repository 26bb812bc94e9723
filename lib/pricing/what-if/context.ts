/**
 * What-if, prepared context: rates resolved once (NaN = unknown, turned into null at the boundary),
 * the traffic shape normalised, the PC hours chosen. The estimates and the sweep run on plain
 * numbers from here.
 */
import { noteUnknownRate } from "../bill";
import { DEFAULT_PRICE_BOOK } from "../default-price-book";
import { listFargateTaskSizesShared } from "../fargate";
import type { AlbTargetType } from "../front-door";
import { API_GATEWAY_TIER_ENDS, computeAlbLcusPerRequestPerSecond } from "../front-door";
import { computeProvisionedBilledSeconds, LAMBDA_DURATION_TIER_ENDS_GB_SECONDS } from "../lambda";
import type { DurationMeasurement } from "../memory-power";
import { computeLambdaVcpu } from "../memory-power";
import type { PriceBook, RateKey } from "../price-book";
import { describeRate, getRateUsd } from "../price-book";
import { normalizeHourlyShape } from "../traffic-shape";
import type { Architecture, FargateOs, Workload } from "../types";
import { ARCHITECTURES } from "../types";
import { DAYS_PER_MONTH, MB_PER_GB, MS_PER_SECOND, roundUpToWholeMs, SECONDS_PER_HOUR } from "../units";
import { validateWorkload } from "./validate";

/**
 * A Fargate task must hold the function's peak memory plus this much headroom (runtime, sidecar
 * agents and concurrent requests sharing one process). 1.25 = 25% above `maxMemoryUsedMb`.
 */
export const FARGATE_MEMORY_HEADROOM = 1.25;
/**
 * An ECS service runs at most 5,000 tasks (ECS service quota "tasks per service"); a task size that
 * would need more at peak is infeasible.
 */
export const FARGATE_MAX_TASKS_PER_SERVICE = 5000;

export type LambdaRates = {
  requestUsd: number;
  tierUsd: [number, number, number];
  tier1EndGbSeconds: number;
  tier2EndGbSeconds: number;
  pcUsd: number;
  pcDurationUsd: number;
};

type FargateRates = { vcpuUsd: number; memoryUsd: number; osUsd: number };

type FrontDoorRates = {
  tierUsd: number[];
  tierEnds: readonly number[];
  albHourUsd: number;
  albLcuUsd: number;
  /** LCU-hours per request for each ALB target type (0 without an ALB). */
  albLcuHoursPerRequest: Record<AlbTargetType, number>;
};

type TaskSizeGroup = {
  architecture: Architecture;
  vcpu: number;
  /** Valid memory sizes for this vCPU, ascending. */
  memoryGb: readonly number[];
};

export type TaskGroup = TaskSizeGroup & {
  /** Index of the first memory size that holds the workload (sizes from there on do), or -1. */
  firstFeasibleIndex: number;
  /** Smallest feasible memory (the cheapest for this vCPU), or -1. */
  cheapestMemoryGb: number;
};

const TASK_SIZE_GROUP_CACHE = new Map<string, readonly TaskSizeGroup[]>();

/** Valid task sizes grouped by vCPU for one platform (built once, shared). */
function listTaskSizeGroups(os: FargateOs, architecture: Architecture): readonly TaskSizeGroup[] {
  const key = `${os}/${architecture}`;
  let groups = TASK_SIZE_GROUP_CACHE.get(key);
  if (!groups) {
    const byVcpu = new Map<number, number[]>();
    for (const size of listFargateTaskSizesShared(os, architecture)) {
      byVcpu.set(size.vcpu, [...(byVcpu.get(size.vcpu) ?? []), size.memoryGb]);
    }
    groups = [...byVcpu].map(([vcpu, memoryGb]) => ({ architecture, vcpu, memoryGb }));
    TASK_SIZE_GROUP_CACHE.set(key, groups);
  }
  return groups;
}

export type WhatIfContext = {
  workload: Workload;
  book: PriceBook;
  region: string;
  shape: Float64Array;
  /** Traffic shares of the hours that carry provisioned concurrency (busiest first) and the fraction of each hour covered. */
  pcHourShares: Float64Array;
  pcHourFractions: Float64Array;
  /** Σ of the first k fractions, and Σ fraction·share from k on (length = hours + 1). */
  pcFractionPrefix: Float64Array;
  pcWeightedShareSuffix: Float64Array;
  pcCount: number;
  pcHoursPerMonth: number;
  pcBilledSeconds: number;
  hasPc: boolean;
  coldStartShare: number;
  initBilledMs: number;
  referenceDurationMs: number;
  /** The (rewritten) measurement the memory-power model scales from. */
  durationMeasurement: DurationMeasurement;
  requiredMemoryMb: number;
  architectures: Architecture[];
  architectureDurationFactor: Record<Architecture, number>;
  lambdaRates: Record<Architecture, LambdaRates>;
  fargateRates: Record<Architecture, FargateRates>;
  frontDoorRates: FrontDoorRates;
  isFreeTierApplied: boolean;
  lambdaDiscount: number;
  fargateDiscount: number;
  cpuSecondsPerRequest: Record<Architecture, number>;
  taskGroups: TaskGroup[];
  /** Descriptions of unknown rates some priced option needed. */
  unknownRates: string[];
  /** Scratch: peak tasks of the last estimateTaskHours call. */
  peakTasks: number;
  /** Rate keys found missing in the book, with their descriptions (reported when used). */
  missing: Map<string, string>;
};

function resolveRate(book: PriceBook, region: string, key: RateKey, missing: Map<string, string>): number {
  const usd = getRateUsd(book, region, key);
  if (usd === null) {
    missing.set(key, describeRate(key, region));
    return Number.NaN;
  }
  return usd;
}

export function noteMissing(context: WhatIfContext, key: string): void {
  const description = context.missing.get(key);
  if (description) noteUnknownRate(context, description);
}

export function prepareWhatIf(workload: Workload, book: PriceBook = DEFAULT_PRICE_BOOK): WhatIfContext {
  validateWorkload(workload);
  const { region } = workload;
  const missing = new Map<string, string>();
  const shape = Float64Array.from(normalizeHourlyShape(workload.hourlyShape));
  const isOtherArchitectureAllowed = workload.canSwitchArchitecture !== false;
  const otherArchitecture: Architecture = workload.architecture === "x86_64" ? "arm64" : "x86_64";
  const architectures: Architecture[] = isOtherArchitectureAllowed
    ? [workload.architecture, otherArchitecture]
    : [workload.architecture];
  const otherFactor = workload.otherArchitectureDurationFactor ?? 1;
  const architectureDurationFactor = {
    x86_64: workload.architecture === "x86_64" ? 1 : otherFactor,
    arm64: workload.architecture === "arm64" ? 1 : otherFactor,
  } as Record<Architecture, number>;

  const lambdaRates = {} as Record<Architecture, LambdaRates>;
  const fargateRates = {} as Record<Architecture, FargateRates>;
  for (const architecture of ARCHITECTURES) {
    lambdaRates[architecture] = {
      requestUsd: resolveRate(book, region, `lambda.${architecture}.requests`, missing),
      tierUsd: [
        resolveRate(book, region, `lambda.${architecture}.duration.tier-1`, missing),
        resolveRate(book, region, `lambda.${architecture}.duration.tier-2`, missing),
        resolveRate(book, region, `lambda.${architecture}.duration.tier-3`, missing),
      ],
      tier1EndGbSeconds: LAMBDA_DURATION_TIER_ENDS_GB_SECONDS[architecture][0],
      tier2EndGbSeconds: LAMBDA_DURATION_TIER_ENDS_GB_SECONDS[architecture][1],
      pcUsd: resolveRate(book, region, `lambda.${architecture}.provisioned-concurrency`, missing),
      pcDurationUsd: resolveRate(book, region, `lambda.${architecture}.provisioned-duration`, missing),
    };
    const { os, isSpot } = workload.fargate;
    const prefix = isSpot ? `fargate.spot.linux.${architecture}` : `fargate.${os}.${architecture}`;
    const isValidPlatform = !(os === "windows" && architecture === "arm64");
    fargateRates[architecture] = isValidPlatform
      ? {
          vcpuUsd: resolveRate(book, region, `${prefix}.vcpu` as RateKey, missing),
          memoryUsd: resolveRate(book, region, `${prefix}.memory` as RateKey, missing),
          osUsd:
            os === "windows" ? resolveRate(book, region, "fargate.windows.x86_64.os-license", missing) : 0,
        }
      : { vcpuUsd: Number.NaN, memoryUsd: Number.NaN, osUsd: Number.NaN };
  }

  const frontDoor = workload.frontDoor;
  const api = frontDoor.kind === "rest-api" ? "rest" : "http";
  const frontDoorRates: FrontDoorRates = {
    tierEnds: API_GATEWAY_TIER_ENDS[api],
    tierUsd:
      frontDoor.kind === "http-api" || frontDoor.kind === "rest-api"
        ? API_GATEWAY_TIER_ENDS[api]
            .concat([Infinity])
            .map((_, index) =>
              resolveRate(book, region, `apigateway.${api}.tier-${index + 1}` as RateKey, missing),
            )
        : [],
    albHourUsd: frontDoor.kind === "alb" ? resolveRate(book, region, "alb.hours", missing) : 0,
    albLcuUsd: frontDoor.kind === "alb" ? resolveRate(book, region, "alb.lcu", missing) : 0,
    albLcuHoursPerRequest: {
      lambda:
        frontDoor.kind === "alb"
          ? computeAlbLcusPerRequestPerSecond({ ...frontDoor, targetType: "lambda" })
              .lcusPerRequestPerSecond / SECONDS_PER_HOUR
          : 0,
      ip:
        frontDoor.kind === "alb"
          ? computeAlbLcusPerRequestPerSecond({ ...frontDoor, targetType: "ip" }).lcusPerRequestPerSecond /
            SECONDS_PER_HOUR
          : 0,
    },
  };

  // Provisioned concurrency covers the busiest `hoursPerDay` hours of the shape.
  const pc = workload.provisionedConcurrency;
  const pcHoursPerDay = pc?.hoursPerDay ?? 0;
  const hasPc = !!pc && pc.count > 0 && pcHoursPerDay > 0;
  const order = Array.from({ length: 24 }, (_, hour) => hour).sort(
    (a, b) => (shape[b] ?? 0) - (shape[a] ?? 0) || a - b,
  );
  const pcHourCount = Math.ceil(pcHoursPerDay - 1e-9);
  const pcHourShares = Float64Array.from(order.slice(0, pcHourCount), (hour) => shape[hour] ?? 0);
  const pcHourFractions = Float64Array.from(pcHourShares, (_, index) =>
    Math.min(1, Math.max(0, pcHoursPerDay - index)),
  );
  const pcFractionPrefix = new Float64Array(pcHourShares.length + 1);
  const pcWeightedShareSuffix = new Float64Array(pcHourShares.length + 1);
  for (let index = 0; index < pcHourShares.length; index += 1) {
    pcFractionPrefix[index + 1] = (pcFractionPrefix[index] as number) + (pcHourFractions[index] as number);
  }
  for (let index = pcHourShares.length - 1; index >= 0; index -= 1) {
    pcWeightedShareSuffix[index] =
      (pcWeightedShareSuffix[index + 1] as number) +
      (pcHourFractions[index] as number) * (pcHourShares[index] as number);
  }
  const pcHoursPerMonth = pcHoursPerDay * DAYS_PER_MONTH;

  const referenceDurationMs = workload.durationMs * workload.rewrite.durationFactor;
  const requiredMemoryMb = workload.maxMemoryUsedMb * workload.rewrite.memoryFactor;
  const referenceVcpu = Math.min(computeLambdaVcpu(workload.memoryMb), workload.parallelism);
  const cpuSecondsPerRequest = {} as Record<Architecture, number>;
  for (const architecture of ARCHITECTURES) {
    cpuSecondsPerRequest[architecture] =
      (workload.cpuBoundShare *
        referenceDurationMs *
        architectureDurationFactor[architecture] *
        referenceVcpu) /
      MS_PER_SECOND;
  }

  const taskGroups: TaskGroup[] = [];
  const fargateArchitectures =
    workload.fargate.os === "windows" ? architectures.filter((a) => a === "x86_64") : architectures;
  const requiredTaskMemoryMb = requiredMemoryMb * FARGATE_MEMORY_HEADROOM;
  for (const architecture of fargateArchitectures) {
    for (const group of listTaskSizeGroups(workload.fargate.os, architecture)) {
      const firstFeasibleIndex = group.memoryGb.findIndex(
        (memoryGb) => memoryGb * MB_PER_GB >= requiredTaskMemoryMb,
      );
      taskGroups.push({
        ...group,
        firstFeasibleIndex,
        cheapestMemoryGb: firstFeasibleIndex === -1 ? -1 : (group.memoryGb[firstFeasibleIndex] as number),
      });
    }
  }

  return {
    workload,
    book,
    region,
    shape,
    pcHourShares,
    pcHourFractions,
    pcFractionPrefix,
    pcWeightedShareSuffix,
    pcCount: hasPc ? pc.count : 0,
    pcHoursPerMonth,
    pcBilledSeconds: hasPc ? computeProvisionedBilledSeconds(pcHoursPerMonth) : 0,
    hasPc,
    coldStartShare: workload.coldStart?.coldStartShare ?? 0,
    initBilledMs: workload.coldStart ? roundUpToWholeMs(workload.coldStart.initDurationMs) : 0,
    referenceDurationMs,
    durationMeasurement: {
      durationMs: referenceDurationMs,
      memoryMb: workload.memoryMb,
      cpuBoundShare: workload.cpuBoundShare,
      parallelism: workload.parallelism,
    },
    requiredMemoryMb,
    architectures,
    architectureDurationFactor,
    lambdaRates,
    fargateRates,
    frontDoorRates,
    isFreeTierApplied: workload.isFreeTierApplied,
    lambdaDiscount: workload.savingsPlan?.lambdaDiscount ?? 0,
    fargateDiscount: workload.savingsPlan?.fargateDiscount ?? 0,
    cpuSecondsPerRequest,
    taskGroups,
    unknownRates: [],
    peakTasks: 0,
    missing,
  };
}
