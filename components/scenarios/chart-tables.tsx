import { Table, TBody, THead, Td, Th, Tr } from "@/components/ui/table";
import {
  describeChangeVsCurrent,
  type BreakevenSeries,
  type FargateTaskPoint,
  type LambdaMemorySeries,
  type LambdaSizeDetail,
} from "@/lib/charts/scenario-series";
import { formatCompact, formatDurationMs, formatInteger, formatUsd } from "@/lib/format";

/** The what-if charts' tables: dense, wide enough to read on a phone (they scroll sideways there). */
const MIN_WIDTH_CLASS = "min-w-[32rem]";

function LambdaCells({ detail }: { detail: LambdaSizeDetail | null }) {
  if (!detail) return <Td colSpan={3}>not priced</Td>;
  if (!detail.isFeasible) {
    return (
      <Td className="text-red-700 dark:text-red-400" colSpan={3}>
        not possible: {detail.infeasibleReason}
      </Td>
    );
  }
  const marks = [detail.isCurrent ? "now" : null, detail.isCheapest ? "cheapest" : null]
    .filter(Boolean)
    .join(", ");
  return (
    <>
      <Td
        isNumeric
        className={detail.monthlyCostUsd === null ? "text-amber-700 dark:text-amber-400" : undefined}
      >
        {formatUsd(detail.monthlyCostUsd)}
        {marks ? <span className="ml-1 font-semibold">({marks})</span> : null}
      </Td>
      <Td isNumeric>{formatDurationMs(detail.durationMs)}</Td>
      <Td>{detail.isCurrent ? "—" : (describeChangeVsCurrent(detail) ?? "unknown")}</Td>
    </>
  );
}

export function LambdaMemoryTable({ series }: { series: LambdaMemorySeries }) {
  return (
    <Table size="xs" hasStickyHeader className={MIN_WIDTH_CLASS}>
      <caption className="sr-only">Monthly Lambda cost and duration per memory size and architecture</caption>
      <THead>
        <tr>
          <Th scope="col">Memory (MB)</Th>
          {series.architectures.map((arch) => (
            <Th key={arch} scope="colgroup" colSpan={3}>
              {arch}: USD/month · duration · vs now
            </Th>
          ))}
        </tr>
      </THead>
      <TBody>
        {series.points.map((point) => (
          <Tr key={point.memoryMb}>
            <Th scope="row" className="tabular">
              {formatInteger(point.memoryMb)}
            </Th>
            {series.architectures.map((arch) => (
              <LambdaCells key={arch} detail={arch === "x86_64" ? point.x86 : point.arm64} />
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function formatTasks(value: number | null): string {
  return value === null ? "unknown" : String(Math.round(value * 100) / 100);
}

export function FargateTable({ points }: { points: FargateTaskPoint[] }) {
  return (
    <Table size="xs" hasStickyHeader className={MIN_WIDTH_CLASS}>
      <caption className="sr-only">Monthly Fargate cost per task size</caption>
      <THead>
        <tr>
          <Th scope="col">Task size</Th>
          <Th scope="col" isNumeric>
            USD/month
          </Th>
          <Th scope="col" isNumeric>
            Average tasks
          </Th>
          <Th scope="col" isNumeric>
            Peak tasks
          </Th>
          <Th scope="col">Note</Th>
        </tr>
      </THead>
      <TBody>
        {points.map((point) => (
          <Tr key={point.taskLabel}>
            <Th scope="row">{point.taskLabel}</Th>
            <Td
              isNumeric
              className={
                point.isFeasible && point.monthlyCostUsd === null
                  ? "text-amber-700 dark:text-amber-400"
                  : undefined
              }
            >
              {point.isFeasible ? formatUsd(point.monthlyCostUsd) : "—"}
            </Td>
            <Td isNumeric>{formatTasks(point.averageTasks)}</Td>
            <Td isNumeric>{formatTasks(point.peakTasks)}</Td>
            <Td className={point.isFeasible ? undefined : "text-red-700 dark:text-red-400"}>
              {point.isCheapest
                ? "cheapest"
                : point.isFeasible
                  ? ""
                  : `not possible: ${point.infeasibleReason}`}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** A sweep point without a price: no option fits at that rate, or a rate is unknown. Never $0. */
function formatSweepUsd(valueUsd: number | null): string {
  return valueUsd === null ? "not available" : formatUsd(valueUsd);
}

export function BreakevenTable({ series }: { series: BreakevenSeries }) {
  const hasGaps = series.points.some((p) => p.lambdaUsd === null || p.fargateUsd === null);
  return (
    <>
      <Table size="xs" hasStickyHeader className={MIN_WIDTH_CLASS}>
        <caption className="sr-only">
          Monthly cost of the cheapest Lambda and Fargate options per request rate
        </caption>
        <THead>
          <tr>
            <Th scope="col" isNumeric>
              Requests/month
            </Th>
            <Th scope="col" isNumeric>
              Cheapest Lambda (USD/month)
            </Th>
            <Th scope="col" isNumeric>
              Cheapest Fargate (USD/month)
            </Th>
            <Th scope="col">Cheaper</Th>
          </tr>
        </THead>
        <TBody>
          {series.points.map((point) => (
            <Tr key={point.requestsPerMonth}>
              <Th scope="row" isNumeric>
                {formatCompact(point.requestsPerMonth)}
              </Th>
              <Td isNumeric>{formatSweepUsd(point.lambdaUsd)}</Td>
              <Td isNumeric>{formatSweepUsd(point.fargateUsd)}</Td>
              <Td>
                {point.lambdaUsd === null || point.fargateUsd === null
                  ? "—"
                  : point.lambdaUsd === point.fargateUsd
                    ? "same"
                    : point.lambdaUsd < point.fargateUsd
                      ? "Lambda"
                      : "Fargate"}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {hasGaps ? (
        <p className="border-t border-gray-200 px-2 py-1.5 text-xs text-gray-600 dark:border-gray-800 dark:text-gray-400">
          Not available: no option fits at that rate (e.g. more tasks than one Fargate service runs), or a
          price is unknown for the region.
        </p>
      ) : null}
    </>
  );
}
