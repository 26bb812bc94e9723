/**
 * Usage types moved to lib/pricing/usage-types.ts (the Cost Explorer mapper in lib/aws needs them
 * too, and lib/aws must not import lib/db). This path stays for the demo and older imports.
 */
export * from "@/lib/pricing/usage-types";
