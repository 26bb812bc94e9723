/**
 * Row shapes and upsert specs of the tables a sync (or the demo) fills in bulk. Plain data: Dates for
 * DateTime columns, bigint for BigInt columns. `createdAt`/`updatedAt` are set by the writer.
 *
 * Every spec names the table's natural key (`key`) and the columns an upsert may change
 * (`update`). An upsert of a row identical to the stored one changes nothing, not even updatedAt,
 * so re-importing the same data is a no-op.
 */

import type { ComputeOptimizerRecommendationFields } from "@/lib/schemas/compute-optimizer";
import type { CostLineFields } from "@/lib/pricing/usage-types";

export type ColumnType = "text" | "int" | "real" | "bool" | "datetime" | "bigint";

export type TableSpec<Row> = {
  table: string;
  columns: { [K in keyof Row & string]: ColumnType };
  /** The natural unique key (all NOT NULL). */
  key: readonly (keyof Row & string)[];
  /** Columns overwritten when a row with the same key exists and any of them differs. */
  update: readonly (keyof Row & string)[];
  /**
   * Columns usually equal across consecutive rows (one resource's lines). A performance hint only:
   * the SQLite writer binds them once per run of equal values instead of once per row.
   */
  shared?: readonly (keyof Row & string)[];
};

function defineTable<Row>(spec: TableSpec<Row>): TableSpec<Row> {
  return spec;
}

export type AccountRow = {
  id: string;
  name: string;
  isDemo: boolean;
  roleArn: string | null;
  externalId: string | null;
};

export const ACCOUNT_TABLE = defineTable<AccountRow>({
  table: "Account",
  columns: { id: "text", name: "text", isDemo: "bool", roleArn: "text", externalId: "text" },
  key: ["id"],
  update: ["name", "isDemo", "roleArn", "externalId"],
});

export type AccountRegionRow = {
  accountId: string;
  region: string;
  isEnabled: boolean;
  /** The period the last good import read metrics for: inside it, no metric points means idle. */
  metricsFrom: Date | null;
  metricsTo: Date | null;
};

export const ACCOUNT_REGION_TABLE = defineTable<AccountRegionRow>({
  table: "AccountRegion",
  columns: {
    accountId: "text",
    region: "text",
    isEnabled: "bool",
    metricsFrom: "datetime",
    metricsTo: "datetime",
  },
  key: ["accountId", "region"],
  update: ["isEnabled", "metricsFrom", "metricsTo"],
});

export type LambdaFunctionRow = {
  id: string;
  arn: string;
  accountId: string;
  region: string;
  name: string;
  runtime: string | null;
  architecture: string;
  memoryMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  packageType: string;
  snapStart: boolean;
  tagsJson: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  isDemo: boolean;
};

/** Keyed by ARN: a sync keeps the id of a function it already knows. */
export const LAMBDA_FUNCTION_TABLE = defineTable<LambdaFunctionRow>({
  table: "LambdaFunction",
  columns: {
    id: "text",
    arn: "text",
    accountId: "text",
    region: "text",
    name: "text",
    runtime: "text",
    architecture: "text",
    memoryMb: "int",
    timeoutSeconds: "int",
    ephemeralStorageMb: "int",
    packageType: "text",
    snapStart: "bool",
    tagsJson: "text",
    firstSeenAt: "datetime",
    lastSeenAt: "datetime",
    deletedAt: "datetime",
    isDemo: "bool",
  },
  key: ["arn"],
  update: [
    "runtime",
    "architecture",
    "memoryMb",
    "timeoutSeconds",
    "ephemeralStorageMb",
    "packageType",
    "snapStart",
    "tagsJson",
    "lastSeenAt",
    "deletedAt",
    "isDemo",
  ],
});

export type LambdaConfigChangeRow = {
  id: string;
  functionId: string;
  effectiveAt: Date;
  memoryMb: number;
  architecture: string;
  timeoutSeconds: number;
};

export const LAMBDA_CONFIG_CHANGE_TABLE = defineTable<LambdaConfigChangeRow>({
  table: "LambdaConfigChange",
  columns: {
    id: "text",
    functionId: "text",
    effectiveAt: "datetime",
    memoryMb: "int",
    architecture: "text",
    timeoutSeconds: "int",
  },
  key: ["functionId", "effectiveAt"],
  update: ["memoryMb", "architecture", "timeoutSeconds"],
});

export type LambdaProvisionedConcurrencyRow = {
  id: string;
  functionId: string;
  qualifier: string;
  requestedCount: number;
  allocatedCount: number | null;
  activeHoursPerDay: number;
  status: string;
};

export const LAMBDA_PROVISIONED_CONCURRENCY_TABLE = defineTable<LambdaProvisionedConcurrencyRow>({
  table: "LambdaProvisionedConcurrency",
  columns: {
    id: "text",
    functionId: "text",
    qualifier: "text",
    requestedCount: "int",
    allocatedCount: "int",
    activeHoursPerDay: "real",
    status: "text",
  },
  key: ["functionId", "qualifier"],
  update: ["requestedCount", "allocatedCount", "activeHoursPerDay", "status"],
});

export type FargateServiceRow = {
  id: string;
  arn: string;
  accountId: string;
  region: string;
  clusterName: string;
  name: string;
  taskDefinitionArn: string;
  cpuUnits: number;
  memoryMb: number;
  os: string;
  architecture: string;
  ephemeralStorageGb: number;
  onDemandWeight: number;
  spotWeight: number;
  desiredCount: number;
  runningCount: number;
  tagsJson: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  isDemo: boolean;
};

export const FARGATE_SERVICE_TABLE = defineTable<FargateServiceRow>({
  table: "FargateService",
  columns: {
    id: "text",
    arn: "text",
    accountId: "text",
    region: "text",
    clusterName: "text",
    name: "text",
    taskDefinitionArn: "text",
    cpuUnits: "int",
    memoryMb: "int",
    os: "text",
    architecture: "text",
    ephemeralStorageGb: "int",
    onDemandWeight: "int",
    spotWeight: "int",
    desiredCount: "int",
    runningCount: "int",
    tagsJson: "text",
    firstSeenAt: "datetime",
    lastSeenAt: "datetime",
    deletedAt: "datetime",
    isDemo: "bool",
  },
  key: ["arn"],
  update: [
    "taskDefinitionArn",
    "cpuUnits",
    "memoryMb",
    "os",
    "architecture",
    "ephemeralStorageGb",
    "onDemandWeight",
    "spotWeight",
    "desiredCount",
    "runningCount",
    "tagsJson",
    "lastSeenAt",
    "deletedAt",
    "isDemo",
  ],
});

export type FargateServiceConfigChangeRow = {
  id: string;
  serviceId: string;
  effectiveAt: Date;
  cpuUnits: number;
  memoryMb: number;
  architecture: string;
};

export const FARGATE_SERVICE_CONFIG_CHANGE_TABLE = defineTable<FargateServiceConfigChangeRow>({
  table: "FargateServiceConfigChange",
  columns: {
    id: "text",
    serviceId: "text",
    effectiveAt: "datetime",
    cpuUnits: "int",
    memoryMb: "int",
    architecture: "text",
  },
  key: ["serviceId", "effectiveAt"],
  update: ["cpuUnits", "memoryMb", "architecture"],
});

export type MetricPointRow = {
  resourceArn: string;
  resourceType: string;
  metric: string;
  stat: string;
  granularity: string;
  timestamp: Date;
  value: number;
  unit: string;
};

export const METRIC_POINT_TABLE = defineTable<MetricPointRow>({
  table: "MetricPoint",
  columns: {
    resourceArn: "text",
    resourceType: "text",
    metric: "text",
    stat: "text",
    granularity: "text",
    timestamp: "datetime",
    value: "real",
    unit: "text",
  },
  key: ["resourceArn", "metric", "stat", "granularity", "timestamp"],
  update: ["resourceType", "value", "unit"],
});

/**
 * Many points of one metric statistic of one resource, as CloudWatch GetMetricData returns them
 * (parallel timestamp and value arrays). The cheap way to import metrics in bulk: no object per point.
 */
export type MetricSeriesInput = {
  resourceArn: string;
  resourceType: string;
  metric: string;
  stat: string;
  granularity: string;
  unit: string;
  /** Period starts, epoch milliseconds (UTC). */
  timestampsMs: ArrayLike<number>;
  values: ArrayLike<number>;
};

/** Expands series into rows (for small imports and tests). */
export function toMetricPointRows(series: readonly MetricSeriesInput[]): MetricPointRow[] {
  const rows: MetricPointRow[] = [];
  for (const item of series) {
    for (let index = 0; index < item.timestampsMs.length; index += 1) {
      rows.push({
        resourceArn: item.resourceArn,
        resourceType: item.resourceType,
        metric: item.metric,
        stat: item.stat,
        granularity: item.granularity,
        timestamp: new Date(item.timestampsMs[index] ?? Number.NaN),
        value: item.values[index] ?? Number.NaN,
        unit: item.unit,
      });
    }
  }
  return rows;
}

export type MemoryObservationRow = {
  functionArn: string;
  memoryMb: number;
  architecture: string;
  source: string;
  observedOn: Date;
  invocations: number;
  durationAvgMs: number;
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  durationP99Ms: number | null;
  maxMemoryUsedMb: number | null;
  initDurationAvgMs: number | null;
  coldStarts: number | null;
};

export const MEMORY_OBSERVATION_TABLE = defineTable<MemoryObservationRow>({
  table: "MemoryObservation",
  columns: {
    functionArn: "text",
    memoryMb: "int",
    architecture: "text",
    source: "text",
    observedOn: "datetime",
    invocations: "int",
    durationAvgMs: "real",
    durationP50Ms: "real",
    durationP95Ms: "real",
    durationP99Ms: "real",
    maxMemoryUsedMb: "int",
    initDurationAvgMs: "real",
    coldStarts: "int",
  },
  key: ["functionArn", "memoryMb", "architecture", "source", "observedOn"],
  shared: ["functionArn", "memoryMb", "architecture", "source"],
  update: [
    "invocations",
    "durationAvgMs",
    "durationP50Ms",
    "durationP95Ms",
    "durationP99Ms",
    "maxMemoryUsedMb",
    "initDurationAvgMs",
    "coldStarts",
  ],
});

/** One day of billed cost (the shape is shared with lib/aws, which may not import lib/db). */
export type CostLineRow = CostLineFields;

export const COST_LINE_TABLE = defineTable<CostLineRow>({
  table: "CostLine",
  columns: {
    accountId: "text",
    region: "text",
    service: "text",
    usageType: "text",
    recordType: "text",
    resourceArn: "text",
    day: "datetime",
    component: "text",
    amount: "text",
    amountNanoUsd: "bigint",
    amortizedAmount: "text",
    amortizedNanoUsd: "bigint",
    currency: "text",
    usageQuantity: "real",
    usageUnit: "text",
    isEstimated: "bool",
    source: "text",
  },
  key: ["accountId", "region", "service", "usageType", "recordType", "resourceArn", "day"],
  shared: [
    "accountId",
    "region",
    "service",
    "usageType",
    "recordType",
    "resourceArn",
    "component",
    "currency",
    "usageUnit",
    "isEstimated",
    "source",
  ],
  update: [
    "component",
    "amount",
    "amountNanoUsd",
    "amortizedAmount",
    "amortizedNanoUsd",
    "currency",
    "usageQuantity",
    "usageUnit",
    "isEstimated",
    "source",
  ],
});

/**
 * The cost lines of one account and source for some UTC days, replaced as a whole: the days' stored
 * lines are deleted and the batch's `costLines` written in the same transaction, so a day AWS
 * restated (or emptied) never keeps an old line next to a new one.
 */
export type CostLineReplacement = {
  accountId: string;
  source: string;
  /** UTC midnights; each day's lines are replaced. */
  days: readonly Date[];
};

/** The period whose bill a Cost Explorer read covers (Account.costFrom/costTo/costFinalTo). */
export type AccountCostCoverageRow = {
  accountId: string;
  costFrom: Date;
  costTo: Date;
  costFinalTo: Date;
};

export type ResourceSummaryRow = {
  resourceArn: string;
  resourceType: string;
  windowDays: number;
  windowEnd: Date;
  costNanoUsd: bigint | null;
  invocations: number | null;
  durationP95Ms: number | null;
  cpuUtilizationAvg: number | null;
  memoryUtilizationAvg: number | null;
  dailyCostJson: string;
  durationCostNanoUsd: bigint | null;
  invokeGbSeconds: number | null;
  initGbSeconds: number | null;
};

export const RESOURCE_SUMMARY_TABLE = defineTable<ResourceSummaryRow>({
  table: "ResourceSummary",
  columns: {
    resourceArn: "text",
    resourceType: "text",
    windowDays: "int",
    windowEnd: "datetime",
    costNanoUsd: "bigint",
    invocations: "real",
    durationP95Ms: "real",
    cpuUtilizationAvg: "real",
    memoryUtilizationAvg: "real",
    dailyCostJson: "text",
    durationCostNanoUsd: "bigint",
    invokeGbSeconds: "real",
    initGbSeconds: "real",
  },
  key: ["resourceArn"],
  update: [
    "resourceType",
    "windowDays",
    "windowEnd",
    "costNanoUsd",
    "invocations",
    "durationP95Ms",
    "cpuUtilizationAvg",
    "memoryUtilizationAvg",
    "dailyCostJson",
    "durationCostNanoUsd",
    "invokeGbSeconds",
    "initGbSeconds",
  ],
});

export type DailySpendRow = {
  day: Date;
  accountId: string;
  region: string;
  service: string;
  component: string;
  costNanoUsd: bigint;
};

export const DAILY_SPEND_TABLE = defineTable<DailySpendRow>({
  table: "DailySpend",
  columns: {
    day: "datetime",
    accountId: "text",
    region: "text",
    service: "text",
    component: "text",
    costNanoUsd: "bigint",
  },
  key: ["day", "accountId", "region", "service", "component"],
  update: ["costNanoUsd"],
});

/** AWS Compute Optimizer's advice for one function version or service (lib/aws/map-compute-optimizer.ts). */
export type ComputeOptimizerRecommendationRow = ComputeOptimizerRecommendationFields;

export const COMPUTE_OPTIMIZER_RECOMMENDATION_TABLE = defineTable<ComputeOptimizerRecommendationRow>({
  table: "ComputeOptimizerRecommendation",
  columns: {
    resourceArn: "text",
    qualifier: "text",
    source: "text",
    resourceKind: "text",
    accountId: "text",
    region: "text",
    finding: "text",
    findingReasonCodesJson: "text",
    currentMemoryMb: "int",
    recommendedMemoryMb: "int",
    currentCpuUnits: "int",
    recommendedCpuUnits: "int",
    projectedDurationExpectedMs: "real",
    projectedDurationLowerMs: "real",
    projectedDurationUpperMs: "real",
    estimatedMonthlySavingsAmount: "real",
    savingsCurrency: "text",
    savingsOpportunityPercent: "real",
    invocations: "real",
    lookbackDays: "real",
    lastRefreshAt: "datetime",
    importedAt: "datetime",
  },
  key: ["resourceArn", "qualifier", "source"],
  // importedAt is left out: re-reading unchanged advice changes nothing.
  update: [
    "resourceKind",
    "accountId",
    "region",
    "finding",
    "findingReasonCodesJson",
    "currentMemoryMb",
    "recommendedMemoryMb",
    "currentCpuUnits",
    "recommendedCpuUnits",
    "projectedDurationExpectedMs",
    "projectedDurationLowerMs",
    "projectedDurationUpperMs",
    "estimatedMonthlySavingsAmount",
    "savingsCurrency",
    "savingsOpportunityPercent",
    "invocations",
    "lookbackDays",
    "lastRefreshAt",
  ],
});

/** How the last read of Compute Optimizer went for one account, region and resource kind. */
export type ComputeOptimizerStateRow = {
  accountId: string;
  region: string;
  resourceKind: string;
  /** "ok" | "not-enrolled" | "access-denied" | "failed" */
  status: string;
  code: string | null;
  message: string | null;
  recommendations: number;
  checkedAt: Date;
};

export const COMPUTE_OPTIMIZER_STATE_TABLE = defineTable<ComputeOptimizerStateRow>({
  table: "ComputeOptimizerState",
  columns: {
    accountId: "text",
    region: "text",
    resourceKind: "text",
    status: "text",
    code: "text",
    message: "text",
    recommendations: "int",
    checkedAt: "datetime",
  },
  key: ["accountId", "region", "resourceKind"],
  update: ["status", "code", "message", "recommendations", "checkedAt"],
});

/**
 * One read of Compute Optimizer (one account, region and resource kind): its state, and — when the
 * read succeeded — every recommendation of source "api", replacing the stored ones (a function AWS
 * no longer lists loses its advice). `recommendations: null` (a failed read) keeps the stored rows.
 */
export type ComputeOptimizerRead = {
  state: ComputeOptimizerStateRow;
  recommendations: readonly ComputeOptimizerRecommendationRow[] | null;
};

export type SyncRunRow = {
  id: string;
  kind: string;
  status: string;
  accountId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  detailJson: string;
  error: string | null;
};

export const SYNC_RUN_TABLE = defineTable<SyncRunRow>({
  table: "SyncRun",
  columns: {
    id: "text",
    kind: "text",
    status: "text",
    accountId: "text",
    startedAt: "datetime",
    finishedAt: "datetime",
    detailJson: "text",
    error: "text",
  },
  key: ["id"],
  update: ["status", "finishedAt", "detailJson", "error"],
});
