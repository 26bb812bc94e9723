import type { MetricPointRow } from "@/lib/db/import/tables";

/**
 * Collects one resource's metric points by series and returns them in primary-key order
 * (metric, stat, granularity, timestamp), which keeps bulk inserts appending to the index.
 */
export class MetricSeries {
  private readonly series = new Map<string, MetricPointRow[]>();
  private readonly dates = new Map<number, Date>();

  constructor(
    private readonly resourceArn: string,
    private readonly resourceType: "lambda" | "fargate",
  ) {}

  add(
    metric: string,
    stat: string,
    granularity: "hour" | "day",
    timestampMs: number,
    value: number,
    unit: string,
  ): void {
    const key = `${metric}\u0000${stat}\u0000${granularity}`;
    let points = this.series.get(key);
    if (!points) {
      points = [];
      this.series.set(key, points);
    }
    let timestamp = this.dates.get(timestampMs);
    if (!timestamp) {
      timestamp = new Date(timestampMs);
      this.dates.set(timestampMs, timestamp);
    }
    points.push({
      resourceArn: this.resourceArn,
      resourceType: this.resourceType,
      metric,
      stat,
      granularity,
      timestamp,
      value,
      unit,
    });
  }

  toRows(): MetricPointRow[] {
    const rows: MetricPointRow[] = [];
    for (const key of [...this.series.keys()].sort()) {
      const points = this.series.get(key) ?? [];
      points.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      for (const point of points) rows.push(point);
    }
    return rows;
  }
}
