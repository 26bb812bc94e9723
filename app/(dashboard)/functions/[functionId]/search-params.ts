import { z } from "zod";
import { DEFAULT_RANGE, RANGE_KEYS, type RangeKey } from "@/lib/charts/range";

/** URL state of a function page: `range` = 30d (default) | 90d | 14d (hourly). */
export const functionPageSearchParamsSchema = z.object({
  range: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(RANGE_KEYS)).catch(DEFAULT_RANGE),
});

export type FunctionPageSearchParams = z.infer<typeof functionPageSearchParamsSchema>;

export function parseFunctionPageSearchParams(
  raw: Record<string, string | string[] | undefined>,
): FunctionPageSearchParams {
  return functionPageSearchParamsSchema.parse(raw);
}

export function toFunctionHref(functionId: string, range: RangeKey): string {
  const path = `/functions/${encodeURIComponent(functionId)}`;
  return range === DEFAULT_RANGE ? path : `${path}?range=${range}`;
}
