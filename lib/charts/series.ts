/**
 * Series definitions and colour maps. Colours are CSS variables from app/globals.css so every chart
 * follows the light/dark theme without re-rendering.
 */
export type SeriesDef = {
  key: string;
  label: string;
  color: string;
  /** Drawn dashed (estimates, reference values). */
  isDashed?: boolean;
  /** Overrides the chart's default mark for this series (e.g. a configured limit as a step line). */
  shape?: "bar" | "line" | "step" | "area";
};

/** How a chart's values are formatted (axis ticks, tooltip, table). */
export type ValueKind = "usd" | "count" | "ms" | "percent" | "fraction" | "mb";

export const VALUE_KIND_UNITS: Record<ValueKind, string> = {
  usd: "USD",
  count: "count",
  ms: "ms",
  percent: "%",
  fraction: "%",
  mb: "MB",
};

const OTHER: SeriesDef = { key: "other", label: "Other", color: "var(--chart-other)" };

/** Lambda bill components, in stacking order (bottom first). "init" is estimated, never billed as such. */
export const LAMBDA_COST_SERIES: SeriesDef[] = [
  { key: "requests", label: "Requests", color: "var(--chart-requests)" },
  { key: "duration", label: "Duration", color: "var(--chart-duration)" },
  { key: "init", label: "INIT (estimated)", color: "var(--chart-init)", isDashed: true },
  { key: "provisioned-concurrency", label: "Provisioned concurrency", color: "var(--chart-pc)" },
  { key: "provisioned-duration", label: "Provisioned duration", color: "var(--chart-pc-duration)" },
  { key: "ephemeral-storage", label: "Ephemeral storage", color: "var(--chart-storage)" },
  { key: "snapstart", label: "SnapStart", color: "var(--chart-snapstart)" },
  { key: "streaming", label: "Response streaming", color: "var(--chart-streaming)" },
  OTHER,
];

/** Fargate bill components; "spot" gathers vCPU and memory billed at the Spot rate. */
export const FARGATE_COST_SERIES: SeriesDef[] = [
  { key: "vcpu", label: "vCPU (on-demand)", color: "var(--chart-vcpu)" },
  { key: "memory", label: "Memory (on-demand)", color: "var(--chart-memory)" },
  { key: "spot", label: "Spot (vCPU + memory)", color: "var(--chart-spot)" },
  { key: "ephemeral-storage", label: "Ephemeral storage", color: "var(--chart-storage)" },
  { key: "os-license", label: "Windows OS licence", color: "var(--chart-os-license)" },
  OTHER,
];

export const SPEND_SPLIT_SERIES: SeriesDef[] = [
  { key: "lambda", label: "Lambda", color: "var(--chart-lambda)" },
  { key: "fargate", label: "Fargate", color: "var(--chart-fargate)" },
  OTHER,
];

/** Maps a CostLine.component to a Lambda stack key; unknown components go to "other". */
export function toLambdaCostSeriesKey(component: string): string {
  return LAMBDA_COST_SERIES.some((s) => s.key === component && s.key !== "init") ? component : "other";
}

/** Maps a Fargate cost line to a stack key; Spot usage types (…SpotUsage-Fargate-…) go to "spot". */
export function toFargateCostSeriesKey(component: string, usageType: string): string {
  if (/SpotUsage/i.test(usageType) && (component === "vcpu" || component === "memory")) return "spot";
  if (component === "spot") return "spot";
  return FARGATE_COST_SERIES.some((s) => s.key === component) ? component : "other";
}

export const METRIC_COLORS = {
  primary: "var(--chart-line-1)",
  secondary: "var(--chart-line-2)",
  tertiary: "var(--chart-line-3)",
  errors: "var(--chart-errors)",
  throttles: "var(--chart-throttles)",
  reference: "var(--chart-reference)",
  marker: "var(--chart-marker)",
} as const;
