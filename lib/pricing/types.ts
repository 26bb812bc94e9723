/**
 * The public types of the pricing engine. Pure data: no framework, database or SDK.
 * Every money field is USD and `null` means "unknown" (a rate missing for a region), which the UI
 * shows as unknown, never as $0.
 */

/**
 * The CPU architectures Lambda and Fargate bill (docs/aws-facts.md §1.1, §2.1). The one list: zod
 * enums, the CLI and the checks in this folder derive from it.
 */
export const ARCHITECTURES = ["x86_64", "arm64"] as const;
export type Architecture = (typeof ARCHITECTURES)[number];
/** Fargate's operating-system families (docs/aws-facts.md §2.1); the one list, like ARCHITECTURES. */
export const FARGATE_OSES = ["linux", "windows"] as const;
export type FargateOs = (typeof FARGATE_OSES)[number];
export type ComputeService = "lambda" | "fargate";
export type BillService = ComputeService | "apigateway" | "alb";

/** What a bill line prices; the fleet views stack cost by these. */
export type CostComponent =
  | "requests"
  | "duration"
  | "provisioned-concurrency"
  | "provisioned-duration"
  | "ephemeral-storage"
  | "snapstart"
  | "init"
  | "streaming"
  | "vcpu"
  | "memory"
  | "os-license"
  | "front-door"
  | "savings-plan";

export type BillLine = {
  item: string; // human label, e.g. "Duration (tier 1, first 6B GB-s)"
  quantity: number;
  unit: string; // "requests" | "GB-s" | "vCPU-hours" | "GB-hours" | "LCU-hours" | ...
  unitPriceUsd: number | null;
  costUsd: number | null;
  service: BillService;
  component: CostComponent;
  /** Price-book key the unit price came from (absent on free-tier and discount lines). */
  rateKey?: string;
};

export type Bill = {
  lines: BillLine[];
  /** null when any line's rate is unknown. */
  totalUsd: number | null;
  /** One sentence per missing rate, e.g. "Fargate Windows vCPU rate for eu-south-1". */
  unknownRates: string[];
  region: string;
  priceVersion: string;
};

// ---------------------------------------------------------------------------------------------
// Lambda

export type LambdaProvisionedConcurrencyUsage = {
  /** Configured provisioned concurrency (environments). */
  count: number;
  /** Hours per month the configuration was active (billed in 5-minute steps). */
  hoursPerMonth: number;
  /** Requests served by provisioned environments this month. */
  requests: number;
  /** Average billed duration of those requests. */
  durationMs: number;
};

export type LambdaUsage = {
  region: string;
  architecture: Architecture;
  memoryMb: number;
  /** All requests in the month, including those served by provisioned concurrency. */
  requestsPerMonth: number;
  /** Average billed duration of the on-demand requests (not served by provisioned concurrency). */
  durationMs: number;
  /** Configured /tmp size; the first 512 MB are free. Default 512. */
  ephemeralStorageMb?: number;
  provisionedConcurrency?: LambdaProvisionedConcurrencyUsage;
  snapStart?: { cacheHoursPerMonth: number; restoresPerMonth: number };
  /** Billed INIT of cold starts (billed for all configurations since 2025-08-01). */
  init?: { coldStartsPerMonth: number; initDurationMs: number };
  /** HTTP response streaming: GB streamed beyond the free 6 MB per response. */
  streaming?: { billableGbPerMonth: number; isFreeTierUsed?: boolean };
  /** Apply the monthly free tier (1M requests, 400,000 GB-s, 100 GB streaming). */
  isFreeTierApplied: boolean;
  /**
   * Price this function as a share of an account's usage: tiers and the free tier are account-wide
   * per architecture and region. The function's share is proportional to its GB-s (duration) and
   * its requests (requests). Omit to price the function as if it were alone in the account.
   */
  accountUsage?: { gbSecondsPerMonth: number; requestsPerMonth: number };
};

// ---------------------------------------------------------------------------------------------
// Fargate

export type FargateUsage = {
  region: string;
  architecture: Architecture;
  os: FargateOs;
  vcpu: number;
  memoryGb: number;
  /** Number of tasks. */
  tasks: number;
  /** Seconds each run lasts (billed per second, with a 1-minute minimum on Linux, 5 on Windows). */
  runSeconds: number;
  /** Runs per task per month. */
  runsPerTask: number;
  /** Configured ephemeral storage; the first 20 GB are included. Default 20. */
  ephemeralStorageGb?: number;
  isSpot?: boolean;
};

export type FargateTaskSize = { vcpu: number; memoryGb: number };

// ---------------------------------------------------------------------------------------------
// Front door and Savings Plans

export type FrontDoor =
  | { kind: "none" }
  | { kind: "http-api" }
  | { kind: "rest-api" }
  | {
      kind: "alb";
      /** Average processed bytes per request (request + response). */
      bytesPerRequest: number;
      /** Listener rules evaluated per request beyond the 10 free ones are billed. */
      rules: number;
      /** Average new connections per second relative to requests per second (keep-alive). */
      newConnectionsPerRequest: number;
      /** Average connection lifetime in seconds. */
      connectionSeconds: number;
    };

export type SavingsPlan = {
  /** Compute Savings Plan discount on Lambda duration and provisioned concurrency, e.g. 0.12. */
  lambdaDiscount: number;
  /** Compute Savings Plan discount on Fargate vCPU and memory (never Spot), e.g. 0.2. */
  fargateDiscount: number;
};

// ---------------------------------------------------------------------------------------------
// What-if and break-even

/** Relative traffic per hour of day (24 numbers); normalised by the engine. */
export type HourlyShape = number[];

export type TrafficShapePreset = "flat" | "business-hours" | "spiky" | "nightly-batch";

export type Workload = {
  region: string;
  requestsPerMonth: number;
  /** Hour-of-day profile; presets produce one (see computeTrafficShape). */
  hourlyShape: HourlyShape;
  /** Average duration measured at `memoryMb` on `architecture`. */
  durationMs: number;
  memoryMb: number;
  architecture: Architecture;
  /** Fraction of the duration that is CPU work (0..1); the rest waits on I/O. */
  cpuBoundShare: number;
  /** Threads the code can keep busy; Lambda CPU beyond this many vCPU does not help. */
  parallelism: number;
  maxMemoryUsedMb: number;
  isFreeTierApplied: boolean;
  frontDoor: FrontDoor;
  savingsPlan: SavingsPlan | null;
  provisionedConcurrency: { count: number; hoursPerDay: number } | null;
  coldStart: { coldStartShare: number; initDurationMs: number } | null;
  fargate: {
    os: FargateOs;
    isSpot: boolean;
    /** Target average CPU utilisation per task, e.g. 0.6. */
    targetCpuUtilization: number;
    /** Minimum running tasks for availability. */
    minTasks: number;
    /** Scale task count with the hourly shape (true) or provision for the peak all month (false). */
    isAutoscaled: boolean;
  };
  /** Price a rewrite: duration x factor, memory used x factor (e.g. 0.25 and 0.5). */
  rewrite: { durationFactor: number; memoryFactor: number };
  /** Also price the other architecture (Lambda and Fargate). Default true. */
  canSwitchArchitecture?: boolean;
  /** Duration on the other architecture relative to the measured one (e.g. 1.1 = 10% slower). Default 1. */
  otherArchitectureDurationFactor?: number;
};

export type LambdaOption = {
  memoryMb: number;
  architecture: Architecture;
  /** Modelled average duration at this memory (memory-power curve). */
  durationMs: number;
  /** null when infeasible (see infeasibleReason) or when a needed rate is unknown (see unknownRates). */
  monthlyCostUsd: number | null;
  isFeasible: boolean;
  /** Why not feasible: "exceeds the 15-minute timeout", "needs 3,000 MB but has 2,048 MB". */
  infeasibleReason: string | null;
};

export type FargateOption = {
  vcpu: number;
  memoryGb: number;
  architecture: Architecture;
  /** Average and peak running tasks over the month. */
  averageTasks: number;
  peakTasks: number;
  /** null when infeasible (see infeasibleReason) or when a needed rate is unknown (see unknownRates). */
  monthlyCostUsd: number | null;
  isFeasible: boolean;
  infeasibleReason: string | null;
};

export type BreakevenPoint = {
  requestsPerMonth: number;
  cheapestLambdaUsd: number | null;
  cheapestFargateUsd: number | null;
};

export type WhatIfResult = {
  /** Lambda at the workload's current memory and architecture. */
  current: LambdaOption;
  lambdaOptions: LambdaOption[];
  cheapestLambda: LambdaOption | null;
  fargateOptions: FargateOption[];
  cheapestFargate: FargateOption | null;
  /** Monthly cost of the cheapest option of each kind across request rates (log-spaced). */
  sweep: BreakevenPoint[];
  /** Request rate where the cheapest Lambda and cheapest Fargate cost the same; null if they never cross. */
  crossoverRequestsPerMonth: number | null;
  /** Every crossing found in the sweep, ascending (the first is crossoverRequestsPerMonth). */
  crossoversRequestsPerMonth: number[];
  bills: { current: Bill; cheapestLambda: Bill | null; cheapestFargate: Bill | null };
  priceVersion: string;
  unknownRates: string[];
};
