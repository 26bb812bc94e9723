/**
 * Units and calendar constants shared by every cost model. AWS's own examples divide MB by 1024
 * (Lambda, Fargate: "GB" = 1024³ bytes); the ELB pricing example uses decimal GB (1 GB = 10⁹ bytes).
 */

/** AWS's billing month for monthly estimates (8,760 h / 12). */
export const HOURS_PER_MONTH = 730;
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
export const SECONDS_PER_HOUR = 3600;
export const MS_PER_SECOND = 1000;
/** Longest calendar month: the upper bound for "hours per month" inputs. */
export const MAX_HOURS_PER_MONTH = 744;

export const MB_PER_GB = 1024;
/** ALB "GB processed" is decimal: the ELB example turns 300 KB/s into 1.08 GB/h. */
export const BYTES_PER_DECIMAL_GB = 1e9;
export const BYTES_PER_MB = 1024 * 1024;

export function toGbFromMb(memoryMb: number): number {
  return memoryMb / MB_PER_GB;
}

/**
 * Round a duration up to the next whole millisecond (Lambda bills in 1 ms steps). A tolerance of
 * 1e-9 ms keeps float noise (120.00000000001) from adding a whole millisecond.
 */
export function roundUpToWholeMs(durationMs: number): number {
  const billedMs = Math.ceil(durationMs - 1e-9);
  return billedMs > 0 ? billedMs : 0; // never -0
}

/**
 * A number for a human label: at most 6 significant digits, thousands separators ("1,460",
 * "0.0166667"). Hand-rolled because Intl formatting costs microseconds and labels are built on the
 * what-if's hot path.
 */
export function formatLabelNumber(value: number): string {
  const rounded = Number.isInteger(value) ? value : Number(value.toPrecision(6));
  const magnitude = rounded < 0 ? -rounded : rounded;
  if (magnitude < 1000) return String(rounded);
  if (magnitude >= 1e21) return String(rounded);
  const integerPart = Math.floor(magnitude);
  const text = String(magnitude);
  const dot = text.indexOf(".");
  let grouped = "";
  let rest = integerPart;
  while (rest >= 1000) {
    const group = rest % 1000;
    grouped = `,${group < 10 ? "00" : group < 100 ? "0" : ""}${group}${grouped}`;
    rest = Math.floor(rest / 1000);
  }
  return `${rounded < 0 ? "-" : ""}${rest}${grouped}${dot === -1 ? "" : text.slice(dot)}`;
}
