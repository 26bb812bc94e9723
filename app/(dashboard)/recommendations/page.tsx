import type { Metadata } from "next";
import { PageHeader } from "@/components/fleet/page-header";
import { parseRecommendationsSearchParams } from "@/lib/schemas/recommendation-list";
import { DemoNotice, EmptyFleetNotice, ImportHealthNotice } from "../_components/fleet-notices";
import { getFleetStatusForRequest } from "../_components/fleet-data";
import { getRecommendationsPageData } from "./recommendations-data";
import {
  RecommendationsFilters,
  RecommendationsOverview,
  RecommendationsResults,
} from "./recommendations-sections";

export const metadata: Metadata = { title: "Recommendations" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * No Suspense boundary and no loading.tsx on purpose: a streamed boundary is filled in by a script,
 * so without JavaScript the filters (a plain GET form) and the list would stay skeletons. The page
 * reads one indexed table and a page of history, fast enough to send whole.
 */
export default async function RecommendationsPage({ searchParams }: Props) {
  const state = parseRecommendationsSearchParams(await searchParams);
  const status = await getFleetStatusForRequest();
  const data = status.isEmpty ? null : await getRecommendationsPageData(state);
  return (
    <>
      <PageHeader
        title="Recommendations"
        description="What to change across the fleet, largest monthly saving first, and what was decided about it. Each item links to its function or service page, where the evidence is."
      />
      <DemoNotice />
      <ImportHealthNotice />
      {data === null ? (
        <EmptyFleetNotice />
      ) : (
        <>
          <RecommendationsOverview state={state} list={data.list} />
          <RecommendationsFilters list={data.list} />
          <RecommendationsResults state={state} list={data.list} eventsById={data.eventsById} />
        </>
      )}
    </>
  );
}
