import { Card, CardContent, CardHeader } from "@/components/ui/card";
import type { ConfigChange } from "@/lib/charts/config-history";
import { formatUtcDateTime } from "@/lib/time";

/** Configuration history, newest first; the same changes are marked on the charts. */
export function ConfigHistoryList({
  changes,
  title = "Configuration history",
}: {
  changes: ConfigChange[];
  title?: string;
}) {
  const newestFirst = [...changes].reverse();
  return (
    <Card>
      <CardHeader
        title={title}
        description="Changes are marked on the charts with a dashed vertical line."
        headingLevel={2}
      />
      <CardContent>
        {newestFirst.length === 0 ? (
          <p className="text-sm text-gray-500 dark:text-gray-400">No configuration recorded: unknown.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {newestFirst.map((change) => (
              <li
                key={change.effectiveAt.toISOString()}
                className="flex flex-col gap-0.5 sm:flex-row sm:gap-4"
              >
                <time
                  dateTime={change.effectiveAt.toISOString()}
                  className="tabular shrink-0 text-gray-500 sm:w-48 dark:text-gray-400"
                >
                  {formatUtcDateTime(change.effectiveAt)}
                </time>
                <span className={change.isInitial ? "text-gray-600 dark:text-gray-400" : "font-medium"}>
                  {change.summary}
                </span>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
