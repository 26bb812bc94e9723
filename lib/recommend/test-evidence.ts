/**
 * Builders of synthetic evidence for the engine's tests: a function or service with sensible
 * defaults, and day-level observations from a duration formula. Test support only.
 */
import type { Architecture } from "@/lib/pricing/types";
import type { FargateEvidence, LambdaEvidence, MemoryObservationInput } from "./types";

export function createLambdaEvidence(overrides: Partial<LambdaEvidence> = {}): LambdaEvidence {
  return {
    resourceArn: "arn:aws:lambda:us-east-1:123456789012:function:test-fn",
    resourceId: "fn-1",
    name: "test-fn",
    accountId: "123456789012",
    region: "us-east-1",
    runtime: "python3.12",
    packageType: "Zip",
    architecture: "x86_64",
    memoryMb: 1024,
    timeoutSeconds: 30,
    ephemeralStorageMb: 512,
    isDeleted: false,
    provisionedConcurrency: [],
    windowDays: 30,
    invocations: 3_000_000,
    durationAvgMs: null,
    billedCostUsd: null,
    hourlyInvocations: Array.from({ length: 24 }, () => 3_000_000 / 30 / 24),
    peakHourInvocations: null,
    activeHours: 336,
    windowHours: 336,
    provisionedInvocations: null,
    spilloverInvocations: null,
    observations: [],
    tags: {},
    ...overrides,
  };
}

/** `days` daily observations at each memory size, durations from `durationAt(memoryMb)` with ±2 % noise. */
export function createObservations(
  sizesMb: readonly number[],
  durationAt: (memoryMb: number) => number,
  options: {
    days?: number;
    invocationsPerDay?: number;
    maxMemoryUsedMb?: number | null;
    architecture?: Architecture;
    p95Ratio?: number;
  } = {},
): MemoryObservationInput[] {
  const days = options.days ?? 10;
  const observations: MemoryObservationInput[] = [];
  sizesMb.forEach((memoryMb, sizeIndex) => {
    for (let day = 0; day < days; day += 1) {
      const noise = 1 + 0.02 * Math.sin(day * 1.7 + sizeIndex);
      const durationAvgMs = durationAt(memoryMb) * noise;
      observations.push({
        memoryMb,
        architecture: options.architecture ?? "x86_64",
        source: "logs",
        observedOn: `2026-11-${String(1 + ((sizeIndex * days + day) % 28)).padStart(2, "0")}`,
        invocations: options.invocationsPerDay ?? 100_000,
        durationAvgMs,
        durationP50Ms: durationAvgMs * 0.9,
        durationP95Ms: durationAvgMs * (options.p95Ratio ?? 1.8),
        durationP99Ms: durationAvgMs * 2.5,
        maxMemoryUsedMb: options.maxMemoryUsedMb === undefined ? 200 : options.maxMemoryUsedMb,
        initDurationAvgMs: null,
        coldStarts: null,
      });
    }
  });
  return observations;
}

export function createFargateEvidence(overrides: Partial<FargateEvidence> = {}): FargateEvidence {
  return {
    resourceArn: "arn:aws:ecs:us-east-1:123456789012:service/core/test-svc",
    resourceId: "svc-1",
    name: "core/test-svc",
    accountId: "123456789012",
    region: "us-east-1",
    cpuUnits: 1024,
    memoryMb: 2048,
    os: "linux",
    architecture: "x86_64",
    ephemeralStorageGb: 20,
    onDemandWeight: 1,
    spotWeight: 0,
    desiredCount: 2,
    isDeleted: false,
    windowDays: 30,
    billedCostUsd: null,
    cpuUtilizationAvgPercent: 55,
    cpuUtilizationPeakPercent: 58,
    memoryUtilizationAvgPercent: 60,
    memoryUtilizationPeakPercent: 65,
    hourlyTasks: Array.from({ length: 24 }, () => 2),
    hourlyCpuPercent: Array.from({ length: 24 }, () => 55),
    requests: null,
    requestDurationMs: null,
    tags: {},
    ...overrides,
  };
}
