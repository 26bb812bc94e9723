import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { deleteAccountWithData, getAccount, updateAccount } from "@/lib/db/queries/accounts";
import { withRoute } from "@/lib/http/with-route";
import { deleteAccountQuerySchema, updateAccountBodySchema } from "@/lib/schemas/account";
import {
  accountNotFound,
  parseAccountId,
  readAccountBody,
  type AccountRouteContext as Context,
} from "../route-helpers";

export const dynamic = "force-dynamic";

/** One account with its ExternalId (for the edit form). */
export const GET = withRoute(async (_request, context: Context) => {
  const account = await getAccount(await parseAccountId(context), getDb());
  if (!account) throw accountNotFound();
  return NextResponse.json(account, { headers: { "cache-control": "no-store" } });
});

/** Changes name, regions, role/ExternalId, profile or the Logs Insights switch. */
export const PATCH = withRoute(async (request, context: Context) => {
  const accountId = await parseAccountId(context);
  const body = updateAccountBodySchema.parse((await readAccountBody(request)) ?? {});
  const account = await updateAccount(accountId, body, getDb());
  if (!account) throw accountNotFound();
  return NextResponse.json(account);
});

/**
 * Removes the account and everything synced from it. Insists on ?confirm=yes (the page asks
 * first) so a stray request cannot wipe anything; 409 while a sync of the account runs.
 */
export const DELETE = withRoute(async (request, context: Context) => {
  const accountId = await parseAccountId(context);
  deleteAccountQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await deleteAccountWithData(accountId, getDb());
  if (!result) throw accountNotFound();
  return NextResponse.json({ rowsDeleted: result.rowsDeleted });
});
