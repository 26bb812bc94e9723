import { Unknown } from "@/components/ui/table";
import { formatMemoryMb, formatPercent } from "@/lib/format";
import { SERVICES, type ServiceListRow, type ServiceSortKey } from "@/lib/schemas/resource-kinds";
import { ResourceTable, type ResourceCell, type ResourceTableProps } from "./resource-table";

/** The services list: the shared resource table with the cells of the service columns. */

export function formatVcpu(vcpu: number): string {
  return `${Number.isInteger(vcpu) ? vcpu : vcpu.toFixed(2).replace(/0$/, "")} vCPU`;
}

function formatUtilization(percent: number | null) {
  return percent === null ? <Unknown /> : formatPercent(percent / 100);
}

const CELLS = {
  cluster: { render: (row) => row.clusterName },
  size: {
    render: (row) => (
      <>
        {formatVcpu(row.vcpu)} / {formatMemoryMb(row.memoryMb)}
        <span className="block text-xs text-gray-500 dark:text-gray-400">
          {row.os} · {row.architecture}
        </span>
      </>
    ),
  },
  tasks: { render: (row) => `${row.runningCount} / ${row.desiredCount}`, title: () => "running / desired" },
  spot: { render: (row) => (row.spotShare > 0 ? formatPercent(row.spotShare) : "none") },
  cpu: { render: (row) => formatUtilization(row.cpuUtilizationAvgPercent) },
  mem: { render: (row) => formatUtilization(row.memoryUtilizationAvgPercent) },
} satisfies Record<string, ResourceCell<ServiceListRow>>;

export function ServicesTable(props: ResourceTableProps<ServiceSortKey, ServiceListRow>) {
  return (
    <ResourceTable
      kind={SERVICES}
      cells={CELLS}
      nameDetail={(row) => ({ text: `${row.clusterName} · ${row.region}` })}
      {...props}
    />
  );
}
