import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { ImportAlreadyRunningError } from "@/lib/db/import/run-import";
import { getAccount } from "@/lib/db/queries/accounts";
import { AppError } from "@/lib/errors";
import { withRoute } from "@/lib/http/with-route";
import { startImportProcess } from "@/lib/jobs/start-import";
import { accountNotFound, parseAccountId, type AccountRouteContext } from "../../route-helpers";

export const dynamic = "force-dynamic";

/**
 * "Sync now": 202 with the run id (the sync runs in its own process, `npm run sync -- --account
 * ID --run-id …`; the page polls /api/sync-runs/[runId]), 409 while a sync of the account runs.
 */
export const POST = withRoute(async (_request, context: AccountRouteContext) => {
  const account = await getAccount(await parseAccountId(context), getDb());
  if (!account) throw accountNotFound();
  try {
    const { runId } = await startImportProcess({ kind: "aws", accountId: account.id });
    return NextResponse.json({ runId }, { status: 202 });
  } catch (error) {
    if (error instanceof ImportAlreadyRunningError) {
      throw new AppError("CONFLICT", "A sync of this account is already running");
    }
    throw error;
  }
});
