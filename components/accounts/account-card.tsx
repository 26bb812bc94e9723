import type { ReactNode } from "react";
import { RunSummary, StatusLabel } from "@/components/sync/run-progress";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { TBody, THead, Table, Td, Th, Tr, Unknown } from "@/components/ui/table";
import { formatInteger, formatUsd } from "@/lib/format";
import type { AccountView } from "@/lib/schemas/account";
import { AccountActions, PaidApiToggle, type AccountControls } from "./account-actions";

/** "2026-11-21 09:02 UTC": runs are compared across machines, so always UTC. */
function formatUtcMinute(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-gray-500 dark:text-gray-400">{label}</dt>
      <dd className="mt-0.5 min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function Access({ account }: { account: AccountView }) {
  if (account.roleArn) {
    return (
      <>
        <span className="block break-all font-mono text-xs">{account.roleArn}</span>
        <span className="text-xs text-gray-500 dark:text-gray-400">
          assumed {account.hasExternalId ? "with an ExternalId" : "without an ExternalId"}
          {account.profile ? ` from profile ${account.profile}` : " with the server's default credentials"}
        </span>
      </>
    );
  }
  if (account.profile) {
    return (
      <span>
        Profile <code className="break-all font-mono text-xs">{account.profile}</code>
      </span>
    );
  }
  return <span>The server&apos;s default AWS credentials</span>;
}

/**
 * One configured account: settings, inventory, last sync, past runs and the actions `controls`
 * allows (none for a viewer, who reads the rest).
 */
export function AccountCard({ account, controls }: { account: AccountView; controls: AccountControls }) {
  const lastRun = account.recentRuns[0];
  const headingId = `account-${account.id}-name`;
  return (
    <Card aria-labelledby={headingId} data-testid={`account-${account.id}`}>
      <CardHeader
        id={headingId}
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{account.name}</span>
            <code className="font-mono text-xs font-normal text-gray-600 dark:text-gray-400">
              {account.id}
            </code>
          </span>
        }
      />
      <CardContent className="space-y-4">
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Fact label="Regions">
            <span className="flex flex-wrap gap-1">
              {account.regions.length > 0 ? (
                account.regions.map((region) => (
                  <Badge key={region} variant="neutral">
                    {region}
                  </Badge>
                ))
              ) : (
                <Unknown label="none enabled" />
              )}
            </span>
          </Fact>
          <Fact label="Access">
            <Access account={account} />
          </Fact>
          <Fact label="Synced resources">
            {formatInteger(account.functionCount)} functions · {formatInteger(account.serviceCount)} services
          </Fact>
          <Fact label="CloudWatch Logs Insights">
            <PaidApiToggle
              field="isLogsInsightsEnabled"
              accountId={account.id}
              isEnabled={account.isLogsInsightsEnabled}
              canChange={controls.canChangeSettings}
            />
          </Fact>
          <Fact label="Cost Explorer (billed cost)">
            <PaidApiToggle
              field="isCostExplorerEnabled"
              accountId={account.id}
              isEnabled={account.isCostExplorerEnabled}
              canChange={controls.canChangeSettings}
            />
          </Fact>
          <Fact label="Cost Explorer spend this month (UTC)">
            <span data-testid="cost-explorer-this-month">
              {formatInteger(account.costExplorerThisMonth.requests)}{" "}
              {account.costExplorerThisMonth.requests === 1 ? "request" : "requests"} ·{" "}
              {formatUsd(account.costExplorerThisMonth.costUsd)}
            </span>
            <span className="block text-xs text-gray-500 dark:text-gray-400">
              What Breakeven&apos;s own syncs of this account cost in Cost Explorer requests ($0.01 each).
            </span>
          </Fact>
          <div className="min-w-0 sm:col-span-2">
            <dt className="text-xs font-medium text-gray-500 dark:text-gray-400">Last sync</dt>
            <dd className="mt-0.5 min-w-0" data-testid="last-sync">
              {lastRun ? (
                <>
                  <p className="text-xs text-gray-600 dark:text-gray-400">
                    {formatUtcMinute(lastRun.startedAt)}
                  </p>
                  <RunSummary run={lastRun} />
                </>
              ) : (
                <span className="text-sm text-gray-600 dark:text-gray-400">
                  Never synced.
                  {controls.canTest && controls.canSync ? " Test the connection, then sync." : ""}
                </span>
              )}
            </dd>
          </div>
        </dl>

        <AccountActions
          accountId={account.id}
          accountName={account.name}
          isSyncRunning={lastRun?.status === "running"}
          controls={controls}
        />

        {account.recentRuns.length > 1 ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-xs font-medium text-gray-700 dark:text-gray-300">
              Recent runs (last {account.recentRuns.length})
            </summary>
            <Table aria-label={`Recent syncs of ${account.name}`} className="mt-2 text-xs">
              <THead>
                <tr>
                  <Th>Started</Th>
                  <Th>Result</Th>
                  <Th isNumeric>Rows changed</Th>
                  <Th isNumeric>AWS calls</Th>
                  <Th isNumeric>Est. AWS cost</Th>
                  <Th>Missing</Th>
                </tr>
              </THead>
              <TBody>
                {account.recentRuns.map((run) => (
                  <Tr key={run.id}>
                    <Td>{formatUtcMinute(run.startedAt)}</Td>
                    <Td>
                      <StatusLabel status={run.status} />
                    </Td>
                    <Td isNumeric>
                      {run.rowsWritten === null ? <Unknown /> : formatInteger(run.rowsWritten)}
                    </Td>
                    <Td isNumeric>{formatInteger(run.callsTotal)}</Td>
                    <Td isNumeric>
                      {run.estimatedCostUsd === null ? <Unknown /> : formatUsd(run.estimatedCostUsd)}
                    </Td>
                    <Td>
                      {run.error
                        ? run.error.slice(0, 80)
                        : run.issues.length > 0
                          ? `${run.issues.length} ${run.issues.length === 1 ? "item" : "items"}`
                          : "—"}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </details>
        ) : null}
      </CardContent>
    </Card>
  );
}
