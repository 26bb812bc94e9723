import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

/**
 * The empty state's "Load demo data" (POST) and the demo banner's "Remove demo data" (DELETE,
 * after a confirm step in the UI; the handler insists on ?confirm=yes so a stray request cannot
 * wipe anything). Only demo accounts and their rows are touched; real accounts never are.
 */
export const POST = withRoute(async () => {
  const { loadDemoFleet } = await import("@/lib/demo");
  const summary = await loadDemoFleet(getDb());
  return NextResponse.json({
    functions: summary.functions,
    services: summary.services,
    accounts: summary.accounts,
    asOf: summary.asOf,
    rowsWritten: summary.rowsWritten,
  });
});

const deleteDemoQuerySchema = z.object({ confirm: z.literal("yes") });

export const DELETE = withRoute(async (request: Request) => {
  deleteDemoQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { removeDemoFleet } = await import("@/lib/demo");
  const result = await removeDemoFleet(getDb());
  return NextResponse.json({ rowsDeleted: result.rowsDeleted });
});
