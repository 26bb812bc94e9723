import type { MetricSeriesInput } from "@/lib/db/import/tables";

type Series = MetricSeriesInput & { timestampsMs: number[]; values: number[] };

/**
 * Collects one resource's metric points as series (parallel timestamp/value arrays, no object per
 * point) and returns them in primary-key order (metric, stat, granularity, then time), which keeps
 * bulk inserts appending to the index.
 */
export class MetricSeries {
  private readonly series: Series[] = [];

  constructor(
    private readonly resourceArn: string,
    private readonly resourceType: "lambda" | "fargate",
  ) {}

  /** Declares a series and returns its id for `add`. */
  define(metric: string, stat: string, granularity: "hour" | "day", unit: string): number {
    this.series.push({
      resourceArn: this.resourceArn,
      resourceType: this.resourceType,
      metric,
      stat,
      granularity,
      unit,
      timestampsMs: [],
      values: [],
    });
    return this.series.length - 1;
  }

  /** Appends a point; points of one series must come in time order. */
  add(id: number, timestampMs: number, value: number): void {
    const series = this.series[id];
    if (!series) throw new Error(`unknown series ${id}`);
    series.timestampsMs.push(timestampMs);
    series.values.push(value);
  }

  toSeries(): MetricSeriesInput[] {
    return this.series
      .filter((series) => series.timestampsMs.length > 0)
      .sort(
        (a, b) =>
          compareText(a.metric, b.metric) ||
          compareText(a.stat, b.stat) ||
          compareText(a.granularity, b.granularity),
      );
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
