import { getDb } from "@/lib/db/client";
import { listAllRecommendations } from "@/lib/db/queries/recommendation-list";
import { AppError } from "@/lib/errors";
import { EXPORT_FORMAT_DETAILS, EXPORT_FORMATS, isExportFormat, toExportFilename } from "@/lib/export";
import { toRecommendationsExportText } from "@/lib/export/recommendations-export";
import { withRoute } from "@/lib/http/with-route";
import { parseRecommendationsSearchParams, toRecommendationFilter } from "@/lib/schemas/recommendation-list";

export const dynamic = "force-dynamic";

/** Query parameters as the page receives them: a repeated one is a list. */
function toSearchParamsRecord(searchParams: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    record[key] = values.length === 1 ? values[0]! : values;
  }
  return record;
}

/**
 * `?format=csv|json|md` plus the filter of the /recommendations URL (kind, account, region,
 * confidence, status, min, q; an invalid filter value falls back to its default, as on the page;
 * sort and page are ignored: an export is every matching item, largest saving first). Answers the
 * file as an attachment; any other format is 422. Formats: docs/recommendations-export.md.
 */
export const GET = withRoute(async (request) => {
  const searchParams = new URL(request.url).searchParams;
  const format = searchParams.get("format");
  if (!isExportFormat(format)) {
    const message = `format must be one of ${EXPORT_FORMATS.join(", ")}`;
    throw new AppError("VALIDATION", message, { fieldErrors: { format: message } });
  }
  const filter = toRecommendationFilter(parseRecommendationsSearchParams(toSearchParamsRecord(searchParams)));
  const { items, totals, computedAt } = await listAllRecommendations(filter, getDb());
  const generatedAt = new Date();
  const body = toRecommendationsExportText(format, items, totals, { filter, generatedAt, computedAt });
  return new Response(body, {
    headers: {
      "Content-Type": EXPORT_FORMAT_DETAILS[format].contentType,
      "Content-Disposition": `attachment; filename="${toExportFilename(format, generatedAt)}"`,
      "Cache-Control": "no-store",
    },
  });
});
