/**
 * What a demo resource is: its configuration and the behaviour the simulator turns into metrics,
 * memory observations and cost lines. Pure data.
 */
import type { Architecture, FargateOs } from "@/lib/pricing/types";

export const DEMO_REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"] as const;
export type DemoRegion = (typeof DEMO_REGIONS)[number];

/** Hours to add to UTC to get the local business day of each region's users. */
export const REGION_UTC_OFFSET_HOURS: Record<DemoRegion, number> = {
  "us-east-1": -5,
  "eu-west-1": 0,
  "ap-southeast-2": 10,
};

export type DemoAccountKey = "prod" | "staging";

export const DEMO_ACCOUNTS: Record<DemoAccountKey, { id: string; name: string }> = {
  prod: { id: "314159265358", name: "acme-prod" },
  staging: { id: "271828182845", name: "acme-staging" },
};

export type TrafficShape =
  /** Flat around the clock (a mild daily wave). */
  | "steady"
  /** Working hours in the region's local time; quiet nights and weekends. */
  | "business-hours"
  /** A low base with a few short, steep bursts a day. */
  | "spiky"
  /** Everything in one or two hours at night (`hourUtc`). */
  | "nightly"
  /** The same small number of runs every hour. */
  | "hourly-cron"
  /** A handful of events a day at random hours (webhooks, rare queues). */
  | "sparse"
  /** No invocations at all (after `lastActiveDaysAgo`, if given). */
  | "idle";

export type LambdaTraffic = {
  shape: TrafficShape;
  /** Mean invocations on a weekday. */
  requestsPerDay: number;
  /** Weekend volume relative to weekdays (default by shape). */
  weekendFactor?: number;
  /** Peak-minute concurrency relative to the hour's average (≥ 1). */
  burstiness: number;
  /** Start hour (UTC) of nightly runs. */
  hourUtc?: number;
  /** Traffic stops this many days before the anchor (idle and abandoned functions). */
  lastActiveDaysAgo?: number;
  /** Runs only on this UTC weekday (0 = Sunday): weekly jobs. */
  weekdayUtc?: number;
  /** Day-to-day lognormal spread of volume (default 0.08). */
  dailySpread?: number;
};

export type DurationModel = {
  /** Time waiting on I/O: the same at any memory size. */
  ioMs: number;
  /** CPU time with one full vCPU (1,769 MB): Lambda CPU scales with memory up to `parallelism` vCPUs. */
  cpuMs: number;
  /** Threads the code keeps busy (default 1). */
  parallelism?: number;
  /** Heap the code needs; below 1.5× this, garbage collection slows the CPU part down. */
  workingSetMb: number;
  /** p95 ÷ average. */
  tailRatio: number;
  /** arm64 duration ÷ x86_64 duration (default 1). */
  armFactor?: number;
};

export type LambdaConfig = { memoryMb: number; architecture: Architecture };

/**
 * Resource tags: `team`, `env` and `service` on every resource, plus any others a case needs (e.g.
 * `interruption-tolerant: "true"` on the Fargate Spot candidate).
 */
export type DemoTags = { team: string; env: string; service: string; [key: string]: string };

export type LambdaSpec = {
  name: string;
  account: DemoAccountKey;
  region: DemoRegion;
  /** null for container images. */
  runtime: string | null;
  packageType: "Zip" | "Image";
  architecture: Architecture;
  memoryMb: number;
  timeoutSeconds: number;
  ephemeralStorageMb: number;
  tags: DemoTags;
  /**
   * Earlier configurations, oldest first. Each was replaced `untilDaysAgo` days before the anchor
   * (at UTC midnight) by the next one; the current configuration applies after the last.
   */
  history: (LambdaConfig & { untilDaysAgo: number })[];
  /** Days before the anchor the function was created (default: before the window). */
  createdDaysAgo?: number;
  traffic: LambdaTraffic;
  duration: DurationModel;
  /** Typical peak memory used per invocation (REPORT "Max Memory Used"). */
  memoryUsedMb: number;
  /**
   * Day-to-day lognormal spread of the max memory used (default 0.04). A function planted as
   * right-sized uses a small spread so its 90-day maximum stays within a known band.
   */
  memoryUsedSpread?: number;
  /** Cold-start INIT duration. */
  initMs: number;
  /** Share of invocations ending in an error. */
  errorRate: number;
  /** Reserved concurrency: bursts above it are throttled. */
  reservedConcurrency?: number;
  provisionedConcurrency?: { count: number; qualifier: string; activeHoursPerDay: number };
  /** What this function shows in the views (lib/demo/README.md). */
  demonstrates: string;
};

export type FargateLoadShape = "steady" | "business-hours" | "queue" | "nightly" | "office-hours-only";

export type FargateConfig = { cpuUnits: number; memoryMb: number; architecture: Architecture };

export type FargateSpec = {
  name: string;
  clusterName: string;
  account: DemoAccountKey;
  region: DemoRegion;
  cpuUnits: number;
  memoryMb: number;
  os: FargateOs;
  architecture: Architecture;
  ephemeralStorageGb: number;
  onDemandWeight: number;
  spotWeight: number;
  /** Running tasks: `minTasks` at no load, `maxTasks` at peak (equal for a fixed-size service). */
  minTasks: number;
  maxTasks: number;
  load: FargateLoadShape;
  /** Average CPU utilisation (percent of the task's vCPU) at typical load. */
  cpuPercent: number;
  /** Maximum ÷ average CPU within an hour. */
  cpuPeakRatio: number;
  memoryPercent: number;
  /**
   * Behind an Application Load Balancer: the demo writes the target group's daily `RequestCount/Sum`
   * and `TargetResponseTime/Average` (stored in milliseconds). Queue and batch workers have none.
   */
  http?: {
    /** Requests one running task serves in an hour at full load; an hour serves this × tasks × load. */
    requestsPerTaskHour: number;
    /** Average target response time at typical load (ms); a little slower at peak. */
    responseTimeMs: number;
  };
  tags: DemoTags;
  /** Earlier task sizes, oldest first (see LambdaSpec.history). */
  history: (FargateConfig & { untilDaysAgo: number })[];
  createdDaysAgo?: number;
  demonstrates: string;
};
