/**
 * The demo fleet: a seeded, deterministic organisation written into the tables a sync fills.
 * See README.md in this folder for the catalogue of cases.
 */
export type { DemoOptions, DemoBatch } from "./fleet";
export type { DemoProgress, DemoSummary } from "./load";
export {
  DEFAULT_DEMO_OPTIONS,
  DEMO_OPTION_LIMITS,
  DemoOptionError,
  generateDemoFleet,
  listDemoFargateSpecs,
  listDemoLambdaSpecs,
  resolveDemoOptions,
} from "./fleet";
export { loadDemoFleet, removeDemoFleet } from "./load";
export { DEMO_ACCOUNTS, DEMO_REGIONS } from "./specs";
