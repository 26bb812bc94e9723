/**
 * The stable, versioned JSON shape of exported recommendations (`npm run -s cli -- recommend
 * --json`, and the recommendations page's exports). Other tools may read it: add fields, never
 * rename or remove one without bumping `version`.
 */
import { z } from "zod";

export const RECOMMENDATION_EXPORT_VERSION = 1;

export const RECOMMENDATION_KINDS = [
  "lambda-memory",
  "lambda-arm64",
  "provisioned-concurrency",
  "lambda-to-fargate",
  "fargate-to-lambda",
  "fargate-right-size",
  "fargate-spot",
] as const;

const usdOrNull = z.number().finite().nullable();

export const exportedRecommendationSchema = z.object({
  id: z.string(),
  resourceArn: z.string(),
  resourceName: z.string(),
  resourceKind: z.enum(["lambda", "fargate"]),
  kind: z.enum(RECOMMENDATION_KINDS),
  accountId: z.string(),
  region: z.string(),
  currentConfig: z.string(),
  proposedConfig: z.string(),
  proposed: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  currentMonthlyCostUsd: usdOrNull,
  proposedMonthlyCostUsd: usdOrNull,
  /** null when the saving cannot be priced (a rate is unknown). */
  monthlySavingUsd: usdOrNull,
  /** Share of the current monthly cost (0.25 = 25 %). */
  savingPercent: z.number().finite().nullable(),
  confidence: z.enum(["high", "medium", "low"]),
  /** One line a human can read. */
  reason: z.string(),
  evidence: z.array(z.object({ label: z.string(), value: z.string(), chart: z.string().optional() })),
  assumptions: z.array(z.string()),
  risks: z.array(z.string()),
});

export const recommendationExportSchema = z.object({
  version: z.literal(RECOMMENDATION_EXPORT_VERSION),
  generatedAt: z.string().datetime(),
  /** Sum over resources of each resource's largest saving (alternatives on one resource do not add up). */
  totalMonthlySavingUsd: z.number().finite(),
  recommendations: z.array(exportedRecommendationSchema),
});

export type ExportedRecommendation = z.infer<typeof exportedRecommendationSchema>;
export type RecommendationExport = z.infer<typeof recommendationExportSchema>;
