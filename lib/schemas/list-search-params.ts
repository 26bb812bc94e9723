import { z } from "zod";
import { ARCHITECTURES } from "@/lib/pricing/types";

/**
 * URL filter fields shared by the resource lists (/functions, /services). An invalid value falls
 * back to its default instead of failing the page, so an edited URL still renders.
 */
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const blankToUndefined = (value: unknown) => {
  const v = first(value);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

export function optionalParam<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema.optional()).catch(undefined);
}

/** q, account, region, arch, tag, dir and page: the filters and paging every resource list has. */
export const listSearchParamFields = {
  q: optionalParam(z.string().max(100)),
  account: optionalParam(z.string().regex(/^\d{12}$/)),
  region: optionalParam(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/)),
  arch: optionalParam(z.enum(ARCHITECTURES)),
  tag: optionalParam(
    z
      .string()
      .max(300)
      .regex(/^[^=]+=.*$/),
  ),
  dir: optionalParam(z.enum(["asc", "desc"])),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
};

/** "team=payments" -> { key: "team", value: "payments" }. */
export function parseTagFilter(tag: string | undefined): { key: string; value: string } | undefined {
  if (!tag) return undefined;
  const at = tag.indexOf("=");
  return at > 0 ? { key: tag.slice(0, at).trim(), value: tag.slice(at + 1).trim() } : undefined;
}
