"use client";

import { useState } from "react";
import { formatChartValue } from "@/lib/charts/format-value";
import type { SeriesDef, ValueKind } from "@/lib/charts/series";
import { formatBucketLabel } from "@/lib/time";
import type { ChartColumns } from "./time-series-chart";

/**
 * The accessible alternative to a chart: every bucket and series as numbers, unknown values as
 * "unknown", inside a <details>. The rows are built from the chart's own data when the details
 * open, so a 336-hour chart does not ship its table twice in the HTML.
 */
export function ChartTable({
  caption,
  data,
  series,
  valueKind,
  bucketHeader,
}: {
  caption: string;
  data: ChartColumns;
  series: SeriesDef[];
  valueKind: ValueKind;
  bucketHeader: string;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <details className="group mt-3 text-xs" onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer select-none text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100">
        Show as table
      </summary>
      {isOpen ? (
        <div className="mt-2 max-h-80 overflow-auto rounded border border-gray-200 dark:border-gray-800">
          <table className="w-full border-collapse text-left [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_td]:whitespace-nowrap [&_td]:tabular-nums">
            <caption className="sr-only">{caption}</caption>
            <thead className="sticky top-0 bg-gray-50 text-gray-600 dark:bg-gray-800 dark:text-gray-300">
              <tr>
                <th scope="col" className="px-2 py-1 font-medium">
                  {bucketHeader}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="px-2 py-1 text-right font-medium">
                    {s.label}
                  </th>
                ))}
                {data.totals ? (
                  <th scope="col" className="px-2 py-1 text-right font-medium">
                    Total
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
              {data.buckets.map((bucket, b) => (
                <tr key={bucket}>
                  <th scope="row" className="whitespace-nowrap px-2 py-1 font-normal">
                    {formatBucketLabel(bucket)}
                  </th>
                  {data.values.map((column, i) => (
                    <td key={series[i]?.key ?? i}>{formatChartValue(valueKind, column[b])}</td>
                  ))}
                  {data.totals ? (
                    <td className="font-medium">{formatChartValue(valueKind, data.totals[b])}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </details>
  );
}
