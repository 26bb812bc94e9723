import {
  describeChangeVsCurrent,
  type BreakevenSeries,
  type FargateTaskPoint,
  type LambdaMemorySeries,
  type LambdaSizeDetail,
} from "@/lib/charts/scenario-series";
import { formatCompact, formatDurationMs, formatInteger, formatUsd } from "@/lib/format";
import { TABLE_CLASS, TD_CLASS, TH_CLASS } from "./chart-card";

function LambdaCells({ detail }: { detail: LambdaSizeDetail | null }) {
  if (!detail) {
    return (
      <td className={TD_CLASS} colSpan={3}>
        not priced
      </td>
    );
  }
  if (!detail.isFeasible) {
    return (
      <td className={`${TD_CLASS} text-red-700 dark:text-red-400`} colSpan={3}>
        not possible: {detail.infeasibleReason}
      </td>
    );
  }
  const marks = [detail.isCurrent ? "now" : null, detail.isCheapest ? "cheapest" : null]
    .filter(Boolean)
    .join(", ");
  return (
    <>
      <td
        className={`${TD_CLASS} text-right ${detail.monthlyCostUsd === null ? "text-amber-700 dark:text-amber-400" : ""}`}
      >
        {formatUsd(detail.monthlyCostUsd)}
        {marks ? <span className="ml-1 font-semibold">({marks})</span> : null}
      </td>
      <td className={`${TD_CLASS} text-right`}>{formatDurationMs(detail.durationMs)}</td>
      <td className={TD_CLASS}>{detail.isCurrent ? "—" : (describeChangeVsCurrent(detail) ?? "unknown")}</td>
    </>
  );
}

export function LambdaMemoryTable({ series }: { series: LambdaMemorySeries }) {
  return (
    <table className={TABLE_CLASS}>
      <caption className="sr-only">Monthly Lambda cost and duration per memory size and architecture</caption>
      <thead>
        <tr>
          <th scope="col" className={TH_CLASS}>
            Memory (MB)
          </th>
          {series.architectures.map((arch) => (
            <th key={arch} scope="colgroup" colSpan={3} className={TH_CLASS}>
              {arch}: USD/month · duration · vs now
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {series.points.map((point) => (
          <tr key={point.memoryMb}>
            <th scope="row" className={`${TD_CLASS} text-left font-normal`}>
              {formatInteger(point.memoryMb)}
            </th>
            {series.architectures.map((arch) => (
              <LambdaCells key={arch} detail={arch === "x86_64" ? point.x86 : point.arm64} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatTasks(value: number | null): string {
  return value === null ? "unknown" : String(Math.round(value * 100) / 100);
}

export function FargateTable({ points }: { points: FargateTaskPoint[] }) {
  return (
    <table className={TABLE_CLASS}>
      <caption className="sr-only">Monthly Fargate cost per task size</caption>
      <thead>
        <tr>
          <th scope="col" className={TH_CLASS}>
            Task size
          </th>
          <th scope="col" className={`${TH_CLASS} text-right`}>
            USD/month
          </th>
          <th scope="col" className={`${TH_CLASS} text-right`}>
            Average tasks
          </th>
          <th scope="col" className={`${TH_CLASS} text-right`}>
            Peak tasks
          </th>
          <th scope="col" className={TH_CLASS}>
            Note
          </th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.taskLabel}>
            <th scope="row" className={`${TD_CLASS} text-left font-normal`}>
              {point.taskLabel}
            </th>
            <td
              className={`${TD_CLASS} text-right ${point.isFeasible && point.monthlyCostUsd === null ? "text-amber-700 dark:text-amber-400" : ""}`}
            >
              {point.isFeasible ? formatUsd(point.monthlyCostUsd) : "—"}
            </td>
            <td className={`${TD_CLASS} text-right`}>{formatTasks(point.averageTasks)}</td>
            <td className={`${TD_CLASS} text-right`}>{formatTasks(point.peakTasks)}</td>
            <td className={`${TD_CLASS} ${point.isFeasible ? "" : "text-red-700 dark:text-red-400"}`}>
              {point.isCheapest
                ? "cheapest"
                : point.isFeasible
                  ? ""
                  : `not possible: ${point.infeasibleReason}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
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
      <table className={TABLE_CLASS}>
        <caption className="sr-only">
          Monthly cost of the cheapest Lambda and Fargate options per request rate
        </caption>
        <thead>
          <tr>
            <th scope="col" className={`${TH_CLASS} text-right`}>
              Requests/month
            </th>
            <th scope="col" className={`${TH_CLASS} text-right`}>
              Cheapest Lambda (USD/month)
            </th>
            <th scope="col" className={`${TH_CLASS} text-right`}>
              Cheapest Fargate (USD/month)
            </th>
            <th scope="col" className={TH_CLASS}>
              Cheaper
            </th>
          </tr>
        </thead>
        <tbody>
          {series.points.map((point) => (
            <tr key={point.requestsPerMonth}>
              <th scope="row" className={`${TD_CLASS} text-right font-normal`}>
                {formatCompact(point.requestsPerMonth)}
              </th>
              <td className={`${TD_CLASS} text-right`}>{formatSweepUsd(point.lambdaUsd)}</td>
              <td className={`${TD_CLASS} text-right`}>{formatSweepUsd(point.fargateUsd)}</td>
              <td className={TD_CLASS}>
                {point.lambdaUsd === null || point.fargateUsd === null
                  ? "—"
                  : point.lambdaUsd === point.fargateUsd
                    ? "same"
                    : point.lambdaUsd < point.fargateUsd
                      ? "Lambda"
                      : "Fargate"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasGaps ? (
        <p className="px-2 py-1.5 text-xs text-gray-600 dark:text-gray-400">
          Not available: no option fits at that rate (e.g. more tasks than one Fargate service runs), or a
          price is unknown for the region.
        </p>
      ) : null}
    </>
  );
}
