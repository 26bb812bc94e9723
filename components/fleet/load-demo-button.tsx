"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { RunProgress } from "@/components/sync/run-progress";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/queries/fetch-json";
import { startedRunSchema, type SyncRunView } from "@/lib/schemas/sync-run";
import { API_PATHS } from "@/lib/api-paths";

/**
 * POST /api/fleet/demo starts the demo load in its own process (202 with the run id); the button
 * shows its progress and reloads the page's data when it has finished.
 */
export function LoadDemoButton() {
  const router = useRouter();
  const [runId, setRunId] = useState<string | null>(null);
  const [isStarting, setIsStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isRefreshing, startTransition] = useTransition();

  async function load() {
    setIsStarting(true);
    setError(null);
    try {
      const started = await fetchJson(API_PATHS.demoFleet, startedRunSchema, { method: "POST" });
      setRunId(started.runId);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setIsStarting(false);
    }
  }

  const onFinished = useCallback(
    (run: SyncRunView) => {
      if (run.status === "failed") {
        setError(run.error ?? "the load failed");
        setRunId(null);
        return;
      }
      startTransition(() => router.refresh());
    },
    [router],
  );

  const isBusy = isStarting || runId !== null || isRefreshing;
  return (
    <span className="flex flex-col items-center gap-2">
      <Button onClick={load} disabled={isBusy} aria-busy={isBusy}>
        {isBusy ? "Loading the demo fleet…" : "Load demo data"}
      </Button>
      {runId ? <RunProgress runId={runId} onFinished={onFinished} /> : null}
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          Could not load the demo ({error}). Try <code>npm run demo</code> instead.
        </span>
      ) : null}
    </span>
  );
}
