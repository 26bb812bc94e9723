import { NextResponse } from "next/server";
import { createScenario, listScenarios } from "@/lib/db/queries/scenarios";
import { withRoute } from "@/lib/http/with-route";
import { createScenarioBodySchema } from "@/lib/schemas/scenario";
import { readJsonBody } from "./read-json-body";

export const dynamic = "force-dynamic";

export const GET = withRoute(async () => {
  return NextResponse.json({ scenarios: await listScenarios() });
});

export const POST = withRoute(async (request) => {
  const body = createScenarioBodySchema.parse(await readJsonBody(request));
  return NextResponse.json(await createScenario(body), { status: 201 });
});
