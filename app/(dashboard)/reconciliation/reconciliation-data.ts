import "server-only";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { listAccountRateChoices } from "@/lib/db/queries/effective-rates";
import { getStoredReconciliation } from "@/lib/db/queries/reconciliation-store";

/**
 * The reconciliation the last import computed (lib/db/queries/reconciliation-store.ts), read once
 * per request however many sections ask; null before an import computed one.
 */
export const getReconciliationForRequest = cache(() => getStoredReconciliation(getDb()));

/** Every account's rates from its bill that differ from the price book (private pricing, missing rates). */
export const getEffectiveRatesForRequest = cache(() => listAccountRateChoices(getDb()));
