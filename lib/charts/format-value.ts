import {
  formatCompact,
  formatDurationMs,
  formatInteger,
  formatMemoryMb,
  formatPercent,
  formatUsd,
  formatUsdCompact,
  UNKNOWN,
} from "@/lib/format";
import type { ValueKind } from "./series";

/**
 * Formatting by value kind, for tooltips and table alternatives (full precision) and for axis ticks
 * (compact). "percent" values are already 0..100; "fraction" values are 0..1.
 */
export function formatChartValue(kind: ValueKind, value: number | null | undefined): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return UNKNOWN;
  switch (kind) {
    case "usd":
      return formatUsd(value);
    case "count":
      return Number.isInteger(value) ? formatInteger(value) : formatCompact(value);
    case "ms":
      return formatDurationMs(value);
    case "percent":
      return formatPercent(value / 100);
    case "fraction":
      return formatPercent(value);
    case "mb":
      return formatMemoryMb(Math.round(value));
  }
}

export function formatAxisTick(kind: ValueKind, value: number): string {
  switch (kind) {
    case "usd":
      return formatUsdCompact(value).replace(/\.00$/, "");
    case "count":
      return formatCompact(value);
    case "ms":
      return value >= 1000 ? `${formatCompact(value / 1000)} s` : `${formatCompact(value)} ms`;
    case "percent":
      return `${formatCompact(value)}%`;
    case "fraction":
      return `${formatCompact(value * 100)}%`;
    case "mb":
      return value >= 1024 ? `${formatCompact(value / 1024)} GB` : `${formatCompact(value)} MB`;
  }
}
