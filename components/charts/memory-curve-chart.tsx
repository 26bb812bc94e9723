"use client";

import dynamic from "next/dynamic";
import { memo } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import {
  formatCostPerMillion,
  formatCurveMs,
  formatCurveRange,
  toMemoryCurveChartData,
  type MemoryCurveChartData,
} from "@/lib/charts/memory-curve";
import { formatInteger, formatUsd } from "@/lib/format";
import type { MemoryCurve } from "@/lib/recommend/types";
import { MEMORY_CURVE_COLORS as COLORS } from "./memory-curve-colors";
import { ChartLegend, type LegendItem } from "./scenario-chart-parts";

/** The element id recommendations link to (`#memory-curve`). */
export const MEMORY_CURVE_CHART_ID = "memory-curve";

const EMPTY_MESSAGE = "No duration observations: unknown.";

export type MemoryCurveChartProps = {
  /** The engine's curve (ResourceAdvice.curve); null shows the empty state. */
  curve: MemoryCurve | null;
  /** The function's configured memory: the "now" line and what every size is compared with. */
  currentMemoryMb: number;
  headingLevel?: 2 | 3;
  height?: number;
};

function legendItems(data: MemoryCurveChartData): LegendItem[] {
  return [
    { label: "observed", color: COLORS.observed, variant: "dot" },
    { label: "modelled", color: COLORS.duration, variant: "line" },
    { label: "band", color: COLORS.band, variant: "area" },
    ...(data.hasP95 ? [{ label: "p95 (modelled)", color: COLORS.duration, variant: "dashed" as const }] : []),
    ...(data.hasCost
      ? [{ label: "$ per 1M invocations", color: COLORS.cost, variant: "line" as const }]
      : []),
    { label: "now", color: COLORS.now, variant: "dashed" },
  ];
}

/** The Recharts plot (./memory-curve-plot) loads after the page: the card, table and notes do not wait for it. */
const CurvePlot = dynamic(() => import("./memory-curve-plot").then((m) => m.CurvePlot), {
  ssr: false,
  loading: () => null,
});

function CurveTable({ data }: { data: MemoryCurveChartData }) {
  const observedBySize = new Map(data.observed.map((o) => [o.memoryMb, o]));
  return (
    <details className="mt-3 text-xs">
      <summary className="cursor-pointer select-none text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100">
        Show as table
      </summary>
      <div className="mt-2 max-h-80 overflow-auto rounded border border-gray-200 dark:border-gray-800">
        <table className="w-full border-collapse text-left [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_td]:whitespace-nowrap [&_td]:tabular-nums">
          <caption className="sr-only">
            Modelled duration and cost per memory size ({data.architecture}), compared with the current{" "}
            {formatInteger(data.currentMemoryMb)} MB
          </caption>
          <thead className="sticky top-0 bg-gray-50 text-gray-600 dark:bg-gray-800 dark:text-gray-300">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                Memory
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Duration (modelled)
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Band
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                p95
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Observed average
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                $ per 1M invocations
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                vs now
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
            {data.rows.map((row) => {
              const observed = observedBySize.get(row.memoryMb);
              return (
                <tr
                  key={row.memoryMb}
                  className={row.isCurrent ? "bg-gray-50 dark:bg-gray-800/60" : undefined}
                >
                  <th scope="row" className="whitespace-nowrap px-2 py-1 font-normal">
                    {formatInteger(row.memoryMb)} MB
                    {row.isCurrent ? <span className="ml-1 font-semibold">(now)</span> : null}
                  </th>
                  <td>{formatCurveMs(row.durationMs)}</td>
                  <td>{formatCurveRange(row.durationLowMs, row.durationHighMs)}</td>
                  <td>{formatCurveMs(row.p95Ms)}</td>
                  <td>{observed ? formatCurveMs(observed.durationAvgMs) : "—"}</td>
                  <td>{formatUsd(row.costPerMillionUsd)}</td>
                  <td className="text-left!">{row.isCurrent ? "—" : (row.comparison ?? "unknown")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function MemoryCurveChartView({
  curve,
  currentMemoryMb,
  headingLevel = 3,
  height = 280,
}: MemoryCurveChartProps) {
  const data = toMemoryCurveChartData(curve, currentMemoryMb);
  const title = "Cost and speed by memory size";
  return (
    <Card id={MEMORY_CURVE_CHART_ID} className="scroll-mt-6">
      <CardHeader
        title={title}
        headingLevel={headingLevel}
        description={
          data && curve
            ? `Cost per 1M invocations and duration at each memory size (${curve.architecture}), modelled from ${data.observed.length} observed ${data.observed.length === 1 ? "size" : "sizes"}.`
            : "Cost per 1M invocations and duration at each memory size."
        }
        actions={data && curve ? <Badge>{curve.confidence} confidence</Badge> : null}
      />
      <CardContent>
        {data && curve ? (
          <>
            <div
              className="flex justify-between gap-2 text-[11px] text-gray-600 dark:text-gray-400"
              aria-hidden
            >
              <span>{data.hasCost ? "$ per 1M invocations" : ""}</span>
              <span>Duration (ms, log scale)</span>
            </div>
            <div
              role="img"
              aria-label={`${title} chart; the same data is in the table below`}
              style={{ minHeight: height }}
            >
              <CurvePlot data={data} height={height} />
            </div>
            <ChartLegend items={legendItems(data)} />
            <CurveTable data={data} />
            <div className="mt-3 space-y-1 text-xs text-gray-500 dark:text-gray-400">
              <p>{curve.note}</p>
              {data.current ? (
                <p>
                  Now: {formatInteger(currentMemoryMb)} MB,{" "}
                  {formatCostPerMillion(data.current.costPerMillionUsd)}.
                </p>
              ) : (
                <p>
                  The current size ({formatInteger(currentMemoryMb)} MB) is not on the curve: no comparison
                  with now.
                </p>
              )}
              {data.hasCost ? null : <p>Cost unknown: a rate is missing for this region or architecture.</p>}
            </div>
          </>
        ) : (
          <p className="py-8 text-center text-sm text-gray-500 dark:text-gray-400">{EMPTY_MESSAGE}</p>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The memory-power curve behind the memory advice: cost per 1M invocations (left axis) and duration
 * (right axis, log) against memory, the observed sizes as points, the fitted curve and its band, and
 * a "now" line. Carries the id `memory-curve` so evidence links (`#memory-curve`) land on it.
 */
export const MemoryCurveChart = memo(MemoryCurveChartView);
