import { z } from "zod";

/**
 * An import run (demo load or AWS sync) as GET /api/sync-runs/[runId] returns it: progress while
 * running, then its result.
 */
export const syncRunIssueSchema = z.object({
  accountId: z.string().optional(),
  region: z.string(),
  api: z.string(),
  code: z.string(),
  message: z.string(),
  resourceArn: z.string().optional(),
});

export const SYNC_RUN_STATUSES = ["running", "succeeded", "partial", "failed"] as const;

export const syncRunSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(SYNC_RUN_STATUSES),
  accountId: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  step: z.string().nullable(),
  done: z.number().nullable(),
  total: z.number().nullable(),
  rowsWritten: z.number().nullable(),
  calls: z.record(z.string(), z.number()),
  callsTotal: z.number(),
  estimatedCostUsd: z.number().nullable(),
  issues: z.array(syncRunIssueSchema),
  error: z.string().nullable(),
});

export type SyncRunIssue = z.infer<typeof syncRunIssueSchema>;
export type SyncRunView = z.infer<typeof syncRunSchema>;

/** What POST /api/fleet/demo and POST /api/accounts/[id]/sync answer (202): the run to poll. */
export const startedRunSchema = z.object({ runId: z.string() });
