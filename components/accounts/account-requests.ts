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

/**
 * The Accounts page's writes (app/api/accounts). The list itself is read by the server component
 * and refreshed with router.refresh() after each change, so there are no query keys here.
 */

const accountPath = (accountId: string) => `/api/accounts/${encodeURIComponent(accountId)}`;

export function createAccountRequest(body: CreateAccountBody): Promise<AccountDetail> {
  return fetchJson("/api/accounts", accountDetailSchema, { method: "POST", body: JSON.stringify(body) });
}

export function updateAccountRequest(accountId: string, body: UpdateAccountBody): Promise<AccountDetail> {
  return fetchJson(accountPath(accountId), accountDetailSchema, {
    method: "PATCH",
    body: JSON.stringify(body),
  });
}

export function deleteAccountRequest(accountId: string): Promise<{ rowsDeleted: number }> {
  return fetchJson(`${accountPath(accountId)}?confirm=yes`, z.object({ rowsDeleted: z.number() }), {
    method: "DELETE",
  });
}

export function testConnectionRequest(accountId: string): Promise<ConnectionTestResultView> {
  return fetchJson(`${accountPath(accountId)}/test`, connectionTestResultSchema, { method: "POST" });
}

export function startSyncRequest(accountId: string): Promise<{ runId: string }> {
  return fetchJson(`${accountPath(accountId)}/sync`, startedRunSchema, { method: "POST" });
}
