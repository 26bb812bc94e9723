import { z } from "zod";
import { DEFAULT_RANGE, RANGE_KEYS, type RangeKey } from "@/lib/range";

/** URL state of a service page: `range` = 30d (default) | 90d | 14d (hourly where collected). */
export const servicePageSearchParamsSchema = z.object({
  range: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(RANGE_KEYS)).catch(DEFAULT_RANGE),
});

export type ServicePageSearchParams = z.infer<typeof servicePageSearchParamsSchema>;

export function parseServicePageSearchParams(
  raw: Record<string, string | string[] | undefined>,
): ServicePageSearchParams {
  return servicePageSearchParamsSchema.parse(raw);
}

export function toServiceHref(serviceId: string, range: RangeKey): string {
  const path = `/services/${encodeURIComponent(serviceId)}`;
  return range === DEFAULT_RANGE ? path : `${path}?range=${range}`;
}
