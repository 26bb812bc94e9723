import { describe, expect, it } from "vitest";
import { parseRecommendationsSearchParams } from "@/lib/schemas/recommendation-list";
import { toExportHref } from "./export-links";
import {
  describeRealisedSaving,
  formatUtcMinute,
  hasActiveFilters,
  listReviewActions,
  toSavingTexts,
} from "./recommendation-view";

describe("recommendation view", () => {
  it("offers done only on accepted items and reopen on every decided one", () => {
    expect(listReviewActions("open")).toEqual(["accept", "dismiss"]);
    expect(listReviewActions("accepted")).toEqual(["done", "dismiss", "reopen"]);
    expect(listReviewActions("dismissed")).toEqual(["reopen"]);
    expect(listReviewActions("done")).toEqual(["reopen"]);
  });

  it("shows an unknown saving as unknown, never $0", () => {
    expect(toSavingTexts({ monthlySavingUsd: null, savingPercent: null })).toEqual({
      amount: "unknown",
      percent: "unknown",
      isKnown: false,
    });
    expect(toSavingTexts({ monthlySavingUsd: 403.321, savingPercent: 0.409 })).toEqual({
      amount: "$403.32",
      percent: "40.9%",
      isKnown: true,
    });
  });

  it("describes the realised saving of a done item, unknown without a change or a bill", () => {
    expect(describeRealisedSaving({ appliedAt: null, realisedMonthlySavingUsd: null })).toMatch(
      /^Realised saving: unknown/,
    );
    expect(
      describeRealisedSaving({ appliedAt: "2026-11-02T10:00:00.000Z", realisedMonthlySavingUsd: null }),
    ).toMatch(/^Realised saving since 2026-11-02: unknown/);
    expect(
      describeRealisedSaving({ appliedAt: "2026-11-02T10:00:00.000Z", realisedMonthlySavingUsd: 12.5 }),
    ).toBe("Realised saving since 2026-11-02: $12.50/month on the bill.");
    expect(
      describeRealisedSaving({ appliedAt: "2026-11-02T10:00:00.000Z", realisedMonthlySavingUsd: -3 }),
    ).toBe("Since 2026-11-02 the bill is $3.00/month higher.");
  });

  it("formats times in UTC to the minute", () => {
    expect(formatUtcMinute("2026-11-21T09:02:33.000Z")).toBe("2026-11-21 09:02 UTC");
  });

  it("knows when the URL narrows the list", () => {
    expect(hasActiveFilters(parseRecommendationsSearchParams({ sort: "name", page: "2" }))).toBe(false);
    expect(hasActiveFilters(parseRecommendationsSearchParams({ status: "all" }))).toBe(true);
    expect(hasActiveFilters(parseRecommendationsSearchParams({ min: "5" }))).toBe(true);
  });

  it("exports the page's filters without its sort or page", () => {
    const state = parseRecommendationsSearchParams({
      kind: "lambda-memory",
      q: "a&b",
      sort: "name",
      page: "3",
    });
    expect(toExportHref(state, "csv")).toBe(
      "/api/recommendations/export?format=csv&kind=lambda-memory&q=a%26b",
    );
    expect(toExportHref(parseRecommendationsSearchParams({}), "md")).toBe(
      "/api/recommendations/export?format=md",
    );
  });
});
