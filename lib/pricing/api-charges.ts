/**
 * What Breakeven's own AWS calls cost, where more than one layer needs the figure (the sync prices
 * its runs in lib/sync; the Accounts page sums a month of them in lib/db).
 */

/** Cost Explorer API: $0.01 per request; each page of an answer is a request (docs/aws-facts.md §7.4). */
export const COST_EXPLORER_USD_PER_REQUEST = 0.01;
