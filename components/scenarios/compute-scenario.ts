import { PricingInputError, computeTrafficShape, computeWhatIf } from "@/lib/pricing";
import type { PriceBook, WhatIfResult } from "@/lib/pricing";
import {
  toWorkload,
  toWorkloadFieldFromPricingField,
  type WorkloadField,
  type WorkloadInput,
} from "@/lib/schemas/workload";

export type ScenarioComputation =
  | { result: WhatIfResult; error: null }
  | { result: null; error: { field: WorkloadField | null; message: string } };

/**
 * Runs the pricing engine on a validated input, in the browser. The engine refuses some inputs
 * (PricingInputError); that becomes a message on the field it names instead of a crash. `book` is
 * the list-price book by default, or an account's book with its rates from the bill.
 */
export function computeScenario(input: WorkloadInput, book?: PriceBook): ScenarioComputation {
  try {
    return { result: computeWhatIf(toWorkload(input, computeTrafficShape(input.shape)), book), error: null };
  } catch (error) {
    if (error instanceof PricingInputError) {
      return {
        result: null,
        error: { field: toWorkloadFieldFromPricingField(error.field), message: error.message },
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { result: null, error: { field: null, message: `The estimate failed: ${message}` } };
  }
}
