import type {
  Architecture,
  Bill,
  BillLine,
  FargateOption,
  FargateOs,
  LambdaOption,
  WhatIfResult,
} from "@/lib/pricing/types";
import { formatInteger, formatMemoryMb, formatPercent } from "@/lib/format";
import { ARCHITECTURES } from "@/lib/pricing/types";

/**
 * Pure shapers from the pricing engine's WhatIfResult to what the scenario charts, tables and
 * headline draw. Nothing here prices anything; it only arranges, compares and guards: a number that
 * is not finite becomes null (unknown), so NaN or Infinity never reaches the screen.
 */

export function toFiniteOrNull(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** (option − reference) / reference; null when either is unknown or the reference is 0. */
export function toRelativeChange(value: number | null, reference: number | null): number | null {
  const v = toFiniteOrNull(value);
  const r = toFiniteOrNull(reference);
  if (v === null || r === null || r === 0) return null;
  return toFiniteOrNull((v - r) / r);
}

/** "18.2% cheaper" / "4% more expensive" / "same cost"; null when unknown. */
export function describeCostChange(change: number | null): string | null {
  if (change === null) return null;
  if (Math.abs(change) < 0.0005) return "same cost";
  return change < 0 ? `${formatPercent(-change)} cheaper` : `${formatPercent(change)} more expensive`;
}

/** "31% faster" / "12% slower" / "same speed"; null when unknown. */
/** "vs now: 16.7% cheaper, 31% faster"; null when nothing is known. */
export function describeChangeVsCurrent(detail: {
  costChangeVsCurrent: number | null;
  durationChangeVsCurrent: number | null;
}): string | null {
  const parts = [
    describeCostChange(detail.costChangeVsCurrent),
    describeDurationChange(detail.durationChangeVsCurrent),
  ];
  const known = parts.filter((part): part is string => part !== null);
  return known.length ? known.join(", ") : null;
}

export function describeDurationChange(change: number | null): string | null {
  if (change === null) return null;
  if (Math.abs(change) < 0.0005) return "same speed";
  return change < 0 ? `${formatPercent(-change)} faster` : `${formatPercent(change)} slower`;
}

// ---------------------------------------------------------------------------------------------
// Lambda cost per memory size

export type LambdaSizeDetail = {
  architecture: Architecture;
  memoryMb: number;
  durationMs: number | null;
  monthlyCostUsd: number | null;
  isFeasible: boolean;
  infeasibleReason: string | null;
  /** Relative to the current configuration; negative = cheaper / faster. */
  costChangeVsCurrent: number | null;
  durationChangeVsCurrent: number | null;
  isCurrent: boolean;
  isCheapest: boolean;
};

export type LambdaMemoryPoint = {
  memoryMb: number;
  memoryLabel: string;
  /** Plotted values: null where the size is infeasible or its cost unknown (drawn as a gap). */
  x86CostUsd: number | null;
  arm64CostUsd: number | null;
  x86: LambdaSizeDetail | null;
  arm64: LambdaSizeDetail | null;
};

export type InfeasibleRange = {
  fromMemoryMb: number;
  toMemoryMb: number;
  /** Where the shading ends: the next plotted size, so a single infeasible size is still visible. */
  shadeToMemoryMb: number;
  reason: string;
};

export type LambdaMemorySeries = {
  points: LambdaMemoryPoint[];
  current: LambdaSizeDetail;
  cheapest: LambdaSizeDetail | null;
  /** Runs of sizes where no architecture is feasible, with the first reason. */
  infeasibleRanges: InfeasibleRange[];
  architectures: Architecture[];
};

function isSameOption(a: LambdaOption | null, b: LambdaOption): boolean {
  return a !== null && a.memoryMb === b.memoryMb && a.architecture === b.architecture;
}

function toLambdaSizeDetail(option: LambdaOption, result: WhatIfResult): LambdaSizeDetail {
  const monthlyCostUsd = option.isFeasible ? toFiniteOrNull(option.monthlyCostUsd) : null;
  const durationMs = toFiniteOrNull(option.durationMs);
  return {
    architecture: option.architecture,
    memoryMb: option.memoryMb,
    durationMs,
    monthlyCostUsd,
    isFeasible: option.isFeasible,
    infeasibleReason: option.isFeasible ? null : (option.infeasibleReason ?? "not feasible"),
    costChangeVsCurrent: toRelativeChange(monthlyCostUsd, currentCostUsd(result)),
    durationChangeVsCurrent: toRelativeChange(durationMs, toFiniteOrNull(result.current.durationMs)),
    isCurrent: isSameOption(result.current, option),
    isCheapest: isSameOption(result.cheapestLambda, option),
  };
}

function currentCostUsd(result: WhatIfResult): number | null {
  return result.current.isFeasible ? toFiniteOrNull(result.current.monthlyCostUsd) : null;
}

export function toLambdaMemorySeries(result: WhatIfResult): LambdaMemorySeries {
  const byMemory = new Map<number, LambdaMemoryPoint>();
  const pointFor = (memoryMb: number): LambdaMemoryPoint => {
    let point = byMemory.get(memoryMb);
    if (!point) {
      point = {
        memoryMb,
        memoryLabel: formatMemoryMb(memoryMb),
        x86CostUsd: null,
        arm64CostUsd: null,
        x86: null,
        arm64: null,
      };
      byMemory.set(memoryMb, point);
    }
    return point;
  };
  // The current size may sit between the standard sizes (any 1 MB step is valid): plot it too.
  const options = result.lambdaOptions.some((o) => isSameOption(o, result.current))
    ? result.lambdaOptions
    : [...result.lambdaOptions, result.current];
  for (const option of options) {
    if (!Number.isFinite(option.memoryMb)) continue;
    const point = pointFor(option.memoryMb);
    const detail = toLambdaSizeDetail(option, result);
    if (option.architecture === "x86_64") {
      point.x86 = detail;
      point.x86CostUsd = detail.monthlyCostUsd;
    } else {
      point.arm64 = detail;
      point.arm64CostUsd = detail.monthlyCostUsd;
    }
  }
  const points = [...byMemory.values()].sort((a, b) => a.memoryMb - b.memoryMb);

  const infeasibleRanges: InfeasibleRange[] = [];
  let open: InfeasibleRange | null = null;
  for (const point of points) {
    const details = [point.x86, point.arm64].filter((d): d is LambdaSizeDetail => d !== null);
    const isInfeasible = details.length > 0 && details.every((d) => !d.isFeasible);
    if (isInfeasible) {
      if (open) {
        open.toMemoryMb = point.memoryMb;
        open.shadeToMemoryMb = point.memoryMb;
      } else {
        open = {
          fromMemoryMb: point.memoryMb,
          toMemoryMb: point.memoryMb,
          shadeToMemoryMb: point.memoryMb,
          reason: details[0]?.infeasibleReason ?? "not feasible",
        };
        infeasibleRanges.push(open);
      }
    } else {
      if (open) open.shadeToMemoryMb = point.memoryMb;
      open = null;
    }
  }

  const current = toLambdaSizeDetail(result.current, result);
  const cheapest = result.cheapestLambda ? toLambdaSizeDetail(result.cheapestLambda, result) : null;
  const architectures = ARCHITECTURES.filter((arch) =>
    points.some((p) => (arch === "x86_64" ? p.x86 : p.arm64) !== null),
  );
  return { points, current, cheapest, infeasibleRanges, architectures };
}

/**
 * Y range of the memory chart. The interesting part is around the cheapest and current sizes; the
 * largest sizes can cost 20× more and would flatten it, so the axis stops at 3× the cheapest (or a
 * quarter above the current cost) and says so. The table still lists every size.
 */
export function toLambdaCostDomainUsd(series: LambdaMemorySeries): {
  maxUsd: number | null;
  isClipped: boolean;
} {
  const costs = series.points
    .flatMap((p) => [p.x86CostUsd, p.arm64CostUsd])
    .filter((v): v is number => v !== null);
  if (costs.length === 0) return { maxUsd: null, isClipped: false };
  const maxCostUsd = Math.max(...costs);
  const anchors = [
    series.cheapest?.monthlyCostUsd != null ? series.cheapest.monthlyCostUsd * 3 : null,
    series.current.monthlyCostUsd != null ? series.current.monthlyCostUsd * 1.25 : null,
  ].filter((v): v is number => v !== null && v > 0);
  if (anchors.length === 0) return { maxUsd: toNiceCeiling(maxCostUsd), isClipped: false };
  const limitUsd = toNiceCeiling(Math.max(...anchors));
  return limitUsd < maxCostUsd
    ? { maxUsd: limitUsd, isClipped: true }
    : { maxUsd: toNiceCeiling(maxCostUsd), isClipped: false };
}

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The next "round" number at or above a value (21.23 → 25, 0.37 → 0.4), for axis ends. */
export function toNiceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return value;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = NICE_STEPS.find((s) => s * magnitude >= value * (1 - 1e-12)) ?? 10;
  return Number((step * magnitude).toPrecision(12));
}

/** Evenly spaced round ticks from 0 to at least `maxValue` (step 1, 2, 2.5 or 5 × 10ⁿ; at most 6 steps). */
export function toLinearTicks(maxValue: number): number[] {
  if (!Number.isFinite(maxValue) || maxValue <= 0) return [0];
  const magnitude = 10 ** Math.floor(Math.log10(maxValue / 6));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((candidate) => maxValue / candidate <= 6) ??
    10 * magnitude;
  const count = Math.ceil(maxValue / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Log-2 ticks that fall inside the plotted memory range (128 MB … 10 GB). */
export function toMemoryTicksMb(points: readonly LambdaMemoryPoint[]): number[] {
  if (points.length === 0) return [];
  const min = points[0]!.memoryMb;
  const max = points[points.length - 1]!.memoryMb;
  const ticks = [128, 256, 512, 1024, 2048, 4096, 8192, 10_240].filter((t) => t >= min && t <= max);
  return ticks.length > 0 ? ticks : [min, max];
}

// ---------------------------------------------------------------------------------------------
// Fargate cost per task size

export type FargateTaskPoint = {
  architecture: Architecture;
  vcpu: number;
  memoryGb: number;
  taskLabel: string;
  monthlyCostUsd: number | null;
  averageTasks: number | null;
  peakTasks: number | null;
  isFeasible: boolean;
  infeasibleReason: string | null;
  isCheapest: boolean;
};

export function toFargateTaskLabel(option: {
  vcpu: number;
  memoryGb: number;
  architecture: Architecture;
}): string {
  return `${option.vcpu} vCPU · ${option.memoryGb} GB · ${option.architecture}`;
}

function isSameTask(a: FargateOption | null, b: FargateOption): boolean {
  return a !== null && a.vcpu === b.vcpu && a.memoryGb === b.memoryGb && a.architecture === b.architecture;
}

export function toFargateTaskSeries(result: WhatIfResult): FargateTaskPoint[] {
  return result.fargateOptions
    .filter((o) => Number.isFinite(o.vcpu) && Number.isFinite(o.memoryGb))
    .map((option) => ({
      architecture: option.architecture,
      vcpu: option.vcpu,
      memoryGb: option.memoryGb,
      taskLabel: toFargateTaskLabel(option),
      monthlyCostUsd: option.isFeasible ? toFiniteOrNull(option.monthlyCostUsd) : null,
      averageTasks: toFiniteOrNull(option.averageTasks),
      peakTasks: toFiniteOrNull(option.peakTasks),
      isFeasible: option.isFeasible,
      infeasibleReason: option.isFeasible ? null : (option.infeasibleReason ?? "not feasible"),
      isCheapest: isSameTask(result.cheapestFargate, option),
    }))
    .sort(
      (a, b) => a.vcpu - b.vcpu || a.memoryGb - b.memoryGb || a.architecture.localeCompare(b.architecture),
    );
}

// ---------------------------------------------------------------------------------------------
// Monthly cost vs request rate

export type BreakevenChartPoint = {
  requestsPerMonth: number;
  /** Exact values, for the table. */
  lambdaUsd: number | null;
  fargateUsd: number | null;
  /** Plotted on a log axis: values ≤ 0 cannot be drawn there and become gaps. */
  lambdaPlotUsd: number | null;
  fargatePlotUsd: number | null;
};

export type BreakevenSeries = {
  points: BreakevenChartPoint[];
  crossoverRequestsPerMonth: number | null;
  currentRequestsPerMonth: number;
  /** Which option is cheaper above the crossover (null when unknown or no crossover). */
  cheaperAboveCrossover: "lambda" | "fargate" | null;
  /** Without a crossover: the option cheaper at every swept rate where both are priced. */
  cheaperThroughout: "lambda" | "fargate" | null;
  /** True when some $0 values (e.g. inside the free tier) are in the table but not on the log chart. */
  hasUnplottedZeros: boolean;
};

function toPositiveOrNull(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

export function toBreakevenSeries(result: WhatIfResult, currentRequestsPerMonth: number): BreakevenSeries {
  const points = result.sweep
    .filter((p) => Number.isFinite(p.requestsPerMonth) && p.requestsPerMonth > 0)
    .map((p) => {
      const lambdaUsd = toFiniteOrNull(p.cheapestLambdaUsd);
      const fargateUsd = toFiniteOrNull(p.cheapestFargateUsd);
      return {
        requestsPerMonth: p.requestsPerMonth,
        lambdaUsd,
        fargateUsd,
        lambdaPlotUsd: toPositiveOrNull(lambdaUsd),
        fargatePlotUsd: toPositiveOrNull(fargateUsd),
      };
    })
    .sort((a, b) => a.requestsPerMonth - b.requestsPerMonth);
  const crossover = toFiniteOrNull(result.crossoverRequestsPerMonth);
  let cheaperAboveCrossover: BreakevenSeries["cheaperAboveCrossover"] = null;
  if (crossover !== null) {
    const above = points.find(
      (p) => p.requestsPerMonth > crossover && p.lambdaUsd !== null && p.fargateUsd !== null,
    );
    if (above && above.lambdaUsd !== above.fargateUsd) {
      cheaperAboveCrossover = above.lambdaUsd! < above.fargateUsd! ? "lambda" : "fargate";
    }
  }
  let cheaperThroughout: BreakevenSeries["cheaperThroughout"] = null;
  if (crossover === null) {
    const priced = points.filter((p) => p.lambdaUsd !== null && p.fargateUsd !== null);
    if (priced.length > 0 && priced.every((p) => p.lambdaUsd! < p.fargateUsd!)) cheaperThroughout = "lambda";
    else if (priced.length > 0 && priced.every((p) => p.fargateUsd! < p.lambdaUsd!))
      cheaperThroughout = "fargate";
  }
  return {
    points,
    crossoverRequestsPerMonth: crossover,
    currentRequestsPerMonth,
    cheaperAboveCrossover,
    cheaperThroughout,
    hasUnplottedZeros: points.some((p) => p.lambdaUsd === 0 || p.fargateUsd === 0),
  };
}

/** Powers of ten across the swept range, for the log x-axis. */
export function toDecadeTicks(values: readonly number[]): number[] {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return [];
  const from = Math.floor(Math.log10(Math.min(...finite)));
  const to = Math.ceil(Math.log10(Math.max(...finite)));
  const ticks: number[] = [];
  for (let exponent = from; exponent <= to; exponent += 1) ticks.push(10 ** exponent);
  return ticks;
}

// ---------------------------------------------------------------------------------------------
// Headline

export type CheapestOption =
  | { service: "lambda"; label: string; monthlyCostUsd: number; option: LambdaOption }
  | { service: "fargate"; label: string; monthlyCostUsd: number; option: FargateOption };

export type ScenarioHeadline = {
  cheapest: CheapestOption | null;
  currentMonthlyCostUsd: number | null;
  currentLabel: string;
  /** (current − cheapest) / current: 0.25 means the cheapest costs 25 % less than now. */
  savingVsCurrent: number | null;
  savingVsCurrentUsd: number | null;
  isCurrentCheapest: boolean;
  crossoverRequestsPerMonth: number | null;
  cheaperAboveCrossover: "lambda" | "fargate" | null;
  cheaperThroughout: "lambda" | "fargate" | null;
  /** An option's cost is unknown, so "cheapest" covers only the known ones. */
  isPartial: boolean;
  unknownRates: string[];
};

export function toLambdaLabel(option: { architecture: Architecture; memoryMb: number }): string {
  return `Lambda ${option.architecture} at ${formatInteger(option.memoryMb)} MB`;
}

export function toFargateLabel(
  option: { vcpu: number; memoryGb: number; architecture: Architecture },
  fargate?: { os: FargateOs; isSpot: boolean },
): string {
  const extras = [fargate?.os === "windows" ? "Windows" : null, fargate?.isSpot ? "Spot" : null].filter(
    Boolean,
  );
  return `Fargate ${option.architecture} ${option.vcpu} vCPU / ${option.memoryGb} GB${extras.length ? ` (${extras.join(", ")})` : ""}`;
}

export function toScenarioHeadline(
  result: WhatIfResult,
  fargate?: { os: FargateOs; isSpot: boolean },
): ScenarioHeadline {
  const lambdaUsd = result.cheapestLambda?.isFeasible
    ? toFiniteOrNull(result.cheapestLambda.monthlyCostUsd)
    : null;
  const fargateUsd = result.cheapestFargate?.isFeasible
    ? toFiniteOrNull(result.cheapestFargate.monthlyCostUsd)
    : null;
  let cheapest: CheapestOption | null = null;
  if (result.cheapestLambda && lambdaUsd !== null && (fargateUsd === null || lambdaUsd <= fargateUsd)) {
    cheapest = {
      service: "lambda",
      label: toLambdaLabel(result.cheapestLambda),
      monthlyCostUsd: lambdaUsd,
      option: result.cheapestLambda,
    };
  } else if (result.cheapestFargate && fargateUsd !== null) {
    cheapest = {
      service: "fargate",
      label: toFargateLabel(result.cheapestFargate, fargate),
      monthlyCostUsd: fargateUsd,
      option: result.cheapestFargate,
    };
  }
  const currentMonthlyCostUsd = currentCostUsd(result);
  const savingVsCurrentUsd =
    cheapest && currentMonthlyCostUsd !== null
      ? toFiniteOrNull(currentMonthlyCostUsd - cheapest.monthlyCostUsd)
      : null;
  const breakeven = toBreakevenSeries(result, 0);
  return {
    cheapest,
    currentMonthlyCostUsd,
    currentLabel: toLambdaLabel(result.current),
    savingVsCurrent:
      cheapest && currentMonthlyCostUsd !== null && currentMonthlyCostUsd > 0
        ? toFiniteOrNull((currentMonthlyCostUsd - cheapest.monthlyCostUsd) / currentMonthlyCostUsd)
        : null,
    savingVsCurrentUsd,
    isCurrentCheapest:
      cheapest?.service === "lambda" && isSameOption(result.current, cheapest.option)
        ? true
        : savingVsCurrentUsd !== null && Math.abs(savingVsCurrentUsd) < 0.005,
    crossoverRequestsPerMonth: breakeven.crossoverRequestsPerMonth,
    cheaperAboveCrossover: breakeven.cheaperAboveCrossover,
    cheaperThroughout: breakeven.cheaperThroughout,
    isPartial: lambdaUsd === null || fargateUsd === null,
    unknownRates: result.unknownRates,
  };
}

// ---------------------------------------------------------------------------------------------
// Bills

export type BillRow = {
  item: string;
  quantity: number | null;
  unit: string;
  unitPriceUsd: number | null;
  costUsd: number | null;
  service: BillLine["service"];
  component: BillLine["component"];
};

export type BillTable = {
  rows: BillRow[];
  totalUsd: number | null;
  unknownRates: string[];
  region: string;
  priceVersion: string;
};

export function toBillTable(bill: Bill): BillTable {
  const rows = bill.lines.map((line) => ({
    item: line.item,
    quantity: toFiniteOrNull(line.quantity),
    unit: line.unit,
    unitPriceUsd: toFiniteOrNull(line.unitPriceUsd),
    costUsd: toFiniteOrNull(line.costUsd),
    service: line.service,
    component: line.component,
  }));
  const hasUnknownLine = rows.some((row) => row.costUsd === null);
  return {
    rows,
    // A total over an unknown line is unknown, whatever the engine says.
    totalUsd: hasUnknownLine ? null : toFiniteOrNull(bill.totalUsd),
    unknownRates: bill.unknownRates,
    region: bill.region,
    priceVersion: bill.priceVersion,
  };
}

// ---------------------------------------------------------------------------------------------
// Two scenarios side by side

export type ComparisonRow = {
  key: "current" | "cheapest-lambda" | "cheapest-fargate" | "cheapest";
  label: string;
  aLabel: string | null;
  bLabel: string | null;
  aUsd: number | null;
  bUsd: number | null;
  /** b − a; negative means B is cheaper. */
  differenceUsd: number | null;
  differenceFraction: number | null;
};

function toComparisonRow(
  key: ComparisonRow["key"],
  label: string,
  a: { label: string | null; usd: number | null },
  b: { label: string | null; usd: number | null },
): ComparisonRow {
  const aUsd = toFiniteOrNull(a.usd);
  const bUsd = toFiniteOrNull(b.usd);
  return {
    key,
    label,
    aLabel: a.label,
    bLabel: b.label,
    aUsd,
    bUsd,
    differenceUsd: aUsd !== null && bUsd !== null ? toFiniteOrNull(bUsd - aUsd) : null,
    differenceFraction: toRelativeChange(bUsd, aUsd),
  };
}

type ComparisonSide = { result: WhatIfResult; fargate?: { os: FargateOs; isSpot: boolean } };

export function toScenarioComparison(a: ComparisonSide, b: ComparisonSide): ComparisonRow[] {
  const side = (s: ComparisonSide) => {
    const headline = toScenarioHeadline(s.result, s.fargate);
    const lambda = s.result.cheapestLambda;
    const fargateOption = s.result.cheapestFargate;
    return {
      current: { label: headline.currentLabel, usd: headline.currentMonthlyCostUsd },
      lambda: {
        label: lambda ? toLambdaLabel(lambda) : null,
        usd: lambda?.isFeasible ? lambda.monthlyCostUsd : null,
      },
      fargate: {
        label: fargateOption ? toFargateLabel(fargateOption, s.fargate) : null,
        usd: fargateOption?.isFeasible ? fargateOption.monthlyCostUsd : null,
      },
      cheapest: { label: headline.cheapest?.label ?? null, usd: headline.cheapest?.monthlyCostUsd ?? null },
    };
  };
  const sa = side(a);
  const sb = side(b);
  return [
    toComparisonRow("current", "Lambda as configured", sa.current, sb.current),
    toComparisonRow("cheapest-lambda", "Cheapest Lambda", sa.lambda, sb.lambda),
    toComparisonRow("cheapest-fargate", "Cheapest Fargate", sa.fargate, sb.fargate),
    toComparisonRow("cheapest", "Cheapest overall", sa.cheapest, sb.cheapest),
  ];
}
