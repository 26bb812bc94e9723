import { describe, expect, it } from "vitest";
import {
  FARGATE_SERVICE_ADVICE,
  INSUFFICIENT_DATA_ADVICE,
  LAMBDA_CPU_BOUND_ADVICE,
  NOT_APPLICABLE_ADVICE,
  RIGHT_SIZED_LAMBDA_ADVICE,
} from "@/lib/recommend/fixtures";
import type { Recommendation } from "@/lib/recommend/types";
import {
  describeAdvice,
  sortRecommendations,
  toEvidenceHref,
  toNoAdviceView,
  toSavingView,
} from "./recommendation-view";

const [base] = LAMBDA_CPU_BOUND_ADVICE.recommendations as [Recommendation];

function rec(overrides: Partial<Recommendation>): Recommendation {
  return { ...base, ...overrides };
}

describe("sortRecommendations", () => {
  it("puts the largest saving first", () => {
    expect(sortRecommendations(LAMBDA_CPU_BOUND_ADVICE.recommendations).map((r) => r.kind)).toEqual([
      "lambda-arm64",
      "lambda-memory",
      "provisioned-concurrency",
    ]);
  });

  it("puts unknown savings last, then breaks ties by confidence", () => {
    expect(sortRecommendations(FARGATE_SERVICE_ADVICE.recommendations).map((r) => r.kind)).toEqual([
      "fargate-right-size",
      "fargate-spot",
    ]);
    const sorted = sortRecommendations([
      rec({ id: "a", monthlySavingUsd: null, confidence: "low", summary: "a" }),
      rec({ id: "b", monthlySavingUsd: 10, confidence: "low", summary: "b" }),
      rec({ id: "c", monthlySavingUsd: 10, confidence: "high", summary: "c" }),
      rec({ id: "d", monthlySavingUsd: -5, confidence: "high", summary: "d" }),
      rec({ id: "e", monthlySavingUsd: null, confidence: "high", summary: "e" }),
    ]);
    expect(sorted.map((r) => r.id)).toEqual(["c", "b", "d", "e", "a"]);
  });

  it("does not reorder its input", () => {
    const input = [...LAMBDA_CPU_BOUND_ADVICE.recommendations];
    sortRecommendations(input);
    expect(input.map((r) => r.kind)).toEqual(LAMBDA_CPU_BOUND_ADVICE.recommendations.map((r) => r.kind));
  });
});

describe("toSavingView", () => {
  it("labels a saving in dollars a month and percent", () => {
    expect(toSavingView({ monthlySavingUsd: 403.32, savingPercent: 0.40856 })).toEqual({
      label: "Saves $403.32/month (40.9%)",
      tone: "saving",
    });
    expect(toSavingView({ monthlySavingUsd: 12.5, savingPercent: null }).label).toBe("Saves $12.50/month");
  });

  it("says unknown, never $0, when the saving cannot be priced", () => {
    expect(toSavingView({ monthlySavingUsd: null, savingPercent: null })).toEqual({
      label: "saving unknown",
      tone: "unknown",
    });
    expect(toSavingView({ monthlySavingUsd: Number.NaN, savingPercent: 0.1 }).tone).toBe("unknown");
  });

  it("says when a change costs more or the same", () => {
    expect(toSavingView({ monthlySavingUsd: -12, savingPercent: -0.05 })).toEqual({
      label: "Costs $12.00/month more (+5%)",
      tone: "cost",
    });
    expect(toSavingView({ monthlySavingUsd: 0, savingPercent: 0 }).label).toBe("No change in cost");
  });
});

describe("toNoAdviceView", () => {
  it("follows Compute Optimizer's states", () => {
    expect(toNoAdviceView(RIGHT_SIZED_LAMBDA_ADVICE.noAdvice)).toMatchObject({
      title: "No change recommended",
      tone: "good",
    });
    expect(toNoAdviceView(INSUFFICIENT_DATA_ADVICE.noAdvice)).toEqual({
      title: "Insufficient data",
      reason: "12 invocations in 30 days; at least 50 are needed for a recommendation.",
      tone: "muted",
    });
    expect(toNoAdviceView(NOT_APPLICABLE_ADVICE.noAdvice)).toMatchObject({
      title: "Not applicable",
      reason: "The function was deleted on Nov 2, 2026.",
    });
    expect(toNoAdviceView(null).title).toBe("No recommendation");
  });
});

describe("toEvidenceHref", () => {
  it("links evidence to its chart on the page", () => {
    expect(toEvidenceHref({ label: "CPU-bound share", value: "85 %", chart: "memory-curve" })).toBe(
      "#memory-curve",
    );
    expect(toEvidenceHref({ label: "Runtime", value: "python3.12" })).toBeNull();
    expect(toEvidenceHref({ label: "x", value: "y", chart: " " })).toBeNull();
  });
});

describe("describeAdvice", () => {
  it("counts the recommendations and quotes the largest saving", () => {
    expect(describeAdvice(LAMBDA_CPU_BOUND_ADVICE)).toBe(
      "3 recommendations, largest saving first: up to $518.49 a month. Each saving is against today's configuration: they are alternatives and do not add up.",
    );
    expect(
      describeAdvice({
        ...FARGATE_SERVICE_ADVICE,
        recommendations: FARGATE_SERVICE_ADVICE.recommendations.slice(0, 1),
      }),
    ).toBe("1 recommendation.");
    expect(describeAdvice(RIGHT_SIZED_LAMBDA_ADVICE)).toBeNull();
  });
});
