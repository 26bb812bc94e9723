/**
 * The stored reconciliation: computed at the end of every import (in the import's process, never
 * on a request) for the last RECONCILIATION_WINDOW_DAYS whole UTC days, and read by the
 * Reconciliation page, the overview's residual figure and the function and service pages' three
 * costs. Reading and allocating a fleet's cost lines takes seconds at 10,000 functions; the stored
 * rows are read in milliseconds. The CLI (`reconcile --days N`) still computes any window live.
 */
import type { Db } from "@/lib/db/create-db";
import {
  getReconciliationInputs,
  toReconciliationReport,
  toResourceCostComparison,
  toResourceCostSums,
  type ReconciliationReport,
  type ResourceCostComparison,
} from "./reconciliation";

/** The window the import computes: the same 30 days as ResourceSummary and the recommendations. */
export const RECONCILIATION_WINDOW_DAYS = 30;

const WRITE_CHUNK = 500;

/**
 * Computes and stores the reconciliation of the RECONCILIATION_WINDOW_DAYS whole UTC days before
 * `windowEnd` (default now; an import passes its summary window's end).
 */
export async function refreshReconciliation(
  db: Db,
  options: { windowEnd?: Date } = {},
): Promise<{ resources: number; elapsedMs: number }> {
  const started = Date.now();
  const now = new Date();
  const inputs = await getReconciliationInputs(db, {
    days: RECONCILIATION_WINDOW_DAYS,
    now: options.windowEnd ?? now,
  });
  const report = await toReconciliationReport(db, inputs);
  const comparisons = [...toResourceCostSums(inputs)];
  await db.$transaction(
    async (tx) => {
      await tx.resourceReconciliation.deleteMany();
      for (let start = 0; start < comparisons.length; start += WRITE_CHUNK) {
        await tx.resourceReconciliation.createMany({
          data: comparisons.slice(start, start + WRITE_CHUNK).map(([resourceArn, sums]) => ({
            resourceArn,
            windowDays: RECONCILIATION_WINDOW_DAYS,
            billedNanoUsd: sums.billedNanoUsd,
            sharedNanoUsd: sums.sharedNanoUsd,
            modelledUsd: sums.modelledUsd,
            unknownRatesJson: JSON.stringify(sums.unknownRates),
          })),
        });
      }
      await tx.reconciliationSnapshot.upsert({
        where: { windowDays: RECONCILIATION_WINDOW_DAYS },
        create: {
          windowDays: RECONCILIATION_WINDOW_DAYS,
          computedAt: now,
          reportJson: JSON.stringify(report),
        },
        update: { computedAt: now, reportJson: JSON.stringify(report) },
      });
    },
    { timeout: 120_000 },
  );
  return { resources: comparisons.length, elapsedMs: Date.now() - started };
}

/** The stored report and when it was computed; null before the first import computed one. */
export async function getStoredReconciliation(
  db: Db,
): Promise<{ report: ReconciliationReport; computedAt: Date } | null> {
  const row = await db.reconciliationSnapshot.findUnique({
    where: { windowDays: RECONCILIATION_WINDOW_DAYS },
  });
  return row
    ? { report: JSON.parse(row.reportJson) as ReconciliationReport, computedAt: row.computedAt }
    : null;
}

/** One resource's stored three costs; null when the last computation did not see it. */
export async function getStoredResourceCostComparison(
  db: Db,
  resourceArn: string,
): Promise<ResourceCostComparison | null> {
  const [row, snapshot] = await Promise.all([
    db.resourceReconciliation.findUnique({ where: { resourceArn } }),
    getStoredReconciliation(db),
  ]);
  if (!row || !snapshot) return null;
  return toResourceCostComparison(
    snapshot.report.window,
    {
      billedNanoUsd: row.billedNanoUsd,
      sharedNanoUsd: row.sharedNanoUsd,
      modelledUsd: row.modelledUsd,
      unknownRates: JSON.parse(row.unknownRatesJson) as string[],
    },
    // The account is the fifth field of a Lambda or ECS ARN. A snapshot stored before the field
    // existed keeps the earlier reading (billed, $0 when not named) until the next import.
    {
      isNamedOnBill:
        (snapshot.report.accountsNamingResources as string[] | undefined)?.includes(
          resourceArn.split(":")[4] ?? "",
        ) ?? true,
    },
  );
}

/** Forgets the stored reconciliation (its data was removed: the demo, an account). */
export async function clearStoredReconciliation(db: Db): Promise<void> {
  await db.$transaction([db.resourceReconciliation.deleteMany(), db.reconciliationSnapshot.deleteMany()]);
}
