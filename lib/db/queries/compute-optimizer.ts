import type { Db } from "@/lib/db/create-db";
import type { ComputeOptimizerRecommendationRow } from "@/lib/db/import/tables";
import { AppError } from "@/lib/errors";
import type {
  ComputeOptimizerRecommendationFields,
  ComputeOptimizerResourceKind,
} from "@/lib/schemas/compute-optimizer";

/**
 * AWS Compute Optimizer's advice as stored by the sync (source "api") or a CSV import (source
 * "csv"), for the card beside Breakeven's own recommendations (docs/compute-optimizer.md), and the
 * CSV import's write.
 */

export type { ComputeOptimizerResourceKind };
export type ComputeOptimizerStatus = "ok" | "not-enrolled" | "access-denied" | "failed";

export type ComputeOptimizerAdviceItem = {
  /** Lambda function version ("$LATEST", "7"); null for a service. */
  qualifier: string | null;
  source: "api" | "csv";
  finding: string;
  findingReasonCodes: string[];
  currentMemoryMb: number | null;
  recommendedMemoryMb: number | null;
  currentCpuUnits: number | null;
  recommendedCpuUnits: number | null;
  projectedDurationExpectedMs: number | null;
  projectedDurationLowerMs: number | null;
  projectedDurationUpperMs: number | null;
  /** AWS's estimate in its own currency (USD or CNY); null when AWS gave none. */
  estimatedMonthlySavings: { amount: number; currency: string } | null;
  savingsOpportunityPercent: number | null;
  invocations: number | null;
  lookbackDays: number | null;
  /** ISO timestamp of AWS's last refresh; null when unknown. */
  lastRefreshAt: string | null;
  importedAt: string;
};

export type ComputeOptimizerReadState = {
  status: ComputeOptimizerStatus;
  code: string | null;
  message: string | null;
  checkedAt: string;
};

export type ComputeOptimizerAdvice = {
  /** Shown: one per function version (or the service), Unavailable ones only when asked for. */
  items: ComputeOptimizerAdviceItem[];
  /** Versions left out because AWS's finding is Unavailable (no recommendation yet). */
  unavailableCount: number;
  /** How the last sync's read of Compute Optimizer went for the resource's account and region. */
  state: ComputeOptimizerReadState | null;
};

const UNAVAILABLE = "Unavailable";

/** "arn:aws:<service>:<region>:<account>:…" → region and account (null when not an ARN). */
function toArnScope(arn: string): { region: string; accountId: string } | null {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || !parts[3] || !parts[4]) return null;
  return { region: parts[3], accountId: parts[4] };
}

function parseReasonCodes(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

/** A stored row as the database gives it back (`source` is the "api" or "csv" that was written). */
type StoredRow = Omit<
  ComputeOptimizerRecommendationFields,
  "resourceArn" | "resourceKind" | "accountId" | "region" | "source"
> & { source: string };

function toItem(row: StoredRow): ComputeOptimizerAdviceItem {
  return {
    qualifier: row.qualifier === "" ? null : row.qualifier,
    source: row.source === "csv" ? "csv" : "api",
    finding: row.finding,
    findingReasonCodes: parseReasonCodes(row.findingReasonCodesJson),
    currentMemoryMb: row.currentMemoryMb,
    recommendedMemoryMb: row.recommendedMemoryMb,
    currentCpuUnits: row.currentCpuUnits,
    recommendedCpuUnits: row.recommendedCpuUnits,
    projectedDurationExpectedMs: row.projectedDurationExpectedMs,
    projectedDurationLowerMs: row.projectedDurationLowerMs,
    projectedDurationUpperMs: row.projectedDurationUpperMs,
    estimatedMonthlySavings:
      row.estimatedMonthlySavingsAmount === null
        ? null
        : { amount: row.estimatedMonthlySavingsAmount, currency: row.savingsCurrency ?? "USD" },
    savingsOpportunityPercent: row.savingsOpportunityPercent,
    invocations: row.invocations,
    lookbackDays: row.lookbackDays,
    lastRefreshAt: row.lastRefreshAt?.toISOString() ?? null,
    importedAt: row.importedAt.toISOString(),
  };
}

const refreshMs = (row: StoredRow) => row.lastRefreshAt?.getTime() ?? row.importedAt.getTime();

/**
 * The advice for one function (every version AWS reviewed) or service. Where both the sync and a
 * CSV import hold a version, the more recently refreshed one is shown (the API's on a tie).
 * Versions are listed busiest first.
 */
export async function getComputeOptimizerAdvice(
  resource: { arn: string; kind: ComputeOptimizerResourceKind },
  options: { includeUnavailable?: boolean } = {},
  db: Db,
): Promise<ComputeOptimizerAdvice> {
  const scope = toArnScope(resource.arn);
  const [rows, state] = await Promise.all([
    db.computeOptimizerRecommendation.findMany({
      where: { resourceArn: resource.arn, resourceKind: resource.kind },
    }),
    scope
      ? db.computeOptimizerState.findUnique({
          where: {
            accountId_region_resourceKind: {
              accountId: scope.accountId,
              region: scope.region,
              resourceKind: resource.kind,
            },
          },
        })
      : null,
  ]);
  const byQualifier = new Map<string, StoredRow>();
  for (const row of rows) {
    const held = byQualifier.get(row.qualifier);
    const isNewer =
      !held ||
      refreshMs(row) > refreshMs(held) ||
      (refreshMs(row) === refreshMs(held) && row.source === "api");
    if (isNewer) byQualifier.set(row.qualifier, row);
  }
  const chosen = [...byQualifier.values()].sort(
    (a, b) => (b.invocations ?? -1) - (a.invocations ?? -1) || a.qualifier.localeCompare(b.qualifier),
  );
  const shown = options.includeUnavailable ? chosen : chosen.filter((row) => row.finding !== UNAVAILABLE);
  return {
    items: shown.map(toItem),
    unavailableCount: chosen.filter((row) => row.finding === UNAVAILABLE).length,
    state: state
      ? {
          status: (["ok", "not-enrolled", "access-denied", "failed"] as const).includes(
            state.status as ComputeOptimizerStatus,
          )
            ? (state.status as ComputeOptimizerStatus)
            : "failed",
          code: state.code,
          message: state.message,
          checkedAt: state.checkedAt.toISOString(),
        }
      : null,
  };
}

/**
 * Writes an ExportLambdaFunctionRecommendations CSV import (rows of source "csv", parsed by
 * lib/aws/map-compute-optimizer.ts) for an existing account: the account's stored CSV rows of the
 * file's regions are replaced in one transaction, so importing a newer export leaves no stale row.
 * AppError NOT_FOUND for an unknown account, VALIDATION for a row of another account or source.
 */
export async function saveComputeOptimizerCsvImport(
  accountId: string,
  parsed: { rows: readonly ComputeOptimizerRecommendationRow[]; regions: readonly string[] },
  db: Db,
): Promise<{ imported: number; replaced: number }> {
  const account = await db.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account)
    throw new AppError(
      "NOT_FOUND",
      `no account ${accountId}: add it first (accounts add --id ${accountId} …)`,
    );
  for (const row of parsed.rows) {
    if (row.accountId !== accountId || row.source !== "csv" || !parsed.regions.includes(row.region)) {
      throw new AppError(
        "VALIDATION",
        `the row of ${row.resourceArn} is not a CSV row of account ${accountId} in ${parsed.regions.join(", ")}`,
      );
    }
  }
  return db.$transaction(async (tx) => {
    const { count: replaced } = await tx.computeOptimizerRecommendation.deleteMany({
      where: { accountId, source: "csv", resourceKind: "lambda", region: { in: [...parsed.regions] } },
    });
    const { count: imported } = await tx.computeOptimizerRecommendation.createMany({
      data: parsed.rows.map((row) => ({ ...row })),
    });
    return { imported, replaced };
  });
}

/**
 * The one line the card says about the read when it shows no advice, or when the last read failed
 * after earlier advice was stored; null when there is nothing to say.
 */
export function describeComputeOptimizerNotice(
  advice: ComputeOptimizerAdvice,
  noun: "function" | "service",
): string | null {
  const { state } = advice;
  const day = state ? state.checkedAt.slice(0, 10) : null;
  if (state?.status === "not-enrolled")
    return `This account is not enrolled in AWS Compute Optimizer (checked ${day}); enrol it in the Compute Optimizer console, or import its CSV export.`;
  if (state?.status === "access-denied")
    return `The sync's role may not read AWS Compute Optimizer (access denied, checked ${day}); grant the OptionalComputeOptimizerRecommendations statement of docs/iam-policy.json.`;
  if (state?.status === "failed")
    return `AWS Compute Optimizer could not be read at the last sync (${state.code ?? "error"}, ${day}).`;
  if (advice.items.length > 0) return null;
  if (advice.unavailableCount > 0)
    return `AWS Compute Optimizer has no recommendation for this ${noun} yet (finding Unavailable: not enough data or not supported).`;
  return "No Compute Optimizer data for this " + noun + ".";
}
