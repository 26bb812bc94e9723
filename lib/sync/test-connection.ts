/**
 * "Test connection" (Accounts page, `cli accounts test`): who the credentials are (STS), whether
 * that is the account configured, which permissions the sync needs are missing (one cheap read per
 * API, per region; Cost Explorer once, $0.01), and what a first backfill would cost, Cost Explorer
 * requests included. Messages are classified and safe: no
 * credential, signature or raw SDK error reaches the caller.
 */
import type { AwsAccess } from "@/lib/aws/clients";
import { createAwsClients } from "@/lib/aws/clients";
import { classifyAwsError } from "@/lib/aws/errors";
import { countEcsServices, countLambdaFunctions } from "@/lib/aws/inventory-count";
import type { PermissionCheck } from "@/lib/aws/probe";
import { probeCostExplorer, probePermissions, toSkippedCostExplorerCheck } from "@/lib/aws/probe";
import { getCallerIdentity } from "@/lib/aws/sts-api";
import { DEFAULT_SYNC_DAYS, estimateSync } from "./windows";

export type ConnectionTestInput = {
  accountId: string;
  profile: string | null;
  roleArn: string | null;
  externalId: string | null;
  regions: string[];
  isLogsInsightsEnabled: boolean;
  isCostExplorerEnabled: boolean;
};

export type ConnectionTestResult = {
  identity: { accountId: string; arn: string } | null;
  isAccountMatching: boolean;
  error: { code: string; message: string } | null;
  regions: {
    region: string;
    checks: PermissionCheck[];
    functions: number | null;
    services: number | null;
  }[];
  estimate: {
    calls: number;
    metricsRequested: number;
    /** Cost Explorer requests of the backfill ($0.01 each; 0 when it is off or denied). */
    costExplorerRequests: number;
    estimatedCostUsd: number;
  } | null;
};

export async function testAccountConnection(
  input: ConnectionTestInput,
  options: { maxAttempts?: number; requestTimeoutMs?: number } = {},
): Promise<ConnectionTestResult> {
  const access: AwsAccess = { profile: input.profile, roleArn: input.roleArn, externalId: input.externalId };
  const settings = {
    maxAttempts: options.maxAttempts ?? 2,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
  };
  const firstRegion = input.regions[0] ?? "us-east-1";
  let identity: ConnectionTestResult["identity"] = null;
  try {
    const caller = await getCallerIdentity(createAwsClients(access, firstRegion, settings));
    identity = { accountId: caller.accountId, arn: caller.arn };
  } catch (error) {
    const classified = classifyAwsError(error);
    return {
      identity: null,
      isAccountMatching: false,
      error: { code: classified.code, message: classified.message },
      regions: [],
      estimate: null,
    };
  }
  const regions: ConnectionTestResult["regions"] = [];
  let functions = 0;
  let services = 0;
  let clusters = 0;
  let isCountKnown = true;
  let costExplorerRequests = 0;
  for (const [index, region] of input.regions.entries()) {
    const clients = createAwsClients(access, region, settings);
    const checks = await probePermissions(clients, { isLogsInsightsEnabled: input.isLogsInsightsEnabled });
    // Cost Explorer is global: checked once, listed with the first region.
    if (index === 0) {
      if (input.isCostExplorerEnabled) {
        const probe = await probeCostExplorer(clients, input.accountId);
        checks.push(probe.check);
        costExplorerRequests = probe.backfillRequests ?? 0;
      } else {
        checks.push(toSkippedCostExplorerCheck());
      }
    }
    const regionFunctions = await countLambdaFunctions(clients).catch(() => null);
    const regionServices = await countEcsServices(clients).catch(() => null);
    if (regionFunctions === null || regionServices === null) isCountKnown = false;
    functions += regionFunctions ?? 0;
    services += regionServices?.services ?? 0;
    clusters += regionServices?.clusters ?? 0;
    regions.push({ region, checks, functions: regionFunctions, services: regionServices?.services ?? null });
  }
  const estimate = isCountKnown
    ? estimateSync({ functions, services, clusters, days: DEFAULT_SYNC_DAYS, costExplorerRequests })
    : null;
  return {
    identity,
    isAccountMatching: identity.accountId === input.accountId,
    error: null,
    regions,
    estimate: estimate
      ? {
          calls: estimate.calls,
          metricsRequested: estimate.metricsRequested,
          costExplorerRequests: estimate.costExplorerRequests,
          estimatedCostUsd: estimate.estimatedCostUsd,
        }
      : null,
  };
}
