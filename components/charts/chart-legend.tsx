import type { SeriesDef } from "@/lib/charts/series";

function Swatch({ series }: { series: SeriesDef }) {
  const shape = series.shape;
  if (shape === "line" || shape === "step") {
    return (
      <span
        aria-hidden
        className="inline-block w-5 border-t-2"
        style={{ borderColor: series.color, borderTopStyle: series.isDashed ? "dashed" : "solid" }}
      />
    );
  }
  return (
    <span
      aria-hidden
      className="inline-block size-2.5 rounded-sm"
      style={{ background: series.color, opacity: series.isDashed ? 0.6 : 1 }}
    />
  );
}

/**
 * The legend in HTML (wraps on phones, readable in both themes, visible to tests and screen readers),
 * optionally with each series' value over the range.
 */
export function ChartLegend({
  series,
  values,
  extra = [],
}: {
  series: SeriesDef[];
  values?: Record<string, string>;
  extra?: { label: string; color: string }[];
}) {
  return (
    <ul
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-600 dark:text-gray-400"
      aria-label="Legend"
    >
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <Swatch series={s} />
          <span>{s.label}</span>
          {values?.[s.key] ? (
            <span className="tabular font-medium text-gray-900 dark:text-gray-100">{values[s.key]}</span>
          ) : null}
        </li>
      ))}
      {extra.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span
            aria-hidden
            className="inline-block w-5 border-t-2 border-dashed"
            style={{ borderColor: item.color }}
          />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
