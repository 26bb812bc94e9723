import Link from "next/link";
import { ChartCard } from "@/components/charts/chart-card";
import { SplitBar } from "@/components/charts/split-bar";
import { Stat } from "@/components/fleet/stat";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Table, TBody, THead, Td, Th, Tr, Unknown } from "@/components/ui/table";
import { sumSeries } from "@/lib/charts/chart-data";
import { toStackedCostSeries } from "@/lib/charts/cost-series";
import { SPEND_SPLIT_SERIES } from "@/lib/charts/series";
import { addUtcDays, formatUtcDate, listBucketKeys } from "@/lib/time";
import {
  listCostliestFunctions,
  listCostliestServices,
  listSpendByAccountRegion,
} from "@/lib/db/queries/overview";
import { formatPercent, formatUsd } from "@/lib/format";
import { getColdStartInitShareForRequest, getRequestNow, getSpendOverviewForRequest } from "./fleet-data";

function formatChange(current: number, previous: number): string {
  if (previous <= 0) return "no spend in the 30 days before";
  const change = current / previous - 1;
  const sign = change > 0 ? "+" : "";
  return `${sign}${formatPercent(change)} vs the 30 days before`;
}

export async function SpendStats() {
  const spend = await getSpendOverviewForRequest();
  const { windows, coverage } = spend;
  const yesterday = formatUtcDate(addUtcDays(windows.endExclusive, -1));
  const dataNote =
    coverage.fromBucket && coverage.fromBucket > windows.last90Start.toISOString().slice(0, 10)
      ? ` · data from ${coverage.fromBucket}`
      : "";
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3" data-testid="spend-stats">
      <Stat
        label="Month to date"
        value={spend.monthToDateUsd === null ? <Unknown /> : formatUsd(spend.monthToDateUsd)}
        detail={
          spend.monthToDateUsd === null
            ? `no cost since ${formatUtcDate(windows.monthStart)} is stored yet (UTC)`
            : `since ${formatUtcDate(windows.monthStart)}, including today so far (UTC)`
        }
      />
      <Stat
        label="Last 30 days"
        value={formatUsd(spend.last30Usd)}
        detail={`${formatChange(spend.last30Usd, spend.previous30Usd)}${dataNote}`}
      />
      <Stat
        label="Last 90 days"
        value={formatUsd(spend.last90Usd)}
        detail={`whole days to ${yesterday}${dataNote}`}
      />
    </dl>
  );
}

export async function DailySpendChart() {
  const spend = await getSpendOverviewForRequest();
  const dayKeys = listBucketKeys(spend.windows.last90Start, 90, "day");
  const chart = toStackedCostSeries({
    bucketKeys: dayKeys,
    points: spend.daily.map((d) => ({ bucket: d.day, seriesKey: d.group, costUsd: d.costUsd })),
    seriesDefs: SPEND_SPLIT_SERIES,
    coverage: spend.coverage,
  });
  return (
    <ChartCard
      title="Daily spend"
      headingLevel={2}
      description="Billed cost (unblended, as invoiced) per UTC day over the last 90 days, by compute service."
      rows={chart.rows}
      series={chart.series}
      valueKind="usd"
      variant="stacked-bar"
      isStacked
      yAxisLabel="USD per day"
      granularity="day"
      height={260}
      legendValues={Object.fromEntries(
        chart.series.map((s) => [s.key, formatUsd(sumSeries(chart.rows, s.key))]),
      )}
      emptyMessage="No billed cost in the last 90 days."
    />
  );
}

export async function SpendSplitCard() {
  const spend = await getSpendOverviewForRequest();
  const split = spend.last30ByGroupUsd;
  return (
    <Card>
      <CardHeader
        title="Lambda vs Fargate"
        description="Billed cost (unblended, as invoiced) over the last 30 days."
        headingLevel={2}
      />
      <CardContent>
        <SplitBar
          series={SPEND_SPLIT_SERIES}
          valuesUsd={split}
          label={`Lambda ${formatUsd(split.lambda)}, Fargate ${formatUsd(split.fargate)}, other ${formatUsd(split.other)}`}
        />
        {split.other > 0 ? (
          <p className="mt-3 text-xs text-gray-500 dark:text-gray-400">
            Other: cost lines of other AWS services in the imported bill (API Gateway, load balancers…).
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}

export async function InitShareCard() {
  const share = await getColdStartInitShareForRequest();
  return (
    <Card data-testid="init-share">
      <CardHeader
        title="Cold-start INIT share of Lambda cost"
        description="Last 30 days."
        headingLevel={2}
        actions={<Badge variant="estimate">estimated</Badge>}
      />
      <CardContent>
        <p className="tabular text-3xl font-semibold tracking-tight">
          {share.shareOfLambda === null ? <Unknown /> : formatPercent(share.shareOfLambda)}
        </p>
        <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
          {share.initUsd === null
            ? "No function reports cold starts yet, so the INIT share is unknown."
            : `≈ ${formatUsd(share.initUsd)} of ${formatUsd(share.lambdaUsd)} Lambda spend went to initialising new environments.`}
        </p>
        <p className="mt-3 text-xs text-gray-500 dark:text-gray-400">
          Since August 2025 INIT is billed inside duration. Estimated from average INIT duration × cold starts
          × memory against invocation GB-seconds
          {share.durationCoverage !== null && share.durationCoverage < 0.995
            ? `; functions with cold-start data carry ${formatPercent(share.durationCoverage)} of the duration cost`
            : ""}
          .
        </p>
      </CardContent>
    </Card>
  );
}

function CostlyTable({
  caption,
  rows,
  hrefPrefix,
  detailHeader,
  testId,
}: {
  caption: string;
  rows: Awaited<ReturnType<typeof listCostliestFunctions>>;
  hrefPrefix: string;
  detailHeader: string;
  testId: string;
}) {
  return (
    <Table aria-label={caption} data-testid={testId}>
      <THead>
        <tr>
          <Th scope="col">Name</Th>
          <Th scope="col">Account · region</Th>
          <Th scope="col" isNumeric>
            Cost (30d)
          </Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td className="max-w-56">
              <Link
                href={`${hrefPrefix}/${encodeURIComponent(row.id)}`}
                className="block truncate font-medium text-blue-700 hover:underline dark:text-blue-400"
                title={row.name}
              >
                {row.name}
              </Link>
              <span className="block truncate text-xs text-gray-500 dark:text-gray-400">
                {detailHeader}: {row.detail ?? "unknown"}
              </span>
            </Td>
            <Td>
              {row.accountName} · {row.region}
            </Td>
            <Td isNumeric className="font-medium">
              {formatUsd(row.costUsd)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

export async function CostliestFunctionsCard() {
  const rows = await listCostliestFunctions(5);
  return (
    <Card>
      <CardHeader
        title="Costliest functions"
        description="Billed over the last 30 days."
        headingLevel={2}
        actions={
          <Link
            href="/functions"
            className="text-xs font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            All functions
          </Link>
        }
      />
      {rows.length === 0 ? (
        <CardContent>
          <p className="text-sm text-gray-500 dark:text-gray-400">No function has a cost summary yet.</p>
        </CardContent>
      ) : (
        <CostlyTable
          caption="Costliest functions"
          rows={rows}
          hrefPrefix="/functions"
          detailHeader="Runtime"
          testId="costliest-functions"
        />
      )}
    </Card>
  );
}

export async function CostliestServicesCard() {
  const rows = await listCostliestServices(5);
  return (
    <Card>
      <CardHeader
        title="Costliest services"
        description="Billed over the last 30 days."
        headingLevel={2}
        actions={
          <Link
            href="/services"
            className="text-xs font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            All services
          </Link>
        }
      />
      {rows.length === 0 ? (
        <CardContent>
          <p className="text-sm text-gray-500 dark:text-gray-400">No service has a cost summary yet.</p>
        </CardContent>
      ) : (
        <CostlyTable
          caption="Costliest services"
          rows={rows}
          hrefPrefix="/services"
          detailHeader="Cluster"
          testId="costliest-services"
        />
      )}
    </Card>
  );
}

export async function AccountRegionCard() {
  const rows = await listSpendByAccountRegion({ now: getRequestNow() });
  const hasOther = rows.some((row) => row.byGroupUsd.other !== 0);
  return (
    <Card>
      <CardHeader
        title="By account and region"
        description="Billed cost over the last 30 days."
        headingLevel={2}
      />
      {rows.length === 0 ? (
        <CardContent>
          <p className="text-sm text-gray-500 dark:text-gray-400">No billed cost in the last 30 days.</p>
        </CardContent>
      ) : (
        <Table aria-label="Spend by account and region" data-testid="account-region">
          <THead>
            <tr>
              <Th scope="col">Account</Th>
              <Th scope="col">Region</Th>
              <Th scope="col" isNumeric>
                Lambda
              </Th>
              <Th scope="col" isNumeric>
                Fargate
              </Th>
              {hasOther ? (
                <Th scope="col" isNumeric>
                  Other
                </Th>
              ) : null}
              <Th scope="col" isNumeric>
                Total
              </Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <Tr key={`${row.accountId}/${row.region}`}>
                <Td>
                  <span className="flex items-center gap-2">
                    {row.accountName ?? <Unknown />}
                    <span className="tabular text-xs text-gray-500 dark:text-gray-400">{row.accountId}</span>
                    {row.isDemo ? <Badge variant="demo">demo</Badge> : null}
                  </span>
                </Td>
                <Td>{row.region}</Td>
                <Td isNumeric>{formatUsd(row.byGroupUsd.lambda)}</Td>
                <Td isNumeric>{formatUsd(row.byGroupUsd.fargate)}</Td>
                {hasOther ? <Td isNumeric>{formatUsd(row.byGroupUsd.other)}</Td> : null}
                <Td isNumeric className="font-medium">
                  {formatUsd(row.totalUsd)}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
