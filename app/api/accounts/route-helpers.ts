import "server-only";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/request-guards";
import { accountIdSchema } from "@/lib/schemas/account";

/** An account is a few hundred bytes of JSON; anything near this is not one. */
export const MAX_ACCOUNT_BODY_BYTES = 16 * 1024;

/**
 * The request body as JSON, refused (413) above 16 KB before it is parsed; malformed JSON is a
 * validation error (422), not a crash.
 */
export async function readAccountBody(request: Request): Promise<unknown> {
  const text = await readBodyText(request, MAX_ACCOUNT_BODY_BYTES);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON", {
      fieldErrors: { _: "The request body is not valid JSON" },
    });
  }
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
