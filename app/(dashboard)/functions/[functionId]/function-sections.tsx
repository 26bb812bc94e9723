import { ChartCard } from "@/components/charts/chart-card";
import { CostByComponentCard, toRangeDaysText } from "@/components/fleet/cost-by-component-card";
import { toConfigSnapshots } from "@/components/fleet/resource-page";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { sumSeries, toSeriesStats, withDerivedSeries, withKnownSeries } from "@/lib/charts/chart-data";
import { LAMBDA_CONFIG_FIELDS } from "@/lib/charts/config-fields";
import {
  toChangeMarkers,
  toConfigChanges,
  toConfiguredValues,
  type ConfigChange,
} from "@/lib/charts/config-history";
import { splitEstimatedInit, toStackedCostSeries } from "@/lib/charts/cost-series";
import { toInitShareByDay } from "@/lib/pricing/init-estimate";
import { sumMetric, toMetricChart } from "@/lib/charts/metric-series";
import {
  PC_INVOCATIONS_METRIC,
  PC_TIME_AVERAGED_KEY,
  describeProvisionedUtilization,
  toProvisionedUtilizationChart,
} from "@/lib/charts/provisioned-utilization";
import type { RangeKey } from "@/lib/range";
import {
  LAMBDA_COST_SERIES,
  METRIC_COLORS,
  toLambdaCostSeriesKey,
  type SeriesDef,
} from "@/lib/charts/series";
import { addUtcDays, fromBucketKey, formatBucketLabel } from "@/lib/time";
import type { FunctionDetail } from "@/lib/db/queries/functions";
import { formatInteger, formatMemoryMb, formatPercent } from "@/lib/format";
import { computeProvisionedConcurrencyBreakevenUtilization } from "@/lib/pricing";
import type { Architecture } from "@/lib/pricing/types";
import {
  getRangeWindowForRequest,
  getResourceCostForRequest,
  getResourceMetricsForRequest,
} from "../../_components/fleet-data";
import { getMemoryObservationsForRequest } from "./function-data";

type SectionProps = { fn: FunctionDetail; range: RangeKey };

export function toFunctionConfigChanges(fn: FunctionDetail): ConfigChange[] {
  return toConfigChanges(toConfigSnapshots(fn.configHistory), LAMBDA_CONFIG_FIELDS);
}

/** "per hour over 14 days (UTC)" */
function rangeDescription(range: RangeKey, granularity: "day" | "hour"): string {
  return `per ${granularity} over ${toRangeDaysText(range)} (UTC)`;
}

export async function FunctionCostSection({ fn, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const [cost, observations] = await Promise.all([
    getResourceCostForRequest(fn.arn, range),
    getMemoryObservationsForRequest(fn.arn, range),
  ]);
  const points = splitEstimatedInit(
    cost.lines.map((l) => ({
      bucket: l.day,
      seriesKey: toLambdaCostSeriesKey(l.component),
      costUsd: l.costUsd,
    })),
    toInitShareByDay(observations),
  );
  const chart = toStackedCostSeries({
    bucketKeys: window.dayKeys,
    points,
    seriesDefs: LAMBDA_COST_SERIES,
    coverage: cost.coverage,
  });
  const hasInit = chart.series.some((s) => s.key === "init");
  return (
    <CostByComponentCard
      noun="function"
      range={range}
      chart={chart}
      markers={toChangeMarkers(toFunctionConfigChanges(fn), window.dayKeys, "day")}
      actions={hasInit ? <Badge variant="estimate">INIT estimated</Badge> : null}
      footnote={
        hasInit ? (
          <p>
            INIT (estimated): since August 2025 Lambda bills cold-start initialisation inside duration. Its
            share is estimated per day from average INIT duration × cold starts × memory against invocation
            GB-seconds, and taken out of the billed duration; the day total is the bill.
          </p>
        ) : (
          <p>INIT share unknown: no cold-start observations for this function in this range.</p>
        )
      }
    />
  );
}

export async function FunctionInvocationsSection({ fn, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(fn.arn, range);
  const chart = toMetricChart(points, window, [
    { key: "Invocations/Sum", label: "Invocations", color: METRIC_COLORS.primary },
  ]);
  const total = sumSeries(chart.rows, "Invocations/Sum");
  return (
    <ChartCard
      title="Invocations"
      description={`Invocations ${rangeDescription(range, chart.granularity)}: ${formatInteger(total)} in total.`}
      rows={chart.rows}
      series={chart.series.map((s) => ({ ...s, shape: "bar" as const }))}
      valueKind="count"
      variant="line"
      yAxisLabel={`Invocations per ${chart.granularity}`}
      granularity={chart.granularity}
      markers={toChangeMarkers(toFunctionConfigChanges(fn), chart.bucketKeys, chart.granularity)}
      emptyMessage="No invocation metrics in this range: unknown."
    />
  );
}

export async function FunctionDurationSection({ fn, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(fn.arn, range);
  const chart = toMetricChart(points, window, [
    { key: "Duration/Average", label: "Average", color: METRIC_COLORS.primary },
    { key: "Duration/p95", label: "p95", color: METRIC_COLORS.secondary },
  ]);
  const p95 = toSeriesStats(chart.rows, "Duration/p95");
  return (
    <ChartCard
      title="Duration"
      description={`Average and p95 in milliseconds ${rangeDescription(range, chart.granularity)}; excludes cold-start INIT.`}
      rows={chart.rows}
      series={chart.series}
      valueKind="ms"
      variant="line"
      yAxisLabel="Duration (ms)"
      granularity={chart.granularity}
      markers={toChangeMarkers(toFunctionConfigChanges(fn), chart.bucketKeys, chart.granularity)}
      legendValues={
        p95.max === null ? undefined : { "Duration/p95": `max ${formatInteger(Math.round(p95.max))} ms` }
      }
      emptyMessage="No duration metrics in this range: unknown."
    />
  );
}

export async function FunctionConcurrencySection({ fn, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(fn.arn, range);
  const chart = toMetricChart(points, window, [
    {
      key: "ConcurrentExecutions/Maximum",
      label: "Concurrent executions (max)",
      color: METRIC_COLORS.tertiary,
    },
  ]);
  const provisioned = fn.provisionedConcurrency.reduce((sum, pc) => sum + pc.requestedCount, 0);
  return (
    <ChartCard
      title="Concurrency"
      description={`Peak concurrent executions ${rangeDescription(range, chart.granularity)}.`}
      rows={chart.rows}
      series={chart.series}
      valueKind="count"
      variant="line"
      yAxisLabel="Concurrent executions"
      granularity={chart.granularity}
      markers={toChangeMarkers(toFunctionConfigChanges(fn), chart.bucketKeys, chart.granularity)}
      referenceValues={
        provisioned > 0
          ? [{ value: provisioned, label: `Provisioned: ${provisioned}`, color: "var(--chart-pc)" }]
          : []
      }
      emptyMessage="No concurrency metrics in this range: unknown."
    />
  );
}

export async function FunctionErrorsSection({ fn, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(fn.arn, range);
  const chart = toMetricChart(points, window, [
    { key: "Errors/Sum", label: "Errors", color: METRIC_COLORS.errors },
    { key: "Throttles/Sum", label: "Throttles", color: METRIC_COLORS.throttles },
  ]);
  const errors = sumSeries(chart.rows, "Errors/Sum");
  const throttles = sumSeries(chart.rows, "Throttles/Sum");
  const invocations = sumMetric(points, "Invocations/Sum", chart.granularity, chart.bucketKeys);
  const errorRate = errors !== null && invocations ? errors / invocations : null;
  return (
    <ChartCard
      title="Errors and throttles"
      description={`Counts ${rangeDescription(range, chart.granularity)}: ${formatInteger(errors)} errors (${formatPercent(errorRate)} of invocations), ${formatInteger(throttles)} throttles.`}
      rows={chart.rows}
      series={chart.series}
      valueKind="count"
      variant="line"
      yAxisLabel={`Count per ${chart.granularity}`}
      granularity={chart.granularity}
      markers={toChangeMarkers(toFunctionConfigChanges(fn), chart.bucketKeys, chart.granularity)}
      emptyMessage="No error or throttle metrics in this range: unknown."
    />
  );
}

export async function FunctionMemorySection({ fn, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const observations = await getMemoryObservationsForRequest(fn.arn, range);
  const usedByDay = new Map<string, number>();
  for (const o of observations) {
    if (o.maxMemoryUsedMb === null) continue;
    usedByDay.set(o.day, Math.max(usedByDay.get(o.day) ?? 0, o.maxMemoryUsedMb));
  }
  const history = fn.configHistory.map((c) => ({ effectiveAt: c.effectiveAt, config: c }));
  // Without recorded history, the current setting holds from when the function was first seen.
  const snapshots =
    history.length > 0 ? history : [{ effectiveAt: fn.firstSeenAt, config: { memoryMb: fn.memoryMb } }];
  const configured = toConfiguredValues(
    snapshots,
    window.dayKeys,
    (day) => addUtcDays(fromBucketKey(day), 1),
    (c) => c.memoryMb,
  );
  const series: SeriesDef[] = [
    { key: "used", label: "Max memory used", color: METRIC_COLORS.primary },
    {
      key: "configured",
      label: "Configured memory",
      color: "var(--chart-reference)",
      isDashed: true,
      shape: "step",
    },
  ];
  let rows = window.dayKeys.map((day) => ({ bucket: day, label: formatBucketLabel(day), values: {} }));
  rows = withDerivedSeries(rows, "used", (day) => usedByDay.get(day) ?? null);
  rows = withDerivedSeries(rows, "configured", (day) => configured.get(day) ?? null);
  const chart = withKnownSeries(rows, series);
  const hasUsed = chart.series.some((s) => s.key === "used");
  const peakUsed = toSeriesStats(rows, "used").max;
  const latestConfigured = toSeriesStats(rows, "configured").latest;
  return (
    <ChartCard
      title="Memory used vs configured"
      description={
        hasUsed
          ? `Daily maximum memory used against the configured size. Peak ${formatMemoryMb(peakUsed)} of ${formatMemoryMb(latestConfigured)} (${formatPercent(peakUsed !== null && latestConfigured ? peakUsed / latestConfigured : null)}).`
          : "Daily maximum memory used against the configured size."
      }
      rows={chart.rows}
      series={hasUsed ? chart.series : []}
      valueKind="mb"
      variant="line"
      yAxisLabel="Memory (MB)"
      granularity="day"
      markers={toChangeMarkers(toFunctionConfigChanges(fn), window.dayKeys, "day")}
      emptyMessage="No memory-used observations in this range: unknown (needs REPORT logs or Lambda Insights)."
    />
  );
}

function getBreakevenUtilization(region: string, architecture: string): number | null {
  if (architecture !== "x86_64" && architecture !== "arm64") return null;
  try {
    return computeProvisionedConcurrencyBreakevenUtilization(region, architecture as Architecture);
  } catch {
    return null;
  }
}

/** The card's element id (recommendation evidence links to `#pc-utilization`). */
const PC_UTILIZATION_CARD_ID = "pc-utilization";

export async function FunctionProvisionedConcurrencySection({ fn, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(fn.arn, range);
  const chart = toProvisionedUtilizationChart(points, window, fn.provisionedConcurrency);
  const isConfigured = fn.provisionedConcurrency.length > 0;
  if (!isConfigured && chart.series.length === 0) {
    return (
      <div id={PC_UTILIZATION_CARD_ID} className="min-w-0 scroll-mt-6">
        <Card>
          <CardHeader title="Provisioned concurrency utilisation" headingLevel={3} />
          <CardContent>
            <p className="text-sm text-gray-600 dark:text-gray-400">
              No provisioned concurrency is configured on this function; every invocation runs on demand.
            </p>
          </CardContent>
        </Card>
      </div>
    );
  }
  const breakeven = getBreakevenUtilization(fn.region, fn.architecture);
  const pcInvocations = sumMetric(points, PC_INVOCATIONS_METRIC, "day", window.dayKeys);
  const spillover = sumMetric(
    points,
    "ProvisionedConcurrencySpilloverInvocations/Sum",
    "day",
    window.dayKeys,
  );
  const bucketNoun = chart.granularity === "hour" ? "hours" : "days";
  const coverage =
    chart.knownBuckets > 0 && chart.knownBuckets < chart.bucketKeys.length
      ? ` Averaged over the ${formatInteger(chart.knownBuckets)} of ${formatInteger(chart.bucketKeys.length)} ${bucketNoun} with provisioned-concurrency metrics.`
      : "";
  return (
    <div id={PC_UTILIZATION_CARD_ID} className="min-w-0 scroll-mt-6">
      <ChartCard
        title="Provisioned concurrency utilisation"
        description={
          <>
            {describeProvisionedUtilization({
              averageUtilization: chart.averageUtilization,
              breakevenUtilization: breakeven,
              environments: chart.environments,
            })}
            {coverage} Share of provisioned environment-seconds busy per {chart.granularity}: invocations
            served on provisioned concurrency × average duration ÷ (environments × active seconds).
          </>
        }
        rows={chart.rows}
        series={chart.series}
        valueKind="percent"
        variant="line"
        yMax={100}
        yAxisLabel="Utilisation (%)"
        granularity={chart.granularity}
        markers={toChangeMarkers(toFunctionConfigChanges(fn), chart.bucketKeys, chart.granularity)}
        referenceValues={
          breakeven === null
            ? []
            : [
                {
                  value: breakeven * 100,
                  label: `Break-even ${formatPercent(breakeven)}`,
                  color: "var(--chart-reference)",
                },
              ]
        }
        legendValues={
          chart.averageUtilization === null
            ? undefined
            : { [PC_TIME_AVERAGED_KEY]: `${formatPercent(chart.averageUtilization)} over the range` }
        }
        emptyMessage="No provisioned-concurrency metrics in this range: unknown (AWS emits none while the function is idle)."
        footnote={
          <>
            <p>
              {fn.provisionedConcurrency.length > 0
                ? `Configured: ${fn.provisionedConcurrency
                    .map(
                      (pc) =>
                        `${pc.qualifier} ${pc.requestedCount} environments, ${pc.activeHoursPerDay} h/day`,
                    )
                    .join("; ")} (today's configuration is applied to the whole range).`
                : "Not configured now: the time-averaged utilisation is unknown."}{" "}
              Served on provisioned concurrency: {formatInteger(pcInvocations)} invocations; spilled over to
              on-demand: {formatInteger(spillover)}.
              {breakeven === null ? " Break-even unknown: no price for this region and architecture." : ""}
            </p>
            <p className="mt-1">
              Peak minute (max) is CloudWatch&apos;s ProvisionedConcurrencyUtilization, a per-minute maximum:
              a few busy minutes make it look high while most provisioned seconds sit idle. The average
              duration covers on-demand invocations too (CloudWatch does not split it).
            </p>
          </>
        }
      />
    </div>
  );
}
