/**
 * Defaults and reference tables of the recommendation engine. Every threshold lives here, named,
 * so that the docs (docs/recommendations.md) and the tests read the same numbers.
 */
import type { RecommendSettings } from "./types";

export const DEFAULT_RECOMMEND_SETTINGS: RecommendSettings = Object.freeze({
  memoryHeadroom: 0.2,
  latencyLimitMs: null,
  maxSlowdown: 0.25,
  armSpeedFactor: 1,
  minSavingPercent: 0.05,
  minSavingUsd: 1,
  migrationMargin: 0.2,
  targetCpuUtilization: 0.6,
  minTasks: 2,
  spotTolerantTag: Object.freeze({ key: "interruption-tolerant", value: "true" }),
});

/** A function observed at one size only is not moved further than halving or doubling its memory. */
export const SINGLE_SIZE_MAX_STEP = 2;
/**
 * …and gets memory advice only when clearly over-provisioned: its largest memory used at most this
 * share of the configured size. Otherwise the advice is to measure another size (Power Tuning).
 */
export const SINGLE_SIZE_MAX_USED_SHARE = 0.5;
/**
 * Lambda → Fargate needs steady traffic: the busiest hour of the day at most this many times the
 * mean hour (2 = within 100 % of the mean), measured over at least MIN_DAYS_FOR_MIGRATION days.
 */
export const STEADY_PEAK_TO_MEAN_MAX = 2;
export const MIN_DAYS_FOR_MIGRATION = 14;

/** Fewer invocations than this over the window is too little evidence (Compute Optimizer asks for 50). */
export const MIN_INVOCATIONS_FOR_ADVICE = 50;

/**
 * Share of a function's duration that is CPU work, by runtime family, used when a function was
 * observed at a single memory size (a fit needs two). Conservative middle values: web handlers in
 * interpreted runtimes mostly wait on I/O; JIT warm-up and serialization make Java and .NET
 * somewhat more CPU-bound; Go and Rust on `provided` are fast at the CPU part.
 */
export const RUNTIME_CPU_BOUND_SHARE: readonly { prefix: string; share: number }[] = [
  { prefix: "nodejs", share: 0.35 },
  { prefix: "python", share: 0.4 },
  { prefix: "java", share: 0.5 },
  { prefix: "dotnet", share: 0.45 },
  { prefix: "ruby", share: 0.4 },
  { prefix: "provided", share: 0.3 },
];
export const DEFAULT_CPU_BOUND_SHARE = 0.4;

export function getRuntimeCpuBoundShare(runtime: string | null): number {
  if (runtime === null) return DEFAULT_CPU_BOUND_SHARE;
  return RUNTIME_CPU_BOUND_SHARE.find((r) => runtime.startsWith(r.prefix))?.share ?? DEFAULT_CPU_BOUND_SHARE;
}

/**
 * Managed runtimes available on arm64 (Graviton) — every current one: Node.js 18+, Python 3.8+,
 * Java 8 (al2)+, .NET 6+, Ruby 3.2+ and the OS-only `provided.al2`/`provided.al2023`. The Go 1.x and
 * `provided` (Amazon Linux 1) runtimes are x86_64 only. Source: Lambda developer guide, "Lambda
 * runtimes" table (architectures column).
 */
const ARM64_RUNTIME_PATTERNS: readonly RegExp[] = [
  /^nodejs(1[89]|[2-9]\d)\.x$/,
  /^python3\.(8|9|\d\d)$/,
  /^java(8\.al2|11|17|21|2\d)$/,
  /^dotnet([6-9]|\d\d)$/,
  /^ruby3\.[2-9]$/,
  /^provided\.al2(023)?$/,
];

export function isArm64Runtime(runtime: string | null): boolean {
  return runtime !== null && ARM64_RUNTIME_PATTERNS.some((pattern) => pattern.test(runtime));
}
