"use client";

import type { ReactNode } from "react";

/** Shared bits of the what-if charts: tooltip frame, axis styling and the legend swatches. */

export const AXIS_PROPS = {
  stroke: "var(--chart-axis)",
  tick: { fill: "var(--chart-axis)", fontSize: 11 },
  tickLine: { stroke: "var(--chart-axis)" },
} as const;

const tickUsd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumSignificantDigits: 3,
});

/** Axis ticks: "$100", "$1.5K", "$0.01" — shorter than the table's "$100.00". */
export function formatUsdTick(valueUsd: number): string {
  return Number.isFinite(valueUsd) ? tickUsd.format(valueUsd) : "";
}

export const AXIS_LABEL_STYLE = { fill: "var(--chart-axis)", fontSize: 11 } as const;

export function ChartTooltipBox({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="max-w-72 rounded-md border border-gray-200 bg-white p-2.5 text-xs text-gray-900 shadow-lg dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100">
      <p className="mb-1.5 font-semibold">{title}</p>
      <div className="space-y-1.5">{children}</div>
    </div>
  );
}

export type LegendItem = {
  label: string;
  color: string;
  variant?: "line" | "dashed" | "dot" | "ring" | "area";
};

function Swatch({ color, variant = "line" }: { color: string; variant?: LegendItem["variant"] }) {
  if (variant === "dot" || variant === "ring") {
    return (
      <span
        aria-hidden
        className="inline-block size-2.5 rounded-full"
        style={variant === "dot" ? { background: color } : { border: `2px solid ${color}` }}
      />
    );
  }
  if (variant === "area") {
    return <span aria-hidden className="inline-block h-2.5 w-4 rounded-sm" style={{ background: color }} />;
  }
  return (
    <span
      aria-hidden
      className="inline-block w-5 border-t-2"
      style={{ borderColor: color, borderTopStyle: variant === "dashed" ? "dashed" : "solid" }}
    />
  );
}

/** A legend in HTML (wraps on phones, readable in both themes) rather than Recharts' SVG one. */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600 dark:text-gray-400">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <Swatch color={item.color} variant={item.variant} />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** The y-axis unit, written above the plot (a rotated SVG label collides with the ticks on phones). */
export function ChartAxisCaption({ children }: { children: ReactNode }) {
  return <p className="mb-1 text-[11px] text-gray-600 dark:text-gray-400">{children}</p>;
}
