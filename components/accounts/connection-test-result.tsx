import { Badge } from "@/components/ui/badge";
import { TBody, THead, Table, Td, Th, Tr, Unknown } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { formatInteger, formatUsd } from "@/lib/format";
import { COST_EXPLORER_USD_PER_REQUEST } from "@/lib/pricing/api-charges";
import type { ConnectionTestResultView, PermissionCheckView } from "@/lib/schemas/account";

const STATUS_LABEL: Record<PermissionCheckView["status"], string> = {
  ok: "ok",
  missing: "missing",
  error: "error",
  skipped: "skipped",
};

const STATUS_CLASS: Record<PermissionCheckView["status"], string> = {
  ok: "text-emerald-700 dark:text-emerald-300",
  missing: "font-semibold text-red-700 dark:text-red-300",
  error: "font-semibold text-amber-700 dark:text-amber-300",
  skipped: "text-gray-500 dark:text-gray-400",
};

/**
 * What "Test connection" found: the caller identity and whether it is this account, then per
 * region each API the sync calls, the IAM action it needs and whether it answered (missing
 * permissions highlighted with the AWS error code), and the estimated cost of a first backfill.
 */
export function ConnectionTestResult({
  accountId,
  result,
}: {
  accountId: string;
  result: ConnectionTestResultView;
}) {
  return (
    <div className="space-y-3 text-sm" data-testid="connection-test-result">
      {result.error ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          Could not connect: {result.error.message}{" "}
          <code className="font-mono text-xs">({result.error.code})</code>
        </p>
      ) : null}
      {result.identity ? (
        <div className="space-y-1">
          <p className="text-xs text-gray-600 dark:text-gray-400">Caller identity</p>
          <p className="break-all font-mono text-xs" data-testid="caller-arn">
            {result.identity.arn}
          </p>
          {result.isAccountMatching ? (
            <Badge variant="info">Account {result.identity.accountId} matches</Badge>
          ) : (
            <p role="alert" className="text-red-700 dark:text-red-300">
              These credentials belong to account {result.identity.accountId}, not {accountId}: a sync would
              read the wrong account. Set a role ARN or profile for {accountId}.
            </p>
          )}
        </div>
      ) : null}
      {result.regions.map((region) => (
        <div key={region.region} className="space-y-1">
          <p className="text-xs font-medium">
            {region.region}
            <span className="font-normal text-gray-600 dark:text-gray-400">
              {" · "}
              {region.functions === null
                ? "functions unknown"
                : `${formatInteger(region.functions)} functions`}
              {" · "}
              {region.services === null ? "services unknown" : `${formatInteger(region.services)} services`}
            </span>
          </p>
          <Table aria-label={`Permissions in ${region.region}`} className="text-xs">
            <THead>
              <tr>
                <Th>API</Th>
                <Th>IAM action</Th>
                <Th>Status</Th>
                <Th>AWS error</Th>
              </tr>
            </THead>
            <TBody>
              {region.checks.map((check) => (
                <Tr
                  key={`${check.api}-${check.action}`}
                  data-status={check.status}
                  className={cn(
                    check.status === "missing" && "bg-red-50 dark:bg-red-950/40",
                    check.status === "error" && "bg-amber-50 dark:bg-amber-950/40",
                  )}
                >
                  <Td>{check.api}</Td>
                  <Td>
                    <code className="font-mono">{check.action}</code>
                  </Td>
                  <Td className={STATUS_CLASS[check.status]}>{STATUS_LABEL[check.status]}</Td>
                  <Td title={check.message ?? undefined}>
                    {check.code ? <code className="font-mono">{check.code}</code> : null}
                    {check.message && check.status !== "ok" ? (
                      <span className="block min-w-64 max-w-md whitespace-normal text-gray-600 dark:text-gray-400">
                        {check.message}
                      </span>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      ))}
      {result.identity && !result.error ? (
        <p className="text-xs text-gray-700 dark:text-gray-300" data-testid="backfill-estimate">
          First sync (backfill):{" "}
          {result.estimate ? (
            <>
              about {formatInteger(result.estimate.calls)} AWS calls,{" "}
              {formatInteger(result.estimate.metricsRequested)} metrics requested
              {result.estimate.costExplorerRequests > 0
                ? `, at least ${formatInteger(result.estimate.costExplorerRequests)} Cost Explorer ${
                    result.estimate.costExplorerRequests === 1 ? "request" : "requests"
                  } (${formatUsd(result.estimate.costExplorerRequests * COST_EXPLORER_USD_PER_REQUEST)})`
                : ""}
              , estimated <span className="font-medium">{formatUsd(result.estimate.estimatedCostUsd)}</span>{" "}
              of AWS charges.
            </>
          ) : (
            <Unknown label="unknown (the inventory could not be counted)" />
          )}
        </p>
      ) : null}
    </div>
  );
}
