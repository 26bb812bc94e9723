/**
 * Fargate inventory: ListClusters → ListServices (per cluster, paginated) → DescribeServices (10 at
 * a time, with tags) → DescribeTaskDefinition once per distinct task definition. One yield per
 * ListServices page that holds Fargate services. Thin: the mapping is in map-ecs.ts.
 *
 * Every failure that would leave a service out throws (with `api`): a complete-looking inventory
 * with a service missing would mark it deleted. Only services AWS itself reports as missing
 * (deleted between the list and the describe) are skipped.
 */
import type { Service, TaskDefinition } from "@aws-sdk/client-ecs";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  paginateListClusters,
  paginateListServices,
} from "@aws-sdk/client-ecs";
import pLimit from "p-limit";
import type { AwsClients } from "./clients";
import type { SyncIssue } from "./errors";
import { AwsResponseShapeError, IssueOnce, withApi } from "./errors";
import type { FargateServiceInfo } from "./map-ecs";
import { isFargateService, mapFargateService, serviceTaskDefinitionArn } from "./map-ecs";

export const DESCRIBE_SERVICES_BATCH = 10;
export const DEFAULT_ECS_CONCURRENCY = 4;

export type ListFargateServicesOptions = {
  concurrency?: number;
  onIssue: (issue: SyncIssue) => void;
  signal?: AbortSignal;
};

async function* withApiErrors<T>(iterable: AsyncIterable<T>, api: string): AsyncGenerator<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  while (true) {
    let next: IteratorResult<T>;
    try {
      next = await iterator.next();
    } catch (error) {
      throw withApi(error, api);
    }
    if (next.done) return;
    yield next.value;
  }
}

export async function* listFargateServices(
  clients: AwsClients,
  options: ListFargateServicesOptions,
): AsyncGenerator<FargateServiceInfo[]> {
  const { signal } = options;
  const sendOptions = signal ? { abortSignal: signal } : {};
  const limit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_ECS_CONCURRENCY));
  const issues = new IssueOnce(clients.region, options.onIssue);
  const taskDefinitions = new Map<string, Promise<TaskDefinition>>();

  const describeTaskDefinition = (arn: string): Promise<TaskDefinition> => {
    let pending = taskDefinitions.get(arn);
    if (!pending) {
      pending = limit(async () => {
        try {
          const response = await clients.ecs.send(
            new DescribeTaskDefinitionCommand({ taskDefinition: arn }),
            sendOptions,
          );
          if (!response.taskDefinition) {
            throw new AwsResponseShapeError("ecs:DescribeTaskDefinition", `${arn}: no taskDefinition`);
          }
          return response.taskDefinition;
        } catch (error) {
          throw withApi(error, "ecs:DescribeTaskDefinition");
        }
      });
      // A failed read is not cached as a rejected promise another service would inherit silently.
      pending.catch(() => taskDefinitions.delete(arn));
      taskDefinitions.set(arn, pending);
    }
    return pending;
  };

  const describeServices = async (cluster: string, arns: string[]): Promise<Service[]> => {
    try {
      const response = await clients.ecs.send(
        new DescribeServicesCommand({ cluster, services: arns, include: ["TAGS"] }),
        sendOptions,
      );
      for (const failure of response.failures ?? []) {
        if (failure.reason === "MISSING") continue;
        issues.report(
          "ecs:DescribeServices",
          { name: failure.reason ?? "Failure", message: failure.detail ?? failure.reason ?? "failure" },
          failure.arn,
        );
      }
      return response.services ?? [];
    } catch (error) {
      throw withApi(error, "ecs:DescribeServices");
    }
  };

  try {
    for await (const clusterPage of withApiErrors(
      paginateListClusters({ client: clients.ecs, pageSize: 100 }, {}, sendOptions),
      "ecs:ListClusters",
    )) {
      for (const cluster of clusterPage.clusterArns ?? []) {
        for await (const servicePage of withApiErrors(
          paginateListServices({ client: clients.ecs, pageSize: 100 }, { cluster }, sendOptions),
          "ecs:ListServices",
        )) {
          const arns = servicePage.serviceArns ?? [];
          const groups: string[][] = [];
          for (let index = 0; index < arns.length; index += DESCRIBE_SERVICES_BATCH) {
            groups.push(arns.slice(index, index + DESCRIBE_SERVICES_BATCH));
          }
          const described = (
            await Promise.all(groups.map((group) => limit(() => describeServices(cluster, group))))
          ).flat();
          const fargate = described.filter(
            (service) => service.status !== "INACTIVE" && isFargateService(service),
          );
          const mapped = await Promise.all(
            fargate.map(async (service) => {
              const taskDefinitionArn = serviceTaskDefinitionArn(service);
              if (!taskDefinitionArn) {
                throw new AwsResponseShapeError(
                  "ecs:DescribeServices",
                  `${service.serviceArn ?? "a service"}: no task definition`,
                );
              }
              const info = mapFargateService(
                service,
                await describeTaskDefinition(taskDefinitionArn),
                clients.region,
              );
              if (!info) {
                throw new AwsResponseShapeError(
                  "ecs:DescribeTaskDefinition",
                  `${service.serviceArn ?? "a service"}: task definition ${taskDefinitionArn} has no task-level cpu/memory`,
                );
              }
              return info;
            }),
          );
          if (mapped.length > 0) yield mapped;
        }
      }
    }
  } finally {
    limit.clearQueue();
  }
}
