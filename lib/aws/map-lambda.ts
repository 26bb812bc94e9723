/**
 * Pure mapping of Lambda API answers (SDK v3 shapes: ListFunctions' FunctionConfiguration,
 * ListProvisionedConcurrencyConfigs' items) to Breakeven's inventory types. The fields we depend on
 * are validated with zod; a function without them is reported (AwsResponseShapeError), never
 * guessed. Tested on recorded-shape fixtures in __fixtures__/.
 */
import type { FunctionConfiguration, ProvisionedConcurrencyConfigListItem } from "@aws-sdk/client-lambda";
import { z } from "zod";
import { AwsResponseShapeError } from "./errors";

export type ProvisionedConcurrencyInfo = {
  /** Alias or version number the configuration is on ("prod", "42"). */
  qualifier: string;
  requestedCount: number;
  /** Null while AWS has not reported it (e.g. status IN_PROGRESS). */
  allocatedCount: number | null;
  /** READY | IN_PROGRESS | FAILED */
  status: string;
};

export type LambdaFunctionInfo = {
  /** Unqualified ARN (no version or alias). */
  arn: string;
  accountId: string;
  region: string;
  name: string;
  /** Null for container-image functions (no managed runtime). */
  runtime: string | null;
  architecture: "x86_64" | "arm64";
  memoryMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  packageType: "Zip" | "Image";
  snapStart: boolean;
  /** Null: could not be read (ListTags failed); {} means no tags. */
  tags: Record<string, string> | null;
  /** Null: could not be read; [] means none configured. */
  provisionedConcurrency: ProvisionedConcurrencyInfo[] | null;
};

/** Lambda's own default /tmp size; functions created before the setting existed omit the field. */
export const DEFAULT_EPHEMERAL_STORAGE_MB = 512;

const LAMBDA_ARN = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::([^:]+))?$/;

export type ParsedLambdaArn = {
  partition: string;
  region: string;
  accountId: string;
  name: string;
  qualifier: string | null;
  /** The ARN without a qualifier. */
  unqualifiedArn: string;
};

export function parseLambdaArn(arn: string): ParsedLambdaArn | null {
  const match = LAMBDA_ARN.exec(arn);
  if (!match) return null;
  const [, partition, region, accountId, name, qualifier] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  return {
    partition,
    region,
    accountId,
    name,
    qualifier: qualifier ?? null,
    unqualifiedArn: `arn:${partition}:lambda:${region}:${accountId}:function:${name}`,
  };
}

const functionConfigurationSchema = z.object({
  FunctionName: z.string().min(1),
  FunctionArn: z.string().min(1),
  Runtime: z.string().min(1).nullish(),
  MemorySize: z.number().int().positive(),
  Timeout: z.number().int().positive(),
  Architectures: z.array(z.string()).nullish(),
  EphemeralStorage: z.object({ Size: z.number().int().positive() }).nullish(),
  PackageType: z.enum(["Zip", "Image"]).nullish(),
  SnapStart: z.object({ ApplyOn: z.string().nullish() }).nullish(),
});

/** One listed function; `tags` and `provisionedConcurrency` stay null until lambda-api fills them. */
export function mapLambdaFunction(config: FunctionConfiguration, region: string): LambdaFunctionInfo {
  const parsed = functionConfigurationSchema.safeParse(config);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(root)"))];
    throw new AwsResponseShapeError(
      "lambda:ListFunctions",
      `function ${String(config.FunctionName ?? config.FunctionArn ?? "(unnamed)")}: missing or invalid ${fields.join(", ")}`,
    );
  }
  const fn = parsed.data;
  const arn = parseLambdaArn(fn.FunctionArn);
  if (!arn) {
    throw new AwsResponseShapeError("lambda:ListFunctions", `function ${fn.FunctionName}: unexpected ARN`);
  }
  return {
    arn: arn.unqualifiedArn,
    accountId: arn.accountId,
    region,
    name: fn.FunctionName,
    runtime: fn.Runtime ?? null,
    architecture: fn.Architectures?.[0] === "arm64" ? "arm64" : "x86_64",
    memoryMb: fn.MemorySize,
    timeoutSeconds: fn.Timeout,
    ephemeralStorageMb: fn.EphemeralStorage?.Size ?? DEFAULT_EPHEMERAL_STORAGE_MB,
    packageType: fn.PackageType ?? "Zip",
    snapStart: fn.SnapStart?.ApplyOn === "PublishedVersions",
    tags: null,
    provisionedConcurrency: null,
  };
}

const provisionedConcurrencySchema = z.object({
  FunctionArn: z.string(),
  RequestedProvisionedConcurrentExecutions: z.number().int().nonnegative(),
  AllocatedProvisionedConcurrentExecutions: z.number().int().nonnegative().nullish(),
  Status: z.string().nullish(),
});

/**
 * The provisioned-concurrency configurations of one function, sorted by qualifier. An item whose
 * ARN carries no qualifier or lacks the requested count is skipped (PC is always on an alias or a
 * version; the count is required by PutProvisionedConcurrencyConfig).
 */
export function mapProvisionedConcurrencyConfigs(
  items: readonly ProvisionedConcurrencyConfigListItem[],
): ProvisionedConcurrencyInfo[] {
  const configs: ProvisionedConcurrencyInfo[] = [];
  for (const item of items) {
    const parsed = provisionedConcurrencySchema.safeParse(item);
    if (!parsed.success) continue;
    const qualifier = parseLambdaArn(parsed.data.FunctionArn)?.qualifier;
    if (!qualifier) continue;
    configs.push({
      qualifier,
      requestedCount: parsed.data.RequestedProvisionedConcurrentExecutions,
      allocatedCount: parsed.data.AllocatedProvisionedConcurrentExecutions ?? null,
      status: parsed.data.Status ?? "UNKNOWN",
    });
  }
  return configs.sort((a, b) => (a.qualifier < b.qualifier ? -1 : a.qualifier > b.qualifier ? 1 : 0));
}

/** Tags as returned by ListTags (`Tags` map); undefined → no tags. */
export function mapLambdaTags(tags: Record<string, string> | undefined | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags ?? {})) {
    if (typeof value === "string") result[key] = value;
  }
  return result;
}
