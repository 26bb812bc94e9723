/**
 * Effective rates from the bill: what an account really paid per unit of usage, derived from its
 * billed cost lines (cost ÷ usage quantity, per region and usage type), and a price book that uses
 * them for that account.
 *
 * A billed rate replaces the price book's rate in two cases:
 * - the book has no rate (Fargate Spot, whose price moves with supply; another region's
 *   provisioned concurrency or storage): "not in the price book";
 * - the account pays less than list (private pricing, an enterprise discount on the rate card):
 *   "below list", when the billed rate is more than BELOW_LIST_TOLERANCE under list.
 * Otherwise the list rate stays. A billed rate above list is not used: it comes from rounding or a
 * partial day, never from a real surcharge on these services.
 *
 * Only gross usage counts: `Usage` and `SavingsPlanCoveredUsage` lines (the latter carry the
 * on-demand cost of covered usage). Credits, refunds and Savings Plans negations are not rates:
 * the free tier and Savings Plans are modelled separately (lib/pricing/lambda.ts,
 * lib/pricing/savings-plan.ts), so they are left out here. docs/reconciliation.md describes it.
 *
 * Pure: the caller (lib/db/queries/effective-rates.ts) sums the lines.
 */
import { getRate, type PriceBook, type Rate, type RateKey } from "./price-book";
import { LAMBDA_DURATION_TIER_ENDS_GB_SECONDS } from "./lambda";
import type { Architecture } from "./types";
import { mapUsageTypeToComponent } from "./usage-types";

/** Record types whose cost is the on-demand price of the usage (docs/aws-facts.md §7.3). */
export const GROSS_USAGE_RECORD_TYPES = ["Usage", "SavingsPlanCoveredUsage"] as const;

/** A billed rate under list by more than this share counts as the account's own rate. */
export const BELOW_LIST_TOLERANCE = 0.005;

/** `PriceBook.sources` key and `Rate.source` of a rate taken from the bill. */
export const BILL_SOURCE = "BILL";

const DAYS_PER_MONTH = 730 / 24;

/** One region and usage type of one account, summed over a window of whole days. */
export type BilledUsageTotal = {
  region: string;
  usageType: string;
  costNanoUsd: bigint;
  usageQuantity: number;
  /** Whole days the window covers (to compare monthly volume with Lambda's duration tiers). */
  windowDays: number;
};

export type EffectiveRateBasis = "not-in-price-book" | "below-list";

export type EffectiveRate = {
  region: string;
  rateKey: RateKey;
  /** The usage types the rate was derived from. */
  usageTypes: string[];
  usdPerUnit: number;
  /** The price book's rate; null when the book has none. */
  listUsdPerUnit: number | null;
  /** 1 − billed ÷ list, e.g. 0.12 for 12 % under list; null without a list rate. */
  discountShare: number | null;
  basis: EffectiveRateBasis;
  usageQuantity: number;
  costUsd: number;
};

/** The unit each rate family is quoted in (the book's `Rate.unit`). */
function toRateUnit(key: RateKey): string {
  if (key.endsWith(".requests")) return "request";
  if (key.startsWith("lambda.")) return "GB-s";
  if (key.endsWith(".vcpu") || key.endsWith(".os-license")) return "vCPU-hour";
  return "GB-hour";
}

function toArchitecture(usageType: string): Architecture {
  return /-ARM(?:-|$)/.test(usageType) ? "arm64" : "x86_64";
}

/**
 * The price-book rate a usage type's quantity is billed at, or null for what the book does not
 * price per unit of that usage type (front doors, SnapStart, streaming, Lambda@Edge, "other").
 * Duration maps to tier 1; tiers 2 and 3 follow it (see applyEffectiveRates).
 */
export function toRateKeyOfUsageType(usageType: string): RateKey | null {
  if (usageType.includes("Lambda-Edge")) return null;
  const component = mapUsageTypeToComponent(usageType);
  const arch = toArchitecture(usageType);
  const isFargate = usageType.includes("Fargate");
  switch (component) {
    case "requests":
      return `lambda.${arch}.requests`;
    case "duration":
      return `lambda.${arch}.duration.tier-1`;
    case "provisioned-concurrency":
      return `lambda.${arch}.provisioned-concurrency`;
    case "provisioned-duration":
      return `lambda.${arch}.provisioned-duration`;
    case "ephemeral-storage":
      return isFargate ? "fargate.ephemeral-storage" : `lambda.${arch}.ephemeral-storage`;
    case "vcpu":
    case "memory": {
      if (usageType.includes("SpotUsage-")) return `fargate.spot.linux.${arch}.${component}`;
      if (usageType.includes("Fargate-Windows-")) return `fargate.windows.x86_64.${component}`;
      return `fargate.linux.${arch}.${component}`;
    }
    case "os-license":
      return "fargate.windows.x86_64.os-license";
    default:
      return null;
  }
}

/**
 * Whether the account's monthly duration volume stays inside tier 1, so that its billed duration
 * rate can be compared with the tier-1 list rate (beyond it the bill blends tiers).
 */
function isWithinFirstDurationTier(key: RateKey, usageQuantity: number, windowDays: number): boolean {
  if (!key.includes(".duration.")) return true;
  const arch: Architecture = key.startsWith("lambda.arm64") ? "arm64" : "x86_64";
  const monthlyGbSeconds = (usageQuantity / Math.max(1, windowDays)) * DAYS_PER_MONTH;
  return monthlyGbSeconds <= LAMBDA_DURATION_TIER_ENDS_GB_SECONDS[arch][0];
}

/**
 * The billed rates of one account that differ from the book: one per region and rate key, the
 * usage types behind a key pooled (e.g. on-demand lines with and without a region prefix).
 */
export function deriveEffectiveRates(totals: readonly BilledUsageTotal[], book: PriceBook): EffectiveRate[] {
  const pooled = new Map<
    string,
    {
      region: string;
      rateKey: RateKey;
      usageTypes: Set<string>;
      nanos: bigint;
      quantity: number;
      days: number;
    }
  >();
  for (const total of totals) {
    const rateKey = toRateKeyOfUsageType(total.usageType);
    if (rateKey === null || !(total.usageQuantity > 0)) continue;
    const key = `${total.region}|${rateKey}`;
    const entry = pooled.get(key) ?? {
      region: total.region,
      rateKey,
      usageTypes: new Set<string>(),
      nanos: 0n,
      quantity: 0,
      days: total.windowDays,
    };
    entry.usageTypes.add(total.usageType);
    entry.nanos += total.costNanoUsd;
    entry.quantity += total.usageQuantity;
    entry.days = Math.max(entry.days, total.windowDays);
    pooled.set(key, entry);
  }
  const rates: EffectiveRate[] = [];
  for (const entry of pooled.values()) {
    if (!(entry.nanos > 0n)) continue;
    const costUsd = Number(entry.nanos) / 1e9;
    const usdPerUnit = costUsd / entry.quantity;
    const list = getRate(book, entry.region, entry.rateKey);
    const base = {
      region: entry.region,
      rateKey: entry.rateKey,
      usageTypes: [...entry.usageTypes].sort(),
      usdPerUnit,
      usageQuantity: entry.quantity,
      costUsd,
    };
    if (list === null) {
      rates.push({ ...base, listUsdPerUnit: null, discountShare: null, basis: "not-in-price-book" });
      continue;
    }
    if (!(list.usd > 0) || !isWithinFirstDurationTier(entry.rateKey, entry.quantity, entry.days)) continue;
    const discountShare = 1 - usdPerUnit / list.usd;
    if (discountShare > BELOW_LIST_TOLERANCE) {
      rates.push({ ...base, listUsdPerUnit: list.usd, discountShare, basis: "below-list" });
    }
  }
  return rates.sort((a, b) => a.region.localeCompare(b.region) || a.rateKey.localeCompare(b.rateKey));
}

const DURATION_TIERS = ["tier-1", "tier-2", "tier-3"] as const;

/**
 * The book as one account pays it: each effective rate replaces (or adds) its book rate, labelled
 * with source BILL and confidence "bill". A below-list duration rate scales tiers 2 and 3 by the
 * same discount; a duration rate missing from the book fills any missing tier with the billed
 * tier-1 rate (an upper bound beyond tier 1). The book is not changed; regions without an
 * effective rate are shared with it.
 */
export function applyEffectiveRates(
  book: PriceBook,
  rates: readonly EffectiveRate[],
  label: { accountId: string; windowEnd: string },
): PriceBook {
  if (rates.length === 0) return book;
  const regions = { ...book.regions };
  const toRate = (key: RateKey, usd: number): Rate => ({
    usd,
    unit: toRateUnit(key),
    source: BILL_SOURCE,
    retrievedOn: label.windowEnd,
    confidence: "bill",
  });
  for (const rate of rates) {
    const region = regions[rate.region] ?? { name: rate.region, rates: {} };
    const updated = { ...region.rates };
    updated[rate.rateKey] = toRate(rate.rateKey, rate.usdPerUnit);
    if (rate.rateKey.includes(".duration.")) {
      const prefix = rate.rateKey.slice(0, rate.rateKey.length - "tier-1".length);
      for (const tier of DURATION_TIERS.slice(1)) {
        const key = `${prefix}${tier}` as RateKey;
        const list = region.rates[key];
        if (rate.discountShare !== null && list)
          updated[key] = toRate(key, list.usd * (1 - rate.discountShare));
        else if (!list) updated[key] = toRate(key, rate.usdPerUnit);
      }
    }
    regions[rate.region] = { ...region, rates: updated };
  }
  return {
    ...book,
    version: `${book.version}+bill:${label.accountId}`,
    sources: {
      ...book.sources,
      [BILL_SOURCE]: {
        url: "https://docs.aws.amazon.com/cost-management/latest/userguide/ce-what-is.html",
        note: `Effective rates of account ${label.accountId} from its Cost Explorer lines (billed cost ÷ usage quantity) up to ${label.windowEnd}.`,
      },
    },
    regions,
  };
}

/** The rates of a book that came from the bill, for one region (evidence lines, labels). */
export function listBillRates(book: PriceBook, region: string): RateKey[] {
  const rates = book.regions[region]?.rates ?? {};
  return (Object.keys(rates) as RateKey[]).filter((key) => rates[key]?.confidence === "bill").sort();
}

/** One account's rates from its bill, as the what-if offers them (serialisable: no book inside). */
export type AccountRates = {
  accountId: string;
  accountName: string | null;
  /** The bill window the rates come from, "YYYY-MM-DD", end exclusive. */
  windowStart: string;
  windowEnd: string;
  rates: EffectiveRate[];
};

/** The book an account pays: `book` with its rates from the bill (the book itself when none differ). */
export function toAccountPriceBook(book: PriceBook, account: AccountRates): PriceBook {
  return applyEffectiveRates(book, account.rates, {
    accountId: account.accountId,
    windowEnd: account.windowEnd,
  });
}
