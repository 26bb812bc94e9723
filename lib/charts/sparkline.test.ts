import { describe, expect, it } from "vitest";
import { toSparkline } from "./sparkline";

describe("toSparkline", () => {
  it("scales values into the box, highest value at the top", () => {
    const s = toSparkline([0, 5, 10], { width: 104, height: 24, padding: 2 });
    expect(s.path).toBe("M2 22L52 12L102 2");
    expect(s.lastPoint).toEqual({ x: 102, y: 2 });
  });

  it("breaks the line at unknown values instead of drawing zeros", () => {
    const s = toSparkline([1, null, 3], { width: 104, height: 24, padding: 2 });
    expect(s.path).toBe("M2 22M102 2");
  });

  it("has no path when nothing is known", () => {
    expect(toSparkline([null, null], { width: 100, height: 20 }).path).toBe("");
  });

  it("compares the last week with the week before", () => {
    const s = toSparkline([...Array(7).fill(1), ...Array(7).fill(2)], { width: 100, height: 20 });
    expect(s.weekOverWeekChange).toBeCloseTo(1, 12);
  });
});
