import { formatDurationMs, formatInteger, formatPercent, formatUsd } from "@/lib/format";
import type { Architecture } from "@/lib/pricing/types";
import type { MemoryCurve, ObservationSource } from "@/lib/recommend/types";
import { toFiniteOrNull, toLinearTicks, toRelativeChange } from "./scenario-series";

/**
 * Pure shaper from the recommendation engine's MemoryCurve to what the memory-curve chart, its
 * tooltip and its table draw: cost per 1M invocations (left axis), durations (right axis, log
 * scale), the observed sizes as points, and every size compared with the current one. Unknown
 * costs stay null (a gap in the line, "unknown" in the table), never 0.
 */

export const INVOCATIONS_PER_COST_UNIT = 1_000_000;

/** Memory ticks the chart prefers (MB): the grid ends, one vCPU (1,769) and the old 3,008 cap. */
export const MEMORY_CURVE_TICKS_MB = [128, 512, 1024, 1769, 3008, 10_240] as const;

export type MemoryCurveRow = {
  memoryMb: number;
  /** Modelled (fitted) average duration. */
  durationMs: number;
  durationLowMs: number;
  durationHighMs: number;
  /** [low, high]: the band as Recharts' ranged Area reads it. */
  band: [number, number];
  p95Ms: number | null;
  /** USD per 1,000,000 invocations; null when a rate is unknown. */
  costPerMillionUsd: number | null;
  isObserved: boolean;
  /** Observed average duration at this size (the chart's points); null where nothing was observed. */
  observedMs: number | null;
  isCurrent: boolean;
  /** Relative to the current size (negative = cheaper / faster); null when unknown or at "now". */
  costChange: number | null;
  durationChange: number | null;
  /** "18% cheaper / 35% faster than now"; "now" on the current size; null when nothing is known. */
  comparison: string | null;
  /** The whole tooltip sentence: "1,536 MB: $4.12 per 1M invocations, p95 420 ms — 18% cheaper …". */
  description: string;
};

export type MemoryCurveObservedPoint = {
  memoryMb: number;
  durationAvgMs: number;
  p95Ms: number | null;
  invocations: number;
  samples: number;
  sources: ObservationSource[];
  /** "observed: average 798 ms, p95 1,061 ms over 12 days (metrics, logs)" */
  description: string;
};

export type MemoryCurveChartData = {
  architecture: Architecture;
  currentMemoryMb: number;
  rows: MemoryCurveRow[];
  observed: MemoryCurveObservedPoint[];
  /** The row at the current size; null when the curve does not include it. */
  current: MemoryCurveRow | null;
  memoryDomainMb: [number, number];
  memoryTicksMb: number[];
  /** Linear cost axis from 0; empty when no size has a known cost. */
  costTicksUsd: number[];
  /** Log duration axis: 1-2-5 ticks enclosing every band, p95 and observation. */
  durationDomainMs: [number, number];
  durationTicksMs: number[];
  hasCost: boolean;
  hasP95: boolean;
};

/** Changes under half a percent read as "the same". */
const SAME_THRESHOLD = 0.005;

/** Whole percent: a fitted curve does not merit 18.2 %. */
function formatWholePercent(fraction: number): string {
  return formatPercent(Math.round(fraction * 100) / 100);
}

/** "18%" for a change; "3.4×" once the size is more than double now (a "238% dearer" reads badly). */
function formatChangeSize(change: number): string {
  return change >= 1 ? `${formatMultiple(1 + change)}` : formatWholePercent(Math.abs(change));
}

function formatMultiple(ratio: number): string {
  return `${ratio >= 10 ? formatInteger(ratio) : (Math.round(ratio * 10) / 10).toString()}×`;
}

/**
 * "18% cheaper / 35% faster than now", "41% cheaper than now, same speed", "same cost and speed as
 * now"; "dearer" / "slower" when worse, "3.4× dearer" above double. Null when neither is known.
 */
export function describeVsNow(costChange: number | null, durationChange: number | null): string | null {
  const changed: string[] = [];
  const same: string[] = [];
  if (costChange !== null) {
    if (Math.abs(costChange) < SAME_THRESHOLD) same.push("cost");
    else changed.push(`${formatChangeSize(costChange)} ${costChange < 0 ? "cheaper" : "dearer"}`);
  }
  if (durationChange !== null) {
    if (Math.abs(durationChange) < SAME_THRESHOLD) same.push("speed");
    else changed.push(`${formatChangeSize(durationChange)} ${durationChange < 0 ? "faster" : "slower"}`);
  }
  if (changed.length === 0 && same.length === 0) return null;
  if (changed.length === 0) return `same ${same.join(" and ")} as now`;
  const head = `${changed.join(" / ")} than now`;
  return same.length > 0 ? `${head}, same ${same.join(" and ")}` : head;
}

/** "$4.12 per 1M invocations" / "cost unknown". */
export function formatCostPerMillion(valueUsd: number | null): string {
  return valueUsd === null ? "cost unknown" : `${formatUsd(valueUsd)} per 1M invocations`;
}

/** Whole milliseconds up to 10 s ("1,068 ms": the axis is in ms), then the house format ("12.4 s"). */
export function formatCurveMs(valueMs: number | null): string {
  if (valueMs === null || !Number.isFinite(valueMs)) return formatDurationMs(null);
  return valueMs < 10_000 ? `${formatInteger(Math.round(valueMs))} ms` : formatDurationMs(valueMs);
}

/** "4,997–6,900 ms" (one unit when both ends are in ms). */
export function formatCurveRange(lowMs: number, highMs: number): string {
  const low = formatCurveMs(lowMs);
  const high = formatCurveMs(highMs);
  return low.endsWith(" ms") && high.endsWith(" ms") ? `${low.slice(0, -3)}–${high}` : `${low}–${high}`;
}

/** 1-2-5 ticks from the largest one ≤ min to the smallest one ≥ max (positive values only). */
export function toLogTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const ticks: number[] = [];
  const low = Math.min(min, max);
  const high = Math.max(min, max);
  for (let exponent = Math.floor(Math.log10(low)) - 1; exponent <= Math.ceil(Math.log10(high)); exponent++) {
    for (const mantissa of [1, 2, 5]) ticks.push(Number((mantissa * 10 ** exponent).toPrecision(12)));
  }
  const first = ticks.filter((t) => t <= low).at(-1) ?? ticks[0]!;
  const last = ticks.find((t) => t >= high) ?? ticks.at(-1)!;
  return ticks.filter((t) => t >= first && t <= last);
}

/** The preferred memory ticks inside the plotted range; its ends when none falls inside. */
export function toMemoryCurveTicks(minMb: number, maxMb: number): number[] {
  const ticks = MEMORY_CURVE_TICKS_MB.filter((t) => t >= minMb && t <= maxMb);
  return ticks.length >= 2 ? [...ticks] : minMb === maxMb ? [minMb] : [minMb, maxMb];
}

/**
 * The chart data, or null for the empty state ("No duration observations: unknown"): no curve, no
 * modelled point, or no observation behind it.
 */
export function toMemoryCurveChartData(
  curve: MemoryCurve | null,
  currentMemoryMb: number,
): MemoryCurveChartData | null {
  if (!curve) return null;
  const observedSizes = curve.observed.filter(
    (o) => o.architecture === curve.architecture && toFiniteOrNull(o.durationAvgMs) !== null,
  );
  const points = curve.points
    .filter((p) => toFiniteOrNull(p.memoryMb) !== null && toFiniteOrNull(p.durationMs) !== null)
    .sort((a, b) => a.memoryMb - b.memoryMb);
  if (points.length === 0 || observedSizes.length === 0) return null;

  const observed: MemoryCurveObservedPoint[] = observedSizes
    .map((o) => {
      const p95Ms = toFiniteOrNull(o.durationP95Ms);
      const unit = o.sources.length === 1 && o.sources[0] === "power-tuning" ? "run" : "day";
      const over = `${formatInteger(o.samples)} ${unit}${o.samples === 1 ? "" : "s"}`;
      return {
        memoryMb: o.memoryMb,
        durationAvgMs: o.durationAvgMs,
        p95Ms,
        invocations: o.invocations,
        samples: o.samples,
        sources: o.sources,
        description: `observed: average ${formatCurveMs(o.durationAvgMs)}${
          p95Ms !== null ? `, p95 ${formatCurveMs(p95Ms)}` : ""
        } over ${over} (${o.sources.join(", ")})`,
      };
    })
    .sort((a, b) => a.memoryMb - b.memoryMb);
  const observedBySize = new Map(observed.map((o) => [o.memoryMb, o.durationAvgMs]));

  const base = points.map((p) => {
    const costPerMillionUsd = toFiniteOrNull(p.costPerInvocationUsd);
    const low = toFiniteOrNull(p.durationLowMs) ?? p.durationMs;
    const high = toFiniteOrNull(p.durationHighMs) ?? p.durationMs;
    return {
      memoryMb: p.memoryMb,
      durationMs: p.durationMs,
      durationLowMs: low,
      durationHighMs: high,
      band: [low, high] as [number, number],
      p95Ms: toFiniteOrNull(p.durationP95Ms),
      costPerMillionUsd: costPerMillionUsd === null ? null : costPerMillionUsd * INVOCATIONS_PER_COST_UNIT,
      isObserved: p.isObserved,
      observedMs: observedBySize.get(p.memoryMb) ?? null,
      isCurrent: p.memoryMb === currentMemoryMb,
    };
  });
  const now = base.find((r) => r.isCurrent) ?? null;
  // Speed compares p95 when both sizes have one (the tooltip quotes p95), the modelled average otherwise.
  const rows: MemoryCurveRow[] = base.map((r) => {
    const costChange =
      now && !r.isCurrent ? toRelativeChange(r.costPerMillionUsd, now.costPerMillionUsd) : null;
    const durationChange =
      now && !r.isCurrent
        ? r.p95Ms !== null && now.p95Ms !== null
          ? toRelativeChange(r.p95Ms, now.p95Ms)
          : toRelativeChange(r.durationMs, now.durationMs)
        : null;
    const comparison = r.isCurrent ? "now" : describeVsNow(costChange, durationChange);
    const duration =
      r.p95Ms !== null ? `p95 ${formatCurveMs(r.p95Ms)}` : `average ${formatCurveMs(r.durationMs)}`;
    const description = `${formatInteger(r.memoryMb)} MB: ${formatCostPerMillion(r.costPerMillionUsd)}, ${duration}${
      comparison ? ` — ${comparison}` : ""
    }`;
    return { ...r, costChange, durationChange, comparison, description };
  });

  const sizes = [...rows.map((r) => r.memoryMb), ...observed.map((o) => o.memoryMb), currentMemoryMb].filter(
    (m) => m > 0,
  );
  const memoryDomainMb: [number, number] = [Math.min(...sizes), Math.max(...sizes)];

  const costs = rows.map((r) => r.costPerMillionUsd).filter((c): c is number => c !== null);
  const maxCost = costs.length > 0 ? Math.max(...costs) : null;

  const durations = [
    ...rows.flatMap((r) => [r.durationLowMs, r.durationHighMs, r.durationMs, r.p95Ms]),
    ...observed.flatMap((o) => [o.durationAvgMs, o.p95Ms]),
  ].filter((d): d is number => d !== null && d > 0);
  const durationTicksMs = toLogTicks(Math.min(...durations), Math.max(...durations));

  return {
    architecture: curve.architecture,
    currentMemoryMb,
    rows,
    observed,
    current: rows.find((r) => r.isCurrent) ?? null,
    memoryDomainMb,
    memoryTicksMb: toMemoryCurveTicks(memoryDomainMb[0], memoryDomainMb[1]),
    costTicksUsd: maxCost !== null && maxCost > 0 ? toLinearTicks(maxCost) : [],
    durationDomainMs: durationTicksMs.length > 0 ? [durationTicksMs[0]!, durationTicksMs.at(-1)!] : [1, 1000],
    durationTicksMs,
    hasCost: maxCost !== null,
    hasP95: rows.some((r) => r.p95Ms !== null),
  };
}

/** The row nearest a hovered memory size (the tooltip's label), if any. */
export function findMemoryCurveRow(data: MemoryCurveChartData, memoryMb: number): MemoryCurveRow | null {
  return data.rows.find((r) => r.memoryMb === memoryMb) ?? null;
}
