import { NextResponse } from "next/server";
import { createScenario, listScenarios } from "@/lib/db/queries/scenarios";
import { withRoute } from "@/lib/http/with-route";
import { createScenarioBodySchema, scenarioListQuerySchema } from "@/lib/schemas/scenario";
import { readJsonBody } from "./read-json-body";

export const dynamic = "force-dynamic";

/**
 * `?page=&pageSize=` (defaults 1 and 20, at most 100 per page; anything else is 422). The body
 * keeps `scenarios` and adds where the page sits: totalCount, page, pageSize, pageCount and
 * requestedPage (larger than page when the page asked for was past the end and the last came back).
 */
export const GET = withRoute(async (request) => {
  const query = scenarioListQuerySchema.parse(
    Object.fromEntries(new URL(request.url).searchParams.entries()),
  );
  return NextResponse.json(await listScenarios(query));
});

export const POST = withRoute(async (request) => {
  const body = createScenarioBodySchema.parse(await readJsonBody(request));
  return NextResponse.json(await createScenario(body), { status: 201 });
});
