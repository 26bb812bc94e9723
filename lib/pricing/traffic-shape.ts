import type { HourlyShape, TrafficShapePreset } from "./types";
import { PricingInputError } from "./errors";

/**
 * Relative weights per hour of day (UTC 0–23) before normalisation. Kept simple and documented so a
 * user can reason about them:
 * - flat: the same traffic every hour.
 * - business-hours: 09–17 carry weight 10, the shoulders 07–08 and 18–19 weight 4, night weight 1.
 * - spiky: a low baseline (1) with a lunchtime spike at 12 (weight 24) and an evening one at 20 (12).
 * - nightly-batch: 01–03 carry weight 30 each, every other hour 0.5 (≈ 88% of requests at night).
 */
const PRESET_WEIGHTS: Record<TrafficShapePreset, readonly number[]> = {
  flat: Array.from({ length: 24 }, () => 1),
  "business-hours": Array.from({ length: 24 }, (_, hour) =>
    hour >= 9 && hour <= 17 ? 10 : hour === 7 || hour === 8 || hour === 18 || hour === 19 ? 4 : 1,
  ),
  spiky: Array.from({ length: 24 }, (_, hour) => (hour === 12 ? 24 : hour === 20 ? 12 : 1)),
  "nightly-batch": Array.from({ length: 24 }, (_, hour) => (hour >= 1 && hour <= 3 ? 30 : 0.5)),
};

export const TRAFFIC_SHAPE_PRESETS: readonly TrafficShapePreset[] = [
  "flat",
  "business-hours",
  "spiky",
  "nightly-batch",
];

/** Scale 24 non-negative weights so they sum to 1 (share of a day's requests in each hour). */
export function normalizeHourlyShape(shape: HourlyShape, field = "hourlyShape"): HourlyShape {
  if (!Array.isArray(shape) || shape.length !== 24) {
    throw new PricingInputError(
      field,
      `${field} must list 24 hourly weights; got ${Array.isArray(shape) ? shape.length : typeof shape}`,
    );
  }
  let sum = 0;
  for (let hour = 0; hour < 24; hour += 1) {
    const weight = shape[hour];
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new PricingInputError(
        `${field}[${hour}]`,
        `${field}[${hour}] must be a finite number ≥ 0; got ${String(weight)}`,
      );
    }
    sum += weight;
  }
  if (sum <= 0) throw new PricingInputError(field, `${field} must have at least one hour with traffic`);
  return shape.map((weight) => weight / sum);
}

/** The normalised hour-of-day profile (24 shares summing to 1) of a preset. */
export function computeTrafficShape(preset: TrafficShapePreset): HourlyShape {
  const weights = PRESET_WEIGHTS[preset];
  if (!weights) {
    throw new PricingInputError(
      "preset",
      `preset must be one of ${TRAFFIC_SHAPE_PRESETS.join(", ")}; got ${String(preset)}`,
    );
  }
  return normalizeHourlyShape([...weights], "preset");
}
