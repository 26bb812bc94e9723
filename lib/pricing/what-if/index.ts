/**
 * The what-if engine: Lambda vs Fargate for one workload (README.md, "What-if model"). One module
 * per stage: validate.ts (the Workload's fields), context.ts (rates and traffic resolved once),
 * estimate.ts (scalar costs for the grid and the sweep), bills.ts (itemized bills of an option),
 * sweep.ts (cheapest option per request rate, crossover), compute.ts (the answer).
 */
export type { WhatIfContext } from "./context";
export { FARGATE_MAX_TASKS_PER_SERVICE, FARGATE_MEMORY_HEADROOM, prepareWhatIf } from "./context";
export { validateWorkload } from "./validate";
export { estimateWhatIfDurationMs, estimateWhatIfFargateUsd, estimateWhatIfLambdaUsd } from "./estimate";
export { computeWhatIfFargateBill, computeWhatIfLambdaBill } from "./bills";
export {
  BREAKEVEN_SWEEP_MAX_REQUESTS,
  BREAKEVEN_SWEEP_MIN_REQUESTS,
  BREAKEVEN_SWEEP_POINTS,
  listBreakevenSweepRequests,
} from "./sweep";
export { computeProvisionedConcurrencyBreakevenUtilization, computeWhatIf } from "./compute";
