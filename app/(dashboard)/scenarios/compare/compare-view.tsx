"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { BillTable } from "@/components/scenarios/bill-table";
import { computeScenario, type ScenarioComputation } from "@/components/scenarios/compute-scenario";
import { toScenarioHref } from "@/components/scenarios/saved-scenarios-panel";
import { toHeadlineSentence } from "@/components/scenarios/scenario-headline";
import { UnknownRates } from "@/components/scenarios/unknown-rates";
import { Button, buttonClassName } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Label, Select } from "@/components/ui/field";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import {
  WORKLOAD_FIELD_LABELS,
  describeWorkload,
  formatWorkloadValue,
} from "@/components/scenarios/workload-summary";
import {
  toFargateLabel,
  toLambdaLabel,
  toScenarioComparison,
  toScenarioHeadline,
} from "@/lib/charts/scenario-series";
import { formatInteger, formatPercent, formatUsd } from "@/lib/format";
import { ApiError } from "@/lib/queries/fetch-json";
import { getScenarioQueryOptions, listScenariosQueryOptions } from "@/lib/queries/scenario-queries";
import type { Scenario } from "@/lib/schemas/scenario";
import { listChangedWorkloadFields } from "@/lib/schemas/workload";
import { cardClassName } from "@/components/ui/card";
import { COMPARE_PICKER_QUERY } from "./search-params";

const CARD_CLASS = cardClassName("p-4");

function formatDifference(differenceUsd: number | null, fraction: number | null): string {
  if (differenceUsd === null) return "unknown";
  if (Math.abs(differenceUsd) < 0.005) return "same";
  const sign = differenceUsd > 0 ? "+" : "−";
  const percent = fraction === null ? "" : ` (${sign}${formatPercent(Math.abs(fraction))})`;
  return `${sign}${formatUsd(Math.abs(differenceUsd))}${percent}`;
}

function ScenarioPicker({
  scenarioIdA,
  scenarioIdB,
  opened,
}: {
  scenarioIdA: string | null;
  scenarioIdB: string | null;
  /** The scenarios being compared, offered even when they are older than the picker's page. */
  opened: Pick<Scenario, "id" | "name">[];
}) {
  const list = useQuery(listScenariosQueryOptions(COMPARE_PICKER_QUERY));
  if (list.isPending) return <div className="h-24 animate-pulse rounded-lg bg-gray-100 dark:bg-gray-800" />;
  if (list.isError) {
    return (
      <div role="alert" className={CARD_CLASS}>
        <p className="text-sm font-medium text-red-700 dark:text-red-400">Could not load saved scenarios.</p>
        <Button variant="secondary" className="mt-2" onClick={() => void list.refetch()}>
          Retry
        </Button>
      </div>
    );
  }
  if (list.data.totalCount < 2) {
    return (
      <div className={CARD_CLASS}>
        <p className="text-sm text-gray-700 dark:text-gray-300">
          Comparing needs two saved scenarios; you have {list.data.totalCount}. Save a scenario on the{" "}
          <Link href="/scenarios" className="font-medium text-blue-700 underline dark:text-blue-400">
            what-if page
          </Link>
          , change an input, then save again (or duplicate it).
        </p>
      </div>
    );
  }
  // id -> name, newest first, then the opened ones the page did not include (a and b may be one).
  const choices = new Map<string, string>();
  for (const scenario of [...list.data.items, ...opened])
    if (!choices.has(scenario.id)) choices.set(scenario.id, scenario.name);
  const select = (name: "a" | "b", label: string, value: string | null) => (
    <div className="min-w-0 flex-1 basis-56">
      <Label htmlFor={`compare-${name}`}>{label}</Label>
      <Select id={`compare-${name}`} name={name} defaultValue={value ?? ""} required className="mt-1 w-full">
        <option value="" disabled>
          Pick a scenario
        </option>
        {[...choices].map(([scenarioId, scenarioName]) => (
          <option key={scenarioId} value={scenarioId}>
            {scenarioName}
          </option>
        ))}
      </Select>
    </div>
  );
  // A plain GET form: the choice lands in the URL, so the comparison is linkable.
  return (
    <form action="/scenarios/compare" className={cardClassName("flex flex-wrap items-end gap-3 p-4")}>
      {select("a", "Scenario A", scenarioIdA)}
      {select("b", "Scenario B", scenarioIdB)}
      <Button type="submit">Compare</Button>
      {list.data.totalCount > list.data.items.length ? (
        <p className="basis-full text-xs text-gray-600 dark:text-gray-400">
          Showing the {formatInteger(list.data.items.length)} most recently updated of{" "}
          {formatInteger(list.data.totalCount)} saved scenarios; to compare older ones, tick two in the list
          on the what-if page.
        </p>
      ) : null}
    </form>
  );
}

type Side = { label: "A" | "B"; scenario: Scenario; computation: ScenarioComputation };

function SideCard({ side }: { side: Side }) {
  const { scenario, computation } = side;
  const result = computation.result;
  return (
    <section aria-label={`Scenario ${side.label}`} className={CARD_CLASS}>
      <p className="text-xs font-semibold uppercase tracking-wide text-gray-500 dark:text-gray-400">
        Scenario {side.label}
      </p>
      <h2 className="mt-0.5 break-words text-lg font-semibold">{scenario.name}</h2>
      <p className="mt-0.5 break-words text-xs text-gray-600 dark:text-gray-400">
        {describeWorkload(scenario.input)}
      </p>
      {result ? (
        <p data-testid={`compare-headline-${side.label.toLowerCase()}`} className="mt-3 text-sm font-medium">
          {toHeadlineSentence(
            toScenarioHeadline(result, {
              os: scenario.input.fargateOs,
              isSpot: scenario.input.isFargateSpot,
            }),
          )}
        </p>
      ) : (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          {computation.error?.message}
        </p>
      )}
      {result ? <UnknownRates rates={result.unknownRates} className="mt-2" /> : null}
      <Link
        href={toScenarioHref(scenario)}
        className="mt-3 inline-block text-sm font-medium text-blue-700 hover:underline dark:text-blue-400"
      >
        Open in the what-if page
      </Link>
    </section>
  );
}

function Comparison({ a, b }: { a: Side; b: Side }) {
  const rows = useMemo(
    () =>
      a.computation.result && b.computation.result
        ? toScenarioComparison(
            {
              result: a.computation.result,
              fargate: { os: a.scenario.input.fargateOs, isSpot: a.scenario.input.isFargateSpot },
            },
            {
              result: b.computation.result,
              fargate: { os: b.scenario.input.fargateOs, isSpot: b.scenario.input.isFargateSpot },
            },
          )
        : null,
    [a, b],
  );
  const changedFields = listChangedWorkloadFields(a.scenario.input, b.scenario.input);
  const bills = (side: Side) => {
    const result = side.computation.result;
    const fargate = { os: side.scenario.input.fargateOs, isSpot: side.scenario.input.isFargateSpot };
    return [
      {
        key: "current",
        title: "Lambda as configured",
        bill: result?.bills.current ?? null,
        subtitle: result ? toLambdaLabel(result.current) : undefined,
      },
      {
        key: "cheapest-lambda",
        title: "Cheapest Lambda",
        bill: result?.bills.cheapestLambda ?? null,
        subtitle: result?.cheapestLambda ? toLambdaLabel(result.cheapestLambda) : undefined,
      },
      {
        key: "cheapest-fargate",
        title: "Cheapest Fargate",
        bill: result?.bills.cheapestFargate ?? null,
        subtitle: result?.cheapestFargate ? toFargateLabel(result.cheapestFargate, fargate) : undefined,
      },
    ];
  };
  const billsA = bills(a);
  const billsB = bills(b);

  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <SideCard side={a} />
        <SideCard side={b} />
      </div>

      {rows ? (
        <section aria-labelledby="totals-title" className={CARD_CLASS}>
          <h2 id="totals-title" className="text-sm font-semibold">
            Monthly totals
          </h2>
          <p className="text-xs text-gray-600 dark:text-gray-400">
            Difference is B − A; negative means B costs less.
          </p>
          <Table size="sm" wrapperClassName="mt-2" className="tabular sm:min-w-[36rem]">
            <THead>
              <tr>
                <Th scope="col">Option</Th>
                <Th scope="col" isNumeric>
                  <span className="sm:hidden">A</span>
                  <span className="hidden sm:inline">A: {a.scenario.name}</span>
                </Th>
                <Th scope="col" isNumeric>
                  <span className="sm:hidden">B</span>
                  <span className="hidden sm:inline">B: {b.scenario.name}</span>
                </Th>
                <Th scope="col" isNumeric>
                  Difference
                </Th>
              </tr>
            </THead>
            <TBody>
              {rows.map((row) => (
                <Tr key={row.key} data-testid={`compare-row-${row.key}`}>
                  <Th scope="row">
                    <span className="font-medium">{row.label}</span>
                  </Th>
                  <Td isNumeric>
                    {formatUsd(row.aUsd)}
                    {row.aLabel ? (
                      <span className="hidden text-xs text-gray-500 sm:block dark:text-gray-400">
                        {row.aLabel}
                      </span>
                    ) : null}
                  </Td>
                  <Td isNumeric>
                    {formatUsd(row.bUsd)}
                    {row.bLabel ? (
                      <span className="hidden text-xs text-gray-500 sm:block dark:text-gray-400">
                        {row.bLabel}
                      </span>
                    ) : null}
                  </Td>
                  <Td
                    isNumeric
                    className={cn(
                      "font-medium",
                      row.differenceUsd === null
                        ? "text-amber-700 dark:text-amber-400"
                        : row.differenceUsd < -0.005
                          ? "text-green-700 dark:text-green-400"
                          : row.differenceUsd > 0.005
                            ? "text-red-700 dark:text-red-400"
                            : undefined,
                    )}
                  >
                    {formatDifference(row.differenceUsd, row.differenceFraction)}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </section>
      ) : null}

      <section aria-labelledby="inputs-title" className={CARD_CLASS}>
        <h2 id="inputs-title" className="text-sm font-semibold">
          Inputs that differ
        </h2>
        {changedFields.length === 0 ? (
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
            None: both scenarios have the same inputs.
          </p>
        ) : (
          <Table size="sm" wrapperClassName="mt-2">
            <THead>
              <tr>
                <Th scope="col">Input</Th>
                <Th scope="col">A</Th>
                <Th scope="col">B</Th>
              </tr>
            </THead>
            <TBody>
              {changedFields.map((field) => (
                <Tr key={field}>
                  <Th scope="row">{WORKLOAD_FIELD_LABELS[field]}</Th>
                  <Td>{formatWorkloadValue(field, a.scenario.input[field])}</Td>
                  <Td>{formatWorkloadValue(field, b.scenario.input[field])}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="compare-bills-title" className="space-y-3">
        <h2 id="compare-bills-title" className="text-sm font-semibold">
          Itemized bills
        </h2>
        {billsA.map((billA, index) => {
          const billB = billsB[index]!;
          return (
            <div key={billA.key} className="grid gap-4 xl:grid-cols-2">
              <BillTable
                title={`A · ${billA.title}`}
                subtitle={billA.subtitle}
                bill={billA.bill}
                emptyMessage="No option."
              />
              <BillTable
                title={`B · ${billB.title}`}
                subtitle={billB.subtitle}
                bill={billB.bill}
                emptyMessage="No option."
              />
            </div>
          );
        })}
      </section>
    </div>
  );
}

function useSide(label: "A" | "B", scenarioId: string | null) {
  const query = useQuery({ ...getScenarioQueryOptions(scenarioId ?? ""), enabled: scenarioId !== null });
  const computation = useMemo(() => (query.data ? computeScenario(query.data.input) : null), [query.data]);
  const side: Side | null = query.data && computation ? { label, scenario: query.data, computation } : null;
  return { query, side };
}

export function CompareView({
  scenarioIdA,
  scenarioIdB,
}: {
  scenarioIdA: string | null;
  scenarioIdB: string | null;
}) {
  const a = useSide("A", scenarioIdA);
  const b = useSide("B", scenarioIdB);
  const problems = [
    { label: "A", id: scenarioIdA, query: a.query },
    { label: "B", id: scenarioIdB, query: b.query },
  ].filter((p) => p.id && p.query.isError);

  return (
    <div className="mx-auto max-w-[1400px] space-y-4">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">What-if: compare scenarios</h1>
          <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
            Two saved scenarios side by side: headlines, monthly totals, the inputs that differ and every
            bill.
          </p>
        </div>
        <Link href="/scenarios" className={buttonClassName("secondary")}>
          Back to what-if
        </Link>
      </header>

      {problems.map((problem) => (
        <div
          key={problem.label}
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm dark:border-red-900 dark:bg-red-950/40"
        >
          {problem.query.error instanceof ApiError && problem.query.error.status === 404 ? (
            <p className="text-red-800 dark:text-red-300">
              Scenario {problem.label} no longer exists (it may have been deleted). Pick another one.
            </p>
          ) : (
            <>
              <p className="text-red-800 dark:text-red-300">Could not load scenario {problem.label}.</p>
              <Button variant="secondary" className="mt-2" onClick={() => void problem.query.refetch()}>
                Retry
              </Button>
            </>
          )}
        </div>
      ))}

      <ScenarioPicker
        scenarioIdA={scenarioIdA}
        scenarioIdB={scenarioIdB}
        opened={[a.side?.scenario, b.side?.scenario].filter((scenario) => scenario !== undefined)}
      />

      {a.side && b.side ? (
        <Comparison a={a.side} b={b.side} />
      ) : (scenarioIdA && a.query.isPending) || (scenarioIdB && b.query.isPending) ? (
        <div aria-busy="true" className="h-48 animate-pulse rounded-lg bg-gray-100 dark:bg-gray-800" />
      ) : null}
    </div>
  );
}
