import { describe, expect, it } from "vitest";
import { toRangeWindow } from "./range";
import {
  formatBucketLabel,
  fromBucketKey,
  listBucketKeys,
  toDayKey,
  toHourKey,
  toUtcMonthStart,
} from "./time";

describe("UTC buckets", () => {
  it("keys days and hours in UTC whatever the wall clock", () => {
    const late = new Date("2026-11-23T23:59:59.999Z");
    expect(toDayKey(late)).toBe("2026-11-23");
    expect(toHourKey(late)).toBe("2026-11-23T23");
    expect(toUtcMonthStart(late).toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("round-trips keys and labels them without the locale", () => {
    expect(fromBucketKey("2026-11-23").toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(fromBucketKey("2026-11-23T07").toISOString()).toBe("2026-11-23T07:00:00.000Z");
    expect(formatBucketLabel("2026-11-03")).toBe("Nov 3");
    expect(formatBucketLabel("2026-11-03T07")).toBe("Nov 3 07:00");
  });

  it("lists consecutive days across a month end", () => {
    expect(listBucketKeys(new Date("2026-10-30T12:00:00Z"), 4, "day")).toEqual([
      "2026-10-30",
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
    ]);
  });
});

describe("toRangeWindow", () => {
  const now = new Date("2026-11-23T10:30:00Z");

  it("30d is the 30 whole UTC days ending yesterday", () => {
    const w = toRangeWindow("30d", now);
    expect(w.granularity).toBe("day");
    expect(w.bucketKeys).toHaveLength(30);
    expect(w.bucketKeys[0]).toBe("2026-10-24");
    expect(w.bucketKeys.at(-1)).toBe("2026-11-22");
    expect(w.endExclusive.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("14d is hourly up to the current hour, with a daily window for cost", () => {
    const w = toRangeWindow("14d", now);
    expect(w.granularity).toBe("hour");
    expect(w.bucketKeys).toHaveLength(336);
    expect(w.bucketKeys.at(-1)).toBe("2026-11-23T10");
    expect(w.bucketKeys[0]).toBe("2026-11-09T11");
    expect(w.dayKeys).toHaveLength(14);
    expect(w.dayKeys[0]).toBe("2026-11-09");
    expect(w.dayKeys.at(-1)).toBe("2026-11-22");
  });
});
