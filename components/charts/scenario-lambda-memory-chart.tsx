"use client";

import { memo } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceDot,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import {
  describeChangeVsCurrent,
  toLambdaCostDomainUsd,
  toLinearTicks,
  toMemoryTicksMb,
  type LambdaMemoryPoint,
  type LambdaMemorySeries,
  type LambdaSizeDetail,
} from "@/lib/charts/scenario-series";
import { formatDurationMs, formatMemoryMb, formatUsd } from "@/lib/format";
import {
  AXIS_LABEL_STYLE,
  AXIS_PROPS,
  ChartAxisCaption,
  ChartLegend,
  ChartTooltipBox,
  formatUsdTick,
} from "./scenario-chart-parts";

const ARCH_COLORS = { x86_64: "var(--chart-lambda)", arm64: "var(--chart-lambda-arm64)" } as const;

function SizeLine({ detail }: { detail: LambdaSizeDetail }) {
  const tags = [detail.isCurrent ? "now" : null, detail.isCheapest ? "cheapest" : null].filter(Boolean);
  return (
    <div>
      <p className="font-medium" style={{ color: ARCH_COLORS[detail.architecture] }}>
        {detail.architecture}
        {tags.length ? <span className="text-gray-500 dark:text-gray-400"> · {tags.join(", ")}</span> : null}
      </p>
      {detail.isFeasible ? (
        <>
          <p className="tabular">
            {formatUsd(detail.monthlyCostUsd)}/month · {formatDurationMs(detail.durationMs)}
          </p>
          {!detail.isCurrent && describeChangeVsCurrent(detail) ? (
            <p className="text-gray-600 dark:text-gray-300">vs now: {describeChangeVsCurrent(detail)}</p>
          ) : null}
          {detail.monthlyCostUsd === null ? (
            <p className="text-amber-700 dark:text-amber-400">
              Cost unknown: a rate is missing for this region.
            </p>
          ) : null}
        </>
      ) : (
        <p className="text-red-700 dark:text-red-400">Not possible: {detail.infeasibleReason}</p>
      )}
    </div>
  );
}

function LambdaTooltip({ point }: { point: LambdaMemoryPoint | undefined }) {
  if (!point) return null;
  return (
    <ChartTooltipBox title={formatMemoryMb(point.memoryMb)}>
      {point.x86 ? <SizeLine detail={point.x86} /> : null}
      {point.arm64 ? <SizeLine detail={point.arm64} /> : null}
    </ChartTooltipBox>
  );
}

/** Monthly Lambda cost at every memory size, per architecture; gaps where a size cannot run the work. */
function ScenarioLambdaMemoryChartView({
  series,
  height = 280,
}: {
  series: LambdaMemorySeries;
  height?: number;
}) {
  const { points, current, cheapest, infeasibleRanges } = series;
  if (!points.some((p) => p.x86CostUsd !== null || p.arm64CostUsd !== null)) {
    return (
      <p className="py-10 text-center text-sm text-gray-600 dark:text-gray-400">
        No memory size has a known cost here; the table lists why.
      </p>
    );
  }
  const byMemory = new Map(points.map((p) => [p.memoryMb, p]));
  const domain = [points[0]!.memoryMb, points[points.length - 1]!.memoryMb];
  const yDomain = toLambdaCostDomainUsd(series);
  const yTicks = yDomain.maxUsd !== null ? toLinearTicks(yDomain.maxUsd) : [];
  return (
    <div>
      <ChartAxisCaption>USD per month</ChartAxisCaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 16, right: 12, bottom: 20, left: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
          <XAxis
            {...AXIS_PROPS}
            dataKey="memoryMb"
            type="number"
            scale="log"
            domain={domain}
            ticks={toMemoryTicksMb(points)}
            tickFormatter={(value: number) => formatMemoryMb(value)}
            label={{
              value: "Memory (MB, log scale)",
              position: "insideBottom",
              offset: -12,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            {...AXIS_PROPS}
            width={52}
            domain={[0, yTicks.length > 1 ? yTicks[yTicks.length - 1]! : "auto"]}
            ticks={yTicks.length > 1 ? yTicks : undefined}
            allowDataOverflow={yDomain.isClipped}
            tickFormatter={formatUsdTick}
          />
          {infeasibleRanges.map((range) => (
            <ReferenceArea
              key={range.fromMemoryMb}
              x1={range.fromMemoryMb}
              x2={range.shadeToMemoryMb}
              fill="var(--chart-infeasible)"
              stroke="var(--chart-infeasible-line)"
              strokeOpacity={0.4}
              strokeDasharray="2 2"
            />
          ))}
          <Tooltip
            cursor={{ stroke: "var(--chart-axis)", strokeDasharray: "3 3" }}
            content={({ active, label }) =>
              active ? <LambdaTooltip point={byMemory.get(Number(label))} /> : null
            }
          />
          {series.architectures.map((arch) => (
            <Line
              key={arch}
              dataKey={arch === "x86_64" ? "x86CostUsd" : "arm64CostUsd"}
              name={arch}
              type="monotone"
              stroke={ARCH_COLORS[arch]}
              strokeWidth={2}
              strokeDasharray={arch === "arm64" ? "6 3" : undefined}
              dot={false}
              activeDot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
          {cheapest && cheapest.monthlyCostUsd !== null ? (
            <ReferenceDot
              x={cheapest.memoryMb}
              y={cheapest.monthlyCostUsd}
              r={7}
              fill="none"
              stroke="var(--chart-cheapest)"
              strokeWidth={2.5}
              label={{
                value: "cheapest",
                // At the smallest size a label below would sit on the y-axis ticks.
                position: cheapest.memoryMb === points[0]!.memoryMb ? "right" : "bottom",
                fill: "var(--chart-cheapest)",
                fontSize: 11,
              }}
            />
          ) : null}
          {current.monthlyCostUsd !== null ? (
            <ReferenceDot
              x={current.memoryMb}
              y={current.monthlyCostUsd}
              r={5}
              fill="var(--chart-current)"
              stroke="var(--chart-surface)"
              strokeWidth={1.5}
              label={{ value: "now", position: "top", fill: "var(--chart-current)", fontSize: 11 }}
            />
          ) : null}
        </LineChart>
      </ResponsiveContainer>
      <ChartLegend
        items={[
          ...series.architectures.map((arch) => ({
            label: `Lambda ${arch}`,
            color: ARCH_COLORS[arch],
            variant: arch === "arm64" ? ("dashed" as const) : ("line" as const),
          })),
          { label: "now", color: "var(--chart-current)", variant: "dot" },
          { label: "cheapest", color: "var(--chart-cheapest)", variant: "ring" },
          ...(infeasibleRanges.length
            ? [
                {
                  label: "not possible (see table)",
                  color: "var(--chart-infeasible)",
                  variant: "area" as const,
                },
              ]
            : []),
        ]}
      />
      {yDomain.isClipped ? (
        <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">
          The axis stops at {formatUsdTick(yTicks[yTicks.length - 1] ?? yDomain.maxUsd ?? 0)}/month to keep
          the cheap end readable; larger sizes run off the top (the table lists them).
        </p>
      ) : null}
    </div>
  );
}

/** Memoised: the page re-renders on every keystroke, this only when its data changes (useDeferredValue). */
export const ScenarioLambdaMemoryChart = memo(ScenarioLambdaMemoryChartView);
