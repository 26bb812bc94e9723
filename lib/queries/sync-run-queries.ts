import { queryOptions } from "@tanstack/react-query";
import { syncRunSchema } from "@/lib/schemas/sync-run";
import { fetchJson } from "./fetch-json";
import { API_PATHS } from "@/lib/api-paths";

/** Query keys and fetchers for import runs (app/api/sync-runs). */
export const syncRunKeys = {
  all: ["sync-runs"] as const,
  detail: (runId: string) => [...syncRunKeys.all, "detail", { runId }] as const,
};

/** Polls a run every second while it runs; stops when it has finished. */
export function syncRunQueryOptions(runId: string) {
  return queryOptions({
    queryKey: syncRunKeys.detail(runId),
    queryFn: ({ signal }) => fetchJson(API_PATHS.syncRun(runId), syncRunSchema, { signal }),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== "running" ? false : 1000),
  });
}
