import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness plus a database round trip; used by e2e and by whoever runs Breakeven. */
export async function GET() {
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return NextResponse.json({ status: "ok" });
  } catch (error) {
    console.error("health check: database unreachable:", error instanceof Error ? error.message : error);
    return NextResponse.json(
      { status: "error", error: { code: "INTERNAL", message: "Database unreachable" } },
      { status: 503 },
    );
  }
}
