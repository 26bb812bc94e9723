"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { RunProgress } from "@/components/sync/run-progress";
import { Button } from "@/components/ui/button";
import type { SyncRunView } from "@/lib/schemas/sync-run";
import {
  deleteAccountRequest,
  startSyncRequest,
  testConnectionRequest,
  updateAccountRequest,
} from "./account-requests";
import { ConnectionTestResult } from "./connection-test-result";
import { Checkbox } from "@/components/ui/field";

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Which of an account's controls the role may use, decided on the server from the proxy's rule
 * (lib/auth/policy.ts canRequest) for each control's own route. All false for a viewer.
 */
export type AccountControls = {
  /** POST /api/accounts/{id}/test */
  canTest: boolean;
  /** POST /api/accounts/{id}/sync */
  canSync: boolean;
  /** DELETE /api/accounts/{id} */
  canRemove: boolean;
  /** PATCH /api/accounts/{id}: the paid API switches */
  canChangeSettings: boolean;
};

/**
 * Per-account actions: "Test connection" (result below the buttons), "Sync now" (starts the sync
 * in its own process and shows its progress; the page data reloads when it ends) and "Remove"
 * (after a confirm step that says what is deleted). Each only where `controls` allows it; nothing
 * at all for a role that may use none.
 */
export function AccountActions({
  accountId,
  accountName,
  isSyncRunning,
  controls,
}: {
  accountId: string;
  accountName: string;
  /** The last run is still running (e.g. started from the CLI): Sync now would answer 409. */
  isSyncRunning: boolean;
  controls: AccountControls;
}) {
  const router = useRouter();
  const [isRefreshing, startTransition] = useTransition();
  const [runId, setRunId] = useState<string | null>(null);
  const [isConfirming, setIsConfirming] = useState(false);

  const test = useMutation({ mutationFn: () => testConnectionRequest(accountId) });
  const sync = useMutation({
    mutationFn: () => startSyncRequest(accountId),
    onSuccess: (started) => setRunId(started.runId),
  });
  const remove = useMutation({
    mutationFn: () => deleteAccountRequest(accountId),
    onSuccess: () => startTransition(() => router.refresh()),
  });

  const onFinished = useCallback((_run: SyncRunView) => startTransition(() => router.refresh()), [router]);

  if (!controls.canTest && !controls.canSync && !controls.canRemove) return null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {controls.canTest ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => test.mutate()}
            disabled={test.isPending}
            aria-busy={test.isPending}
          >
            {test.isPending ? "Testing…" : "Test connection"}
          </Button>
        ) : null}
        {controls.canSync ? (
          <Button
            size="sm"
            onClick={() => {
              setRunId(null);
              sync.mutate();
            }}
            disabled={sync.isPending || isSyncRunning}
            aria-busy={sync.isPending}
            title={isSyncRunning ? "A sync of this account is running" : undefined}
          >
            {sync.isPending ? "Starting…" : "Sync now"}
          </Button>
        ) : null}
        {!controls.canRemove || isConfirming || remove.isPending ? null : (
          <Button variant="ghost" size="sm" onClick={() => setIsConfirming(true)}>
            Remove
          </Button>
        )}
      </div>

      {isConfirming || remove.isPending ? (
        <div
          role="group"
          aria-label={`Confirm removing account ${accountId}`}
          className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3 text-xs text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
        >
          <p>
            Remove <span className="font-medium">{accountName}</span> ({accountId})? Everything synced from it
            is deleted from Breakeven: its functions, services, metrics, memory evidence, costs and sync
            history. Nothing in AWS changes, and you can add it again later.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" size="sm" onClick={() => remove.mutate()} disabled={remove.isPending}>
              {remove.isPending || isRefreshing ? "Removing…" : "Yes, remove the account and its data"}
            </Button>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setIsConfirming(false)}
              disabled={remove.isPending}
            >
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {remove.isError ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          Could not remove the account ({errorText(remove.error)}).
        </p>
      ) : null}

      {sync.isError ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          Could not start a sync ({errorText(sync.error)}).
        </p>
      ) : null}
      {runId ? (
        <div
          className="rounded-md border border-gray-200 p-3 dark:border-gray-800"
          data-testid="sync-progress"
        >
          <p className="mb-1 text-xs font-medium">Sync</p>
          <RunProgress runId={runId} onFinished={onFinished} />
        </div>
      ) : null}

      {test.isError ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          Could not test the connection ({errorText(test.error)}).
        </p>
      ) : null}
      {test.data ? (
        <div className="rounded-md border border-gray-200 p-3 dark:border-gray-800">
          <p className="mb-2 text-xs font-medium">Connection test</p>
          <ConnectionTestResult accountId={accountId} result={test.data} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The paid AWS APIs an account can switch (PATCH the field). Logs Insights is off by default:
 * metrics alone give durations and invocations; REPORT lines add memory used and init durations.
 * Cost Explorer is on by default: the bill is what makes the numbers trustworthy; off for a member
 * account its management account does not share Cost Explorer with.
 */
const PAID_APIS = {
  isLogsInsightsEnabled: {
    label: "Logs Insights",
    description:
      "Reads Lambda REPORT lines (memory used, init time). Paid: $0.005 per GB scanned. Off by default.",
  },
  isCostExplorerEnabled: {
    label: "Cost Explorer",
    description:
      "Reads the billed cost (unblended and amortized) every sync. Paid: $0.01 per request. On by default.",
  },
} as const;

type PaidApiField = keyof typeof PAID_APIS;

/**
 * A per-account switch of a paid AWS API; the page data reloads after it. Without `canChange` (a
 * viewer) it only says whether the API is on.
 */
export function PaidApiToggle({
  accountId,
  field,
  isEnabled,
  canChange,
}: {
  accountId: string;
  field: PaidApiField;
  isEnabled: boolean;
  canChange: boolean;
}) {
  const { label, description } = PAID_APIS[field];
  const router = useRouter();
  const [isRefreshing, startTransition] = useTransition();
  const [isChecked, setIsChecked] = useState(isEnabled);
  const update = useMutation({
    mutationFn: (next: boolean) => updateAccountRequest(accountId, { [field]: next }),
    onSuccess: (account) => {
      setIsChecked(account[field]);
      startTransition(() => router.refresh());
    },
    onError: () => setIsChecked(isEnabled),
  });
  const id = `${field}-${accountId}`;
  if (!canChange) {
    return (
      <p className="text-sm">
        {label} {isEnabled ? "on" : "off"}
        <span className="block text-xs text-gray-500 dark:text-gray-400">{description}</span>
      </p>
    );
  }
  return (
    <div>
      <label htmlFor={id} className="flex items-start gap-2 text-sm">
        <Checkbox
          id={id}
          checked={isChecked}
          disabled={update.isPending || isRefreshing}
          onChange={(event) => {
            setIsChecked(event.target.checked);
            update.mutate(event.target.checked);
          }}
          className="mt-0.5"
        />
        <span>
          {label} {isChecked ? "on" : "off"}
          <span className="block text-xs text-gray-500 dark:text-gray-400">{description}</span>
        </span>
      </label>
      {update.isError ? (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
          Could not change it ({errorText(update.error)}).
        </p>
      ) : null}
    </div>
  );
}
