import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { checkDatabaseWritable } from "@/lib/db/health";
import { getServerEnv } from "@/lib/env";
import { toHttpStatus } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * Liveness plus a database that can be read and written (lib/db/health.ts); used by e2e and by
 * whoever runs Breakeven. 503 with one clear message when it cannot: read-only, busy or unreachable.
 */
export async function GET() {
  const problem = await checkDatabaseWritable(getDb(), getServerEnv().DATABASE_URL);
  if (problem === null) return NextResponse.json({ status: "ok" });
  const cause = problem.cause instanceof Error ? problem.cause.message : problem.cause;
  console.error(`health check: ${problem.message}`, cause);
  return NextResponse.json(
    { status: "error", error: { code: problem.code, message: problem.message } },
    { status: toHttpStatus(problem.code) },
  );
}
