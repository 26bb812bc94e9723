/**
 * The Reconciliation page's daily chart: the residual (billed − modelled) per UTC day as bars. Billed
 * and modelled are each two orders of magnitude larger than a healthy residual, so they are in the
 * table alternative and the legend, not drawn on the same axis (the residual would be a flat line).
 */
import type { ChartRow } from "./chart-data";
import type { SeriesDef } from "./series";
import { formatBucketLabel } from "@/lib/time";

export const RECONCILIATION_SERIES: SeriesDef[] = [
  { key: "residual", label: "Residual (billed − modelled)", color: "var(--chart-errors)", shape: "bar" },
];

export type ReconciliationDay = { day: string; billedUsd: number; modelledUsd: number; residualUsd: number };

/** One row per day (the days are the whole window, in order). */
export function toReconciliationRows(days: readonly ReconciliationDay[]): ChartRow[] {
  return days.map((day) => ({
    bucket: day.day,
    label: formatBucketLabel(day.day),
    values: { residual: Math.round(day.residualUsd * 100) / 100 || 0 },
  }));
}
