/**
 * The export formats of the recommendations list (the page's export links, GET
 * /api/recommendations/export and `npm run -s cli -- recommend --format`). Constants only, so a
 * client component may import them: the writers (./recommendations-export.ts) use csv-stringify,
 * which needs Node's Buffer. Formats and columns: docs/recommendations-export.md.
 */
import type { RecommendationFilter } from "@/lib/schemas/recommendation-list";

export const EXPORT_FORMATS = ["csv", "json", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportFormatDetails = {
  /** What the link says. */
  label: string;
  /** The Content-Type header of the file. */
  contentType: string;
  /** The file name extension, without the dot. */
  extension: string;
};

export const EXPORT_FORMAT_DETAILS: Record<ExportFormat, ExportFormatDetails> = {
  csv: { label: "CSV", contentType: "text/csv; charset=utf-8", extension: "csv" },
  json: { label: "JSON", contentType: "application/json", extension: "json" },
  md: { label: "Markdown", contentType: "text/markdown; charset=utf-8", extension: "md" },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** "breakeven-recommendations-2026-11-01.csv": the UTC day the file was generated. */
export function toExportFilename(format: ExportFormat, generatedAt: Date): string {
  return `breakeven-recommendations-${generatedAt.toISOString().slice(0, 10)}.${EXPORT_FORMAT_DETAILS[format].extension}`;
}

/** What every export states besides its rows: the filter that selected them and when. */
export type RecommendationsExportContext = {
  filter: RecommendationFilter;
  generatedAt: Date;
  /** When the stored recommendations were computed (null before the first computation). */
  computedAt?: string | null;
};
