import { z } from "zod";
import { LAMBDA_MAX_DURATION_MS } from "@/lib/pricing";
import { rangeSearchParam } from "@/lib/schemas/resource-kinds";

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => {
    const text = first(v);
    return typeof text === "string" && text.trim() !== "" ? Number(text) : undefined;
  }, z.number().finite().min(min).max(max).optional());

/**
 * URL state of a function page: `range` = 30d (default) | 90d | 14d (hourly); the recommendation's
 * settings `latency` (p95 limit, ms) and `armf` (arm64 duration ÷ x86_64 duration). A value out of
 * range is ignored (the default applies), never an error page.
 */
export const functionPageSearchParamsSchema = z.object({
  range: rangeSearchParam,
  latencyLimitMs: optionalNumber(1, LAMBDA_MAX_DURATION_MS).catch(undefined),
  armSpeedFactor: optionalNumber(0.25, 4).catch(undefined),
});

export type FunctionPageSearchParams = z.infer<typeof functionPageSearchParamsSchema>;

export function parseFunctionPageSearchParams(
  raw: Record<string, string | string[] | undefined>,
): FunctionPageSearchParams {
  return functionPageSearchParamsSchema.parse({
    range: raw.range,
    latencyLimitMs: raw.latency,
    armSpeedFactor: raw.armf,
  });
}
