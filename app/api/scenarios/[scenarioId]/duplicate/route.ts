import { NextResponse } from "next/server";
import { duplicateScenario } from "@/lib/db/queries/scenarios";
import { AppError } from "@/lib/errors";
import { withRoute } from "@/lib/http/with-route";
import { duplicateScenarioBodySchema, scenarioIdSchema } from "@/lib/schemas/scenario";
import { readJsonBody } from "../../read-json-body";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ scenarioId: string }> };

export const POST = withRoute(async (request, { params }: Context) => {
  const scenarioId = scenarioIdSchema.parse((await params).scenarioId);
  const body = duplicateScenarioBodySchema.parse(await readJsonBody(request));
  const scenario = await duplicateScenario(scenarioId, body);
  if (!scenario) throw new AppError("NOT_FOUND", "No saved scenario with this id");
  return NextResponse.json(scenario, { status: 201 });
});
