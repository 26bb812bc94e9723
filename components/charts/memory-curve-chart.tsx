"use client";

import dynamic from "next/dynamic";
import { memo } from "react";
import { Badge } from "@/components/ui/badge";
import { ChartFrame } from "@/components/ui/chart-frame";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
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
    <Table size="xs" hasStickyHeader>
      <caption className="sr-only">
        Modelled duration and cost per memory size ({data.architecture}), compared with the current{" "}
        {formatInteger(data.currentMemoryMb)} MB
      </caption>
      <THead>
        <tr>
          <Th scope="col">Memory</Th>
          <Th scope="col" isNumeric>
            Duration (modelled)
          </Th>
          <Th scope="col" isNumeric>
            Band
          </Th>
          <Th scope="col" isNumeric>
            p95
          </Th>
          <Th scope="col" isNumeric>
            Observed average
          </Th>
          <Th scope="col" isNumeric>
            $ per 1M invocations
          </Th>
          <Th scope="col">vs now</Th>
        </tr>
      </THead>
      <TBody>
        {data.rows.map((row) => {
          const observed = observedBySize.get(row.memoryMb);
          return (
            <Tr key={row.memoryMb} className={row.isCurrent ? "bg-gray-50 dark:bg-gray-800/60" : undefined}>
              <Th scope="row" className="whitespace-nowrap">
                {formatInteger(row.memoryMb)} MB
                {row.isCurrent ? <span className="ml-1 font-semibold">(now)</span> : null}
              </Th>
              <Td isNumeric>{formatCurveMs(row.durationMs)}</Td>
              <Td isNumeric>{formatCurveRange(row.durationLowMs, row.durationHighMs)}</Td>
              <Td isNumeric>{formatCurveMs(row.p95Ms)}</Td>
              <Td isNumeric>{observed ? formatCurveMs(observed.durationAvgMs) : "—"}</Td>
              <Td isNumeric>{formatUsd(row.costPerMillionUsd)}</Td>
              <Td className="whitespace-nowrap">{row.isCurrent ? "—" : (row.comparison ?? "unknown")}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
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
    <ChartFrame
      id={MEMORY_CURVE_CHART_ID}
      className="scroll-mt-6"
      title={title}
      headingLevel={headingLevel}
      description={
        data && curve
          ? `Cost per 1M invocations and duration at each memory size (${curve.architecture}), modelled from ${data.observed.length} observed ${data.observed.length === 1 ? "size" : "sizes"}.`
          : "Cost per 1M invocations and duration at each memory size."
      }
      actions={data && curve ? <Badge>{curve.confidence} confidence</Badge> : null}
      isEmpty={!data || !curve}
      emptyMessage={EMPTY_MESSAGE}
      table={data ? <CurveTable data={data} /> : null}
      footnote={
        data && curve ? (
          <div className="space-y-1">
            <p>{curve.note}</p>
            {data.current ? (
              <p>
                Now: {formatInteger(currentMemoryMb)} MB,{" "}
                {formatCostPerMillion(data.current.costPerMillionUsd)}.
              </p>
            ) : (
              <p>
                The current size ({formatInteger(currentMemoryMb)} MB) is not on the curve: no comparison with
                now.
              </p>
            )}
            {data.hasCost ? null : <p>Cost unknown: a rate is missing for this region or architecture.</p>}
          </div>
        ) : null
      }
    >
      {data ? (
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
        </>
      ) : null}
    </ChartFrame>
  );
}

/**
 * The memory-power curve behind the memory advice: cost per 1M invocations (left axis) and duration
 * (right axis, log) against memory, the observed sizes as points, the fitted curve and its band, and
 * a "now" line. Carries the id `memory-curve` so evidence links (`#memory-curve`) land on it.
 */
export const MemoryCurveChart = memo(MemoryCurveChartView);
