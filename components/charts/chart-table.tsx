"use client";

import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { formatChartValue } from "@/lib/charts/format-value";
import type { SeriesDef, ValueKind } from "@/lib/charts/series";
import { formatBucketLabel } from "@/lib/time";
import type { ChartColumns } from "./time-series-chart";

/**
 * The accessible alternative to a chart: every bucket and series as numbers, unknown values as
 * "unknown". A client component on purpose: the server ChartCard hands it to the "Show as table"
 * disclosure with the chart's own data, and its rows are built in the browser only when that
 * opens, so a 336-hour chart does not ship its table twice in the HTML.
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
  return (
    <Table size="xs" hasStickyHeader>
      <caption className="sr-only">{caption}</caption>
      <THead>
        <tr>
          <Th scope="col">{bucketHeader}</Th>
          {series.map((s) => (
            <Th key={s.key} scope="col" isNumeric>
              {s.label}
            </Th>
          ))}
          {data.totals ? (
            <Th scope="col" isNumeric>
              Total
            </Th>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {data.buckets.map((bucket, b) => (
          <Tr key={bucket}>
            <Th scope="row" className="whitespace-nowrap">
              {formatBucketLabel(bucket)}
            </Th>
            {data.values.map((column, i) => (
              <Td key={series[i]?.key ?? i} isNumeric>
                {formatChartValue(valueKind, column[b])}
              </Td>
            ))}
            {data.totals ? (
              <Td isNumeric className="font-medium">
                {formatChartValue(valueKind, data.totals[b])}
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
