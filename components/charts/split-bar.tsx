import { formatPercent, formatUsd } from "@/lib/format";
import type { SeriesDef } from "@/lib/charts/series";

/**
 * A single horizontal 100% bar (e.g. Lambda vs Fargate) in HTML with its numbers as a list, so the
 * split is readable without the graphic.
 */
export function SplitBar({
  series,
  valuesUsd,
  label,
}: {
  series: SeriesDef[];
  valuesUsd: Record<string, number>;
  label: string;
}) {
  const total = series.reduce((sum, s) => sum + Math.max(0, valuesUsd[s.key] ?? 0), 0);
  const visible = series.filter((s) => (valuesUsd[s.key] ?? 0) > 0 || s.key !== "other");
  return (
    <div>
      <div
        className="flex h-3 w-full overflow-hidden rounded-full bg-gray-100 dark:bg-gray-800"
        role="img"
        aria-label={label}
      >
        {total > 0
          ? visible.map((s) => (
              <div
                key={s.key}
                style={{
                  width: `${(Math.max(0, valuesUsd[s.key] ?? 0) / total) * 100}%`,
                  background: s.color,
                }}
              />
            ))
          : null}
      </div>
      <dl className="mt-3 grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
        {visible.map((s) => (
          <div key={s.key} className="flex items-center justify-between gap-2 sm:block">
            <dt className="flex items-center gap-1.5 text-gray-600 dark:text-gray-400">
              <span
                aria-hidden
                className="inline-block size-2.5 rounded-sm"
                style={{ background: s.color }}
              />
              {s.label}
            </dt>
            <dd className="tabular font-medium">
              {formatUsd(valuesUsd[s.key] ?? 0)}{" "}
              <span className="text-xs font-normal text-gray-500 dark:text-gray-400">
                {total > 0 ? formatPercent((valuesUsd[s.key] ?? 0) / total) : ""}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
