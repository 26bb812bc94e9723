/**
 * The sync's AWS Compute Optimizer step for one account and region (docs/compute-optimizer.md):
 * Lambda function recommendations (the `Unavailable` ones included) and ECS service
 * recommendations, each written as one ComputeOptimizerRead batch — the state of the read and, when
 * it succeeded, every recommendation, replacing the stored ones of source "api".
 *
 * A failed read never makes the run partial: Compute Optimizer is AWS's advice shown beside
 * Breakeven's, not part of the fleet's inventory, usage or bill, and most accounts are not enrolled
 * (it is opt-in at AWS). The outcome — "ok", "not-enrolled", "access-denied" or "failed" with AWS's
 * code — is stored per account, region and kind, recorded in the run's detail, and said once on the
 * function and service pages. Not enrolled stops the region's second call (ECS would say the same).
 */
import type { AwsClients } from "@/lib/aws/clients";
import {
  fetchEcsServiceRecommendations,
  fetchLambdaFunctionRecommendations,
} from "@/lib/aws/compute-optimizer-api";
import { classifyAwsError } from "@/lib/aws/errors";
import type {
  ComputeOptimizerRecommendationFields,
  ComputeOptimizerResourceKind,
} from "@/lib/aws/map-compute-optimizer";
import {
  mapEcsServiceRecommendations,
  mapLambdaFunctionRecommendations,
  toComputeOptimizerStatus,
} from "@/lib/aws/map-compute-optimizer";
import type { ImportBatch, ImportContext } from "@/lib/db/import/run-import";
import type { ComputeOptimizerStateRow } from "@/lib/db/import/tables";

export type ComputeOptimizerOutcome = Pick<ComputeOptimizerStateRow, "status" | "code" | "recommendations">;

export async function* syncComputeOptimizer(
  context: ImportContext,
  accountId: string,
  clients: AwsClients,
  now: Date,
  settings: { regionLabel: string; onOutcome: (key: string, outcome: ComputeOptimizerOutcome) => void },
): AsyncGenerator<ImportBatch> {
  const region = clients.region;
  const mapContext = { accountId, region, importedAt: now };
  const kinds: {
    kind: ComputeOptimizerResourceKind;
    read: () => Promise<ComputeOptimizerRecommendationFields[]>;
  }[] = [
    {
      kind: "lambda",
      read: async () =>
        mapLambdaFunctionRecommendations(
          await fetchLambdaFunctionRecommendations(clients, { signal: context.signal }),
          mapContext,
        ),
    },
    {
      kind: "fargate",
      read: async () =>
        mapEcsServiceRecommendations(
          await fetchEcsServiceRecommendations(clients, { signal: context.signal }),
          mapContext,
        ),
    },
  ];
  const step = `${settings.regionLabel}: Compute Optimizer`;
  let notEnrolled: ComputeOptimizerStateRow | null = null;
  for (const [index, { kind, read }] of kinds.entries()) {
    let state: ComputeOptimizerStateRow;
    let recommendations: ComputeOptimizerRecommendationFields[] | null = null;
    if (notEnrolled) {
      state = { ...notEnrolled, resourceKind: kind };
    } else {
      try {
        recommendations = await read();
        state = {
          accountId,
          region,
          resourceKind: kind,
          status: "ok",
          code: null,
          message: null,
          recommendations: recommendations.length,
          checkedAt: now,
        };
      } catch (error) {
        if (context.signal.aborted) throw error;
        const classified = classifyAwsError(error);
        state = {
          accountId,
          region,
          resourceKind: kind,
          status: toComputeOptimizerStatus(classified.code, classified.kind),
          code: classified.code,
          message: classified.message,
          recommendations: 0,
          checkedAt: now,
        };
        if (state.status === "not-enrolled") notEnrolled = state;
      }
    }
    settings.onOutcome(`${region}/${kind}`, {
      status: state.status,
      code: state.code,
      recommendations: state.recommendations,
    });
    yield {
      computeOptimizer: [{ state, recommendations }],
      progress: { step, done: index + 1, total: kinds.length },
    };
  }
}
