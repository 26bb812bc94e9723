export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The most recent UTC midnight at or before `now`. */
export function toUtcMidnight(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

export function isUtcMidnight(date: Date): boolean {
  return Number.isFinite(date.getTime()) && date.getTime() % DAY_MS === 0;
}

/** The window of `days` whole UTC days ending (exclusive) at `asOf`. */
export type DemoWindow = {
  asOf: Date;
  days: number;
  hourlyDays: number;
  /** Start of day index 0 (inclusive). */
  startMs: number;
};

export function createDemoWindow(asOf: Date, days: number, hourlyDays: number): DemoWindow {
  return { asOf, days, hourlyDays, startMs: asOf.getTime() - days * DAY_MS };
}

/** Start (epoch ms) of day index `day` (0 = oldest). */
export function toDayStartMs(window: DemoWindow, day: number): number {
  return window.startMs + day * DAY_MS;
}

/** Day index of the day that starts `daysAgo` days before the anchor. */
export function toDayIndex(window: DemoWindow, daysAgo: number): number {
  return window.days - daysAgo;
}
