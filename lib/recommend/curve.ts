/**
 * Memory-power curve: duration against memory for one function, fitted from its observations at
 * the sizes it ran at, with a band from their spread.
 *
 * Inside the observed range the curve goes through the observed sizes (log-log interpolation
 * between neighbours), so it shows whatever the measurements show — including a CPU-bound function
 * that gets *cheaper* per invocation as memory rises (garbage collection or memory pressure at the
 * small sizes), which no two-parameter model reproduces. Outside the range it extrapolates from the
 * nearest observed size with Lambda's CPU model fitted to all of them:
 *
 *   duration(m) = a + b / cpu(m),   cpu(m) = min(m / 1769, parallelism, 6)
 *
 * (a: time that does not scale with CPU, I/O; b: CPU time at one vCPU). With a single size the
 * CPU-bound share comes from the runtime's default and the confidence is low.
 */
import type { Architecture, PriceBook } from "@/lib/pricing";
import { DEFAULT_PRICE_BOOK, getRateUsd } from "@/lib/pricing";
import { LAMBDA_MAX_MEMORY_MB, LAMBDA_MIN_MEMORY_MB } from "@/lib/pricing/lambda";
import { LAMBDA_MEMORY_MB_PER_VCPU, computeLambdaVcpu } from "@/lib/pricing/memory-power";
import { MB_PER_GB, MS_PER_SECOND, roundUpToWholeMs } from "@/lib/pricing/units";
import { getRuntimeCpuBoundShare } from "./settings";
import type {
  Confidence,
  CurvePoint,
  CurveSizePoint,
  MemoryCurve,
  MemoryObservationInput,
  ObservationSource,
} from "./types";

/** The memory sizes the curve is evaluated at (plus every observed and the current size). */
export const MEMORY_CURVE_SIZES_MB: readonly number[] = [
  128,
  192,
  256,
  320,
  384,
  448,
  512,
  640,
  768,
  896,
  1024,
  1280,
  1536,
  LAMBDA_MEMORY_MB_PER_VCPU,
  2048,
  2560,
  3008,
  3584,
  4096,
  5120,
  6144,
  7168,
  8192,
  9216,
  10_240,
];

/** Parallelism values the fit tries (threads the code keeps busy). */
const PARALLELISM_CHOICES = [1, 2, 4, 6] as const;
/** Smallest relative spread assumed at an observed size (day-to-day noise is never zero). */
const MIN_SPREAD_RATIO = 0.03;
/** Spread assumed at a size observed on a single day or run. */
const SINGLE_SAMPLE_SPREAD_RATIO = 0.15;
/** Extra relative uncertainty per doubling of memory away from the nearest observed size. */
const SPREAD_PER_DOUBLING = 0.1;
/** Extra uncertainty away from the only observed size, where the CPU share is a runtime default. */
const DEFAULT_SPREAD_PER_DOUBLING = 0.2;
const MAX_SPREAD_RATIO = 2;

export type CurveOptions = {
  architecture: Architecture;
  runtime: string | null;
  region: string;
  currentMemoryMb: number;
  book?: PriceBook;
};

type Model = { ioMs: number; cpuMsAtOneVcpu: number; parallelism: number };

function toEffectiveVcpu(memoryMb: number, parallelism: number): number {
  return Math.min(computeLambdaVcpu(memoryMb), parallelism);
}

function evaluateModel(model: Model, memoryMb: number): number {
  return model.ioMs + model.cpuMsAtOneVcpu / toEffectiveVcpu(memoryMb, model.parallelism);
}

/** Groups day-level observations by memory size: invocation-weighted means and the daily spread. */
export function summarizeObservations(observations: readonly MemoryObservationInput[]): CurveSizePoint[] {
  const bySize = new Map<number, MemoryObservationInput[]>();
  for (const observation of observations) {
    if (!(observation.durationAvgMs > 0) || !(observation.invocations > 0)) continue;
    const list = bySize.get(observation.memoryMb);
    if (list) list.push(observation);
    else bySize.set(observation.memoryMb, [observation]);
  }
  const points: CurveSizePoint[] = [];
  for (const [memoryMb, list] of bySize) {
    let invocations = 0;
    let durationSum = 0;
    const percentileSums = { p50: [0, 0], p95: [0, 0], p99: [0, 0] };
    const sources = new Set<ObservationSource>();
    for (const o of list) {
      invocations += o.invocations;
      durationSum += o.invocations * o.durationAvgMs;
      sources.add(o.source);
      if (o.durationP50Ms !== null) addWeighted(percentileSums.p50, o.durationP50Ms, o.invocations);
      if (o.durationP95Ms !== null) addWeighted(percentileSums.p95, o.durationP95Ms, o.invocations);
      if (o.durationP99Ms !== null) addWeighted(percentileSums.p99, o.durationP99Ms, o.invocations);
    }
    const durationAvgMs = durationSum / invocations;
    // Unweighted spread of the daily means around the weighted mean: each day is one sample of the
    // same code and size. Σ(d − μ)² = Σd² − 2μΣd + nμ², so summaries of several days combine exactly.
    let days = 0;
    let sum = 0;
    let squares = 0;
    for (const o of list) {
      days += o.days ?? 1;
      sum += o.durationAvgSumMs ?? o.durationAvgMs;
      squares += o.durationAvgSquareSumMs2 ?? o.durationAvgMs * o.durationAvgMs;
    }
    let spreadRatio = SINGLE_SAMPLE_SPREAD_RATIO;
    if (days > 1) {
      const deviation = Math.max(0, squares - 2 * durationAvgMs * sum + days * durationAvgMs * durationAvgMs);
      spreadRatio = Math.max(MIN_SPREAD_RATIO, Math.sqrt(deviation / (days - 1)) / durationAvgMs);
    }
    points.push({
      memoryMb,
      architecture: list[0]!.architecture,
      durationAvgMs,
      durationP50Ms: toWeightedMean(percentileSums.p50),
      durationP95Ms: toWeightedMean(percentileSums.p95),
      durationP99Ms: toWeightedMean(percentileSums.p99),
      invocations,
      samples: days,
      spreadRatio,
      sources: [...sources].sort(),
    });
  }
  return points.sort((a, b) => a.memoryMb - b.memoryMb);
}

function addWeighted(sum: number[], value: number, weight: number): void {
  sum[0]! += value * weight;
  sum[1]! += weight;
}

function toWeightedMean(sum: number[]): number | null {
  return sum[1]! > 0 ? sum[0]! / sum[1]! : null;
}

/**
 * Least squares of duration = a + b·x with x = 1/cpu(m), relative errors (each size counts the
 * same whatever its duration), a ≥ 0 and b ≥ 0.
 */
function fitModel(points: readonly CurveSizePoint[], parallelism: number): { model: Model; error: number } {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    const w = 1 / (p.durationAvgMs * p.durationAvgMs);
    const x = 1 / toEffectiveVcpu(p.memoryMb, parallelism);
    sw += w;
    sx += w * x;
    sy += w * p.durationAvgMs;
    sxx += w * x * x;
    sxy += w * x * p.durationAvgMs;
  }
  const determinant = sw * sxx - sx * sx;
  let a = determinant > 1e-12 * sw * sxx ? (sxx * sy - sx * sxy) / determinant : sy / sw;
  let b = determinant > 1e-12 * sw * sxx ? (sw * sxy - sx * sy) / determinant : 0;
  if (b < 0) {
    b = 0;
    a = sy / sw;
  } else if (a < 0) {
    a = 0;
    b = sxy / sxx;
  }
  const model = { ioMs: a, cpuMsAtOneVcpu: b, parallelism };
  let error = 0;
  for (const p of points)
    error += ((evaluateModel(model, p.memoryMb) - p.durationAvgMs) / p.durationAvgMs) ** 2;
  return { model, error };
}

function fitBestModel(points: readonly CurveSizePoint[]): Model {
  let best: { model: Model; error: number } | null = null;
  for (const parallelism of PARALLELISM_CHOICES) {
    const candidate = fitModel(points, parallelism);
    // Prefer the simpler (lower) parallelism unless a higher one fits clearly better.
    if (best === null || candidate.error < best.error * 0.9 - 1e-12) best = candidate;
  }
  return best!.model;
}

function toDefaultModel(point: CurveSizePoint, cpuBoundShare: number): Model {
  const x = 1 / toEffectiveVcpu(point.memoryMb, 1);
  return {
    ioMs: (1 - cpuBoundShare) * point.durationAvgMs,
    cpuMsAtOneVcpu: (cpuBoundShare * point.durationAvgMs) / x,
    parallelism: 1,
  };
}

/** Request price plus the GB-seconds of the billed (whole-ms) duration, at tier-1 list rates. */
export function computeCostPerInvocationUsd(
  book: PriceBook,
  region: string,
  architecture: Architecture,
  memoryMb: number,
  durationMs: number,
): number | null {
  const requestUsd = getRateUsd(book, region, `lambda.${architecture}.requests`);
  const gbSecondUsd = getRateUsd(book, region, `lambda.${architecture}.duration.tier-1`);
  if (requestUsd === null || gbSecondUsd === null) return null;
  return requestUsd + gbSecondUsd * (memoryMb / MB_PER_GB) * (roundUpToWholeMs(durationMs) / MS_PER_SECOND);
}

function interpolateLogLog(x: number, x0: number, y0: number, x1: number, y1: number): number {
  const t = Math.log(x / x0) / Math.log(x1 / x0);
  return Math.exp(Math.log(y0) + t * (Math.log(y1) - Math.log(y0)));
}

function interpolateLinearInLog(x: number, x0: number, y0: number, x1: number, y1: number): number {
  const t = Math.log(x / x0) / Math.log(x1 / x0);
  return y0 + t * (y1 - y0);
}

function toCurveConfidence(observed: readonly CurveSizePoint[]): Confidence {
  const samples = observed.reduce((sum, p) => sum + p.samples, 0);
  if (observed.length >= 3 && samples >= 7) return "high";
  if (observed.length >= 2) return "medium";
  return "low";
}

/**
 * Fits the curve for one architecture. Returns null with no usable observation (unknown). Only the
 * observations on `options.architecture` are used; the caller compares architectures.
 */
export function fitMemoryCurve(
  observations: readonly MemoryObservationInput[],
  options: CurveOptions,
): MemoryCurve | null {
  const book = options.book ?? DEFAULT_PRICE_BOOK;
  const observed = summarizeObservations(observations.filter((o) => o.architecture === options.architecture));
  if (observed.length === 0) return null;
  const isFit = observed.length >= 2;
  const model = isFit
    ? fitBestModel(observed)
    : toDefaultModel(observed[0]!, getRuntimeCpuBoundShare(options.runtime));
  const first = observed[0]!;
  const last = observed[observed.length - 1]!;

  const sizes = new Set<number>(MEMORY_CURVE_SIZES_MB);
  for (const p of observed) sizes.add(p.memoryMb);
  if (options.currentMemoryMb >= LAMBDA_MIN_MEMORY_MB && options.currentMemoryMb <= LAMBDA_MAX_MEMORY_MB)
    sizes.add(options.currentMemoryMb);

  const points: CurvePoint[] = [];
  let upper = 0;
  for (const memoryMb of [...sizes].sort((a, b) => a - b)) {
    while (upper < observed.length && observed[upper]!.memoryMb < memoryMb) upper += 1;
    let durationMs: number;
    let spreadRatio: number;
    const exact = upper < observed.length && observed[upper]!.memoryMb === memoryMb ? observed[upper]! : null;
    if (exact) {
      durationMs = exact.durationAvgMs;
      spreadRatio = exact.spreadRatio;
    } else if (upper > 0 && upper < observed.length) {
      const below = observed[upper - 1]!;
      const above = observed[upper]!;
      durationMs = interpolateLogLog(
        memoryMb,
        below.memoryMb,
        below.durationAvgMs,
        above.memoryMb,
        above.durationAvgMs,
      );
      spreadRatio = interpolateLinearInLog(
        memoryMb,
        below.memoryMb,
        below.spreadRatio,
        above.memoryMb,
        above.spreadRatio,
      );
    } else {
      const edge = upper === 0 ? first : last;
      durationMs =
        (edge.durationAvgMs * evaluateModel(model, memoryMb)) / evaluateModel(model, edge.memoryMb);
      const doublings = Math.abs(Math.log2(memoryMb / edge.memoryMb));
      spreadRatio =
        edge.spreadRatio + doublings * (isFit ? SPREAD_PER_DOUBLING : DEFAULT_SPREAD_PER_DOUBLING);
    }
    spreadRatio = Math.min(spreadRatio, MAX_SPREAD_RATIO);
    const p50Ratio = nearestPercentileRatio(observed, memoryMb, "durationP50Ms");
    const p95Ratio = nearestPercentileRatio(observed, memoryMb, "durationP95Ms");
    const p99Ratio = nearestPercentileRatio(observed, memoryMb, "durationP99Ms");
    points.push({
      memoryMb,
      durationMs,
      durationLowMs: durationMs / (1 + spreadRatio),
      durationHighMs: durationMs * (1 + spreadRatio),
      durationP50Ms: p50Ratio === null ? null : durationMs * p50Ratio,
      durationP95Ms: p95Ratio === null ? null : durationMs * p95Ratio,
      durationP99Ms: p99Ratio === null ? null : durationMs * p99Ratio,
      costPerInvocationUsd: computeCostPerInvocationUsd(
        book,
        options.region,
        options.architecture,
        memoryMb,
        durationMs,
      ),
      isObserved: exact !== null,
    });
  }

  const currentX = 1 / toEffectiveVcpu(options.currentMemoryMb, model.parallelism);
  const currentDurationMs = model.ioMs + model.cpuMsAtOneVcpu * currentX;
  const cpuBoundShare = currentDurationMs > 0 ? (model.cpuMsAtOneVcpu * currentX) / currentDurationMs : 0;
  const confidence = toCurveConfidence(observed);
  const days = observed.reduce((sum, p) => sum + p.samples, 0);
  const note = isFit
    ? `Fitted from ${observed.length} memory sizes (${days} days or runs of observations); between them the curve follows the measurements, beyond them Lambda's CPU model.`
    : `Observed at ${first.memoryMb} MB only: other sizes assume a ${Math.round(cpuBoundShare * 100)} % CPU-bound share (default for ${options.runtime ?? "this package type"}), so the curve is a rough guide.`;
  return {
    architecture: options.architecture,
    observed,
    points,
    cpuBoundShare,
    parallelism: model.parallelism,
    method: isFit ? "fit" : "runtime-default",
    confidence,
    note,
  };
}

/** Percentile ÷ average at the observed size nearest in log-memory that has that percentile. */
function nearestPercentileRatio(
  observed: readonly CurveSizePoint[],
  memoryMb: number,
  percentile: "durationP50Ms" | "durationP95Ms" | "durationP99Ms",
): number | null {
  let best: CurveSizePoint | null = null;
  let bestDistance = Infinity;
  for (const p of observed) {
    if (p[percentile] === null) continue;
    const distance = Math.abs(Math.log(memoryMb / p.memoryMb));
    if (distance < bestDistance) {
      best = p;
      bestDistance = distance;
    }
  }
  return best === null ? null : best[percentile]! / best.durationAvgMs;
}

/** The curve's point at a memory size (sizes not on the grid are not interpolated: they are added when fitted). */
export function findCurvePoint(curve: MemoryCurve, memoryMb: number): CurvePoint | null {
  return curve.points.find((p) => p.memoryMb === memoryMb) ?? null;
}
