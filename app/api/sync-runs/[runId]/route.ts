import { NextResponse } from "next/server";
import { z } from "zod";
import { getSyncRun } from "@/lib/db/queries/sync-runs";
import { AppError } from "@/lib/errors";
import { withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ runId: z.string().min(1).max(100) });

/** One import run (demo load or sync): progress while running, then its result. Pages poll this. */
export const GET = withRoute(async (_request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { runId } = paramsSchema.parse(await context.params);
  const run = await getSyncRun(runId);
  if (!run) throw new AppError("NOT_FOUND", "No such run");
  return NextResponse.json(run, { headers: { "cache-control": "no-store" } });
});
