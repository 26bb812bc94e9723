"use client";

import { memo } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { toDecadeTicks, type BreakevenChartPoint, type BreakevenSeries } from "@/lib/charts/scenario-series";
import { formatCompact, formatUsd } from "@/lib/format";
import {
  AXIS_LABEL_STYLE,
  AXIS_PROPS,
  ChartAxisCaption,
  ChartLegend,
  ChartTooltipBox,
  formatUsdTick,
} from "./scenario-chart-parts";

/** Cheapest Lambda vs cheapest Fargate across request rates (both axes log), crossover and "now" marked. */
function ScenarioBreakevenChartView({ series, height = 300 }: { series: BreakevenSeries; height?: number }) {
  const { points, crossoverRequestsPerMonth, currentRequestsPerMonth } = series;
  if (!points.some((p) => p.lambdaPlotUsd !== null || p.fargatePlotUsd !== null)) {
    return (
      <p className="py-10 text-center text-sm text-gray-600 dark:text-gray-400">
        No request rate has a known cost here; the table lists why.
      </p>
    );
  }
  const rates = points.map((p) => p.requestsPerMonth);
  const xDomain = [Math.min(...rates), Math.max(...rates)];
  const plottedUsd = points
    .flatMap((p) => [p.lambdaPlotUsd, p.fargatePlotUsd])
    .filter((v): v is number => v !== null);
  const yTicks = toDecadeTicks(plottedUsd);
  const byRate = new Map(points.map((p) => [p.requestsPerMonth, p]));
  const isInRange = (rate: number | null): rate is number =>
    rate !== null && rate >= xDomain[0]! && rate <= xDomain[1]!;
  return (
    <div>
      <ChartAxisCaption>USD per month (log scale)</ChartAxisCaption>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 20, right: 16, bottom: 20, left: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
          <XAxis
            {...AXIS_PROPS}
            dataKey="requestsPerMonth"
            type="number"
            scale="log"
            domain={xDomain}
            ticks={toDecadeTicks(rates)}
            allowDataOverflow
            tickFormatter={(value: number) => formatCompact(value)}
            label={{
              value: "Requests per month (log scale)",
              position: "insideBottom",
              offset: -12,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            {...AXIS_PROPS}
            type="number"
            scale="log"
            width={52}
            domain={yTicks.length ? [yTicks[0]!, yTicks[yTicks.length - 1]!] : ["auto", "auto"]}
            ticks={yTicks}
            allowDataOverflow
            tickFormatter={formatUsdTick}
          />
          <Tooltip
            cursor={{ stroke: "var(--chart-axis)", strokeDasharray: "3 3" }}
            content={({ active, label }) => {
              const point: BreakevenChartPoint | undefined = active ? byRate.get(Number(label)) : undefined;
              if (!point) return null;
              return (
                <ChartTooltipBox title={`${formatCompact(point.requestsPerMonth)} requests/month`}>
                  <p className="tabular" style={{ color: "var(--chart-lambda)" }}>
                    Cheapest Lambda: {point.lambdaUsd === null ? "not available" : formatUsd(point.lambdaUsd)}
                  </p>
                  <p className="tabular" style={{ color: "var(--chart-fargate)" }}>
                    Cheapest Fargate:{" "}
                    {point.fargateUsd === null ? "not available" : formatUsd(point.fargateUsd)}
                  </p>
                </ChartTooltipBox>
              );
            }}
          />
          {isInRange(crossoverRequestsPerMonth) ? (
            <ReferenceLine
              x={crossoverRequestsPerMonth}
              stroke="var(--chart-crossover)"
              strokeWidth={1.5}
              strokeDasharray="5 3"
              label={{
                value: `crossover ${formatCompact(crossoverRequestsPerMonth)}`,
                // Keep the label on the side away from the "now" line so the two never overlap.
                position:
                  currentRequestsPerMonth > crossoverRequestsPerMonth ? "insideTopRight" : "insideTopLeft",
                fill: "var(--chart-crossover)",
                fontSize: 11,
              }}
            />
          ) : null}
          {isInRange(currentRequestsPerMonth) ? (
            <ReferenceLine
              x={currentRequestsPerMonth}
              stroke="var(--chart-current)"
              strokeWidth={1.5}
              label={{ value: "now", position: "top", fill: "var(--chart-current)", fontSize: 11 }}
            />
          ) : null}
          <Line
            dataKey="lambdaPlotUsd"
            name="Cheapest Lambda"
            type="monotone"
            stroke="var(--chart-lambda)"
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="fargatePlotUsd"
            name="Cheapest Fargate"
            type="monotone"
            stroke="var(--chart-fargate)"
            strokeWidth={2}
            dot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <ChartLegend
        items={[
          { label: "Cheapest Lambda", color: "var(--chart-lambda)" },
          { label: "Cheapest Fargate", color: "var(--chart-fargate)" },
          { label: "crossover", color: "var(--chart-crossover)", variant: "dashed" },
          { label: "now", color: "var(--chart-current)" },
        ]}
      />
      {series.hasUnplottedZeros ? (
        <p className="mt-1 text-xs text-gray-500 dark:text-gray-400">
          $0 months (inside the free tier) cannot sit on a log scale; the table lists them.
        </p>
      ) : null}
    </div>
  );
}

/** Memoised: the page re-renders on every keystroke, this only when its data changes (useDeferredValue). */
export const ScenarioBreakevenChart = memo(ScenarioBreakevenChartView);
