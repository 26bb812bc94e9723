import { formatMemoryMb } from "@/lib/format";
import type { ConfigField } from "./config-history";

/** The configuration fields whose changes the resource pages list and mark on charts. */
export type LambdaConfig = { memoryMb: number; architecture: string; timeoutSeconds: number };
export type FargateConfig = { cpuUnits: number; memoryMb: number; architecture: string };

export const LAMBDA_CONFIG_FIELDS: ConfigField<LambdaConfig>[] = [
  { key: "memoryMb", label: "Memory", format: (v) => formatMemoryMb(Number(v)) },
  { key: "architecture", label: "Architecture", format: (v) => String(v) },
  { key: "timeoutSeconds", label: "Timeout", format: (v) => `${String(v)} s` },
];

export const FARGATE_CONFIG_FIELDS: ConfigField<FargateConfig>[] = [
  { key: "cpuUnits", label: "Task CPU", format: (v) => `${Number(v) / 1024} vCPU` },
  { key: "memoryMb", label: "Task memory", format: (v) => formatMemoryMb(Number(v)) },
  { key: "architecture", label: "Architecture", format: (v) => String(v) },
];
