import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ConfigHistoryList } from "@/components/fleet/config-history-list";
import {
  ResourceConfigCard,
  ResourcePageHeader,
  ResourceStats,
  toResourceTitle,
} from "@/components/fleet/resource-page";
import { ChartSkeleton, StatsSkeleton } from "@/components/fleet/skeletons";
import { Stat } from "@/components/fleet/stat";
import { formatUtcDateTime } from "@/lib/time";
import { formatMemoryMb, formatPercent } from "@/lib/format";
import { parseResourcePageSearchParams, SERVICES } from "@/lib/schemas/resource-kinds";
import { ComputeOptimizerCard } from "../../_components/compute-optimizer-card";
import { ResourceCostComparisonCard } from "../../_components/cost-comparison";
import { DemoNotice } from "../../_components/fleet-notices";
import { ServiceAdviceSection } from "./advice-section";
import { getServiceForRequest } from "./service-data";
import {
  ServiceCapacitySection,
  ServiceCostSection,
  ServiceCpuSection,
  ServiceMemorySection,
  ServiceTasksSection,
  toServiceConfigChanges,
} from "./service-sections";

type Props = {
  params: Promise<{ serviceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const service = await getServiceForRequest(decodeURIComponent((await params).serviceId));
  return { title: toResourceTitle(SERVICES, service) };
}

export default async function ServicePage({ params, searchParams }: Props) {
  const serviceId = decodeURIComponent((await params).serviceId);
  const { range } = parseResourcePageSearchParams(await searchParams);
  const service = await getServiceForRequest(serviceId);
  if (!service) notFound();

  const summary = service.summary;
  const section = { service, range };
  return (
    <>
      <ResourcePageHeader
        kind={SERVICES}
        resource={service}
        place={`cluster ${service.clusterName}`}
        range={range}
      />
      <DemoNotice />

      <div className="mb-6 space-y-6">
        <Suspense fallback={<ChartSkeleton height={180} />}>
          <ServiceAdviceSection service={service} />
        </Suspense>
        <Suspense fallback={<StatsSkeleton />}>
          <ComputeOptimizerCard resource={service} kind="fargate" />
        </Suspense>
      </div>

      <ResourceStats summary={summary}>
        <Stat
          label="Task size"
          value={`${service.vcpu} vCPU / ${formatMemoryMb(service.memoryMb)}`}
          detail={`${service.runningCount} running of ${service.desiredCount} desired`}
        />
        <Stat
          label="CPU utilisation (30-day avg)"
          value={formatPercent(
            summary?.cpuUtilizationAvgPercent == null ? null : summary.cpuUtilizationAvgPercent / 100,
          )}
          detail="of reserved vCPU"
        />
        <Stat
          label="Memory utilisation (30-day avg)"
          value={formatPercent(
            summary?.memoryUtilizationAvgPercent == null ? null : summary.memoryUtilizationAvgPercent / 100,
          )}
          detail="of reserved memory"
        />
      </ResourceStats>

      <div className="grid grid-cols-1 gap-6">
        <div id="cost" className="scroll-mt-6">
          <Suspense fallback={<ChartSkeleton height={260} />}>
            <ServiceCostSection {...section} />
          </Suspense>
        </div>
        <Suspense fallback={<StatsSkeleton />}>
          <ResourceCostComparisonCard resource={service} noun="service" />
        </Suspense>

        <h2 className="-mb-2 text-lg font-semibold">Utilisation and capacity</h2>
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <div id="cpu" className="min-w-0 scroll-mt-6">
            <Suspense fallback={<ChartSkeleton />}>
              <ServiceCpuSection {...section} />
            </Suspense>
          </div>
          <div id="memory" className="min-w-0 scroll-mt-6">
            <Suspense fallback={<ChartSkeleton />}>
              <ServiceMemorySection {...section} />
            </Suspense>
          </div>
          <div id="tasks" className="min-w-0 scroll-mt-6">
            <Suspense fallback={<ChartSkeleton />}>
              <ServiceTasksSection {...section} />
            </Suspense>
          </div>
          <Suspense fallback={<ChartSkeleton />}>
            <ServiceCapacitySection {...section} />
          </Suspense>
        </div>

        <ConfigHistoryList changes={toServiceConfigChanges(service)} />

        <ResourceConfigCard
          kind={SERVICES}
          facts={[
            { label: "Cluster", value: service.clusterName },
            { label: "Task CPU", value: `${service.vcpu} vCPU` },
            { label: "Task memory", value: formatMemoryMb(service.memoryMb) },
            { label: "OS / architecture", value: `${service.os} / ${service.architecture}` },
            { label: "Ephemeral storage", value: `${service.ephemeralStorageGb} GB` },
            { label: "Spot share of strategy", value: formatPercent(service.spotShare) },
            { label: "First seen", value: formatUtcDateTime(service.firstSeenAt) },
            { label: "Last seen", value: formatUtcDateTime(service.lastSeenAt) },
          ]}
          arns={[service.arn, service.taskDefinitionArn]}
          tags={service.tags}
        />
      </div>
    </>
  );
}
