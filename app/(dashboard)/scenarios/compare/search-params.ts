import { z } from "zod";
import {
  SCENARIO_LIST_MAX_PAGE_SIZE,
  scenarioIdSchema,
  type ScenarioListQuery,
} from "@/lib/schemas/scenario";

/**
 * The picker's choices: the most recently updated scenarios, as many as one API page holds. Older
 * ones are compared from the what-if page's list (tick two), and a and b are always offered.
 */
export const COMPARE_PICKER_QUERY: ScenarioListQuery = { page: 1, pageSize: SCENARIO_LIST_MAX_PAGE_SIZE };

/** URL state of /scenarios/compare: the two saved scenarios, `a` and `b`. A malformed id counts as absent. */
export const compareSearchParamsSchema = z.object({
  a: scenarioIdSchema.optional().catch(undefined),
  b: scenarioIdSchema.optional().catch(undefined),
});
export type CompareSearchParams = z.infer<typeof compareSearchParamsSchema>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parseCompareSearchParams(
  searchParams: Record<string, string | string[] | undefined>,
): CompareSearchParams {
  return compareSearchParamsSchema.parse({ a: first(searchParams.a), b: first(searchParams.b) });
}
