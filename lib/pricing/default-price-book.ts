import type { PriceBook } from "./price-book";
import { mapPriceBook } from "./price-book";
// The active snapshot. `npm run prices:refresh -- --activate` rewrites this import.
import snapshot from "./data/aws-prices-2026-11-01.json";

/** The checked-in price snapshot every compute… function uses unless given another book. */
export const DEFAULT_PRICE_BOOK: PriceBook = mapPriceBook(snapshot);

/** Regions with at least one rate in the book, sorted. */
export function listPriceRegions(book: PriceBook = DEFAULT_PRICE_BOOK): string[] {
  return Object.keys(book.regions).sort();
}
