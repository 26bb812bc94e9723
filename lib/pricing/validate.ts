import { PricingInputError } from "./errors";

function describe(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
    return String(value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** A finite number in [min, max]; otherwise PricingInputError naming the field, range and unit. */
export function assertNumberInRange(
  field: string,
  value: unknown,
  min: number,
  max: number,
  unit = "",
): number {
  const suffix = unit ? ` ${unit}` : "";
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new PricingInputError(
      field,
      `${field} must be a number from ${min} to ${max}${suffix}; got ${describe(value)}`,
    );
  }
  return value;
}

export function assertOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new PricingInputError(
      field,
      `${field} must be one of ${allowed.join(", ")}; got ${describe(value)}`,
    );
  }
  return value as T;
}

/** Region codes such as us-east-1, eu-central-2, us-gov-west-1, ap-southeast-7. */
const REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/;

export function assertRegion(field: string, value: unknown): string {
  if (typeof value !== "string" || !REGION_PATTERN.test(value)) {
    throw new PricingInputError(
      field,
      `${field} must be an AWS region code like us-east-1; got ${describe(value)}`,
    );
  }
  return value;
}
