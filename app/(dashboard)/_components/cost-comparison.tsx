import Link from "next/link";
import { cache } from "react";
import { Stat } from "@/components/fleet/stat";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import {
  getStoredReconciliation,
  getStoredResourceCostComparison,
} from "@/lib/db/queries/reconciliation-store";
import { formatPercent, formatUsd } from "@/lib/format";
import { RESIDUAL_CAUSE_LABELS } from "@/lib/pricing/reconciliation";

// Both read what the last import computed (lib/db/queries/reconciliation-store.ts): milliseconds,
// where computing it per request would read every cost line of the window.
const getResourceCostComparisonForRequest = cache((arn: string) =>
  getStoredResourceCostComparison(getDb(), arn),
);

const getOverviewReconciliationForRequest = cache(() => getStoredReconciliation(getDb()));

/** Cents, so a residual of −$0.000000002 reads $0.00. */
function formatCents(usd: number): string {
  return formatUsd(Math.round(usd * 100) / 100 || 0);
}

/**
 * A function's or service's billed, allocated and modelled cost side by side over the last 30 whole
 * UTC days, and which of them each chart of the page uses (docs/reconciliation.md).
 */
export async function ResourceCostComparisonCard({
  resource,
  noun,
}: {
  resource: { arn: string; accountId: string; region: string };
  noun: "function" | "service";
}) {
  const comparison = await getResourceCostComparisonForRequest(resource.arn);
  if (!comparison) return null;
  const { window } = comparison;
  return (
    <Card data-testid="cost-comparison">
      <CardHeader
        title="Billed, allocated and modelled cost"
        headingLevel={2}
        description={`The last ${window.days} whole UTC days, ${window.start} to ${window.endExclusive} (exclusive).`}
      />
      <CardContent className="space-y-4">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Stat
            label="Billed"
            value={
              comparison.billedUsd === null ? "not named on the bill" : formatCents(comparison.billedUsd)
            }
            detail={
              comparison.billedUsd === null
                ? `this account's bill names no resource (Cost Explorer without resource-level data): only the allocated share is known`
                : `bill lines that name this ${noun}`
            }
          />
          <Stat
            label="Allocated"
            value={formatCents(comparison.allocatedUsd)}
            detail={
              comparison.sharedUsd === 0
                ? "billed, plus no share of unattributed lines"
                : `billed + ${formatCents(comparison.sharedUsd)} share of lines that name no resource, split by modelled usage`
            }
          />
          <Stat
            label="Modelled"
            value={
              comparison.modelledUsd === null
                ? "unknown"
                : `${formatCents(comparison.modelledUsd)}${comparison.unknownRates.length > 0 ? " + unknown" : ""}`
            }
            detail={
              comparison.modelledUsd === null
                ? "no synced usage could be priced"
                : "synced usage priced at list rates by the engine"
            }
          />
        </dl>
        {comparison.unknownRates.length > 0 ? (
          <p className="text-xs text-gray-600 dark:text-gray-400">
            Not priced: {comparison.unknownRates.join("; ")}.
          </p>
        ) : null}
        <p className="text-xs text-gray-600 dark:text-gray-400">
          Which figure the charts use: “Cost by component” and the cost figure at the top are{" "}
          <strong>billed</strong> (lines that name this {noun}); the activity and capacity charts show usage,
          not cost. Account-wide lines (credits, Savings Plans, most of a real Cost Explorer sync) reach a{" "}
          {noun} only through <strong>allocated</strong>. See{" "}
          <Link href="/reconciliation" className="text-blue-700 hover:underline dark:text-blue-400">
            Reconciliation
          </Link>
          .
        </p>
      </CardContent>
    </Card>
  );
}

/** The overview's one reconciliation figure: the fleet's residual over the last 30 days. */
export async function ReconciliationResidualCard() {
  const stored = await getOverviewReconciliationForRequest();
  if (!stored) return null;
  const { report } = stored;
  const { totals } = report;
  const causes = report.causes.filter((cause) => cause.kind !== "rate-difference");
  return (
    <Card data-testid="overview-reconciliation">
      <CardHeader
        title="Reconciliation residual (30 days)"
        description="Billed minus modelled cost: how much of the bill the synced usage, priced at list rates, does not explain."
        actions={
          <Link href="/reconciliation" className="text-sm text-blue-700 hover:underline dark:text-blue-400">
            Reconciliation
          </Link>
        }
      />
      <CardContent>
        <p className="tabular text-2xl font-semibold tracking-tight">
          {formatCents(totals.residualUsd)}{" "}
          <span className="text-sm font-normal text-gray-600 dark:text-gray-400">
            ({formatPercent(totals.residualShare)}) of {formatCents(totals.billedUsd)} billed,{" "}
            {formatCents(totals.modelledUsd)} modelled
          </span>
        </p>
        {causes.length > 0 ? (
          <p className="mt-1 text-xs text-gray-600 dark:text-gray-400">
            Named causes: {causes.map((cause) => RESIDUAL_CAUSE_LABELS[cause.kind]).join(", ")}.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
