/**
 * The stable, versioned JSON shape of exported recommendations (`npm run -s cli -- recommend
 * --format json`, and the recommendations page's JSON export). Other tools may read it: add fields,
 * never rename or remove one without bumping `version`. The same schema as JSON Schema (draft
 * 2020-12) is docs/recommendations-export.schema.json, written by `npx tsx scripts/export-schema.ts`
 * (a unit test fails when the two differ); docs/recommendations-export.md describes every format.
 *
 * Version 2 (the stored, reviewed recommendations of the recommendations page) changed from
 * version 1 (freshly computed advice):
 * - each recommendation adds its review state: `status`, `dismissReason`, `statusChangedAt`,
 *   `isCurrent`, `appliedAt` and `realisedMonthlySavingUsd`, and the resource's `tags`;
 * - the top level adds `filter` (what selected the list: the page's URL filter, or the CLI flags)
 *   and `totals` (count, unknown savings, and the known saving by kind, account and region), and
 *   `computedAt` (when the stored list was computed);
 * - the list holds what the filter selects (by default open and accepted items), not every
 *   current recommendation; `totalMonthlySavingUsd` is the total of that list (= `totals`'s).
 * Every version 1 field is kept with the same name, type and meaning.
 */
import { z } from "zod";
import type { Confidence, RecommendationKind } from "@/lib/recommend/types";
import { RECOMMENDATION_STATUSES } from "@/lib/recommend/review";
import type { RecommendationFilter, RecommendationTotals, StatusFilter } from "./recommendation-list";

export const RECOMMENDATION_EXPORT_VERSION = 2;

export const RECOMMENDATION_KINDS = [
  "lambda-memory",
  "lambda-arm64",
  "provisioned-concurrency",
  "lambda-to-fargate",
  "fargate-to-lambda",
  "fargate-right-size",
  "fargate-spot",
] as const satisfies readonly RecommendationKind[];

const EXPORT_CONFIDENCES = ["high", "medium", "low"] as const satisfies readonly Confidence[];

/**
 * STATUS_FILTERS of ./recommendation-list.ts, built from the same statuses here: that module imports
 * this one at load time, so importing its constant back would be a cycle. A unit test checks that
 * the two lists are equal.
 */
export const EXPORT_STATUS_FILTERS = [
  "todo",
  ...RECOMMENDATION_STATUSES,
  "all",
] as const satisfies readonly StatusFilter[];

const usdOrNull = z.number().finite().nullable();
const isoTimeOrNull = z.iso.datetime().nullable();

export const exportedRecommendationSchema = z.object({
  id: z.string().meta({ description: "Stable identity: `${kind}:${resourceArn}`." }),
  resourceArn: z.string(),
  resourceName: z.string(),
  resourceKind: z.enum(["lambda", "fargate"]),
  kind: z.enum(RECOMMENDATION_KINDS),
  accountId: z.string().meta({ description: "12-digit AWS account id (text: it may start with 0)." }),
  region: z.string(),
  currentConfig: z.string().meta({ description: 'Human-readable, e.g. "1,024 MB x86_64".' }),
  proposedConfig: z.string(),
  proposed: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .meta({ description: "Machine-readable proposal (memoryMb, architecture, vcpu, memoryGb, …)." }),
  currentMonthlyCostUsd: usdOrNull.meta({ description: "USD a month; null when unknown." }),
  proposedMonthlyCostUsd: usdOrNull.meta({ description: "USD a month; null when unknown." }),
  monthlySavingUsd: usdOrNull.meta({
    description: "USD a month; null when the saving cannot be priced (a rate is unknown).",
  }),
  savingPercent: z.number().finite().nullable().meta({
    description: "Share of the current monthly cost, as a fraction (0.25 = 25 %); null when unknown.",
  }),
  confidence: z.enum(EXPORT_CONFIDENCES),
  reason: z.string().meta({ description: "One line a human can read." }),
  evidence: z.array(z.object({ label: z.string(), value: z.string(), chart: z.string().optional() })),
  assumptions: z.array(z.string()),
  risks: z.array(z.string()),
  // Version 2
  status: z.enum(RECOMMENDATION_STATUSES),
  dismissReason: z.string().nullable().meta({ description: "Why it was dismissed; null otherwise." }),
  statusChangedAt: isoTimeOrNull.meta({ description: "Last status change; null when never changed." }),
  isCurrent: z.boolean().meta({ description: "false when the last computation no longer produced it." }),
  appliedAt: isoTimeOrNull.meta({
    description: "When the synced configuration first matched the accepted proposal; null otherwise.",
  }),
  realisedMonthlySavingUsd: usdOrNull.meta({
    description: "Billed saving per month since appliedAt, USD; null when unknown.",
  }),
  tags: z.record(z.string(), z.string()).meta({ description: "The resource's AWS tags." }),
});

export const exportFilterSchema = z
  .object({
    kind: z.enum(RECOMMENDATION_KINDS).optional(),
    accountId: z.string().optional(),
    region: z.string().optional(),
    confidence: z.enum(EXPORT_CONFIDENCES).optional(),
    status: z.enum(EXPORT_STATUS_FILTERS).meta({
      description: '"todo" = open and accepted; "all" = every status; otherwise that status only.',
    }),
    minSavingUsd: z
      .number()
      .finite()
      .optional()
      .meta({ description: "Only items whose known monthly saving is at least this (USD a month)." }),
    q: z.string().optional().meta({ description: "Case-insensitive text in the resource name." }),
  })
  .meta({ description: "What selected the recommendations; an absent field did not filter." });

const savingGroupSchema = z.object({
  key: z.string(),
  count: z.number().int().min(0),
  monthlySavingUsd: z.number().finite(),
});

export const exportTotalsSchema = z
  .object({
    count: z.number().int().min(0),
    unknownSavingCount: z
      .number()
      .int()
      .min(0)
      .meta({ description: "Items whose saving is unknown (in no sum)." }),
    totalMonthlySavingUsd: z.number().finite(),
    byKind: z.array(savingGroupSchema),
    byAccount: z.array(savingGroupSchema),
    byRegion: z.array(savingGroupSchema),
  })
  .meta({
    description:
      "Totals of the whole list. Recommendations on one resource are alternatives, so the total and the account and region groups count each resource's largest known saving once; a kind group sums its items.",
  });

export const recommendationExportSchema = z
  .object({
    version: z.literal(RECOMMENDATION_EXPORT_VERSION),
    generatedAt: z.iso.datetime(),
    computedAt: isoTimeOrNull.meta({
      description: "When the stored recommendations were computed; null before the first computation.",
    }),
    filter: exportFilterSchema,
    totals: exportTotalsSchema,
    totalMonthlySavingUsd: z.number().finite().meta({
      description:
        "Sum over resources of each resource's largest known saving (alternatives on one resource do not add up); = totals.totalMonthlySavingUsd.",
    }),
    recommendations: z.array(exportedRecommendationSchema).meta({ description: "Largest saving first." }),
  })
  .meta({
    title: "Breakeven recommendations export",
    description: "Reviewed recommendations as exported by Breakeven (docs/recommendations-export.md).",
  });

export type ExportedRecommendation = z.infer<typeof exportedRecommendationSchema>;
export type RecommendationExport = z.infer<typeof recommendationExportSchema>;

// The export's filter and totals are the app's: a type error here means one changed without the other.
type IsSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Expect<T extends true> = T;
export type ExportShapesMatchApp = [
  Expect<IsSame<z.infer<typeof exportFilterSchema>, RecommendationFilter>>,
  Expect<IsSame<z.infer<typeof exportTotalsSchema>, RecommendationTotals>>,
];

/** Where the JSON Schema of the export is kept (relative to the repository root). */
export const RECOMMENDATION_EXPORT_JSON_SCHEMA_PATH = "docs/recommendations-export.schema.json";

/**
 * The export's JSON Schema (draft 2020-12), from the zod schema: the file other tools validate with.
 * Written for the input side, so objects allow properties the schema does not name: a later
 * version-2 file may add fields, and a reader of this version must accept them.
 */
export function toRecommendationExportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(recommendationExportSchema, { target: "draft-2020-12", io: "input" });
}
