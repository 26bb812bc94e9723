import { buttonClassName } from "@/components/ui/button";
import {
  toRecommendationsQueryString,
  type RecommendationsSearchParams,
} from "@/lib/schemas/recommendation-list";
import { API_PATHS } from "@/lib/api-paths";

const FORMATS = [
  { format: "csv", label: "CSV" },
  { format: "json", label: "JSON" },
  { format: "md", label: "Markdown" },
] as const;

/** The export URL of a format for the page's filters (sort and page are the page's, not the file's). */
export function toExportHref(state: RecommendationsSearchParams, format: "csv" | "json" | "md"): string {
  const filters = toRecommendationsQueryString(state, {}, { includePaging: false });
  return `${API_PATHS.recommendationsExport}?format=${format}${filters ? `&${filters}` : ""}`;
}

/** Plain download links (no JavaScript needed): every recommendation the filters select. */
export function ExportLinks({ state }: { state: RecommendationsSearchParams }) {
  return (
    <div role="group" aria-label="Export" className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-gray-600 dark:text-gray-400">Export these:</span>
      {FORMATS.map(({ format, label }) => (
        <a
          key={format}
          href={toExportHref(state, format)}
          download
          aria-label={`Export as ${label}`}
          className={buttonClassName("secondary", "sm")}
          data-testid={`export-${format}`}
        >
          {label}
        </a>
      ))}
    </div>
  );
}
