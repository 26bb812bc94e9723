/**
 * UTC calendar helpers shared by the DAL and the chart shapers. Every day in Breakeven is a UTC
 * day; buckets are identified by string keys ("2026-11-23" for a day, "2026-11-23T14" for an hour)
 * so that series from different tables line up without Date equality pitfalls.
 */
export type Granularity = "day" | "hour";

const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export function toUtcDayStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function toUtcHourStart(date: Date): Date {
  return new Date(Math.floor(date.getTime() / MS_PER_HOUR) * MS_PER_HOUR);
}

export function toUtcMonthStart(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
}

export function addUtcDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * MS_PER_DAY);
}

export function addUtcHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * MS_PER_HOUR);
}

/** "2026-11-23" */
export function toDayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "2026-11-23T14" */
export function toHourKey(date: Date): string {
  return date.toISOString().slice(0, 13);
}

export function toBucketKey(date: Date, granularity: Granularity): string {
  return granularity === "day" ? toDayKey(date) : toHourKey(date);
}

/** Inverse of toDayKey / toHourKey. */
export function fromBucketKey(key: string): Date {
  return new Date(key.length === 10 ? `${key}T00:00:00.000Z` : `${key}:00:00.000Z`);
}

/** `count` consecutive bucket keys starting at `start` (which is truncated to its bucket). */
export function listBucketKeys(start: Date, count: number, granularity: Granularity): string[] {
  const first = granularity === "day" ? toUtcDayStart(start) : toUtcHourStart(start);
  const stepMs = granularity === "day" ? MS_PER_DAY : MS_PER_HOUR;
  return Array.from({ length: count }, (_, i) =>
    toBucketKey(new Date(first.getTime() + i * stepMs), granularity),
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Nov 23" for a day key, "Nov 23 14:00" for an hour key (UTC, locale-independent for SSR). */
export function formatBucketLabel(key: string): string {
  const date = fromBucketKey(key);
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  return key.length === 10 ? day : `${day} ${String(date.getUTCHours()).padStart(2, "0")}:00`;
}

/** "Nov 23, 2026" */
export function formatUtcDate(date: Date): string {
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/** "Nov 23, 2026 14:05 UTC" */
export function formatUtcDateTime(date: Date): string {
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${formatUtcDate(date)} ${hh}:${mm} UTC`;
}
