"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  LazyScenarioBreakevenChart as ScenarioBreakevenChart,
  LazyScenarioFargateChart as ScenarioFargateChart,
  LazyScenarioLambdaMemoryChart as ScenarioLambdaMemoryChart,
} from "@/components/charts/lazy-charts";
import { BillTable } from "@/components/scenarios/bill-table";
import { BreakevenTable, FargateTable, LambdaMemoryTable } from "@/components/scenarios/chart-tables";
import { CopyLinkButton } from "@/components/scenarios/copy-link-button";
import { SaveScenarioBar } from "@/components/scenarios/save-scenario-bar";
import { SavedScenariosPanel } from "@/components/scenarios/saved-scenarios-panel";
import { ScenarioHeadline } from "@/components/scenarios/scenario-headline";
import { useWhatIf } from "@/components/scenarios/use-what-if";
import { WorkloadForm } from "@/components/scenarios/workload-form";
import { Button } from "@/components/ui/button";
import { ChartFrame } from "@/components/ui/chart-frame";
import {
  toBreakevenSeries,
  toFargateLabel,
  toFargateTaskSeries,
  toLambdaLabel,
  toLambdaMemorySeries,
} from "@/lib/charts/scenario-series";
import { DEFAULT_PRICE_BOOK, LAMBDA_MEMORY_SIZES_MB, describeRate, listPriceRegions } from "@/lib/pricing";
import { toAccountPriceBook, type AccountRates } from "@/lib/pricing/effective-rates";
import { formatUnitPriceUsd } from "@/lib/format";
import { getScenarioQueryOptions } from "@/lib/queries/scenario-queries";
import { SCENARIO_LIST_PAGE_PARAM, toScenarioSearchParams, type Scenario } from "@/lib/schemas/scenario";
import {
  listChangedWorkloadFields,
  parseWorkloadFields,
  toWorkloadDraft,
  type WorkloadDraft,
  type WorkloadField,
  type WorkloadInput,
} from "@/lib/schemas/workload";
import type { UrlIssue } from "./search-params";
import { cardClassName } from "@/components/ui/card";

const REGIONS = listPriceRegions().map((code) => ({
  code,
  name: DEFAULT_PRICE_BOOK.regions[code]?.name ?? code,
}));
/** Standard sizes for the slider: 128 MB to 10 GB in 64 MB steps (any 1 MB step can be typed). */
const MEMORY_SIZES_MB = [...LAMBDA_MEMORY_SIZES_MB].sort((a, b) => a - b);
/** Browsers throttle history updates; one per pause in dragging is plenty. */
const URL_UPDATE_DELAY_MS = 250;

function Notice({ tone, children }: { tone: "warning" | "error"; children: React.ReactNode }) {
  const colors =
    tone === "error"
      ? "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
      : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-200";
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm ${colors}`}
    >
      {children}
    </div>
  );
}

/** The /scenarios query string for what is on screen: the open scenario, every input, the list's page. */
function toViewSearchParams(input: WorkloadInput, scenarioId: string | null, savedListPage: number): string {
  const params = toScenarioSearchParams(input, scenarioId);
  if (savedListPage > 1) params.set(SCENARIO_LIST_PAGE_PARAM, String(savedListPage));
  return params.toString();
}

type ScenarioViewProps = {
  initialInput: WorkloadInput;
  initialScenarioId: string | null;
  missingScenarioId: string | null;
  urlIssues: UrlIssue[];
  /** The saved list's page (`page` in the URL); changing it alone keeps this view mounted. */
  savedListPage: number;
  /** Accounts whose bill shows rates other than list (the "Prices" choice); empty without any. */
  accountRates: readonly AccountRates[];
  /** The role may delete saved scenarios (an admin); a viewer is not shown "Delete". */
  canDeleteScenarios: boolean;
};

/** Under the title: whose prices the estimate uses, and the bill's rates that replace list ones. */
function PricesNote({
  priceVersion,
  account,
  region,
}: {
  priceVersion: string | null;
  account: AccountRates | null;
  region: string;
}) {
  const version = priceVersion ? ` (${priceVersion})` : "";
  if (!account) return <>List prices{version}, before tax and data transfer.</>;
  const rates = account.rates.filter((rate) => rate.region === region);
  return (
    <>
      Prices of {account.accountName ?? account.accountId}: list prices, except where its bill shows another
      rate{version}, before tax and data transfer.{" "}
      {rates.length === 0 ? (
        <>Its bill has no rate of its own in {region}: list prices apply here.</>
      ) : (
        <span data-testid="bill-rates">
          From your bill:{" "}
          {rates
            .map(
              (rate) => `${describeRate(rate.rateKey, rate.region)} ${formatUnitPriceUsd(rate.usdPerUnit)}`,
            )
            .join("; ")}
          .
        </span>
      )}
    </>
  );
}

export function ScenarioView({
  initialInput,
  initialScenarioId,
  missingScenarioId,
  urlIssues,
  savedListPage,
  accountRates,
  canDeleteScenarios,
}: ScenarioViewProps) {
  const [draft, setDraft] = useState<WorkloadDraft>(() => toWorkloadDraft(initialInput));
  const [validInput, setValidInput] = useState<WorkloadInput>(initialInput);
  const [scenarioId, setScenarioId] = useState<string | null>(initialScenarioId);
  const [isUrlNoticeDismissed, setIsUrlNoticeDismissed] = useState(false);

  const parsed = useMemo(() => parseWorkloadFields(draft), [draft]);
  const booksByAccount = useMemo(
    () =>
      new Map(
        accountRates.map((account) => [account.accountId, toAccountPriceBook(DEFAULT_PRICE_BOOK, account)]),
      ),
    [accountRates],
  );
  const whatIf = useWhatIf(validInput, booksByAccount);
  const fieldErrors = useMemo(() => {
    const errors = { ...parsed.fieldErrors };
    if (whatIf.error?.field) errors[whatIf.error.field] ??= whatIf.error.message;
    return errors;
  }, [parsed.fieldErrors, whatIf.error]);
  const isInputValid = parsed.isValid && !whatIf.error;

  const scenarioQuery = useQuery({
    ...getScenarioQueryOptions(scenarioId ?? ""),
    enabled: scenarioId !== null,
  });
  const openScenario: Scenario | null =
    scenarioId && scenarioQuery.data?.id === scenarioId ? scenarioQuery.data : null;
  const hasUnsavedChanges =
    openScenario !== null &&
    (!parsed.isValid || listChangedWorkloadFields(openScenario.input, validInput).length > 0);

  const onScenarioDeleted = useCallback(
    (deletedId: string) => setScenarioId((id) => (id === deletedId ? null : id)),
    [],
  );

  const applyDraft = (next: WorkloadDraft) => {
    setDraft(next);
    const result = parseWorkloadFields(next);
    if (result.isValid) setValidInput(result.input);
  };
  const onChange = (field: WorkloadField, value: string | boolean) =>
    applyDraft({ ...draft, [field]: value });
  const onChangeMany = (values: Partial<WorkloadDraft>) => applyDraft({ ...draft, ...values });

  // The URL always reproduces what is on screen (and names the open scenario and the saved list's
  // page), without a request. Next's useSearchParams does not see this replaceState (it keeps
  // Next's history state), so the query written is kept here for the saved list's page links.
  const [urlQuery, setUrlQuery] = useState(() =>
    toViewSearchParams(initialInput, initialScenarioId, savedListPage),
  );
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const query = toViewSearchParams(validInput, scenarioId, savedListPage);
      if (window.location.search !== `?${query}`) {
        window.history.replaceState(window.history.state, "", `${window.location.pathname}?${query}`);
      }
      setUrlQuery(query);
    }, URL_UPDATE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [validInput, scenarioId, savedListPage]);

  const { result, resultInput } = whatIf;
  const charts = useMemo(
    () =>
      result && resultInput
        ? {
            lambda: toLambdaMemorySeries(result),
            fargate: toFargateTaskSeries(result),
            breakeven: toBreakevenSeries(result, resultInput.requestsPerMonth),
          }
        : null,
    [result, resultInput],
  );
  const fargateContext = resultInput
    ? { os: resultInput.fargateOs, isSpot: resultInput.isFargateSpot }
    : undefined;

  return (
    <div className="mx-auto max-w-[1400px] space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold">What-if: Lambda or Fargate</h1>
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
            Describe the workload; every cost below is recomputed in your browser as you type.{" "}
            <PricesNote
              priceVersion={result?.priceVersion ?? null}
              account={
                accountRates.find((a) => a.accountId === (resultInput ?? validInput).pricesAccountId) ?? null
              }
              region={(resultInput ?? validInput).region}
            />
          </p>
        </div>
        <CopyLinkButton />
      </header>

      {urlIssues.length > 0 && !isUrlNoticeDismissed ? (
        <Notice tone="warning">
          <p className="font-medium">Some values in the link were not valid and were replaced by defaults:</p>
          <ul className="mt-1 list-disc pl-5 text-xs">
            {urlIssues.map((issue) => (
              <li key={issue.param}>
                <code>
                  {issue.param}={issue.value}
                </code>
                : {issue.message}
              </li>
            ))}
          </ul>
          <Button
            variant="link"
            size="xs"
            className="-ml-2 mt-1"
            onClick={() => setIsUrlNoticeDismissed(true)}
          >
            Dismiss
          </Button>
        </Notice>
      ) : null}
      {missingScenarioId ? (
        <Notice tone="warning">
          The saved scenario in this link no longer exists; its inputs from the link are shown, unsaved.
        </Notice>
      ) : null}

      <SaveScenarioBar
        key={openScenario?.id ?? "new"}
        openScenario={openScenario}
        input={validInput}
        isInputValid={isInputValid}
        hasUnsavedChanges={hasUnsavedChanges}
        onSaved={(scenario) => setScenarioId(scenario.id)}
      />

      {result && resultInput ? (
        <ScenarioHeadline result={result} input={resultInput} isPending={whatIf.isPending} />
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(18rem,22rem)_minmax(0,1fr)] lg:items-start">
        <aside
          aria-label="Workload inputs"
          className={cardClassName("p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto")}
        >
          <WorkloadForm
            draft={draft}
            fieldErrors={fieldErrors}
            validInput={validInput}
            regions={REGIONS}
            priceAccounts={accountRates}
            memorySizesMb={MEMORY_SIZES_MB}
            onChange={onChange}
            onChangeMany={onChangeMany}
          />
        </aside>

        <div className="min-w-0 space-y-4">
          {!parsed.isValid ? (
            <Notice tone="warning">
              Fix the highlighted input to update the estimate; the last valid result stays below.
            </Notice>
          ) : null}
          {whatIf.error ? (
            <Notice tone="error">
              {whatIf.error.message}
              {result ? " The last valid result stays below." : ""}
            </Notice>
          ) : null}
          {result && charts && resultInput ? (
            <>
              <ChartFrame
                id="lambda-memory"
                title="Lambda cost per memory size"
                description="Monthly cost at every memory size, both architectures. More memory brings more CPU, so CPU-bound work gets faster. Hover a size to compare it with now."
                isPending={whatIf.isPending}
                table={<LambdaMemoryTable series={charts.lambda} />}
              >
                <ScenarioLambdaMemoryChart series={charts.lambda} />
              </ChartFrame>
              <ChartFrame
                id="breakeven"
                title="Monthly cost vs request rate"
                description="Cheapest Lambda and cheapest Fargate option at each request rate, everything else unchanged."
                isPending={whatIf.isPending}
                table={<BreakevenTable series={charts.breakeven} />}
              >
                <ScenarioBreakevenChart series={charts.breakeven} />
              </ChartFrame>
              <ChartFrame
                id="fargate-tasks"
                title="Fargate cost per task size"
                description="Monthly cost of running the workload on each task size, with enough tasks for the traffic shape at the target CPU utilisation."
                isPending={whatIf.isPending}
                table={<FargateTable points={charts.fargate} />}
              >
                <ScenarioFargateChart points={charts.fargate} />
              </ChartFrame>
              <section aria-labelledby="bills-title" className="space-y-3">
                <h2 id="bills-title" className="text-sm font-semibold">
                  Itemized monthly bills
                </h2>
                <div className="grid gap-4 2xl:grid-cols-2">
                  <BillTable
                    testId="bill-current"
                    title="Lambda as configured"
                    subtitle={toLambdaLabel(result.current)}
                    bill={result.bills.current}
                  />
                  <BillTable
                    testId="bill-cheapest-lambda"
                    title="Cheapest Lambda"
                    subtitle={result.cheapestLambda ? toLambdaLabel(result.cheapestLambda) : undefined}
                    bill={result.bills.cheapestLambda}
                    emptyMessage={
                      result.lambdaOptions.some((option) => option.isFeasible)
                        ? "Unknown: the price book lacks Lambda rates for this region (listed above)."
                        : "No memory size can run this workload within Lambda's limits."
                    }
                  />
                  <BillTable
                    testId="bill-cheapest-fargate"
                    title="Cheapest Fargate"
                    subtitle={
                      result.cheapestFargate
                        ? toFargateLabel(result.cheapestFargate, fargateContext)
                        : undefined
                    }
                    bill={result.bills.cheapestFargate}
                    emptyMessage={
                      result.fargateOptions.some((option) => option.isFeasible)
                        ? "Unknown: the price book lacks Fargate rates for this region and platform (listed above)."
                        : "No Fargate task size fits this workload."
                    }
                  />
                </div>
              </section>
            </>
          ) : !whatIf.error ? (
            <p className="text-sm text-gray-600 dark:text-gray-400">Computing…</p>
          ) : null}
          <SavedScenariosPanel
            openScenarioId={scenarioId}
            onDeleted={onScenarioDeleted}
            page={savedListPage}
            urlQuery={urlQuery}
            canDelete={canDeleteScenarios}
          />
        </div>
      </div>
    </div>
  );
}
