/**
 * The fleet DAL helpers, re-exported from the modules of their concern for older imports; new code
 * imports the module itself:
 * - fleet-status.ts: what the fleet holds, cost coverage, the overview's spend windows;
 * - resource-reads.ts: one resource's cost lines and metric points over a range;
 * - data-version.ts: the read cache keyed by the data version;
 * - resource-list.ts: the list query shell of the resource kinds;
 * - sql-values.ts: pure SQL value helpers.
 */

export * from "./data-version";
export * from "./fleet-status";
export * from "./resource-reads";
export * from "./sql-values";
