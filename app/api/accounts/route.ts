import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { createAccount, listAccounts } from "@/lib/db/queries/accounts";
import { withRoute } from "@/lib/http/with-route";
import { createAccountBodySchema } from "@/lib/schemas/account";
import { readAccountBody } from "./route-helpers";

export const dynamic = "force-dynamic";

/** The AWS accounts Breakeven syncs (demo accounts are not listed). */
export const GET = withRoute(async () => {
  return NextResponse.json({ accounts: await listAccounts(getDb()) });
});

/** Adds an account: 201 with it, 409 when the id is configured already, 422 with field errors. */
export const POST = withRoute(async (request) => {
  const body = createAccountBodySchema.parse((await readAccountBody(request)) ?? {});
  return NextResponse.json(await createAccount(body, getDb()), { status: 201 });
});
