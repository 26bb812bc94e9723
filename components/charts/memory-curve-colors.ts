/** Colours of the memory-power curve, shared by its card (legend) and its plot. */
export const MEMORY_CURVE_COLORS = {
  cost: "var(--chart-lambda)",
  duration: "var(--chart-line-1)",
  band: "color-mix(in srgb, var(--chart-line-1) 22%, transparent)",
  observed: "var(--chart-marker)",
  now: "var(--chart-current)",
} as const;
