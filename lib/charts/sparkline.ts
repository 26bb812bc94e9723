/**
 * A sparkline as an SVG path, computed on the server so a 50-row table ships no chart library.
 * Unknown values (null) break the line instead of dropping it to zero.
 */
export type Sparkline = {
  path: string;
  /** Coordinates of the last known point, for a dot. */
  lastPoint: { x: number; y: number } | null;
  minValue: number | null;
  maxValue: number | null;
  /** Sum of the last 7 known values vs the 7 before them; null when there are not 14 known values. */
  weekOverWeekChange: number | null;
};

export function toSparkline(
  values: (number | null)[],
  size: { width: number; height: number; padding?: number },
): Sparkline {
  const padding = size.padding ?? 2;
  const known = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (known.length === 0) {
    return { path: "", lastPoint: null, minValue: null, maxValue: null, weekOverWeekChange: null };
  }
  const min = Math.min(...known);
  const max = Math.max(...known);
  const span = max - min;
  const stepX = values.length > 1 ? (size.width - padding * 2) / (values.length - 1) : 0;
  const innerHeight = size.height - padding * 2;
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = "";
  let isPenDown = false;
  let lastPoint: Sparkline["lastPoint"] = null;
  values.forEach((value, i) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      isPenDown = false;
      return;
    }
    const x = round(padding + i * stepX);
    // A flat series sits in the middle rather than on the floor.
    const y = round(
      span === 0 ? padding + innerHeight / 2 : padding + innerHeight * (1 - (value - min) / span),
    );
    path += `${isPenDown ? "L" : "M"}${x} ${y}`;
    isPenDown = true;
    lastPoint = { x, y };
  });
  let weekOverWeekChange: number | null = null;
  if (known.length >= 14) {
    const last = known.slice(-7).reduce((a, b) => a + b, 0);
    const previous = known.slice(-14, -7).reduce((a, b) => a + b, 0);
    weekOverWeekChange = previous > 0 ? last / previous - 1 : null;
  }
  return { path, lastPoint, minValue: min, maxValue: max, weekOverWeekChange };
}
