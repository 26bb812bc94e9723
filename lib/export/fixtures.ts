/**
 * Small `RecommendationItem` lists for the export and CLI tests: what the database layer returns,
 * built by hand (no database). Pure data.
 */
import type { RecommendationItem, RecommendationTotals } from "@/lib/schemas/recommendation-list";

const ACCOUNT_ID = "012345678901";

/** One stored item; every field can be overridden. */
export function makeRecommendationItem(overrides: Partial<RecommendationItem> = {}): RecommendationItem {
  const resourceName = overrides.resourceName ?? "orders-api";
  const resourceArn =
    overrides.resourceArn ??
    `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:function:${encodeURIComponent(resourceName)}`;
  const kind = overrides.kind ?? "lambda-memory";
  return {
    id: 1,
    key: `${kind}:${resourceArn}`,
    kind,
    resourceKind: "lambda",
    resourceArn,
    resourceId: resourceArn,
    resourceName,
    href: `/functions/${encodeURIComponent(resourceArn)}`,
    accountId: ACCOUNT_ID,
    region: "us-east-1",
    currentConfig: "1,024 MB x86_64",
    proposedConfig: "512 MB x86_64",
    proposed: { memoryMb: 512, architecture: "x86_64" },
    currentMonthlyCostUsd: 120.5,
    proposedMonthlyCostUsd: 70.25,
    monthlySavingUsd: 50.25,
    savingPercent: 0.417012,
    confidence: "high",
    summary: "Lower the memory of orders-api from 1,024 MB to 512 MB: $50.25 a month.",
    evidence: [
      { label: "Invocations (30 days)", value: "40,000,000", chart: "memory-curve" },
      { label: "p95 duration at 512 MB", value: "180 ms" },
    ],
    assumptions: ["The next 30 days look like the last 30."],
    risks: ["A slower p95 (120 ms → 180 ms)."],
    tags: { team: "payments", env: "prod" },
    status: "open",
    dismissReason: null,
    statusChangedAt: null,
    statusActor: null,
    isCurrent: true,
    appliedAt: null,
    realisedMonthlySavingUsd: null,
    firstSeenAt: "2026-10-01T06:00:00.000Z",
    computedAt: "2026-11-01T06:00:00.000Z",
    ...overrides,
  };
}

/** Known, unknown and negative savings; open, done (applied, no longer current) and dismissed items. */
export const FIXTURE_ITEMS: readonly RecommendationItem[] = [
  makeRecommendationItem(),
  makeRecommendationItem({
    id: 2,
    kind: "fargate-spot",
    resourceKind: "fargate",
    resourceName: "prod-core/reporting-engine",
    resourceArn: `arn:aws:ecs:eu-west-1:${ACCOUNT_ID}:service/prod-core/reporting-engine`,
    region: "eu-west-1",
    currentConfig: "4 tasks on demand",
    proposedConfig: "1 on demand + 3 Spot",
    proposed: { spotShare: 0.75, tasks: 4 },
    proposedMonthlyCostUsd: null,
    monthlySavingUsd: null,
    savingPercent: null,
    confidence: "medium",
    summary: "Run 3 of 4 tasks on Fargate Spot: the saving is unknown (no Spot rate for eu-west-1).",
    tags: { "interruption-tolerant": "true" },
  }),
  makeRecommendationItem({
    id: 3,
    kind: "lambda-arm64",
    resourceName: "thumbnailer",
    currentConfig: "2,048 MB x86_64",
    proposedConfig: "2,048 MB arm64",
    proposed: { architecture: "arm64" },
    currentMonthlyCostUsd: 10,
    proposedMonthlyCostUsd: 12.5,
    monthlySavingUsd: -2.5,
    savingPercent: -0.25,
    confidence: "low",
    summary: "Move thumbnailer to arm64: it costs more there (-$2.50 a month).",
    status: "done",
    dismissReason: null,
    statusChangedAt: "2026-10-15T09:30:00.000Z",
    statusActor: "ana@example.com",
    isCurrent: false,
    appliedAt: "2026-10-14T00:00:00.000Z",
    realisedMonthlySavingUsd: -1.75,
    tags: {},
  }),
  makeRecommendationItem({
    id: 4,
    kind: "provisioned-concurrency",
    resourceName: "checkout",
    currentConfig: "10 PC environments",
    proposedConfig: "no PC",
    proposed: { provisionedConcurrency: 0 },
    currentMonthlyCostUsd: 300.123456789,
    proposedMonthlyCostUsd: 100,
    monthlySavingUsd: 200.123456789,
    savingPercent: 0.666804,
    summary: "Remove the provisioned concurrency of checkout: $200.12 a month.",
    status: "dismissed",
    dismissReason: "Black Friday: keep it warm",
    statusChangedAt: "2026-10-20T17:05:00.000Z",
    statusActor: "local",
  }),
];

export const FIXTURE_TOTALS: RecommendationTotals = {
  count: 4,
  unknownSavingCount: 1,
  totalMonthlySavingUsd: 250.373456789,
  byKind: [
    { key: "provisioned-concurrency", count: 1, monthlySavingUsd: 200.123456789 },
    { key: "lambda-memory", count: 1, monthlySavingUsd: 50.25 },
    { key: "fargate-spot", count: 1, monthlySavingUsd: 0 },
    { key: "lambda-arm64", count: 1, monthlySavingUsd: 0 },
  ],
  byAccount: [{ key: ACCOUNT_ID, count: 4, monthlySavingUsd: 250.373456789 }],
  byRegion: [
    { key: "us-east-1", count: 3, monthlySavingUsd: 250.373456789 },
    { key: "eu-west-1", count: 1, monthlySavingUsd: 0 },
  ],
};
