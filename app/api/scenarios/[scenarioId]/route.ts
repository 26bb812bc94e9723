import { NextResponse } from "next/server";
import { deleteScenario, getScenario, updateScenario } from "@/lib/db/queries/scenarios";
import { AppError } from "@/lib/errors";
import { withRoute } from "@/lib/http/with-route";
import { scenarioIdSchema, updateScenarioBodySchema } from "@/lib/schemas/scenario";
import { readJsonBody } from "../read-json-body";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ scenarioId: string }> };

function notFound(): AppError {
  return new AppError("NOT_FOUND", "No saved scenario with this id");
}

export const GET = withRoute(async (_request, { params }: Context) => {
  const scenarioId = scenarioIdSchema.parse((await params).scenarioId);
  const scenario = await getScenario(scenarioId);
  if (!scenario) throw notFound();
  return NextResponse.json(scenario);
});

export const PATCH = withRoute(async (request, { params }: Context) => {
  const scenarioId = scenarioIdSchema.parse((await params).scenarioId);
  const body = updateScenarioBodySchema.parse(await readJsonBody(request));
  const scenario = await updateScenario(scenarioId, body);
  if (!scenario) throw notFound();
  return NextResponse.json(scenario);
});

export const DELETE = withRoute(async (_request, { params }: Context) => {
  const scenarioId = scenarioIdSchema.parse((await params).scenarioId);
  if (!(await deleteScenario(scenarioId))) throw notFound();
  return new Response(null, { status: 204 });
});
