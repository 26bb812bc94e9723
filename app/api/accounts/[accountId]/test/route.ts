import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { getAccount } from "@/lib/db/queries/accounts";
import { withRoute } from "@/lib/http/with-route";
import { testAccountConnection } from "@/lib/sync/test-connection";
import { accountNotFound, parseAccountId, type AccountRouteContext } from "../../route-helpers";

export const dynamic = "force-dynamic";

/**
 * "Test connection": who the credentials are, whether that is this account, which permissions
 * are missing per region (Cost Explorer once: one $0.01 request), and what a first backfill would
 * cost. A failed AWS call is part of the
 * result (200, classified and safe messages); credentials and raw SDK errors never reach the body.
 */
export const POST = withRoute(async (_request, context: AccountRouteContext) => {
  const account = await getAccount(await parseAccountId(context), getDb());
  if (!account) throw accountNotFound();
  const result = await testAccountConnection({
    accountId: account.id,
    profile: account.profile,
    roleArn: account.roleArn,
    externalId: account.externalId,
    regions: account.regions,
    isLogsInsightsEnabled: account.isLogsInsightsEnabled,
    isCostExplorerEnabled: account.isCostExplorerEnabled,
  });
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
});
