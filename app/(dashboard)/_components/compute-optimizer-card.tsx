import { cache } from "react";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import type {
  ComputeOptimizerAdviceItem,
  ComputeOptimizerResourceKind,
} from "@/lib/db/queries/compute-optimizer";
import {
  describeComputeOptimizerNotice,
  getComputeOptimizerAdvice,
} from "@/lib/db/queries/compute-optimizer";
import {
  UNKNOWN,
  formatDurationMs,
  formatInteger,
  formatMemoryMb,
  formatPercent,
  formatUsd,
} from "@/lib/format";

const getAdviceForRequest = cache(
  (arn: string, kind: ComputeOptimizerResourceKind, includeUnavailable: boolean) =>
    getComputeOptimizerAdvice({ arn, kind }, { includeUnavailable }, getDb()),
);

/** AWS gives USD or CNY (China regions); unknown stays "unknown", a real 0 stays $0.00. */
function formatSaving(saving: ComputeOptimizerAdviceItem["estimatedMonthlySavings"]): string {
  if (!saving) return UNKNOWN;
  return saving.currency === "USD"
    ? formatUsd(saving.amount)
    : `${saving.amount.toFixed(2)} ${saving.currency}`;
}

function formatSize(item: ComputeOptimizerAdviceItem, which: "current" | "recommended"): string {
  const memoryMb = which === "current" ? item.currentMemoryMb : item.recommendedMemoryMb;
  const cpuUnits = which === "current" ? item.currentCpuUnits : item.recommendedCpuUnits;
  if (cpuUnits === null && memoryMb === null) return UNKNOWN;
  if (cpuUnits === null) return formatMemoryMb(memoryMb);
  return `${cpuUnits / 1024} vCPU, ${formatMemoryMb(memoryMb)}`;
}

const FINDING_LABELS: Record<string, string> = {
  Optimized: "Optimized",
  NotOptimized: "Not optimized",
  Unavailable: "Unavailable",
  Underprovisioned: "Under-provisioned",
  Overprovisioned: "Over-provisioned",
};

function AdviceRow({ item, kind }: { item: ComputeOptimizerAdviceItem; kind: ComputeOptimizerResourceKind }) {
  const duration =
    kind === "lambda"
      ? `${formatDurationMs(item.projectedDurationExpectedMs)} (${formatDurationMs(item.projectedDurationLowerMs)} to ${formatDurationMs(item.projectedDurationUpperMs)})`
      : null;
  return (
    <div className="space-y-2" data-testid="compute-optimizer-advice">
      <p className="text-sm">
        <strong>{FINDING_LABELS[item.finding] ?? item.finding}</strong>
        {item.qualifier ? (
          <span className="text-gray-600 dark:text-gray-400"> · version {item.qualifier}</span>
        ) : null}
        {item.findingReasonCodes.length > 0 ? (
          <span className="text-gray-600 dark:text-gray-400"> · {item.findingReasonCodes.join(", ")}</span>
        ) : null}
      </p>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline text-gray-600 dark:text-gray-400">Current → recommended: </dt>
          <dd className="tabular inline">
            {formatSize(item, "current")} → {formatSize(item, "recommended")}
          </dd>
        </div>
        {duration ? (
          <div>
            <dt className="inline text-gray-600 dark:text-gray-400">Projected duration: </dt>
            <dd className="tabular inline">{duration}</dd>
          </div>
        ) : null}
        <div>
          <dt className="inline text-gray-600 dark:text-gray-400">Estimated saving: </dt>
          <dd className="tabular inline">
            {formatSaving(item.estimatedMonthlySavings)} a month
            {item.savingsOpportunityPercent === null
              ? ""
              : ` (${formatPercent(item.savingsOpportunityPercent / 100)})`}
          </dd>
        </div>
        {kind === "lambda" ? (
          <div>
            <dt className="inline text-gray-600 dark:text-gray-400">Invocations in lookback: </dt>
            <dd className="tabular inline">{formatInteger(item.invocations)}</dd>
          </div>
        ) : null}
      </dl>
      <p className="text-xs text-gray-600 dark:text-gray-400">
        Lookback {item.lookbackDays === null ? UNKNOWN : `${formatInteger(item.lookbackDays)} days`};
        refreshed by AWS {item.lastRefreshAt ? item.lastRefreshAt.slice(0, 10) : UNKNOWN};{" "}
        {item.source === "csv"
          ? `imported from a CSV export on ${item.importedAt.slice(0, 10)}`
          : "read by the sync"}
        .
      </p>
    </div>
  );
}

/**
 * AWS Compute Optimizer's advice for a function or service, beside Breakeven's own: AWS's finding,
 * current → recommended size, projected duration, and AWS's estimated saving (its own estimate at
 * public prices, not Breakeven's), or why there is none (not enrolled, access denied, no data).
 */
export async function ComputeOptimizerCard({
  resource,
  kind,
  includeUnavailable = false,
}: {
  resource: { arn: string };
  kind: ComputeOptimizerResourceKind;
  includeUnavailable?: boolean;
}) {
  const advice = await getAdviceForRequest(resource.arn, kind, includeUnavailable);
  const notice = describeComputeOptimizerNotice(advice, kind === "lambda" ? "function" : "service");
  return (
    <Card data-testid="compute-optimizer">
      <CardHeader
        title="AWS Compute Optimizer"
        headingLevel={2}
        description="AWS's own rightsizing advice and savings estimate, shown as AWS gives it."
      />
      <CardContent className="space-y-4">
        {advice.items.map((item) => (
          <AdviceRow key={`${item.source}:${item.qualifier ?? ""}`} item={item} kind={kind} />
        ))}
        {notice ? <p className="text-sm text-gray-600 dark:text-gray-400">{notice}</p> : null}
      </CardContent>
    </Card>
  );
}
