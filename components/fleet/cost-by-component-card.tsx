import type { ReactNode } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import { sumSeries, type ChartRow } from "@/lib/charts/chart-data";
import type { ChangeMarker } from "@/lib/charts/config-history";
import type { SeriesDef } from "@/lib/charts/series";
import { formatUsd } from "@/lib/format";
import { RANGE_LABELS, type RangeKey } from "@/lib/range";

/** "90 days" for the daily ranges and "14 days" for the hourly one (cost is always daily). */
export function toRangeDaysText(range: RangeKey): string {
  return RANGE_LABELS[range].replace(", hourly", "");
}

/**
 * A resource's billed cost per UTC day, stacked by component, with each component's total in the
 * legend and the configuration changes marked. The series come from the kind's cost shaper.
 */
export function CostByComponentCard({
  noun,
  range,
  chart,
  markers,
  descriptionSuffix = "",
  actions,
  footnote,
}: {
  noun: string;
  range: RangeKey;
  chart: { rows: ChartRow[]; series: SeriesDef[] };
  markers: ChangeMarker[];
  /** A sentence after the total, with its leading space. */
  descriptionSuffix?: string;
  actions?: ReactNode;
  footnote?: ReactNode;
}) {
  const total = sumSeries(chart.rows, "total");
  return (
    <ChartCard
      title="Cost by component"
      headingLevel={2}
      description={`Billed cost per UTC day over ${toRangeDaysText(range)}: ${formatUsd(total)} in total.${descriptionSuffix}`}
      actions={actions}
      rows={chart.rows}
      series={chart.series}
      valueKind="usd"
      variant="stacked-bar"
      isStacked
      yAxisLabel="USD per day"
      granularity="day"
      markers={markers}
      legendValues={Object.fromEntries(
        chart.series.map((s) => [s.key, formatUsd(sumSeries(chart.rows, s.key))]),
      )}
      emptyMessage={`No billed cost recorded for this ${noun} in this range: unknown.`}
      footnote={footnote}
    />
  );
}
