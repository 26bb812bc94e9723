/**
 * Test support for the fleet DAL tests (not a test itself): a small fixture fleet whose figures the
 * tests assert by hand. The databases come from test/databases.ts (SQLite and PostgreSQL).
 */
import type { Db } from "@/lib/db/create-db";

// ---------------------------------------------------------------------------------------------
// The fixture fleet. "Today" is 2026-11-23 (UTC).

export const NOW = new Date("2026-11-23T10:00:00Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const SEEN = day("2026-08-01");

export const ACCOUNT_PROD = "111111111111";
export const ACCOUNT_STAGING = "222222222222";

const lambdaArn = (account: string, region: string, name: string) =>
  `arn:aws:lambda:${region}:${account}:function:${name}`;
const serviceArn = (account: string, region: string, cluster: string, name: string) =>
  `arn:aws:ecs:${region}:${account}:service/${cluster}/${name}`;

export const FN = {
  alpha: { id: "fn-alpha", arn: lambdaArn(ACCOUNT_PROD, "us-east-1", "alpha") },
  bravo: { id: "fn-bravo", arn: lambdaArn(ACCOUNT_PROD, "eu-west-1", "bravo") },
  charlie: { id: "fn-charlie", arn: lambdaArn(ACCOUNT_STAGING, "us-east-1", "charlie") },
  delta: { id: "fn-delta", arn: lambdaArn(ACCOUNT_STAGING, "us-east-1", "delta") },
  echo: { id: "fn-echo", arn: lambdaArn(ACCOUNT_PROD, "us-east-1", "Echo-Upper") },
} as const;

export const SVC = {
  web: { id: "svc-web", arn: serviceArn(ACCOUNT_PROD, "us-east-1", "main", "web") },
  worker: { id: "svc-worker", arn: serviceArn(ACCOUNT_STAGING, "eu-west-1", "jobs", "worker") },
} as const;

/** Consecutive UTC day starts from `first`, `count` of them. */
export function listDays(first: string, count: number): Date[] {
  return Array.from({ length: count }, (_, i) => new Date(day(first).getTime() + i * 86_400_000));
}

type CostLineInput = {
  accountId: string;
  region: string;
  service: string;
  usageType: string;
  resourceArn: string;
  day: Date;
  component: string;
  amountNanoUsd: bigint;
};

function costLine(input: CostLineInput) {
  const whole = input.amountNanoUsd / 1_000_000_000n;
  const fraction = (input.amountNanoUsd % 1_000_000_000n).toString().padStart(9, "0");
  return { ...input, amount: `${whole}.${fraction}`, source: "demo", recordType: "Usage" };
}

export async function insertFixtureFleet(db: Db): Promise<void> {
  await db.account.createMany({
    data: [
      { id: ACCOUNT_PROD, name: "prod" },
      { id: ACCOUNT_STAGING, name: "staging" },
    ],
  });
  const fn = (
    key: keyof typeof FN,
    name: string,
    accountId: string,
    region: string,
    runtime: string | null,
    architecture: string,
    memoryMb: number,
    tags: Record<string, string>,
  ) => ({
    id: FN[key].id,
    arn: FN[key].arn,
    accountId,
    region,
    name,
    runtime,
    packageType: runtime === null ? "Image" : "Zip",
    architecture,
    memoryMb,
    timeoutSeconds: 30,
    tagsJson: JSON.stringify(tags),
    firstSeenAt: SEEN,
    lastSeenAt: NOW,
  });
  await db.lambdaFunction.createMany({
    data: [
      fn("alpha", "alpha", ACCOUNT_PROD, "us-east-1", "nodejs22.x", "arm64", 1024, {
        team: "payments",
        env: "prod",
      }),
      fn("bravo", "bravo", ACCOUNT_PROD, "eu-west-1", "python3.13", "x86_64", 512, { team: "search" }),
      fn("charlie", "charlie", ACCOUNT_STAGING, "us-east-1", null, "x86_64", 2048, {
        team: "payments-batch",
      }),
      fn("delta", "delta", ACCOUNT_STAGING, "us-east-1", "python3.13", "arm64", 256, {}),
      fn("echo", "Echo-Upper", ACCOUNT_PROD, "us-east-1", "nodejs22.x", "x86_64", 128, { "100%": "a_b" }),
    ],
  });
  await db.lambdaConfigChange.createMany({
    data: [
      {
        functionId: FN.alpha.id,
        effectiveAt: SEEN,
        memoryMb: 512,
        architecture: "x86_64",
        timeoutSeconds: 30,
      },
      {
        functionId: FN.alpha.id,
        effectiveAt: new Date("2026-11-10T15:30:00Z"),
        memoryMb: 1024,
        architecture: "arm64",
        timeoutSeconds: 30,
      },
    ],
  });
  await db.lambdaProvisionedConcurrency.create({
    data: { functionId: FN.alpha.id, qualifier: "live", requestedCount: 5, allocatedCount: 5 },
  });
  await db.fargateService.createMany({
    data: [
      {
        id: SVC.web.id,
        arn: SVC.web.arn,
        accountId: ACCOUNT_PROD,
        region: "us-east-1",
        clusterName: "main",
        name: "web",
        taskDefinitionArn: "arn:aws:ecs:us-east-1:111111111111:task-definition/web:7",
        cpuUnits: 512,
        memoryMb: 1024,
        onDemandWeight: 1,
        spotWeight: 1,
        desiredCount: 4,
        runningCount: 4,
        tagsJson: JSON.stringify({ team: "payments" }),
        firstSeenAt: SEEN,
        lastSeenAt: NOW,
      },
      {
        id: SVC.worker.id,
        arn: SVC.worker.arn,
        accountId: ACCOUNT_STAGING,
        region: "eu-west-1",
        clusterName: "jobs",
        name: "worker",
        taskDefinitionArn: "arn:aws:ecs:eu-west-1:222222222222:task-definition/worker:2",
        cpuUnits: 1024,
        memoryMb: 2048,
        desiredCount: 2,
        runningCount: 1,
        firstSeenAt: SEEN,
        lastSeenAt: NOW,
      },
    ],
  });
  await db.fargateServiceConfigChange.createMany({
    data: [
      { serviceId: SVC.web.id, effectiveAt: SEEN, cpuUnits: 256, memoryMb: 512, architecture: "x86_64" },
      {
        serviceId: SVC.web.id,
        effectiveAt: day("2026-11-01"),
        cpuUnits: 512,
        memoryMb: 1024,
        architecture: "x86_64",
      },
    ],
  });

  // Summaries (30 days ending today). delta has none: its cost is unknown, not $0.
  const summary = (
    arn: string,
    resourceType: string,
    costNanoUsd: bigint,
    extra: { invocations?: number | null; durationP95Ms?: number | null; cpu?: number; mem?: number } = {},
  ) => ({
    resourceArn: arn,
    resourceType,
    windowDays: 30,
    windowEnd: day("2026-11-24"),
    costNanoUsd,
    invocations: extra.invocations ?? null,
    durationP95Ms: extra.durationP95Ms ?? null,
    cpuUtilizationAvg: extra.cpu ?? null,
    memoryUtilizationAvg: extra.mem ?? null,
    dailyCostJson: JSON.stringify(Array.from({ length: 30 }, (_, i) => (i < 2 ? null : "1.000000001"))),
  });
  await db.resourceSummary.createMany({
    data: [
      summary(FN.alpha.arn, "lambda", 30_000_000_000n, { invocations: 3_000_000, durationP95Ms: 120 }),
      summary(FN.bravo.arn, "lambda", 12_000_000_000n, { invocations: 1_000_000, durationP95Ms: 300 }),
      summary(FN.charlie.arn, "lambda", 50_000_000_000n, { invocations: 0 }),
      summary(FN.echo.arn, "lambda", 500_000_000n),
      summary(SVC.web.arn, "fargate", 100_000_000_000n, { cpu: 35.5, mem: 60 }),
    ],
  });

  // Cost lines. alpha: $1.000000001 duration + $0.10 requests every day of the last 30 whole days
  // (Oct 24 - Nov 22), and $7 of requests today (counted in month to date only).
  const lines: CostLineInput[] = [];
  lines.push({
    accountId: ACCOUNT_PROD,
    region: "us-east-1",
    service: "AWS Lambda",
    usageType: "Request-ARM",
    resourceArn: FN.alpha.arn,
    day: day("2026-11-23"),
    component: "requests",
    amountNanoUsd: 7_000_000_000n,
  });
  for (const d of listDays("2026-10-24", 30)) {
    lines.push({
      accountId: ACCOUNT_PROD,
      region: "us-east-1",
      service: "AWS Lambda",
      usageType: "Lambda-GB-Second-ARM",
      resourceArn: FN.alpha.arn,
      day: d,
      component: "duration",
      amountNanoUsd: 1_000_000_001n,
    });
    lines.push({
      accountId: ACCOUNT_PROD,
      region: "us-east-1",
      service: "AWS Lambda",
      usageType: "Request-ARM",
      resourceArn: FN.alpha.arn,
      day: d,
      component: "requests",
      amountNanoUsd: 100_000_000n,
    });
  }
  // web: $2 vCPU + $0.50 memory on-demand every day for 90 days, plus $0.30 Spot vCPU for 10 days.
  for (const d of listDays("2026-08-25", 90)) {
    for (const [usageType, component, amountNanoUsd] of [
      ["USE1-Fargate-vCPU-Hours:perCPU", "vcpu", 2_000_000_000n],
      ["USE1-Fargate-GB-Hours", "memory", 500_000_000n],
    ] as const) {
      lines.push({
        accountId: ACCOUNT_PROD,
        region: "us-east-1",
        service: "Amazon Elastic Container Service",
        usageType,
        resourceArn: SVC.web.arn,
        day: d,
        component,
        amountNanoUsd,
      });
    }
  }
  for (const d of listDays("2026-11-13", 10)) {
    lines.push({
      accountId: ACCOUNT_PROD,
      region: "us-east-1",
      service: "Amazon Elastic Container Service",
      usageType: "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU",
      resourceArn: SVC.web.arn,
      day: d,
      component: "vcpu",
      amountNanoUsd: 300_000_000n,
    });
  }
  // Unattributed Lambda cost, another service, and a line older than 90 days.
  lines.push({
    accountId: ACCOUNT_STAGING,
    region: "us-east-1",
    service: "AWS Lambda",
    usageType: "Request",
    resourceArn: "",
    day: day("2026-11-01"),
    component: "requests",
    amountNanoUsd: 5_000_000_000n,
  });
  lines.push({
    accountId: ACCOUNT_PROD,
    region: "us-east-1",
    service: "Amazon API Gateway",
    usageType: "ApiGatewayHttpRequest",
    resourceArn: "",
    day: day("2026-11-20"),
    component: "front-door",
    amountNanoUsd: 1_000_000_000n,
  });
  lines.push({
    accountId: ACCOUNT_PROD,
    region: "us-east-1",
    service: "AWS Lambda",
    usageType: "Lambda-GB-Second-ARM",
    resourceArn: FN.alpha.arn,
    day: day("2026-08-01"),
    component: "duration",
    amountNanoUsd: 999_000_000_000n,
  });
  await db.costLine.createMany({ data: lines.map(costLine) });

  // Metrics for alpha: daily invocations on two days, hourly on the last two hours, PC utilisation.
  const metric = (
    metricName: string,
    stat: string,
    granularity: string,
    timestamp: Date,
    value: number,
    unit = "Count",
  ) => ({
    resourceArn: FN.alpha.arn,
    resourceType: "lambda",
    metric: metricName,
    stat,
    granularity,
    timestamp,
    value,
    unit,
  });
  await db.metricPoint.createMany({
    data: [
      metric("Invocations", "Sum", "day", day("2026-11-21"), 100_000),
      metric("Invocations", "Sum", "day", day("2026-11-22"), 90_000),
      metric("Invocations", "Sum", "day", day("2026-11-23"), 5), // today: not a whole day yet
      metric("Invocations", "Sum", "day", day("2026-10-01"), 1), // outside 30 days
      metric("Invocations", "Sum", "hour", new Date("2026-11-23T08:00:00Z"), 4_000),
      metric("Invocations", "Sum", "hour", new Date("2026-11-23T09:00:00Z"), 5_000),
      metric("ProvisionedConcurrencyUtilization", "Maximum", "day", day("2026-11-22"), 0.42, "None"),
      metric("Duration", "p95", "day", day("2026-11-22"), 118, "Milliseconds"),
    ],
  });
  // Memory observations: 1 GB, 100,000 invocations × 100 ms, 200 cold starts × 500 ms INIT per day.
  // INIT GB-s = 0.5 × 200 × 1 = 100; invoke GB-s = 0.1 × 100,000 × 1 = 10,000 -> share 100/10,100.
  await db.memoryObservation.createMany({
    data: listDays("2026-11-21", 2).map((observedOn) => ({
      functionArn: FN.alpha.arn,
      memoryMb: 1024,
      architecture: "arm64",
      source: "demo",
      observedOn,
      invocations: 100_000,
      durationAvgMs: 100,
      maxMemoryUsedMb: 300,
      initDurationAvgMs: 500,
      coldStarts: 200,
    })),
  });
}
