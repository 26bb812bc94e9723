import { Fragment } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import { Stat } from "@/components/fleet/stat";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import { RECONCILIATION_SERIES, toReconciliationRows } from "@/lib/charts/reconciliation-series";
import type { ReconciliationReport, ReconciliationRow } from "@/lib/db/queries/reconciliation";
import { formatPercent, formatUnitPriceUsd, formatUsd } from "@/lib/format";
import { describeRate } from "@/lib/pricing";
import type { EffectiveRateBasis } from "@/lib/pricing/effective-rates";
import { RESIDUAL_CAUSE_LABELS, RESIDUAL_EXPLAIN_SHARE } from "@/lib/pricing/reconciliation";
import { getEffectiveRatesForRequest, getReconciliationForRequest } from "./reconciliation-data";

/** Cents, so a residual of −$0.000000002 reads $0.00 (the page compares to the cent). */
function formatCents(usd: number): string {
  return formatUsd(Math.round(usd * 100) / 100 || 0);
}

function describeWindow(report: ReconciliationReport): string {
  return `${report.window.days} whole UTC days, ${report.window.start} to ${report.window.endExclusive} (exclusive)`;
}

export async function ReconciliationStats() {
  const stored = await getReconciliationForRequest();
  if (!stored) return null;
  const { report } = stored;
  const { totals } = report;
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3" data-testid="reconciliation-stats">
      <Stat
        label="Billed"
        value={formatCents(totals.billedUsd)}
        detail="Cost Explorer lines, unblended, exact"
      />
      <Stat
        label="Modelled"
        value={formatCents(totals.modelledUsd)}
        detail={
          totals.hasUnknownRates
            ? "synced usage at list rates; some rates unknown (a lower bound)"
            : "synced usage priced at list rates by the engine"
        }
      />
      <Stat
        label="Residual (billed − modelled)"
        value={<span data-testid="reconciliation-residual">{formatCents(totals.residualUsd)}</span>}
        detail={
          <span data-testid="reconciliation-residual-share">
            {formatPercent(totals.residualShare)} of the larger of billed and modelled ·{" "}
            {describeWindow(report)}
          </span>
        }
      />
    </dl>
  );
}

export async function ReconciliationCauses() {
  const stored = await getReconciliationForRequest();
  if (!stored) return null;
  const { report } = stored;
  const explained = report.rows.filter((row) => row.causes.length > 0);
  return (
    <Card data-testid="reconciliation-causes">
      <CardHeader
        title="What explains the residual"
        description={`Likely causes, named for every account, region and service whose residual is over ${formatPercent(RESIDUAL_EXPLAIN_SHARE)} of its cost.`}
      />
      <CardContent>
        {explained.length === 0 ? (
          <p className="text-sm text-gray-600 dark:text-gray-400">
            Every residual is within {formatPercent(RESIDUAL_EXPLAIN_SHARE)}: the model explains the bill.
          </p>
        ) : (
          <ul className="space-y-3 text-sm">
            {explained.map((row) => (
              <li key={`${row.accountId}|${row.region}|${row.service}`}>
                <p className="font-medium">
                  {row.accountName ?? row.accountId} · {row.region} · {row.service}:{" "}
                  <span className="tabular">{formatCents(row.residualUsd)}</span>
                </p>
                <ul className="mt-1 space-y-1 text-gray-700 dark:text-gray-300">
                  {row.causes.map((cause) => (
                    <li
                      key={cause.kind}
                      className="flex flex-col items-start gap-1 sm:flex-row sm:items-baseline sm:gap-2"
                    >
                      <Badge variant={cause.kind === "rate-difference" ? "neutral" : "info"}>
                        {RESIDUAL_CAUSE_LABELS[cause.kind]}
                      </Badge>
                      <span className="min-w-0 flex-1">{cause.description}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

export async function ReconciliationChart() {
  const stored = await getReconciliationForRequest();
  if (!stored) return null;
  const { report } = stored;
  const rows = toReconciliationRows(report.daily);
  const hasData = report.rows.length > 0;
  return (
    <ChartCard
      title="Residual per day"
      headingLevel={2}
      description={`Billed (Cost Explorer, unblended) minus modelled (synced usage at list rates) per UTC day, to the cent: ${formatCents(report.totals.billedUsd)} billed and ${formatCents(report.totals.modelledUsd)} modelled over the window.`}
      rows={rows}
      series={hasData ? RECONCILIATION_SERIES : []}
      valueKind="usd"
      variant="stacked-bar"
      yAxisLabel="USD per day"
      granularity="day"
      height={220}
      legendValues={{ residual: formatCents(report.totals.residualUsd) }}
      emptyMessage="Nothing billed or modelled in this window."
    />
  );
}

/** Short service names for the table (the full Cost Explorer name is the cell's title). */
const SERVICE_LABELS: Record<string, string> = {
  "AWS Lambda": "Lambda",
  "Amazon Elastic Container Service": "ECS (Fargate)",
};

function UsageTypesTable({ row }: { row: ReconciliationRow }) {
  return (
    <Table className="text-xs">
      <THead>
        <tr>
          <Th>Usage type</Th>
          <Th>Component</Th>
          <Th>Record types</Th>
          <Th isNumeric>Billed</Th>
          <Th isNumeric>Modelled</Th>
          <Th isNumeric>Residual</Th>
        </tr>
      </THead>
      <TBody>
        {row.usageTypes.map((entry) => (
          <Tr key={entry.usageType}>
            <Td className="font-mono">{entry.usageType}</Td>
            <Td>{entry.component}</Td>
            <Td>{entry.recordTypes.join(", ") || "—"}</Td>
            <Td isNumeric>{formatCents(entry.billedUsd)}</Td>
            <Td isNumeric>
              {entry.hasUnknownRate
                ? `${formatCents(entry.modelledUsd)} + unknown`
                : formatCents(entry.modelledUsd)}
            </Td>
            <Td isNumeric>{formatCents(entry.residualUsd)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export async function ReconciliationTable() {
  const stored = await getReconciliationForRequest();
  if (!stored) return null;
  const { report } = stored;
  if (report.rows.length === 0)
    return (
      <EmptyState title="Nothing to reconcile">
        <p>No billed cost and no synced usage in the last {report.window.days} days.</p>
      </EmptyState>
    );
  return (
    <Card>
      <CardHeader
        title="By account, region and service"
        description="Largest residual first. Open a row for the usage types behind it; a usage type Breakeven does not know is kept, as component “other”."
      />
      <CardContent className="p-0 sm:p-2">
        <Table data-testid="reconciliation-table">
          <THead>
            <tr>
              <Th>Account</Th>
              <Th>Region</Th>
              <Th>Service</Th>
              <Th isNumeric>Billed</Th>
              <Th isNumeric>Modelled</Th>
              <Th isNumeric>Residual</Th>
              <Th isNumeric>Share</Th>
              <Th>Likely cause</Th>
            </tr>
          </THead>
          <TBody>
            {report.rows.map((row) => {
              const key = `${row.accountId}|${row.region}|${row.service}`;
              return (
                <Fragment key={key}>
                  <Tr>
                    <Td>
                      <span className="font-medium" title={row.accountId}>
                        {row.accountName ?? row.accountId}
                      </span>
                    </Td>
                    <Td>{row.region}</Td>
                    <Td title={row.service}>{SERVICE_LABELS[row.service] ?? row.service}</Td>
                    <Td isNumeric>{formatCents(row.billedUsd)}</Td>
                    <Td isNumeric>
                      {formatCents(row.modelledUsd)}
                      {row.unknownRates.length > 0 ? " + unknown" : ""}
                    </Td>
                    <Td isNumeric>{formatCents(row.residualUsd)}</Td>
                    <Td isNumeric>{formatPercent(row.residualShare)}</Td>
                    <Td>
                      {row.causes.length > 0 ? (
                        <span className="flex flex-wrap gap-1">
                          {row.causes.map((cause) => (
                            <Badge
                              key={cause.kind}
                              variant={cause.kind === "rate-difference" ? "neutral" : "info"}
                            >
                              {RESIDUAL_CAUSE_LABELS[cause.kind]}
                            </Badge>
                          ))}
                        </span>
                      ) : (
                        <span className="text-xs text-gray-500 dark:text-gray-400">
                          within {formatPercent(RESIDUAL_EXPLAIN_SHARE)}
                        </span>
                      )}
                    </Td>
                  </Tr>
                  <tr className="[&>td]:whitespace-normal">
                    <td colSpan={8} className="!pt-0">
                      <details>
                        <summary className="cursor-pointer text-xs text-gray-600 dark:text-gray-400">
                          {row.usageTypes.length} usage type{row.usageTypes.length === 1 ? "" : "s"}
                        </summary>
                        <div className="mt-2">
                          <UsageTypesTable row={row} />
                        </div>
                      </details>
                    </td>
                  </tr>
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      </CardContent>
    </Card>
  );
}

const BASIS_LABELS: Record<EffectiveRateBasis, string> = {
  "below-list": "under list",
  "not-in-price-book": "not in the price book",
};

/**
 * The rates each account pays per its bill where they differ from the price book: these price that
 * account's recommendations (and are offered in the what-if), labelled "from your bill".
 */
export async function EffectiveRatesTable() {
  const accounts = await getEffectiveRatesForRequest();
  const rows = accounts.flatMap((account) => account.rates.map((rate) => ({ account, rate })));
  const window = accounts[0];
  return (
    <Card data-testid="effective-rates">
      <CardHeader
        title="Rates from your bill"
        description={`Billed cost ÷ usage quantity per account, region and rate${
          window ? ` (${window.windowStart} to ${window.windowEnd}, exclusive)` : ""
        }, where the price book has no rate or the account pays more than 0.5 % under list. Recommendations for the account use these rates; list prices stay in the modelled cost above, so a private rate shows as a residual.`}
      />
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-gray-600 dark:text-gray-400">
            Every billed rate matches the price book: recommendations use list prices.
          </p>
        ) : (
          <Table>
            <THead>
              <Tr>
                <Th className="hidden sm:table-cell">Account</Th>
                <Th>Rate</Th>
                <Th className="hidden text-right sm:table-cell">List</Th>
                <Th className="text-right">From your bill</Th>
                <Th className="hidden md:table-cell">Why it is used</Th>
              </Tr>
            </THead>
            <TBody>
              {rows.map(({ account, rate }) => {
                const list =
                  rate.listUsdPerUnit === null ? "unknown" : formatUnitPriceUsd(rate.listUsdPerUnit);
                const why = `${BASIS_LABELS[rate.basis]}${
                  rate.discountShare !== null ? ` (${formatPercent(rate.discountShare)} less)` : ""
                }`;
                return (
                  <Tr key={`${account.accountId}|${rate.region}|${rate.rateKey}`}>
                    <Td className="hidden sm:table-cell">{account.accountName ?? account.accountId}</Td>
                    {/* Wraps (the table's cells do not by default) so a phone needs no sideways scroll. */}
                    <Td className="whitespace-normal!">
                      {describeRate(rate.rateKey, rate.region)}
                      <span className="block text-xs break-all text-gray-500 dark:text-gray-400">
                        {rate.usageTypes.join(", ")}
                      </span>
                      {/* Phones: the folded columns. */}
                      <span className="block text-xs text-gray-600 sm:hidden dark:text-gray-400">
                        {account.accountName ?? account.accountId} · list {list} · {why}
                      </span>
                      <span className="hidden text-xs text-gray-600 sm:block md:hidden dark:text-gray-400">
                        {why}
                      </span>
                    </Td>
                    <Td className="tabular hidden text-right sm:table-cell">{list}</Td>
                    <Td className="tabular text-right">{formatUnitPriceUsd(rate.usdPerUnit)}</Td>
                    <Td className="hidden md:table-cell">{why}</Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
