"use client";

import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { ScenarioBreakevenChart as BreakevenChart } from "./scenario-breakeven-chart";
import type { ScenarioFargateChart as FargateChart } from "./scenario-fargate-chart";
import type { ScenarioLambdaMemoryChart as LambdaMemoryChart } from "./scenario-lambda-memory-chart";
import type { TimeSeriesChartProps } from "./time-series-chart";

/**
 * The chart library (Recharts, about 115 kB gzipped) loads after the page, in its own chunk, so no
 * route waits for it on a first visit. The plots render in the browser only: what a chart shows
 * is also in the server-rendered text beside it (legend with totals, table, headline figures).
 * Each wrapper reserves the plot's height while the chunk loads, so nothing below it moves.
 */

const TimeSeriesPlot = dynamic(() => import("./time-series-chart").then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: () => null,
});

const BreakevenPlot = dynamic(
  () => import("./scenario-breakeven-chart").then((m) => m.ScenarioBreakevenChart),
  {
    ssr: false,
    loading: () => null,
  },
);

const FargatePlot = dynamic(() => import("./scenario-fargate-chart").then((m) => m.ScenarioFargateChart), {
  ssr: false,
  loading: () => null,
});

const LambdaMemoryPlot = dynamic(
  () => import("./scenario-lambda-memory-chart").then((m) => m.ScenarioLambdaMemoryChart),
  { ssr: false, loading: () => null },
);

function Reserved({ height, children }: { height: number; children: React.ReactNode }) {
  return <div style={{ minHeight: height }}>{children}</div>;
}

/** TimeSeriesChart (./time-series-chart), loaded lazily; same props. */
export function LazyTimeSeriesChart(props: TimeSeriesChartProps) {
  return (
    <Reserved height={props.height ?? 240}>
      <TimeSeriesPlot {...props} />
    </Reserved>
  );
}

/** ScenarioBreakevenChart, loaded lazily; same props. */
export function LazyScenarioBreakevenChart(props: ComponentProps<typeof BreakevenChart>) {
  return (
    <Reserved height={props.height ?? 300}>
      <BreakevenPlot {...props} />
    </Reserved>
  );
}

/** ScenarioFargateChart, loaded lazily; same props. */
export function LazyScenarioFargateChart(props: ComponentProps<typeof FargateChart>) {
  return (
    <Reserved height={props.height ?? 280}>
      <FargatePlot {...props} />
    </Reserved>
  );
}

/** ScenarioLambdaMemoryChart, loaded lazily; same props. */
export function LazyScenarioLambdaMemoryChart(props: ComponentProps<typeof LambdaMemoryChart>) {
  return (
    <Reserved height={props.height ?? 280}>
      <LambdaMemoryPlot {...props} />
    </Reserved>
  );
}
