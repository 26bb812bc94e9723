import { z } from "zod";
import { fetchJson } from "@/lib/queries/fetch-json";
import {
  accountDetailSchema,
  connectionTestResultSchema,
  type AccountDetail,
  type ConnectionTestResultView,
  type CreateAccountBody,
  type UpdateAccountBody,
} from "@/lib/schemas/account";
import { startedRunSchema } from "@/lib/schemas/sync-run";
import { API_PATHS } from "@/lib/api-paths";

/**
 * The Accounts page's writes (app/api/accounts). The list itself is read by the server component
 * and refreshed with router.refresh() after each change, so there are no query keys here.
 */

export function createAccountRequest(body: CreateAccountBody): Promise<AccountDetail> {
  return fetchJson(API_PATHS.accounts, accountDetailSchema, { method: "POST", body: JSON.stringify(body) });
}

export function updateAccountRequest(accountId: string, body: UpdateAccountBody): Promise<AccountDetail> {
  return fetchJson(API_PATHS.account(accountId), accountDetailSchema, {
    method: "PATCH",
    body: JSON.stringify(body),
  });
}

export function deleteAccountRequest(accountId: string): Promise<{ rowsDeleted: number }> {
  return fetchJson(`${API_PATHS.account(accountId)}?confirm=yes`, z.object({ rowsDeleted: z.number() }), {
    method: "DELETE",
  });
}

export function testConnectionRequest(accountId: string): Promise<ConnectionTestResultView> {
  return fetchJson(API_PATHS.accountTest(accountId), connectionTestResultSchema, { method: "POST" });
}

export function startSyncRequest(accountId: string): Promise<{ runId: string }> {
  return fetchJson(API_PATHS.accountSync(accountId), startedRunSchema, { method: "POST" });
}
