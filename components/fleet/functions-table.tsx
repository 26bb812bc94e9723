import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, THead, Td, Tr, Unknown } from "@/components/ui/table";
import { formatCompact, formatDurationMs, formatInteger, formatMemoryMb, formatUsd } from "@/lib/format";
import { SortHeader } from "./sort-header";

/** A row as the functions DAL returns it (lib/db/queries/functions.ts FunctionListRow). */
export type FunctionsTableRow = {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  region: string;
  runtime: string | null;
  packageType: string;
  architecture: string;
  memoryMb: number;
  isDemo: boolean;
  isDeleted: boolean;
  costUsd: number | null;
  invocations: number | null;
  durationP95Ms: number | null;
  costPerMillionUsd: number | null;
  dailyCostUsd: (number | null)[];
  windowDays: number | null;
};

export type FunctionsColumn =
  "name" | "account" | "region" | "runtime" | "arch" | "memory" | "invocations" | "p95" | "cost" | "cpm";

/** Columns marked `isWide` are folded into the name cell on phones. All figures cover 30 days. */
const COLUMNS: {
  key: FunctionsColumn;
  label: string;
  isNumeric?: boolean;
  isWide?: boolean;
  isExtraWide?: boolean;
  title?: string;
}[] = [
  { key: "name", label: "Function" },
  { key: "account", label: "Account", isWide: true, isExtraWide: true },
  { key: "region", label: "Region", isWide: true },
  { key: "runtime", label: "Runtime", isWide: true },
  { key: "arch", label: "Arch", isWide: true },
  { key: "memory", label: "Memory", isNumeric: true, isWide: true },
  { key: "cost", label: "Cost", isNumeric: true, title: "Sort by billed cost (30 days)" },
  { key: "cpm", label: "$ / 1M inv.", isNumeric: true, title: "Sort by cost per million invocations" },
  { key: "invocations", label: "Invocations", isNumeric: true, title: "Sort by invocations (30 days)" },
  { key: "p95", label: "p95", isNumeric: true, title: "Sort by p95 duration (30 days)" },
];

const WIDE = "hidden md:table-cell";
/** The account column needs the room of a wide screen; below that the name cell shows it. */
const EXTRA_WIDE = "hidden 2xl:table-cell";

function CostPerMillion({ row }: { row: FunctionsTableRow }) {
  if (row.costPerMillionUsd !== null) return <>{formatUsd(row.costPerMillionUsd)}</>;
  if (row.invocations === 0) return <Unknown label="no invocations" />;
  return <Unknown />;
}

export function FunctionsTable({
  rows,
  sort,
  direction,
  sortHrefs,
  clearFiltersHref,
}: {
  rows: FunctionsTableRow[];
  sort: FunctionsColumn;
  direction: "asc" | "desc";
  sortHrefs: Record<FunctionsColumn, string>;
  clearFiltersHref: string;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title="No functions match" headingLevel={2}>
        <p>
          Nothing matches these filters on this page.{" "}
          <Link
            href={clearFiltersHref}
            className="font-medium text-blue-700 hover:underline dark:text-blue-400"
          >
            Show all functions
          </Link>
          .
        </p>
      </EmptyState>
    );
  }
  return (
    <Card>
      <Table aria-label="Lambda functions" data-testid="functions-table">
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
                    : c.isExtraWide
                      ? EXTRA_WIDE
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
            <Tr key={row.id} data-testid="function-row">
              <Td className="sticky left-0 z-10 min-w-40 max-w-56 whitespace-normal! bg-white md:max-w-64 dark:bg-gray-900">
                <Link
                  href={`/functions/${encodeURIComponent(row.id)}`}
                  className="block truncate font-medium text-blue-700 hover:underline dark:text-blue-400"
                  title={row.name}
                  data-testid="function-name"
                >
                  {row.name}
                </Link>
                {row.isDeleted ? <Badge variant="danger">deleted</Badge> : null}
                <span className="block text-xs text-gray-500 2xl:hidden dark:text-gray-400">
                  <span title={row.accountId}>{row.accountName}</span>
                  <span className="md:hidden">
                    {" "}
                    · {row.region} · {row.runtime ?? "image"} · {row.architecture} ·{" "}
                    {formatMemoryMb(row.memoryMb)}
                  </span>
                </span>
              </Td>
              <Td className={EXTRA_WIDE} title={row.accountId}>
                {row.accountName}
              </Td>
              <Td className={WIDE} data-testid="function-region">
                {row.region}
              </Td>
              <Td className={WIDE} data-testid="function-runtime">
                {row.runtime ?? (row.packageType === "Image" ? "container image" : <Unknown />)}
              </Td>
              <Td className={WIDE} data-testid="function-arch">
                {row.architecture}
              </Td>
              <Td isNumeric className={WIDE}>
                {formatMemoryMb(row.memoryMb)}
              </Td>
              <Td isNumeric className="font-medium" data-testid="function-cost">
                {row.costUsd === null ? <Unknown /> : formatUsd(row.costUsd)}
              </Td>
              <Td isNumeric>
                <CostPerMillion row={row} />
              </Td>
              <Td
                isNumeric
                data-testid="function-invocations"
                title={
                  row.invocations === null
                    ? "No metrics were read for this period"
                    : row.invocations === 0
                      ? "Idle: metrics were read for this period and CloudWatch had no invocations"
                      : formatInteger(row.invocations)
                }
              >
                {row.invocations === null ? (
                  <Unknown />
                ) : row.invocations === 0 ? (
                  "0 (idle)"
                ) : (
                  formatCompact(row.invocations)
                )}
              </Td>
              <Td isNumeric>
                {row.durationP95Ms === null ? <Unknown /> : formatDurationMs(row.durationP95Ms)}
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
