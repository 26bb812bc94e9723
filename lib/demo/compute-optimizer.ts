/**
 * What AWS Compute Optimizer says about the demo fleet, written through the batch field the sync
 * uses (`computeOptimizer`, docs/compute-optimizer.md), so the function and service pages show the
 * "AWS Compute Optimizer" card on the demo too.
 *
 * - **Enrolment.** acme-prod is enrolled: one state "ok" per region and kind (`lambda`, `fargate`).
 *   acme-staging is not: "not-enrolled" (OptInRequiredException) for every region and kind, with no
 *   recommendations, which is what the sync stores for an account that never opted in.
 * - **Planted advice.** A handful of acme-prod functions and services (PLANTED_LAMBDA_ADVICE,
 *   PLANTED_SERVICE_ADVICE) carry a recommendation. What is planted is only AWS's choice (finding,
 *   reason codes, recommended size); every figure is derived from the demo's own rows over the
 *   14-day lookback before the anchor: invocations and average duration from the function's memory
 *   observations at its current size, the projected duration from the simulator's duration model
 *   (lib/demo/simulate-lambda.ts) scaled to what was observed, its bounds from the spread of the
 *   daily averages, the saving from lib/pricing at the observed and projected usage (Lambda) or from
 *   the service's own vCPU and memory cost lines (Fargate), scaled to a 730-hour month.
 * - **AWS's own limits** (Compute Optimizer user guide, "Resource requirements"): a function
 *   configured above 1,792 MB is `Unavailable` / `Inconclusive`, and one invoked fewer than 50 times
 *   in the 14 days is `Unavailable` / `InsufficientData`, whatever is planted for it.
 *
 * Pure and deterministic: the same fleet gives the same rows. A fleet smaller than the catalogue
 * simply has fewer planted rows; the states are written for every demo account and region.
 */
import { computeLambdaBill, HOURS_PER_MONTH } from "@/lib/pricing";
import type { Architecture } from "@/lib/pricing";
import type {
  ComputeOptimizerRead,
  ComputeOptimizerRecommendationRow,
  CostLineRow,
  MemoryObservationRow,
} from "@/lib/db/import/tables";
import { mapUsageTypeToComponent } from "@/lib/db/import/usage-types";
import { modelDurationMs, toLambdaArn } from "./simulate-lambda";
import { toFargateServiceArn } from "./simulate-fargate";
import type { DemoAccountKey, DemoRegion, FargateSpec, LambdaSpec } from "./specs";
import { DEMO_ACCOUNTS, DEMO_REGIONS } from "./specs";
import type { DemoWindow } from "./time";
import { DAY_MS } from "./time";

/** Compute Optimizer's lookback (days) and AWS's requirements for Lambda memory advice. */
export const DEMO_COMPUTE_OPTIMIZER_LOOKBACK_DAYS = 14;
export const COMPUTE_OPTIMIZER_MIN_INVOCATIONS = 50;
export const COMPUTE_OPTIMIZER_MAX_LAMBDA_MEMORY_MB = 1792;

/** Which demo accounts have opted in to Compute Optimizer. */
export const DEMO_COMPUTE_OPTIMIZER_ENROLLED: Record<DemoAccountKey, boolean> = {
  prod: true,
  staging: false,
};

export const DEMO_NOT_ENROLLED_CODE = "OptInRequiredException";
const NOT_ENROLLED_MESSAGE = "The account is not opted in to AWS Compute Optimizer.";

type LambdaAdvice = {
  finding: "Optimized" | "NotOptimized";
  reasonCodes: readonly ("MemoryOverprovisioned" | "MemoryUnderprovisioned")[];
  recommendedMemoryMb: number;
};

export type PlantedLambdaAdvice = {
  account: DemoAccountKey;
  region: DemoRegion;
  name: string;
  /** AWS's choice when the function qualifies; null: planted to show an `Unavailable` finding. */
  advice: LambdaAdvice | null;
  /** Why this function is planted (lib/demo/README.md). */
  shows: string;
};

export type PlantedServiceAdvice = {
  account: DemoAccountKey;
  region: DemoRegion;
  clusterName: string;
  name: string;
  finding: "Optimized" | "Overprovisioned" | "Underprovisioned";
  reasonCodes: readonly (
    "CPUOverprovisioned" | "MemoryOverprovisioned" | "CPUUnderprovisioned" | "MemoryUnderprovisioned"
  )[];
  recommendedCpuUnits: number;
  recommendedMemoryMb: number;
  shows: string;
};

export const PLANTED_LAMBDA_ADVICE: readonly PlantedLambdaAdvice[] = [
  {
    account: "prod",
    region: "us-east-1",
    name: "report-builder",
    advice: { finding: "NotOptimized", reasonCodes: ["MemoryUnderprovisioned"], recommendedMemoryMb: 2048 },
    shows: "CPU-bound at 1,024 MB: AWS agrees with Breakeven's lambda-memory advice (→ 2,048 MB).",
  },
  {
    account: "prod",
    region: "us-east-1",
    name: "pdf-renderer",
    advice: { finding: "NotOptimized", reasonCodes: ["MemoryUnderprovisioned"], recommendedMemoryMb: 1536 },
    shows: "Memory-starved at 512 MB: back to 1,536 MB, cheaper and faster.",
  },
  {
    account: "prod",
    region: "us-east-1",
    name: "dotnet-tax-calculator",
    advice: { finding: "NotOptimized", reasonCodes: ["MemoryOverprovisioned"], recommendedMemoryMb: 768 },
    shows: "Over-provisioned: 290 MB used of 1,024 MB; AWS proposes 768 MB for a small saving.",
  },
  {
    account: "prod",
    region: "us-east-1",
    name: "shipping-quotes",
    advice: { finding: "Optimized", reasonCodes: [], recommendedMemoryMb: 1024 },
    shows: "Optimized: 1,024 MB is the smallest size that holds its rate tables.",
  },
  {
    account: "prod",
    region: "us-east-1",
    name: "legacy-report-mailer",
    advice: null,
    shows:
      "Not invoked in the lookback: Unavailable, InsufficientData (the card says AWS has no advice yet).",
  },
  {
    account: "prod",
    region: "us-east-1",
    name: "image-thumbnailer",
    advice: null,
    shows:
      "3,008 MB is above the 1,792 MB AWS analyses: Unavailable, Inconclusive, where Breakeven does advise.",
  },
];

export const PLANTED_SERVICE_ADVICE: readonly PlantedServiceAdvice[] = [
  {
    account: "prod",
    region: "us-east-1",
    clusterName: "prod-core",
    name: "reporting-engine",
    finding: "Overprovisioned",
    reasonCodes: ["CPUOverprovisioned", "MemoryOverprovisioned"],
    recommendedCpuUnits: 1024,
    recommendedMemoryMb: 4096,
    shows: "Over-sized 4 vCPU / 16 GB task at ~6% CPU and ~11% memory: AWS proposes 1 vCPU / 4 GB.",
  },
  {
    account: "prod",
    region: "eu-west-1",
    clusterName: "prod-internal",
    name: "admin-portal",
    finding: "Overprovisioned",
    reasonCodes: ["CPUOverprovisioned", "MemoryOverprovisioned"],
    recommendedCpuUnits: 256,
    recommendedMemoryMb: 512,
    shows: "Idle tasks: AWS right-sizes to 0.25 vCPU / 0.5 GB, Breakeven also proposes Lambda.",
  },
  {
    account: "prod",
    region: "us-east-1",
    clusterName: "prod-core",
    name: "ledger-api",
    finding: "Optimized",
    reasonCodes: [],
    recommendedCpuUnits: 1024,
    recommendedMemoryMb: 2048,
    shows: "Well used: Optimized, no saving.",
  },
];

const round2 = (value: number): number => Math.round(value * 100) / 100;
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** What the lookback saw of one function at its current size. */
type LambdaLookback = {
  invocations: number;
  durationAvgMs: number | null;
  dailyMinMs: number;
  dailyMaxMs: number;
};

function summariseLookback(
  observations: readonly MemoryObservationRow[],
  current: { memoryMb: number; architecture: Architecture },
  fromMs: number,
): LambdaLookback {
  let invocations = 0;
  let durationTotalMs = 0;
  let dailyMinMs = Number.POSITIVE_INFINITY;
  let dailyMaxMs = 0;
  for (const row of observations) {
    if (row.observedOn.getTime() < fromMs) continue;
    if (row.memoryMb !== current.memoryMb || row.architecture !== current.architecture) continue;
    if (row.invocations <= 0 || row.durationAvgMs === null) continue;
    invocations += row.invocations;
    durationTotalMs += row.invocations * row.durationAvgMs;
    dailyMinMs = Math.min(dailyMinMs, row.durationAvgMs);
    dailyMaxMs = Math.max(dailyMaxMs, row.durationAvgMs);
  }
  return {
    invocations,
    durationAvgMs: invocations > 0 ? durationTotalMs / invocations : null,
    dailyMinMs,
    dailyMaxMs,
  };
}

function priceLambdaUsd(spec: LambdaSpec, memoryMb: number, invocations: number, durationMs: number): number {
  const bill = computeLambdaBill({
    region: spec.region,
    architecture: spec.architecture,
    memoryMb,
    requestsPerMonth: invocations,
    durationMs,
    ephemeralStorageMb: spec.ephemeralStorageMb,
    isFreeTierApplied: false,
  });
  if (bill.totalUsd === null) throw new Error(`demo: no Lambda price in ${spec.region}`);
  return bill.totalUsd;
}

/**
 * Collects the planted resources' rows while the fleet is simulated, then gives the reads: one per
 * demo account, region and kind.
 */
export class DemoComputeOptimizer {
  private readonly lambdaByArn = new Map(
    PLANTED_LAMBDA_ADVICE.map((planted) => [toLambdaArn(planted), planted] as const),
  );
  private readonly serviceByArn = new Map(
    PLANTED_SERVICE_ADVICE.map((planted) => [toFargateServiceArn(planted), planted] as const),
  );
  private readonly rows: ComputeOptimizerRecommendationRow[] = [];
  private readonly lookbackFromMs: number;
  /** Days of the lookback the window covers (a window shorter than 14 days covers fewer). */
  private readonly lookbackDays: number;

  constructor(private readonly window: DemoWindow) {
    this.lookbackDays = Math.min(DEMO_COMPUTE_OPTIMIZER_LOOKBACK_DAYS, window.days);
    this.lookbackFromMs = window.asOf.getTime() - this.lookbackDays * DAY_MS;
  }

  private get monthFactor(): number {
    return HOURS_PER_MONTH / (this.lookbackDays * 24);
  }

  private baseRow(arn: string, spec: { account: DemoAccountKey; region: DemoRegion }) {
    return {
      resourceArn: arn,
      source: "api" as const,
      accountId: DEMO_ACCOUNTS[spec.account].id,
      region: spec.region,
      lookbackDays: DEMO_COMPUTE_OPTIMIZER_LOOKBACK_DAYS,
      lastRefreshAt: this.window.asOf,
      importedAt: this.window.asOf,
    };
  }

  /** A simulated function: a planted one of an enrolled account gets its recommendation row. */
  addFunction(spec: LambdaSpec, memoryObservations: readonly MemoryObservationRow[]): void {
    const arn = toLambdaArn(spec);
    const planted = this.lambdaByArn.get(arn);
    if (!planted || !DEMO_COMPUTE_OPTIMIZER_ENROLLED[spec.account]) return;
    const current = { memoryMb: spec.memoryMb, architecture: spec.architecture };
    const lookback = summariseLookback(memoryObservations, current, this.lookbackFromMs);
    const unavailableReason =
      spec.memoryMb > COMPUTE_OPTIMIZER_MAX_LAMBDA_MEMORY_MB
        ? "Inconclusive"
        : lookback.invocations < COMPUTE_OPTIMIZER_MIN_INVOCATIONS || lookback.durationAvgMs === null
          ? "InsufficientData"
          : null;
    const base = {
      ...this.baseRow(arn, spec),
      qualifier: "$LATEST",
      resourceKind: "lambda" as const,
      currentMemoryMb: spec.memoryMb,
      currentCpuUnits: null,
      recommendedCpuUnits: null,
      invocations: lookback.invocations,
    };
    if (unavailableReason !== null || lookback.durationAvgMs === null) {
      this.rows.push({
        ...base,
        finding: "Unavailable",
        findingReasonCodesJson: JSON.stringify([unavailableReason ?? "InsufficientData"]),
        recommendedMemoryMb: null,
        projectedDurationExpectedMs: null,
        projectedDurationLowerMs: null,
        projectedDurationUpperMs: null,
        estimatedMonthlySavingsAmount: null,
        savingsCurrency: null,
        savingsOpportunityPercent: null,
      });
      return;
    }
    const { advice } = planted;
    if (!advice) {
      throw new Error(`demo: ${arn} is planted as Unavailable but qualifies for Compute Optimizer advice`);
    }
    const observedMs = lookback.durationAvgMs;
    // The simulator's model gives the ratio; the observed average gives the level.
    const expectedMs =
      (observedMs * modelDurationMs(spec.duration, { ...current, memoryMb: advice.recommendedMemoryMb })) /
      modelDurationMs(spec.duration, current);
    const currentUsd = priceLambdaUsd(spec, spec.memoryMb, lookback.invocations, observedMs);
    const recommendedUsd = priceLambdaUsd(spec, advice.recommendedMemoryMb, lookback.invocations, expectedMs);
    this.rows.push({
      ...base,
      finding: advice.finding,
      findingReasonCodesJson: JSON.stringify(advice.reasonCodes),
      recommendedMemoryMb: advice.recommendedMemoryMb,
      projectedDurationExpectedMs: round3(expectedMs),
      projectedDurationLowerMs: round3((expectedMs * lookback.dailyMinMs) / observedMs),
      projectedDurationUpperMs: round3((expectedMs * lookback.dailyMaxMs) / observedMs),
      estimatedMonthlySavingsAmount: round2((currentUsd - recommendedUsd) * this.monthFactor),
      savingsCurrency: "USD",
      savingsOpportunityPercent: round2(((currentUsd - recommendedUsd) / currentUsd) * 100),
    });
  }

  /** A simulated service: a planted one of an enrolled account gets its recommendation row. */
  addService(spec: FargateSpec, costLines: readonly CostLineRow[]): void {
    const arn = toFargateServiceArn(spec);
    const planted = this.serviceByArn.get(arn);
    if (!planted || !DEMO_COMPUTE_OPTIMIZER_ENROLLED[spec.account]) return;
    let vcpuUsd = 0;
    let memoryUsd = 0;
    let totalUsd = 0;
    for (const line of costLines) {
      if (line.day.getTime() < this.lookbackFromMs || line.resourceArn !== arn) continue;
      const usd = Number(line.amountNanoUsd) / 1e9;
      totalUsd += usd;
      const component = mapUsageTypeToComponent(line.usageType);
      if (component === "vcpu") vcpuUsd += usd;
      else if (component === "memory") memoryUsd += usd;
    }
    // vCPU and memory are billed linearly: the saving is the share of each that a smaller task drops.
    const savingUsd =
      vcpuUsd * (1 - planted.recommendedCpuUnits / spec.cpuUnits) +
      memoryUsd * (1 - planted.recommendedMemoryMb / spec.memoryMb);
    this.rows.push({
      ...this.baseRow(arn, spec),
      qualifier: "",
      resourceKind: "fargate",
      finding: planted.finding,
      findingReasonCodesJson: JSON.stringify(planted.reasonCodes),
      currentMemoryMb: spec.memoryMb,
      recommendedMemoryMb: planted.recommendedMemoryMb,
      currentCpuUnits: spec.cpuUnits,
      recommendedCpuUnits: planted.recommendedCpuUnits,
      projectedDurationExpectedMs: null,
      projectedDurationLowerMs: null,
      projectedDurationUpperMs: null,
      estimatedMonthlySavingsAmount: totalUsd > 0 ? round2(savingUsd * this.monthFactor) : null,
      savingsCurrency: totalUsd > 0 ? "USD" : null,
      savingsOpportunityPercent: totalUsd > 0 ? round2((savingUsd / totalUsd) * 100) : null,
      invocations: null,
    });
  }

  /** One read per demo account, region and kind (in that order), with the planted rows. */
  toReads(): ComputeOptimizerRead[] {
    const reads: ComputeOptimizerRead[] = [];
    const accounts = Object.entries(DEMO_ACCOUNTS) as [DemoAccountKey, { id: string }][];
    accounts.sort(([, a], [, b]) => (a.id < b.id ? -1 : 1));
    for (const [key, account] of accounts) {
      for (const region of [...DEMO_REGIONS].sort()) {
        for (const kind of ["fargate", "lambda"] as const) {
          const isEnrolled = DEMO_COMPUTE_OPTIMIZER_ENROLLED[key];
          const recommendations = isEnrolled
            ? this.rows
                .filter(
                  (row) => row.accountId === account.id && row.region === region && row.resourceKind === kind,
                )
                .sort((a, b) => (a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0))
            : null;
          reads.push({
            state: {
              accountId: account.id,
              region,
              resourceKind: kind,
              status: isEnrolled ? "ok" : "not-enrolled",
              code: isEnrolled ? null : DEMO_NOT_ENROLLED_CODE,
              message: isEnrolled ? null : NOT_ENROLLED_MESSAGE,
              recommendations: recommendations?.length ?? 0,
              checkedAt: this.window.asOf,
            },
            recommendations,
          });
        }
      }
    }
    return reads;
  }
}
