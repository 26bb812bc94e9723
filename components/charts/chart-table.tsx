import type { ChartRow } from "@/lib/charts/chart-data";
import { formatChartValue } from "@/lib/charts/format-value";
import type { SeriesDef, ValueKind } from "@/lib/charts/series";

/**
 * The accessible alternative to a chart: every bucket and series as numbers, unknown values as
 * "unknown", inside a closed <details> so it costs no space until asked for.
 */
export function ChartTable({
  caption,
  rows,
  series,
  valueKind,
  bucketHeader,
  showTotal = false,
}: {
  caption: string;
  rows: ChartRow[];
  series: SeriesDef[];
  valueKind: ValueKind;
  bucketHeader: string;
  showTotal?: boolean;
}) {
  return (
    <details className="group mt-3 text-xs">
      <summary className="cursor-pointer select-none text-gray-600 hover:text-gray-900 dark:text-gray-400 dark:hover:text-gray-100">
        Show as table
      </summary>
      <div className="mt-2 max-h-80 overflow-auto rounded border border-gray-200 dark:border-gray-800">
        <table className="w-full border-collapse text-left">
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
              {showTotal ? (
                <th scope="col" className="px-2 py-1 text-right font-medium">
                  Total
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100 dark:divide-gray-800">
            {rows.map((row) => (
              <tr key={row.bucket}>
                <th scope="row" className="whitespace-nowrap px-2 py-1 font-normal">
                  {row.label}
                </th>
                {series.map((s) => (
                  <td key={s.key} className="tabular whitespace-nowrap px-2 py-1 text-right">
                    {formatChartValue(valueKind, row.values[s.key])}
                  </td>
                ))}
                {showTotal ? (
                  <td className="tabular whitespace-nowrap px-2 py-1 text-right font-medium">
                    {formatChartValue(valueKind, row.values.total)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
