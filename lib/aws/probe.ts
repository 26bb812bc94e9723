/**
 * "Test connection": one cheap read per API the sync uses, to name the permissions that are missing
 * before a sync runs. Every call reads at most one item; none costs money except GetMetricData (one
 * metric over one hour: $0.00001) and Cost Explorer (one day of the account's bill, one request:
 * $0.01, only when Cost Explorer is on for the account). Logs Insights StartQuery is never run here
 * (it bills per GB scanned): it is checked by the sync itself.
 */
import { GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ListClustersCommand,
  ListServicesCommand,
} from "@aws-sdk/client-ecs";
import {
  ListFunctionsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
} from "@aws-sdk/client-lambda";
import type { AwsClients } from "./clients";
import { fetchCostAndUsagePages } from "./cost-explorer-api";
import { classifyAwsError } from "./errors";
import { COST_EXPLORER_API, planServiceResolutions, toCostAndUsageRequest } from "./map-cost-explorer";
import { serviceTaskDefinitionArn } from "./map-ecs";

/** The IAM actions the account sync calls, exactly (docs/iam-policy.json grants these and no more). */
export const SYNC_IAM_ACTIONS = [
  "sts:GetCallerIdentity",
  "lambda:ListFunctions",
  "lambda:ListTags",
  "lambda:ListProvisionedConcurrencyConfigs",
  "ecs:ListClusters",
  "ecs:ListServices",
  "ecs:DescribeServices",
  "ecs:DescribeTaskDefinition",
  "cloudwatch:GetMetricData",
  "logs:DescribeLogGroups",
  "logs:StartQuery",
  "logs:GetQueryResults",
  "logs:StopQuery",
  "ce:GetCostAndUsage",
  "compute-optimizer:GetLambdaFunctionRecommendations",
  "compute-optimizer:GetECSServiceRecommendations",
] as const;

/**
 * Optional: without them (or without enrolment at AWS) the sync records "access denied" or "not
 * enrolled" for Compute Optimizer and goes on (docs/compute-optimizer.md).
 */
export const COMPUTE_OPTIMIZER_IAM_ACTIONS = [
  "compute-optimizer:GetLambdaFunctionRecommendations",
  "compute-optimizer:GetECSServiceRecommendations",
] as const;

/** Needed only by accounts whose Cost Explorer switch is on (the default). */
export const COST_EXPLORER_IAM_ACTIONS = ["ce:GetCostAndUsage"] as const;

/** Needed only by accounts that opt in to Logs Insights (REPORT lines). */
export const LOGS_INSIGHTS_IAM_ACTIONS = [
  "logs:DescribeLogGroups",
  "logs:StartQuery",
  "logs:GetQueryResults",
  "logs:StopQuery",
] as const;

export type PermissionCheck = {
  /** "lambda:ListFunctions" */
  api: string;
  /** The IAM action (same spelling as the API for every call the sync makes). */
  action: string;
  status: "ok" | "missing" | "error" | "skipped";
  code: string | null;
  message: string | null;
};

const ok = (api: string): PermissionCheck => ({ api, action: api, status: "ok", code: null, message: null });
const skipped = (api: string, message: string): PermissionCheck => ({
  api,
  action: api,
  status: "skipped",
  code: null,
  message,
});

/** Runs one probe; access denied → "missing", any other failure → "error" (with the safe message). */
async function check<T>(
  api: string,
  call: () => Promise<T>,
): Promise<{ check: PermissionCheck; value: T | null }> {
  try {
    const value = await call();
    return { check: ok(api), value };
  } catch (error) {
    const classified = classifyAwsError(error);
    return {
      check: {
        api,
        action: api,
        status: classified.kind === "access-denied" ? "missing" : "error",
        code: classified.code,
        message: classified.message,
      },
      value: null,
    };
  }
}

export async function probePermissions(
  clients: AwsClients,
  options: { isLogsInsightsEnabled: boolean },
): Promise<PermissionCheck[]> {
  const checks: PermissionCheck[] = [];

  // Lambda.
  const functions = await check("lambda:ListFunctions", () =>
    clients.lambda.send(new ListFunctionsCommand({ MaxItems: 1 })),
  );
  checks.push(functions.check);
  const firstFunction = functions.value?.Functions?.[0];
  const functionArn = firstFunction?.FunctionArn;
  if (functionArn) {
    checks.push(
      (
        await check("lambda:ListTags", () =>
          clients.lambda.send(new ListTagsCommand({ Resource: functionArn })),
        )
      ).check,
    );
    checks.push(
      (
        await check("lambda:ListProvisionedConcurrencyConfigs", () =>
          clients.lambda.send(
            new ListProvisionedConcurrencyConfigsCommand({ FunctionName: functionArn, MaxItems: 1 }),
          ),
        )
      ).check,
    );
  } else {
    const reason = functions.check.status === "ok" ? "no function in this region" : "ListFunctions failed";
    checks.push(skipped("lambda:ListTags", `skipped: ${reason}`));
    checks.push(skipped("lambda:ListProvisionedConcurrencyConfigs", `skipped: ${reason}`));
  }

  // ECS.
  const clusters = await check("ecs:ListClusters", () =>
    clients.ecs.send(new ListClustersCommand({ maxResults: 1 })),
  );
  checks.push(clusters.check);
  const cluster = clusters.value?.clusterArns?.[0];
  let serviceArn: string | undefined;
  if (cluster) {
    const services = await check("ecs:ListServices", () =>
      clients.ecs.send(new ListServicesCommand({ cluster, maxResults: 1 })),
    );
    checks.push(services.check);
    serviceArn = services.value?.serviceArns?.[0];
  } else {
    checks.push(
      skipped(
        "ecs:ListServices",
        `skipped: ${clusters.check.status === "ok" ? "no cluster in this region" : "ListClusters failed"}`,
      ),
    );
  }
  if (cluster && serviceArn) {
    const arn = serviceArn;
    const described = await check("ecs:DescribeServices", () =>
      clients.ecs.send(new DescribeServicesCommand({ cluster, services: [arn], include: ["TAGS"] })),
    );
    checks.push(described.check);
    const service = described.value?.services?.[0];
    const taskDefinition = service ? serviceTaskDefinitionArn(service) : null;
    if (taskDefinition) {
      checks.push(
        (
          await check("ecs:DescribeTaskDefinition", () =>
            clients.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition })),
          )
        ).check,
      );
    } else {
      checks.push(
        skipped("ecs:DescribeTaskDefinition", "skipped: no service to read a task definition from"),
      );
    }
  } else {
    checks.push(skipped("ecs:DescribeServices", "skipped: no service in this region"));
    checks.push(skipped("ecs:DescribeTaskDefinition", "skipped: no service in this region"));
  }

  // CloudWatch: one Invocations query over the last complete hour.
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const start = new Date(end.getTime() - 3_600_000);
  checks.push(
    (
      await check("cloudwatch:GetMetricData", () =>
        clients.cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: start,
            EndTime: end,
            MetricDataQueries: [
              {
                Id: "m0",
                MetricStat: {
                  Metric: {
                    Namespace: "AWS/Lambda",
                    MetricName: "Invocations",
                    Dimensions: firstFunction?.FunctionName
                      ? [{ Name: "FunctionName", Value: firstFunction.FunctionName }]
                      : [],
                  },
                  Period: 3600,
                  Stat: "Sum",
                },
              },
            ],
          }),
        ),
      )
    ).check,
  );

  // Logs Insights (opt-in).
  if (options.isLogsInsightsEnabled) {
    checks.push(
      (
        await check("logs:DescribeLogGroups", () =>
          clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/", limit: 1 })),
        )
      ).check,
    );
    const costs = "skipped: costs money; checked at sync";
    checks.push(skipped("logs:StartQuery", costs));
    checks.push(skipped("logs:GetQueryResults", costs));
    checks.push(skipped("logs:StopQuery", costs));
  } else {
    const off = "skipped: Logs Insights is off for this account (the sync makes no Logs call)";
    for (const api of LOGS_INSIGHTS_IAM_ACTIONS) checks.push(skipped(api, off));
  }
  return checks;
}

const DAY_MS = 86_400_000;

export type CostExplorerProbe = {
  check: PermissionCheck;
  /**
   * Cost Explorer requests of a first backfill, at least: the main query plus one resolution query
   * per record type whose usage types did not name their service on the day read (null when the
   * probe failed). Each is one page unless AWS splits its answer.
   */
  backfillRequests: number | null;
};

/**
 * Cost Explorer is global: probed once per account, not per region. One GetCostAndUsage request
 * ($0.01) over yesterday, in the sync's own query shape, so its answer also tells how many
 * resolution queries a backfill is likely to need.
 */
export async function probeCostExplorer(
  clients: AwsClients,
  accountId: string,
  now = new Date(),
): Promise<CostExplorerProbe> {
  const end = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const window = { start: new Date(end.getTime() - DAY_MS), end };
  const probe = await check(COST_EXPLORER_API, () =>
    fetchCostAndUsagePages(clients, toCostAndUsageRequest(accountId, window)),
  );
  if (!probe.value) {
    const denied = probe.check.status === "missing";
    return {
      check: denied
        ? {
            ...probe.check,
            message:
              `${probe.check.message ?? ""} (Cost Explorer must be enabled, and shared with member accounts by the management account; or switch it off for this account)`.trim(),
          }
        : probe.check,
      backfillRequests: null,
    };
  }
  return {
    check: probe.check,
    backfillRequests: 1 + planServiceResolutions(probe.value, window).length,
  };
}

/** The Cost Explorer check of an account whose switch is off. */
export function toSkippedCostExplorerCheck(): PermissionCheck {
  return skipped(
    COST_EXPLORER_API,
    "skipped: Cost Explorer is off for this account (the sync makes no Cost Explorer call)",
  );
}
