import { formatCompact, formatDurationMs, formatInteger, formatMemoryMb } from "@/lib/format";
import type { ScenarioSummaryInput } from "@/lib/schemas/scenario";
import {
  FRONT_DOOR_LABELS,
  TRAFFIC_SHAPE_LABELS,
  type WorkloadField,
  type WorkloadInput,
} from "@/lib/schemas/workload";

/** Human labels and value formatting for workload fields (compare page, saved list). */

export const WORKLOAD_FIELD_LABELS: Record<WorkloadField, string> = {
  requestsPerMonth: "Requests per month",
  shape: "Traffic shape",
  durationMs: "Average duration",
  memoryMb: "Memory",
  architecture: "Architecture",
  cpuBoundPercent: "CPU-bound share",
  parallelism: "Parallelism",
  maxMemoryUsedMb: "Max memory used",
  region: "Region",
  pricesAccountId: "Prices",
  isFreeTierApplied: "Lambda free tier",
  frontDoor: "Front door",
  albKbPerRequest: "ALB processed data",
  albRules: "ALB rules",
  albNewConnectionsPerRequest: "ALB new connections per request",
  albConnectionSeconds: "ALB connection lifetime",
  isSavingsPlanOn: "Compute Savings Plan",
  lambdaDiscountPercent: "Savings Plan: Lambda discount",
  fargateDiscountPercent: "Savings Plan: Fargate discount",
  provisionedConcurrency: "Provisioned concurrency",
  provisionedHoursPerDay: "Provisioned hours per day",
  coldStartPercent: "Cold starts",
  initDurationMs: "Init duration",
  fargateOs: "Fargate OS",
  isFargateSpot: "Fargate Spot",
  targetCpuUtilizationPercent: "Fargate target CPU",
  minTasks: "Fargate minimum tasks",
  isAutoscaled: "Fargate autoscaling",
  durationFactor: "Rewrite: duration ×",
  memoryFactor: "Rewrite: memory ×",
};

export function formatWorkloadValue<F extends WorkloadField>(field: F, value: WorkloadInput[F]): string {
  if (typeof value === "boolean") return value ? "on" : "off";
  switch (field) {
    case "requestsPerMonth":
      return formatInteger(value as number);
    case "shape":
      return TRAFFIC_SHAPE_LABELS[value as WorkloadInput["shape"]];
    case "frontDoor":
      return FRONT_DOOR_LABELS[value as WorkloadInput["frontDoor"]];
    case "durationMs":
    case "initDurationMs":
      return formatDurationMs(value as number);
    case "memoryMb":
    case "maxMemoryUsedMb":
      return `${formatInteger(value as number)} MB`;
    case "cpuBoundPercent":
    case "coldStartPercent":
    case "lambdaDiscountPercent":
    case "fargateDiscountPercent":
    case "targetCpuUtilizationPercent":
      return `${value as number}%`;
    case "durationFactor":
    case "memoryFactor":
      return `${value as number}×`;
    case "albKbPerRequest":
      return `${value as number} KB`;
    case "albConnectionSeconds":
      return `${value as number} s`;
    case "provisionedHoursPerDay":
      return `${value as number} h`;
    case "pricesAccountId":
      return value === "" ? "AWS list prices" : `from account ${value as string}'s bill`;
    default:
      return String(value);
  }
}

/** One line: "10M requests/month · 120 ms at 512 MB x86_64 · us-east-1". */
export function describeWorkload(input: ScenarioSummaryInput): string {
  return [
    `${formatCompact(input.requestsPerMonth)} requests/month`,
    `${formatDurationMs(input.durationMs)} at ${formatMemoryMb(input.memoryMb)} ${input.architecture}`,
    input.region,
    input.durationFactor !== 1 || input.memoryFactor !== 1
      ? `rewrite ${input.durationFactor}× duration, ${input.memoryFactor}× memory`
      : null,
  ]
    .filter(Boolean)
    .join(" · ");
}
