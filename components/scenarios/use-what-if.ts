"use client";

import { useDeferredValue, useMemo, useState } from "react";
import type { PriceBook, WhatIfResult } from "@/lib/pricing";
import type { WorkloadInput } from "@/lib/schemas/workload";
import { computeScenario, type ScenarioComputation } from "./compute-scenario";

export type WhatIfState = {
  /** The latest result the engine produced; kept while a newer input fails. */
  result: WhatIfResult | null;
  /** The input `result` belongs to. */
  resultInput: WorkloadInput | null;
  error: Extract<ScenarioComputation, { result: null }>["error"] | null;
  /** A newer input is waiting to be computed (the deferred value lags while dragging). */
  isPending: boolean;
};

/**
 * Live what-if in the browser. The input is deferred so dragging a slider stays smooth: React
 * renders the slider first and recomputes the charts when it has time. No request is made.
 */
export function useWhatIf(
  input: WorkloadInput,
  /** Accounts' books (rates from their bill), by account id; `pricesAccountId` picks one, else list prices. */
  booksByAccount?: ReadonlyMap<string, PriceBook>,
): WhatIfState {
  const deferredInput = useDeferredValue(input);
  const computation = useMemo(
    () => computeScenario(deferredInput, booksByAccount?.get(deferredInput.pricesAccountId)),
    [deferredInput, booksByAccount],
  );
  const [lastGood, setLastGood] = useState<{ result: WhatIfResult; input: WorkloadInput } | null>(null);
  // Derived state from the previous render (React docs: "storing information from previous renders").
  if (computation.result && lastGood?.result !== computation.result) {
    setLastGood({ result: computation.result, input: deferredInput });
  }
  const result = computation.result ?? lastGood?.result ?? null;
  return {
    result,
    resultInput: computation.result ? deferredInput : (lastGood?.input ?? null),
    error: computation.error,
    isPending: deferredInput !== input,
  };
}
