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
import {
  formatCompact,
  formatDurationMs,
  formatInteger,
  formatMemoryMb,
  formatUsd,
  UNKNOWN,
} from "@/lib/format";
import { FUNCTIONS } from "@/lib/schemas/resource-kinds";
import { ComputeOptimizerCard } from "../../_components/compute-optimizer-card";
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
import { parseFunctionPageSearchParams } from "./search-params";

type Props = {
  params: Promise<{ functionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const fn = await getFunctionForRequest(decodeURIComponent((await params).functionId));
  return { title: toResourceTitle(FUNCTIONS, fn) };
}

export default async function FunctionPage({ params, searchParams }: Props) {
  const functionId = decodeURIComponent((await params).functionId);
  const { range, latencyLimitMs, armSpeedFactor } = parseFunctionPageSearchParams(await searchParams);
  const fn = await getFunctionForRequest(functionId);
  if (!fn) notFound();

  const summary = fn.summary;
  const section = { fn, range };
  const adviceProps = { fn, range, latencyLimitMs, armSpeedFactor };
  return (
    <>
      <ResourcePageHeader kind={FUNCTIONS} resource={fn} range={range} />
      <DemoNotice />

      <div className="mb-6 space-y-6">
        <Suspense fallback={<ChartSkeleton height={180} />}>
          <FunctionAdviceSection {...adviceProps} />
        </Suspense>
        <Suspense fallback={<StatsSkeleton />}>
          <ComputeOptimizerCard resource={fn} kind="lambda" />
        </Suspense>
      </div>

      <ResourceStats summary={summary}>
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
      </ResourceStats>

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

        <ResourceConfigCard
          kind={FUNCTIONS}
          facts={[
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
                  : fn.provisionedConcurrency.map((pc) => `${pc.qualifier}: ${pc.requestedCount}`).join(", "),
            },
            { label: "First seen", value: formatUtcDateTime(fn.firstSeenAt) },
            { label: "Last seen", value: formatUtcDateTime(fn.lastSeenAt) },
          ]}
          arns={[fn.arn]}
          tags={fn.tags}
        />
      </div>
    </>
  );
}
