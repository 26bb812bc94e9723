"use client";

import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from "recharts";
import type { ChangeMarker } from "@/lib/charts/config-history";
import { formatAxisTick, formatChartValue } from "@/lib/charts/format-value";
import type { SeriesDef, ValueKind } from "@/lib/charts/series";
import { formatBucketLabel } from "@/lib/time";

export type ReferenceValue = { value: number; label: string; color?: string };

/**
 * Column-oriented chart data: what crosses the server → client boundary (no repeated keys or labels,
 * which matters for 336 hourly buckets × several series).
 */
export type ChartColumns = {
  buckets: string[];
  /** One array per series, aligned with `buckets`; null = unknown. */
  values: (number | null)[][];
  /** Per-bucket totals for stacked charts. */
  totals?: (number | null)[];
};

export type TimeSeriesChartProps = {
  data: ChartColumns;
  series: SeriesDef[];
  valueKind: ValueKind;
  /** Default mark: stacked bars (costs), lines (metrics) or stacked areas. */
  variant: "stacked-bar" | "line" | "stacked-area";
  yAxisLabel: string;
  xAxisLabel: string;
  /** Configuration changes, drawn as vertical dashed lines on their bucket. */
  markers?: ChangeMarker[];
  /** Horizontal lines such as a break-even utilisation. */
  referenceValues?: ReferenceValue[];
  /** Fixed top of the value axis (e.g. 100 for percent); default fits the data. */
  yMax?: number;
  height?: number;
  /** Adds a "Total" line to the tooltip (stacked charts). */
  showTotalInTooltip?: boolean;
};

const AXIS_TICK = { fill: "var(--chart-axis)", fontSize: 11 };

/** Recharts rows with positional keys (s0, s1…): series keys may contain "/" or "-", which Recharts reads as paths. */
function toFlatRows(data: ChartColumns): Record<string, string | number | null>[] {
  return data.buckets.map((bucket, b) => {
    const flat: Record<string, string | number | null> = { bucket };
    data.values.forEach((column, i) => {
      flat[`s${i}`] = column[b] ?? null;
    });
    flat.total = data.totals?.[b] ?? null;
    return flat;
  });
}

function ChartTooltip({
  active,
  label,
  payload,
  series,
  valueKind,
  showTotal,
}: TooltipContentProps & { series: SeriesDef[]; valueKind: ValueKind; showTotal: boolean }) {
  if (!active || !payload || payload.length === 0) return null;
  const row = payload[0]?.payload as Record<string, number | null> | undefined;
  if (!row) return null;
  return (
    <div className="max-w-72 rounded-md border border-gray-200 bg-white p-2.5 text-xs text-gray-900 shadow-lg dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100">
      <p className="mb-1.5 font-semibold">{formatBucketLabel(String(label))} (UTC)</p>
      <ul className="space-y-1">
        {series.map((s, i) => (
          <li key={s.key} className="flex items-center justify-between gap-4">
            <span className="flex items-center gap-1.5">
              <span
                aria-hidden
                className="inline-block size-2.5 rounded-sm"
                style={{ background: s.color }}
              />
              {s.label}
            </span>
            <span className="tabular font-medium">{formatChartValue(valueKind, row[`s${i}`])}</span>
          </li>
        ))}
        {showTotal ? (
          <li className="flex justify-between gap-4 border-t border-gray-200 pt-1 font-semibold dark:border-gray-700">
            <span>Total</span>
            <span className="tabular">{formatChartValue(valueKind, row.total)}</span>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export function TimeSeriesChart({
  data: columns,
  series,
  valueKind,
  variant,
  yAxisLabel,
  xAxisLabel,
  markers = [],
  referenceValues = [],
  yMax,
  height = 240,
  showTotalInTooltip = false,
}: TimeSeriesChartProps) {
  const data = toFlatRows(columns);
  const bucketCount = columns.buckets.length;
  const defaultShape = variant === "stacked-bar" ? "bar" : variant === "stacked-area" ? "area" : "line";
  return (
    <ComposedChart
      responsive
      data={data}
      style={{ width: "100%", height }}
      margin={{ top: 16, right: 12, bottom: 18, left: 8 }}
      barCategoryGap={bucketCount > 60 ? 0 : "15%"}
      accessibilityLayer
    >
      <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
      <XAxis
        dataKey="bucket"
        tickFormatter={(key: string) => formatBucketLabel(key)}
        tick={AXIS_TICK}
        stroke="var(--chart-axis)"
        minTickGap={28}
        interval="preserveStartEnd"
        label={{
          value: xAxisLabel,
          position: "insideBottom",
          offset: -12,
          fill: "var(--chart-axis)",
          fontSize: 11,
        }}
      />
      <YAxis
        tick={AXIS_TICK}
        stroke="var(--chart-axis)"
        width={64}
        tickFormatter={(value: number) => formatAxisTick(valueKind, value)}
        domain={[0, yMax ?? "auto"]}
        allowDecimals
        label={{
          value: yAxisLabel,
          angle: -90,
          position: "insideLeft",
          offset: 2,
          style: { textAnchor: "middle", fill: "var(--chart-axis)", fontSize: 11 },
        }}
      />
      <Tooltip
        cursor={{ fill: "var(--chart-cursor)", stroke: "var(--chart-axis)" }}
        content={(props) => (
          <ChartTooltip {...props} series={series} valueKind={valueKind} showTotal={showTotalInTooltip} />
        )}
      />
      {series.map((s, i) => {
        const shape = s.shape ?? defaultShape;
        const key = `s${i}`;
        if (shape === "bar") {
          return (
            <Bar
              key={s.key}
              dataKey={key}
              name={s.label}
              stackId={variant === "stacked-bar" ? "stack" : undefined}
              fill={s.color}
              fillOpacity={s.isDashed ? 0.55 : 1}
              isAnimationActive={false}
            />
          );
        }
        if (shape === "area") {
          return (
            <Area
              key={s.key}
              dataKey={key}
              name={s.label}
              type="monotone"
              stackId={variant === "stacked-area" ? "stack" : undefined}
              stroke={s.color}
              fill={s.color}
              fillOpacity={0.35}
              strokeDasharray={s.isDashed ? "5 3" : undefined}
              connectNulls={false}
              isAnimationActive={false}
            />
          );
        }
        return (
          <Line
            key={s.key}
            dataKey={key}
            name={s.label}
            type={shape === "step" ? "stepAfter" : "monotone"}
            stroke={s.color}
            strokeWidth={2}
            strokeDasharray={s.isDashed ? "6 4" : undefined}
            dot={bucketCount <= 2 ? { r: 3 } : false}
            connectNulls={false}
            isAnimationActive={false}
          />
        );
      })}
      {referenceValues.map((r) => (
        <ReferenceLine
          key={r.label}
          y={r.value}
          stroke={r.color ?? "var(--chart-reference)"}
          strokeDasharray="6 3"
          strokeWidth={1.5}
          ifOverflow="extendDomain"
          label={{ value: r.label, position: "insideTopLeft", fill: "var(--chart-axis)", fontSize: 11 }}
        />
      ))}
      {markers.map((m) => (
        <ReferenceLine
          key={m.bucket}
          x={m.bucket}
          stroke="var(--chart-marker)"
          strokeDasharray="3 3"
          strokeWidth={1.5}
          label={{ value: m.label, position: "insideTopRight", fill: "var(--chart-marker)", fontSize: 10 }}
        />
      ))}
    </ComposedChart>
  );
}
