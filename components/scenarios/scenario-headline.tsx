import { memo, type ReactNode } from "react";
import {
  toFargateLabel,
  toLambdaLabel,
  toScenarioHeadline,
  type ScenarioHeadline as Headline,
} from "@/lib/charts/scenario-series";
import { formatCompact, formatPercent, formatUsd } from "@/lib/format";
import { BREAKEVEN_SWEEP_MAX_REQUESTS, BREAKEVEN_SWEEP_MIN_REQUESTS, type WhatIfResult } from "@/lib/pricing";
import type { WorkloadInput } from "@/lib/schemas/workload";
import { UnknownRates } from "./unknown-rates";
import { cardClassName } from "@/components/ui/card";

function describeCrossover(headline: Headline): string {
  const rate = headline.crossoverRequestsPerMonth;
  if (rate === null) {
    const range = `${formatCompact(BREAKEVEN_SWEEP_MIN_REQUESTS)} to ${formatCompact(BREAKEVEN_SWEEP_MAX_REQUESTS)} requests/month`;
    if (headline.cheaperThroughout === "lambda")
      return `Lambda stays cheaper from ${range}; Fargate never crosses over.`;
    if (headline.cheaperThroughout === "fargate") return `Fargate stays cheaper from ${range}.`;
    return `Lambda and Fargate do not cross between ${formatCompact(BREAKEVEN_SWEEP_MIN_REQUESTS)} and ${formatCompact(BREAKEVEN_SWEEP_MAX_REQUESTS)} requests/month.`;
  }
  const perMonth = `${formatCompact(rate)} requests/month`;
  if (headline.cheaperAboveCrossover === "fargate")
    return `Fargate crosses over at ${perMonth} (cheaper above it).`;
  if (headline.cheaperAboveCrossover === "lambda")
    return `Lambda crosses over at ${perMonth} (cheaper above it).`;
  return `Lambda and Fargate cost the same at ${perMonth}.`;
}

/** The one-sentence answer: cheapest option, saving against now, and where Fargate crosses over. */
export function toHeadlineSentence(headline: Headline): string {
  const { cheapest } = headline;
  if (!cheapest) return "No option has a known cost with these prices.";
  const cost = `${formatUsd(cheapest.monthlyCostUsd)}/month`;
  let first: string;
  if (headline.isCurrentCheapest) {
    first = `Cheapest: ${cheapest.label} — ${cost}, what you run now`;
  } else if (headline.savingVsCurrent !== null && headline.savingVsCurrent > 0) {
    first = `Cheapest: ${cheapest.label} — ${cost}, ${formatPercent(headline.savingVsCurrent)} less than now`;
  } else if (headline.currentMonthlyCostUsd === null) {
    first = `Cheapest: ${cheapest.label} — ${cost} (today's cost is unknown)`;
  } else {
    first = `Cheapest: ${cheapest.label} — ${cost}`;
  }
  return `${first}; ${describeCrossover(headline)}`;
}

function Stat({
  label,
  value,
  detail,
  testId,
}: {
  label: string;
  value: string;
  detail: ReactNode;
  testId: string;
}) {
  return (
    <div className="min-w-0 rounded-md bg-gray-50 px-3 py-2 dark:bg-gray-800/60">
      <dt className="text-xs text-gray-600 dark:text-gray-400">{label}</dt>
      <dd
        data-testid={testId}
        className={`tabular text-lg font-semibold ${value === "unknown" ? "text-amber-700 dark:text-amber-400" : ""}`}
      >
        {value}
      </dd>
      <dd
        className="break-words text-xs text-gray-600 dark:text-gray-400"
        title={typeof detail === "string" ? detail : undefined}
      >
        {detail}
      </dd>
    </div>
  );
}

function ScenarioHeadlineView({
  result,
  input,
  isPending,
}: {
  result: WhatIfResult;
  input: WorkloadInput;
  isPending?: boolean;
}) {
  const fargate = { os: input.fargateOs, isSpot: input.isFargateSpot };
  const headline = toScenarioHeadline(result, fargate);
  const { cheapestLambda, cheapestFargate } = result;
  // No cheapest option can mean "nothing fits" or "nothing has a known price": say which.
  const hasFeasibleLambda = result.lambdaOptions.some((option) => option.isFeasible);
  const hasFeasibleFargate = result.fargateOptions.some((option) => option.isFeasible);
  return (
    <section aria-label="Result" aria-busy={isPending || undefined} className={cardClassName("p-4")}>
      <p
        data-testid="scenario-headline"
        aria-live="polite"
        className="text-base font-semibold leading-snug sm:text-lg"
      >
        {toHeadlineSentence(headline)}
      </p>
      <dl className="mt-3 grid grid-cols-2 gap-2 lg:grid-cols-4">
        <Stat
          label="Lambda as configured"
          value={formatUsd(headline.currentMonthlyCostUsd)}
          detail={
            result.current.isFeasible
              ? headline.currentLabel
              : `not possible: ${result.current.infeasibleReason}`
          }
          testId="stat-current"
        />
        <Stat
          label="Cheapest Lambda"
          value={
            cheapestLambda ? formatUsd(cheapestLambda.monthlyCostUsd) : hasFeasibleLambda ? "unknown" : "none"
          }
          detail={
            cheapestLambda
              ? toLambdaLabel(cheapestLambda)
              : hasFeasibleLambda
                ? "rates missing for this region"
                : "no memory size can run it"
          }
          testId="stat-cheapest-lambda"
        />
        <Stat
          label="Cheapest Fargate"
          value={
            cheapestFargate
              ? formatUsd(cheapestFargate.monthlyCostUsd)
              : hasFeasibleFargate
                ? "unknown"
                : "none"
          }
          detail={
            cheapestFargate
              ? toFargateLabel(cheapestFargate, fargate)
              : hasFeasibleFargate
                ? "rates missing for this region"
                : "no task size fits"
          }
          testId="stat-cheapest-fargate"
        />
        <Stat
          label="Crossover"
          value={
            headline.crossoverRequestsPerMonth === null
              ? "none"
              : formatCompact(headline.crossoverRequestsPerMonth)
          }
          detail={`requests/month · now ${formatCompact(input.requestsPerMonth)}`}
          testId="stat-crossover"
        />
      </dl>
      <UnknownRates rates={headline.unknownRates} className="mt-3" />
    </section>
  );
}

/** Memoised: the page re-renders on every keystroke, this only when its data changes (useDeferredValue). */
export const ScenarioHeadline = memo(ScenarioHeadlineView);
