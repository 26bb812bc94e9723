import { describe, expect, it } from "vitest";
import { formatLabelNumber, roundUpToWholeMs } from "./units";

describe("units", () => {
  it.each([
    [0, "0"],
    [8, "8"],
    [1.5, "1.5"],
    [999.9999999, "1,000"],
    [1460, "1,460"],
    [1_000_000, "1,000,000"],
    [1_234_567.891, "1,234,570"],
    [1005.5, "1,005.5"],
    [0.016666666666, "0.0166667"],
    [-2500, "-2,500"],
    [1e-7, "1e-7"],
  ])("formatLabelNumber(%d) = %s", (value, expected) => {
    expect(formatLabelNumber(value)).toBe(expected);
  });

  it.each([
    [120, 120],
    [119.2, 120],
    [120.0000000001, 120],
    [0, 0],
  ])("roundUpToWholeMs(%d) = %d", (durationMs, expected) => {
    expect(roundUpToWholeMs(durationMs)).toBe(expected);
  });
});
