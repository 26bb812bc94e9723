import { AdviceSettingsForm } from "@/components/fleet/advice-settings-form";
import { PowerTuningImport } from "@/components/fleet/power-tuning-import";
import { RecommendationCard } from "@/components/fleet/recommendation-card";
import { MemoryCurveChart } from "@/components/charts/memory-curve-chart";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { getRequestRole } from "@/lib/auth/guard";
import { canRequest } from "@/lib/auth/policy";
import { DEFAULT_RANGE, type RangeKey } from "@/lib/range";
import type { FunctionDetail } from "@/lib/db/queries/functions";
import { DEFAULT_RECOMMEND_SETTINGS } from "@/lib/recommend";
import { getResourceReviews } from "../../_components/review-data";
import { getFunctionAdviceForRequest } from "./function-data";
import { API_PATHS } from "@/lib/api-paths";

type AdviceProps = {
  fn: FunctionDetail;
  range: RangeKey;
  latencyLimitMs: number | undefined;
  armSpeedFactor: number | undefined;
};

/** The page's opening card: what to change, what it saves and why, with the user's settings. */
export async function FunctionAdviceSection({ fn, range, latencyLimitMs, armSpeedFactor }: AdviceProps) {
  const [result, { reviews, reviewHref }] = await Promise.all([
    getFunctionAdviceForRequest(fn.arn, latencyLimitMs, armSpeedFactor),
    getResourceReviews(fn),
  ]);
  if (!result) return null;
  return (
    <div>
      <RecommendationCard
        advice={result.advice}
        whatIfHref={result.whatIfHref}
        reviews={reviews}
        reviewHref={reviewHref}
      />
      <AdviceSettingsForm
        hiddenParams={{ range: range === DEFAULT_RANGE ? undefined : range }}
        fields={[
          {
            name: "latency",
            label: "p95 latency limit",
            unit: "ms",
            value: latencyLimitMs,
            placeholder: "none",
            min: 1,
            max: 900_000,
            step: "any",
          },
          {
            name: "armf",
            label: "arm64 duration ÷ x86_64",
            unit: "×",
            value: armSpeedFactor,
            placeholder: String(DEFAULT_RECOMMEND_SETTINGS.armSpeedFactor),
            min: 0.25,
            max: 4,
            step: 0.01,
          },
        ]}
      />
    </div>
  );
}

/** Duration and cost per invocation against memory, and the Power Tuning import that feeds it. */
export async function FunctionMemoryCurveSection({ fn, latencyLimitMs, armSpeedFactor }: AdviceProps) {
  const [result, role] = await Promise.all([
    getFunctionAdviceForRequest(fn.arn, latencyLimitMs, armSpeedFactor),
    getRequestRole(),
  ]);
  // The import's own route, asked of the proxy's rule: a viewer gets a note, not a form that answers 403.
  const canImport = canRequest(role, "POST", API_PATHS.powerTuning(fn.id));
  return (
    <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
      <div className="min-w-0 xl:col-span-2">
        <MemoryCurveChart
          curve={result?.advice.curve ?? null}
          currentMemoryMb={fn.memoryMb}
          headingLevel={3}
        />
      </div>
      <Card>
        <CardHeader title="Import Power Tuning results" headingLevel={3} />
        {canImport ? (
          <CardContent>
            <p className="mb-3 text-sm text-gray-600 dark:text-gray-400">
              Paste the state machine&apos;s output, its visualization URL or the execution record (or upload
              the JSON). Breakeven reprices each point with its own model and adds it to the curve.
            </p>
            <PowerTuningImport functionId={fn.id} />
          </CardContent>
        ) : (
          <CardContent>
            <p className="text-sm text-gray-600 dark:text-gray-400" data-testid="power-tuning-admin-note">
              Measured Power Tuning results, once imported, are repriced and added to the curve. Importing
              them needs the admin role.
            </p>
          </CardContent>
        )}
      </Card>
    </div>
  );
}
