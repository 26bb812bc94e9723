"use client";

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
import { formatAxisTick } from "@/lib/charts/format-value";
import {
  findMemoryCurveRow,
  formatCurveMs,
  formatCurveRange,
  type MemoryCurveChartData,
} from "@/lib/charts/memory-curve";
import { formatInteger } from "@/lib/format";
import { MEMORY_CURVE_COLORS as COLORS } from "./memory-curve-colors";
import { AXIS_LABEL_STYLE, AXIS_PROPS, formatUsdTick } from "./scenario-chart-parts";

/** The Recharts plot of MemoryCurveChart (./memory-curve-chart), in its own chunk. */

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

export function CurvePlot({ data, height }: { data: MemoryCurveChartData; height: number }) {
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
