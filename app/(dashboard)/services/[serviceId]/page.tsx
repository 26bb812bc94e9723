import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ConfigHistoryList } from "@/components/fleet/config-history-list";
import { FactsList } from "@/components/fleet/facts-list";
import { PageHeader } from "@/components/fleet/page-header";
import { RangeTabs } from "@/components/fleet/range-tabs";
import { ChartSkeleton, StatsSkeleton } from "@/components/fleet/skeletons";
import { Stat } from "@/components/fleet/stat";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { addUtcDays, formatUtcDate, formatUtcDateTime } from "@/lib/time";
import { formatMemoryMb, formatPercent, formatUsd } from "@/lib/format";
import { ResourceCostComparisonCard } from "../../_components/cost-comparison";
import { DemoNotice } from "../../_components/fleet-notices";
import { ServiceAdviceSection } from "./advice-section";
import { parseServicePageSearchParams, toServiceHref } from "./search-params";
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
  return { title: service ? service.name : "Service not found" };
}

export default async function ServicePage({ params, searchParams }: Props) {
  const serviceId = decodeURIComponent((await params).serviceId);
  const { range } = parseServicePageSearchParams(await searchParams);
  const service = await getServiceForRequest(serviceId);
  if (!service) notFound();

  const summary = service.summary;
  const tags = Object.entries(service.tags);
  const section = { service, range };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/services" className="text-blue-700 hover:underline dark:text-blue-400">
          Services
        </Link>
        <span aria-hidden className="px-1 text-gray-400">
          /
        </span>
      </nav>
      <PageHeader
        title={service.name}
        badges={
          <>
            {service.isDemo ? <Badge variant="demo">Demo data</Badge> : null}
            {service.deletedAt ? (
              <Badge variant="danger">deleted {formatUtcDate(service.deletedAt)}</Badge>
            ) : null}
          </>
        }
        description={
          <>
            Fargate service in cluster {service.clusterName} · {service.accountName} ({service.accountId}) ·{" "}
            {service.region}
          </>
        }
        actions={<RangeTabs current={range} hrefFor={(r) => toServiceHref(service.id, r)} />}
      />
      <DemoNotice />

      <div className="mb-6">
        <Suspense fallback={<ChartSkeleton height={180} />}>
          <ServiceAdviceSection service={service} />
        </Suspense>
      </div>

      <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat
          label={`Cost (${summary?.windowDays ?? 30} days)`}
          value={formatUsd(summary?.costUsd)}
          detail={
            summary?.costUsd === null
              ? "no bill of this account read yet: unknown"
              : summary
                ? `billed, ${formatUtcDate(addUtcDays(summary.windowEnd, -summary.windowDays))} – ${formatUtcDate(addUtcDays(summary.windowEnd, -1))}`
                : "no summary yet: unknown"
          }
        />
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
      </dl>

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

        <Card>
          <CardHeader title="Configuration" headingLevel={2} />
          <CardContent>
            <FactsList
              items={[
                { label: "Cluster", value: service.clusterName },
                { label: "Task CPU", value: `${service.vcpu} vCPU` },
                { label: "Task memory", value: formatMemoryMb(service.memoryMb) },
                { label: "OS / architecture", value: `${service.os} / ${service.architecture}` },
                { label: "Ephemeral storage", value: `${service.ephemeralStorageGb} GB` },
                { label: "Spot share of strategy", value: formatPercent(service.spotShare) },
                { label: "First seen", value: formatUtcDateTime(service.firstSeenAt) },
                { label: "Last seen", value: formatUtcDateTime(service.lastSeenAt) },
              ]}
            />
            <p className="mt-4 break-all font-mono text-xs text-gray-500 dark:text-gray-400">{service.arn}</p>
            <p className="mt-1 break-all font-mono text-xs text-gray-500 dark:text-gray-400">
              {service.taskDefinitionArn}
            </p>
            {tags.length > 0 ? (
              <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
                {tags.map(([key, value]) => (
                  <li key={key}>
                    <Link href={`/services?tag=${encodeURIComponent(`${key}=${value}`)}`}>
                      <Badge>
                        {key}={value}
                      </Badge>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
