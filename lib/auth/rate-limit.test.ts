import { describe, expect, it } from "vitest";
import { createFailureLimiter } from "./rate-limit";

describe("createFailureLimiter", () => {
  it("locks a key after the set failures, for the rest of the window only", () => {
    let nowMs = 0;
    const limiter = createFailureLimiter({ maxFailures: 3, windowMs: 1000, now: () => nowMs });
    for (let i = 0; i < 3; i += 1) limiter.recordFailure("a");
    expect(limiter.isLocked("a")).toBe(true);
    expect(limiter.isLocked("b")).toBe(false);
    nowMs = 1001;
    expect(limiter.isLocked("a")).toBe(false);
    limiter.recordFailure("a");
    limiter.clear("a");
    expect(limiter.isLocked("a")).toBe(false);
  });
});
