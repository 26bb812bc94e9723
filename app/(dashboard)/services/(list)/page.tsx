import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/fleet/page-header";
import { TableSkeleton } from "@/components/fleet/skeletons";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { DemoNotice, EmptyFleetNotice, ImportHealthNotice } from "../../_components/fleet-notices";
import { getFleetStatusForRequest } from "../../_components/fleet-data";
import { ServicesFilters, ServicesResults } from "./services-sections";
import { parseServicesSearchParams, toServicesHref } from "./search-params";

export const metadata: Metadata = { title: "Services" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServicesPage({ searchParams }: Props) {
  const state = parseServicesSearchParams(await searchParams);
  const status = await getFleetStatusForRequest();
  return (
    <>
      <PageHeader
        title="Services"
        description="Every ECS service on Fargate with its billed cost and average utilisation over the last 30 days (UTC)."
      />
      <DemoNotice />
      <ImportHealthNotice />
      {status.isEmpty ? (
        <EmptyFleetNotice />
      ) : status.serviceCount === 0 ? (
        <EmptyState title="No Fargate services">
          <p>The accounts in this database have no ECS services on Fargate.</p>
        </EmptyState>
      ) : (
        <>
          <Suspense fallback={<Skeleton className="mb-4 h-14 w-full" />}>
            <ServicesFilters />
          </Suspense>
          <Suspense key={toServicesHref(state)} fallback={<TableSkeleton rows={12} />}>
            <ServicesResults state={state} />
          </Suspense>
        </>
      )}
    </>
  );
}
