/**
 * The shapes AWS Compute Optimizer's advice is kept in, shared by lib/aws (the mapper), lib/db (the
 * import table and the queries) and the demo (docs/compute-optimizer.md).
 */
export type ComputeOptimizerResourceKind = "lambda" | "fargate";
export type ComputeOptimizerSource = "api" | "csv";
export type ComputeOptimizerStatus = "ok" | "not-enrolled" | "access-denied" | "failed";

/**
 * One Compute Optimizer recommendation as stored: the row the sync (lib/aws mapper) and the CSV
 * import produce and lib/db/import writes. A field AWS leaves out is null ("unknown"), never 0.
 */
export type ComputeOptimizerRecommendationFields = {
  resourceArn: string;
  qualifier: string;
  source: ComputeOptimizerSource;
  resourceKind: ComputeOptimizerResourceKind;
  accountId: string;
  region: string;
  finding: string;
  findingReasonCodesJson: string;
  currentMemoryMb: number | null;
  recommendedMemoryMb: number | null;
  currentCpuUnits: number | null;
  recommendedCpuUnits: number | null;
  projectedDurationExpectedMs: number | null;
  projectedDurationLowerMs: number | null;
  projectedDurationUpperMs: number | null;
  estimatedMonthlySavingsAmount: number | null;
  savingsCurrency: string | null;
  savingsOpportunityPercent: number | null;
  invocations: number | null;
  lookbackDays: number | null;
  lastRefreshAt: Date | null;
  importedAt: Date;
};
