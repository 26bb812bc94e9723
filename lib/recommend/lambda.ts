/**
 * Recommendations for one Lambda function: memory size, arm64, provisioned concurrency and a move
 * to Fargate. Each returns a Recommendation or null (no change worth making); see
 * docs/recommendations.md for every rule and threshold.
 */
import type { Architecture, FrontDoor, PriceBook, Workload } from "@/lib/pricing";
import {
  DAYS_PER_MONTH,
  LAMBDA_MAX_DURATION_MS,
  MB_PER_GB,
  computeProvisionedConcurrencyBreakevenUtilization,
  computeWhatIf,
  estimateWhatIfLambdaUsd,
  getRateUsd,
  prepareWhatIf,
} from "@/lib/pricing";
import { formatDurationMs, formatInteger, formatMemoryMb, formatPercent, formatUsd } from "@/lib/format";
import { computeCostPerInvocationUsd, findCurvePoint } from "./curve";
import {
  describeSaving,
  toRecommendationBase,
  formatTaskSize,
  isWorthwhileSaving,
  minConfidence,
  toMonthly,
  toPeakToMeanRatio,
  toSavingPercent,
} from "./common";
import {
  MIN_DAYS_FOR_MIGRATION,
  SINGLE_SIZE_MAX_STEP,
  SINGLE_SIZE_MAX_USED_SHARE,
  STEADY_PEAK_TO_MEAN_MAX,
  isArm64Runtime,
} from "./settings";
import type {
  Confidence,
  CurvePoint,
  EvidenceItem,
  LambdaEvidence,
  MemoryCurve,
  Recommendation,
  RecommendSettings,
} from "./types";
import { computeProvisionedUtilization } from "./utilization";

const SECONDS_PER_HOUR = 3600;

function toBase(e: LambdaEvidence, kind: Recommendation["kind"]) {
  return toRecommendationBase(e, kind, "lambda");
}

export function toMonthlyInvocations(e: LambdaEvidence): number | null {
  return e.invocations === null ? null : toMonthly(e.invocations, e.windowDays);
}

/** Billed cost scaled to a month; null when unknown. */
export function toMonthlyBilledUsd(costUsd: number | null, windowDays: number): number | null {
  return costUsd === null ? null : toMonthly(costUsd, windowDays);
}

/** Largest memory used in any observation (REPORT "Max Memory Used"); null when never seen. */
export function findMaxMemoryUsedMb(e: LambdaEvidence): number | null {
  let max: number | null = null;
  for (const o of e.observations) {
    if (o.maxMemoryUsedMb !== null && (max === null || o.maxMemoryUsedMb > max)) max = o.maxMemoryUsedMb;
  }
  return max;
}

/** Average duration now: the window's average, else the curve at the current size. */
function findCurrentDurationMs(e: LambdaEvidence, curve: MemoryCurve | null): number | null {
  if (e.durationAvgMs !== null && e.durationAvgMs > 0) return e.durationAvgMs;
  const point = curve ? findCurvePoint(curve, e.memoryMb) : null;
  return point ? point.durationMs : null;
}

// ---------------------------------------------------------------------------------------------
// Memory

type MemoryChoice = { label: "cost" | "speed" | "balanced"; point: CurvePoint };

/** Sizes that hold the memory used plus headroom, finish inside the timeout and meet the latency limit. */
function listFeasibleMemoryPoints(
  e: LambdaEvidence,
  curve: MemoryCurve,
  settings: RecommendSettings,
  current: CurvePoint,
  maxUsedMb: number | null,
): { points: CurvePoint[]; requiredMb: number } {
  // Unknown memory used: never propose less than the function has now.
  const requiredMb = maxUsedMb === null ? e.memoryMb : Math.ceil(maxUsedMb * (1 + settings.memoryHeadroom));
  const timeoutMs = Math.min(e.timeoutSeconds * 1000, LAMBDA_MAX_DURATION_MS);
  const slowestMs = current.durationMs * (1 + settings.maxSlowdown);
  const isSingleSize = curve.observed.length < 2;
  const points = curve.points.filter(
    (p) =>
      p.memoryMb >= requiredMb &&
      p.costPerInvocationUsd !== null &&
      p.durationHighMs <= timeoutMs &&
      (settings.latencyLimitMs === null
        ? p.durationMs <= slowestMs
        : (p.durationP95Ms ?? p.durationMs) <= settings.latencyLimitMs) &&
      (!isSingleSize ||
        (p.memoryMb * SINGLE_SIZE_MAX_STEP >= e.memoryMb && p.memoryMb <= e.memoryMb * SINGLE_SIZE_MAX_STEP)),
  );
  return { points, requiredMb };
}

function pickMemoryChoices(points: readonly CurvePoint[], current: CurvePoint): MemoryChoice[] {
  if (points.length === 0) return [];
  let cost = points[0]!;
  let speed = points[0]!;
  let balanced = points[0]!;
  let balancedScore = Infinity;
  for (const p of points) {
    if (p.costPerInvocationUsd! < cost.costPerInvocationUsd!) cost = p;
    if (p.durationMs < speed.durationMs) speed = p;
    const score =
      (p.costPerInvocationUsd! / current.costPerInvocationUsd!) * (p.durationMs / current.durationMs);
    if (score < balancedScore) {
      balanced = p;
      balancedScore = score;
    }
  }
  return [
    { label: "cost", point: cost },
    { label: "speed", point: speed },
    { label: "balanced", point: balanced },
  ];
}

function isWithinObservedRange(curve: MemoryCurve, memoryMb: number): boolean {
  const sizes = curve.observed.map((p) => p.memoryMb);
  return memoryMb >= Math.min(...sizes) && memoryMb <= Math.max(...sizes);
}

export function recommendLambdaMemory(
  e: LambdaEvidence,
  curve: MemoryCurve | null,
  settings: RecommendSettings,
): Recommendation | null {
  const monthlyInvocations = toMonthlyInvocations(e);
  if (!curve || curve.architecture !== e.architecture || !monthlyInvocations) return null;
  const current = findCurvePoint(curve, e.memoryMb);
  if (!current || current.costPerInvocationUsd === null) return null;
  // One observed size says little about the others: only clear over-provisioning is advice then.
  const maxUsedMb = findMaxMemoryUsedMb(e);
  if (
    curve.method === "runtime-default" &&
    (maxUsedMb === null || maxUsedMb > e.memoryMb * SINGLE_SIZE_MAX_USED_SHARE)
  )
    return null;
  const { points, requiredMb } = listFeasibleMemoryPoints(e, curve, settings, current, maxUsedMb);
  const choices = pickMemoryChoices(points, current);
  const best = choices.find((c) => c.label === "cost")?.point;
  if (!best || best.memoryMb === e.memoryMb) return null;

  const currentMonthlyUsd = current.costPerInvocationUsd * monthlyInvocations;
  const proposedMonthlyUsd = best.costPerInvocationUsd! * monthlyInvocations;
  const savingUsd = currentMonthlyUsd - proposedMonthlyUsd;
  if (!isWorthwhileSaving(savingUsd, currentMonthlyUsd, settings)) return null;
  const savingPercent = toSavingPercent(savingUsd, currentMonthlyUsd);

  let confidence: Confidence = curve.confidence;
  if (!isWithinObservedRange(curve, best.memoryMb)) confidence = minConfidence(confidence, "medium");
  // The saving must survive the slow end of the band at the proposed size.
  const bandRatio = best.durationHighMs / best.durationMs;
  if (best.costPerInvocationUsd! * bandRatio >= current.costPerInvocationUsd)
    confidence = minConfidence(confidence, "low");

  const speedChange = best.durationMs / current.durationMs - 1;
  const choiceEvidence: EvidenceItem[] = choices.map((c) => ({
    label: `${c.label === "cost" ? "Cheapest" : c.label === "speed" ? "Fastest" : "Balanced"} size`,
    value: `${formatMemoryMb(c.point.memoryMb)}: ${formatDurationMs(c.point.durationMs)} average, ${formatUsd(
      c.point.costPerInvocationUsd! * 1e6,
    )} per 1M invocations`,
    chart: "memory-curve",
  }));
  const direction = best.memoryMb > e.memoryMb ? "Raise" : "Lower";
  return {
    ...toBase(e, "lambda-memory"),
    currentConfig: `${formatMemoryMb(e.memoryMb)} ${e.architecture}`,
    proposedConfig: `${formatMemoryMb(best.memoryMb)} ${e.architecture}`,
    proposed: { memoryMb: best.memoryMb, architecture: e.architecture },
    currentMonthlyCostUsd: currentMonthlyUsd,
    proposedMonthlyCostUsd: proposedMonthlyUsd,
    monthlySavingUsd: savingUsd,
    savingPercent,
    confidence,
    evidence: [
      {
        label: "Observed sizes",
        value: curve.observed
          .map((p) => `${formatMemoryMb(p.memoryMb)} (${formatDurationMs(p.durationAvgMs)}, ${p.samples} d)`)
          .join(", "),
        chart: "memory-curve",
      },
      {
        label: "Now",
        value: `${formatMemoryMb(e.memoryMb)}: ${formatDurationMs(current.durationMs)} average, ${formatUsd(current.costPerInvocationUsd * 1e6)} per 1M invocations`,
        chart: "memory-curve",
      },
      ...choiceEvidence,
      {
        label: "Memory used",
        value:
          maxUsedMb === null
            ? "unknown: no size below the current one is proposed"
            : `at most ${formatMemoryMb(maxUsedMb)}; floor with ${formatPercent(settings.memoryHeadroom)} headroom ${formatMemoryMb(requiredMb)}`,
        chart: "memory-used",
      },
      { label: "Invocations", value: `${formatInteger(monthlyInvocations)} a month`, chart: "invocations" },
    ],
    assumptions: [
      curve.note,
      "Cost per invocation at tier-1 list prices: requests plus GB-seconds of the billed duration; provisioned concurrency and storage do not change with memory.",
      ...(settings.latencyLimitMs !== null
        ? [`Latency limit: p95 at most ${formatDurationMs(settings.latencyLimitMs)}.`]
        : []),
    ],
    risks: [
      ...(speedChange > 0.05
        ? [
            `About ${formatPercent(speedChange)} slower on average: check latency targets and timeouts downstream.`,
          ]
        : []),
      ...(best.memoryMb < e.memoryMb
        ? ["Less memory also means less CPU: watch p99 duration and timeouts after the change."]
        : []),
      ...(confidence === "low"
        ? ["The saving is within the spread of the measurements: try it on one alias first."]
        : []),
    ],
    summary: `${direction} ${e.name} to ${formatMemoryMb(best.memoryMb)} (from ${formatMemoryMb(e.memoryMb)}): ${describeSaving(
      savingUsd,
      savingPercent,
    )}, ${confidence} confidence: ${curve.method === "fit" ? `measured at ${curve.observed.length} sizes` : "measured at one size"}, ${formatPercent(Math.abs(speedChange))} ${speedChange > 0 ? "slower" : "faster"}.`,
  };
}

// ---------------------------------------------------------------------------------------------
// arm64

/** arm64 ÷ x86_64 duration from observations on both at the same memory size; null when never both. */
export function findMeasuredArmFactor(e: LambdaEvidence): number | null {
  const sums = new Map<number, { x86: [number, number]; arm: [number, number] }>();
  for (const o of e.observations) {
    const entry = sums.get(o.memoryMb) ?? { x86: [0, 0], arm: [0, 0] };
    const slot = o.architecture === "arm64" ? entry.arm : entry.x86;
    slot[0] += o.durationAvgMs * o.invocations;
    slot[1] += o.invocations;
    sums.set(o.memoryMb, entry);
  }
  let weighted = 0;
  let weight = 0;
  for (const { x86, arm } of sums.values()) {
    if (x86[1] > 0 && arm[1] > 0) {
      const w = Math.min(x86[1], arm[1]);
      weighted += (arm[0] / arm[1] / (x86[0] / x86[1])) * w;
      weight += w;
    }
  }
  return weight > 0 ? weighted / weight : null;
}

export function recommendLambdaArm64(
  e: LambdaEvidence,
  curve: MemoryCurve | null,
  settings: RecommendSettings,
  book: PriceBook,
): Recommendation | null {
  if (e.architecture !== "x86_64" || e.packageType !== "Zip" || !isArm64Runtime(e.runtime)) return null;
  const monthlyInvocations = toMonthlyInvocations(e);
  const durationMs = findCurrentDurationMs(e, curve);
  if (!monthlyInvocations || durationMs === null) return null;
  const measuredFactor = findMeasuredArmFactor(e);
  const factor = measuredFactor ?? settings.armSpeedFactor;
  const x86Usd = computeCostPerInvocationUsd(book, e.region, "x86_64", e.memoryMb, durationMs);
  const armUsd = computeCostPerInvocationUsd(book, e.region, "arm64", e.memoryMb, durationMs * factor);
  const currentMonthlyUsd = x86Usd === null ? null : x86Usd * monthlyInvocations;
  const proposedMonthlyUsd = armUsd === null ? null : armUsd * monthlyInvocations;
  const savingUsd =
    currentMonthlyUsd === null || proposedMonthlyUsd === null ? null : currentMonthlyUsd - proposedMonthlyUsd;
  if (savingUsd !== null && !isWorthwhileSaving(savingUsd, currentMonthlyUsd, settings)) return null;
  if (savingUsd === null && (x86Usd === null || monthlyInvocations < 1)) return null;
  const savingPercent = toSavingPercent(savingUsd, currentMonthlyUsd);
  const confidence: Confidence = measuredFactor !== null ? "high" : "medium";
  return {
    ...toBase(e, "lambda-arm64"),
    currentConfig: `${formatMemoryMb(e.memoryMb)} x86_64`,
    proposedConfig: `${formatMemoryMb(e.memoryMb)} arm64`,
    proposed: { memoryMb: e.memoryMb, architecture: "arm64", speedFactor: factor },
    currentMonthlyCostUsd: currentMonthlyUsd,
    proposedMonthlyCostUsd: proposedMonthlyUsd,
    monthlySavingUsd: savingUsd,
    savingPercent,
    confidence,
    evidence: [
      { label: "Runtime", value: `${e.runtime} (available on arm64), ${e.packageType} package` },
      {
        label: "Speed on arm64",
        value:
          measuredFactor !== null
            ? `measured: ${formatPercent(measuredFactor)} of the x86_64 duration`
            : `assumed: ${formatPercent(factor)} of the x86_64 duration (set the factor if you have measured it)`,
      },
      { label: "Average duration", value: formatDurationMs(durationMs), chart: "duration" },
      { label: "Invocations", value: `${formatInteger(monthlyInvocations)} a month`, chart: "invocations" },
    ],
    assumptions: [
      "arm64 GB-seconds cost about 20 % less than x86_64 at the same memory; request prices are the same.",
      "Provisioned concurrency and storage lines move with the same discount and are left out of the saving.",
    ],
    risks: [
      "Native dependencies (compiled Python wheels, Node.js add-ons, binaries in layers) need arm64 builds: rebuild and test before switching.",
      "Performance differs by workload: measure on an alias before moving all traffic.",
    ],
    summary: `Move ${e.name} to arm64 (Graviton): ${describeSaving(savingUsd, savingPercent)}, ${confidence} confidence: ${
      measuredFactor !== null
        ? "speed measured on both architectures"
        : `${e.runtime} runs on arm64, speed assumed equal`
    }.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Provisioned concurrency

type PcRates = { pcUsd: number; pcDurationUsd: number; onDemandUsd: number };

/** Average concurrency per hour of day (busy environments), from the hourly invocation profile. */
export function toHourlyConcurrency(e: LambdaEvidence, durationMs: number): number[] {
  if (e.hourlyInvocations && e.hourlyInvocations.some((v) => v > 0)) {
    return e.hourlyInvocations.map((invocations) => (invocations * durationMs) / 1000 / SECONDS_PER_HOUR);
  }
  const perHour = e.invocations === null ? 0 : e.invocations / (e.windowDays * 24);
  return Array.from({ length: 24 }, () => (perHour * durationMs) / 1000 / SECONDS_PER_HOUR);
}

/**
 * Monthly cost of the duration part of a function with `environments` provisioned during the hours
 * in `activeHours`: the PC charge, PC-served GB-s at the PC duration rate, the rest on demand.
 * Requests cost the same either way and are left out.
 */
export function computePcMonthlyUsd(
  environments: number,
  activeHours: readonly boolean[],
  concurrencyByHour: readonly number[],
  memoryGb: number,
  rates: PcRates,
): number {
  let activeHourCount = 0;
  let servedEnvironmentHours = 0;
  let totalEnvironmentHours = 0;
  for (let hour = 0; hour < 24; hour += 1) {
    const concurrency = concurrencyByHour[hour] ?? 0;
    totalEnvironmentHours += concurrency;
    if (activeHours[hour]) {
      activeHourCount += 1;
      servedEnvironmentHours += Math.min(concurrency, environments);
    }
  }
  const secondsPerMonthPerHourOfDay = SECONDS_PER_HOUR * DAYS_PER_MONTH;
  const pcChargeUsd = environments * activeHourCount * secondsPerMonthPerHourOfDay * memoryGb * rates.pcUsd;
  const servedUsd = servedEnvironmentHours * secondsPerMonthPerHourOfDay * memoryGb * rates.pcDurationUsd;
  const onDemandUsd =
    (totalEnvironmentHours - servedEnvironmentHours) *
    secondsPerMonthPerHourOfDay *
    memoryGb *
    rates.onDemandUsd;
  return pcChargeUsd + servedUsd + onDemandUsd;
}

/** The `count` busiest hours of the day. */
function toBusiestHours(concurrencyByHour: readonly number[], count: number): boolean[] {
  const order = concurrencyByHour
    .map((value, hour) => ({ value, hour }))
    .sort((a, b) => b.value - a.value || a.hour - b.hour);
  const active = Array.from({ length: 24 }, () => false);
  for (let index = 0; index < Math.min(24, Math.max(0, Math.round(count))); index += 1)
    active[order[index]!.hour] = true;
  return active;
}

function listEnvironmentCandidates(current: number, peakConcurrency: number): number[] {
  const max = Math.max(current, Math.ceil(peakConcurrency * 1.25) + 1);
  const candidates = new Set<number>([0, current]);
  if (max <= 256) for (let n = 1; n <= max; n += 1) candidates.add(n);
  else for (let n = 1; n <= max; n = Math.ceil(n * 1.05)) candidates.add(n);
  return [...candidates].sort((a, b) => a - b);
}

function formatHourRange(activeHours: readonly boolean[]): string {
  const hours = activeHours.flatMap((isActive, hour) => (isActive ? [hour] : []));
  if (hours.length === 24) return "around the clock";
  // Contiguous runs, wrapping midnight.
  const runs: [number, number][] = [];
  for (const hour of hours) {
    const last = runs[runs.length - 1];
    if (last && last[1] === hour - 1) last[1] = hour;
    else runs.push([hour, hour]);
  }
  if (runs.length > 1 && runs[0]![0] === 0 && runs[runs.length - 1]![1] === 23) {
    const first = runs.shift()!;
    runs[runs.length - 1]![1] = first[1] + 24;
  }
  const pad = (hour: number) => `${String(hour % 24).padStart(2, "0")}:00`;
  return runs.map(([start, end]) => `${pad(start)}–${pad(end + 1)}`).join(", ") + " UTC";
}

export function recommendProvisionedConcurrency(
  e: LambdaEvidence,
  curve: MemoryCurve | null,
  settings: RecommendSettings,
  book: PriceBook,
): Recommendation | null {
  const environments = e.provisionedConcurrency.reduce((sum, pc) => sum + pc.count, 0);
  if (environments <= 0) return null;
  const durationMs = findCurrentDurationMs(e, curve);
  const monthlyInvocations = toMonthlyInvocations(e);
  if (durationMs === null || monthlyInvocations === null) return null;
  const pcUsd = getRateUsd(book, e.region, `lambda.${e.architecture}.provisioned-concurrency`);
  const pcDurationUsd = getRateUsd(book, e.region, `lambda.${e.architecture}.provisioned-duration`);
  const onDemandUsd = getRateUsd(book, e.region, `lambda.${e.architecture}.duration.tier-1`);
  // Without the region's PC rates no option can be priced: no advice rather than an invented saving.
  if (pcUsd === null || pcDurationUsd === null || onDemandUsd === null) return null;
  const breakeven = computeProvisionedConcurrencyBreakevenUtilization(e.region, e.architecture, book);
  const activeHoursPerDay = Math.max(...e.provisionedConcurrency.map((pc) => pc.activeHoursPerDay));
  const utilization = computeProvisionedUtilization({
    provisionedInvocations: e.provisionedInvocations,
    durationAvgMs: durationMs,
    environments,
    activeSeconds: activeHoursPerDay * SECONDS_PER_HOUR * e.windowDays,
  });
  const spilloverShare =
    e.spilloverInvocations !== null && e.invocations ? e.spilloverInvocations / e.invocations : null;
  const evidence: EvidenceItem[] = [
    {
      label: "Time-averaged utilisation",
      value:
        utilization === null
          ? "unknown (no provisioned-concurrency invocation metrics)"
          : `${formatPercent(utilization)} of provisioned environment-seconds busy (PC invocations × ${formatDurationMs(durationMs)} ÷ ${environments} × ${activeHoursPerDay} h × ${e.windowDays} d)`,
      chart: "pc-utilization",
    },
    {
      label: "Break-even utilisation",
      value: breakeven === null ? "unknown (no PC price for this region)" : formatPercent(breakeven),
      chart: "pc-utilization",
    },
    {
      label: "Spillover",
      value:
        spilloverShare === null
          ? "unknown"
          : `${formatPercent(spilloverShare)} of invocations ran on demand (${formatInteger(e.spilloverInvocations!)})`,
    },
  ];
  const rates = { pcUsd, pcDurationUsd, onDemandUsd };
  const memoryGb = e.memoryMb / MB_PER_GB;
  const concurrency = toHourlyConcurrency(e, durationMs);
  const peak = Math.max(...concurrency);
  const currentHours = toBusiestHours(concurrency, activeHoursPerDay);
  const currentUsd = computePcMonthlyUsd(environments, currentHours, concurrency, memoryGb, rates);
  let best = { environments, hours: activeHoursPerDay, activeHours: currentHours, usd: currentUsd };
  for (const n of listEnvironmentCandidates(environments, peak)) {
    for (let hourCount = n === 0 ? 24 : 1; hourCount <= 24; hourCount += 1) {
      const activeHours = toBusiestHours(concurrency, hourCount);
      const usd = computePcMonthlyUsd(n, activeHours, concurrency, memoryGb, rates);
      if (usd < best.usd - 1e-9) best = { environments: n, hours: hourCount, activeHours, usd };
    }
  }
  const savingUsd = currentUsd - best.usd;
  if (!isWorthwhileSaving(savingUsd, currentUsd, settings)) return null;
  const savingPercent = toSavingPercent(savingUsd, currentUsd);
  const action =
    best.environments === 0
      ? "remove"
      : best.hours < activeHoursPerDay
        ? "schedule"
        : best.environments < environments
          ? "reduce"
          : "increase";
  const confidence: Confidence =
    utilization === null || !e.hourlyInvocations ? "low" : e.windowDays >= 14 ? "high" : "medium";
  const proposedConfig =
    best.environments === 0
      ? "no provisioned concurrency"
      : `${best.environments} environments ${best.hours === 24 ? "always on" : formatHourRange(best.activeHours)}`;
  const headline = {
    remove: `Remove provisioned concurrency from ${e.name}`,
    schedule: `Schedule provisioned concurrency on ${e.name} to ${proposedConfig}`,
    reduce: `Reduce provisioned concurrency on ${e.name} from ${environments} to ${best.environments}`,
    increase: `Raise provisioned concurrency on ${e.name} from ${environments} to ${best.environments}`,
  }[action];
  const why =
    utilization === null || breakeven === null
      ? ""
      : `: ${formatPercent(utilization)} time-averaged utilisation against a ${formatPercent(breakeven)} break-even`;
  return {
    ...toBase(e, "provisioned-concurrency"),
    currentConfig: `${environments} environments ${activeHoursPerDay === 24 ? "always on" : `${activeHoursPerDay} h a day`}`,
    proposedConfig,
    proposed: {
      action,
      provisionedConcurrency: best.environments,
      activeHoursPerDay: best.hours,
      activeHoursUtc: best.hours === 24 ? "all" : formatHourRange(best.activeHours),
    },
    currentMonthlyCostUsd: currentUsd,
    proposedMonthlyCostUsd: best.usd,
    monthlySavingUsd: savingUsd,
    savingPercent,
    confidence,
    evidence: [
      ...evidence,
      {
        label: "Concurrency by hour (average)",
        value: `peak hour ${peak.toFixed(1)} busy environments, quietest ${Math.min(...concurrency).toFixed(1)}`,
        chart: "concurrency",
      },
    ],
    assumptions: [
      "Costs compare the duration part only (PC charge, PC-served and on-demand GB-seconds at tier-1 list rates); requests cost the same either way.",
      "Within each hour of the day, invocations spread evenly: minute-level bursts above the hourly average spill over.",
    ],
    risks: [
      ...(action === "remove" || action === "reduce" || action === "schedule"
        ? ["Fewer warm environments means more cold starts: check p99 latency targets before and after."]
        : []),
      ...(action === "increase"
        ? ["More environments cost more when traffic falls: review after a month."]
        : []),
    ],
    summary: `${headline}${why}; ${describeSaving(savingUsd, savingPercent)}, ${confidence} confidence.`,
  };
}

// ---------------------------------------------------------------------------------------------
// Lambda → Fargate

/** Default ALB shape in front of a service: 10 KB per request, 10 rules, keep-alive connections. */
export const DEFAULT_ALB_FRONT_DOOR: FrontDoor = {
  kind: "alb",
  bytesPerRequest: 10_000,
  rules: 10,
  newConnectionsPerRequest: 0.1,
  connectionSeconds: 10,
};

/** The what-if workload that describes this function as measured (shared with "Open in what-if"). */
export function toLambdaWorkload(
  e: LambdaEvidence,
  curve: MemoryCurve | null,
  settings: RecommendSettings,
): Workload | null {
  const monthlyInvocations = toMonthlyInvocations(e);
  const durationMs = findCurrentDurationMs(e, curve);
  if (monthlyInvocations === null || durationMs === null || !(monthlyInvocations > 0)) return null;
  const coldStarts = e.observations.reduce((sum, o) => sum + (o.coldStarts ?? 0), 0);
  const observedInvocations = e.observations.reduce((sum, o) => sum + o.invocations, 0);
  const initWeighted = e.observations.reduce(
    (sum, o) => sum + (o.initDurationAvgMs ?? 0) * (o.coldStarts ?? 0),
    0,
  );
  const pcCount = e.provisionedConcurrency.reduce((sum, pc) => sum + pc.count, 0);
  const maxUsedMb = findMaxMemoryUsedMb(e);
  return {
    region: e.region,
    requestsPerMonth: monthlyInvocations,
    hourlyShape:
      e.hourlyInvocations && e.hourlyInvocations.some((v) => v > 0)
        ? e.hourlyInvocations
        : Array.from({ length: 24 }, () => 1),
    durationMs: Math.min(durationMs, LAMBDA_MAX_DURATION_MS),
    memoryMb: e.memoryMb,
    architecture: e.architecture,
    cpuBoundShare: curve ? Math.min(1, Math.max(0, curve.cpuBoundShare)) : 0.4,
    parallelism: curve ? curve.parallelism : 1,
    maxMemoryUsedMb: Math.max(1, Math.min(maxUsedMb ?? e.memoryMb, e.memoryMb)),
    isFreeTierApplied: false,
    frontDoor: { kind: "none" },
    savingsPlan: null,
    provisionedConcurrency:
      pcCount > 0
        ? {
            count: pcCount,
            hoursPerDay: Math.max(...e.provisionedConcurrency.map((pc) => pc.activeHoursPerDay)),
          }
        : null,
    coldStart:
      coldStarts > 0 && observedInvocations > 0
        ? {
            coldStartShare: Math.min(1, coldStarts / observedInvocations),
            initDurationMs: Math.min(10_000, initWeighted / coldStarts),
          }
        : null,
    fargate: {
      os: "linux",
      isSpot: false,
      targetCpuUtilization: settings.targetCpuUtilization,
      minTasks: settings.minTasks,
      isAutoscaled: false,
    },
    rewrite: { durationFactor: 1, memoryFactor: 1 },
    canSwitchArchitecture: true,
    otherArchitectureDurationFactor: settings.armSpeedFactor,
  };
}

/** Cheapest conceivable Fargate service: `minTasks` of the smallest task all month plus an ALB. */
function estimateFargateFloorUsd(
  region: string,
  settings: RecommendSettings,
  book: PriceBook,
): number | null {
  let floor: number | null = null;
  for (const architecture of ["arm64", "x86_64"] as Architecture[]) {
    const vcpuUsd = getRateUsd(book, region, `fargate.linux.${architecture}.vcpu`);
    const memoryUsd = getRateUsd(book, region, `fargate.linux.${architecture}.memory`);
    if (vcpuUsd === null || memoryUsd === null) continue;
    const usd = settings.minTasks * 730 * (0.25 * vcpuUsd + 0.5 * memoryUsd);
    if (floor === null || usd < floor) floor = usd;
  }
  const albUsd = getRateUsd(book, region, "alb.hours");
  return floor === null || albUsd === null ? null : floor + 730 * albUsd;
}

export function recommendLambdaToFargate(
  e: LambdaEvidence,
  curve: MemoryCurve | null,
  settings: RecommendSettings,
  book: PriceBook,
): Recommendation | null {
  // Only steady traffic, measured hour by hour over enough days, is worth a rewrite.
  const peakToMean = toPeakToMeanRatio(e.hourlyInvocations);
  if (peakToMean === null || peakToMean > STEADY_PEAK_TO_MEAN_MAX || e.windowDays < MIN_DAYS_FOR_MIGRATION)
    return null;
  const workload = toLambdaWorkload(e, curve, settings);
  if (!workload) return null;
  const lambdaContext = prepareWhatIf(workload, book);
  const lambdaUsd = estimateWhatIfLambdaUsd(
    lambdaContext,
    e.architecture,
    e.memoryMb,
    workload.requestsPerMonth,
  );
  if (lambdaUsd === null) return null;
  // Cheap bound first: most functions cost less than the smallest possible service.
  const floorUsd = estimateFargateFloorUsd(e.region, settings, book);
  if (floorUsd === null || floorUsd * (1 + settings.migrationMargin) >= lambdaUsd) return null;
  // Fargate must beat the best Lambda configuration (memory, arm64, no PC), not only today's.
  const bestLambdaUsd = computeWhatIf({ ...workload, provisionedConcurrency: null }, book).cheapestLambda
    ?.monthlyCostUsd;
  const result = computeWhatIf({ ...workload, frontDoor: DEFAULT_ALB_FRONT_DOOR }, book);
  const fargate = result.cheapestFargate;
  if (!fargate || fargate.monthlyCostUsd === null) return null;
  const lambdaFloorUsd = Math.min(lambdaUsd, bestLambdaUsd ?? lambdaUsd);
  if (fargate.monthlyCostUsd * (1 + settings.migrationMargin) >= lambdaFloorUsd) return null;
  const savingUsd = lambdaUsd - fargate.monthlyCostUsd;
  const savingPercent = toSavingPercent(savingUsd, lambdaUsd);
  const confidence: Confidence = peakToMean <= 1.5 ? "high" : "medium";
  const tasks = fargate.peakTasks;
  const shape = `hourly peak ${peakToMean <= 1.05 ? "within 5 %" : `within ${formatPercent(peakToMean - 1)}`} of the mean`;
  const proposedConfig = `${tasks} × ${formatTaskSize(fargate.vcpu, fargate.memoryGb)} ${fargate.architecture} tasks behind an ALB`;
  return {
    ...toBase(e, "lambda-to-fargate"),
    currentConfig: `Lambda ${formatMemoryMb(e.memoryMb)} ${e.architecture}`,
    proposedConfig,
    proposed: {
      vcpu: fargate.vcpu,
      memoryGb: fargate.memoryGb,
      architecture: fargate.architecture,
      tasks,
      frontDoor: "alb",
    },
    currentMonthlyCostUsd: lambdaUsd,
    proposedMonthlyCostUsd: fargate.monthlyCostUsd,
    monthlySavingUsd: savingUsd,
    savingPercent,
    confidence,
    evidence: [
      {
        label: "Traffic",
        value: `${formatInteger(workload.requestsPerMonth)} invocations a month; ${shape}`,
        chart: "invocations",
      },
      { label: "Average duration", value: formatDurationMs(workload.durationMs), chart: "duration" },
      {
        label: "Lambda now",
        value: `${formatUsd(lambdaUsd)} a month modelled (requests, duration, INIT, PC)`,
        chart: "cost",
      },
      {
        label: "Best Lambda option",
        value:
          bestLambdaUsd === null || bestLambdaUsd === undefined
            ? "unknown"
            : `${formatUsd(bestLambdaUsd)} a month (cheapest memory size and architecture, no provisioned concurrency)`,
      },
      {
        label: "Fargate",
        value: `${formatUsd(fargate.monthlyCostUsd)} a month: ${proposedConfig}, sized for the peak hour at ${formatPercent(settings.targetCpuUtilization)} CPU, at least ${settings.minTasks} tasks`,
      },
    ],
    assumptions: [
      "Lambda is reached through a function URL (no front-door charge); Fargate needs an Application Load Balancer (hours and LCUs included).",
      `Tasks provisioned for the busiest hour all day, never fewer than ${settings.minTasks} for availability; task memory holds the memory used plus 25 %.`,
      `The move must beat Lambda by at least ${formatPercent(settings.migrationMargin)}.`,
    ],
    risks: [
      "Rewriting a handler as a long-running service costs engineering time and changes deployment, scaling and observability.",
      "A traffic spike beyond the provisioned tasks queues or fails until autoscaling catches up.",
    ],
    summary: `Move ${e.name} to Fargate: ${proposedConfig}, ${describeSaving(savingUsd, savingPercent)}, ${confidence} confidence: ${e.windowDays} days of traffic, ${shape}.`,
  };
}
