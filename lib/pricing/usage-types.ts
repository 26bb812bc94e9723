/**
 * Cost Explorer / CUR usage types for Lambda and Fargate: what each one prices (its cost
 * component), which region it was used in, and how to build them for a region. Shared by the demo
 * fleet (lib/demo), the Cost Explorer mapper (lib/aws) and the import pipeline (lib/db/import
 * re-exports it), so the demo's cost lines look exactly like imported ones. It lives in lib/pricing
 * because it is billing vocabulary every layer may import.
 *
 * Region prefixes (docs/aws-facts.md §7.3): us-east-1 Lambda usage types have NO prefix
 * ("Lambda-GB-Second") while us-east-1 Fargate ones do ("USE1-Fargate-GB-Hours"). eu-west-1 uses the legacy "EU-" prefix
 * (AWS's own CUR samples and the eu-west-1 offer file show "EU-Lambda-GB-Second"), not "EUW1-".
 * Match on the part after the prefix, never on the whole string.
 *
 * Pure: no database access.
 */
import type { Architecture, CostComponent, FargateOs } from "@/lib/pricing/types";

/** Cost Explorer SERVICE values of what Breakeven compares (docs/aws-facts.md §7.2). */
export const COST_EXPLORER_SERVICES = {
  lambda: "AWS Lambda",
  ecs: "Amazon Elastic Container Service",
  apiGateway: "Amazon API Gateway",
  elb: "Amazon Elastic Load Balancing",
} as const;

export type CostExplorerService = (typeof COST_EXPLORER_SERVICES)[keyof typeof COST_EXPLORER_SERVICES];

/** The spend groups the fleet views split by: the two compute services, and the rest. */
export type SpendGroupKey = "lambda" | "fargate" | "other";

export function toSpendGroupKey(ceService: string): SpendGroupKey {
  if (ceService === COST_EXPLORER_SERVICES.lambda) return "lambda";
  if (ceService === COST_EXPLORER_SERVICES.ecs) return "fargate";
  return "other";
}

/** A cost line's component: what the usage type prices, or "other" when it is none of ours. */
export type CostLineComponent = CostComponent | "other";

/** Usage-type region prefixes, without the dash. */
const REGION_PREFIXES: Record<string, string> = {
  "us-east-1": "USE1",
  "us-east-2": "USE2",
  "us-west-1": "USW1",
  "us-west-2": "USW2",
  "ca-central-1": "CAN1",
  "sa-east-1": "SAE1",
  "eu-west-1": "EU",
  "eu-west-2": "EUW2",
  "eu-west-3": "EUW3",
  "eu-central-1": "EUC1",
  "eu-north-1": "EUN1",
  "eu-south-1": "EUS1",
  "ap-northeast-1": "APN1",
  "ap-northeast-2": "APN2",
  "ap-northeast-3": "APN3",
  "ap-southeast-1": "APS1",
  "ap-southeast-2": "APS2",
  "ap-south-1": "APS3",
  "ap-east-1": "APE1",
  "me-south-1": "MES1",
  "af-south-1": "AFS1",
};

/** A region prefix ("USE1", "EU", "APS2") or "Global", then a dash. */
const USAGE_TYPE_PREFIX = /^([A-Z]{2,4}\d{0,2}|Global)-/;

const REGION_BY_PREFIX: ReadonlyMap<string, string> = new Map(
  Object.entries(REGION_PREFIXES).map(([region, prefix]) => [prefix, region]),
);

/** Region of a usage type that is not tied to one (free-tier "Global-" rows, credits without a usage type). */
export const GLOBAL_REGION = "global";
/** Region of a usage type whose prefix Breakeven does not know yet (the usage type keeps the prefix). */
export const UNKNOWN_REGION = "unknown";

/**
 * The region a usage type was used in, from its prefix ("USE2-Lambda-GB-Second" → "us-east-2",
 * "EU-…" → "eu-west-1"). No prefix is us-east-1: its usage types are the ones AWS left
 * unprefixed (docs/aws-facts.md §7.3: "Lambda-GB-Second", "Request"). "Global-…" and an empty
 * usage type ("NoUsageType") are GLOBAL_REGION; a prefix missing from the table is UNKNOWN_REGION,
 * never a guess.
 */
export function toRegionOfUsageType(usageType: string): string {
  if (usageType === "" || usageType === "NoUsageType") return GLOBAL_REGION;
  const prefix = USAGE_TYPE_PREFIX.exec(usageType)?.[1];
  if (prefix === undefined) return "us-east-1";
  if (prefix === "Global") return GLOBAL_REGION;
  return REGION_BY_PREFIX.get(prefix) ?? UNKNOWN_REGION;
}

/** Services whose us-east-1 usage types carry no region prefix (the oldest ones). */
const UNPREFIXED_IN_US_EAST_1: ReadonlySet<UsageTypeService> = new Set(["lambda"]);

export type UsageTypeService = "lambda" | "fargate";

/** "USE1-", "EU-", "APS2-" … or "" (Lambda in us-east-1). Throws for a region we have no prefix for. */
export function toUsageTypePrefix(region: string, service: UsageTypeService): string {
  if (region === "us-east-1" && UNPREFIXED_IN_US_EAST_1.has(service)) return "";
  const prefix = REGION_PREFIXES[region];
  if (!prefix) throw new Error(`no usage-type prefix known for region ${region}`);
  return `${prefix}-`;
}

export type LambdaUsageKind =
  "requests" | "duration" | "provisioned-concurrency" | "provisioned-duration" | "ephemeral-storage";

const LAMBDA_USAGE_BASES: Record<LambdaUsageKind, string> = {
  requests: "Request",
  duration: "Lambda-GB-Second",
  "provisioned-concurrency": "Lambda-Provisioned-Concurrency",
  "provisioned-duration": "Lambda-Provisioned-GB-Second",
  "ephemeral-storage": "Lambda-Storage-GB-Second",
};

/** e.g. ("eu-west-1", "arm64", "duration") → "EU-Lambda-GB-Second-ARM". */
export function toLambdaUsageType(region: string, architecture: Architecture, kind: LambdaUsageKind): string {
  const suffix = architecture === "arm64" ? "-ARM" : "";
  return `${toUsageTypePrefix(region, "lambda")}${LAMBDA_USAGE_BASES[kind]}${suffix}`;
}

export type FargateUsageKind = "vcpu" | "memory" | "os-license" | "ephemeral-storage";

export type FargatePlatform = { architecture: Architecture; os: FargateOs; isSpot: boolean };

/**
 * e.g. ("us-east-1", {arm64, linux, spot}, "vcpu") → "USE1-SpotUsage-Fargate-ARM-vCPU-Hours:perCPU".
 * Throws for combinations AWS does not sell (Windows on arm64 or on Spot; an OS fee on Linux).
 */
export function toFargateUsageType(
  region: string,
  platform: FargatePlatform,
  kind: FargateUsageKind,
): string {
  const { architecture, os, isSpot } = platform;
  if (os === "windows" && (architecture === "arm64" || isSpot)) {
    throw new Error("Fargate Windows runs on x86_64 on-demand only");
  }
  const prefix = toUsageTypePrefix(region, "fargate");
  if (kind === "ephemeral-storage") return `${prefix}Fargate-EphemeralStorage-GB-Hours`;
  if (kind === "os-license") {
    if (os !== "windows") throw new Error("only Fargate Windows has an OS licence usage type");
    return `${prefix}Fargate-Windows-OS-Hours:perCPU`;
  }
  const variant = os === "windows" ? "Windows-" : architecture === "arm64" ? "ARM-" : "";
  const spot = isSpot ? "SpotUsage-" : "";
  const base = kind === "vcpu" ? "vCPU-Hours:perCPU" : "GB-Hours";
  return `${prefix}${spot}Fargate-${variant}${base}`;
}

/** The unit Cost Explorer reports UsageQuantity in for a usage type (for display only). */
export function toUsageUnit(usageType: string): string | null {
  const component = mapUsageTypeToComponent(usageType);
  switch (component) {
    case "requests":
      return "Requests";
    case "duration":
    case "provisioned-concurrency":
    case "provisioned-duration":
      return "Lambda-GB-Second";
    case "ephemeral-storage":
      return usageType.includes("Fargate") ? "GB-Hours" : "GB-Seconds";
    case "vcpu":
    case "os-license":
      return "Hrs";
    case "memory":
      return "GB-Hours";
    default:
      return null;
  }
}

// One optional region prefix ("USE1-", "EU-", "APS2-", "Global-" for free-tier rows), then the
// usage type proper. Anchored at both ends so "Lambda-GB-Second" never matches
// "Lambda-Provisioned-GB-Second" and "Fargate-vCPU-Hours" never matches the Windows/ARM/Spot rows
// by accident (each has its own pattern below).
const PREFIX = String.raw`^(?:(?:[A-Z]{2,4}\d{0,2}|Global)-)?`;
const ARM = String.raw`(?:-ARM)?`;

const USAGE_TYPE_PATTERNS: readonly [RegExp, CostLineComponent][] = [
  [new RegExp(`${PREFIX}Request${ARM}$`), "requests"],
  [new RegExp(`${PREFIX}Lambda-GB-Second${ARM}$`), "duration"],
  [new RegExp(`${PREFIX}Lambda-Provisioned-Concurrency${ARM}$`), "provisioned-concurrency"],
  [new RegExp(`${PREFIX}Lambda-Provisioned-GB-Second${ARM}$`), "provisioned-duration"],
  [new RegExp(`${PREFIX}Lambda-Storage-GB-Second${ARM}$`), "ephemeral-storage"],
  [new RegExp(`${PREFIX}Lambda-Streaming-Response-Processed-Bytes${ARM}$`), "streaming"],
  [new RegExp(`${PREFIX}Lambda-SnapStart-[A-Za-z-]+${ARM}$`), "snapstart"],
  [new RegExp(`${PREFIX}Lambda-Edge-Request$`), "requests"],
  [new RegExp(`${PREFIX}Lambda-Edge-GB-Second$`), "duration"],
  [new RegExp(`${PREFIX}(?:SpotUsage-)?Fargate-(?:ARM-|Windows-)?vCPU-Hours:perCPU$`), "vcpu"],
  [new RegExp(`${PREFIX}(?:SpotUsage-)?Fargate-(?:ARM-|Windows-)?GB-Hours$`), "memory"],
  [new RegExp(`${PREFIX}Fargate-Windows-OS-Hours:perCPU$`), "os-license"],
  [new RegExp(`${PREFIX}Fargate-(?:ARM-)?EphemeralStorage-GB-Hours$`), "ephemeral-storage"],
  [new RegExp(`${PREFIX}(?:LoadBalancerUsage|LCUUsage)$`), "front-door"],
  [new RegExp(`${PREFIX}ApiGateway(?:Http|WebSocket)?Request$`), "front-door"],
  [/^ComputeSP:/, "savings-plan"],
];

/**
 * What a usage type prices: "requests", "duration", "provisioned-concurrency", "vcpu", "memory" …
 * or "other" for anything else (data transfer, CloudWatch, unknown future types), so that an
 * unfamiliar line is bucketed visibly instead of mis-attributed.
 */
export function mapUsageTypeToComponent(usageType: string): CostLineComponent {
  for (const [pattern, component] of USAGE_TYPE_PATTERNS) {
    if (pattern.test(usageType)) return component;
  }
  return "other";
}

/** The Lambda usage kind each bill component of the engine is billed under (INIT inside duration). */
export const LAMBDA_USAGE_KIND_BY_COMPONENT: Partial<Record<CostComponent, LambdaUsageKind>> = {
  requests: "requests",
  duration: "duration",
  // A real bill has no INIT usage type: cold starts are billed inside Lambda-GB-Second.
  init: "duration",
  "provisioned-concurrency": "provisioned-concurrency",
  "provisioned-duration": "provisioned-duration",
  "ephemeral-storage": "ephemeral-storage",
};

/** The Fargate usage kind each bill component of the engine is billed under. */
export const FARGATE_USAGE_KIND_BY_COMPONENT: Partial<Record<CostComponent, FargateUsageKind>> = {
  vcpu: "vcpu",
  memory: "memory",
  "os-license": "os-license",
  "ephemeral-storage": "ephemeral-storage",
};

/**
 * One day of billed cost for one usage type and record type (and resource, where the bill names it):
 * the row a sync or the demo writes to CostLine. Defined here, in pure code, so that lib/aws (the
 * Cost Explorer mapper) and lib/db (the import) share it.
 */
export type CostLineFields = {
  accountId: string;
  region: string;
  service: string;
  usageType: string;
  recordType: string;
  /** "" when Cost Explorer does not attribute the line to one resource. */
  resourceArn: string;
  day: Date;
  component: string;
  /** Exact decimal string as billed (Cost Explorer's UnblendedCost). */
  amount: string;
  /** The same amount in 1e-9 USD (toNanoUsd(amount)). */
  amountNanoUsd: bigint;
  /** Cost Explorer's AmortizedCost of the line, exact; null when the source did not give it. */
  amortizedAmount: string | null;
  amortizedNanoUsd: bigint | null;
  currency: string;
  usageQuantity: number | null;
  usageUnit: string | null;
  isEstimated: boolean;
  source: string;
};
