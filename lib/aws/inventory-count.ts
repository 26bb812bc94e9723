/**
 * Counts for the estimate of a first backfill ("Test connection" on the Accounts page): functions,
 * provisioned-concurrency aliases are not counted (they need a call per function), services per
 * cluster. Only list calls, all free.
 */
import { paginateListClusters, paginateListServices } from "@aws-sdk/client-ecs";
import { paginateListFunctions } from "@aws-sdk/client-lambda";
import type { AwsClients } from "./clients";

export async function countLambdaFunctions(clients: AwsClients): Promise<number> {
  let count = 0;
  for await (const page of paginateListFunctions({ client: clients.lambda, pageSize: 50 }, {})) {
    count += page.Functions?.length ?? 0;
  }
  return count;
}

/** Services of every cluster (Fargate or not: telling them apart needs DescribeServices). */
export async function countEcsServices(clients: AwsClients): Promise<{ clusters: number; services: number }> {
  let clusters = 0;
  let services = 0;
  for await (const page of paginateListClusters({ client: clients.ecs, pageSize: 100 }, {})) {
    for (const cluster of page.clusterArns ?? []) {
      clusters += 1;
      for await (const servicePage of paginateListServices(
        { client: clients.ecs, pageSize: 100 },
        { cluster },
      )) {
        services += servicePage.serviceArns?.length ?? 0;
      }
    }
  }
  return { clusters, services };
}
