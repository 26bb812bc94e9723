import { Unknown } from "@/components/ui/table";
import { formatCompact, formatDurationMs, formatInteger, formatMemoryMb, formatUsd } from "@/lib/format";
import { FUNCTIONS, type FunctionListRow, type FunctionSortKey } from "@/lib/schemas/resource-kinds";
import { ResourceTable, type ResourceCell, type ResourceTableProps } from "./resource-table";

/** The functions list: the shared resource table with the cells of the function columns. */

const CELLS = {
  runtime: {
    render: (row) => row.runtime ?? (row.packageType === "Image" ? "container image" : <Unknown />),
    testId: "runtime",
  },
  arch: { render: (row) => row.architecture, testId: "arch" },
  memory: { render: (row) => formatMemoryMb(row.memoryMb) },
  cpm: {
    render: (row) =>
      row.costPerMillionUsd !== null ? (
        formatUsd(row.costPerMillionUsd)
      ) : row.invocations === 0 ? (
        <Unknown label="no invocations" />
      ) : (
        <Unknown />
      ),
  },
  invocations: {
    render: (row) =>
      row.invocations === null ? (
        <Unknown />
      ) : row.invocations === 0 ? (
        "0 (idle)"
      ) : (
        formatCompact(row.invocations)
      ),
    title: (row) =>
      row.invocations === null
        ? "No metrics were read for this period"
        : row.invocations === 0
          ? "Idle: metrics were read for this period and CloudWatch had no invocations"
          : formatInteger(row.invocations),
    testId: "invocations",
  },
  p95: { render: (row) => (row.durationP95Ms === null ? <Unknown /> : formatDurationMs(row.durationP95Ms)) },
} satisfies Record<string, ResourceCell<FunctionListRow>>;

export function FunctionsTable(props: ResourceTableProps<FunctionSortKey, FunctionListRow>) {
  return (
    <ResourceTable
      kind={FUNCTIONS}
      cells={CELLS}
      nameDetail={(row) => ({
        text: row.accountName,
        title: row.accountId,
        narrowText: ` · ${row.region} · ${row.runtime ?? "image"} · ${row.architecture} · ${formatMemoryMb(row.memoryMb)}`,
      })}
      {...props}
    />
  );
}
