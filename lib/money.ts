/**
 * Exact billed money. Cost Explorer returns amounts as decimal strings ("0.0000166667"); we store
 * them as that string plus an integer count of nano-dollars (1e-9 USD), so that sums are exact in
 * SQL (integer SUM) and in code (BigInt). No floating point on the way in or out.
 *
 * Rounding rule: amounts with more than 9 decimals are rounded to the nearest nano-dollar, ties to
 * even (banker's rounding), so that rounding errors do not drift in one direction over many lines.
 *
 * Pure: no imports, safe in the browser.
 */

export const NANO_USD_PER_USD = 1_000_000_000n;
const NANO_DECIMALS = 9;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const PLAIN_DECIMAL = /^(\d+)\.(\d+)$/;

/**
 * "12.345678901" → 12345678901n. Accepts an optional sign, a fraction and an exponent ("1e-7",
 * which Cost Explorer sometimes returns). Throws on anything else (empty, NaN, "1,5").
 */
export function toNanoUsd(amount: string): bigint {
  // Fast path for the common plain form "123.4567" (what Cost Explorer and toUsdDecimalString write).
  const plain = PLAIN_DECIMAL.exec(amount);
  if (plain) {
    const whole = plain[1] ?? "0";
    const fraction = plain[2] ?? "";
    if (fraction.length <= NANO_DECIMALS) return BigInt(whole + fraction.padEnd(NANO_DECIMALS, "0"));
    const kept = BigInt(whole + fraction.slice(0, NANO_DECIMALS));
    return kept + roundHalfEvenIncrement(kept, fraction.slice(NANO_DECIMALS));
  }
  const match = DECIMAL.exec(amount.trim());
  const [, sign = "", whole = "", fractionRaw = "", exponentRaw] = match ?? [];
  if (!match || (whole === "" && fractionRaw === "")) {
    throw new Error(`not a decimal amount: ${JSON.stringify(amount)}`);
  }
  // Scale to 9 decimals: shift the decimal point by 9 + exponent, as digit-string operations.
  const digits = (whole + fractionRaw).replace(/^0+(?=\d)/, "");
  const shift = NANO_DECIMALS + Number(exponentRaw ?? "0") - fractionRaw.length;
  if (!Number.isSafeInteger(shift) || Math.abs(shift) > 400)
    throw new Error(`amount out of range: ${amount}`);
  let nanos: bigint;
  if (shift >= 0) {
    nanos = BigInt(digits + "0".repeat(shift));
  } else {
    const cut = digits.length + shift; // digits left of the nano point
    const kept = cut > 0 ? BigInt(digits.slice(0, cut)) : 0n;
    const rest = cut > 0 ? digits.slice(cut) : "0".repeat(-cut) + digits;
    nanos = kept + roundHalfEvenIncrement(kept, rest);
  }
  return sign === "-" ? -nanos : nanos;
}

/** 1 if the dropped digits `rest` round `kept` up (half-even), else 0. */
function roundHalfEvenIncrement(kept: bigint, rest: string): bigint {
  const first = rest.charCodeAt(0) - 48;
  if (Number.isNaN(first) || first < 5) return 0n;
  if (first > 5) return 1n;
  const isExactlyHalf = /^0*$/.test(rest.slice(1));
  if (!isExactlyHalf) return 1n;
  return kept % 2n === 0n ? 0n : 1n;
}

/**
 * 12345678901n → "12.345678901"; trailing zeros dropped ("1.5", "0", "-0.000000001"). The result
 * parses back to the same nanos with toNanoUsd.
 */
export function fromNanoUsd(nanos: bigint): string {
  const isNegative = nanos < 0n;
  const absolute = isNegative ? -nanos : nanos;
  const whole = absolute / NANO_USD_PER_USD;
  const fraction = (absolute % NANO_USD_PER_USD).toString().padStart(NANO_DECIMALS, "0").replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return isNegative ? `-${text}` : text;
}

/**
 * A USD estimate (a float from lib/pricing) as the decimal string a bill would carry: `decimals`
 * places (Cost Explorer uses up to 10), rounded half-up on the float's exact binary value. This is
 * the one place where a float becomes billed money; everything after it is exact.
 */
export function toUsdDecimalString(usd: number, decimals = 10): string {
  if (!Number.isFinite(usd)) throw new Error(`not a finite amount: ${usd}`);
  if (Math.abs(usd) >= 1e15) throw new Error(`amount too large for a bill line: ${usd}`);
  const text = usd.toFixed(decimals);
  return text.charCodeAt(0) === 45 && /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** Sum of nano amounts (BigInt, exact). */
export function sumNanoUsd(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}
