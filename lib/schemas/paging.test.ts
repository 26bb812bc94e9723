import { describe, expect, it } from "vitest";
import { isPastEnd, toClampedPage, toPageCount } from "./paging";

describe("paging", () => {
  it("counts at least one page, so an empty list is page 1 of 1", () => {
    expect(toPageCount(0, 20)).toBe(1);
    expect(toPageCount(520, 20)).toBe(26);
    expect(toPageCount(521, 20)).toBe(27);
  });

  it("clamps a page past the end to the last page and leaves others alone", () => {
    expect(toClampedPage(999_999, 520, 20)).toBe(26);
    expect(toClampedPage(27, 520, 20)).toBe(26);
    expect(toClampedPage(26, 520, 20)).toBe(26);
    expect(toClampedPage(3, 0, 20)).toBe(1);
    expect(isPastEnd({ page: 26, requestedPage: 999_999 })).toBe(true);
    expect(isPastEnd({ page: 26, requestedPage: 26 })).toBe(false);
  });
});
