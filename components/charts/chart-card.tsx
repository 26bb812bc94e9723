import type { ReactNode } from "react";
import { ChartFrame } from "@/components/ui/chart-frame";
import type { ChartRow } from "@/lib/charts/chart-data";
import type { ChangeMarker } from "@/lib/charts/config-history";
import type { SeriesDef, ValueKind } from "@/lib/charts/series";
import { ChartLegend } from "./chart-legend";
import { ChartTable } from "./chart-table";
import { LazyTimeSeriesChart } from "./lazy-charts";
import type { ChartColumns, ReferenceValue } from "./time-series-chart";

export type ChartCardProps = {
  title: string;
  description?: ReactNode;
  /** Badge or note next to the title (e.g. "estimated", "daily"). */
  actions?: ReactNode;
  rows: ChartRow[];
  series: SeriesDef[];
  valueKind: ValueKind;
  variant: "stacked-bar" | "line" | "stacked-area";
  yAxisLabel: string;
  granularity: "day" | "hour";
  markers?: ChangeMarker[];
  referenceValues?: ReferenceValue[];
  yMax?: number;
  height?: number;
  /** Value per series shown in the legend (e.g. the range total). */
  legendValues?: Record<string, string>;
  isStacked?: boolean;
  /** Shown instead of the chart when no series has a known value. */
  emptyMessage?: string;
  footnote?: ReactNode;
  headingLevel?: 2 | 3;
};

/**
 * A time-series chart in the ui ChartCard frame: an HTML legend, the chart itself (client) and its
 * table alternative (built when "Show as table" opens). Shows `emptyMessage` rather than an empty
 * plot when nothing is known for the range. No hooks: server pages render it.
 */
export function ChartCard(props: ChartCardProps) {
  const hasData = props.series.length > 0;
  const data: ChartColumns = {
    buckets: props.rows.map((row) => row.bucket),
    values: props.series.map((s) => props.rows.map((row) => row.values[s.key] ?? null)),
    totals: props.isStacked ? props.rows.map((row) => row.values.total ?? null) : undefined,
  };
  const xAxisLabel = props.granularity === "hour" ? "Hour (UTC)" : "Day (UTC)";
  const markerLegend =
    props.markers && props.markers.length > 0
      ? [{ label: "Configuration change", color: "var(--chart-marker)" }]
      : [];
  const referenceLegend = (props.referenceValues ?? []).map((r) => ({
    label: r.label,
    color: r.color ?? "var(--chart-reference)",
  }));
  return (
    <ChartFrame
      title={props.title}
      description={props.description}
      actions={props.actions}
      headingLevel={props.headingLevel ?? 3}
      isEmpty={!hasData}
      emptyMessage={props.emptyMessage ?? "No data for this range: unknown."}
      footnote={props.footnote}
      table={
        <ChartTable
          caption={props.title}
          data={data}
          series={props.series}
          valueKind={props.valueKind}
          bucketHeader={xAxisLabel}
        />
      }
    >
      <ChartLegend
        series={props.series}
        values={props.legendValues}
        extra={[...referenceLegend, ...markerLegend]}
      />
      <div
        className="mt-2"
        role="img"
        aria-label={`${props.title} chart; the same data is in the table below`}
      >
        <LazyTimeSeriesChart
          data={data}
          series={props.series}
          valueKind={props.valueKind}
          variant={props.variant}
          yAxisLabel={props.yAxisLabel}
          xAxisLabel={xAxisLabel}
          markers={props.markers}
          referenceValues={props.referenceValues}
          yMax={props.yMax}
          height={props.height}
          showTotalInTooltip={props.isStacked}
        />
      </div>
    </ChartFrame>
  );
}
