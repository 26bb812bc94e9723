import { z } from "zod";
import { scenarioIdSchema } from "@/lib/schemas/scenario";

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
