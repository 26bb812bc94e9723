"use client";

import { memo } from "react";
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { formatAxisTick } from "@/lib/charts/format-value";
import {
  findMemoryCurveRow,
  formatCostPerMillion,
  formatCurveMs,
  formatCurveRange,
  toMemoryCurveChartData,
  type MemoryCurveChartData,
} from "@/lib/charts/memory-curve";
import { formatInteger, formatUsd } from "@/lib/format";
import type { MemoryCurve } from "@/lib/recommend/types";
import {
  AXIS_LABEL_STYLE,
  AXIS_PROPS,
  ChartLegend,
  formatUsdTick,
  type LegendItem,
} from "./scenario-chart-parts";

/** The element id recommendations link to (`#memory-curve`). */
export const MEMORY_CURVE_CHART_ID = "memory-curve";

const COLORS = {
  cost: "var(--chart-lambda)",
  duration: "var(--chart-line-1)",
  band: "color-mix(in srgb, var(--chart-line-1) 22%, transparent)",
  observed: "var(--chart-marker)",
  now: "var(--chart-current)",
} as const;

const EMPTY_MESSAGE = "No duration observations: unknown.";

export type MemoryCurveChartProps = {
  /** The engine's curve (ResourceAdvice.curve); null shows the empty state. */
  curve: MemoryCurve | null;
  /** The function's configured memory: the "now" line and what every size is compared with. */
  currentMemoryMb: number;
  headingLevel?: 2 | 3;
  height?: number;
};

function CurveTooltip({ data, memoryMb }: { data: MemoryCurveChartData; memoryMb: number }) {
  const row = findMemoryCurveRow(data, memoryMb);
  const observed = data.observed.find((o) => o.memoryMb === memoryMb);
  if (!row && !observed) return null;
  return (
    <div className="max-w-72 rounded-md border border-gray-200 bg-white p-2.5 text-xs text-gray-900 shadow-lg dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100">
      {row ? (
        <>
          <p className="font-semibold">{row.description}</p>
          <p className="mt-1 tabular text-gray-600 dark:text-gray-300">
            modelled average {formatCurveMs(row.durationMs)} (band{" "}
            {formatCurveRange(row.durationLowMs, row.durationHighMs)})
          </p>
        </>
      ) : (
        <p className="font-semibold">{formatInteger(memoryMb)} MB</p>
      )}
      {observed ? (
        <p className="mt-1 tabular" style={{ color: COLORS.observed }}>
          {observed.description}
        </p>
      ) : null}
    </div>
  );
}

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

function CurvePlot({ data, height }: { data: MemoryCurveChartData; height: number }) {
  const lastCostTick = data.costTicksUsd.at(-1);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart data={data.rows} margin={{ top: 18, right: 0, bottom: 20, left: 0 }} accessibilityLayer>
        <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" yAxisId="ms" />
        <XAxis
          {...AXIS_PROPS}
          dataKey="memoryMb"
          type="number"
          scale="log"
          domain={data.memoryDomainMb}
          ticks={data.memoryTicksMb}
          interval="preserveStartEnd"
          minTickGap={4}
          allowDataOverflow
          tickFormatter={(value: number) => formatInteger(value)}
          label={{
            value: "Memory (MB, log scale)",
            position: "insideBottom",
            offset: -12,
            style: AXIS_LABEL_STYLE,
          }}
        />
        <YAxis
          {...AXIS_PROPS}
          yAxisId="usd"
          orientation="left"
          width={44}
          hide={!data.hasCost}
          domain={[0, lastCostTick ?? "auto"]}
          ticks={data.costTicksUsd.length > 1 ? data.costTicksUsd : undefined}
          tickFormatter={formatUsdTick}
        />
        <YAxis
          {...AXIS_PROPS}
          yAxisId="ms"
          orientation="right"
          width={48}
          scale="log"
          domain={data.durationDomainMs}
          ticks={data.durationTicksMs}
          allowDataOverflow
          tickFormatter={(value: number) => formatAxisTick("ms", value)}
        />
        <Tooltip
          cursor={{ stroke: "var(--chart-axis)", strokeDasharray: "3 3" }}
          content={({ active, label }) =>
            active && label !== undefined ? <CurveTooltip data={data} memoryMb={Number(label)} /> : null
          }
        />
        <Area
          yAxisId="ms"
          dataKey="band"
          name="band"
          type="monotone"
          stroke="none"
          fill={COLORS.duration}
          fillOpacity={0.18}
          activeDot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="ms"
          dataKey="durationMs"
          name="modelled"
          type="monotone"
          stroke={COLORS.duration}
          strokeWidth={2}
          dot={false}
          activeDot={{ r: 3 }}
          isAnimationActive={false}
        />
        {data.hasP95 ? (
          <Line
            yAxisId="ms"
            dataKey="p95Ms"
            name="p95 (modelled)"
            type="monotone"
            stroke={COLORS.duration}
            strokeWidth={1.5}
            strokeDasharray="5 3"
            dot={false}
            activeDot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ) : null}
        {data.hasCost ? (
          <Line
            yAxisId="usd"
            dataKey="costPerMillionUsd"
            name="$ per 1M invocations"
            type="monotone"
            stroke={COLORS.cost}
            strokeWidth={2.5}
            dot={false}
            activeDot={{ r: 4 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ) : null}
        {/* Observed sizes: dots only (a null observedMs draws nothing), on top of the curve. */}
        <Line
          yAxisId="ms"
          dataKey="observedMs"
          name="observed"
          stroke="none"
          dot={{ r: 5, fill: COLORS.observed, stroke: "var(--chart-surface)", strokeWidth: 1.5 }}
          activeDot={false}
          connectNulls={false}
          legendType="none"
          isAnimationActive={false}
        />
        <ReferenceLine
          yAxisId="ms"
          x={data.currentMemoryMb}
          stroke={COLORS.now}
          strokeDasharray="4 3"
          strokeWidth={1.5}
          ifOverflow="extendDomain"
          label={{ value: "now", position: "top", fill: COLORS.now, fontSize: 11 }}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

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
            <div role="img" aria-label={`${title} chart; the same data is in the table below`}>
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
