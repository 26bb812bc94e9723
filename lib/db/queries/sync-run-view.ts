/**
 * One import run as the pages and the CLI show it (SyncRunView), from its SyncRun row. No
 * "server-only" marker: the accounts DAL, which the CLI uses too, shows recent runs.
 */
import { SYNC_RUN_STATUSES, type SyncRunIssue, type SyncRunView } from "@/lib/schemas/sync-run";

export type SyncRunRow = {
  id: string;
  kind: string;
  status: string;
  accountId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  detailJson: string;
  issuesJson: string;
  callsJson: string;
  estimatedCostUsd: number | null;
  error: string | null;
};

export const SYNC_RUN_SELECT = {
  id: true,
  kind: true,
  status: true,
  accountId: true,
  startedAt: true,
  finishedAt: true,
  detailJson: true,
  issuesJson: true,
  callsJson: true,
  estimatedCostUsd: true,
  error: true,
} as const;

function parseObject(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function parseIssues(json: string): SyncRunIssue[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as SyncRunIssue[]) : [];
  } catch {
    return [];
  }
}

const numberOrNull = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

const STATUSES = new Set<string>(SYNC_RUN_STATUSES);

export function toSyncRunView(row: SyncRunRow): SyncRunView {
  const detail = parseObject(row.detailJson);
  const calls: Record<string, number> = {};
  for (const [api, count] of Object.entries(parseObject(row.callsJson))) {
    if (typeof count === "number") calls[api] = count;
  }
  return {
    id: row.id,
    kind: row.kind,
    status: (STATUSES.has(row.status) ? row.status : "failed") as SyncRunView["status"],
    accountId: row.accountId,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    step: typeof detail.step === "string" ? detail.step : null,
    done: numberOrNull(detail.done),
    total: numberOrNull(detail.total),
    rowsWritten: numberOrNull(detail.rowsWritten),
    calls,
    callsTotal: Object.values(calls).reduce((sum, count) => sum + count, 0),
    estimatedCostUsd: row.estimatedCostUsd,
    issues: parseIssues(row.issuesJson),
    error: row.error,
  };
}
