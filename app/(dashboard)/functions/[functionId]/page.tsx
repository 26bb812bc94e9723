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
import {
  formatCompact,
  formatDurationMs,
  formatInteger,
  formatMemoryMb,
  formatUsd,
  UNKNOWN,
} from "@/lib/format";
import { ResourceCostComparisonCard } from "../../_components/cost-comparison";
import { DemoNotice } from "../../_components/fleet-notices";
import { FunctionAdviceSection, FunctionMemoryCurveSection } from "./advice-sections";
import { getFunctionForRequest } from "./function-data";
import {
  FunctionConcurrencySection,
  FunctionCostSection,
  FunctionDurationSection,
  FunctionErrorsSection,
  FunctionInvocationsSection,
  FunctionMemorySection,
  FunctionProvisionedConcurrencySection,
  toFunctionConfigChanges,
} from "./function-sections";
import { parseFunctionPageSearchParams, toFunctionHref } from "./search-params";

type Props = {
  params: Promise<{ functionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const fn = await getFunctionForRequest(decodeURIComponent((await params).functionId));
  return { title: fn ? fn.name : "Function not found" };
}

export default async function FunctionPage({ params, searchParams }: Props) {
  const functionId = decodeURIComponent((await params).functionId);
  const { range, latencyLimitMs, armSpeedFactor } = parseFunctionPageSearchParams(await searchParams);
  const fn = await getFunctionForRequest(functionId);
  if (!fn) notFound();

  const summary = fn.summary;
  const tags = Object.entries(fn.tags);
  const section = { fn, range };
  const adviceProps = { fn, range, latencyLimitMs, armSpeedFactor };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/functions" className="text-blue-700 hover:underline dark:text-blue-400">
          Functions
        </Link>
        <span aria-hidden className="px-1 text-gray-400">
          /
        </span>
      </nav>
      <PageHeader
        title={fn.name}
        badges={
          <>
            {fn.isDemo ? <Badge variant="demo">Demo data</Badge> : null}
            {fn.deletedAt ? <Badge variant="danger">deleted {formatUtcDate(fn.deletedAt)}</Badge> : null}
          </>
        }
        description={
          <>
            Lambda function in {fn.accountName} ({fn.accountId}) · {fn.region}
          </>
        }
        actions={<RangeTabs current={range} hrefFor={(r) => toFunctionHref(fn.id, r)} />}
      />
      <DemoNotice />

      <div className="mb-6">
        <Suspense fallback={<ChartSkeleton height={180} />}>
          <FunctionAdviceSection {...adviceProps} />
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
          label="Invocations (30 days)"
          value={summary?.invocations == null ? UNKNOWN : formatCompact(summary.invocations)}
          detail={summary?.invocations == null ? undefined : formatInteger(summary.invocations)}
        />
        <Stat label="p95 duration (30 days)" value={formatDurationMs(summary?.durationP95Ms)} />
        <Stat
          label="Cost per 1M invocations"
          value={
            summary?.costPerMillionUsd != null
              ? formatUsd(summary.costPerMillionUsd)
              : summary?.invocations === 0
                ? "no invocations"
                : UNKNOWN
          }
        />
      </dl>

      <div className="grid grid-cols-1 gap-6">
        <div id="cost" className="scroll-mt-6">
          <Suspense fallback={<ChartSkeleton height={260} />}>
            <FunctionCostSection {...section} />
          </Suspense>
        </div>
        <Suspense fallback={<StatsSkeleton />}>
          <ResourceCostComparisonCard resource={fn} noun="function" />
        </Suspense>

        <h2 className="-mb-2 text-lg font-semibold">Activity</h2>
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <div id="invocations" className="min-w-0 scroll-mt-6">
            <Suspense fallback={<ChartSkeleton />}>
              <FunctionInvocationsSection {...section} />
            </Suspense>
          </div>
          <div id="duration" className="min-w-0 scroll-mt-6">
            <Suspense fallback={<ChartSkeleton />}>
              <FunctionDurationSection {...section} />
            </Suspense>
          </div>
          <div id="concurrency" className="min-w-0 scroll-mt-6">
            <Suspense fallback={<ChartSkeleton />}>
              <FunctionConcurrencySection {...section} />
            </Suspense>
          </div>
          <Suspense fallback={<ChartSkeleton />}>
            <FunctionErrorsSection {...section} />
          </Suspense>
        </div>

        <h2 className="-mb-2 text-lg font-semibold">Memory and cost per invocation</h2>
        <Suspense fallback={<ChartSkeleton height={300} />}>
          <FunctionMemoryCurveSection {...adviceProps} />
        </Suspense>

        <h2 className="-mb-2 text-lg font-semibold">Capacity</h2>
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <div id="memory-used" className="min-w-0 scroll-mt-6">
            <Suspense fallback={<ChartSkeleton />}>
              <FunctionMemorySection {...section} />
            </Suspense>
          </div>
          <Suspense fallback={<ChartSkeleton />}>
            <FunctionProvisionedConcurrencySection {...section} />
          </Suspense>
        </div>

        <ConfigHistoryList changes={toFunctionConfigChanges(fn)} />

        <Card>
          <CardHeader title="Configuration" headingLevel={2} />
          <CardContent>
            <FactsList
              items={[
                { label: "Memory", value: formatMemoryMb(fn.memoryMb) },
                { label: "Architecture", value: fn.architecture },
                {
                  label: "Runtime",
                  value: fn.runtime ?? (fn.packageType === "Image" ? "container image" : UNKNOWN),
                },
                { label: "Package", value: fn.packageType },
                { label: "Timeout", value: `${fn.timeoutSeconds} s` },
                { label: "Ephemeral storage", value: formatMemoryMb(fn.ephemeralStorageMb) },
                { label: "SnapStart", value: fn.snapStart ? "on" : "off" },
                {
                  label: "Provisioned concurrency",
                  value:
                    fn.provisionedConcurrency.length === 0
                      ? "none"
                      : fn.provisionedConcurrency
                          .map((pc) => `${pc.qualifier}: ${pc.requestedCount}`)
                          .join(", "),
                },
                { label: "First seen", value: formatUtcDateTime(fn.firstSeenAt) },
                { label: "Last seen", value: formatUtcDateTime(fn.lastSeenAt) },
              ]}
            />
            <p className="mt-4 break-all font-mono text-xs text-gray-500 dark:text-gray-400">{fn.arn}</p>
            {tags.length > 0 ? (
              <ul className="mt-3 flex flex-wrap gap-1.5" aria-label="Tags">
                {tags.map(([key, value]) => (
                  <li key={key}>
                    <Link href={`/functions?tag=${encodeURIComponent(`${key}=${value}`)}`}>
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
