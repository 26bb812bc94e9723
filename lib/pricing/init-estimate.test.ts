import { describe, expect, it } from "vitest";
import { estimateInitGbSeconds, estimateInitShare } from "./init-estimate";

describe("INIT estimate", () => {
  it("compares INIT GB-s with invoke GB-s at the observed memory", () => {
    // 1 GB: 1,000 invocations × 100 ms = 100 GB-s; 10 cold starts × 500 ms INIT = 5 GB-s.
    // Share of billed duration = 5 / 105 = 4.76%.
    const gbs = estimateInitGbSeconds([
      { memoryMb: 1024, invocations: 1000, durationAvgMs: 100, initDurationAvgMs: 500, coldStarts: 10 },
    ]);
    expect(gbs).toEqual({ initGbSeconds: 5, invokeGbSeconds: 100 });
    expect(estimateInitShare(gbs)).toBeCloseTo(5 / 105, 12);
  });

  it("is unknown, not zero, without cold-start data", () => {
    const gbs = estimateInitGbSeconds([
      { memoryMb: 512, invocations: 10, durationAvgMs: 20, initDurationAvgMs: null, coldStarts: null },
    ]);
    expect(gbs).toBeNull();
    expect(estimateInitShare(gbs)).toBeNull();
  });

  it("is zero when cold starts were observed and there were none", () => {
    const gbs = estimateInitGbSeconds([
      { memoryMb: 512, invocations: 10, durationAvgMs: 20, initDurationAvgMs: 300, coldStarts: 0 },
    ]);
    expect(estimateInitShare(gbs)).toBe(0);
  });

  it("counts a day without cold starts (no INIT duration reported) as invoke GB-s with no INIT", () => {
    const gbs = estimateInitGbSeconds([
      { memoryMb: 1024, invocations: 1000, durationAvgMs: 100, initDurationAvgMs: 500, coldStarts: 10 },
      { memoryMb: 1024, invocations: 1000, durationAvgMs: 100, initDurationAvgMs: null, coldStarts: 0 },
      // CloudWatch metrics see no cold starts: unknown, so left out rather than counted as no INIT.
      { memoryMb: 1024, invocations: 5000, durationAvgMs: 100, initDurationAvgMs: null, coldStarts: null },
    ]);
    expect(gbs).toEqual({ initGbSeconds: 5, invokeGbSeconds: 200 });
    expect(estimateInitShare(gbs)).toBeCloseTo(5 / 205, 12);
  });
});
