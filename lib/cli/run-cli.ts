import type {
  Architecture,
  FargateUsage,
  FrontDoor,
  LambdaUsage,
  TrafficShapePreset,
  WhatIfResult,
  Workload,
} from "@/lib/pricing";
import {
  DEFAULT_PRICE_BOOK,
  PricingInputError,
  TRAFFIC_SHAPE_PRESETS,
  computeFargateBill,
  computeLambdaBill,
  computeTrafficShape,
  computeWhatIf,
  describeRate,
  getRateUsd,
} from "@/lib/pricing";
import {
  LAMBDA_FREE_EPHEMERAL_STORAGE_MB,
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_EPHEMERAL_STORAGE_MB,
  LAMBDA_MAX_INIT_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
} from "@/lib/pricing/limits";
import { ARCHITECTURES, FARGATE_OSES } from "@/lib/pricing/types";
import type { PowerTuningRun } from "@/lib/recommend/power-tuning";
import {
  PowerTuningInputError,
  parsePowerTuning,
  repricePowerTuningPoints,
} from "@/lib/recommend/power-tuning";
import type { FlagSpecs, ParsedFlags } from "./args";
import { CliUsageError, formatFlagHelp, parseFlags, requireNumber, requireString } from "./args";
import { formatBill, formatTable, formatUnitPrice, formatUsdCents, toBillJson } from "./format";

/**
 * The Breakeven CLI as a pure function of its arguments (scripts/cli.ts does the I/O):
 *   price lambda …   price fargate …   breakeven …   power-tuning …
 * Exit codes: 0 ok (also when a rate is unknown: the output says which), 2 bad flag or value
 * (one line on stderr naming the flag and its range), 1 unexpected failure.
 */
export type CliResult = { exitCode: 0 | 1 | 2; stdout: string; stderr: string };

/** The I/O a command may need, passed in by scripts/cli.ts (this module does no I/O itself). */
export type CliIo = {
  /** Reads a UTF-8 text file; throws (e.g. ENOENT) when it cannot. */
  readTextFile?: (path: string) => string;
};

const REGION_SPEC = {
  kind: "string",
  description: "an AWS region code",
  example: "us-east-1",
} as const;

const COMMON_SPECS = {
  json: { kind: "boolean", description: "print JSON instead of a table" },
  help: { kind: "boolean", description: "show this help" },
} as const satisfies FlagSpecs;

const LAMBDA_SPECS = {
  region: REGION_SPEC,
  arch: { kind: "enum", values: ARCHITECTURES, description: "CPU architecture" },
  "memory-mb": {
    kind: "number",
    min: LAMBDA_MIN_MEMORY_MB,
    max: LAMBDA_MAX_MEMORY_MB,
    unit: "MB",
    isInteger: true,
    description: "configured memory",
  },
  requests: {
    kind: "number",
    min: 0,
    max: 1e13,
    unit: "requests per month",
    description: "all requests in the month, including those served by provisioned concurrency",
  },
  "duration-ms": {
    kind: "number",
    min: 0,
    max: LAMBDA_MAX_DURATION_MS,
    unit: "ms",
    description: "average billed duration of on-demand requests",
  },
  "ephemeral-mb": {
    kind: "number",
    min: LAMBDA_FREE_EPHEMERAL_STORAGE_MB,
    max: LAMBDA_MAX_EPHEMERAL_STORAGE_MB,
    unit: "MB",
    description: "configured /tmp (first 512 MB free)",
  },
  "free-tier": { kind: "boolean", description: "apply the monthly free tier (1M requests, 400,000 GB-s)" },
  "pc-count": {
    kind: "number",
    min: 0,
    max: 1e6,
    unit: "environments",
    description: "provisioned concurrency",
  },
  "pc-hours": {
    kind: "number",
    min: 0,
    max: 744,
    unit: "hours per month",
    description: "hours provisioned concurrency is on (billed in 5-minute steps)",
  },
  "pc-requests": {
    kind: "number",
    min: 0,
    max: 1e13,
    unit: "requests per month",
    description: "requests served by provisioned concurrency",
  },
  "pc-duration-ms": {
    kind: "number",
    min: 0,
    max: LAMBDA_MAX_DURATION_MS,
    unit: "ms",
    description: "average duration of requests on provisioned concurrency",
  },
  "snapstart-hours": {
    kind: "number",
    min: 0,
    max: 744,
    unit: "hours per month",
    description: "SnapStart cache hours (minimum 3)",
  },
  "snapstart-restores": {
    kind: "number",
    min: 0,
    max: 1e13,
    unit: "restores per month",
    description: "SnapStart restores",
  },
  "init-ms": {
    kind: "number",
    min: 0,
    max: LAMBDA_MAX_INIT_DURATION_MS,
    unit: "ms",
    description: "billed INIT duration per cold start",
  },
  "cold-starts": {
    kind: "number",
    min: 0,
    max: 1e13,
    unit: "per month",
    description: "cold starts (INIT billed since 2025-08-01)",
  },
  "streaming-gb": {
    kind: "number",
    min: 0,
    max: 1e9,
    unit: "GB per month",
    description: "response streaming beyond 6 MB per response",
  },
  ...COMMON_SPECS,
} as const satisfies FlagSpecs;

const FARGATE_SPECS = {
  region: REGION_SPEC,
  arch: { kind: "enum", values: ARCHITECTURES, description: "CPU architecture" },
  os: { kind: "enum", values: FARGATE_OSES, description: "operating system" },
  vcpu: {
    kind: "number",
    min: 0.25,
    max: 32,
    unit: "vCPU",
    description: "task vCPU (0.25, 0.5, 1, 2, 4, 8, 16, 32)",
  },
  "memory-gb": {
    kind: "number",
    min: 0.5,
    max: 244,
    unit: "GB",
    description: "task memory (valid range depends on vCPU)",
  },
  tasks: { kind: "number", min: 0, max: 1e7, unit: "tasks", description: "number of tasks" },
  "run-seconds": {
    kind: "number",
    min: 0,
    max: 2_678_400,
    unit: "seconds",
    description: "length of each run (1-minute minimum on Linux, 5 on Windows)",
  },
  runs: {
    kind: "number",
    min: 0,
    max: 1e7,
    unit: "runs per task per month",
    description: "runs of each task per month",
  },
  "ephemeral-gb": {
    kind: "number",
    min: 20,
    max: 200,
    unit: "GB",
    description: "ephemeral storage (first 20 GB included)",
  },
  spot: { kind: "boolean", description: "Fargate Spot (Linux only)" },
  ...COMMON_SPECS,
} as const satisfies FlagSpecs;

const BREAKEVEN_SPECS = {
  region: { ...REGION_SPEC, defaultValue: "us-east-1" },
  requests: {
    kind: "number",
    min: 0,
    max: 1e13,
    unit: "requests per month",
    description: "requests per month",
  },
  "duration-ms": {
    kind: "number",
    min: 0,
    max: LAMBDA_MAX_DURATION_MS,
    unit: "ms",
    description: "average duration measured at --memory-mb",
  },
  "memory-mb": {
    kind: "number",
    min: LAMBDA_MIN_MEMORY_MB,
    max: LAMBDA_MAX_MEMORY_MB,
    unit: "MB",
    isInteger: true,
    description: "memory the duration was measured at",
  },
  arch: {
    kind: "enum",
    values: ARCHITECTURES,
    description: "architecture the duration was measured on",
    defaultValue: "x86_64",
  },
  "cpu-share": {
    kind: "number",
    min: 0,
    max: 1,
    unit: "fraction",
    description: "share of the duration that is CPU work",
    defaultValue: 0.5,
  },
  parallelism: {
    kind: "number",
    min: 1,
    max: 64,
    unit: "threads",
    description: "threads the code keeps busy",
    defaultValue: 1,
  },
  "max-memory-mb": {
    kind: "number",
    min: 0,
    max: 1e6,
    unit: "MB",
    description: "peak memory used (default: --memory-mb)",
  },
  shape: {
    kind: "enum",
    values: TRAFFIC_SHAPE_PRESETS,
    description: "hour-of-day traffic shape",
    defaultValue: "flat",
  },
  "front-door": {
    kind: "enum",
    values: ["none", "http-api", "rest-api", "alb"],
    description: "front door on both sides",
    defaultValue: "none",
  },
  "alb-bytes-per-request": {
    kind: "number",
    min: 0,
    max: 1e9,
    unit: "bytes",
    description: "ALB processed bytes per request",
    defaultValue: 10_000,
  },
  "alb-rules": {
    kind: "number",
    min: 0,
    max: 1000,
    unit: "rules",
    description: "ALB rules evaluated per request (10 free)",
    defaultValue: 10,
  },
  "alb-new-connections-per-request": {
    kind: "number",
    min: 0,
    max: 1,
    unit: "fraction",
    description: "ALB new connections per request",
    defaultValue: 0.1,
  },
  "alb-connection-seconds": {
    kind: "number",
    min: 0,
    max: 604_800,
    unit: "seconds",
    description: "ALB connection lifetime",
    defaultValue: 60,
  },
  "free-tier": { kind: "boolean", description: "apply the Lambda free tier" },
  "sp-lambda": {
    kind: "number",
    min: 0,
    max: 0.66,
    unit: "fraction",
    description: "Compute Savings Plan discount on Lambda",
    defaultValue: 0,
  },
  "sp-fargate": {
    kind: "number",
    min: 0,
    max: 0.66,
    unit: "fraction",
    description: "Compute Savings Plan discount on Fargate",
    defaultValue: 0,
  },
  "pc-count": {
    kind: "number",
    min: 0,
    max: 1e6,
    unit: "environments",
    description: "provisioned concurrency",
    defaultValue: 0,
  },
  "pc-hours-per-day": {
    kind: "number",
    min: 0,
    max: 24,
    unit: "hours",
    description: "hours per day PC is on (busiest hours)",
    defaultValue: 24,
  },
  "cold-start-share": {
    kind: "number",
    min: 0,
    max: 1,
    unit: "fraction",
    description: "share of on-demand requests that cold-start",
    defaultValue: 0,
  },
  "init-ms": {
    kind: "number",
    min: 0,
    max: LAMBDA_MAX_INIT_DURATION_MS,
    unit: "ms",
    description: "INIT duration per cold start",
    defaultValue: 0,
  },
  os: {
    kind: "enum",
    values: FARGATE_OSES,
    description: "Fargate operating system",
    defaultValue: "linux",
  },
  spot: { kind: "boolean", description: "price Fargate Spot" },
  "target-cpu": {
    kind: "number",
    min: 0.05,
    max: 1,
    unit: "fraction",
    description: "Fargate target CPU utilisation",
    defaultValue: 0.6,
  },
  "min-tasks": {
    kind: "number",
    min: 0,
    max: 10_000,
    unit: "tasks",
    isInteger: true,
    description: "Fargate minimum tasks",
    defaultValue: 1,
  },
  "no-autoscale": { kind: "boolean", description: "run Fargate at peak all month" },
  "rewrite-duration": {
    kind: "number",
    min: 0.01,
    max: 10,
    unit: "×",
    description: "rewrite: duration factor",
    defaultValue: 1,
  },
  "rewrite-memory": {
    kind: "number",
    min: 0.01,
    max: 10,
    unit: "×",
    description: "rewrite: memory factor",
    defaultValue: 1,
  },
  "fixed-arch": { kind: "boolean", description: "do not price the other architecture" },
  "other-arch-factor": {
    kind: "number",
    min: 0.1,
    max: 10,
    unit: "×",
    description: "duration on the other architecture relative to --arch",
    defaultValue: 1,
  },
  ...COMMON_SPECS,
} as const satisfies FlagSpecs;

/** Engine input field → the CLI flag that set it, so engine errors name the flag. */
const FIELD_FLAGS: Record<string, string> = {
  region: "region",
  architecture: "arch",
  memoryMb: "memory-mb",
  requestsPerMonth: "requests",
  durationMs: "duration-ms",
  ephemeralStorageMb: "ephemeral-mb",
  "provisionedConcurrency.count": "pc-count",
  "provisionedConcurrency.hoursPerMonth": "pc-hours",
  "provisionedConcurrency.hoursPerDay": "pc-hours-per-day",
  "provisionedConcurrency.requests": "pc-requests",
  "provisionedConcurrency.durationMs": "pc-duration-ms",
  "snapStart.cacheHoursPerMonth": "snapstart-hours",
  "snapStart.restoresPerMonth": "snapstart-restores",
  "init.coldStartsPerMonth": "cold-starts",
  "init.initDurationMs": "init-ms",
  "streaming.billableGbPerMonth": "streaming-gb",
  os: "os",
  vcpu: "vcpu",
  memoryGb: "memory-gb",
  tasks: "tasks",
  runSeconds: "run-seconds",
  runsPerTask: "runs",
  ephemeralStorageGb: "ephemeral-gb",
  isSpot: "spot",
  maxMemoryUsedMb: "max-memory-mb",
  cpuBoundShare: "cpu-share",
  "rewrite.durationFactor": "rewrite-duration",
  "rewrite.memoryFactor": "rewrite-memory",
  "coldStart.coldStartShare": "cold-start-share",
  "coldStart.initDurationMs": "init-ms",
  "fargate.isSpot": "spot",
  "fargate.minTasks": "min-tasks",
  "fargate.targetCpuUtilization": "target-cpu",
};

const USAGE = `Breakeven CLI — price AWS Lambda and Fargate workloads from the checked-in price book.

Usage:
  npm run -s cli -- price lambda  --region R --arch A --memory-mb N --requests N --duration-ms N [options]
  npm run -s cli -- price fargate --region R --arch A --os O --vcpu N --memory-gb N --tasks N --run-seconds N --runs N [options]
  npm run -s cli -- breakeven     --requests N --duration-ms N --memory-mb N [options]
  npm run -s cli -- power-tuning  <file|url> [--region R] [--arch x86_64|arm64] [--json]
  npm run -s cli -- recommend     [--format table|csv|json|md] [--status S] [--kind K] [--account ID]
                                  [--region R] [--confidence C] [--min-saving-usd N]   (the recommendations
                                  of DATABASE_URL, as on the recommendations page; --json = --format json)
  npm run -s cli -- reconcile     [--days N] [--account ID] [--json]   (billed, modelled and residual per
                                  account, region and service: docs/reconciliation.md)
  npm run -s cli -- accounts      list|add|remove|test …   (the AWS accounts the sync reads)
  npm run -s cli -- import-compute-optimizer FILE --account ID [--json]   (a Compute Optimizer CSV export:
                                  docs/compute-optimizer.md)
  npm run sync -- [--account ID] [--regions r1,r2] [--days N] [--json]   (read AWS accounts: docs/sync.md)

Add --help after a command for its flags, --json for machine-readable output.
Exit codes: 0 ok (unknown rates print "unknown" and name the missing rate), 2 bad flag or value, 1 failure.`;

function ok(stdout: string, stderr = ""): CliResult {
  return { exitCode: 0, stdout: stdout.endsWith("\n") ? stdout : `${stdout}\n`, stderr };
}

function unknownRatesNotice(unknownRates: readonly string[]): string {
  return unknownRates.map((description) => `unknown rate: ${description} (not in the price book)\n`).join("");
}

function runPriceLambda(argv: readonly string[]): CliResult {
  const label = "price lambda";
  const flags = parseFlags(argv, LAMBDA_SPECS, label);
  if (flags.booleans.has("help"))
    return ok(`Usage: npm run -s cli -- ${label} [flags]\n\n${formatFlagHelp(LAMBDA_SPECS)}`);
  const usage: LambdaUsage = {
    region: requireString(flags, LAMBDA_SPECS, "region"),
    architecture: requireString(flags, LAMBDA_SPECS, "arch") as LambdaUsage["architecture"],
    memoryMb: requireNumber(flags, LAMBDA_SPECS, "memory-mb"),
    requestsPerMonth: requireNumber(flags, LAMBDA_SPECS, "requests"),
    durationMs: requireNumber(flags, LAMBDA_SPECS, "duration-ms"),
    ephemeralStorageMb: flags.numbers.get("ephemeral-mb"),
    isFreeTierApplied: flags.booleans.has("free-tier"),
  };
  const pcFlags = ["pc-count", "pc-hours", "pc-requests", "pc-duration-ms"].filter((name) =>
    flags.given.has(name),
  );
  if (pcFlags.length > 0) {
    const pcRequests = flags.numbers.get("pc-requests") ?? 0;
    if (pcRequests > 0 && !flags.numbers.has("pc-duration-ms")) {
      throw new CliUsageError(
        "--pc-duration-ms is required with --pc-requests: a number from 0 to 900000 (ms)",
      );
    }
    usage.provisionedConcurrency = {
      count: requireNumber(flags, LAMBDA_SPECS, "pc-count"),
      hoursPerMonth: requireNumber(flags, LAMBDA_SPECS, "pc-hours"),
      requests: pcRequests,
      durationMs: flags.numbers.get("pc-duration-ms") ?? 0,
    };
  }
  if (flags.given.has("snapstart-hours") || flags.given.has("snapstart-restores")) {
    usage.snapStart = {
      cacheHoursPerMonth: flags.numbers.get("snapstart-hours") ?? 0,
      restoresPerMonth: flags.numbers.get("snapstart-restores") ?? 0,
    };
  }
  if (flags.given.has("init-ms") || flags.given.has("cold-starts")) {
    usage.init = {
      coldStartsPerMonth: requireNumber(flags, LAMBDA_SPECS, "cold-starts"),
      initDurationMs: requireNumber(flags, LAMBDA_SPECS, "init-ms"),
    };
  }
  if (flags.given.has("streaming-gb")) {
    usage.streaming = { billableGbPerMonth: flags.numbers.get("streaming-gb") ?? 0 };
  }
  const bill = computeLambdaBill(usage);
  if (flags.booleans.has("json"))
    return ok(JSON.stringify(toBillJson(bill)), unknownRatesNotice(bill.unknownRates));
  return ok(formatBill(bill, `Lambda ${usage.architecture}, ${usage.memoryMb} MB`));
}

function runPriceFargate(argv: readonly string[]): CliResult {
  const label = "price fargate";
  const flags = parseFlags(argv, FARGATE_SPECS, label);
  if (flags.booleans.has("help"))
    return ok(`Usage: npm run -s cli -- ${label} [flags]\n\n${formatFlagHelp(FARGATE_SPECS)}`);
  const usage: FargateUsage = {
    region: requireString(flags, FARGATE_SPECS, "region"),
    architecture: requireString(flags, FARGATE_SPECS, "arch") as FargateUsage["architecture"],
    os: requireString(flags, FARGATE_SPECS, "os") as FargateUsage["os"],
    vcpu: requireNumber(flags, FARGATE_SPECS, "vcpu"),
    memoryGb: requireNumber(flags, FARGATE_SPECS, "memory-gb"),
    tasks: requireNumber(flags, FARGATE_SPECS, "tasks"),
    runSeconds: requireNumber(flags, FARGATE_SPECS, "run-seconds"),
    runsPerTask: requireNumber(flags, FARGATE_SPECS, "runs"),
    ephemeralStorageGb: flags.numbers.get("ephemeral-gb"),
    isSpot: flags.booleans.has("spot"),
  };
  const bill = computeFargateBill(usage);
  if (flags.booleans.has("json"))
    return ok(JSON.stringify(toBillJson(bill)), unknownRatesNotice(bill.unknownRates));
  const title = `Fargate ${usage.os}/${usage.architecture}${usage.isSpot ? " Spot" : ""}, ${usage.vcpu} vCPU / ${usage.memoryGb} GB`;
  return ok(formatBill(bill, title));
}

function toWorkload(flags: ParsedFlags): Workload {
  const specs = BREAKEVEN_SPECS;
  const memoryMb = requireNumber(flags, specs, "memory-mb");
  const frontDoorKind = requireString(flags, specs, "front-door") as FrontDoor["kind"];
  const frontDoor: FrontDoor =
    frontDoorKind === "alb"
      ? {
          kind: "alb",
          bytesPerRequest: requireNumber(flags, specs, "alb-bytes-per-request"),
          rules: requireNumber(flags, specs, "alb-rules"),
          newConnectionsPerRequest: requireNumber(flags, specs, "alb-new-connections-per-request"),
          connectionSeconds: requireNumber(flags, specs, "alb-connection-seconds"),
        }
      : { kind: frontDoorKind };
  const lambdaDiscount = requireNumber(flags, specs, "sp-lambda");
  const fargateDiscount = requireNumber(flags, specs, "sp-fargate");
  const pcCount = requireNumber(flags, specs, "pc-count");
  const coldStartShare = requireNumber(flags, specs, "cold-start-share");
  return {
    region: requireString(flags, specs, "region"),
    requestsPerMonth: requireNumber(flags, specs, "requests"),
    hourlyShape: computeTrafficShape(requireString(flags, specs, "shape") as TrafficShapePreset),
    durationMs: requireNumber(flags, specs, "duration-ms"),
    memoryMb,
    architecture: requireString(flags, specs, "arch") as Workload["architecture"],
    cpuBoundShare: requireNumber(flags, specs, "cpu-share"),
    parallelism: requireNumber(flags, specs, "parallelism"),
    maxMemoryUsedMb: flags.numbers.get("max-memory-mb") ?? memoryMb,
    isFreeTierApplied: flags.booleans.has("free-tier"),
    frontDoor,
    savingsPlan: lambdaDiscount > 0 || fargateDiscount > 0 ? { lambdaDiscount, fargateDiscount } : null,
    provisionedConcurrency:
      pcCount > 0 ? { count: pcCount, hoursPerDay: requireNumber(flags, specs, "pc-hours-per-day") } : null,
    coldStart:
      coldStartShare > 0 ? { coldStartShare, initDurationMs: requireNumber(flags, specs, "init-ms") } : null,
    fargate: {
      os: requireString(flags, specs, "os") as Workload["fargate"]["os"],
      isSpot: flags.booleans.has("spot"),
      targetCpuUtilization: requireNumber(flags, specs, "target-cpu"),
      minTasks: requireNumber(flags, specs, "min-tasks"),
      isAutoscaled: !flags.booleans.has("no-autoscale"),
    },
    rewrite: {
      durationFactor: requireNumber(flags, specs, "rewrite-duration"),
      memoryFactor: requireNumber(flags, specs, "rewrite-memory"),
    },
    canSwitchArchitecture: !flags.booleans.has("fixed-arch"),
    otherArchitectureDurationFactor: requireNumber(flags, specs, "other-arch-factor"),
  };
}

function formatRequests(requestsPerMonth: number): string {
  return `${Math.round(requestsPerMonth).toLocaleString("en-US")} requests/month`;
}

function formatWhatIf(workload: Workload, result: WhatIfResult): string {
  const rows: string[][] = [];
  const lambdaRow = (label: string, option: WhatIfResult["current"] | null) => {
    if (!option) {
      const hasFeasible = result.lambdaOptions.some((candidate) => candidate.isFeasible);
      return hasFeasible
        ? [label, "no Lambda option with known rates", "", "unknown"]
        : [label, "no feasible Lambda option", "", "none"];
    }
    return [
      label,
      `Lambda ${option.architecture}, ${option.memoryMb.toLocaleString("en-US")} MB`,
      `${Number(option.durationMs.toPrecision(6))} ms avg`,
      option.isFeasible ? formatUsdCents(option.monthlyCostUsd) : `infeasible: ${option.infeasibleReason}`,
    ];
  };
  rows.push(lambdaRow("Current", result.current));
  rows.push(lambdaRow("Cheapest Lambda", result.cheapestLambda));
  const fargate = result.cheapestFargate;
  rows.push(
    fargate
      ? [
          "Cheapest Fargate",
          `Fargate ${workload.fargate.os}/${fargate.architecture}${workload.fargate.isSpot ? " Spot" : ""}, ${fargate.vcpu} vCPU / ${fargate.memoryGb} GB`,
          `${Number(fargate.averageTasks.toPrecision(4))} tasks avg, ${fargate.peakTasks} peak`,
          formatUsdCents(fargate.monthlyCostUsd),
        ]
      : result.fargateOptions.some((option) => option.isFeasible)
        ? ["Cheapest Fargate", "no Fargate option with known rates", "", "unknown"]
        : ["Cheapest Fargate", "no feasible Fargate option", "", "none"],
  );
  const table = formatTable(["", "Option", "Runs as", "Per month"], rows, new Set([3]));
  const crossover =
    result.crossoverRequestsPerMonth === null
      ? result.sweep.some((point) => point.cheapestLambdaUsd === null || point.cheapestFargateUsd === null)
        ? "Crossover: unknown (a rate is missing or no option is feasible on one side)"
        : `Crossover: none between 10,000 and 10,000,000,000 requests/month (${
            (result.sweep[0]?.cheapestLambdaUsd ?? 0) < (result.sweep[0]?.cheapestFargateUsd ?? 0)
              ? "Lambda is cheaper throughout"
              : "Fargate is cheaper throughout"
          })`
      : `Crossover: ${formatRequests(result.crossoverRequestsPerMonth)} (${
          (result.sweep[0]?.cheapestLambdaUsd ?? 0) <= (result.sweep[0]?.cheapestFargateUsd ?? 0)
            ? "Lambda is cheaper below it"
            : "Fargate is cheaper below it"
        })`;
  const extra =
    result.crossoversRequestsPerMonth.length > 1
      ? `\nOther crossings: ${result.crossoversRequestsPerMonth.slice(1).map(formatRequests).join(", ")}`
      : "";
  const lines = [
    `Breakeven — ${workload.region}, ${formatRequests(workload.requestsPerMonth)}, prices ${result.priceVersion}`,
    "",
    table,
    "",
    crossover + extra,
  ];
  for (const description of result.unknownRates)
    lines.push(`Unknown rate: ${description} (not in the price book)`);
  return lines.join("\n");
}

function runBreakeven(argv: readonly string[]): CliResult {
  const label = "breakeven";
  const flags = parseFlags(argv, BREAKEVEN_SPECS, label);
  if (flags.booleans.has("help"))
    return ok(`Usage: npm run -s cli -- ${label} [flags]\n\n${formatFlagHelp(BREAKEVEN_SPECS)}`);
  const workload = toWorkload(flags);
  const result = computeWhatIf(workload);
  if (flags.booleans.has("json")) {
    const json = {
      region: workload.region,
      priceVersion: result.priceVersion,
      requestsPerMonth: workload.requestsPerMonth,
      current: result.current,
      cheapestLambda: result.cheapestLambda,
      cheapestFargate: result.cheapestFargate,
      crossoverRequestsPerMonth: result.crossoverRequestsPerMonth,
      crossoversRequestsPerMonth: result.crossoversRequestsPerMonth,
      sweep: result.sweep,
      bills: {
        current: toBillJson(result.bills.current),
        cheapestLambda: result.bills.cheapestLambda ? toBillJson(result.bills.cheapestLambda) : null,
        cheapestFargate: result.bills.cheapestFargate ? toBillJson(result.bills.cheapestFargate) : null,
      },
      unknownRates: result.unknownRates,
    };
    return ok(JSON.stringify(json), unknownRatesNotice(result.unknownRates));
  }
  return ok(formatWhatIf(workload, result));
}

function toFlagMessage(error: PricingInputError): string {
  const flag = FIELD_FLAGS[error.field];
  return flag ? `--${flag}: ${error.message}` : error.message;
}

// ---------------------------------------------------------------------------------------------
// power-tuning <file|url>: import AWS Lambda Power Tuning results and reprice them (docs/power-tuning.md)

const POWER_TUNING_SPECS = {
  region: {
    kind: "string",
    description: "region to price in (default: the function ARN's region, else us-east-1)",
    example: "eu-west-1",
  },
  arch: {
    kind: "enum",
    values: ARCHITECTURES,
    description: "architecture the run measured",
    defaultValue: "x86_64",
  },
  ...COMMON_SPECS,
} as const satisfies FlagSpecs;

const POWER_TUNING_USAGE = `Usage: npm run -s cli -- power-tuning <file|url> [flags]

<file|url>: a file holding the state machine output or a DescribeExecution record (JSON), or the
visualization URL (quote it: it contains '#' and ';'). Durations are kept as measured; every point is
repriced with Breakeven's price book (request + tier-1 GB-seconds of the billed whole milliseconds).`;

function runPowerTuning(argv: readonly string[], io: CliIo): CliResult {
  const label = "power-tuning";
  // One positional argument, anywhere among the flags.
  const positionals: string[] = [];
  const flagTokens: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const token = argv[index] ?? "";
    if (!token.startsWith("--")) {
      positionals.push(token);
      continue;
    }
    flagTokens.push(token);
    const spec = (POWER_TUNING_SPECS as FlagSpecs)[token.slice(2)];
    if (spec && spec.kind !== "boolean" && argv[index + 1] !== undefined) {
      flagTokens.push(argv[index + 1] ?? "");
      index += 1;
    }
  }
  const flags = parseFlags(flagTokens, POWER_TUNING_SPECS, label);
  if (flags.booleans.has("help")) return ok(`${POWER_TUNING_USAGE}\n\n${formatFlagHelp(POWER_TUNING_SPECS)}`);
  if (positionals.length !== 1)
    throw new CliUsageError(
      positionals.length === 0
        ? "power-tuning needs one argument: a results file (JSON) or the visualization URL"
        : `power-tuning takes one file or URL; got ${positionals.length} (${positionals.map((p) => JSON.stringify(p)).join(", ")})`,
    );
  const source = positionals[0]!;
  const isInline =
    /^https?:/i.test(source) ||
    (source.includes("#") && source.includes(";")) ||
    source.trim().startsWith("{");
  let text: string;
  if (isInline) text = source;
  else {
    try {
      if (!io.readTextFile) throw new Error("no file reader in this context");
      text = io.readTextFile(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliUsageError(`cannot read ${source}: ${reason.split("\n")[0]}`);
    }
  }
  let run: PowerTuningRun;
  try {
    run = parsePowerTuning(text);
  } catch (error) {
    if (error instanceof PowerTuningInputError) throw new CliUsageError(`power-tuning: ${error.message}`);
    throw error;
  }
  const region = flags.strings.get("region") ?? run.region ?? "us-east-1";
  const architecture = requireString(flags, POWER_TUNING_SPECS, "arch") as Architecture;
  const points = repricePowerTuningPoints(run.points, { region, architecture });
  const unknownRates = (["requests", "duration.tier-1"] as const)
    .map((rate) => `lambda.${architecture}.${rate}` as const)
    .filter((key) => getRateUsd(DEFAULT_PRICE_BOOK, region, key) === null)
    .map((key) => describeRate(key, region));
  if (flags.booleans.has("json")) {
    // 12 significant digits drop binary float noise (as toBillJson does) and keep every real digit.
    const json = {
      functionArn: run.functionArn,
      region,
      architecture,
      form: run.form,
      points: points.map((point) => ({
        ...point,
        costPerInvocationUsd:
          point.costPerInvocationUsd === null ? null : Number(point.costPerInvocationUsd.toPrecision(12)),
      })),
    };
    return ok(JSON.stringify(json), unknownRatesNotice(unknownRates));
  }
  const rows = points.map((point) => [
    point.memoryMb.toLocaleString("en-US"),
    String(point.durationMs),
    formatUnitPrice(point.costPerInvocationUsd),
    run.winnerMemoryMb === point.memoryMb ? "Power Tuning's pick" : "",
  ]);
  const table = formatTable(
    ["Memory MB", "Duration ms", "Cost per invocation", "Note"],
    rows,
    new Set([0, 1, 2]),
  );
  const lines = [
    `Power Tuning run (${run.form}) — ${region} ${architecture}, prices ${DEFAULT_PRICE_BOOK.version}`,
    `Function: ${run.functionArn ?? "unknown (not in this input)"}`,
    ...(run.strategy ? [`Strategy: ${run.strategy}`] : []),
    "",
    table,
    "",
    "Durations as measured; cost per invocation repriced: one request + tier-1 GB-seconds of the billed whole ms.",
  ];
  for (const description of unknownRates) lines.push(`Unknown rate: ${description} (not in the price book)`);
  return ok(lines.join("\n"));
}

export function runCli(argv: readonly string[], io: CliIo = {}): CliResult {
  try {
    const [command, subcommand, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "help" || command === "-h")
      return ok(USAGE);
    if (command === "price") {
      if (subcommand === "lambda") return runPriceLambda(rest);
      if (subcommand === "fargate") return runPriceFargate(rest);
      if (subcommand === undefined || subcommand === "--help") return ok(USAGE);
      throw new CliUsageError(
        `unknown command \`price ${subcommand}\`; use \`price lambda\` or \`price fargate\``,
      );
    }
    if (command === "breakeven") return runBreakeven(argv.slice(1));
    if (command === "power-tuning") return runPowerTuning(argv.slice(1), io);
    throw new CliUsageError(
      `unknown command ${JSON.stringify(command)}; use price lambda, price fargate, breakeven, power-tuning, recommend, reconcile, accounts or import-compute-optimizer (--help)`,
    );
  } catch (error) {
    if (error instanceof CliUsageError) return { exitCode: 2, stdout: "", stderr: `${error.message}\n` };
    if (error instanceof PricingInputError)
      return { exitCode: 2, stdout: "", stderr: `${toFlagMessage(error)}\n` };
    const message = error instanceof Error ? error.message : String(error);
    return {
      exitCode: 1,
      stdout: "",
      stderr: `breakeven cli: unexpected error: ${message.split("\n")[0]}\n`,
    };
  }
}
