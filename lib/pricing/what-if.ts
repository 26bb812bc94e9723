import type {
  Architecture,
  FargateOs,
  Bill,
  BreakevenPoint,
  FargateOption,
  FargateTaskSize,
  FrontDoor,
  LambdaOption,
  WhatIfResult,
  Workload,
} from "./types";
import type { PriceBook, RateKey } from "./price-book";
import { mergeBills, noteUnknownRate } from "./bill";
import { DEFAULT_PRICE_BOOK } from "./default-price-book";
import { PricingInputError } from "./errors";
import { assertFargateTaskSize, computeFargateBill, listFargateTaskSizesShared } from "./fargate";
import { API_GATEWAY_TIER_ENDS, computeAlbLcusPerRequestPerSecond, computeFrontDoorBill } from "./front-door";
import type { AlbTargetType } from "./front-door";
import {
  LAMBDA_DURATION_TIER_ENDS_GB_SECONDS,
  LAMBDA_FREE_TIER_GB_SECONDS,
  LAMBDA_FREE_TIER_REQUESTS,
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_INIT_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  computeLambdaBill,
  computeProvisionedBilledSeconds,
} from "./lambda";
import type { DurationMeasurement } from "./memory-power";
import { LAMBDA_MEMORY_SIZES_MB, computeLambdaVcpu, estimateDurationMs } from "./memory-power";
import { describeRate, getRateUsd } from "./price-book";
import { applySavingsPlan, validateSavingsPlan } from "./savings-plan";
import { normalizeHourlyShape } from "./traffic-shape";
import {
  DAYS_PER_MONTH,
  HOURS_PER_MONTH,
  MB_PER_GB,
  MS_PER_SECOND,
  SECONDS_PER_HOUR,
  formatLabelNumber,
  roundUpToWholeMs,
} from "./units";
import { assertNumberInRange, assertOneOf, assertRegion } from "./validate";

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
/** Request rates the break-even sweep prices: log-spaced from 10⁴ to 10¹⁰ requests per month. */
export const BREAKEVEN_SWEEP_MIN_REQUESTS = 1e4;
export const BREAKEVEN_SWEEP_MAX_REQUESTS = 1e10;
export const BREAKEVEN_SWEEP_POINTS = 50;

const ARCHITECTURES: readonly Architecture[] = ["x86_64", "arm64"];
const MAX_REQUESTS_PER_MONTH = 1e13;

// ---------------------------------------------------------------------------------------------
// Validation

function validateFrontDoor(frontDoor: FrontDoor): void {
  const kind = assertOneOf("frontDoor.kind", frontDoor?.kind, [
    "none",
    "http-api",
    "rest-api",
    "alb",
  ] as const);
  if (kind === "alb" && frontDoor.kind === "alb") {
    assertNumberInRange("frontDoor.bytesPerRequest", frontDoor.bytesPerRequest, 0, 1e9, "bytes");
    assertNumberInRange("frontDoor.rules", frontDoor.rules, 0, 1000, "rules");
    assertNumberInRange(
      "frontDoor.newConnectionsPerRequest",
      frontDoor.newConnectionsPerRequest,
      0,
      1,
      "per request",
    );
    assertNumberInRange("frontDoor.connectionSeconds", frontDoor.connectionSeconds, 0, 604_800, "seconds");
  }
}

/** Throws PricingInputError for any out-of-range or inconsistent field of a Workload. */
export function validateWorkload(workload: Workload): void {
  assertRegion("region", workload.region);
  assertNumberInRange("requestsPerMonth", workload.requestsPerMonth, 0, MAX_REQUESTS_PER_MONTH, "requests");
  normalizeHourlyShape(workload.hourlyShape);
  assertNumberInRange("durationMs", workload.durationMs, 0, LAMBDA_MAX_DURATION_MS, "ms");
  assertNumberInRange("memoryMb", workload.memoryMb, LAMBDA_MIN_MEMORY_MB, LAMBDA_MAX_MEMORY_MB, "MB");
  if (!Number.isInteger(workload.memoryMb)) {
    throw new PricingInputError(
      "memoryMb",
      `memoryMb must be a whole number of MB; got ${workload.memoryMb}`,
    );
  }
  assertOneOf("architecture", workload.architecture, ARCHITECTURES);
  assertNumberInRange("cpuBoundShare", workload.cpuBoundShare, 0, 1, "(fraction)");
  assertNumberInRange("parallelism", workload.parallelism, 1, 64, "threads");
  assertNumberInRange("maxMemoryUsedMb", workload.maxMemoryUsedMb, 0, 1e6, "MB");
  if (typeof workload.isFreeTierApplied !== "boolean") {
    throw new PricingInputError("isFreeTierApplied", "isFreeTierApplied must be true or false");
  }
  validateFrontDoor(workload.frontDoor);
  if (workload.savingsPlan) validateSavingsPlan(workload.savingsPlan);
  const pc = workload.provisionedConcurrency;
  if (pc) {
    assertNumberInRange("provisionedConcurrency.count", pc.count, 0, 1e6, "environments");
    assertNumberInRange("provisionedConcurrency.hoursPerDay", pc.hoursPerDay, 0, 24, "hours");
  }
  const coldStart = workload.coldStart;
  if (coldStart) {
    assertNumberInRange("coldStart.coldStartShare", coldStart.coldStartShare, 0, 1, "(fraction)");
    assertNumberInRange(
      "coldStart.initDurationMs",
      coldStart.initDurationMs,
      0,
      LAMBDA_MAX_INIT_DURATION_MS,
      "ms",
    );
  }
  const fargate = workload.fargate;
  assertOneOf("fargate.os", fargate?.os, ["linux", "windows"] as const);
  if (typeof fargate.isSpot !== "boolean")
    throw new PricingInputError("fargate.isSpot", "fargate.isSpot must be true or false");
  if (fargate.isSpot && fargate.os === "windows") {
    throw new PricingInputError("fargate.isSpot", "Fargate Spot runs Linux tasks only; got os windows");
  }
  assertNumberInRange("fargate.targetCpuUtilization", fargate.targetCpuUtilization, 0.05, 1, "(fraction)");
  assertNumberInRange("fargate.minTasks", fargate.minTasks, 0, 10_000, "tasks");
  if (!Number.isInteger(fargate.minTasks)) {
    throw new PricingInputError(
      "fargate.minTasks",
      `fargate.minTasks must be a whole number; got ${fargate.minTasks}`,
    );
  }
  if (typeof fargate.isAutoscaled !== "boolean") {
    throw new PricingInputError("fargate.isAutoscaled", "fargate.isAutoscaled must be true or false");
  }
  assertNumberInRange("rewrite.durationFactor", workload.rewrite?.durationFactor, 0.01, 10, "×");
  assertNumberInRange("rewrite.memoryFactor", workload.rewrite.memoryFactor, 0.01, 10, "×");
  if (workload.durationMs * workload.rewrite.durationFactor > LAMBDA_MAX_DURATION_MS) {
    throw new PricingInputError(
      "rewrite.durationFactor",
      `durationMs × rewrite.durationFactor is ${workload.durationMs * workload.rewrite.durationFactor} ms, over the 15-minute Lambda timeout`,
    );
  }
  if (workload.canSwitchArchitecture !== undefined && typeof workload.canSwitchArchitecture !== "boolean") {
    throw new PricingInputError("canSwitchArchitecture", "canSwitchArchitecture must be true or false");
  }
  if (workload.otherArchitectureDurationFactor !== undefined) {
    assertNumberInRange(
      "otherArchitectureDurationFactor",
      workload.otherArchitectureDurationFactor,
      0.1,
      10,
      "×",
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Prepared context: rates resolved once (NaN = unknown, turned into null at the boundary), the
// traffic shape normalised, the PC hours chosen. The sweep runs on plain numbers from here.

type LambdaRates = {
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

type TaskGroup = TaskSizeGroup & {
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

function noteMissing(context: WhatIfContext, key: string): void {
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

// ---------------------------------------------------------------------------------------------
// Scalar fast paths (no Bill objects). Each mirrors the itemized bill it stands for; a unit test
// checks they agree for random workloads.

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
function estimateProvisionedRequests(
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

function estimateFrontDoorUsd(
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
function estimateLambdaUsdRaw(
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
function estimateTaskHours(
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

function estimateFargateUsdFromTaskHours(
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

function toKnownUsd(value: number): number | null {
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

// ---------------------------------------------------------------------------------------------
// Itemized bills for a what-if option (compute + front door, then the Savings Plan).

export function computeWhatIfLambdaBill(
  context: WhatIfContext,
  architecture: Architecture,
  memoryMb: number,
  requestsPerMonth: number,
): Bill {
  const { workload, book, region } = context;
  const durationMs = estimateWhatIfDurationMs(context, architecture, memoryMb);
  const billedMs = roundUpToWholeMs(durationMs);
  const pcRequests = estimateProvisionedRequests(context, requestsPerMonth, billedMs);
  const onDemandRequests = requestsPerMonth - pcRequests;
  const computeBill = computeLambdaBill(
    {
      region,
      architecture,
      memoryMb,
      requestsPerMonth,
      durationMs,
      isFreeTierApplied: workload.isFreeTierApplied,
      provisionedConcurrency: context.hasPc
        ? { count: context.pcCount, hoursPerMonth: context.pcHoursPerMonth, requests: pcRequests, durationMs }
        : undefined,
      init:
        workload.coldStart && context.coldStartShare > 0
          ? {
              coldStartsPerMonth: context.coldStartShare * onDemandRequests,
              initDurationMs: workload.coldStart.initDurationMs,
            }
          : undefined,
    },
    book,
  );
  const frontDoorBill = computeFrontDoorBill(
    workload.frontDoor,
    { requestsPerMonth },
    region,
    "lambda",
    book,
  );
  return applySavingsPlan(mergeBills(computeBill, frontDoorBill), workload.savingsPlan);
}

export function computeWhatIfFargateBill(
  context: WhatIfContext,
  architecture: Architecture,
  size: FargateTaskSize,
  requestsPerMonth: number,
): Bill {
  const { workload, book, region } = context;
  assertFargateTaskSize(workload.fargate.os, architecture, size.vcpu, size.memoryGb);
  const taskHours = estimateTaskHours(context, architecture, size.vcpu, requestsPerMonth);
  // Expressed as the average number of tasks running all month (730 one-hour runs each).
  const computeBill = computeFargateBill(
    {
      region,
      architecture,
      os: workload.fargate.os,
      vcpu: size.vcpu,
      memoryGb: size.memoryGb,
      tasks: taskHours / HOURS_PER_MONTH,
      runSeconds: SECONDS_PER_HOUR,
      runsPerTask: HOURS_PER_MONTH,
      isSpot: workload.fargate.isSpot,
    },
    book,
  );
  const frontDoorBill = computeFrontDoorBill(workload.frontDoor, { requestsPerMonth }, region, "ip", book);
  return applySavingsPlan(mergeBills(computeBill, frontDoorBill), workload.savingsPlan);
}

// ---------------------------------------------------------------------------------------------
// The what-if

function describeLambdaInfeasibility(
  context: WhatIfContext,
  memoryMb: number,
  durationMs: number,
): string | null {
  if (context.requiredMemoryMb > memoryMb) {
    return `needs ${formatLabelNumber(Math.ceil(context.requiredMemoryMb))} MB but has ${formatLabelNumber(memoryMb)} MB`;
  }
  if (durationMs > LAMBDA_MAX_DURATION_MS) return "exceeds the 15-minute timeout";
  return null;
}

function listMemorySizes(workload: Workload): number[] {
  const sizes = LAMBDA_MEMORY_SIZES_MB.includes(workload.memoryMb)
    ? [...LAMBDA_MEMORY_SIZES_MB]
    : [...LAMBDA_MEMORY_SIZES_MB, workload.memoryMb].sort((a, b) => a - b);
  return sizes;
}

type LambdaCandidate = {
  architecture: Architecture;
  rates: LambdaRates;
  memoryMb: number;
  billedMs: number;
  isFeasible: boolean;
};

function cheapestLambdaUsd(
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

function cheapestFargateUsd(context: WhatIfContext, requestsPerMonth: number): number {
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
function selectSweepCandidates(
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
const SWEEP_REQUESTS = listBreakevenSweepRequests();

/**
 * Lambda vs Fargate for one workload: Lambda at every memory size (both architectures unless
 * `canSwitchArchitecture` is false), Fargate at every valid task size, a sweep of request rates and
 * the crossover. Scalar maths for the grid and the sweep; itemized bills only for the three
 * returned. See README.md ("What-if model") for every assumption.
 */
export function computeWhatIf(workload: Workload, book: PriceBook = DEFAULT_PRICE_BOOK): WhatIfResult {
  const context = prepareWhatIf(workload, book);
  const requestsPerMonth = workload.requestsPerMonth;
  const memorySizes = listMemorySizes(workload);

  // Lambda grid at the workload's request rate.
  const candidates: LambdaCandidate[] = [];
  const lambdaOptions: LambdaOption[] = [];
  let current: LambdaOption | null = null;
  let cheapestLambda: LambdaOption | null = null;
  const lambdaFrontDoorUsd = estimateFrontDoorUsd(context, requestsPerMonth, "lambda");
  for (const architecture of context.architectures) {
    for (const memoryMb of memorySizes) {
      const durationMs = estimateWhatIfDurationMs(context, architecture, memoryMb);
      const infeasibleReason = describeLambdaInfeasibility(context, memoryMb, durationMs);
      const billedMs = roundUpToWholeMs(durationMs);
      const isFeasible = infeasibleReason === null;
      candidates.push({
        architecture,
        rates: context.lambdaRates[architecture],
        memoryMb,
        billedMs,
        isFeasible,
      });
      const usd = estimateLambdaUsdRaw(
        context,
        architecture,
        memoryMb,
        billedMs,
        requestsPerMonth,
        lambdaFrontDoorUsd,
      );
      const option: LambdaOption = {
        memoryMb,
        architecture,
        durationMs,
        // Infeasible options have no price: they cannot run as described.
        monthlyCostUsd: isFeasible ? toKnownUsd(usd) : null,
        isFeasible,
        infeasibleReason,
      };
      lambdaOptions.push(option);
      if (architecture === workload.architecture && memoryMb === workload.memoryMb) current = option;
      if (
        isFeasible &&
        option.monthlyCostUsd !== null &&
        (cheapestLambda === null || option.monthlyCostUsd < (cheapestLambda.monthlyCostUsd ?? Infinity))
      ) {
        cheapestLambda = option;
      }
    }
  }
  if (!current) throw new Error("unreachable: the current memory size is always on the grid");

  // Fargate grid at the workload's request rate.
  const fargateOptions: FargateOption[] = [];
  let cheapestFargate: FargateOption | null = null;
  const fargateFrontDoorUsd = estimateFrontDoorUsd(context, requestsPerMonth, "ip");
  for (const group of context.taskGroups) {
    const taskHours = estimateTaskHours(context, group.architecture, group.vcpu, requestsPerMonth);
    const peakTasks = context.peakTasks;
    const tooManyTasksReason =
      peakTasks > FARGATE_MAX_TASKS_PER_SERVICE
        ? `needs ${formatLabelNumber(peakTasks)} tasks at peak; an ECS service runs at most 5,000`
        : null;
    group.memoryGb.forEach((memoryGb, index) => {
      const isMemoryFeasible = group.firstFeasibleIndex !== -1 && index >= group.firstFeasibleIndex;
      const isFeasible = isMemoryFeasible && tooManyTasksReason === null;
      const usd = estimateFargateUsdFromTaskHours(
        context,
        group.architecture,
        group.vcpu,
        memoryGb,
        taskHours,
        fargateFrontDoorUsd,
      );
      const option: FargateOption = {
        vcpu: group.vcpu,
        memoryGb,
        architecture: group.architecture,
        averageTasks: taskHours / HOURS_PER_MONTH,
        peakTasks,
        monthlyCostUsd: isFeasible ? toKnownUsd(usd) : null,
        isFeasible,
        infeasibleReason: isFeasible
          ? null
          : (tooManyTasksReason ??
            `needs ${formatLabelNumber(Math.ceil(context.requiredMemoryMb * FARGATE_MEMORY_HEADROOM))} MB ` +
              `(peak + 25% headroom) but has ${formatLabelNumber(memoryGb * MB_PER_GB)} MB`),
      };
      fargateOptions.push(option);
      if (
        isFeasible &&
        option.monthlyCostUsd !== null &&
        (cheapestFargate === null || option.monthlyCostUsd < (cheapestFargate.monthlyCostUsd ?? Infinity))
      ) {
        cheapestFargate = option;
      }
    });
  }

  // Sweep and crossover, over the candidates that can be cheapest at some request rate.
  const sweepCandidates = selectSweepCandidates(context, candidates);
  const sweep: BreakevenPoint[] = [];
  const differences: number[] = [];
  for (const requests of SWEEP_REQUESTS) {
    const lambdaUsd = cheapestLambdaUsd(context, sweepCandidates, requests);
    const fargateUsd = cheapestFargateUsd(context, requests);
    sweep.push({
      requestsPerMonth: requests,
      cheapestLambdaUsd: toKnownUsd(lambdaUsd),
      cheapestFargateUsd: toKnownUsd(fargateUsd),
    });
    differences.push(lambdaUsd - fargateUsd);
  }
  const crossovers: number[] = [];
  for (let index = 1; index < SWEEP_REQUESTS.length; index += 1) {
    const before = differences[index - 1] ?? Number.NaN;
    const after = differences[index] ?? Number.NaN;
    if (!Number.isFinite(before) || !Number.isFinite(after)) continue;
    if ((before < 0 && after >= 0) || (before > 0 && after <= 0)) {
      crossovers.push(
        refineCrossover(
          context,
          candidates,
          SWEEP_REQUESTS[index - 1] ?? 0,
          SWEEP_REQUESTS[index] ?? 0,
          before,
        ),
      );
    }
  }

  const bills = {
    current: computeWhatIfLambdaBill(context, workload.architecture, workload.memoryMb, requestsPerMonth),
    cheapestLambda: cheapestLambda
      ? computeWhatIfLambdaBill(
          context,
          (cheapestLambda as LambdaOption).architecture,
          (cheapestLambda as LambdaOption).memoryMb,
          requestsPerMonth,
        )
      : null,
    cheapestFargate: cheapestFargate
      ? computeWhatIfFargateBill(
          context,
          (cheapestFargate as FargateOption).architecture ?? workload.architecture,
          cheapestFargate as FargateOption,
          requestsPerMonth,
        )
      : null,
  };
  for (const bill of [bills.current, bills.cheapestLambda, bills.cheapestFargate]) {
    for (const description of bill?.unknownRates ?? []) noteUnknownRate(context, description);
  }
  // Core rates every option needs: report them even if no bill above used them.
  for (const architecture of context.architectures) {
    noteMissingIfUnknown(context, `lambda.${architecture}.requests`);
    noteMissingIfUnknown(context, `lambda.${architecture}.duration.tier-1`);
    if (context.hasPc) {
      noteMissingIfUnknown(context, `lambda.${architecture}.provisioned-concurrency`);
      noteMissingIfUnknown(context, `lambda.${architecture}.provisioned-duration`);
    }
  }
  for (const group of context.taskGroups) {
    const prefix = workload.fargate.isSpot
      ? `fargate.spot.linux.${group.architecture}`
      : `fargate.${workload.fargate.os}.${group.architecture}`;
    noteMissingIfUnknown(context, `${prefix}.vcpu`);
    noteMissingIfUnknown(context, `${prefix}.memory`);
    if (workload.fargate.os === "windows") noteMissingIfUnknown(context, "fargate.windows.x86_64.os-license");
  }

  return {
    current,
    lambdaOptions,
    cheapestLambda,
    fargateOptions,
    cheapestFargate,
    sweep,
    crossoverRequestsPerMonth: crossovers[0] ?? null,
    crossoversRequestsPerMonth: crossovers,
    bills,
    priceVersion: book.version,
    unknownRates: context.unknownRates,
  };
}

function noteMissingIfUnknown(context: WhatIfContext, key: string): void {
  if (context.missing.has(key)) noteMissing(context, key);
}

/** Bisection in log space between two sweep points whose cost difference changes sign. */
function refineCrossover(
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

/**
 * Fraction of provisioned GB-s that must be busy for provisioned concurrency to beat on-demand
 * (tier 1): u* = PC rate / (on-demand rate − PC duration rate). ≈ 0.60 in us-east-1
 * (docs/aws-facts.md §1.7). Null when a rate is unknown for the region.
 */
export function computeProvisionedConcurrencyBreakevenUtilization(
  region: string,
  architecture: Architecture,
  book: PriceBook = DEFAULT_PRICE_BOOK,
): number | null {
  assertRegion("region", region);
  assertOneOf("architecture", architecture, ARCHITECTURES);
  const pcUsd = getRateUsd(book, region, `lambda.${architecture}.provisioned-concurrency`);
  const pcDurationUsd = getRateUsd(book, region, `lambda.${architecture}.provisioned-duration`);
  const onDemandUsd = getRateUsd(book, region, `lambda.${architecture}.duration.tier-1`);
  if (pcUsd === null || pcDurationUsd === null || onDemandUsd === null || onDemandUsd <= pcDurationUsd)
    return null;
  return pcUsd / (onDemandUsd - pcDurationUsd);
}
