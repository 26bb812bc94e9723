/**
 * One recommendations export as file text, in any of EXPORT_FORMATS: what GET
 * /api/recommendations/export answers and what `npm run -s cli -- recommend --format` prints.
 */
import type { RecommendationItem, RecommendationTotals } from "@/lib/schemas/recommendation-list";
import type { ExportFormat, RecommendationsExportContext } from "./index";
import { toRecommendationsCsv } from "./recommendations-csv";
import { toRecommendationsJson } from "./recommendations-json";
import { toRecommendationsMarkdown } from "./recommendations-markdown";

export function toRecommendationsExportText(
  format: ExportFormat,
  items: readonly RecommendationItem[],
  totals: RecommendationTotals,
  context: RecommendationsExportContext,
): string {
  switch (format) {
    case "csv":
      return toRecommendationsCsv(items);
    case "json":
      return `${JSON.stringify(toRecommendationsJson(items, totals, context), null, 2)}\n`;
    case "md":
      return toRecommendationsMarkdown(items, totals, context);
  }
}
