import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/fleet/page-header";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/fleet/skeletons";
import { EmptyState } from "@/components/ui/empty-state";
import { getFleetStatusForRequest } from "../_components/fleet-data";
import { DemoNotice, EmptyFleetNotice } from "../_components/fleet-notices";
import {
  ReconciliationCauses,
  EffectiveRatesTable,
  ReconciliationChart,
  ReconciliationStats,
  ReconciliationTable,
} from "./reconciliation-sections";
import { getReconciliationForRequest } from "./reconciliation-data";

// Reads the database on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Reconciliation" };

export default async function ReconciliationPage() {
  const [status, stored] = await Promise.all([getFleetStatusForRequest(), getReconciliationForRequest()]);
  return (
    <>
      <PageHeader
        title="Reconciliation"
        description={
          <>
            How well Breakeven&apos;s model explains the bill: billed cost against the synced usage priced at
            list rates, per account, region and service, over the last 30 whole UTC days as of the last import
            {stored
              ? ` (computed ${stored.computedAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`
              : ""}
            . The method is in docs/reconciliation.md.
          </>
        }
      />
      <DemoNotice />
      {status.isEmpty ? (
        <EmptyFleetNotice />
      ) : !stored ? (
        <EmptyState title="Not computed yet">
          The reconciliation is computed at the end of every import (a demo load or an account sync); it
          appears after the next one.
        </EmptyState>
      ) : (
        <div className="grid grid-cols-1 gap-6">
          <Suspense fallback={<StatsSkeleton />}>
            <ReconciliationStats />
          </Suspense>
          <Suspense fallback={<TableSkeleton rows={3} />}>
            <ReconciliationCauses />
          </Suspense>
          <Suspense fallback={<ChartSkeleton height={240} />}>
            <ReconciliationChart />
          </Suspense>
          <Suspense fallback={<TableSkeleton rows={8} />}>
            <ReconciliationTable />
          </Suspense>
          <Suspense fallback={<TableSkeleton rows={3} />}>
            <EffectiveRatesTable />
          </Suspense>
        </div>
      )}
    </>
  );
}
