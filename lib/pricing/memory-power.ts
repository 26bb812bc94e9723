import { LAMBDA_MAX_MEMORY_MB, LAMBDA_MIN_MEMORY_MB } from "./lambda";

/** Lambda allocates CPU in proportion to memory: 1,769 MB is one vCPU (Lambda developer guide, configuration-memory). */
export const LAMBDA_MEMORY_MB_PER_VCPU = 1769;
/** At most 6 vCPUs (10,240 MB; Dec-2020 launch). Linear credit maths gives 5.79 at 10,240 MB. */
export const LAMBDA_MAX_VCPU = 6;

/** The memory grid the what-if prices: 128–10,240 MB in 64 MB steps, plus 1,769 MB (one vCPU). */
export const LAMBDA_MEMORY_SIZES_MB: readonly number[] = (() => {
  const sizes: number[] = [];
  for (let memoryMb = LAMBDA_MIN_MEMORY_MB; memoryMb <= LAMBDA_MAX_MEMORY_MB; memoryMb += 64)
    sizes.push(memoryMb);
  sizes.push(LAMBDA_MEMORY_MB_PER_VCPU);
  return sizes.sort((a, b) => a - b);
})();

/** vCPU-equivalents of CPU time a function gets at `memoryMb`. */
export function computeLambdaVcpu(memoryMb: number): number {
  return Math.min(memoryMb / LAMBDA_MEMORY_MB_PER_VCPU, LAMBDA_MAX_VCPU);
}

export type DurationMeasurement = {
  /** Average duration measured at `memoryMb`. */
  durationMs: number;
  memoryMb: number;
  /** Share of the duration that is CPU work (0..1); the rest is I/O wait that memory does not speed up. */
  cpuBoundShare: number;
  /** Threads the code keeps busy: CPU beyond this many vCPU does not help. */
  parallelism: number;
};

/**
 * Modelled duration at `targetMemoryMb`: the I/O part stays, the CPU part scales with the effective
 * CPU (vCPU at that memory, capped by `parallelism`):
 *   duration = (1 − s)·d + s·d · cpu(ref) / cpu(target),  cpu(m) = min(m / 1769, 6, parallelism)
 */
export function estimateDurationMs(measured: DurationMeasurement, targetMemoryMb: number): number {
  const { durationMs, memoryMb, cpuBoundShare, parallelism } = measured;
  const referenceVcpu = Math.min(computeLambdaVcpu(memoryMb), parallelism);
  const targetVcpu = Math.min(computeLambdaVcpu(targetMemoryMb), parallelism);
  return durationMs * (1 - cpuBoundShare) + (durationMs * cpuBoundShare * referenceVcpu) / targetVcpu;
}
