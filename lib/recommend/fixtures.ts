/**
 * Page-sized `ResourceAdvice` fixtures for development and tests: what the engine returns for a
 * CPU-bound function (with its memory-power curve), a Fargate service, and the three "no advice"
 * cases. Numbers are consistent with each other (us-east-1 list rates, 40 M invocations a month) so
 * a chart, a card and a test built on them tell the same story. Pure data: no engine call.
 */
import { estimateDurationMs } from "@/lib/pricing";
import type { CurvePoint, CurveSizePoint, MemoryCurve, Recommendation, ResourceAdvice } from "./types";

// ---------------------------------------------------------------------------------------------
// A CPU-bound, single-threaded function over-provisioned at 3,008 MB

const LAMBDA_ARN = "arn:aws:lambda:us-east-1:111122223333:function:image-thumbnailer";
const LAMBDA_BASE = {
  resourceKind: "lambda" as const,
  resourceArn: LAMBDA_ARN,
  resourceId: "fixture-fn-image-thumbnailer",
  resourceName: "image-thumbnailer",
  accountId: "111122223333",
  region: "us-east-1",
};

/** The configured size of the fixture function. */
export const FIXTURE_LAMBDA_MEMORY_MB = 3008;
/** Invocations a month the fixture's monthly costs assume. */
export const FIXTURE_LAMBDA_MONTHLY_INVOCATIONS = 40_000_000;

/** us-east-1 tier-1 list rates (USD). */
const REQUEST_USD = 0.2 / 1_000_000;
const GB_SECOND_USD = { x86_64: 0.0000166667, arm64: 0.0000133334 } as const;

/** The fitted model: 85% CPU work, one busy thread, 500 ms at one vCPU. */
const FIT = { durationMs: 500, memoryMb: 1769, cpuBoundShare: 0.85, parallelism: 1 };
const P95_RATIO = 1.32;

/** The 15-size grid of the fixture curve (observed sizes 512, 1,024 and 3,008 MB included). */
export const FIXTURE_CURVE_SIZES_MB = [
  128, 256, 512, 768, 1024, 1536, 1769, 2048, 2560, 3008, 4096, 5120, 6144, 8192, 10240,
] as const;

const OBSERVED: CurveSizePoint[] = [
  {
    memoryMb: 512,
    architecture: "x86_64",
    durationAvgMs: 1561.2,
    durationP50Ms: 1498,
    durationP95Ms: 2044,
    durationP99Ms: 2390,
    invocations: 500,
    samples: 5,
    spreadRatio: 0.04,
    sources: ["power-tuning"],
  },
  {
    memoryMb: 1024,
    architecture: "x86_64",
    durationAvgMs: 798.4,
    durationP50Ms: 760,
    durationP95Ms: 1061,
    durationP99Ms: 1302,
    invocations: 15_800_000,
    samples: 12,
    spreadRatio: 0.07,
    sources: ["metrics", "logs"],
  },
  {
    memoryMb: 3008,
    architecture: "x86_64",
    durationAvgMs: 503.1,
    durationP50Ms: 481,
    durationP95Ms: 662,
    durationP99Ms: 815,
    invocations: 23_400_000,
    samples: 18,
    spreadRatio: 0.06,
    sources: ["metrics", "logs"],
  },
];

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Request + GB-seconds of the billed (whole-millisecond) duration. */
function costPerInvocationUsd(memoryMb: number, durationMs: number, arch: "x86_64" | "arm64"): number {
  return REQUEST_USD + (memoryMb / 1024) * (Math.ceil(durationMs) / 1000) * GB_SECOND_USD[arch];
}

function toFixturePoint(memoryMb: number): CurvePoint {
  const durationMs = estimateDurationMs(FIT, memoryMb);
  // The band is ±6% at an observed size and widens 5 points per doubling away from the nearest one.
  const distance = Math.min(...OBSERVED.map((o) => Math.abs(Math.log2(memoryMb / o.memoryMb))));
  const halfWidth = 0.06 + 0.05 * distance;
  return {
    memoryMb,
    durationMs: round(durationMs, 1),
    durationLowMs: round(durationMs * (1 - halfWidth), 1),
    durationHighMs: round(durationMs * (1 + halfWidth), 1),
    durationP50Ms: round(durationMs * 0.9, 1),
    durationP95Ms: round(durationMs * P95_RATIO, 1),
    durationP99Ms: round(durationMs * P95_RATIO * 1.4, 1),
    costPerInvocationUsd: costPerInvocationUsd(memoryMb, durationMs, "x86_64"),
    isObserved: OBSERVED.some((o) => o.memoryMb === memoryMb),
  };
}

export const FIXTURE_MEMORY_CURVE: MemoryCurve = {
  architecture: "x86_64",
  observed: OBSERVED,
  points: FIXTURE_CURVE_SIZES_MB.map(toFixturePoint),
  cpuBoundShare: FIT.cpuBoundShare,
  parallelism: FIT.parallelism,
  method: "fit",
  confidence: "high",
  note: "Fitted from 3 memory sizes (512 MB power tuning, 1,024 MB and 3,008 MB in production): 85% of the duration is CPU work on one thread.",
};

function monthlyUsd(memoryMb: number, arch: "x86_64" | "arm64"): number {
  const durationMs = estimateDurationMs(FIT, memoryMb);
  return round(costPerInvocationUsd(memoryMb, durationMs, arch) * FIXTURE_LAMBDA_MONTHLY_INVOCATIONS, 2);
}

function withSaving(
  current: number | null,
  proposed: number | null,
): Pick<
  Recommendation,
  "currentMonthlyCostUsd" | "proposedMonthlyCostUsd" | "monthlySavingUsd" | "savingPercent"
> {
  const saving = current !== null && proposed !== null ? round(current - proposed, 2) : null;
  return {
    currentMonthlyCostUsd: current,
    proposedMonthlyCostUsd: proposed,
    monthlySavingUsd: saving,
    savingPercent: saving !== null && current ? saving / current : null,
  };
}

const CURRENT_LAMBDA_USD = monthlyUsd(3008, "x86_64");
// Provisioned concurrency: 5 environments × 2.9375 GB always on at $0.0000041667 per GB-second,
// and the provisioned duration rate ($0.0000097222) instead of on-demand on the 27% it serves.
const PC_MONTHLY_USD = 176.28;

const LAMBDA_MEMORY_RECOMMENDATION: Recommendation = {
  ...LAMBDA_BASE,
  id: `lambda-memory:${LAMBDA_ARN}`,
  kind: "lambda-memory",
  currentConfig: "3,008 MB x86_64",
  proposedConfig: "1,769 MB x86_64",
  proposed: { memoryMb: 1769, architecture: "x86_64" },
  ...withSaving(CURRENT_LAMBDA_USD, monthlyUsd(1769, "x86_64")),
  confidence: "high",
  evidence: [
    {
      label: "Sizes observed",
      value: "512 MB (power tuning), 1,024 MB, 3,008 MB",
      chart: "memory-curve",
    },
    { label: "CPU-bound share", value: "85% on 1 thread", chart: "memory-curve" },
    { label: "p95 duration", value: "662 ms now, 660 ms modelled at 1,769 MB", chart: "memory-curve" },
    { label: "Max memory used", value: "412 MB (14% of 3,008 MB)" },
    { label: "Invocations (30 days)", value: "39.4 M" },
  ],
  assumptions: [
    "Above 1,769 MB (one vCPU) a single-threaded handler does not run faster.",
    "Traffic stays at the last 30 days' level (40 M invocations a month).",
    "List prices for us-east-1, before any Savings Plan.",
  ],
  risks: ["A future multi-threaded code path (e.g. parallel image encodes) would be slower at 1,769 MB."],
  summary: "Lower memory to 1,769 MB: the same speed for 41% less.",
};

const LAMBDA_ARM64_RECOMMENDATION: Recommendation = {
  ...LAMBDA_BASE,
  id: `lambda-arm64:${LAMBDA_ARN}`,
  kind: "lambda-arm64",
  currentConfig: "3,008 MB x86_64",
  proposedConfig: "1,769 MB arm64",
  proposed: { memoryMb: 1769, architecture: "arm64" },
  ...withSaving(CURRENT_LAMBDA_USD, monthlyUsd(1769, "arm64")),
  confidence: "low",
  evidence: [
    { label: "Runtime", value: "python3.12 (available on arm64)" },
    { label: "arm64 speed", value: "not measured: assumed equal to x86_64", chart: "memory-curve" },
  ],
  assumptions: [
    "arm64 runs this code as fast as x86_64 (speed factor 1.0); measure with Power Tuning first.",
    "Native dependencies (Pillow) ship arm64 wheels.",
  ],
  risks: ["Image codecs compiled for x86_64 only would fail at deploy or run slower under emulation."],
  summary: "Move to arm64 at 1,769 MB: about 53% less if it runs as fast as on x86_64.",
};

const PC_RECOMMENDATION: Recommendation = {
  ...LAMBDA_BASE,
  id: `provisioned-concurrency:${LAMBDA_ARN}`,
  kind: "provisioned-concurrency",
  currentConfig: "5 provisioned environments on live, 24 h/day",
  proposedConfig: "no provisioned concurrency (on demand)",
  proposed: { pcCount: 0 },
  ...withSaving(PC_MONTHLY_USD, 79.88),
  confidence: "medium",
  evidence: [
    {
      label: "Time-averaged utilisation",
      value: "27% (break-even 60%)",
      chart: "pc-utilization",
    },
    { label: "Peak minute utilisation", value: "92% (daily maximum)", chart: "pc-utilization" },
    { label: "Spillover to on-demand", value: "0.4% of invocations" },
  ],
  assumptions: ["Cold starts on demand are acceptable for this asynchronous S3-triggered workload."],
  risks: ["About 1 in 200 invocations would see a cold start (INIT ≈ 900 ms)."],
  summary: "Remove provisioned concurrency: 27% utilised against a break-even of 60%.",
};

/** A CPU-bound function with three recommendations (arm64 saves the most, memory is surest) and a curve. */
export const LAMBDA_CPU_BOUND_ADVICE: ResourceAdvice = {
  resourceArn: LAMBDA_ARN,
  resourceKind: "lambda",
  // Deliberately not sorted by saving: the card sorts.
  recommendations: [LAMBDA_MEMORY_RECOMMENDATION, PC_RECOMMENDATION, LAMBDA_ARM64_RECOMMENDATION],
  noAdvice: null,
  curve: FIXTURE_MEMORY_CURVE,
};

// ---------------------------------------------------------------------------------------------
// A Fargate service at 18% average CPU

const FARGATE_ARN = "arn:aws:ecs:us-east-1:111122223333:service/prod/checkout-api";
const FARGATE_BASE = {
  resourceKind: "fargate" as const,
  resourceArn: FARGATE_ARN,
  resourceId: "fixture-svc-checkout-api",
  resourceName: "prod/checkout-api",
  accountId: "111122223333",
  region: "us-east-1",
};

/** 4 tasks × (2 vCPU × $0.04048 + 4 GB × $0.004445) × 730 h. */
const CURRENT_FARGATE_USD = 288.32;

/** A Fargate service: right-size (priced) and Spot (saving unknown: no Spot rate on the bill yet). */
export const FARGATE_SERVICE_ADVICE: ResourceAdvice = {
  resourceArn: FARGATE_ARN,
  resourceKind: "fargate",
  recommendations: [
    {
      ...FARGATE_BASE,
      id: `fargate-spot:${FARGATE_ARN}`,
      kind: "fargate-spot",
      currentConfig: "4 tasks on demand",
      proposedConfig: "2 tasks on demand + 2 on Spot",
      proposed: { tasks: 4, spotShare: 0.5 },
      ...withSaving(CURRENT_FARGATE_USD, null),
      confidence: "medium",
      evidence: [
        { label: "Tag", value: "interruption-tolerant=true" },
        { label: "Spot rate", value: "unknown: no Spot usage on the bill in us-east-1" },
      ],
      assumptions: ["Half of the tasks can be interrupted with two minutes' notice."],
      risks: ["Spot capacity can be reclaimed; keep the on-demand base at the minimum for availability."],
      summary: "Run half of the tasks on Fargate Spot (saving unknown until a Spot rate is known).",
    },
    {
      ...FARGATE_BASE,
      id: `fargate-right-size:${FARGATE_ARN}`,
      kind: "fargate-right-size",
      currentConfig: "4 × 2 vCPU · 4 GB x86_64",
      proposedConfig: "4 × 1 vCPU · 2 GB x86_64",
      proposed: { vcpu: 1, memoryGb: 2, tasks: 4, architecture: "x86_64" },
      ...withSaving(CURRENT_FARGATE_USD, 144.16),
      confidence: "high",
      evidence: [
        { label: "CPU utilisation", value: "18% average, 41% peak hour" },
        { label: "Memory utilisation", value: "35% average, 48% peak day" },
        { label: "Tasks", value: "4 running (desired 4)" },
      ],
      assumptions: ["At 1 vCPU the peak hour reaches 82% CPU, above the 60% target only briefly."],
      risks: ["A traffic spike above the 30-day peak would need auto scaling to add tasks."],
      summary: "Halve the task size to 1 vCPU · 2 GB: peak CPU would still be 82%.",
    },
  ],
  noAdvice: null,
  curve: null,
};

// ---------------------------------------------------------------------------------------------
// No advice

export const RIGHT_SIZED_LAMBDA_ADVICE: ResourceAdvice = {
  resourceArn: "arn:aws:lambda:us-east-1:111122223333:function:orders-api",
  resourceKind: "lambda",
  recommendations: [],
  noAdvice: {
    status: "right-sized",
    reason: "512 MB arm64 is within 5% of the cheapest size that keeps 20% headroom above the 301 MB used.",
  },
  curve: null,
};

export const INSUFFICIENT_DATA_ADVICE: ResourceAdvice = {
  resourceArn: "arn:aws:lambda:us-east-1:111122223333:function:nightly-report",
  resourceKind: "lambda",
  recommendations: [],
  noAdvice: {
    status: "insufficient-data",
    reason: "12 invocations in 30 days; at least 50 are needed for a recommendation.",
  },
  curve: null,
};

export const NOT_APPLICABLE_ADVICE: ResourceAdvice = {
  resourceArn: "arn:aws:lambda:us-east-1:111122223333:function:legacy-export",
  resourceKind: "lambda",
  recommendations: [],
  noAdvice: { status: "not-applicable", reason: "The function was deleted on Nov 2, 2026." },
  curve: null,
};
