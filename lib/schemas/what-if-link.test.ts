import { describe, expect, it } from "vitest";
import { computeTrafficShape } from "@/lib/pricing";
import { computeLambdaAdvice, toLambdaWorkload, DEFAULT_RECOMMEND_SETTINGS } from "@/lib/recommend";
import { createLambdaEvidence, createObservations } from "@/lib/recommend/test-evidence";
import { toNearestTrafficShape, toWhatIfHref } from "./what-if-link";
import { parseWorkloadSearchParams } from "./workload";

describe("Open in what-if", () => {
  it("picks the preset closest to a measured profile, wherever in the day its peak falls", () => {
    expect(toNearestTrafficShape(Array.from({ length: 24 }, () => 5))).toBe("flat");
    expect(toNearestTrafficShape(computeTrafficShape("nightly-batch"))).toBe("nightly-batch");
    const shifted = computeTrafficShape("business-hours");
    expect(toNearestTrafficShape([...shifted.slice(10), ...shifted.slice(0, 10)])).toBe("business-hours");
    expect(toNearestTrafficShape(Array.from({ length: 24 }, () => 0))).toBe("flat");
  });

  it("links to a what-if page that parses back to the function's measured workload", () => {
    const evidence = createLambdaEvidence({
      runtime: "nodejs22.x",
      architecture: "arm64",
      memoryMb: 1536,
      invocations: 9_000_000,
      provisionedConcurrency: [{ qualifier: "live", count: 4, activeHoursPerDay: 12 }],
      observations: createObservations([1536], () => 84.2, { maxMemoryUsedMb: 610, architecture: "arm64" }),
    });
    const workload = toLambdaWorkload(
      evidence,
      computeLambdaAdvice(evidence).curve,
      DEFAULT_RECOMMEND_SETTINGS,
    )!;
    const href = toWhatIfHref(workload)!;
    expect(href).toMatch(/^\/scenarios\?/);
    const parsed = parseWorkloadSearchParams(new URLSearchParams(href.split("?")[1]));
    expect(parsed.isValid).toBe(true);
    expect(parsed.input).toMatchObject({
      region: "us-east-1",
      requestsPerMonth: Math.round((9_000_000 * 730) / 24 / 30),
      memoryMb: 1536,
      architecture: "arm64",
      maxMemoryUsedMb: 610,
      provisionedConcurrency: 4,
      provisionedHoursPerDay: 12,
      minTasks: 2,
      shape: "flat",
    });
    expect(parsed.input.durationMs).toBeCloseTo(84.2, 0);
    expect(parsed.input.pricesAccountId).toBe("");
    // With the prices the recommendations used: the account whose bill rates replace list.
    const withPrices = new URLSearchParams(toWhatIfHref(workload, "123456789012")!.split("?")[1]);
    expect(withPrices.get("prices")).toBe("123456789012");
    expect(parseWorkloadSearchParams(withPrices).input.pricesAccountId).toBe("123456789012");
  });

  it("has no link without a workload", () => {
    expect(toWhatIfHref(null)).toBeNull();
  });
});
