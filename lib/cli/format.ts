import type { Bill } from "@/lib/pricing";

/** Aligned text tables for the CLI. Money is rounded to cents only here; JSON keeps exact values. */

export const UNKNOWN = "unknown";

export function formatUsdCents(valueUsd: number | null): string {
  if (valueUsd === null) return UNKNOWN;
  const sign = valueUsd < 0 ? "-" : "";
  return `${sign}$${Math.abs(valueUsd).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Full precision for unit prices such as $0.0000166667 (up to 10 significant digits, no float noise). */
export function formatUnitPrice(valueUsd: number | null): string {
  if (valueUsd === null) return UNKNOWN;
  if (valueUsd === 0) return "$0";
  const sign = valueUsd < 0 ? "-" : "";
  const text = Number(Math.abs(valueUsd).toPrecision(10)).toLocaleString("en-US", {
    maximumSignificantDigits: 10,
    maximumFractionDigits: 12,
  });
  return `${sign}$${text}`;
}

export function formatQuantity(value: number): string {
  return Number(value.toPrecision(12)).toLocaleString("en-US", { maximumFractionDigits: 6 });
}

export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: ReadonlySet<number>,
): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        rightAligned.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [format(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(format)].join(
    "\n",
  );
}

/** A bill as an aligned table with its total, plus one line per unknown rate. */
export function formatBill(bill: Bill, title: string): string {
  const rows = bill.lines.map((line) => [
    line.item,
    formatQuantity(line.quantity),
    line.unit,
    formatUnitPrice(line.unitPriceUsd),
    formatUsdCents(line.costUsd),
  ]);
  const table = formatTable(["Item", "Quantity", "Unit", "Unit price", "Cost"], rows, new Set([1, 3, 4]));
  const exact = bill.totalUsd === null ? "" : `  (exact ${Number(bill.totalUsd.toPrecision(12))})`;
  const lines = [
    `${title} — ${bill.region}, prices ${bill.priceVersion}`,
    "",
    table,
    "",
    `Total: ${formatUsdCents(bill.totalUsd)} per month${exact}`,
  ];
  for (const description of bill.unknownRates)
    lines.push(`Unknown rate: ${description} (not in the price book)`);
  return lines.join("\n");
}

/** 12 significant digits: drops binary float noise (0.07786799999999999 → 0.077868), keeps every real digit. */
function trimFloatNoise<T extends number | null>(value: T): T {
  return (value === null ? null : Number(value.toPrecision(12))) as T;
}

/** The JSON shape of a bill, exactly {"totalUsd", "lines":[{"item","quantity","unit","unitPriceUsd","costUsd"}], "region", "priceVersion"}. */
export function toBillJson(bill: Bill): {
  totalUsd: number | null;
  lines: {
    item: string;
    quantity: number;
    unit: string;
    unitPriceUsd: number | null;
    costUsd: number | null;
  }[];
  region: string;
  priceVersion: string;
} {
  return {
    totalUsd: trimFloatNoise(bill.totalUsd),
    lines: bill.lines.map((line) => ({
      item: line.item,
      quantity: trimFloatNoise(line.quantity),
      unit: line.unit,
      unitPriceUsd: trimFloatNoise(line.unitPriceUsd),
      costUsd: trimFloatNoise(line.costUsd),
    })),
    region: bill.region,
    priceVersion: bill.priceVersion,
  };
}
