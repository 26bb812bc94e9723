import "server-only";
import { AppError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/request-guards";
import { accountIdSchema } from "@/lib/schemas/account";

/** An account is a few hundred bytes of JSON; anything near this is not one. */
export const MAX_ACCOUNT_BODY_BYTES = 16 * 1024;

/** The request body as JSON, at most 16 KB (413 above; 422 when malformed). */
export function readAccountBody(request: Request): Promise<unknown> {
  return readJsonBody(request, MAX_ACCOUNT_BODY_BYTES);
}

export type AccountRouteContext = { params: Promise<{ accountId: string }> };

export function accountNotFound(): AppError {
  return new AppError("NOT_FOUND", "No configured account with this id");
}

/** The [accountId] segment; a malformed id cannot name an account, so it is a 404 like an unknown one. */
export async function parseAccountId(context: AccountRouteContext): Promise<string> {
  const parsed = accountIdSchema.safeParse((await context.params).accountId);
  if (!parsed.success) throw accountNotFound();
  return parsed.data;
}
