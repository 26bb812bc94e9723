import { toSparkline } from "@/lib/charts/sparkline";

const WIDTH = 80;
const HEIGHT = 24;

/** A 30-day trend line rendered on the server as plain SVG (no chart library in list rows). */
export function Sparkline({ values, label }: { values: (number | null)[]; label: string }) {
  const spark = toSparkline(values, { width: WIDTH, height: HEIGHT, padding: 3 });
  if (!spark.path) return <span className="text-xs text-gray-400 italic dark:text-gray-500">unknown</span>;
  return (
    <svg
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      className="block"
    >
      <path
        d={spark.path}
        fill="none"
        stroke="var(--chart-sparkline)"
        strokeWidth={1.5}
        strokeLinejoin="round"
      />
      {spark.lastPoint ? (
        <circle cx={spark.lastPoint.x} cy={spark.lastPoint.y} r={2} fill="var(--chart-sparkline)" />
      ) : null}
    </svg>
  );
}
