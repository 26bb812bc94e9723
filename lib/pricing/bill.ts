import type { Bill, BillLine, BillService, CostComponent } from "./types";
import type { PriceBook, RateKey } from "./price-book";
import { describeRate, getRateUsd } from "./price-book";

/** A bill being assembled: lines plus the rates found missing on the way. */
export type BillDraft = {
  region: string;
  book: PriceBook;
  lines: BillLine[];
  unknownRates: string[];
};

export function createBillDraft(region: string, book: PriceBook): BillDraft {
  return { region, book, lines: [], unknownRates: [] };
}

export function noteUnknownRate(draft: { unknownRates: string[] }, description: string): void {
  if (!draft.unknownRates.includes(description)) draft.unknownRates.push(description);
}

type LineSpec = {
  item: string;
  quantity: number;
  unit: string;
  service: BillService;
  component: CostComponent;
};

/** A line priced at a price-book rate; an unknown rate gives a null price and cost and is noted. */
export function addRatedLine(draft: BillDraft, spec: LineSpec & { rateKey: RateKey }): BillLine {
  const unitPriceUsd = getRateUsd(draft.book, draft.region, spec.rateKey);
  if (unitPriceUsd === null) noteUnknownRate(draft, describeRate(spec.rateKey, draft.region));
  const line: BillLine = {
    item: spec.item,
    quantity: spec.quantity,
    unit: spec.unit,
    unitPriceUsd,
    costUsd: unitPriceUsd === null ? null : spec.quantity * unitPriceUsd,
    service: spec.service,
    component: spec.component,
    rateKey: spec.rateKey,
  };
  draft.lines.push(line);
  return line;
}

/** A free-tier line: known quantity at $0 (shown so the bill explains where usage went). */
export function addFreeLine(draft: BillDraft, spec: LineSpec): BillLine {
  const line: BillLine = {
    item: spec.item,
    quantity: spec.quantity,
    unit: spec.unit,
    unitPriceUsd: 0,
    costUsd: 0,
    service: spec.service,
    component: spec.component,
  };
  draft.lines.push(line);
  return line;
}

/** Sum of line costs; null if any line is unknown. */
export function sumLinesUsd(lines: readonly BillLine[]): number | null {
  let totalUsd = 0;
  for (const line of lines) {
    if (line.costUsd === null) return null;
    totalUsd += line.costUsd;
  }
  return totalUsd;
}

export function finishBill(draft: BillDraft): Bill {
  return {
    lines: draft.lines,
    totalUsd: sumLinesUsd(draft.lines),
    unknownRates: draft.unknownRates,
    region: draft.region,
    priceVersion: draft.book.version,
  };
}

/** Merge bills of the same region and price version (e.g. compute + front door) into one. */
export function mergeBills(first: Bill, ...rest: Bill[]): Bill {
  const lines = [...first.lines];
  const unknownRates = [...first.unknownRates];
  for (const bill of rest) {
    lines.push(...bill.lines);
    for (const description of bill.unknownRates) noteUnknownRate({ unknownRates }, description);
  }
  return {
    lines,
    totalUsd: sumLinesUsd(lines),
    unknownRates,
    region: first.region,
    priceVersion: first.priceVersion,
  };
}
