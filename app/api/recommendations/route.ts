import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { listRecommendations, MAX_RECOMMENDATION_PAGE_SIZE } from "@/lib/db/queries/recommendation-list";
import { withRoute } from "@/lib/http/with-route";
import {
  parseRecommendationsSearchParams,
  RECOMMENDATIONS_PAGE_SIZE,
  toRecommendationListQuery,
} from "@/lib/schemas/recommendation-list";
import { z } from "zod";

export const dynamic = "force-dynamic";

const pageSizeSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_RECOMMENDATION_PAGE_SIZE)
  .default(RECOMMENDATIONS_PAGE_SIZE);

/**
 * The stored recommendations as JSON: the page's URL parameters (kind, account, region,
 * confidence, status, min, q, sort, dir, page) plus `pageSize` (at most 200; anything else is 422).
 * Answers one page of items, where the page sits, the totals of the whole filter, and when the
 * list was computed.
 */
export const GET = withRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const pageSize = pageSizeSchema.parse(params.get("pageSize") ?? undefined);
  const state = parseRecommendationsSearchParams(Object.fromEntries(params.entries()));
  const { items, pageInfo, totals, refresh } = await listRecommendations(
    toRecommendationListQuery(state, pageSize),
    getDb(),
  );
  return NextResponse.json({ items, pageInfo, totals, refresh });
});
