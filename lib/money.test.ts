import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fromNanoUsd, sumNanoUsd, toNanoUsd, toUsdDecimalString } from "./money";

describe("toNanoUsd", () => {
  it.each([
    ["0", 0n],
    ["1", 1_000_000_000n],
    ["12.5", 12_500_000_000n],
    [".5", 500_000_000n],
    ["5.", 5_000_000_000n],
    ["0.000000001", 1n],
    ["-3.25", -3_250_000_000n],
    ["+3.25", 3_250_000_000n],
    // Cost Explorer's 10-decimal amounts: $0.0000166667 per GB-s is 16,666.7 nano → 16,667.
    ["0.0000166667", 16_667n],
    // Exponents appear in some API responses.
    ["1e-7", 100n],
    ["1.5E3", 1_500_000_000_000n],
    ["  7.25  ", 7_250_000_000n],
  ])("%s → %s", (amount, nanos) => {
    expect(toNanoUsd(amount)).toBe(nanos);
  });

  it.each([
    // Half-even at 1e-9: ties go to the even nano, everything else to the nearest.
    ["0.0000000305", 30n], // 30.5 → 30 (even)
    ["0.0000000315", 32n], // 31.5 → 32 (even)
    ["0.00000003050001", 31n], // just above the tie
    ["0.00000003049999", 30n],
    ["0.0000000005", 0n], // 0.5 → 0
    ["0.0000000015", 2n], // 1.5 → 2
    ["-0.0000000315", -32n], // symmetric for credits
    ["0.000000000999", 1n],
    ["0.00000000001", 0n],
  ])("rounds %s half-even to %s", (amount, nanos) => {
    expect(toNanoUsd(amount)).toBe(nanos);
  });

  it.each(["", ".", "abc", "1,5", "NaN", "1.2.3", "--1", "0x10"])("rejects %j", (amount) => {
    expect(() => toNanoUsd(amount)).toThrow(/not a decimal amount/);
  });

  it("keeps amounts beyond Number's safe integer range exact", () => {
    // $9,007,199.254740993 is 2^53 + 1 nano: a float would lose the last nano.
    expect(toNanoUsd("9007199.254740993")).toBe(9_007_199_254_740_993n);
  });
});

describe("fromNanoUsd", () => {
  it.each([
    [0n, "0"],
    [1n, "0.000000001"],
    [1_500_000_000n, "1.5"],
    [-1n, "-0.000000001"],
    [123_456_789_012n, "123.456789012"],
  ])("%s → %s", (nanos, text) => {
    expect(fromNanoUsd(nanos)).toBe(text);
  });

  it("round-trips every nano amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (nanos) => {
        expect(toNanoUsd(fromNanoUsd(nanos))).toBe(nanos);
      }),
    );
  });
});

describe("toUsdDecimalString", () => {
  it("formats a pricing float with 10 decimals, the way Cost Explorer prints amounts", () => {
    // 605 GB-s × $0.0000166667 = $0.0100833535 (float 0.010083353500000001)
    expect(toUsdDecimalString(605 * 0.0000166667)).toBe("0.0100833535");
    expect(toUsdDecimalString(0)).toBe("0.0000000000");
    expect(toUsdDecimalString(-0)).toBe("0.0000000000");
    expect(toUsdDecimalString(-1e-12)).toBe("0.0000000000");
  });

  it("rejects non-finite amounts instead of writing them as money", () => {
    expect(() => toUsdDecimalString(Number.NaN)).toThrow();
    expect(() => toUsdDecimalString(Number.POSITIVE_INFINITY)).toThrow();
  });

  it("stays within 0.55 nano of the float it came from (1e-10 rounding, then half-even to 1e-9)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (usd) => {
        const nanos = toNanoUsd(toUsdDecimalString(usd));
        expect(Math.abs(Number(nanos) - usd * 1e9)).toBeLessThanOrEqual(0.55 + usd * 1e9 * 1e-15);
      }),
    );
  });
});

describe("sumNanoUsd", () => {
  it("adds exactly where floats drift", () => {
    // 0.1 + 0.2 !== 0.3 in floats; in nanos it is exact.
    expect(sumNanoUsd([toNanoUsd("0.1"), toNanoUsd("0.2")])).toBe(toNanoUsd("0.3"));
  });
});
