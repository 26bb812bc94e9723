import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/fleet/page-header";
import { TableSkeleton } from "@/components/fleet/skeletons";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { DemoNotice, EmptyFleetNotice, ImportHealthNotice } from "../../_components/fleet-notices";
import { getFleetStatusForRequest } from "../../_components/fleet-data";
import { FunctionsFilters, FunctionsResults } from "./functions-sections";
import { parseFunctionsSearchParams, toFunctionsHref } from "./search-params";

export const metadata: Metadata = { title: "Functions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function FunctionsPage({ searchParams }: Props) {
  const state = parseFunctionsSearchParams(await searchParams);
  const status = await getFleetStatusForRequest();
  return (
    <>
      <PageHeader
        title="Functions"
        description="Every Lambda function with its billed cost, invocations and p95 duration over the last 30 days (UTC)."
      />
      <DemoNotice />
      <ImportHealthNotice />
      {status.isEmpty ? (
        <EmptyFleetNotice />
      ) : status.functionCount === 0 ? (
        <EmptyState title="No Lambda functions">
          <p>The accounts in this database have no Lambda functions.</p>
        </EmptyState>
      ) : (
        <>
          <Suspense fallback={<Skeleton className="mb-4 h-14 w-full" />}>
            <FunctionsFilters />
          </Suspense>
          <Suspense key={toFunctionsHref(state)} fallback={<TableSkeleton rows={12} />}>
            <FunctionsResults state={state} />
          </Suspense>
        </>
      )}
    </>
  );
}
