/**
 * What-if, the answer: Lambda at every memory size and Fargate at every task size for one workload,
 * the sweep and its crossovers, and the itemized bills of the three options shown.
 */
import { noteUnknownRate } from "../bill";
import { DEFAULT_PRICE_BOOK } from "../default-price-book";
import { LAMBDA_MAX_DURATION_MS } from "../lambda";
import { LAMBDA_MEMORY_SIZES_MB } from "../memory-power";
import type { PriceBook } from "../price-book";
import { getRateUsd } from "../price-book";
import type {
  Architecture,
  BreakevenPoint,
  FargateOption,
  LambdaOption,
  WhatIfResult,
  Workload,
} from "../types";
import { ARCHITECTURES } from "../types";
import { formatLabelNumber, HOURS_PER_MONTH, MB_PER_GB, roundUpToWholeMs } from "../units";
import { assertOneOf, assertRegion } from "../validate";
import { computeWhatIfFargateBill, computeWhatIfLambdaBill } from "./bills";
import type { WhatIfContext } from "./context";
import {
  FARGATE_MAX_TASKS_PER_SERVICE,
  FARGATE_MEMORY_HEADROOM,
  noteMissing,
  prepareWhatIf,
} from "./context";
import {
  estimateFargateUsdFromTaskHours,
  estimateFrontDoorUsd,
  estimateLambdaUsdRaw,
  estimateTaskHours,
  estimateWhatIfDurationMs,
  toKnownUsd,
} from "./estimate";
import type { LambdaCandidate } from "./sweep";
import {
  cheapestFargateUsd,
  cheapestLambdaUsd,
  refineCrossover,
  selectSweepCandidates,
  SWEEP_REQUESTS,
} from "./sweep";

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
