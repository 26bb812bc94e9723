import { Suspense } from "react";
import { PageHeader } from "@/components/fleet/page-header";
import { ChartSkeleton, StatsSkeleton, TableSkeleton } from "@/components/fleet/skeletons";
import { ReconciliationResidualCard } from "../_components/cost-comparison";
import { getFleetStatusForRequest } from "../_components/fleet-data";
import { DemoNotice, EmptyFleetNotice, ImportHealthNotice } from "../_components/fleet-notices";
import {
  AccountRegionCard,
  CostliestFunctionsCard,
  CostliestServicesCard,
  DailySpendChart,
  InitShareCard,
  SpendSplitCard,
  SpendStats,
} from "../_components/overview-widgets";

// Reads the database on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const status = await getFleetStatusForRequest();
  return (
    <>
      <PageHeader
        title="Overview"
        description="What the Lambda functions and Fargate services cost, how that is changing, and where it goes. All days are UTC."
      />
      <DemoNotice />
      <ImportHealthNotice />
      {status.isEmpty ? (
        <EmptyFleetNotice />
      ) : (
        <div className="grid grid-cols-1 gap-6">
          <Suspense fallback={<StatsSkeleton />}>
            <SpendStats />
          </Suspense>
          <Suspense fallback={<ChartSkeleton height={260} />}>
            <DailySpendChart />
          </Suspense>
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
            <Suspense fallback={<ChartSkeleton height={80} />}>
              <SpendSplitCard />
            </Suspense>
            <Suspense fallback={<ChartSkeleton height={80} />}>
              <InitShareCard />
            </Suspense>
          </div>
          <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
            <Suspense fallback={<TableSkeleton rows={5} />}>
              <CostliestFunctionsCard />
            </Suspense>
            <Suspense fallback={<TableSkeleton rows={5} />}>
              <CostliestServicesCard />
            </Suspense>
          </div>
          <Suspense fallback={<TableSkeleton rows={6} />}>
            <AccountRegionCard />
          </Suspense>
          <Suspense fallback={<StatsSkeleton count={1} />}>
            <ReconciliationResidualCard />
          </Suspense>
        </div>
      )}
    </>
  );
}
