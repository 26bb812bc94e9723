import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { getStoredReconciliation } from "@/lib/db/queries/reconciliation-store";

/**
 * The reconciliation the last import computed (lib/db/queries/reconciliation-store.ts), read once
 * per request however many sections ask; null before an import computed one.
 */
export const getReconciliationForRequest = cache(() => getStoredReconciliation(getDb()));
