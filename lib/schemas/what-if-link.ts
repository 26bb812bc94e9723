/**
 * "Open in what-if": the /scenarios URL that reproduces a resource's measured workload, so a user
 * can start from it and tweak. The what-if form takes a preset traffic shape; the measured hourly
 * profile picks the nearest one.
 */
import type { TrafficShapePreset, Workload } from "@/lib/pricing";
import { computeTrafficShape, normalizeHourlyShape } from "@/lib/pricing";
import {
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_INIT_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
} from "@/lib/pricing/limits";
import type { WorkloadInput } from "./workload";
import {
  DEFAULT_WORKLOAD_INPUT,
  TRAFFIC_SHAPES,
  toWorkloadSearchParams,
  workloadInputSchema,
} from "./workload";

/**
 * The preset closest to a measured profile. Presets sit at fixed hours while a fleet's traffic
 * follows its users' time zone, so profiles are compared sorted (busiest hour first): the shape of
 * the day, not its position.
 */
export function toNearestTrafficShape(hourlyShape: readonly number[]): TrafficShapePreset {
  let profile: number[];
  try {
    profile = normalizeHourlyShape([...hourlyShape]).sort((a, b) => b - a);
  } catch {
    return "flat";
  }
  let best: TrafficShapePreset = "flat";
  let bestDistance = Infinity;
  for (const preset of TRAFFIC_SHAPES) {
    const reference = computeTrafficShape(preset).sort((a, b) => b - a);
    let distance = 0;
    for (let hour = 0; hour < 24; hour += 1) distance += Math.abs(profile[hour]! - reference[hour]!);
    if (distance < bestDistance - 1e-12) {
      best = preset;
      bestDistance = distance;
    }
  }
  return best;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The what-if form's fields for a workload (rounded and clamped to the form's ranges), or null. */
export function toWhatIfInput(workload: Workload): WorkloadInput | null {
  const input: WorkloadInput = {
    ...DEFAULT_WORKLOAD_INPUT,
    region: workload.region,
    requestsPerMonth: Math.round(clamp(workload.requestsPerMonth, 1, 1e12)),
    shape: toNearestTrafficShape(workload.hourlyShape),
    durationMs: Math.round(clamp(workload.durationMs, 1, LAMBDA_MAX_DURATION_MS) * 10) / 10,
    memoryMb: Math.round(clamp(workload.memoryMb, LAMBDA_MIN_MEMORY_MB, LAMBDA_MAX_MEMORY_MB)),
    architecture: workload.architecture,
    cpuBoundPercent: Math.round(clamp(workload.cpuBoundShare, 0, 1) * 100),
    parallelism: Math.round(clamp(workload.parallelism, 1, 64)),
    maxMemoryUsedMb: Math.round(clamp(workload.maxMemoryUsedMb, 1, LAMBDA_MAX_MEMORY_MB)),
    frontDoor: workload.frontDoor.kind,
    provisionedConcurrency: workload.provisionedConcurrency?.count ?? 0,
    provisionedHoursPerDay: workload.provisionedConcurrency?.hoursPerDay ?? 24,
    coldStartPercent: workload.coldStart ? Math.round(workload.coldStart.coldStartShare * 1000) / 10 : 0,
    initDurationMs: workload.coldStart
      ? Math.round(clamp(workload.coldStart.initDurationMs, 0, LAMBDA_MAX_INIT_DURATION_MS))
      : 0,
    targetCpuUtilizationPercent: Math.round(clamp(workload.fargate.targetCpuUtilization * 100, 5, 100)),
    minTasks: workload.fargate.minTasks,
    isAutoscaled: workload.fargate.isAutoscaled,
  };
  const parsed = workloadInputSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/**
 * The what-if URL of a workload; `pricesAccountId` keeps the prices its recommendations used (an
 * account whose rates from its bill replace list rates, or "" for list prices).
 */
export function toWhatIfHref(workload: Workload | null, pricesAccountId = ""): string | null {
  if (!workload) return null;
  const input = toWhatIfInput(workload);
  return input ? `/scenarios?${toWorkloadSearchParams({ ...input, pricesAccountId }).toString()}` : null;
}
