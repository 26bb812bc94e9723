/**
 * Breakeven's pricing engine: pure TypeScript, runs in the browser and on the server.
 * See README.md in this folder for every formula, unit, source and invariant.
 */
export type * from "./types";
export { ARCHITECTURES, FARGATE_OSES } from "./types";
export type { PriceBook, PriceSource, Rate, RateConfidence, RateKey, RegionPrices } from "./price-book";
export type { AlbTargetType, AlbUsage, ApiGatewayUsage, FrontDoorTraffic } from "./front-door";
export type { DurationMeasurement } from "./memory-power";
export type { WhatIfContext } from "./what-if";

export { PricingInputError } from "./errors";
export { DEFAULT_PRICE_BOOK, listPriceRegions } from "./default-price-book";
export { RATE_KEYS, describeRate, getRate, getRateUsd, mapPriceBook } from "./price-book";
export { mergeBills, sumLinesUsd } from "./bill";
export {
  LAMBDA_DURATION_TIER_ENDS_GB_SECONDS,
  LAMBDA_FREE_EPHEMERAL_STORAGE_MB,
  LAMBDA_FREE_TIER_GB_SECONDS,
  LAMBDA_FREE_TIER_REQUESTS,
  LAMBDA_FREE_TIER_STREAMING_GB,
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_EPHEMERAL_STORAGE_MB,
  LAMBDA_MAX_INIT_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
  LAMBDA_PC_BILLING_STEP_SECONDS,
  LAMBDA_SNAPSTART_MIN_CACHE_HOURS,
  computeLambdaBill,
  computeProvisionedBilledSeconds,
  computeSnapStartBilledSeconds,
  computeStreamingBillableGb,
  splitLambdaDurationTiers,
} from "./lambda";
export {
  FARGATE_INCLUDED_EPHEMERAL_STORAGE_GB,
  FARGATE_MAX_EPHEMERAL_STORAGE_GB,
  FARGATE_MIN_BILLED_SECONDS,
  assertFargateTaskSize,
  computeFargateBill,
  computeFargateBilledSecondsPerRun,
  listFargateTaskSizes,
} from "./fargate";
export {
  ALB_FREE_RULES,
  API_GATEWAY_TIER_ENDS,
  computeAlbBill,
  computeAlbLcuCoefficients,
  computeAlbLcusPerRequestPerSecond,
  computeApiGatewayBill,
  computeFrontDoorBill,
  splitApiGatewayTiers,
} from "./front-door";
export { SAVINGS_PLAN_MAX_DISCOUNT, applySavingsPlan, isCoveredBySavingsPlan } from "./savings-plan";
export { TRAFFIC_SHAPE_PRESETS, computeTrafficShape, normalizeHourlyShape } from "./traffic-shape";
export {
  LAMBDA_MAX_VCPU,
  LAMBDA_MEMORY_MB_PER_VCPU,
  LAMBDA_MEMORY_SIZES_MB,
  computeLambdaVcpu,
  estimateDurationMs,
} from "./memory-power";
export {
  BREAKEVEN_SWEEP_MAX_REQUESTS,
  BREAKEVEN_SWEEP_MIN_REQUESTS,
  BREAKEVEN_SWEEP_POINTS,
  FARGATE_MAX_TASKS_PER_SERVICE,
  FARGATE_MEMORY_HEADROOM,
  computeProvisionedConcurrencyBreakevenUtilization,
  computeWhatIf,
  computeWhatIfFargateBill,
  computeWhatIfLambdaBill,
  estimateWhatIfDurationMs,
  estimateWhatIfFargateUsd,
  estimateWhatIfLambdaUsd,
  listBreakevenSweepRequests,
  prepareWhatIf,
  validateWorkload,
} from "./what-if";
export { DAYS_PER_MONTH, HOURS_PER_MONTH, MB_PER_GB } from "./units";
