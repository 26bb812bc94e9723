/**
 * The demo fleet as a deterministic stream of row batches: same options ⇒ byte-identical rows.
 * Pure (no database); lib/demo/load.ts writes the batches.
 */
import type {
  AccountRegionRow,
  AccountRow,
  ComputeOptimizerRead,
  CostLineRow,
  FargateServiceConfigChangeRow,
  FargateServiceRow,
  LambdaConfigChangeRow,
  LambdaFunctionRow,
  LambdaProvisionedConcurrencyRow,
  MemoryObservationRow,
  MetricSeriesInput,
} from "@/lib/db/import/tables";
import {
  CATALOGUE_LAMBDA_SPECS,
  CATALOGUE_SERVICES,
  createFillerFunction,
  createFillerService,
} from "./catalogue";
import { DemoComputeOptimizer } from "./compute-optimizer";
import { applyDemoSavingsPlan, listDemoFreeTierCredits } from "./planted-lines";
import { simulateFargate, toFargateServiceArn } from "./simulate-fargate";
import { simulateLambda, toLambdaArn } from "./simulate-lambda";
import type { FargateSpec, LambdaSpec } from "./specs";
import { DEMO_ACCOUNTS, DEMO_REGIONS } from "./specs";
import { createDemoWindow, isUtcMidnight, toUtcMidnight } from "./time";

export type DemoOptions = {
  /** PRNG seed (a whole number); the same seed gives the same fleet. */
  seed: number;
  /** Lambda functions (the first 60 are the hand-written catalogue, the rest generated). */
  functions: number;
  /** Fargate services (the first 12 are the catalogue). */
  services: number;
  /** Days of daily metrics and cost lines. */
  days: number;
  /** Days (the most recent ones) that also get hourly metrics. */
  hourlyDays: number;
  /** Anchor: the exclusive end of the window, a UTC midnight. Default: the most recent UTC midnight. */
  asOf: Date;
};

export const DEMO_OPTION_LIMITS = {
  seed: { min: 0, max: 2 ** 31 - 1 },
  functions: { min: 0, max: 20_000 },
  services: { min: 0, max: 2_000 },
  days: { min: 1, max: 400 },
  hourlyDays: { min: 0, max: 400 },
} as const;

export const DEFAULT_DEMO_OPTIONS: Omit<DemoOptions, "asOf"> = {
  seed: 42,
  functions: CATALOGUE_LAMBDA_SPECS.length,
  services: CATALOGUE_SERVICES.length,
  days: 90,
  hourlyDays: 14,
};

export class DemoOptionError extends Error {
  constructor(
    readonly option: keyof DemoOptions,
    message: string,
  ) {
    super(message);
    this.name = "DemoOptionError";
  }
}

/** Fills defaults and validates; throws DemoOptionError naming the option and its range. */
export function resolveDemoOptions(options: Partial<DemoOptions> = {}, now: Date = new Date()): DemoOptions {
  const resolved: DemoOptions = { ...DEFAULT_DEMO_OPTIONS, asOf: toUtcMidnight(now), ...options };
  for (const name of ["seed", "functions", "services", "days", "hourlyDays"] as const) {
    const value = resolved[name];
    const { min, max } = DEMO_OPTION_LIMITS[name];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new DemoOptionError(name, `${name} must be a whole number from ${min} to ${max}; got ${value}`);
    }
  }
  if (resolved.hourlyDays > resolved.days) {
    throw new DemoOptionError(
      "hourlyDays",
      `hourlyDays must be from 0 to days (${resolved.days}); got ${resolved.hourlyDays}`,
    );
  }
  if (!(resolved.asOf instanceof Date) || !isUtcMidnight(resolved.asOf)) {
    throw new DemoOptionError("asOf", `asOf must be a UTC midnight; got ${String(resolved.asOf)}`);
  }
  return resolved;
}

export function listDemoLambdaSpecs(options: Pick<DemoOptions, "seed" | "functions">): LambdaSpec[] {
  const specs = CATALOGUE_LAMBDA_SPECS.slice(0, options.functions);
  for (let index = specs.length; index < options.functions; index += 1) {
    specs.push(createFillerFunction(options.seed, index - CATALOGUE_LAMBDA_SPECS.length));
  }
  return sortUniqueBy(specs, toLambdaArn);
}

export function listDemoFargateSpecs(options: Pick<DemoOptions, "seed" | "services">): FargateSpec[] {
  const specs = CATALOGUE_SERVICES.slice(0, options.services);
  for (let index = specs.length; index < options.services; index += 1) {
    specs.push(createFillerService(options.seed, index - CATALOGUE_SERVICES.length));
  }
  return sortUniqueBy(specs, toFargateServiceArn);
}

/** Sorted by ARN (so inserts append to the indexes), refusing duplicates. */
function sortUniqueBy<T>(specs: T[], toArn: (spec: T) => string): T[] {
  const keyed = specs.map((spec) => ({ spec, arn: toArn(spec) }));
  keyed.sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  for (let index = 1; index < keyed.length; index += 1) {
    if (keyed[index]?.arn === keyed[index - 1]?.arn)
      throw new Error(`demo: duplicate ARN ${keyed[index]?.arn}`);
  }
  return keyed.map(({ spec }) => spec);
}

export type DemoBatch = {
  accounts: AccountRow[];
  accountRegions: AccountRegionRow[];
  functions: LambdaFunctionRow[];
  lambdaConfigChanges: LambdaConfigChangeRow[];
  provisionedConcurrency: LambdaProvisionedConcurrencyRow[];
  services: FargateServiceRow[];
  serviceConfigChanges: FargateServiceConfigChangeRow[];
  metricSeries: MetricSeriesInput[];
  memoryObservations: MemoryObservationRow[];
  costLines: CostLineRow[];
  /** AWS Compute Optimizer reads (lib/demo/compute-optimizer.ts): empty but on the last batch. */
  computeOptimizer: ComputeOptimizerRead[];
  /** Resources simulated so far (for progress). */
  progress: { step: "functions" | "services"; done: number; total: number };
};

function createEmptyBatch(progress: DemoBatch["progress"]): DemoBatch {
  return {
    accounts: [],
    accountRegions: [],
    functions: [],
    lambdaConfigChanges: [],
    provisionedConcurrency: [],
    services: [],
    serviceConfigChanges: [],
    metricSeries: [],
    memoryObservations: [],
    costLines: [],
    computeOptimizer: [],
    progress,
  };
}

/** The demo accounts and regions; their metrics cover [start of the window, asOf). */
export function listDemoAccounts(coverage: { metricsFrom: Date; metricsTo: Date } | null = null): {
  accounts: AccountRow[];
  accountRegions: AccountRegionRow[];
} {
  const accounts = Object.values(DEMO_ACCOUNTS)
    .map(({ id, name }) => ({ id, name, isDemo: true, roleArn: null, externalId: null }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const accountRegions = accounts.flatMap((account) =>
    [...DEMO_REGIONS].sort().map((region) => ({
      accountId: account.id,
      region,
      isEnabled: true,
      metricsFrom: coverage?.metricsFrom ?? null,
      metricsTo: coverage?.metricsTo ?? null,
    })),
  );
  return { accounts, accountRegions };
}

/**
 * The fleet in batches of about `rowsPerBatch` rows: the accounts first, then functions, then
 * services, each in ARN order.
 */
export function* generateDemoFleet(options: DemoOptions, rowsPerBatch = 500_000): Generator<DemoBatch> {
  const window = createDemoWindow(options.asOf, options.days, options.hourlyDays);
  const lambdaSpecs = listDemoLambdaSpecs(options);
  const fargateSpecs = listDemoFargateSpecs(options);
  const computeOptimizer = new DemoComputeOptimizer(window);
  const first = createEmptyBatch({ step: "functions", done: 0, total: lambdaSpecs.length });
  Object.assign(first, listDemoAccounts({ metricsFrom: new Date(window.startMs), metricsTo: options.asOf }));
  yield first;

  let batch = createEmptyBatch({ step: "functions", done: 0, total: lambdaSpecs.length });
  let rows = 0;
  for (let index = 0; index < lambdaSpecs.length; index += 1) {
    const spec = lambdaSpecs[index] as LambdaSpec;
    const result = simulateLambda(spec, window, options.seed);
    computeOptimizer.addFunction(spec, result.memoryObservations);
    batch.functions.push(result.function);
    batch.lambdaConfigChanges.push(...result.configChanges);
    batch.provisionedConcurrency.push(...result.provisionedConcurrency);
    append(batch.metricSeries, result.metricSeries);
    append(batch.memoryObservations, result.memoryObservations);
    append(batch.costLines, result.costLines);
    rows += countPoints(result.metricSeries) + result.memoryObservations.length + result.costLines.length + 1;
    batch.progress.done = index + 1;
    if (rows >= rowsPerBatch) {
      yield batch;
      batch = createEmptyBatch({ step: "functions", done: index + 1, total: lambdaSpecs.length });
      rows = 0;
    }
  }
  if (rows > 0) yield batch;

  batch = createEmptyBatch({ step: "services", done: 0, total: fargateSpecs.length });
  rows = 0;
  for (let index = 0; index < fargateSpecs.length; index += 1) {
    const spec = fargateSpecs[index] as FargateSpec;
    const result = simulateFargate(spec, window, options.seed);
    batch.services.push(result.service);
    batch.serviceConfigChanges.push(...result.configChanges);
    append(batch.metricSeries, result.metricSeries);
    const costLines = applyDemoSavingsPlan(result.costLines);
    computeOptimizer.addService(spec, costLines);
    append(batch.costLines, costLines);
    rows += countPoints(result.metricSeries) + costLines.length + 1;
    batch.progress.done = index + 1;
    if (rows >= rowsPerBatch) {
      yield batch;
      batch = createEmptyBatch({ step: "services", done: index + 1, total: fargateSpecs.length });
      rows = 0;
    }
  }
  // The free-tier credits (lib/demo/planted-lines.ts) assume acme-prod's catalogue traffic, which
  // uses far more than the allowance: only a fleet with the whole catalogue gets them.
  if (lambdaSpecs.length >= CATALOGUE_LAMBDA_SPECS.length) {
    const credits = listDemoFreeTierCredits(window);
    append(batch.costLines, credits);
    rows += credits.length;
  }
  // Compute Optimizer's reads come last, after everything they are derived from.
  batch.computeOptimizer = computeOptimizer.toReads();
  yield batch;
}

export function countPoints(series: readonly MetricSeriesInput[]): number {
  let points = 0;
  for (const item of series) points += item.timestampsMs.length;
  return points;
}

/** push(...items) overflows the stack for very large arrays. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
