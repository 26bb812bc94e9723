/**
 * Seeds a moto server (test/aws/moto.ts) with a small fleet "of our own making" through the real AWS
 * SDK v3 clients, and returns what it seeded — the figures a sync test compares with.
 *
 * ## What moto 5.2.1 really does with the installed SDK (probed 2026-11, @aws-sdk/client-* 3.1164–3.1177)
 *
 * Works:
 * - Routing: one moto port serves every service; moto picks the service from the SigV4 credential
 *   scope of the Authorization header (it never checks signatures), so AWS_ENDPOINT_URL alone is enough.
 * - IAM: Lambda CreateFunction REQUIRES the role to exist in moto's IAM ("The role defined for the
 *   function cannot be assumed by Lambda.") and to be in the same account. @aws-sdk/client-iam is not
 *   installed, so `createRole` below POSTs the IAM Query API (Action=CreateRole) with a fake SigV4
 *   Authorization header naming the `iam` scope and the caller's access key.
 * - Lambda CreateFunction with an in-memory zip (no docker needed to create, only to Invoke),
 *   MemorySize, Architectures (arm64/x86_64), Tags; ListFunctions; ListTags (ARN in the path);
 *   PublishVersion; CreateAlias; DeleteFunction.
 * - ECS CreateCluster (capacityProviders and defaultCapacityProviderStrategy are echoed),
 *   RegisterTaskDefinition (cpu "512", memory "1024", runtimePlatform LINUX/ARM64 or X86_64 echoed by
 *   DescribeTaskDefinition, task-definition tags with include TAGS), CreateService with launchType
 *   FARGATE, ListClusters, ListServices, DescribeServices with include: ["TAGS"] (tags only then;
 *   unknown services come back in `failures` with reason MISSING).
 * - CloudWatch over AWS JSON 1.0 (the client sends X-Amz-Target GraniteServiceVersion20100801.* and
 *   x-amzn-query-mode: true): PutMetricData (Value, Values/Counts, StatisticValues) and GetMetricData
 *   with Sum / Average / Maximum / Minimum / SampleCount at periods 3600 and 86400. Average is
 *   sample-weighted (Σ Sum / Σ SampleCount over StatisticValues), so seeded averages come back exactly.
 *   Errors carry x-amzn-query-error: "<Code>;Sender"; the SDK surfaces e.g. ValidationException.
 *   501 queries in one call are accepted (no 500-query validation).
 * - PutMetricData bodies of 10 KiB or more: the SDK gzips them (request compression,
 *   Content-Encoding: gzip) and moto fails with HTTP 500 (BadGzipFile). Seeding sets
 *   `disableRequestCompression: true` on its CloudWatch client; smaller batches work either way.
 * - STS GetCallerIdentity (account 123456789012, arn:aws:sts::123456789012:user/moto).
 *   AssumeRole with ExternalId succeeds (ExternalId is not checked) and GetCallerIdentity with the
 *   returned credentials echoes the assumed role: Account = the role's account,
 *   Arn = arn:aws:sts::<acct>:assumed-role/<role>/<session>. Moto partitions every backend by that
 *   account: resources seeded with the `testing` keys are NOT visible to the assumed-role credentials
 *   (ListFunctions is empty). To test a sync that assumes a role, seed with the assumed credentials
 *   (`seedMotoFleet(endpoint, { credentials })`).
 * - Logs CreateLogGroup / CreateLogStream / PutLogEvents / DescribeLogGroups; StartQuery returns a
 *   queryId and GetQueryResults answers status "Complete" — but moto has no Insights engine: a
 *   `stats …` query returns the matching raw events as rows of `@ptr` only, never aggregates.
 * - Cost Explorer results can be queued: POST /moto-api/static/ce/cost-and-usage-results with JSON
 *   `{ "account_id"?: "123456789012", "results": [GetCostAndUsageResponse, …] }` where each element
 *   is a GetCostAndUsage response body: `{ "ResultsByTime": [{ "TimePeriod": { "Start": "2024-01-01",
 *   "End": "2024-01-02" }, "Total": { "UnblendedCost": { "Amount": "1.23", "Unit": "USD" } },
 *   "Groups": [{ "Keys": ["AWS Lambda"], "Metrics": { "UnblendedCost": { "Amount": "…", "Unit": "USD" } } }],
 *   "Estimated": false }], "DimensionValueAttributes": [], "GroupDefinitions"?: […], "NextPageToken"?: "…" }`.
 *   Answers 201. See `queueCostExplorerResults`.
 * - GetCostAndUsage with @aws-sdk/client-cost-explorer 3.1138 (awsJson1_1, probed 2026-12): moto
 *   keys its playback on the raw request body. A body it has not seen pops the next queued result
 *   and keeps it for that body: the same body again gets the same result (a retry is not a new
 *   page), and a request for the next page is a new body (it carries NextPageToken), so queuing a
 *   query's pages in order, each but the last with a NextPageToken, plays back a paged answer. The
 *   result is returned verbatim (no check of TimePeriod, Filter, GroupBy or Metrics; Amounts stay
 *   strings, so exact money round-trips). With the queue empty the answer is
 *   `{ "ResultsByTime": [], "DimensionValueAttributes": [] }`: no day at all, which the sync reads
 *   as "not read" (cost unknown), not as $0. The queue belongs to `account_id` (default
 *   123456789012, the `testing` keys' account) whatever region the client signs for (one backend
 *   per partition). Throttling and AccessDenied are not emulated: test/aws/fake-aws.ts does those.
 * - POST /moto-api/reset forgets everything (all accounts, all services).
 *
 * Does not work / differs from AWS (use test/aws/fake-aws.ts for these):
 * - Lambda PutProvisionedConcurrencyConfig and ListProvisionedConcurrencyConfigs: not implemented
 *   (HTTP 404 HTML page; the SDK throws a SyntaxError "Deserialization error"). `seedMotoFleet`
 *   still tries and reports `provisionedConcurrency: null` while moto lacks it.
 * - Lambda ListFunctions ignores MaxItems/Marker: everything in one page, never a NextMarker.
 *   ECS ListServices ignores maxResults: no paging either.
 * - ECS CreateService with capacityProviderStrategy is accepted but the strategy is dropped
 *   (launchType comes back "EC2", no capacityProviderStrategy in DescribeServices); so services are
 *   created with launchType FARGATE. CreateService with awsvpc networkConfiguration validates subnets
 *   against moto's EC2 (InvalidSubnetID.NotFound), so none is given.
 * - CloudWatch GetMetricData percentiles (Stat "p50"/"p95"/"p99"): HTTP 500 (HTML page; the SDK
 *   throws SyntaxError "Deserialization error", $metadata.httpStatusCode 500).
 * - GetMetricData ignores MaxDatapoints and never returns a NextToken.
 * - GetMetricData buckets start at StartTime (+ k × Period), not at period boundaries, and include one
 *   extra bucket at EndTime; only buckets with data are returned. Default ScanBy is
 *   TimestampAscending (AWS: TimestampDescending). Use an hour-aligned StartTime.
 * - GetMetricData matches Dimensions in ORDER (a broken sort in moto): ECS metrics are seeded as
 *   [ClusterName, ServiceName] and must be queried in that order, or the result is empty. With
 *   Dimensions given, the Namespace is not compared.
 * - Logs StopQuery: HTTP 500.
 */
import {
  CloudWatchClient,
  PutMetricDataCommand,
  type MetricDatum,
  type StandardUnit,
} from "@aws-sdk/client-cloudwatch";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  CreateClusterCommand,
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type CPUArchitecture,
} from "@aws-sdk/client-ecs";
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  LambdaClient,
  ListProvisionedConcurrencyConfigsCommand,
  PublishVersionCommand,
  PutProvisionedConcurrencyConfigCommand,
  type Architecture,
  type Runtime,
} from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import zlib from "node:zlib";

import { MOTO_REGION } from "./moto";

const HOUR_MS = 3_600_000;

export type TestCredentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export type SeedOptions = {
  /** Metrics cover the `days` × 24 whole hours before the hour of `now` (default: the current time). */
  now?: Date;
  /** Days of hourly metrics (default 3). */
  days?: number;
  /** Seed as someone else, e.g. assumed-role credentials: moto keeps one backend per account. */
  credentials?: TestCredentials;
  region?: string;
};

export type SeededHour = {
  timestamp: Date;
  invocations: number;
  errors: number;
  throttles: number;
  /** Average duration of the invocations of this hour, ms. */
  durationAvgMs: number;
  durationMaxMs: number;
  concurrentExecutions: number;
};

export type SeededFunction = {
  name: string;
  arn: string;
  memoryMb: number;
  architecture: "x86_64" | "arm64";
  runtime: string;
  tags: Record<string, string>;
  /** No metric at all was put for it. */
  idle: boolean;
  /** A published version with an alias (the home of provisioned concurrency), or null. */
  alias: { name: string; version: string; arn: string } | null;
  /** Set only when moto accepted PutProvisionedConcurrencyConfig (5.2.1 does not). */
  provisionedConcurrency: { qualifier: string; requested: number } | null;
  hourly: SeededHour[];
  totals: {
    invocations: number;
    errors: number;
    throttles: number;
    /** Σ(invocations × hourly average) / Σ invocations — CloudWatch's Average over the window. */
    durationAvgMs: number | null;
    durationMaxMs: number | null;
    concurrentExecutionsMax: number | null;
  };
};

export type SeededService = {
  clusterName: string;
  clusterArn: string;
  serviceName: string;
  serviceArn: string;
  taskDefinitionArn: string;
  family: string;
  cpu: number;
  memoryMb: number;
  cpuArchitecture: "ARM64" | "X86_64";
  operatingSystemFamily: "LINUX";
  desiredCount: number;
  launchType: "FARGATE";
  tags: Record<string, string>;
  hourly: { timestamp: Date; cpuUtilization: number; memoryUtilization: number }[];
  totals: { cpuAvg: number; memoryAvg: number; cpuMax: number; memoryMax: number };
};

export type SeededFleet = {
  endpoint: string;
  accountId: string;
  region: string;
  roleArn: string;
  /** Hourly metric timestamps are start, start + 1 h, … < end (end = the hour of `now`). */
  window: { start: Date; end: Date; hours: number };
  functions: SeededFunction[];
  services: SeededService[];
  cluster: {
    name: string;
    arn: string;
    capacityProviders: string[];
    defaultCapacityProviderStrategy: { capacityProvider: string; weight: number; base?: number }[];
    tags: Record<string, string>;
  };
  /** /aws/lambda/<name> for every function; the first one holds a few REPORT lines. */
  logGroups: string[];
  /** Raw REPORT lines put into logGroups[0] (moto cannot aggregate them). */
  reportLines: string[];
};

type FunctionSpec = {
  name: string;
  memoryMb: number;
  architecture: "x86_64" | "arm64";
  runtime: string;
  tags: Record<string, string>;
  idle?: boolean;
  alias?: boolean;
  /** Invocations in hour h are base + (h mod 24). */
  base: number;
  /** Average duration in hour h is durationMs + 10 × (h mod 4). */
  durationMs: number;
};

const FUNCTIONS: FunctionSpec[] = [
  {
    name: "be-api-128",
    memoryMb: 128,
    architecture: "x86_64",
    runtime: "nodejs20.x",
    tags: { team: "web", env: "prod" },
    base: 100,
    durationMs: 40,
  },
  {
    name: "be-worker-512",
    memoryMb: 512,
    architecture: "arm64",
    runtime: "python3.12",
    tags: { team: "data", env: "prod" },
    base: 20,
    durationMs: 250,
  },
  {
    name: "be-report-1024",
    memoryMb: 1024,
    architecture: "x86_64",
    runtime: "nodejs20.x",
    tags: { team: "finance", env: "staging" },
    base: 5,
    durationMs: 900,
  },
  {
    name: "be-render-1769",
    memoryMb: 1769,
    architecture: "arm64",
    runtime: "nodejs20.x",
    tags: { team: "web", env: "prod", "cost-center": "cc-42" },
    alias: true,
    base: 60,
    durationMs: 120,
  },
  {
    name: "be-batch-3008",
    memoryMb: 3008,
    architecture: "x86_64",
    runtime: "java21",
    tags: { team: "data", env: "prod" },
    base: 2,
    durationMs: 4000,
  },
  {
    name: "be-idle-128",
    memoryMb: 128,
    architecture: "arm64",
    runtime: "nodejs20.x",
    tags: { team: "web", env: "dev" },
    idle: true,
    base: 0,
    durationMs: 0,
  },
];

const SERVICES = [
  {
    serviceName: "be-web",
    cpuArchitecture: "ARM64" as const,
    desiredCount: 2,
    tags: { team: "web", env: "prod" },
    cpuBase: 20,
    memoryBase: 40,
  },
  {
    serviceName: "be-jobs",
    cpuArchitecture: "X86_64" as const,
    desiredCount: 1,
    tags: { team: "data", env: "prod" },
    cpuBase: 5,
    memoryBase: 60,
  },
];

const CLUSTER_NAME = "be-fargate";
const ROLE_NAME = "breakeven-seed-lambda";

/** A valid zip archive holding the given files, stored (not compressed). */
export function buildMinimalZip(
  files: Record<string, string> = { "index.js": "exports.handler = async () => ({ ok: true });\n" },
): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [fileName, text] of Object.entries(files)) {
    const name = Buffer.from(fileName, "utf8");
    const data = Buffer.from(text, "utf8");
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** SDK client configuration for moto: explicit endpoint and keys, no retries, nothing from the environment. */
export function motoClientConfig(
  endpoint: string,
  options: { credentials?: TestCredentials; region?: string } = {},
) {
  return {
    endpoint,
    region: options.region ?? MOTO_REGION,
    credentials: options.credentials ?? { accessKeyId: "testing", secretAccessKey: "testing" },
    maxAttempts: 1,
  };
}

/** IAM CreateRole through the Query API (client-iam is not installed); an existing role is fine. */
async function createRole(endpoint: string, credentials: TestCredentials, roleName: string): Promise<void> {
  const body = new URLSearchParams({
    Action: "CreateRole",
    Version: "2010-05-08",
    RoleName: roleName,
    AssumeRolePolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    }),
  });
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    // moto routes on the credential scope and maps the access key to its account; it checks no signature.
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20240101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0`,
  };
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const response = await fetch(`${endpoint}/`, { method: "POST", headers, body });
  const text = await response.text();
  if (!response.ok && !text.includes("EntityAlreadyExists"))
    throw new Error(`moto IAM CreateRole failed: HTTP ${response.status} ${text.slice(0, 300)}`);
}

function seededHour(spec: FunctionSpec, index: number, h: number, timestamp: Date): SeededHour {
  const invocations = spec.base + (h % 24);
  const durationAvgMs = spec.durationMs + 10 * (h % 4);
  return {
    timestamp,
    invocations,
    errors: h % 12 === 0 ? 1 + index : 0,
    throttles: index === 0 && h % 24 === 18 ? 2 : 0,
    durationAvgMs,
    durationMaxMs: durationAvgMs * 2,
    concurrentExecutions: 1 + index + (h % 3),
  };
}

function functionTotals(hourly: SeededHour[]): SeededFunction["totals"] {
  if (hourly.length === 0)
    return {
      invocations: 0,
      errors: 0,
      throttles: 0,
      durationAvgMs: null,
      durationMaxMs: null,
      concurrentExecutionsMax: null,
    };
  const invocations = hourly.reduce((sum, hour) => sum + hour.invocations, 0);
  const durationSum = hourly.reduce((sum, hour) => sum + hour.invocations * hour.durationAvgMs, 0);
  return {
    invocations,
    errors: hourly.reduce((sum, hour) => sum + hour.errors, 0),
    throttles: hourly.reduce((sum, hour) => sum + hour.throttles, 0),
    durationAvgMs: durationSum / invocations,
    durationMaxMs: Math.max(...hourly.map((hour) => hour.durationMaxMs)),
    concurrentExecutionsMax: Math.max(...hourly.map((hour) => hour.concurrentExecutions)),
  };
}

function lambdaDatums(name: string, hour: SeededHour): MetricDatum[] {
  const dimensions = [{ Name: "FunctionName", Value: name }];
  const datum = (metric: string, value: number, unit: StandardUnit): MetricDatum => ({
    MetricName: metric,
    Dimensions: dimensions,
    Timestamp: hour.timestamp,
    Value: value,
    Unit: unit,
  });
  return [
    datum("Invocations", hour.invocations, "Count"),
    datum("Errors", hour.errors, "Count"),
    datum("Throttles", hour.throttles, "Count"),
    datum("ConcurrentExecutions", hour.concurrentExecutions, "Count"),
    {
      MetricName: "Duration",
      Dimensions: dimensions,
      Timestamp: hour.timestamp,
      StatisticValues: {
        SampleCount: hour.invocations,
        Sum: hour.invocations * hour.durationAvgMs,
        Minimum: hour.durationAvgMs / 2,
        Maximum: hour.durationMaxMs,
      },
      Unit: "Milliseconds",
    },
  ];
}

async function putMetrics(
  cloudwatch: CloudWatchClient,
  namespace: string,
  datums: MetricDatum[],
): Promise<void> {
  for (let i = 0; i < datums.length; i += 500)
    await cloudwatch.send(
      new PutMetricDataCommand({ Namespace: namespace, MetricData: datums.slice(i, i + 500) }),
    );
}

/**
 * Creates the fleet in one account and region (default us-east-1, the account of `credentials`) and
 * returns the expected figures. Call `reset()` on the moto server first for a clean account: seeding
 * twice fails on the second CreateFunction.
 */
export async function seedMotoFleet(endpoint: string, options: SeedOptions = {}): Promise<SeededFleet> {
  const config = motoClientConfig(endpoint, options);
  const credentials = config.credentials;
  const region = config.region;
  const days = options.days ?? 3;
  const hours = days * 24;
  const end = new Date(Math.floor((options.now ?? new Date()).getTime() / HOUR_MS) * HOUR_MS);
  const start = new Date(end.getTime() - hours * HOUR_MS);

  const identity = await new STSClient(config).send(new GetCallerIdentityCommand({}));
  const accountId = identity.Account;
  if (!accountId) throw new Error("moto GetCallerIdentity returned no account");
  await createRole(endpoint, credentials, ROLE_NAME);
  const roleArn = `arn:aws:iam::${accountId}:role/${ROLE_NAME}`;

  const lambda = new LambdaClient(config);
  // moto cannot read the gzip bodies the SDK sends for PutMetricData over 10 KiB (see above).
  const cloudwatch = new CloudWatchClient({ ...config, disableRequestCompression: true });
  const ecs = new ECSClient(config);
  const logs = new CloudWatchLogsClient(config);
  const zip = buildMinimalZip();

  const functions: SeededFunction[] = [];
  const lambdaMetrics: MetricDatum[] = [];
  for (const [index, spec] of FUNCTIONS.entries()) {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: spec.name,
        Runtime: spec.runtime as Runtime,
        Role: roleArn,
        Handler: "index.handler",
        Code: { ZipFile: zip },
        MemorySize: spec.memoryMb,
        Architectures: [spec.architecture as Architecture],
        Tags: spec.tags,
        Timeout: 30,
      }),
    );
    const arn = created.FunctionArn ?? `arn:aws:lambda:${region}:${accountId}:function:${spec.name}`;
    let alias: SeededFunction["alias"] = null;
    let provisionedConcurrency: SeededFunction["provisionedConcurrency"] = null;
    if (spec.alias) {
      const version = await lambda.send(new PublishVersionCommand({ FunctionName: spec.name }));
      const created = await lambda.send(
        new CreateAliasCommand({
          FunctionName: spec.name,
          Name: "live",
          FunctionVersion: version.Version ?? "1",
        }),
      );
      alias = { name: "live", version: version.Version ?? "1", arn: created.AliasArn ?? `${arn}:live` };
      provisionedConcurrency = await tryProvisionedConcurrency(lambda, spec.name, "live", 5);
    }
    const hourly = spec.idle
      ? []
      : Array.from({ length: hours }, (_, h) =>
          seededHour(spec, index, h, new Date(start.getTime() + h * HOUR_MS)),
        );
    for (const hour of hourly) lambdaMetrics.push(...lambdaDatums(spec.name, hour));
    functions.push({
      name: spec.name,
      arn,
      memoryMb: spec.memoryMb,
      architecture: spec.architecture,
      runtime: spec.runtime,
      tags: spec.tags,
      idle: spec.idle ?? false,
      alias,
      provisionedConcurrency,
      hourly,
      totals: functionTotals(hourly),
    });
  }

  const clusterTags = { team: "platform", env: "prod" };
  const capacityProviders = ["FARGATE", "FARGATE_SPOT"];
  const defaultCapacityProviderStrategy = [
    { capacityProvider: "FARGATE", weight: 1, base: 1 },
    { capacityProvider: "FARGATE_SPOT", weight: 3 },
  ];
  const cluster = await ecs.send(
    new CreateClusterCommand({
      clusterName: CLUSTER_NAME,
      capacityProviders,
      defaultCapacityProviderStrategy,
      tags: Object.entries(clusterTags).map(([key, value]) => ({ key, value })),
    }),
  );
  const clusterArn =
    cluster.cluster?.clusterArn ?? `arn:aws:ecs:${region}:${accountId}:cluster/${CLUSTER_NAME}`;

  const services: SeededService[] = [];
  const ecsMetrics: MetricDatum[] = [];
  for (const spec of SERVICES) {
    const tags = Object.entries(spec.tags).map(([key, value]) => ({ key, value }));
    const taskDefinition = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: spec.serviceName,
        cpu: "512",
        memory: "1024",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: {
          cpuArchitecture: spec.cpuArchitecture as CPUArchitecture,
          operatingSystemFamily: "LINUX",
        },
        containerDefinitions: [
          { name: "app", image: "public.ecr.aws/docker/library/nginx:stable", essential: true },
        ],
        tags,
      }),
    );
    const taskDefinitionArn = taskDefinition.taskDefinition?.taskDefinitionArn ?? "";
    const service = await ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER_NAME,
        serviceName: spec.serviceName,
        taskDefinition: taskDefinitionArn,
        desiredCount: spec.desiredCount,
        launchType: "FARGATE",
        tags,
      }),
    );
    const hourly = Array.from({ length: hours }, (_, h) => ({
      timestamp: new Date(start.getTime() + h * HOUR_MS),
      cpuUtilization: spec.cpuBase + 2 * (h % 10),
      memoryUtilization: spec.memoryBase + (h % 5),
    }));
    for (const hour of hourly) {
      // [ClusterName, ServiceName] in this order: moto matches dimensions in order.
      const Dimensions = [
        { Name: "ClusterName", Value: CLUSTER_NAME },
        { Name: "ServiceName", Value: spec.serviceName },
      ];
      ecsMetrics.push(
        {
          MetricName: "CPUUtilization",
          Dimensions,
          Timestamp: hour.timestamp,
          Value: hour.cpuUtilization,
          Unit: "Percent",
        },
        {
          MetricName: "MemoryUtilization",
          Dimensions,
          Timestamp: hour.timestamp,
          Value: hour.memoryUtilization,
          Unit: "Percent",
        },
      );
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    services.push({
      clusterName: CLUSTER_NAME,
      clusterArn,
      serviceName: spec.serviceName,
      serviceArn: service.service?.serviceArn ?? "",
      taskDefinitionArn,
      family: spec.serviceName,
      cpu: 512,
      memoryMb: 1024,
      cpuArchitecture: spec.cpuArchitecture,
      operatingSystemFamily: "LINUX",
      desiredCount: spec.desiredCount,
      launchType: "FARGATE",
      tags: spec.tags,
      hourly,
      totals: {
        cpuAvg: mean(hourly.map((hour) => hour.cpuUtilization)),
        memoryAvg: mean(hourly.map((hour) => hour.memoryUtilization)),
        cpuMax: Math.max(...hourly.map((hour) => hour.cpuUtilization)),
        memoryMax: Math.max(...hourly.map((hour) => hour.memoryUtilization)),
      },
    });
  }

  await Promise.all([
    putMetrics(cloudwatch, "AWS/Lambda", lambdaMetrics),
    putMetrics(cloudwatch, "AWS/ECS", ecsMetrics),
  ]);

  const logGroups = functions.map((fn) => `/aws/lambda/${fn.name}`);
  for (const logGroupName of logGroups) await logs.send(new CreateLogGroupCommand({ logGroupName }));
  const first = functions[0]!;
  const reportLines = [0, 1, 2].map(
    (i) =>
      `REPORT RequestId: 00000000-0000-0000-0000-00000000000${i} Duration: ${first.totals.durationAvgMs?.toFixed(2)} ms ` +
      `Billed Duration: ${Math.ceil(first.totals.durationAvgMs ?? 1)} ms Memory Size: ${first.memoryMb} MB Max Memory Used: ${60 + i} MB`,
  );
  await logs.send(new CreateLogStreamCommand({ logGroupName: logGroups[0], logStreamName: "seed" }));
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: logGroups[0],
      logStreamName: "seed",
      logEvents: reportLines.map((message, i) => ({ timestamp: end.getTime() - (3 - i) * 60_000, message })),
    }),
  );

  return {
    endpoint,
    accountId,
    region,
    roleArn,
    window: { start, end, hours },
    functions,
    services,
    cluster: {
      name: CLUSTER_NAME,
      arn: clusterArn,
      capacityProviders,
      defaultCapacityProviderStrategy,
      tags: clusterTags,
    },
    logGroups,
    reportLines,
  };
}

/** PutProvisionedConcurrencyConfig if this moto has it (5.2.1 answers 404), else null. */
async function tryProvisionedConcurrency(
  lambda: LambdaClient,
  functionName: string,
  qualifier: string,
  requested: number,
): Promise<SeededFunction["provisionedConcurrency"]> {
  try {
    await lambda.send(
      new PutProvisionedConcurrencyConfigCommand({
        FunctionName: functionName,
        Qualifier: qualifier,
        ProvisionedConcurrentExecutions: requested,
      }),
    );
    await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: functionName }));
    return { qualifier, requested };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return null;
    throw error;
  }
}

/** DeleteFunction: "a function gone from AWS" between two syncs. */
export async function seedDeleteFunction(
  endpoint: string,
  functionName: string,
  options: { credentials?: TestCredentials; region?: string } = {},
): Promise<void> {
  await new LambdaClient(motoClientConfig(endpoint, options)).send(
    new DeleteFunctionCommand({ FunctionName: functionName }),
  );
}

/** One GetCostAndUsage response body, as moto returns it verbatim. */
export type CostAndUsageResult = {
  ResultsByTime: {
    TimePeriod: { Start: string; End: string };
    Total?: Record<string, { Amount: string; Unit: string }>;
    Groups?: { Keys: string[]; Metrics: Record<string, { Amount: string; Unit: string }> }[];
    Estimated?: boolean;
  }[];
  DimensionValueAttributes?: { Value: string; Attributes: Record<string, string> }[];
  GroupDefinitions?: { Type: "DIMENSION" | "TAG" | "COST_CATEGORY"; Key: string }[];
  NextPageToken?: string;
};

/**
 * Queues Cost Explorer answers (POST /moto-api/static/ce/cost-and-usage-results): each
 * GetCostAndUsage call with a request body moto has not seen takes the next one.
 */
export async function queueCostExplorerResults(
  endpoint: string,
  results: CostAndUsageResult[],
  accountId?: string,
): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/static/ce/cost-and-usage-results`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(accountId ? { account_id: accountId, results } : { results }),
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`moto CE seeding failed: HTTP ${response.status}`);
}
