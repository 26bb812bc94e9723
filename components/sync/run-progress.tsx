"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { formatInteger, formatUsd } from "@/lib/format";
import { syncRunQueryOptions } from "@/lib/queries/sync-run-queries";
import type { SyncRunView } from "@/lib/schemas/sync-run";

/**
 * Live progress of an import run (demo load or sync): step, done/total, AWS calls so far; when the
 * run ends, its result, and `onFinished` once (the page then reloads its data).
 */
export function RunProgress({
  runId,
  onFinished,
}: {
  runId: string;
  onFinished?: (run: SyncRunView) => void;
}) {
  const { data: run, error } = useQuery(syncRunQueryOptions(runId));
  const reported = useRef(false);
  useEffect(() => {
    if (run && run.status !== "running" && !reported.current) {
      reported.current = true;
      onFinished?.(run);
    }
  }, [run, onFinished]);

  if (error) {
    return (
      <p role="alert" className="text-xs text-red-700 dark:text-red-300">
        Could not read the run&apos;s progress ({error.message}).
      </p>
    );
  }
  if (!run) return <p className="text-xs text-zinc-500">Starting…</p>;
  return <RunSummary run={run} />;
}

/** One run, running or finished, in a line or two. */
export function RunSummary({ run }: { run: SyncRunView }) {
  const share =
    run.total !== null && run.total > 0 && run.done !== null
      ? ` ${formatInteger(run.done)}/${formatInteger(run.total)}`
      : "";
  const percent =
    run.total !== null && run.total > 0 && run.done !== null
      ? Math.min(100, (run.done / run.total) * 100)
      : null;
  return (
    <div className="space-y-1 text-xs" aria-live="polite" data-testid="run-progress" data-status={run.status}>
      {run.status === "running" ? (
        <>
          <p>
            <span className="font-medium">{run.step ?? "working"}</span>
            {share}
            {run.callsTotal > 0 ? ` · ${formatInteger(run.callsTotal)} AWS calls` : ""}
          </p>
          <div
            className="h-1.5 w-48 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent === null ? undefined : Math.round(percent)}
            aria-label="Import progress"
          >
            <div className="h-full bg-sky-600" style={{ width: `${percent ?? 5}%` }} />
          </div>
        </>
      ) : (
        <p>
          <StatusLabel status={run.status} />
          {run.rowsWritten !== null ? ` · ${formatInteger(run.rowsWritten)} rows changed` : ""}
          {run.callsTotal > 0 ? ` · ${formatInteger(run.callsTotal)} AWS calls` : ""}
          {run.estimatedCostUsd !== null ? ` · est. AWS cost ${formatUsd(run.estimatedCostUsd)}` : ""}
        </p>
      )}
      {run.error ? <p className="text-red-700 dark:text-red-300">{run.error}</p> : null}
      {run.issues.length > 0 ? (
        <ul className="list-disc pl-4 text-amber-800 dark:text-amber-300">
          {run.issues.slice(0, 10).map((issue, index) => (
            <li key={`${issue.region}-${issue.api}-${index}`}>
              Missing: {issue.api} in {issue.accountId ? `${issue.accountId} ` : ""}
              {issue.region} ({issue.code}): {issue.message}
            </li>
          ))}
          {run.issues.length > 10 ? <li>…and {run.issues.length - 10} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

const STATUS_TEXT: Record<SyncRunView["status"], string> = {
  running: "Running",
  succeeded: "Succeeded",
  partial: "Partial: some data is missing",
  failed: "Failed",
};

const STATUS_CLASS: Record<SyncRunView["status"], string> = {
  running: "text-sky-700 dark:text-sky-300",
  succeeded: "text-emerald-700 dark:text-emerald-300",
  partial: "text-amber-700 dark:text-amber-300",
  failed: "text-red-700 dark:text-red-300",
};

export function StatusLabel({ status }: { status: SyncRunView["status"] }) {
  return <span className={`font-medium ${STATUS_CLASS[status]}`}>{STATUS_TEXT[status]}</span>;
}
