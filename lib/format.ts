/**
 * Display formatting. Estimates are rounded only here. `null` means unknown and is shown as
 * "unknown", never as $0.
 */
export const UNKNOWN = "unknown";

const usd = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const usdSmall = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  minimumFractionDigits: 2,
  maximumSignificantDigits: 3,
});
const usdCompact = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});
const unitPrice = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6 });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

function isKnown(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** $1,234.56; amounts under a cent keep three significant digits ($0.00417). */
export function formatUsd(valueUsd: number | null | undefined): string {
  if (!isKnown(valueUsd)) return UNKNOWN;
  if (valueUsd !== 0 && Math.abs(valueUsd) < 0.01) return usdSmall.format(valueUsd);
  return usd.format(valueUsd);
}

export function formatUsdCompact(valueUsd: number | null | undefined): string {
  if (!isKnown(valueUsd)) return UNKNOWN;
  return Math.abs(valueUsd) < 1000 ? formatUsd(valueUsd) : usdCompact.format(valueUsd);
}

/** A unit price with enough digits to be checked against a price list ($0.0000166667). */
export function formatUnitPriceUsd(valueUsd: number | null | undefined): string {
  if (!isKnown(valueUsd)) return UNKNOWN;
  // Intl, not toPrecision: toPrecision switches to exponent form below 1e-6 ("$2.00000e-7").
  return `${valueUsd < 0 ? "-" : ""}$${unitPrice.format(Math.abs(valueUsd))}`;
}

export function formatInteger(value: number | null | undefined): string {
  return isKnown(value) ? integer.format(value) : UNKNOWN;
}

export function formatCompact(value: number | null | undefined): string {
  return isKnown(value) ? compact.format(value) : UNKNOWN;
}

/** 0.123 -> "12.3%" */
export function formatPercent(fraction: number | null | undefined): string {
  return isKnown(fraction) ? percent.format(fraction) : UNKNOWN;
}

export function formatDurationMs(valueMs: number | null | undefined): string {
  if (!isKnown(valueMs)) return UNKNOWN;
  if (valueMs < 1000) return `${Math.round(valueMs * 10) / 10} ms`;
  if (valueMs < 60_000) return `${Math.round(valueMs / 100) / 10} s`;
  return `${Math.round(valueMs / 6000) / 10} min`;
}

export function formatMemoryMb(valueMb: number | null | undefined): string {
  if (!isKnown(valueMb)) return UNKNOWN;
  return valueMb >= 1024 && valueMb % 1024 === 0 ? `${valueMb / 1024} GB` : `${integer.format(valueMb)} MB`;
}
