/**
 * The public types of the recommendation engine. Pure data: no framework, database or SDK.
 * Inputs are the evidence a sync (or the demo) stored for one resource; outputs are what a team
 * should change, what it saves and why. Money is USD per month; `null` is "unknown", never 0.
 */
import type { Architecture, FargateOs } from "@/lib/pricing/types";

// ---------------------------------------------------------------------------------------------
// Evidence (inputs)

/** Where a duration observation came from (MemoryObservation.source). */
export type ObservationSource = "metrics" | "logs" | "power-tuning" | "demo";

/**
 * Duration seen at one memory size on one day (or one Power Tuning point), or a summary of several
 * such days: then `days` counts them and the two sums carry their daily averages' spread.
 */
export type MemoryObservationInput = {
  memoryMb: number;
  architecture: Architecture;
  source: ObservationSource;
  /** UTC day, "YYYY-MM-DD". */
  observedOn: string;
  invocations: number;
  durationAvgMs: number;
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  durationP99Ms: number | null;
  maxMemoryUsedMb: number | null;
  initDurationAvgMs: number | null;
  coldStarts: number | null;
  /** Days summarised (default 1). */
  days?: number;
  /** Σ of the daily average durations and Σ of their squares (default: durationAvgMs and its square). */
  durationAvgSumMs?: number;
  durationAvgSquareSumMs2?: number;
};

export type ProvisionedConcurrencyInput = {
  qualifier: string;
  /** Configured environments. */
  count: number;
  /** Hours per day the configuration is active (24 = always on). */
  activeHoursPerDay: number;
};

export type LambdaEvidence = {
  resourceArn: string;
  resourceId: string;
  name: string;
  accountId: string;
  region: string;
  runtime: string | null;
  packageType: "Zip" | "Image";
  architecture: Architecture;
  memoryMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  isDeleted: boolean;
  provisionedConcurrency: ProvisionedConcurrencyInput[];
  /** Days of evidence the window covers (usually 30). */
  windowDays: number;
  /** Invocations over the window; null when no metric covers it (unknown, not idle). */
  invocations: number | null;
  /** Invocation-weighted average duration over the window; null when unknown. */
  durationAvgMs: number | null;
  /** Billed cost over the window, USD; null when unknown. */
  billedCostUsd: number | null;
  /**
   * Average invocations per hour of day (UTC, 24 numbers) over the hourly window; null when no
   * hourly metrics exist.
   */
  hourlyInvocations: number[] | null;
  /** Invocations in the busiest single hour of the hourly window; null when unknown. */
  peakHourInvocations: number | null;
  /** Hours of the hourly window with at least one invocation, and hours the window covers. */
  activeHours: number | null;
  windowHours: number | null;
  /**
   * Provisioned-concurrency evidence over the window: invocations served by provisioned
   * environments and those that spilled over to on-demand; null without PC metrics.
   */
  provisionedInvocations: number | null;
  spilloverInvocations: number | null;
  /** Day-level observations, every source and memory size (newest window first or any order). */
  observations: MemoryObservationInput[];
  tags: Record<string, string>;
};

export type FargateEvidence = {
  resourceArn: string;
  resourceId: string;
  /** "cluster/service" */
  name: string;
  accountId: string;
  region: string;
  cpuUnits: number;
  memoryMb: number;
  os: FargateOs;
  architecture: Architecture;
  ephemeralStorageGb: number;
  onDemandWeight: number;
  spotWeight: number;
  desiredCount: number;
  isDeleted: boolean;
  windowDays: number;
  billedCostUsd: number | null;
  /** Average CPU / memory utilisation (percent of the task's reservation) over the window. */
  cpuUtilizationAvgPercent: number | null;
  /** Highest hourly average CPU over the window (percent). */
  cpuUtilizationPeakPercent: number | null;
  memoryUtilizationAvgPercent: number | null;
  /** Highest daily average memory utilisation over the window (percent). */
  memoryUtilizationPeakPercent: number | null;
  /** Average running tasks per hour of day (UTC, 24 numbers); null without task-count metrics. */
  hourlyTasks: number[] | null;
  /** Average CPU (percent) per hour of day (UTC, 24 numbers); null without hourly metrics. */
  hourlyCpuPercent: number[] | null;
  /** Requests served over the window (load balancer RequestCount); null when unknown. */
  requests: number | null;
  /** Average request duration (load balancer TargetResponseTime), ms; null when unknown. */
  requestDurationMs: number | null;
  tags: Record<string, string>;
};

/** Fargate Spot rates observed on the bill (USD per vCPU-hour and GB-hour), per region and architecture. */
export type SpotRate = {
  region: string;
  architecture: Architecture;
  vcpuHourUsd: number;
  gbHourUsd: number;
  /** "bill" (from billed cost lines) or "demo" (the demo's documented rate). */
  source: "bill" | "demo";
};

/** Settings a user may change; every field has a default (DEFAULT_RECOMMEND_SETTINGS). */
export type RecommendSettings = {
  /** Memory kept above the largest memory used, as a share (0.2 = 20 % headroom). */
  memoryHeadroom: number;
  /** Optional latency limit: no proposal whose p95 (or modelled average) exceeds it. */
  latencyLimitMs: number | null;
  /**
   * Without a latency limit, a memory proposal may slow the average invocation by at most this
   * share (0.25 = 25 % slower); a limit set by the user replaces this guard.
   */
  maxSlowdown: number;
  /** arm64 duration ÷ x86_64 duration, when not measured on both (1.0 = the same speed). */
  armSpeedFactor: number;
  /** A saving below this share of the current cost, or this many dollars a month, is not advice. */
  minSavingPercent: number;
  minSavingUsd: number;
  /** Lambda → Fargate: extra margin the move must beat the current cost by (0.2 = 20 %). */
  migrationMargin: number;
  /** Fargate target average CPU per task (0.6 = 60 %). */
  targetCpuUtilization: number;
  /** Fargate minimum tasks for availability. */
  minTasks: number;
  /** Tag (key=value) that marks a service as tolerant of interruption (a Spot candidate). */
  spotTolerantTag: { key: string; value: string };
};

// ---------------------------------------------------------------------------------------------
// Memory-power curve

export type CurveSizePoint = {
  memoryMb: number;
  architecture: Architecture;
  /** Invocation-weighted average duration at this size. */
  durationAvgMs: number;
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  durationP99Ms: number | null;
  invocations: number;
  /** Days (or runs) observed at this size. */
  samples: number;
  /** Relative spread of the daily averages (standard deviation ÷ mean). */
  spreadRatio: number;
  sources: ObservationSource[];
};

export type CurvePoint = {
  memoryMb: number;
  durationMs: number;
  /** Band from the spread of the observations (and wider away from them). */
  durationLowMs: number;
  durationHighMs: number;
  /**
   * Modelled percentiles: the modelled average × the percentile ÷ average ratio of the nearest
   * observed size that has one; null when no such percentile was seen.
   */
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  durationP99Ms: number | null;
  /** Compute cost per invocation at list tier-1 rates: request + GB-seconds of the billed duration. */
  costPerInvocationUsd: number | null;
  /** Whether a real observation sits at this size. */
  isObserved: boolean;
};

export type MemoryCurve = {
  architecture: Architecture;
  observed: CurveSizePoint[];
  /** Modelled points at the memory grid (MEMORY_CURVE_SIZES_MB plus observed and current sizes), ascending. */
  points: CurvePoint[];
  /** Fitted share of the duration that is CPU work, and the threads the code keeps busy. */
  cpuBoundShare: number;
  parallelism: number;
  /** "fit" from several sizes, "runtime-default" from a single size. */
  method: "fit" | "runtime-default";
  confidence: Confidence;
  /** One sentence on what the curve rests on. */
  note: string;
};

// ---------------------------------------------------------------------------------------------
// Recommendations (outputs)

export type Confidence = "high" | "medium" | "low";

export type RecommendationKind =
  | "lambda-memory"
  | "lambda-arm64"
  | "provisioned-concurrency"
  | "lambda-to-fargate"
  | "fargate-to-lambda"
  | "fargate-right-size"
  | "fargate-spot";

export type ResourceKind = "lambda" | "fargate";

export type EvidenceItem = {
  label: string;
  value: string;
  /** The chart on the resource page that shows it (an element id, e.g. "memory-curve"). */
  chart?: string;
};

export type Recommendation = {
  /** Stable identity: `${kind}:${resourceArn}`. */
  id: string;
  kind: RecommendationKind;
  resourceKind: ResourceKind;
  resourceArn: string;
  resourceId: string;
  resourceName: string;
  accountId: string;
  region: string;
  /** Human-readable configurations, e.g. "1,024 MB x86_64" and "512 MB x86_64". */
  currentConfig: string;
  proposedConfig: string;
  /** Machine-readable proposal (memoryMb, architecture, pcCount, vcpu, memoryGb, tasks, spotShare …). */
  proposed: Record<string, string | number | boolean | null>;
  currentMonthlyCostUsd: number | null;
  proposedMonthlyCostUsd: number | null;
  /** null when the saving cannot be priced (a rate is unknown). */
  monthlySavingUsd: number | null;
  savingPercent: number | null;
  confidence: Confidence;
  evidence: EvidenceItem[];
  assumptions: string[];
  risks: string[];
  /** One line a human can read. */
  summary: string;
};

/** Why a resource has no recommendation. */
export type NoAdvice =
  | { status: "right-sized"; reason: string }
  | { status: "insufficient-data"; reason: string }
  | { status: "not-applicable"; reason: string };

export type ResourceAdvice = {
  resourceArn: string;
  resourceKind: ResourceKind;
  recommendations: Recommendation[];
  /** Set when `recommendations` is empty. */
  noAdvice: NoAdvice | null;
  /** Lambda only: the memory-power curve behind the memory advice (null without observations). */
  curve: MemoryCurve | null;
};
