/**
 * Pure mapping of ECS answers (SDK v3 shapes: DescribeServices' Service with tags,
 * DescribeTaskDefinition's TaskDefinition) to Breakeven's Fargate inventory type. Fields we depend
 * on are validated with zod; tested on recorded-shape fixtures in __fixtures__/.
 */
import type { CapacityProviderStrategyItem, Service, TaskDefinition } from "@aws-sdk/client-ecs";
import { z } from "zod";

export type FargateServiceInfo = {
  arn: string;
  accountId: string;
  region: string;
  clusterName: string;
  name: string;
  taskDefinitionArn: string;
  /** Task-level CPU units (1,024 = 1 vCPU). */
  cpuUnits: number;
  memoryMb: number;
  os: "linux" | "windows";
  architecture: "x86_64" | "arm64";
  ephemeralStorageGb: number;
  /** Capacity-provider weights (raw, not normalised): the share on Spot is spot / (onDemand + spot). */
  onDemandWeight: number;
  spotWeight: number;
  desiredCount: number;
  runningCount: number;
  tags: Record<string, string>;
};

/** Fargate's ephemeral storage when the task definition does not set it (GiB). */
export const DEFAULT_FARGATE_EPHEMERAL_STORAGE_GB = 20;

const FARGATE_PROVIDERS = new Set(["FARGATE", "FARGATE_SPOT"]);

/** Launch type FARGATE, or a capacity provider strategy made of FARGATE / FARGATE_SPOT only. */
export function isFargateService(service: Service): boolean {
  if (service.launchType === "FARGATE") return true;
  if (service.launchType) return false;
  const strategy = service.capacityProviderStrategy ?? [];
  return strategy.length > 0 && strategy.every((item) => FARGATE_PROVIDERS.has(item.capacityProvider ?? ""));
}

/**
 * On-demand and Spot weights. Launch type FARGATE → 1/0. A strategy → its weights per provider;
 * when every weight is 0 (only a base), a provider with a base counts as weight 1.
 */
export function computeCapacityWeights(
  launchType: string | undefined,
  strategy: readonly CapacityProviderStrategyItem[] | undefined,
): { onDemandWeight: number; spotWeight: number } {
  if (launchType === "FARGATE" || !strategy || strategy.length === 0)
    return { onDemandWeight: 1, spotWeight: 0 };
  const sum = (provider: string, pick: (item: CapacityProviderStrategyItem) => number) =>
    strategy
      .filter((item) => item.capacityProvider === provider)
      .reduce((total, item) => total + pick(item), 0);
  const weight = (item: CapacityProviderStrategyItem) => Math.max(0, item.weight ?? 0);
  let onDemandWeight = sum("FARGATE", weight);
  let spotWeight = sum("FARGATE_SPOT", weight);
  if (onDemandWeight === 0 && spotWeight === 0) {
    const base = (item: CapacityProviderStrategyItem) => ((item.base ?? 0) > 0 ? 1 : 0);
    onDemandWeight = sum("FARGATE", base) > 0 ? 1 : 0;
    spotWeight = sum("FARGATE_SPOT", base) > 0 ? 1 : 0;
  }
  return { onDemandWeight, spotWeight };
}

/**
 * Task CPU units from the task definition's `cpu`: AWS returns an integer string ("256"); the
 * register call also accepts "0.25 vCPU", handled too. Null if not a positive number.
 */
export function parseCpuUnits(value: string | undefined | null): number | null {
  if (!value) return null;
  const text = value.trim();
  const vcpu = /^(\d+(?:\.\d+)?)\s*vcpu$/i.exec(text);
  const units = vcpu ? Number(vcpu[1]) * 1024 : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isFinite(units) && units > 0 ? Math.round(units) : null;
}

/** Task memory in MiB from `memory`: "512" (MiB), or "1 GB" / "0.5GB". Null if not positive. */
export function parseMemoryMb(value: string | undefined | null): number | null {
  if (!value) return null;
  const text = value.trim();
  const gb = /^(\d+(?:\.\d+)?)\s*gb$/i.exec(text);
  const mb = gb ? Number(gb[1]) * 1024 : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isFinite(mb) && mb > 0 ? Math.round(mb) : null;
}

/** "arn:aws:ecs:us-east-1:123456789012:cluster/prod" → "prod". */
export function clusterNameFromArn(arn: string): string | null {
  const match = /:cluster\/(.+)$/.exec(arn);
  return match?.[1] ?? null;
}

/** Account id of an ECS ARN (arn:partition:ecs:region:account:…). */
export function accountIdFromArn(arn: string): string | null {
  const account = arn.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : null;
}

const serviceSchema = z.object({
  serviceArn: z.string().min(1),
  serviceName: z.string().min(1),
  clusterArn: z.string().min(1),
  desiredCount: z.number().int().nonnegative(),
  runningCount: z.number().int().nonnegative(),
  tags: z.array(z.object({ key: z.string().nullish(), value: z.string().nullish() })).nullish(),
});

const taskDefinitionSchema = z.object({
  taskDefinitionArn: z.string().min(1),
  cpu: z.string().nullish(),
  memory: z.string().nullish(),
  runtimePlatform: z
    .object({ cpuArchitecture: z.string().nullish(), operatingSystemFamily: z.string().nullish() })
    .nullish(),
  ephemeralStorage: z.object({ sizeInGiB: z.number().positive().nullish() }).nullish(),
});

/** The task definition a service runs: the service's own, else its PRIMARY task set's (CODE_DEPLOY / EXTERNAL). */
export function serviceTaskDefinitionArn(service: Service): string | null {
  if (service.taskDefinition) return service.taskDefinition;
  const primary = service.taskSets?.find((set) => set.status === "PRIMARY") ?? service.taskSets?.[0];
  return primary?.taskDefinition ?? null;
}

/**
 * One Fargate service with the task definition it runs. Null when the service is not Fargate or
 * lacks what a Fargate cost needs (task-level cpu and memory, required by Fargate).
 */
export function mapFargateService(
  service: Service,
  taskDefinition: TaskDefinition,
  region: string,
): FargateServiceInfo | null {
  if (!isFargateService(service)) return null;
  const parsedService = serviceSchema.safeParse(service);
  const parsedTask = taskDefinitionSchema.safeParse(taskDefinition);
  if (!parsedService.success || !parsedTask.success) return null;
  const svc = parsedService.data;
  const task = parsedTask.data;
  const cpuUnits = parseCpuUnits(task.cpu);
  const memoryMb = parseMemoryMb(task.memory);
  const clusterName = clusterNameFromArn(svc.clusterArn);
  const accountId = accountIdFromArn(svc.serviceArn) ?? accountIdFromArn(svc.clusterArn);
  if (cpuUnits === null || memoryMb === null || !clusterName || !accountId) return null;
  const osFamily = task.runtimePlatform?.operatingSystemFamily ?? "LINUX";
  const tags: Record<string, string> = {};
  for (const tag of svc.tags ?? []) if (tag.key) tags[tag.key] = tag.value ?? "";
  return {
    arn: svc.serviceArn,
    accountId,
    region,
    clusterName,
    name: svc.serviceName,
    taskDefinitionArn: task.taskDefinitionArn,
    cpuUnits,
    memoryMb,
    os: osFamily.startsWith("WINDOWS") ? "windows" : "linux",
    architecture: task.runtimePlatform?.cpuArchitecture === "ARM64" ? "arm64" : "x86_64",
    ephemeralStorageGb: task.ephemeralStorage?.sizeInGiB ?? DEFAULT_FARGATE_EPHEMERAL_STORAGE_GB,
    ...computeCapacityWeights(service.launchType, service.capacityProviderStrategy),
    desiredCount: svc.desiredCount,
    runningCount: svc.runningCount,
    tags,
  };
}
