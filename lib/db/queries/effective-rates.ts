/**
 * Each account's effective rates from its own bill (lib/pricing/effective-rates.ts), over the
 * recommendations' evidence window (the ResourceSummary window: the last 30 whole UTC days), and the
 * price book that account pays: list rates, with the billed ones where the book lacks a rate or the
 * account pays less than list. Recommendations use that book for the account; the what-if offers it.
 */
import type { Db } from "@/lib/db/create-db";
import { memoizeByDataVersion } from "@/lib/db/data-version";
import { DEFAULT_PRICE_BOOK, type PriceBook } from "@/lib/pricing";
import {
  GROSS_USAGE_RECORD_TYPES,
  applyEffectiveRates,
  deriveEffectiveRates,
  type AccountRates,
  type BilledUsageTotal,
  type EffectiveRate,
} from "@/lib/pricing/effective-rates";
import { addUtcDays, toDayKey } from "@/lib/time";
import { getEvidenceWindow } from "./recommend-evidence";

export type AccountEffectiveRates = {
  accountId: string;
  /** The window's days, "YYYY-MM-DD", end exclusive. */
  windowStart: string;
  windowEnd: string;
  rates: EffectiveRate[];
  /** The book with the account's rates applied (the default book when none differ). */
  book: PriceBook;
};

/** Per account, its gross billed usage (cost and quantity) per region and usage type over the window. */
async function listBilledUsage(
  db: Db,
  window: { start: Date; end: Date; days: number },
): Promise<Map<string, BilledUsageTotal[]>> {
  const groups = await db.costLine.groupBy({
    by: ["accountId", "region", "usageType"],
    where: {
      day: { gte: window.start, lt: window.end },
      recordType: { in: [...GROSS_USAGE_RECORD_TYPES] },
      usageQuantity: { gt: 0 },
    },
    _sum: { amountNanoUsd: true, usageQuantity: true },
  });
  const byAccount = new Map<string, BilledUsageTotal[]>();
  for (const group of groups) {
    const costNanoUsd = group._sum.amountNanoUsd;
    const usageQuantity = group._sum.usageQuantity;
    if (costNanoUsd === null || usageQuantity === null) continue;
    const list = byAccount.get(group.accountId) ?? [];
    list.push({
      region: group.region,
      usageType: group.usageType,
      costNanoUsd: BigInt(costNanoUsd),
      usageQuantity,
      windowDays: window.days,
    });
    byAccount.set(group.accountId, list);
  }
  return byAccount;
}

/**
 * Every account's effective rates (accounts whose bill matches list get an empty list and the
 * default book), or those of `accountIds`. With the default book the result is shared per data
 * version (it sums a month of cost lines and only an import changes it): treat it as read-only.
 */
export async function listAccountEffectiveRates(
  db: Db,
  options: { accountIds?: readonly string[]; book?: PriceBook } = {},
): Promise<Map<string, AccountEffectiveRates>> {
  const all = options.book
    ? await computeAccountEffectiveRates(db, options.book)
    : await memoizeByDataVersion(db, "account-effective-rates", null, () =>
        computeAccountEffectiveRates(db, DEFAULT_PRICE_BOOK),
      );
  if (!options.accountIds) return all;
  const wanted = new Set(options.accountIds);
  return new Map([...all].filter(([accountId]) => wanted.has(accountId)));
}

async function computeAccountEffectiveRates(
  db: Db,
  book: PriceBook,
): Promise<Map<string, AccountEffectiveRates>> {
  const evidenceWindow = await getEvidenceWindow(db);
  const window = {
    start: addUtcDays(evidenceWindow.end, -evidenceWindow.days),
    end: evidenceWindow.end,
    days: evidenceWindow.days,
  };
  const usage = await listBilledUsage(db, window);
  const result = new Map<string, AccountEffectiveRates>();
  const windowStart = toDayKey(window.start);
  const windowEnd = toDayKey(window.end);
  for (const [accountId, totals] of usage) {
    const rates = deriveEffectiveRates(totals, book);
    result.set(accountId, {
      accountId,
      windowStart,
      windowEnd,
      rates,
      book: applyEffectiveRates(book, rates, { accountId, windowEnd }),
    });
  }
  return result;
}

/** The books of the accounts that pay something other than list, keyed by account id. */
export async function listAccountPriceBooks(
  db: Db,
  options: { accountIds?: readonly string[] } = {},
): Promise<Map<string, PriceBook>> {
  const rates = await listAccountEffectiveRates(db, options);
  const books = new Map<string, PriceBook>();
  for (const [accountId, entry] of rates) if (entry.rates.length > 0) books.set(accountId, entry.book);
  return books;
}

/** The accounts whose bill shows rates that differ from list, with their names: the what-if's "Prices" choices. */
export async function listAccountRateChoices(db: Db): Promise<AccountRates[]> {
  const [rates, accounts] = await Promise.all([
    listAccountEffectiveRates(db),
    db.account.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  return [...rates.values()]
    .filter((entry) => entry.rates.length > 0)
    .map((entry) => ({
      accountId: entry.accountId,
      accountName: names.get(entry.accountId) ?? null,
      windowStart: entry.windowStart,
      windowEnd: entry.windowEnd,
      rates: entry.rates,
    }))
    .sort((a, b) => (a.accountName ?? a.accountId).localeCompare(b.accountName ?? b.accountId));
}
