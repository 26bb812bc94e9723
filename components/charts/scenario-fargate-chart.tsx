"use client";

import { memo } from "react";
import {
  CartesianGrid,
  ReferenceDot,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { toDecadeTicks, type FargateTaskPoint } from "@/lib/charts/scenario-series";
import { formatUsd } from "@/lib/format";
import {
  AXIS_LABEL_STYLE,
  AXIS_PROPS,
  ChartAxisCaption,
  ChartLegend,
  ChartTooltipBox,
  formatUsdTick,
} from "./scenario-chart-parts";
import { ARCHITECTURES } from "@/lib/pricing/types";

const VCPU_TICKS = [0.25, 0.5, 1, 2, 4, 8, 16, 32];
const ARCH_COLORS = { x86_64: "var(--chart-fargate)", arm64: "var(--chart-fargate-arm64)" } as const;
/** Both architectures share each vCPU size; nudge them apart on the log axis so neither hides the other. */
const ARCH_DODGE = { x86_64: 0.92, arm64: 1.08 } as const;

type PlotPoint = FargateTaskPoint & { plotVcpu: number; monthlyCostUsd: number };

function formatTasks(value: number | null): string {
  return value === null ? "unknown" : String(Math.round(value * 10) / 10);
}

/** Monthly Fargate cost of every task size (x: vCPU per task, y: USD; both log), cheapest ringed. */
function ScenarioFargateChartView({ points, height = 280 }: { points: FargateTaskPoint[]; height?: number }) {
  const plotted: PlotPoint[] = points
    .filter(
      (p): p is FargateTaskPoint & { monthlyCostUsd: number } =>
        p.monthlyCostUsd !== null && p.monthlyCostUsd > 0,
    )
    .map((p) => ({ ...p, plotVcpu: p.vcpu * ARCH_DODGE[p.architecture] }));
  if (plotted.length === 0) {
    return (
      <p className="py-10 text-center text-sm text-gray-600 dark:text-gray-400">
        No Fargate task size has a known cost here; the table lists why.
      </p>
    );
  }
  const cheapest = plotted.find((p) => p.isCheapest);
  const vcpus = plotted.map((p) => p.vcpu);
  const minVcpu = Math.min(...vcpus);
  const maxVcpu = Math.max(...vcpus);
  const yTicks = toDecadeTicks(plotted.map((p) => p.monthlyCostUsd));
  const architectures = ARCHITECTURES.filter((arch) => plotted.some((p) => p.architecture === arch));
  return (
    <div>
      <ChartAxisCaption>USD per month (log scale)</ChartAxisCaption>
      <ResponsiveContainer width="100%" height={height}>
        <ScatterChart margin={{ top: 16, right: 12, bottom: 20, left: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
          <XAxis
            {...AXIS_PROPS}
            dataKey="plotVcpu"
            type="number"
            scale="log"
            domain={[minVcpu / 1.35, maxVcpu * 1.35]}
            ticks={VCPU_TICKS.filter((t) => t >= minVcpu && t <= maxVcpu)}
            tickFormatter={(value: number) => String(value)}
            label={{
              value: "vCPU per task (log scale)",
              position: "insideBottom",
              offset: -12,
              style: AXIS_LABEL_STYLE,
            }}
          />
          <YAxis
            {...AXIS_PROPS}
            dataKey="monthlyCostUsd"
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
            content={({ active, payload }) => {
              const point = active ? (payload?.[0]?.payload as PlotPoint | undefined) : undefined;
              if (!point) return null;
              return (
                <ChartTooltipBox title={`${point.taskLabel}${point.isCheapest ? " · cheapest" : ""}`}>
                  <p className="tabular">{formatUsd(point.monthlyCostUsd)}/month</p>
                  <p className="text-gray-600 dark:text-gray-300">
                    {formatTasks(point.averageTasks)} tasks on average, {formatTasks(point.peakTasks)} at peak
                  </p>
                </ChartTooltipBox>
              );
            }}
          />
          {architectures.map((arch) => (
            <Scatter
              key={arch}
              name={`Fargate ${arch}`}
              data={plotted.filter((p) => p.architecture === arch)}
              fill={ARCH_COLORS[arch]}
              fillOpacity={0.75}
              isAnimationActive={false}
              shape={arch === "arm64" ? "diamond" : "circle"}
            />
          ))}
          {cheapest ? (
            <ReferenceDot
              x={cheapest.plotVcpu}
              y={cheapest.monthlyCostUsd}
              r={8}
              fill="none"
              stroke="var(--chart-cheapest)"
              strokeWidth={2.5}
              label={{ value: "cheapest", position: "bottom", fill: "var(--chart-cheapest)", fontSize: 11 }}
            />
          ) : null}
        </ScatterChart>
      </ResponsiveContainer>
      <ChartLegend
        items={[
          ...architectures.map((arch) => ({
            label: `Fargate ${arch}`,
            color: ARCH_COLORS[arch],
            variant: "dot" as const,
          })),
          { label: "cheapest", color: "var(--chart-cheapest)", variant: "ring" },
        ]}
      />
    </div>
  );
}

/** Memoised: the page re-renders on every keystroke, this only when its data changes (useDeferredValue). */
export const ScenarioFargateChart = memo(ScenarioFargateChartView);
