import { NextResponse } from "next/server";
import { importPowerTuningRun } from "@/lib/db/queries/power-tuning";
import { readJsonBody } from "@/lib/http/request-guards";
import { powerTuningImportBodySchema } from "@/lib/schemas/power-tuning";
import { withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

/** Largest body accepted: real Power Tuning outputs and execution records are a few KB. */
const MAX_BODY_BYTES = 256 * 1024;

type Context = { params: Promise<{ functionId: string }> };

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Import an AWS Lambda Power Tuning run (state machine output, DescribeExecution record or
 * visualization URL, as `{ "text": "…" }` in a JSON body) into this function's memory observations
 * (docs/power-tuning.md). 200 { imported, form, observedOn, points }; 403 cross-site (withRoute);
 * 404 unknown function; 413 over 256 KB (readJsonBody); 422 bad input or another function's run,
 * with one line.
 */
export const POST = withRoute(async (request, { params }: Context) => {
  const { text } = powerTuningImportBodySchema.parse(await readJsonBody(request, MAX_BODY_BYTES));
  const functionId = decodeParam((await params).functionId);
  return NextResponse.json(await importPowerTuningRun(functionId, text));
});
