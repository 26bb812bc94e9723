import { ChartCard } from "@/components/charts/chart-card";
import { CostByComponentCard, toRangeDaysText } from "@/components/fleet/cost-by-component-card";
import { toConfigSnapshots } from "@/components/fleet/resource-page";
import { SplitBar } from "@/components/charts/split-bar";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { sumSeries, toSeriesStats } from "@/lib/charts/chart-data";
import { FARGATE_CONFIG_FIELDS } from "@/lib/charts/config-fields";
import { toChangeMarkers, toConfigChanges, type ConfigChange } from "@/lib/charts/config-history";
import { toStackedCostSeries } from "@/lib/charts/cost-series";
import { toMetricChart } from "@/lib/charts/metric-series";
import type { RangeKey } from "@/lib/range";
import { FARGATE_COST_SERIES, METRIC_COLORS, toFargateCostSeriesKey } from "@/lib/charts/series";
import type { ServiceDetail } from "@/lib/db/queries/services";
import { DEMO_SPOT_RATE_LABEL } from "@/lib/demo/spot-rate";
import { formatMemoryMb, formatPercent, formatUsd } from "@/lib/format";
import {
  getRangeWindowForRequest,
  getResourceCostForRequest,
  getResourceMetricsForRequest,
} from "../../_components/fleet-data";

type SectionProps = { service: ServiceDetail; range: RangeKey };

export function toServiceConfigChanges(service: ServiceDetail): ConfigChange[] {
  return toConfigChanges(toConfigSnapshots(service.configHistory), FARGATE_CONFIG_FIELDS);
}

function formatVcpu(vcpu: number): string {
  return `${vcpu} vCPU`;
}

async function getServiceCostChart(service: ServiceDetail, range: RangeKey) {
  const window = getRangeWindowForRequest(range);
  const cost = await getResourceCostForRequest(service.arn, range);
  return toStackedCostSeries({
    bucketKeys: window.dayKeys,
    points: cost.lines.map((l) => ({
      bucket: l.day,
      seriesKey: toFargateCostSeriesKey(l.component, l.usageType),
      costUsd: l.costUsd,
    })),
    seriesDefs: FARGATE_COST_SERIES,
    coverage: cost.coverage,
  });
}

export async function ServiceCostSection({ service, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const chart = await getServiceCostChart(service, range);
  return (
    <CostByComponentCard
      noun="service"
      range={range}
      chart={chart}
      markers={toChangeMarkers(toServiceConfigChanges(service), window.dayKeys, "day")}
      descriptionSuffix={` Spot gathers vCPU and memory billed at the Fargate Spot rate${service.isDemo && service.spotWeight > 0 ? ` (${DEMO_SPOT_RATE_LABEL})` : ""}.`}
    />
  );
}

export async function ServiceCpuSection({ service, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(service.arn, range);
  const chart = toMetricChart(points, window, [
    { key: "CPUUtilization/Average", label: "CPU average", color: METRIC_COLORS.primary },
    { key: "CPUUtilization/Maximum", label: "CPU maximum", color: METRIC_COLORS.secondary },
  ]);
  const avg = toSeriesStats(chart.rows, "CPUUtilization/Average").avg;
  return (
    <ChartCard
      title="CPU utilisation vs reserved"
      description={`Share of the ${formatVcpu(service.vcpu)} reserved per task that the service's tasks used, per ${chart.granularity}. Average ${formatPercent(avg === null ? null : avg / 100)}.`}
      rows={chart.rows}
      series={chart.series}
      valueKind="percent"
      variant="line"
      yAxisLabel="% of reserved CPU"
      granularity={chart.granularity}
      markers={toChangeMarkers(toServiceConfigChanges(service), chart.bucketKeys, chart.granularity)}
      referenceValues={[{ value: 100, label: `Reserved: ${formatVcpu(service.vcpu)} per task` }]}
      emptyMessage="No CPU metrics in this range: unknown."
    />
  );
}

export async function ServiceMemorySection({ service, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(service.arn, range);
  const chart = toMetricChart(points, window, [
    { key: "MemoryUtilization/Average", label: "Memory average", color: METRIC_COLORS.tertiary },
    { key: "MemoryUtilization/Maximum", label: "Memory maximum", color: METRIC_COLORS.secondary },
  ]);
  const avg = toSeriesStats(chart.rows, "MemoryUtilization/Average").avg;
  return (
    <ChartCard
      title="Memory utilisation vs reserved"
      description={`Share of the ${formatMemoryMb(service.memoryMb)} reserved per task in use, per ${chart.granularity}. Average ${formatPercent(avg === null ? null : avg / 100)}.`}
      rows={chart.rows}
      series={chart.series}
      valueKind="percent"
      variant="line"
      yAxisLabel="% of reserved memory"
      granularity={chart.granularity}
      markers={toChangeMarkers(toServiceConfigChanges(service), chart.bucketKeys, chart.granularity)}
      referenceValues={[{ value: 100, label: `Reserved: ${formatMemoryMb(service.memoryMb)} per task` }]}
      emptyMessage="No memory metrics in this range: unknown."
    />
  );
}

export async function ServiceTasksSection({ service, range }: SectionProps) {
  const window = getRangeWindowForRequest(range);
  const points = await getResourceMetricsForRequest(service.arn, range);
  const chart = toMetricChart(points, window, [
    { key: "RunningTaskCount/Average", label: "Running tasks (average)", color: METRIC_COLORS.primary },
  ]);
  return (
    <ChartCard
      title="Task count"
      description={`Average running tasks per ${chart.granularity}; the service wants ${service.desiredCount} now and runs ${service.runningCount}.`}
      rows={chart.rows}
      series={chart.series}
      valueKind="count"
      variant="line"
      yAxisLabel="Tasks"
      granularity={chart.granularity}
      markers={toChangeMarkers(toServiceConfigChanges(service), chart.bucketKeys, chart.granularity)}
      referenceValues={[{ value: service.desiredCount, label: `Desired now: ${service.desiredCount}` }]}
      emptyMessage="No task-count metrics in this range: unknown (needs Container Insights)."
    />
  );
}

export async function ServiceCapacitySection({ service, range }: SectionProps) {
  const chart = await getServiceCostChart(service, range);
  const spotUsd = sumSeries(chart.rows, "spot") ?? 0;
  const onDemandUsd = (sumSeries(chart.rows, "vcpu") ?? 0) + (sumSeries(chart.rows, "memory") ?? 0);
  const hasCost = chart.series.length > 0;
  // The demo bills Spot at a documented share of on-demand (no Spot rate in the price book): say so.
  const isDemoSpot = service.isDemo && (spotUsd > 0 || service.spotWeight > 0);
  return (
    <Card>
      <CardHeader
        title="Task size and capacity providers"
        headingLevel={3}
        description="What each task reserves, and how the capacity-provider strategy splits tasks between on-demand and Spot."
      />
      <CardContent className="space-y-5">
        <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-gray-500 dark:text-gray-400">Task size</dt>
            <dd className="tabular mt-0.5 font-medium">
              {formatVcpu(service.vcpu)} / {formatMemoryMb(service.memoryMb)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-gray-500 dark:text-gray-400">Platform</dt>
            <dd className="mt-0.5 font-medium">
              {service.os} · {service.architecture}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-gray-500 dark:text-gray-400">Ephemeral storage</dt>
            <dd className="tabular mt-0.5 font-medium">{service.ephemeralStorageGb} GB</dd>
          </div>
          <div>
            <dt className="text-xs text-gray-500 dark:text-gray-400">Strategy weights</dt>
            <dd className="tabular mt-0.5 font-medium">
              FARGATE {service.onDemandWeight} : FARGATE_SPOT {service.spotWeight}
            </dd>
          </div>
        </dl>
        <div>
          <h4 className="mb-2 text-xs font-medium text-gray-600 dark:text-gray-400">
            vCPU and memory cost by capacity over {toRangeDaysText(range)}
          </h4>
          {hasCost ? (
            <SplitBar
              label={`On-demand ${formatUsd(onDemandUsd)}, Spot ${formatUsd(spotUsd)}`}
              series={[
                { key: "ondemand", label: "On-demand", color: "var(--chart-vcpu)" },
                { key: "spot", label: "Spot", color: "var(--chart-spot)" },
              ]}
              valuesUsd={{ ondemand: onDemandUsd, spot: spotUsd }}
            />
          ) : (
            <p className="text-sm text-gray-500 dark:text-gray-400">No billed cost in this range: unknown.</p>
          )}
          {isDemoSpot ? (
            <p className="mt-2 text-xs text-gray-500 dark:text-gray-400" data-testid="demo-spot-rate">
              <Badge variant="demo">{DEMO_SPOT_RATE_LABEL}</Badge> The price book has no Fargate Spot rate:
              the demo bills Spot vCPU and memory at this share of the on-demand list rate.
            </p>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
