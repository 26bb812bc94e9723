/**
 * A small loopback fake of the AWS APIs the account sync reads, for what moto lacks (provisioned
 * concurrency, paging, percentiles, GetMetricData's MaxDatapoints/NextToken, Logs Insights stats,
 * faults, latency, 10,000-function fleets). It speaks the wire protocols of the real SDK v3 clients,
 * so clients built with `endpoint` (or AWS_ENDPOINT_URL) work unchanged:
 *
 * | service     | protocol                | operations                                                        |
 * |-------------|-------------------------|-------------------------------------------------------------------|
 * | sts         | awsQuery (form → XML)   | GetCallerIdentity, AssumeRole                                     |
 * | lambda      | restJson1               | ListFunctions, ListTags, ListProvisionedConcurrencyConfigs        |
 * | ecs         | awsJson1_1              | ListClusters, ListServices, DescribeServices, DescribeTaskDefinition |
 * | cloudwatch  | awsJson1_0 + query-compatible errors (x-amzn-query-error) | GetMetricData   |
 * | logs        | awsJson1_1              | DescribeLogGroups, StartQuery, GetQueryResults, StopQuery         |
 * | ce          | awsJson1_1              | GetCostAndUsage (answers from `costExplorer`, paged by groups)     |
 *
 * Everything is deterministic: the same fleet options (and `now`) give the same inventory and the
 * same metric values; `fakeFleetExpectations(options)` (or `handle.fleet`) is the model both the
 * server and the tests read. Resources are generated lazily from their index, so a 10,000-function
 * fleet costs nothing until asked for.
 *
 * Metric model (one value per hour; data exists for the RETENTION_HOURS whole hours before `now`):
 * - Lambda (dimension FunctionName): Invocations per hour = base × DIURNAL[(H + i) mod 24];
 *   Duration hourly average = durationMs + 3 × (H mod 5) ms; Errors = ⌊invocations × errorPerMille / 1000⌋;
 *   Throttles = ⌈invocations / 20⌉ at 12:00 UTC for "throttled" functions, else 0; ConcurrentExecutions.
 *   Idle functions have no datapoint at all.
 * - ECS (dimensions ClusterName + ServiceName, any order): CPUUtilization and MemoryUtilization hourly
 *   averages. Services scaled to zero have no datapoint.
 * - Statistics over a period: Sum, SampleCount, Average (sample-weighted), Maximum, Minimum, and
 *   percentiles pNN (a fixed shape × the period's average) unless `percentiles: false`, in which
 *   case percentile queries return no datapoints (as CloudWatch does for metrics without raw values).
 * - Buckets start at StartTime rounded down to the minute and step by Period; only buckets with data
 *   are returned, in ScanBy order (default TimestampDescending, as AWS).
 */
import http from "node:http";

const HOUR_S = 3600;
const HOUR_MS = 3_600_000;
/** Hours of metric history before `now` (15 months, as CloudWatch keeps hourly data). */
export const RETENTION_HOURS = 455 * 24;
const DIURNAL = [1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 1, 1];
const MEMORY_SIZES = [128, 256, 512, 1024, 1769, 2048, 3008, 10240];
const RUNTIMES = ["nodejs20.x", "nodejs22.x", "python3.12", "java21", "provided.al2023"];
const TEAMS = ["web", "data", "finance", "platform"];
const ENVS = ["prod", "prod", "staging", "dev"];
const FARGATE_SIZES: [number, number][] = [
  [256, 512],
  [512, 1024],
  [1024, 2048],
  [2048, 4096],
  [4096, 8192],
];
/** ECS services per cluster: ListServices (10 per page by default) pages within a cluster. */
export const FAKE_SERVICES_PER_CLUSTER = 25;
/** GetMetricData's default and largest MaxDatapoints. */
export const MAX_DATAPOINTS = 100_800;

export type Fault =
  | { kind: "throttle"; times: number | "forever" }
  | { kind: "5xx"; times: number | "forever" }
  | { kind: "timeout"; times: number | "forever" }
  | { kind: "access-denied" };

export type FakeFleetOptions = {
  functions: number;
  services: number;
  /** Varies memory sizes, architectures, rates, tags… (default 1). */
  seed?: number;
  /** Every pcEvery-th function (index 0, n, 2n…) has provisioned concurrency on alias "live". */
  pcEvery?: number;
};

export type LogsInsightsQuery = {
  queryId: string;
  logGroupNames: string[];
  /** Epoch seconds, as sent. */
  startTime: number;
  endTime: number;
  queryString: string;
  limit?: number;
};

export type LogsInsightsRow = Record<string, string>;

/** A GetCostAndUsage request body as the SDK sends it (NextPageToken removed). */
export type CostExplorerRequest = {
  TimePeriod: { Start: string; End: string };
  Granularity?: string;
  Filter?: unknown;
  Metrics?: string[];
  GroupBy?: { Type: string; Key: string }[];
};

/** One day of a fake Cost Explorer answer. */
export type CostExplorerDay = {
  start: string;
  isEstimated: boolean;
  groups: { keys: string[]; metrics: Record<string, { Amount: string; Unit: string }> }[];
};

export type FakeAwsOptions = {
  fleet: FakeFleetOptions;
  /** Delay before every answer (errors included), ms. */
  latencyMs?: number;
  /** Percentile statistics answered (default true); false → no datapoints for pNN. */
  percentiles?: boolean;
  /**
   * Rows a finished Logs Insights query returns. Default: `FakeFleet.reportStatsRows` — one row per
   * non-idle function log group of the query, REPORT statistics over the query's time range.
   */
  logsInsightsRows?: (query: LogsInsightsQuery, fleet: FakeFleet) => LogsInsightsRow[];
  /** GetQueryResults answers "Running" this many times before "Complete" (default 1). */
  logsQueryRunningPolls?: number;
  /** When set, AssumeRole without this ExternalId is AccessDenied. */
  requiredExternalId?: string;
  /**
   * Cost Explorer GetCostAndUsage. `answer` gives the days of a request (default: every day of its
   * TimePeriod, no group, estimated from the first of `now`'s month); the fake pages them by
   * `groupsPerPage` groups (default 1,000), a day spread over two pages when it does not fit.
   */
  costExplorer?: {
    answer?: (request: CostExplorerRequest) => CostExplorerDay[];
    groupsPerPage?: number;
  };
  /** Account of the `testing` keys and of every resource ARN (default 111122223333). */
  accountId?: string;
  region?: string;
  /** Metrics end at the hour of `now` (default: the current time when the fleet is made). */
  now?: Date;
};

export type FakeFunction = {
  index: number;
  name: string;
  arn: string;
  memoryMb: number;
  architecture: "x86_64" | "arm64";
  runtime: string;
  tags: Record<string, string>;
  /** No metric, no Insights row. */
  idle: boolean;
  provisionedConcurrency: { alias: string; version: string; requested: number } | null;
  /** Invocations per hour before the diurnal factor (1–4). */
  baseInvocationsPerHour: number;
  /** Hourly average duration is durationMs + 3 × (H mod 5). */
  durationMs: number;
  errorPerMille: number;
  throttled: boolean;
  maxMemoryUsedMb: number;
  logGroupName: string;
};

export type FakeService = {
  index: number;
  clusterName: string;
  clusterArn: string;
  serviceName: string;
  serviceArn: string;
  family: string;
  revision: number;
  taskDefinitionArn: string;
  cpu: number;
  memoryMb: number;
  cpuArchitecture: "ARM64" | "X86_64";
  desiredCount: number;
  /** null when the service uses a capacity provider strategy. */
  launchType: "FARGATE" | null;
  capacityProviderStrategy: { capacityProvider: string; weight: number; base: number }[] | null;
  tags: Record<string, string>;
  /** desiredCount 0 and no metrics. */
  idle: boolean;
  cpuBase: number;
  memoryBase: number;
};

export type MetricQuery = {
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  /** Seconds. */
  period: number;
  stat: string;
};

type HourRange = { lo: number; hi: number };

export type MetricResource = { kind: "lambda"; fn: FakeFunction } | { kind: "ecs"; service: FakeService };

/** 32-bit mix of (seed, index, salt): the only source of variety. */
function mix(seed: number, index: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35);
  h = (h ^ Math.imul(salt + 0x27d4eb2f, 0x165667b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

function pick<T>(values: readonly T[], n: number): T {
  return values[n % values.length] as T;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Percentile value as a multiple of the period average (0.2 at p0, 0.8 at p50, 2.5 at p99, 3 at p100). */
export function percentileShape(q: number): number {
  if (q <= 50) return 0.2 + (0.6 * q) / 50;
  if (q <= 90) return 0.8 + (0.7 * (q - 50)) / 40;
  if (q <= 99) return 1.5 + (1.0 * (q - 90)) / 9;
  return 2.5 + 0.5 * Math.min(1, q - 99);
}

const percentileCache = new Map<string, number | null>();

/** 99 for "p99", 99.9 for "p99.9", null for anything else (memoised: called per datapoint). */
function parsePercentile(stat: string): number | null {
  let q = percentileCache.get(stat);
  if (q === undefined) {
    const match = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat);
    q = match ? Number(match[1]) : null;
    if (percentileCache.size < 1000) percentileCache.set(stat, q);
  }
  return q;
}

const LAMBDA_METRICS = new Set(["Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions"]);
const ECS_METRICS = new Set(["CPUUtilization", "MemoryUtilization"]);

/** The deterministic fleet: inventory, hourly metric values and period statistics. */
export class FakeFleet {
  readonly accountId: string;
  readonly region: string;
  readonly seed: number;
  readonly functionCount: number;
  readonly serviceCount: number;
  readonly clusterCount: number;
  readonly pcEvery: number | null;
  /** Epoch hour of `now`: data exists for hours [nowHour − RETENTION_HOURS, nowHour). */
  readonly nowHour: number;
  readonly percentiles: boolean;
  private readonly functionCache = new Map<number, FakeFunction>();
  private readonly serviceCache = new Map<number, FakeService>();

  constructor(options: FakeAwsOptions) {
    const { fleet } = options;
    if (!Number.isInteger(fleet.functions) || fleet.functions < 0)
      throw new Error("fleet.functions: integer ≥ 0");
    if (!Number.isInteger(fleet.services) || fleet.services < 0)
      throw new Error("fleet.services: integer ≥ 0");
    this.accountId = options.accountId ?? "111122223333";
    this.region = options.region ?? "us-east-1";
    this.seed = fleet.seed ?? 1;
    this.functionCount = fleet.functions;
    this.serviceCount = fleet.services;
    this.clusterCount = Math.ceil(fleet.services / FAKE_SERVICES_PER_CLUSTER);
    this.pcEvery = fleet.pcEvery && fleet.pcEvery > 0 ? fleet.pcEvery : null;
    this.nowHour = Math.floor((options.now ?? new Date()).getTime() / HOUR_MS);
    this.percentiles = options.percentiles ?? true;
  }

  /** The window of existing data: [start, end) with end = the hour of `now`. */
  get dataWindow(): { start: Date; end: Date } {
    return {
      start: new Date((this.nowHour - RETENTION_HOURS) * HOUR_MS),
      end: new Date(this.nowHour * HOUR_MS),
    };
  }

  // ---- inventory -------------------------------------------------------------------------------

  functionName(index: number): string {
    return `fleet-fn-${pad(index, 5)}`;
  }

  functionIndex(nameOrArn: string): number | null {
    const name = nameOrArn.startsWith("arn:") ? (nameOrArn.split(":")[6] ?? "") : nameOrArn.split(":")[0]!;
    const match = /^fleet-fn-(\d{5,})$/.exec(name);
    if (!match) return null;
    const index = Number(match[1]);
    return index < this.functionCount && this.functionName(index) === name ? index : null;
  }

  function(index: number, accountId = this.accountId): FakeFunction {
    const cached = accountId === this.accountId ? this.functionCache.get(index) : undefined;
    if (cached) return cached;
    const m = (salt: number) => mix(this.seed, index, salt);
    const name = this.functionName(index);
    const memoryMb = pick(MEMORY_SIZES, m(1));
    const tags: Record<string, string> =
      m(2) % 7 === 0 ? {} : { team: pick(TEAMS, m(3)), env: pick(ENVS, m(4)), "breakeven:fixture": "fake" };
    const fn: FakeFunction = {
      index,
      name,
      arn: `arn:aws:lambda:${this.region}:${accountId}:function:${name}`,
      memoryMb,
      architecture: m(5) % 3 === 0 ? "arm64" : "x86_64",
      runtime: pick(RUNTIMES, m(6)),
      tags,
      idle: m(7) % 10 === 0,
      provisionedConcurrency:
        this.pcEvery !== null && index % this.pcEvery === 0
          ? { alias: "live", version: String(1 + (m(8) % 9)), requested: 1 + (m(9) % 20) }
          : null,
      baseInvocationsPerHour: 1 + (m(10) % 1000),
      durationMs: 5 + (m(11) % 2000),
      errorPerMille: m(12) % 20,
      throttled: m(13) % 5 === 0,
      maxMemoryUsedMb: Math.min(memoryMb, Math.max(30, Math.round((memoryMb * (20 + (m(14) % 70))) / 100))),
      logGroupName: `/aws/lambda/${name}`,
    };
    if (accountId === this.accountId) this.functionCache.set(index, fn);
    return fn;
  }

  /** Every function, built on first call (fine up to tens of thousands). */
  functions(): FakeFunction[] {
    return Array.from({ length: this.functionCount }, (_, i) => this.function(i));
  }

  clusterName(index: number): string {
    return `fleet-cluster-${pad(index, 3)}`;
  }

  clusterIndex(nameOrArn: string): number | null {
    const name = nameOrArn.startsWith("arn:") ? (nameOrArn.split("/")[1] ?? "") : nameOrArn;
    const match = /^fleet-cluster-(\d{3,})$/.exec(name);
    if (!match) return null;
    const index = Number(match[1]);
    return index < this.clusterCount && this.clusterName(index) === name ? index : null;
  }

  clusterArn(index: number, accountId = this.accountId): string {
    return `arn:aws:ecs:${this.region}:${accountId}:cluster/${this.clusterName(index)}`;
  }

  /** Service indexes of a cluster: [lo, hi). */
  clusterServices(clusterIndex: number): { lo: number; hi: number } {
    const lo = clusterIndex * FAKE_SERVICES_PER_CLUSTER;
    return { lo, hi: Math.min(this.serviceCount, lo + FAKE_SERVICES_PER_CLUSTER) };
  }

  serviceName(index: number): string {
    return `fleet-svc-${pad(index, 5)}`;
  }

  /** The index of a service by name or ARN within a cluster, or null. */
  serviceIndex(clusterIndex: number, nameOrArn: string): number | null {
    let name = nameOrArn;
    if (nameOrArn.startsWith("arn:")) {
      const parts = nameOrArn.split("/");
      if (parts.length === 3 && parts[1] !== this.clusterName(clusterIndex)) return null;
      name = parts[parts.length - 1] ?? "";
    }
    const match = /^fleet-svc-(\d{5,})$/.exec(name);
    if (!match) return null;
    const index = Number(match[1]);
    const { lo, hi } = this.clusterServices(clusterIndex);
    return index >= lo && index < hi && this.serviceName(index) === name ? index : null;
  }

  service(index: number, accountId = this.accountId): FakeService {
    const cached = accountId === this.accountId ? this.serviceCache.get(index) : undefined;
    if (cached) return cached;
    const m = (salt: number) => mix(this.seed, index, 100 + salt);
    const clusterIndex = Math.floor(index / FAKE_SERVICES_PER_CLUSTER);
    const clusterName = this.clusterName(clusterIndex);
    const serviceName = this.serviceName(index);
    const [cpu, memoryMb] = pick(FARGATE_SIZES, m(1));
    const idle = m(2) % 10 === 0;
    const revision = 1 + (m(3) % 5);
    const spot = m(4) % 3 === 0;
    const service: FakeService = {
      index,
      clusterName,
      clusterArn: this.clusterArn(clusterIndex, accountId),
      serviceName,
      serviceArn: `arn:aws:ecs:${this.region}:${accountId}:service/${clusterName}/${serviceName}`,
      family: serviceName,
      revision,
      taskDefinitionArn: `arn:aws:ecs:${this.region}:${accountId}:task-definition/${serviceName}:${revision}`,
      cpu,
      memoryMb,
      cpuArchitecture: m(5) % 2 === 0 ? "ARM64" : "X86_64",
      desiredCount: idle ? 0 : 1 + (m(6) % 4),
      launchType: spot ? null : "FARGATE",
      capacityProviderStrategy: spot
        ? [
            { capacityProvider: "FARGATE", weight: 1, base: 1 },
            { capacityProvider: "FARGATE_SPOT", weight: 3, base: 0 },
          ]
        : null,
      tags: m(7) % 6 === 0 ? {} : { team: pick(TEAMS, m(8)), env: pick(ENVS, m(9)) },
      idle,
      cpuBase: 5 + (m(10) % 60),
      memoryBase: 10 + (m(11) % 70),
    };
    if (accountId === this.accountId) this.serviceCache.set(index, service);
    return service;
  }

  services(): FakeService[] {
    return Array.from({ length: this.serviceCount }, (_, i) => this.service(i));
  }

  clusterNames(): string[] {
    return Array.from({ length: this.clusterCount }, (_, i) => this.clusterName(i));
  }

  // ---- hourly values ---------------------------------------------------------------------------

  private hasData(hour: number): boolean {
    return hour < this.nowHour && hour >= this.nowHour - RETENTION_HOURS;
  }

  /** Invocations of a function in epoch hour H (0 when idle or outside the data window). */
  hourlyInvocations(fn: FakeFunction, hour: number): number {
    if (fn.idle || !this.hasData(hour)) return 0;
    return fn.baseInvocationsPerHour * DIURNAL[(((hour + fn.index) % 24) + 24) % 24]!;
  }

  hourlyDurationAvg(fn: FakeFunction, hour: number): number {
    return fn.durationMs + 3 * (((hour % 5) + 5) % 5);
  }

  /** Σ Invocations over the whole hours in [start, end). */
  invocations(functionName: string, start: Date, end: Date): number {
    const index = this.functionIndex(functionName);
    if (index === null) return 0;
    const fn = this.function(index);
    const { lo, hi } = hoursIn(start.getTime() / 1000, end.getTime() / 1000);
    let sum = 0;
    for (let h = lo; h < hi; h++) sum += this.hourlyInvocations(fn, h);
    return sum;
  }

  /** Sample-weighted average Duration over [start, end), or null with no invocation. */
  durationAverage(functionName: string, start: Date, end: Date): number | null {
    const index = this.functionIndex(functionName);
    if (index === null) return null;
    const { lo, hi } = hoursIn(start.getTime() / 1000, end.getTime() / 1000);
    return this.lambdaStat(this.function(index), "Duration", "Average", lo, hi);
  }

  /** A statistic of a Lambda metric over epoch hours [lo, hi), or null when there is no data. */
  lambdaStat(fn: FakeFunction, metric: string, stat: string, lo: number, hi: number): number | null {
    const q = parsePercentile(stat);
    if (q !== null && !this.percentiles) return null;
    let n = 0;
    let sum = 0;
    let samples = 0;
    let max = -Infinity;
    let min = Infinity;
    for (let h = lo; h < hi; h++) {
      const inv = this.hourlyInvocations(fn, h);
      if (inv === 0) continue;
      n++;
      const dur = this.hourlyDurationAvg(fn, h);
      switch (metric) {
        case "Invocations":
        case "Errors":
        case "Throttles": {
          const value =
            metric === "Invocations"
              ? inv
              : metric === "Errors"
                ? Math.floor((inv * fn.errorPerMille) / 1000)
                : fn.throttled && ((h % 24) + 24) % 24 === 12
                  ? Math.ceil(inv / 20)
                  : 0;
          sum += value;
          samples += 60;
          max = Math.max(max, Math.ceil(value / 30));
          min = Math.min(min, 0);
          break;
        }
        case "Duration":
          sum += inv * dur;
          samples += inv;
          max = Math.max(max, dur * 3);
          min = Math.min(min, dur * 0.2);
          break;
        case "ConcurrentExecutions": {
          const mean = (inv * dur) / HOUR_MS;
          sum += mean * 60;
          samples += 60;
          max = Math.max(max, Math.max(1, Math.ceil(mean * 10)));
          min = Math.min(min, 0);
          break;
        }
        default:
          return null;
      }
    }
    if (n === 0) return null;
    return finishStat(stat, q, sum, samples, max, min, metric === "Duration" ? Infinity : null);
  }

  ecsStat(service: FakeService, metric: string, stat: string, lo: number, hi: number): number | null {
    const q = parsePercentile(stat);
    if (q !== null && !this.percentiles) return null;
    if (service.idle) return null;
    let sum = 0;
    let samples = 0;
    let max = -Infinity;
    let min = Infinity;
    for (let h = Math.max(lo, this.nowHour - RETENTION_HOURS); h < Math.min(hi, this.nowHour); h++) {
      const value = this.hourlyUtilization(service, metric, h);
      sum += value * 60;
      samples += 60;
      max = Math.max(max, Math.min(100, value * 1.5));
      min = Math.min(min, value * 0.5);
    }
    if (samples === 0) return null;
    return finishStat(stat, q, sum, samples, max, min, 100);
  }

  /** Hourly average CPUUtilization or MemoryUtilization of a service, percent. */
  hourlyUtilization(service: FakeService, metric: string, hour: number): number {
    const h = ((hour % 24) + 24) % 24;
    return metric === "CPUUtilization"
      ? service.cpuBase + ((h + service.index) % 12)
      : service.memoryBase + (((hour % 6) + 6) % 6);
  }

  /** The resource a metric query is about, or null (unknown namespace, metric, dimensions or name). */
  resolve(query: MetricQuery): MetricResource | null {
    const dims = new Map(query.dimensions.map((d) => [d.Name, d.Value]));
    if (dims.size !== query.dimensions.length) return null;
    if (query.namespace === "AWS/Lambda" && LAMBDA_METRICS.has(query.metricName) && dims.size === 1) {
      const name = dims.get("FunctionName");
      const index = name === undefined ? null : this.functionIndex(name);
      return index === null || name !== this.functionName(index)
        ? null
        : { kind: "lambda", fn: this.function(index) };
    }
    if (query.namespace === "AWS/ECS" && ECS_METRICS.has(query.metricName) && dims.size === 2) {
      const clusterName = dims.get("ClusterName");
      const serviceName = dims.get("ServiceName");
      if (clusterName === undefined || serviceName === undefined) return null;
      const cluster = this.clusterIndex(clusterName);
      const index = cluster === null ? null : this.serviceIndex(cluster, serviceName);
      return index === null ? null : { kind: "ecs", service: this.service(index) };
    }
    return null;
  }

  /** A period statistic of any supported metric over epoch hours [lo, hi). */
  stat(query: MetricQuery, lo: number, hi: number, resource = this.resolve(query)): number | null {
    if (!resource) return null;
    return resource.kind === "lambda"
      ? this.lambdaStat(resource.fn, query.metricName, query.stat, lo, hi)
      : this.ecsStat(resource.service, query.metricName, query.stat, lo, hi);
  }

  /**
   * The datapoints GetMetricData returns for one query over [start, end) (no paging), ascending.
   * The server answers exactly this, sliced by MaxDatapoints.
   */
  metricData(query: MetricQuery, start: Date, end: Date): { timestamps: Date[]; values: number[] } {
    const timestamps: Date[] = [];
    const values: number[] = [];
    const resource = this.resolve(query);
    for (const bucket of this.buckets(query, start.getTime() / 1000, end.getTime() / 1000, resource)) {
      const value = this.stat(query, bucket.lo, bucket.hi, resource);
      if (value === null) continue;
      timestamps.push(new Date(bucket.start * 1000));
      values.push(value);
    }
    return { timestamps, values };
  }

  /** Buckets that may hold data, ascending: start (epoch s) and their epoch hours [lo, hi). */
  *buckets(
    query: MetricQuery,
    startS: number,
    endS: number,
    resource = this.resolve(query),
  ): Generator<{ start: number } & HourRange> {
    if (!resource) return;
    if (resource.kind === "lambda" ? resource.fn.idle : resource.service.idle) return;
    if (parsePercentile(query.stat) !== null && !this.percentiles) return;
    if (
      !["Sum", "Average", "Maximum", "Minimum", "SampleCount"].includes(query.stat) &&
      parsePercentile(query.stat) === null
    )
      return;
    const dataLo = this.nowHour - RETENTION_HOURS;
    const dataHi = this.nowHour;
    const first = Math.floor(startS / 60) * 60;
    // Skip buckets before the data without iterating over them.
    const skip = Math.max(0, Math.floor((dataLo * HOUR_S - first) / query.period) - 1);
    for (let b = first + skip * query.period; b < endS; b += query.period) {
      const lo = Math.max(Math.ceil(b / HOUR_S), dataLo);
      const hi = Math.min(Math.ceil(Math.min(b + query.period, endS) / HOUR_S), dataHi);
      if (lo >= dataHi) break;
      if (lo < hi) yield { start: b, lo, hi };
    }
  }

  /**
   * Default Logs Insights answer: one row per non-idle function log group of the query, with the
   * REPORT statistics over the query's whole hours. Field names: @log, invocations, avgDurationMs,
   * p99DurationMs, maxDurationMs, maxMemoryUsedMb, memorySizeMb.
   */
  reportStatsRows(query: LogsInsightsQuery): LogsInsightsRow[] {
    const rows: LogsInsightsRow[] = [];
    const { lo, hi } = hoursIn(query.startTime, query.endTime);
    for (const group of query.logGroupNames) {
      const index = group.startsWith("/aws/lambda/")
        ? this.functionIndex(group.slice("/aws/lambda/".length))
        : null;
      if (index === null) continue;
      const fn = this.function(index);
      const invocations = this.lambdaStat(fn, "Invocations", "Sum", lo, hi);
      if (invocations === null || invocations === 0) continue;
      const avg = this.lambdaStat(fn, "Duration", "Average", lo, hi) ?? 0;
      rows.push({
        "@log": `${this.accountId}:${group}`,
        invocations: String(invocations),
        avgDurationMs: avg.toFixed(3),
        p99DurationMs: (avg * percentileShape(99)).toFixed(3),
        maxDurationMs: (this.lambdaStat(fn, "Duration", "Maximum", lo, hi) ?? 0).toFixed(3),
        maxMemoryUsedMb: String(fn.maxMemoryUsedMb),
        memorySizeMb: String(fn.memoryMb),
      });
    }
    return rows;
  }
}

function finishStat(
  stat: string,
  q: number | null,
  sum: number,
  samples: number,
  max: number,
  min: number,
  cap: number | null,
): number | null {
  switch (stat) {
    case "Sum":
      return sum;
    case "SampleCount":
      return samples;
    case "Average":
      return sum / samples;
    case "Maximum":
      return max;
    case "Minimum":
      return min;
    default: {
      if (q === null) return null;
      const value = (sum / samples) * percentileShape(q);
      return cap === null ? value : Math.min(cap, value);
    }
  }
}

/** Epoch hours whose start lies in [startS, endS). */
function hoursIn(startS: number, endS: number): HourRange {
  return { lo: Math.ceil(startS / HOUR_S), hi: Math.ceil(endS / HOUR_S) };
}

/** The model the fake serves: compare what a sync stored with it. */
export function fakeFleetExpectations(options: FakeAwsOptions): FakeFleet {
  return new FakeFleet(options);
}

// ---- the server ------------------------------------------------------------------------------

export type FakeAwsHandle = {
  endpoint: string;
  stop(): Promise<void>;
  /** Requests per "service:Operation" (faulted and retried ones included), e.g. "cloudwatch:GetMetricData". */
  calls: Record<string, number>;
  /**
   * Fault for an operation ("lambda:ListFunctions"), a service ("lambda:*") or everything ("*");
   * null clears it. A numbered fault answers that many requests, then the operation works again.
   */
  setFault(operation: string, fault: Fault | null): void;
  fleet: FakeFleet;
  /** AssumeRole requests, in order. */
  assumeRoleRequests: { roleArn: string; roleSessionName: string; externalId: string | undefined }[];
  /** Logs Insights queries started, in order. */
  logsQueries: LogsInsightsQuery[];
  /** GetCostAndUsage requests answered (one per page), in order. */
  costExplorerRequests: (CostExplorerRequest & { NextPageToken?: string })[];
};

type Service = "sts" | "lambda" | "ecs" | "cloudwatch" | "logs" | "ce";

type Reply = { status: number; headers: Record<string, string>; body: string };

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const JSON_TARGETS: Record<string, Service> = {
  AmazonEC2ContainerServiceV20141113: "ecs",
  GraniteServiceVersion20100801: "cloudwatch",
  Logs_20140328: "logs",
  AWSInsightsIndexService: "ce",
};

let requestCounter = 0;
const requestId = () => `fake-${process.pid}-${(++requestCounter).toString(16).padStart(8, "0")}`;

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function encodeToken(offset: number): string {
  return Buffer.from(`fake:${offset}`).toString("base64url");
}

function decodeToken(token: unknown, code: string): number {
  if (token === undefined || token === null || token === "") return 0;
  const text = typeof token === "string" ? Buffer.from(token, "base64url").toString("utf8") : "";
  const match = /^fake:(\d+)$/.exec(text);
  if (!match) throw new ApiError(400, code, "The next token is invalid.");
  return Number(match[1]);
}

function clampLimit(value: unknown, fallback: number, max: number): number {
  const n =
    typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 1) return fallback;
  return Math.min(max, Math.floor(n));
}

/** Epoch seconds from an awsJson timestamp (number of seconds; a string is accepted too). */
function epochSeconds(value: unknown, field: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value !== "") {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  throw new ApiError(400, "ValidationError", `The parameter ${field} is required.`);
}

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAwsHandle> {
  const fleet = new FakeFleet(options);
  const latencyMs = options.latencyMs ?? 0;
  const runningPolls = options.logsQueryRunningPolls ?? 1;
  const calls: Record<string, number> = {};
  const faults = new Map<string, { fault: Fault; remaining: number }>();
  const assumeRoleRequests: FakeAwsHandle["assumeRoleRequests"] = [];
  const logsQueries: LogsInsightsQuery[] = [];
  const costExplorerRequests: FakeAwsHandle["costExplorerRequests"] = [];
  const queries = new Map<string, { query: LogsInsightsQuery; polls: number; status: string }>();
  /** Access keys issued by AssumeRole → the assumed identity. */
  const sessions = new Map<string, { account: string; arn: string; userId: string }>();
  const held = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const takeFault = (service: Service, operation: string): Fault | null => {
    for (const key of [`${service}:${operation}`, `${service}:*`, "*"]) {
      const entry = faults.get(key);
      if (!entry) continue;
      if (entry.fault.kind !== "access-denied" && entry.fault.times !== "forever") {
        entry.remaining -= 1;
        if (entry.remaining <= 0) faults.delete(key);
      }
      return entry.fault;
    }
    return null;
  };

  const identityOf = (req: http.IncomingMessage) => {
    const auth = req.headers.authorization ?? "";
    const accessKey = /Credential=([^/,\s]+)\//.exec(auth)?.[1] ?? "";
    return (
      sessions.get(accessKey) ?? {
        account: fleet.accountId,
        arn: `arn:aws:iam::${fleet.accountId}:user/breakeven-test`,
        userId: "AIDAFAKEBREAKEVENTEST",
      }
    );
  };

  // ---- protocol encoders -------------------------------------------------------------------

  const jsonContentType = (service: Service) =>
    service === "cloudwatch"
      ? "application/x-amz-json-1.0"
      : service === "lambda"
        ? "application/json"
        : "application/x-amz-json-1.1";

  const ok = (service: Service, payload: unknown): Reply => ({
    status: 200,
    headers: { "content-type": jsonContentType(service), "x-amzn-requestid": requestId() },
    body: JSON.stringify(payload),
  });

  const errorReply = (service: Service, error: ApiError): Reply => {
    const id = requestId();
    if (service === "sts") {
      const type = error.status >= 500 ? "Receiver" : "Sender";
      return {
        status: error.status,
        headers: { "content-type": "text/xml", "x-amzn-requestid": id },
        body:
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type>` +
          `<Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error>` +
          `<RequestId>${id}</RequestId></ErrorResponse>`,
      };
    }
    const headers: Record<string, string> = {
      "content-type": jsonContentType(service),
      "x-amzn-requestid": id,
      "x-amzn-errortype": error.code,
    };
    let body: Record<string, unknown> = { __type: error.code, message: error.message };
    if (service === "cloudwatch") {
      // Query-compatible service: the awsQuery error code travels in x-amzn-query-error.
      const queryCode =
        { ThrottlingException: "Throttling", AccessDeniedException: "AccessDenied" }[error.code] ??
        error.code;
      headers["x-amzn-query-error"] = `${queryCode};${error.status >= 500 ? "Receiver" : "Sender"}`;
      body = { __type: `com.amazonaws.cloudwatch#${error.code}`, message: error.message };
    }
    if (service === "lambda") {
      body =
        error.code === "TooManyRequestsException"
          ? { Reason: "CallerRateLimitExceeded", Type: "User", message: error.message }
          : { Type: error.status >= 500 ? "Service" : "User", message: error.message };
    }
    return { status: error.status, headers, body: JSON.stringify(body) };
  };

  const faultError = (service: Service, fault: Fault): ApiError => {
    if (fault.kind === "throttle") {
      if (service === "lambda") return new ApiError(429, "TooManyRequestsException", "Rate exceeded");
      if (service === "ce") return new ApiError(400, "LimitExceededException", "Rate limit exceeded");
      if (service === "sts") return new ApiError(400, "Throttling", "Rate exceeded");
      return new ApiError(400, "ThrottlingException", "Rate exceeded");
    }
    if (fault.kind === "5xx") {
      if (service === "lambda") return new ApiError(500, "ServiceException", "Service unavailable (fake)");
      if (service === "ecs") return new ApiError(500, "ServerException", "Service unavailable (fake)");
      if (service === "logs")
        return new ApiError(503, "ServiceUnavailableException", "Service unavailable (fake)");
      if (service === "cloudwatch")
        return new ApiError(500, "InternalServiceError", "Internal failure (fake)");
      return new ApiError(500, "InternalFailure", "Internal failure (fake)");
    }
    const message =
      "User: arn:aws:sts::000000000000:assumed-role/fake/fake is not authorized to perform this action";
    if (service === "sts") return new ApiError(403, "AccessDenied", message);
    return new ApiError(
      service === "lambda" || service === "cloudwatch" ? 403 : 400,
      "AccessDeniedException",
      message,
    );
  };

  // ---- STS -----------------------------------------------------------------------------------

  const stsReply = (action: string, result: string): Reply => {
    const id = requestId();
    return {
      status: 200,
      headers: { "content-type": "text/xml", "x-amzn-requestid": id },
      body:
        `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>${result}</${action}Result>` +
        `<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${action}Response>`,
    };
  };

  const sts = (operation: string, params: URLSearchParams, req: http.IncomingMessage): Reply => {
    if (operation === "GetCallerIdentity") {
      const who = identityOf(req);
      return stsReply(
        operation,
        `<Arn>${xmlEscape(who.arn)}</Arn><UserId>${xmlEscape(who.userId)}</UserId><Account>${who.account}</Account>`,
      );
    }
    if (operation === "AssumeRole") {
      const roleArn = params.get("RoleArn") ?? "";
      const sessionName = params.get("RoleSessionName") ?? "";
      const externalId = params.get("ExternalId") ?? undefined;
      assumeRoleRequests.push({ roleArn, roleSessionName: sessionName, externalId });
      const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
      if (!match || !sessionName)
        throw new ApiError(400, "ValidationError", "RoleArn or RoleSessionName is invalid");
      if (options.requiredExternalId !== undefined && externalId !== options.requiredExternalId)
        throw new ApiError(403, "AccessDenied", `Not authorized to perform sts:AssumeRole on ${roleArn}`);
      const [, account, roleName] = match as unknown as [string, string, string];
      const accessKeyId = `ASIAFAKE${pad(sessions.size + 1, 12)}`;
      const userId = `AROAFAKE${pad(mix(1, sessions.size, 7) % 1e9, 9)}:${sessionName}`;
      const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
      sessions.set(accessKeyId, { account, arn, userId });
      const seconds = Number(params.get("DurationSeconds") ?? 3600) || 3600;
      const expiration = new Date(Date.now() + seconds * 1000).toISOString();
      return stsReply(
        operation,
        `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>fakeSecret${accessKeyId}</SecretAccessKey>` +
          `<SessionToken>fakeSessionToken${accessKeyId}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
          `<AssumedRoleUser><AssumedRoleId>${xmlEscape(userId)}</AssumedRoleId><Arn>${xmlEscape(arn)}</Arn></AssumedRoleUser>` +
          `<PackedPolicySize>0</PackedPolicySize>`,
      );
    }
    throw new ApiError(400, "InvalidAction", `fake-aws: STS ${operation} is not implemented`);
  };

  // ---- Lambda --------------------------------------------------------------------------------

  const lambdaConfiguration = (fn: FakeFunction) => ({
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Role: `arn:aws:iam::${fleet.accountId}:role/fleet-lambda`,
    Handler: "index.handler",
    CodeSize: 1024 + (fn.index % 4096),
    Description: "",
    Timeout: 30,
    MemorySize: fn.memoryMb,
    LastModified: "2025-01-15T10:00:00.000+0000",
    CodeSha256: "ZmFrZS1icmVha2V2ZW4tY29kZQ==",
    Version: "$LATEST",
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: `00000000-0000-4000-8000-${pad(fn.index, 12)}`,
    PackageType: "Zip",
    Architectures: [fn.architecture],
    EphemeralStorage: { Size: 512 },
    LoggingConfig: { LogFormat: "Text", LogGroup: fn.logGroupName },
  });

  const lambdaFunctionFor = (nameOrArn: string, accountId: string): FakeFunction => {
    const index = fleet.functionIndex(nameOrArn);
    if (index === null)
      throw new ApiError(
        404,
        "ResourceNotFoundException",
        `Function not found: arn:aws:lambda:${fleet.region}:${accountId}:function:${nameOrArn}`,
      );
    return fleet.function(index, accountId);
  };

  const lambda = (operation: string, url: URL, account: string): Reply => {
    const query = url.searchParams;
    if (operation === "ListFunctions") {
      const offset = decodeToken(query.get("Marker"), "InvalidParameterValueException");
      const limit = clampLimit(query.get("MaxItems"), 50, 50);
      const end = Math.min(fleet.functionCount, offset + limit);
      const Functions = [];
      for (let i = offset; i < end; i++) Functions.push(lambdaConfiguration(fleet.function(i, account)));
      return ok("lambda", {
        Functions,
        ...(end < fleet.functionCount ? { NextMarker: encodeToken(end) } : {}),
      });
    }
    if (operation === "ListTags") {
      const arn = decodeURIComponent(url.pathname.slice("/2017-03-31/tags/".length));
      return ok("lambda", { Tags: lambdaFunctionFor(arn, account).tags });
    }
    if (operation === "ListProvisionedConcurrencyConfigs") {
      const name = decodeURIComponent(url.pathname.split("/")[3] ?? "");
      const fn = lambdaFunctionFor(name, account);
      const offset = decodeToken(query.get("Marker"), "InvalidParameterValueException");
      const pc = fn.provisionedConcurrency;
      const configs =
        pc === null
          ? []
          : [
              {
                FunctionArn: `${fn.arn}:${pc.alias}`,
                RequestedProvisionedConcurrentExecutions: pc.requested,
                AvailableProvisionedConcurrentExecutions: pc.requested,
                AllocatedProvisionedConcurrentExecutions: pc.requested,
                Status: "READY",
                LastModified: "2025-01-15T10:00:00+0000",
              },
            ];
      return ok("lambda", { ProvisionedConcurrencyConfigs: configs.slice(offset) });
    }
    throw new ApiError(404, "UnknownOperationException", `fake-aws: Lambda ${operation} is not implemented`);
  };

  // ---- ECS -----------------------------------------------------------------------------------

  const ecsCluster = (nameOrArn: unknown): number => {
    const name = typeof nameOrArn === "string" && nameOrArn !== "" ? nameOrArn : "default";
    const index = fleet.clusterIndex(name);
    if (index === null) throw new ApiError(400, "ClusterNotFoundException", "Cluster not found.");
    return index;
  };

  const tagList = (tags: Record<string, string>) =>
    Object.entries(tags).map(([key, value]) => ({ key, value }));

  const ecs = (operation: string, input: Record<string, unknown>, account: string): Reply => {
    if (operation === "ListClusters") {
      const offset = decodeToken(input.nextToken, "InvalidParameterException");
      const end = Math.min(fleet.clusterCount, offset + clampLimit(input.maxResults, 100, 100));
      const clusterArns = [];
      for (let i = offset; i < end; i++) clusterArns.push(fleet.clusterArn(i, account));
      return ok("ecs", { clusterArns, ...(end < fleet.clusterCount ? { nextToken: encodeToken(end) } : {}) });
    }
    if (operation === "ListServices") {
      const { lo, hi } = fleet.clusterServices(ecsCluster(input.cluster));
      const offset = lo + decodeToken(input.nextToken, "InvalidParameterException");
      const end = Math.min(hi, offset + clampLimit(input.maxResults, 10, 100));
      const serviceArns = [];
      for (let i = offset; i < end; i++) serviceArns.push(fleet.service(i, account).serviceArn);
      return ok("ecs", { serviceArns, ...(end < hi ? { nextToken: encodeToken(end - lo) } : {}) });
    }
    if (operation === "DescribeServices") {
      const clusterIndex = ecsCluster(input.cluster);
      const names = Array.isArray(input.services) ? (input.services as unknown[]).map(String) : [];
      if (names.length === 0 || names.length > 10)
        throw new ApiError(
          400,
          "InvalidParameterException",
          "services can have at most 10 items and at least 1.",
        );
      const withTags = Array.isArray(input.include) && input.include.includes("TAGS");
      const services = [];
      const failures = [];
      for (const name of names) {
        const index = fleet.serviceIndex(clusterIndex, name);
        if (index === null) {
          failures.push({
            arn: name.startsWith("arn:") ? name : `arn:aws:ecs:${fleet.region}:${account}:service/${name}`,
            reason: "MISSING",
          });
          continue;
        }
        const s = fleet.service(index, account);
        services.push({
          serviceArn: s.serviceArn,
          serviceName: s.serviceName,
          clusterArn: s.clusterArn,
          status: "ACTIVE",
          desiredCount: s.desiredCount,
          runningCount: s.desiredCount,
          pendingCount: 0,
          ...(s.launchType
            ? { launchType: s.launchType }
            : { capacityProviderStrategy: s.capacityProviderStrategy }),
          platformVersion: "LATEST",
          platformFamily: "Linux",
          taskDefinition: s.taskDefinitionArn,
          deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
          deployments: [
            {
              id: `ecs-svc/${pad(s.index, 19)}`,
              status: "PRIMARY",
              taskDefinition: s.taskDefinitionArn,
              desiredCount: s.desiredCount,
              runningCount: s.desiredCount,
              pendingCount: 0,
              rolloutState: "COMPLETED",
              createdAt: 1736935200,
              updatedAt: 1736935200,
            },
          ],
          createdAt: 1736935200,
          schedulingStrategy: "REPLICA",
          propagateTags: "NONE",
          enableECSManagedTags: false,
          ...(withTags ? { tags: tagList(s.tags) } : {}),
        });
      }
      return ok("ecs", { services, failures });
    }
    if (operation === "DescribeTaskDefinition") {
      const ref = typeof input.taskDefinition === "string" ? input.taskDefinition : "";
      const match = /^(?:arn:[^/]+:task-definition\/)?(fleet-svc-\d{5,})(?::(\d+))?$/.exec(ref);
      const index = match ? Number(match[1]!.slice("fleet-svc-".length)) : null;
      const s = index !== null && index < fleet.serviceCount ? fleet.service(index, account) : null;
      if (!s || s.family !== match?.[1] || (match[2] !== undefined && Number(match[2]) !== s.revision))
        throw new ApiError(400, "ClientException", "Unable to describe task definition.");
      const withTags = Array.isArray(input.include) && input.include.includes("TAGS");
      return ok("ecs", {
        taskDefinition: {
          taskDefinitionArn: s.taskDefinitionArn,
          family: s.family,
          revision: s.revision,
          status: "ACTIVE",
          networkMode: "awsvpc",
          requiresCompatibilities: ["FARGATE"],
          compatibilities: ["EC2", "FARGATE"],
          cpu: String(s.cpu),
          memory: String(s.memoryMb),
          runtimePlatform: { cpuArchitecture: s.cpuArchitecture, operatingSystemFamily: "LINUX" },
          containerDefinitions: [
            { name: "app", image: "public.ecr.aws/docker/library/nginx:stable", cpu: 0, essential: true },
          ],
          registeredAt: 1736935200,
        },
        ...(withTags ? { tags: tagList(s.tags) } : {}),
      });
    }
    throw new ApiError(400, "UnknownOperationException", `fake-aws: ECS ${operation} is not implemented`);
  };

  // ---- CloudWatch ----------------------------------------------------------------------------

  const getMetricData = (input: Record<string, unknown>): Reply => {
    const raw = Array.isArray(input.MetricDataQueries)
      ? (input.MetricDataQueries as Record<string, unknown>[])
      : [];
    if (raw.length === 0)
      throw new ApiError(400, "ValidationError", "The parameter MetricDataQueries is required.");
    if (raw.length > 500)
      throw new ApiError(
        400,
        "ValidationError",
        "The collection MetricDataQueries must not have a size greater than 500.",
      );
    const startS = epochSeconds(input.StartTime, "StartTime");
    const endS = epochSeconds(input.EndTime, "EndTime");
    if (endS <= startS)
      throw new ApiError(400, "ValidationError", "The parameter EndTime must be greater than StartTime.");
    const maxDatapoints = clampLimit(input.MaxDatapoints, MAX_DATAPOINTS, MAX_DATAPOINTS);
    const descending = input.ScanBy !== "TimestampAscending";
    const offset = decodeToken(input.NextToken, "InvalidNextToken");

    const ids = new Set<string>();
    const parsed = raw.map((q) => {
      const id = typeof q.Id === "string" ? q.Id : "";
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(id) || ids.has(id))
        throw new ApiError(400, "ValidationError", `Invalid or duplicate MetricDataQuery Id "${id}".`);
      ids.add(id);
      if (q.Expression !== undefined)
        throw new ApiError(
          400,
          "ValidationError",
          "fake-aws: metric math / Metrics Insights expressions are not emulated.",
        );
      const stat = q.MetricStat as Record<string, unknown> | undefined;
      const metric = stat?.Metric as Record<string, unknown> | undefined;
      const period = Number(stat?.Period);
      if (!stat || !metric || !Number.isInteger(period) || period < 1 || (period >= 60 && period % 60 !== 0))
        throw new ApiError(
          400,
          "ValidationError",
          `MetricDataQuery ${id}: MetricStat with a valid Period is required.`,
        );
      const query: MetricQuery = {
        namespace: String(metric.Namespace ?? ""),
        metricName: String(metric.MetricName ?? ""),
        dimensions: Array.isArray(metric.Dimensions)
          ? (metric.Dimensions as { Name: string; Value: string }[]).map((d) => ({
              Name: String(d.Name),
              Value: String(d.Value),
            }))
          : [],
        period,
        stat: String(stat.Stat ?? ""),
      };
      const resource = fleet.resolve(query);
      const buckets = [...fleet.buckets(query, startS, endS, resource)];
      if (descending) buckets.reverse();
      return {
        id,
        label: typeof q.Label === "string" ? q.Label : query.metricName,
        query,
        resource,
        buckets,
        returnData: q.ReturnData !== false,
      };
    });

    // Flatten datapoints query by query; answer [offset, offset + maxDatapoints).
    const pageEnd = offset + maxDatapoints;
    let position = 0;
    let total = 0;
    const MetricDataResults = [];
    for (const q of parsed) {
      if (!q.returnData) continue;
      const from = Math.max(0, offset - position);
      const to = Math.min(q.buckets.length, pageEnd - position);
      const Timestamps: number[] = [];
      const Values: number[] = [];
      for (let k = from; k < to; k++) {
        const bucket = q.buckets[k]!;
        const value = fleet.stat(q.query, bucket.lo, bucket.hi, q.resource);
        if (value === null) continue;
        Timestamps.push(bucket.start);
        Values.push(value);
      }
      MetricDataResults.push({
        Id: q.id,
        Label: q.label,
        Timestamps,
        Values,
        StatusCode: position + q.buckets.length > pageEnd ? "PartialData" : "Complete",
      });
      position += q.buckets.length;
      total = position;
    }
    return ok("cloudwatch", {
      MetricDataResults,
      Messages: [],
      ...(total > pageEnd ? { NextToken: encodeToken(pageEnd) } : {}),
    });
  };

  // ---- Logs ----------------------------------------------------------------------------------

  const prefixCache = new Map<string, number[]>();
  const logGroupsWithPrefix = (prefix: string): number[] => {
    let cached = prefixCache.get(prefix);
    if (!cached) {
      cached = [];
      for (let i = 0; i < fleet.functionCount; i++)
        if (`/aws/lambda/${fleet.functionName(i)}`.startsWith(prefix)) cached.push(i);
      prefixCache.set(prefix, cached);
    }
    return cached;
  };

  let queryCounter = 0;

  const logs = (operation: string, input: Record<string, unknown>, account: string): Reply => {
    if (operation === "DescribeLogGroups") {
      const prefix = typeof input.logGroupNamePrefix === "string" ? input.logGroupNamePrefix : "";
      const indexes = logGroupsWithPrefix(prefix);
      const offset = decodeToken(input.nextToken, "InvalidParameterException");
      const end = Math.min(indexes.length, offset + clampLimit(input.limit, 50, 50));
      const logGroups = indexes.slice(offset, end).map((i) => {
        const name = `/aws/lambda/${fleet.functionName(i)}`;
        return {
          logGroupName: name,
          arn: `arn:aws:logs:${fleet.region}:${account}:log-group:${name}:*`,
          logGroupArn: `arn:aws:logs:${fleet.region}:${account}:log-group:${name}`,
          creationTime: 1736935200000,
          retentionInDays: 30,
          metricFilterCount: 0,
          storedBytes: 1_000_000 + i,
          logGroupClass: "STANDARD",
        };
      });
      return ok("logs", { logGroups, ...(end < indexes.length ? { nextToken: encodeToken(end) } : {}) });
    }
    if (operation === "StartQuery") {
      const names = [
        ...(typeof input.logGroupName === "string" ? [input.logGroupName] : []),
        ...(Array.isArray(input.logGroupNames) ? (input.logGroupNames as unknown[]).map(String) : []),
        ...(Array.isArray(input.logGroupIdentifiers)
          ? (input.logGroupIdentifiers as unknown[]).map((id) =>
              String(id)
                .replace(/^arn:[^:]*:logs:[^:]*:\d*:log-group:/, "")
                .replace(/:\*$/, ""),
            )
          : []),
      ];
      if (names.length === 0)
        throw new ApiError(400, "InvalidParameterException", "Log group(s) must be specified.");
      if (names.length > 50)
        throw new ApiError(400, "InvalidParameterException", "At most 50 log groups per query.");
      for (const name of names)
        if (
          !name.startsWith("/aws/lambda/") ||
          fleet.functionIndex(name.slice("/aws/lambda/".length)) === null
        )
          throw new ApiError(400, "ResourceNotFoundException", `Log group '${name}' does not exist.`);
      if (typeof input.queryString !== "string" || input.queryString === "")
        throw new ApiError(400, "InvalidParameterException", "queryString is required.");
      const queryId = `00000000-0000-4000-8000-${pad(++queryCounter, 12)}`;
      const query: LogsInsightsQuery = {
        queryId,
        logGroupNames: names,
        startTime: Number(input.startTime),
        endTime: Number(input.endTime),
        queryString: input.queryString,
        ...(typeof input.limit === "number" ? { limit: input.limit } : {}),
      };
      logsQueries.push(query);
      queries.set(queryId, { query, polls: 0, status: "Running" });
      return ok("logs", { queryId });
    }
    if (operation === "GetQueryResults" || operation === "StopQuery") {
      const entry = queries.get(typeof input.queryId === "string" ? input.queryId : "");
      if (!entry) throw new ApiError(400, "ResourceNotFoundException", "The query does not exist.");
      if (operation === "StopQuery") {
        const wasRunning = entry.status === "Running";
        if (wasRunning) entry.status = "Cancelled";
        return ok("logs", { success: wasRunning });
      }
      if (entry.status === "Running" && ++entry.polls > runningPolls) entry.status = "Complete";
      if (entry.status !== "Complete")
        return ok("logs", {
          status: entry.status,
          results: [],
          statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
        });
      let rows = options.logsInsightsRows
        ? options.logsInsightsRows(entry.query, fleet)
        : fleet.reportStatsRows(entry.query);
      if (entry.query.limit !== undefined) rows = rows.slice(0, entry.query.limit);
      const matched = rows.reduce((sum, row) => sum + (Number(row.invocations) || 1), 0);
      return ok("logs", {
        status: "Complete",
        results: rows.map((row) => Object.entries(row).map(([field, value]) => ({ field, value }))),
        statistics: { recordsMatched: matched, recordsScanned: matched, bytesScanned: matched * 200 },
      });
    }
    throw new ApiError(400, "UnknownOperationException", `fake-aws: Logs ${operation} is not implemented`);
  };

  // ---- Cost Explorer -------------------------------------------------------------------------

  const monthStart = (() => {
    const now = new Date(fleet.nowHour * HOUR_MS);
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  })();

  /** Every day of the TimePeriod, no group: an account without spend. */
  const emptyCostDays = (request: CostExplorerRequest): CostExplorerDay[] => {
    const days: CostExplorerDay[] = [];
    for (
      let ms = Date.parse(request.TimePeriod.Start);
      ms < Date.parse(request.TimePeriod.End);
      ms += 86_400_000
    )
      days.push({
        start: new Date(ms).toISOString().slice(0, 10),
        isEstimated: ms >= monthStart,
        groups: [],
      });
    return days;
  };

  const costExplorer = (operation: string, input: Record<string, unknown>): Reply => {
    if (operation !== "GetCostAndUsage")
      throw new ApiError(
        400,
        "UnknownOperationException",
        `fake-aws: Cost Explorer ${operation} is not implemented`,
      );
    const { NextPageToken: token, ...request } = input as CostExplorerRequest & { NextPageToken?: string };
    if (!request.TimePeriod?.Start || !request.TimePeriod.End)
      throw new ApiError(400, "ValidationException", "TimePeriod is required");
    costExplorerRequests.push({ ...request, ...(token ? { NextPageToken: token } : {}) });
    const days = (options.costExplorer?.answer ?? emptyCostDays)(request);
    // One slot per group, and one per day without any, paged in order.
    type Slot = { day: CostExplorerDay; group: CostExplorerDay["groups"][number] | null };
    const slots = days.flatMap((day): Slot[] =>
      day.groups.length === 0 ? [{ day, group: null }] : day.groups.map((group) => ({ day, group })),
    );
    const offset = decodeToken(token, "InvalidNextTokenException");
    const end = Math.min(slots.length, offset + Math.max(1, options.costExplorer?.groupsPerPage ?? 1000));
    const resultsByTime: Record<string, unknown>[] = [];
    for (const { day, group } of slots.slice(offset, end)) {
      let result = resultsByTime.at(-1);
      if (!result || (result.TimePeriod as { Start: string }).Start !== day.start) {
        const next = new Date(Date.parse(day.start) + 86_400_000).toISOString().slice(0, 10);
        result = {
          TimePeriod: { Start: day.start, End: next },
          Total: {},
          Groups: [],
          Estimated: day.isEstimated,
        };
        resultsByTime.push(result);
      }
      if (group) (result.Groups as unknown[]).push({ Keys: group.keys, Metrics: group.metrics });
    }
    return ok("ce", {
      GroupDefinitions: request.GroupBy ?? [],
      ResultsByTime: resultsByTime,
      DimensionValueAttributes: [],
      ...(end < slots.length ? { NextPageToken: encodeToken(end) } : {}),
    });
  };

  // ---- routing -------------------------------------------------------------------------------

  /** Service and operation of a request, from its target header, path or Action. */
  const route = (
    req: http.IncomingMessage,
    url: URL,
    body: string,
  ): { service: Service; operation: string } | null => {
    const target = req.headers["x-amz-target"];
    if (typeof target === "string") {
      const [prefix, operation] = target.split(".");
      const service = prefix ? JSON_TARGETS[prefix] : undefined;
      return service && operation ? { service, operation } : null;
    }
    const path = url.pathname;
    if (req.method === "GET" && /^\/2015-03-31\/functions\/?$/.test(path))
      return { service: "lambda", operation: "ListFunctions" };
    if (req.method === "GET" && path.startsWith("/2017-03-31/tags/"))
      return { service: "lambda", operation: "ListTags" };
    if (req.method === "GET" && /^\/2019-09-30\/functions\/[^/]+\/provisioned-concurrency\/?$/.test(path))
      return { service: "lambda", operation: "ListProvisionedConcurrencyConfigs" };
    if (/^\/20\d\d-\d\d-\d\d\//.test(path)) return { service: "lambda", operation: `${req.method} ${path}` };
    if (req.method === "POST" && path === "/") {
      const action = new URLSearchParams(body).get("Action");
      if (action) return { service: "sts", operation: action };
    }
    return null;
  };

  const handle = (req: http.IncomingMessage, body: string): Reply | "hold" => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const found = route(req, url, body);
    if (!found) {
      const key = `unknown:${req.method} ${url.pathname}`;
      calls[key] = (calls[key] ?? 0) + 1;
      return {
        status: 404,
        headers: { "content-type": "application/json", "x-amzn-errortype": "UnknownOperationException" },
        body: JSON.stringify({
          __type: "UnknownOperationException",
          message: `fake-aws: no route for ${req.method} ${url.pathname}`,
        }),
      };
    }
    const { service, operation } = found;
    const key = `${service}:${operation}`;
    calls[key] = (calls[key] ?? 0) + 1;
    const fault = takeFault(service, operation);
    if (fault?.kind === "timeout") return "hold";
    try {
      if (fault) throw faultError(service, fault);
      const account = identityOf(req).account;
      if (service === "sts") return sts(operation, new URLSearchParams(body), req);
      if (service === "lambda") return lambda(operation, url, account);
      let input: Record<string, unknown>;
      try {
        input = body === "" ? {} : (JSON.parse(body) as Record<string, unknown>);
      } catch {
        throw new ApiError(400, "SerializationException", "Malformed JSON body");
      }
      if (service === "ecs") return ecs(operation, input, account);
      if (service === "logs") return logs(operation, input, account);
      if (service === "ce") return costExplorer(operation, input);
      if (operation === "GetMetricData") return getMetricData(input);
      throw new ApiError(400, "InvalidAction", `fake-aws: CloudWatch ${operation} is not implemented`);
    } catch (error) {
      if (error instanceof ApiError) return errorReply(service, error);
      const message = error instanceof Error ? error.message : String(error);
      return errorReply(service, new ApiError(500, "InternalFailure", `fake-aws bug: ${message}`));
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (stopped) return void res.destroy();
      const reply = handle(req, Buffer.concat(chunks).toString("utf8"));
      if (reply === "hold") {
        held.add(res);
        res.on("close", () => held.delete(res));
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, {
          ...reply.headers,
          date: new Date().toUTCString(),
          "content-length": Buffer.byteLength(reply.body),
        });
        res.end(reply.body);
      };
      if (latencyMs <= 0) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, latencyMs);
      timers.add(timer);
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("fake-aws: no address");

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    calls,
    fleet,
    assumeRoleRequests,
    logsQueries,
    costExplorerRequests,
    setFault(operation, fault) {
      if (fault === null) faults.delete(operation);
      else
        faults.set(operation, {
          fault,
          remaining: fault.kind === "access-denied" || fault.times === "forever" ? Infinity : fault.times,
        });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const res of held) res.destroy();
      held.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
