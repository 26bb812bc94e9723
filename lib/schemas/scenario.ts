import { z } from "zod";
import { toWorkloadSearchParams, workloadInputSchema, type WorkloadInput } from "./workload";

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

export const scenarioListSchema = z.object({ scenarios: z.array(scenarioSchema) });
export type ScenarioList = z.infer<typeof scenarioListSchema>;

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
