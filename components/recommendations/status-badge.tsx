import { cn } from "@/components/ui/cn";
import type { RecommendationStatus } from "@/lib/schemas/recommendation-list";
import { STATUS_LABELS } from "./recommendation-view";

/** A recommendation's review status, on the recommendations page and on resource pages. */
const STATUS_CLASSES: Record<RecommendationStatus, string> = {
  open: "bg-white text-gray-800 ring-gray-300 dark:bg-gray-900 dark:text-gray-200 dark:ring-gray-600",
  accepted: "bg-blue-50 text-blue-800 ring-blue-200 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-900",
  dismissed: "bg-gray-100 text-gray-600 ring-gray-200 dark:bg-gray-800 dark:text-gray-400 dark:ring-gray-700",
  done: "bg-green-50 text-green-800 ring-green-200 dark:bg-green-950 dark:text-green-200 dark:ring-green-900",
};

export function StatusBadge({ status }: { status: RecommendationStatus }) {
  return (
    <span
      className={cn(
        "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        STATUS_CLASSES[status],
      )}
      data-testid="recommendation-status"
    >
      {STATUS_LABELS[status]}
    </span>
  );
}
