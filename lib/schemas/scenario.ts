import { z } from "zod";
import { MAX_PAGE, pageInfoSchema, type PageInfo } from "./paging";
import {
  toWorkloadSearchParams,
  workloadInputSchema,
  type WorkloadField,
  type WorkloadInput,
} from "./workload";

/** A saved what-if: a name and the workload inputs that reproduce it. */

export const SCENARIO_NAME_MAX_LENGTH = 100;

export const scenarioNameSchema = z
  .string({ error: "Name must be text" })
  .trim()
  .min(1, { error: "Give the scenario a name" })
  .max(SCENARIO_NAME_MAX_LENGTH, { error: `Name must be at most ${SCENARIO_NAME_MAX_LENGTH} characters` });

export const scenarioIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_-]+$/i, { error: "Not a scenario id" });

export const createScenarioBodySchema = z.object({
  name: scenarioNameSchema,
  input: workloadInputSchema,
});
export type CreateScenarioBody = z.infer<typeof createScenarioBodySchema>;

export const updateScenarioBodySchema = z
  .object({ name: scenarioNameSchema.optional(), input: workloadInputSchema.optional() })
  .refine((body) => body.name !== undefined || body.input !== undefined, {
    error: "Send a name, an input or both",
  });
export type UpdateScenarioBody = z.infer<typeof updateScenarioBodySchema>;

export const duplicateScenarioBodySchema = z.object({ name: scenarioNameSchema.optional() }).default({});

/** What the API returns; dates as ISO strings so the DTO survives JSON and RSC hydration unchanged. */
export const scenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  input: workloadInputSchema,
  /** Stored fields that no longer validate and were replaced by defaults (schema changes). */
  inputWarnings: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

/** The saved list's page in the /scenarios URL (the same name as on /functions and /services). */
export const SCENARIO_LIST_PAGE_PARAM = "page";
/** Saved scenarios per page of the list (/scenarios and GET /api/scenarios without pageSize). */
export const SCENARIO_LIST_PAGE_SIZE = 20;
/** The most GET /api/scenarios returns at once (the compare page's picker asks for this many). */
export const SCENARIO_LIST_MAX_PAGE_SIZE = 100;

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** GET /api/scenarios?page=&pageSize=: strict (422 on a bad value), unlike a page's lenient URL. */
export const scenarioListQuerySchema = z.object({
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(MAX_PAGE).default(1)),
  pageSize: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(1).max(SCENARIO_LIST_MAX_PAGE_SIZE).default(SCENARIO_LIST_PAGE_SIZE),
  ),
});
export type ScenarioListQuery = z.infer<typeof scenarioListQuerySchema>;

/** One page of saved scenarios, newest first, and where it sits in the whole list. */
export const scenarioListSchema = pageInfoSchema.extend({ scenarios: z.array(scenarioSchema) });
export type ScenarioList = z.infer<typeof scenarioListSchema>;

/** The inputs the list's one-line summary names (describeWorkload in components/scenarios). */
export const SCENARIO_SUMMARY_FIELDS = [
  "requestsPerMonth",
  "durationMs",
  "memoryMb",
  "architecture",
  "region",
  "durationFactor",
  "memoryFactor",
] as const satisfies readonly WorkloadField[];
export type ScenarioSummaryInput = Pick<WorkloadInput, (typeof SCENARIO_SUMMARY_FIELDS)[number]>;

/**
 * What the saved list shows of a scenario. The full inputs stay on the server (and in the API):
 * a page of these is what /scenarios serializes into the browser, so it stays small.
 */
export type ScenarioListItem = {
  id: string;
  name: string;
  summaryInput: ScenarioSummaryInput;
  /** The /scenarios query string that reopens it (toScenarioSearchParams: id plus non-default inputs). */
  openSearchParams: string;
  inputWarnings: string[];
  updatedAt: string;
};
export type ScenarioListView = PageInfo & { items: ScenarioListItem[] };

export function toScenarioListItem(scenario: Scenario): ScenarioListItem {
  const summaryInput = Object.fromEntries(
    SCENARIO_SUMMARY_FIELDS.map((field) => [field, scenario.input[field]]),
  ) as ScenarioSummaryInput;
  return {
    id: scenario.id,
    name: scenario.name,
    summaryInput,
    openSearchParams: toScenarioSearchParams(scenario.input, scenario.id).toString(),
    inputWarnings: scenario.inputWarnings,
    updatedAt: scenario.updatedAt,
  };
}

export function toScenarioListView({ scenarios, ...pageInfo }: ScenarioList): ScenarioListView {
  return { ...pageInfo, items: scenarios.map(toScenarioListItem) };
}

/** "Copy of X", cut to fit the name limit. */
export function toDuplicateName(name: string): string {
  return `Copy of ${name}`.slice(0, SCENARIO_NAME_MAX_LENGTH).trim();
}

/** The /scenarios query string that opens a saved scenario: its id plus every input, so the link works alone. */
export function toScenarioSearchParams(input: WorkloadInput, scenarioId?: string | null): URLSearchParams {
  const params = new URLSearchParams(scenarioId ? { id: scenarioId } : {});
  for (const [key, value] of toWorkloadSearchParams(input)) params.set(key, value);
  return params;
}
