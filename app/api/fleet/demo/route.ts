import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { ImportAlreadyRunningError } from "@/lib/db/import/run-import";
import { AppError } from "@/lib/errors";
import { withRoute } from "@/lib/http/with-route";
import { startImportProcess } from "@/lib/jobs/start-import";

export const dynamic = "force-dynamic";

/**
 * The empty state's "Load demo data" (POST: 202 with the run id; the load runs in its own process,
 * never on the request thread, and the page polls /api/sync-runs/[runId]; 409 while one runs) and the demo banner's "Remove demo data" (DELETE,
 * after a confirm step in the UI; the handler insists on ?confirm=yes so a stray request cannot
 * wipe anything). Only demo accounts and their rows are touched; real accounts never are.
 */
export const POST = withRoute(async () => {
  try {
    const { runId } = await startImportProcess({ kind: "demo" });
    return NextResponse.json({ runId }, { status: 202 });
  } catch (error) {
    if (error instanceof ImportAlreadyRunningError) {
      throw new AppError(
        "CONFLICT",
        `The demo is already loading (run ${error.runId}); wait for it to finish.`,
      );
    }
    throw error;
  }
});

const deleteDemoQuerySchema = z.object({ confirm: z.literal("yes") });

export const DELETE = withRoute(async (request: Request) => {
  deleteDemoQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { removeDemoFleet } = await import("@/lib/demo");
  const result = await removeDemoFleet(getDb());
  return NextResponse.json({ rowsDeleted: result.rowsDeleted });
});
