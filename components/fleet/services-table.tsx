import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, THead, Td, Tr, Unknown } from "@/components/ui/table";
import { formatMemoryMb, formatPercent, formatUsd } from "@/lib/format";
import { SortHeader } from "./sort-header";

/** A row as the services DAL returns it (lib/db/queries/services.ts ServiceListRow). */
export type ServicesTableRow = {
  id: string;
  name: string;
  clusterName: string;
  accountId: string;
  accountName: string;
  region: string;
  vcpu: number;
  memoryMb: number;
  os: string;
  architecture: string;
  desiredCount: number;
  runningCount: number;
  spotShare: number;
  isDemo: boolean;
  isDeleted: boolean;
  costUsd: number | null;
  cpuUtilizationAvgPercent: number | null;
  memoryUtilizationAvgPercent: number | null;
  dailyCostUsd: (number | null)[];
  windowDays: number | null;
};

export type ServicesColumn =
  "name" | "cluster" | "account" | "region" | "size" | "tasks" | "spot" | "cpu" | "mem" | "cost";

/** Columns marked `isWide` are folded into the name cell on phones. Figures cover 30 days. */
const COLUMNS: {
  key: ServicesColumn;
  label: string;
  isNumeric?: boolean;
  isWide?: boolean;
  title?: string;
}[] = [
  { key: "name", label: "Service" },
  { key: "cluster", label: "Cluster", isWide: true },
  { key: "account", label: "Account", isWide: true },
  { key: "region", label: "Region", isWide: true },
  { key: "cost", label: "Cost", isNumeric: true, title: "Sort by billed cost (30 days)" },
  { key: "size", label: "Task size", isNumeric: true },
  { key: "tasks", label: "Tasks", isNumeric: true, title: "Sort by running tasks" },
  { key: "spot", label: "Spot", isNumeric: true, title: "Sort by share of capacity on Fargate Spot" },
  { key: "cpu", label: "CPU", isNumeric: true, title: "Sort by average CPU utilisation (30 days)" },
  { key: "mem", label: "Memory", isNumeric: true, title: "Sort by average memory utilisation (30 days)" },
];

const WIDE = "hidden md:table-cell";

export function formatVcpu(vcpu: number): string {
  return `${Number.isInteger(vcpu) ? vcpu : vcpu.toFixed(2).replace(/0$/, "")} vCPU`;
}

export function ServicesTable({
  rows,
  sort,
  direction,
  sortHrefs,
  clearFiltersHref,
}: {
  rows: ServicesTableRow[];
  sort: ServicesColumn;
  direction: "asc" | "desc";
  sortHrefs: Record<ServicesColumn, string>;
  clearFiltersHref: string;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No services match" headingLevel={2}>
        <p>
          Nothing matches these filters on this page.{" "}
          <Link
            href={clearFiltersHref}
            className="font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            Show all services
          </Link>
          .
        </p>
      </EmptyState>
    );
  }
  return (
    <Card>
      <Table aria-label="Fargate services" data-testid="services-table">
        <THead>
          <tr>
            {COLUMNS.map((c) => (
              <SortHeader
                key={c.key}
                label={c.label}
                title={c.title}
                href={sortHrefs[c.key]}
                activeDirection={sort === c.key ? direction : undefined}
                isNumeric={c.isNumeric}
                className={
                  c.key === "name"
                    ? "sticky left-0 z-10 bg-white dark:bg-gray-900"
                    : c.isWide
                      ? WIDE
                      : undefined
                }
              />
            ))}
            <th scope="col" className="whitespace-nowrap px-2.5 py-2 font-medium">
              Trend
            </th>
          </tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <Tr key={row.id} data-testid="service-row">
              <Td className="sticky left-0 z-10 min-w-40 max-w-56 whitespace-normal! bg-white md:max-w-64 dark:bg-gray-900">
                <Link
                  href={`/services/${encodeURIComponent(row.id)}`}
                  className="block truncate font-medium text-blue-700 hover:underline dark:text-blue-400"
                  title={row.name}
                  data-testid="service-name"
                >
                  {row.name}
                </Link>
                {row.isDeleted ? <Badge variant="danger">deleted</Badge> : null}
                <span className="block text-xs text-gray-500 md:hidden dark:text-gray-400">
                  {row.clusterName} · {row.region}
                </span>
              </Td>
              <Td className={WIDE}>{row.clusterName}</Td>
              <Td className={WIDE} title={row.accountId}>
                {row.accountName}
              </Td>
              <Td className={WIDE} data-testid="service-region">
                {row.region}
              </Td>
              <Td isNumeric className="font-medium" data-testid="service-cost">
                {row.costUsd === null ? <Unknown /> : formatUsd(row.costUsd)}
              </Td>
              <Td isNumeric>
                {formatVcpu(row.vcpu)} / {formatMemoryMb(row.memoryMb)}
                <span className="block text-xs text-gray-500 dark:text-gray-400">
                  {row.os} · {row.architecture}
                </span>
              </Td>
              <Td isNumeric title="running / desired">
                {row.runningCount} / {row.desiredCount}
              </Td>
              <Td isNumeric>{row.spotShare > 0 ? formatPercent(row.spotShare) : "none"}</Td>
              <Td isNumeric>
                {row.cpuUtilizationAvgPercent === null ? (
                  <Unknown />
                ) : (
                  formatPercent(row.cpuUtilizationAvgPercent / 100)
                )}
              </Td>
              <Td isNumeric>
                {row.memoryUtilizationAvgPercent === null ? (
                  <Unknown />
                ) : (
                  formatPercent(row.memoryUtilizationAvgPercent / 100)
                )}
              </Td>
              <Td>
                <Sparkline
                  values={row.dailyCostUsd}
                  label={`Daily cost of ${row.name} over ${row.windowDays ?? 30} days`}
                />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </Card>
  );
}
