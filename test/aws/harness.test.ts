/**
 * Proves the AWS test harness through the real SDK v3 clients: moto (test/aws/moto.ts +
 * seed-moto.ts) and the loopback fake (test/aws/fake-aws.ts). Nothing leaves 127.0.0.1.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandOutput,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
  paginateDescribeLogGroups,
} from "@aws-sdk/client-cloudwatch-logs";
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  paginateListClusters,
  paginateListServices,
} from "@aws-sdk/client-ecs";
import {
  LambdaClient,
  ListFunctionsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  ListTagsCommand,
  paginateListFunctions,
  type FunctionConfiguration,
} from "@aws-sdk/client-lambda";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { fakeFleetExpectations, startFakeAws, type FakeAwsHandle, type FakeAwsOptions } from "./fake-aws";
import { applyAwsTestEnv, MOTO_ACCOUNT_ID, motoSkipReason, startMoto, type MotoServer } from "./moto";
import { motoClientConfig, queueCostExplorerResults, seedDeleteFunction, seedMotoFleet } from "./seed-moto";

const HOUR_MS = 3_600_000;

async function allFunctions(client: LambdaClient): Promise<FunctionConfiguration[]> {
  const functions: FunctionConfiguration[] = [];
  for await (const page of paginateListFunctions({ client }, {})) functions.push(...(page.Functions ?? []));
  return functions;
}

/** Every page of a GetMetricData call, merged by query Id. */
async function getMetricData(
  client: CloudWatchClient,
  input: { queries: MetricDataQuery[]; start: Date; end: Date; maxDatapoints?: number; ascending?: boolean },
): Promise<{ pages: number; results: Map<string, { timestamps: Date[]; values: number[] }> }> {
  const results = new Map<string, { timestamps: Date[]; values: number[] }>();
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page: GetMetricDataCommandOutput = await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: input.queries,
        StartTime: input.start,
        EndTime: input.end,
        NextToken: nextToken,
        ...(input.maxDatapoints ? { MaxDatapoints: input.maxDatapoints } : {}),
        ...(input.ascending ? { ScanBy: "TimestampAscending" as const } : {}),
      }),
    );
    pages++;
    for (const result of page.MetricDataResults ?? []) {
      const entry = results.get(result.Id ?? "") ?? { timestamps: [], values: [] };
      entry.timestamps.push(...(result.Timestamps ?? []));
      entry.values.push(...(result.Values ?? []));
      results.set(result.Id ?? "", entry);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return { pages, results };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function lambdaQuery(
  id: string,
  functionName: string,
  metric: string,
  stat: string,
  period: number,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: "AWS/Lambda",
        MetricName: metric,
        Dimensions: [{ Name: "FunctionName", Value: functionName }],
      },
      Period: period,
      Stat: stat,
    },
  };
}

// ---- moto ------------------------------------------------------------------------------------

const motoReason = motoSkipReason();
if (motoReason) console.warn(`test/aws/harness.test.ts: moto tests skipped — ${motoReason}`);

describe.skipIf(motoReason !== null)(`moto harness${motoReason ? ` — skipped: ${motoReason}` : ""}`, () => {
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });

  it("listens on a free loopback port and resets", async () => {
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    const response = await fetch(`${moto.endpoint}/moto-api/`);
    expect(response.ok).toBe(true);
    await response.arrayBuffer();
    await moto.reset();
  });

  it("seeds a fleet that ListFunctions, ECS and GetMetricData read back", async () => {
    await moto.reset();
    const fleet = await seedMotoFleet(moto.endpoint, { days: 3 });
    const config = motoClientConfig(moto.endpoint);
    expect(fleet.accountId).toBe(MOTO_ACCOUNT_ID);

    const lambda = new LambdaClient(config);
    const functions = await allFunctions(lambda);
    expect(functions.map((fn) => fn.FunctionName).sort()).toEqual(
      fleet.functions.map((fn) => fn.name).sort(),
    );
    for (const seeded of fleet.functions) {
      const listed = functions.find((fn) => fn.FunctionName === seeded.name);
      expect(listed?.MemorySize).toBe(seeded.memoryMb);
      expect(listed?.Architectures).toEqual([seeded.architecture]);
      const tags = await lambda.send(new ListTagsCommand({ Resource: seeded.arn }));
      expect(tags.Tags).toEqual(seeded.tags);
    }
    expect(new Set(fleet.functions.map((fn) => fn.memoryMb))).toEqual(new Set([128, 512, 1024, 1769, 3008]));
    expect(fleet.functions.find((fn) => fn.alias)?.alias?.name).toBe("live");

    const cloudwatch = new CloudWatchClient(config);
    const { start, end } = fleet.window;
    const windowSeconds = (end.getTime() - start.getTime()) / 1000;
    const active = fleet.functions.filter((fn) => !fn.idle);
    const queries = active.flatMap((fn, i) => [
      lambdaQuery(`inv${i}`, fn.name, "Invocations", "Sum", 3600),
      lambdaQuery(`day${i}`, fn.name, "Invocations", "Sum", 86400),
      lambdaQuery(`err${i}`, fn.name, "Errors", "Sum", windowSeconds),
      lambdaQuery(`dur${i}`, fn.name, "Duration", "Average", windowSeconds),
      lambdaQuery(`max${i}`, fn.name, "Duration", "Maximum", windowSeconds),
      lambdaQuery(`conc${i}`, fn.name, "ConcurrentExecutions", "Maximum", windowSeconds),
    ]);
    const { results } = await getMetricData(cloudwatch, { queries, start, end });
    for (const [i, fn] of active.entries()) {
      expect(results.get(`inv${i}`)?.values).toHaveLength(fleet.window.hours);
      expect(sum(results.get(`inv${i}`)?.values ?? [])).toBe(fn.totals.invocations);
      expect(sum(results.get(`day${i}`)?.values ?? [])).toBe(fn.totals.invocations);
      expect(results.get(`err${i}`)?.values).toEqual([fn.totals.errors]);
      expect(results.get(`dur${i}`)?.values[0]).toBeCloseTo(fn.totals.durationAvgMs ?? NaN, 9);
      expect(results.get(`max${i}`)?.values).toEqual([fn.totals.durationMaxMs]);
      expect(results.get(`conc${i}`)?.values).toEqual([fn.totals.concurrentExecutionsMax]);
    }
    const idle = fleet.functions.find((fn) => fn.idle)!;
    const idleData = await getMetricData(cloudwatch, {
      queries: [lambdaQuery("idle", idle.name, "Invocations", "Sum", 3600)],
      start,
      end,
    });
    expect(idleData.results.get("idle")?.values).toEqual([]);

    const ecs = new ECSClient(config);
    const clusters = await ecs.send(new ListClustersCommand({}));
    expect(clusters.clusterArns).toEqual([fleet.cluster.arn]);
    const described = await ecs.send(
      new DescribeServicesCommand({
        cluster: fleet.cluster.name,
        services: fleet.services.map((s) => s.serviceName),
        include: ["TAGS"],
      }),
    );
    for (const seeded of fleet.services) {
      const service = described.services?.find((s) => s.serviceName === seeded.serviceName);
      expect(service?.launchType).toBe("FARGATE");
      expect(service?.desiredCount).toBe(seeded.desiredCount);
      expect(Object.fromEntries((service?.tags ?? []).map((t) => [t.key, t.value]))).toEqual(seeded.tags);
      const td = await ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: seeded.taskDefinitionArn }),
      );
      expect(td.taskDefinition?.cpu).toBe("512");
      expect(td.taskDefinition?.memory).toBe("1024");
      expect(td.taskDefinition?.runtimePlatform?.cpuArchitecture).toBe(seeded.cpuArchitecture);
    }
    const ecsData = await getMetricData(cloudwatch, {
      queries: fleet.services.map((s, i) => ({
        Id: `cpu${i}`,
        MetricStat: {
          Metric: {
            Namespace: "AWS/ECS",
            MetricName: "CPUUtilization",
            // Order matters to moto: [ClusterName, ServiceName] as seeded.
            Dimensions: [
              { Name: "ClusterName", Value: s.clusterName },
              { Name: "ServiceName", Value: s.serviceName },
            ],
          },
          Period: windowSeconds,
          Stat: "Average",
        },
      })),
      start,
      end,
    });
    for (const [i, s] of fleet.services.entries())
      expect(ecsData.results.get(`cpu${i}`)?.values[0]).toBeCloseTo(s.totals.cpuAvg, 9);

    await seedDeleteFunction(moto.endpoint, fleet.functions[1]!.name);
    const after = await allFunctions(lambda);
    expect(after.map((fn) => fn.FunctionName)).not.toContain(fleet.functions[1]!.name);
    expect(after).toHaveLength(fleet.functions.length - 1);
  });

  it("reads the endpoint and keys from the environment (awsTestEnv)", async () => {
    const restore = applyAwsTestEnv(moto.endpoint);
    try {
      const identity = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe(MOTO_ACCOUNT_ID);
    } finally {
      restore();
    }
  });

  it("assumes a role with ExternalId and sees the assumed identity; CE results can be queued", async () => {
    const sts = new STSClient(motoClientConfig(moto.endpoint));
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::210987654321:role/breakeven-read",
        RoleSessionName: "sync",
        ExternalId: "ext-123",
      }),
    );
    const credentials = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
    const identity = await new STSClient(motoClientConfig(moto.endpoint, { credentials })).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Account).toBe("210987654321");
    expect(identity.Arn).toBe("arn:aws:sts::210987654321:assumed-role/breakeven-read/sync");
    await queueCostExplorerResults(moto.endpoint, [
      {
        ResultsByTime: [
          {
            TimePeriod: { Start: "2025-01-01", End: "2025-01-02" },
            Total: { UnblendedCost: { Amount: "1.25", Unit: "USD" } },
            Groups: [],
            Estimated: false,
          },
        ],
        DimensionValueAttributes: [],
      },
    ]);
  });

  it("still lacks what seed-moto.ts documents (update the notes when this fails)", async () => {
    const config = motoClientConfig(moto.endpoint);
    await moto.reset();
    const fleet = await seedMotoFleet(moto.endpoint, { days: 1 });
    const withAlias = fleet.functions.find((fn) => fn.alias)!;
    expect(withAlias.provisionedConcurrency).toBeNull();
    await expect(
      new LambdaClient(config).send(
        new ListProvisionedConcurrencyConfigsCommand({ FunctionName: withAlias.name }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    await expect(
      new CloudWatchClient(config).send(
        new GetMetricDataCommand({
          MetricDataQueries: [lambdaQuery("p", fleet.functions[0]!.name, "Duration", "p99", 3600)],
          StartTime: fleet.window.start,
          EndTime: fleet.window.end,
        }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 500 } });
    const page = await new LambdaClient(config).send(new ListFunctionsCommand({ MaxItems: 1 }));
    expect(page.Functions).toHaveLength(fleet.functions.length);
    expect(page.NextMarker).toBeUndefined();
  });
});

// ---- the fake --------------------------------------------------------------------------------

const NOW = new Date("2025-06-15T12:34:56Z");
const FLEET: FakeAwsOptions = {
  fleet: { functions: 120, services: 60, seed: 7, pcEvery: 10 },
  now: NOW,
  requiredExternalId: "ext-123",
};
const creds = { accessKeyId: "testing", secretAccessKey: "testing" };

describe("fake AWS", () => {
  let fake: FakeAwsHandle;
  const config = () => ({ endpoint: fake.endpoint, region: "us-east-1", credentials: creds, maxAttempts: 1 });

  beforeAll(async () => {
    fake = await startFakeAws(FLEET);
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it("is deterministic and exposes its expectations", () => {
    const a = fakeFleetExpectations(FLEET);
    const b = fakeFleetExpectations(FLEET);
    expect(a.functions()).toEqual(b.functions());
    expect(a.services()).toEqual(b.services());
    const other = fakeFleetExpectations({ ...FLEET, fleet: { ...FLEET.fleet, seed: 8 } });
    expect(other.functions().map((fn) => fn.memoryMb)).not.toEqual(a.functions().map((fn) => fn.memoryMb));
    expect(a.functions().filter((fn) => fn.provisionedConcurrency)).toHaveLength(12);
    expect(a.functions().some((fn) => fn.idle)).toBe(true);
    const fn = a.function(3);
    const end = new Date(a.nowHour * HOUR_MS);
    const start = new Date(end.getTime() - 24 * HOUR_MS);
    expect(a.invocations(fn.name, start, end)).toBe(fn.idle ? 0 : fn.baseInvocationsPerHour * 63);
  });

  it("answers STS GetCallerIdentity and AssumeRole (ExternalId checked) as awsQuery XML", async () => {
    const sts = new STSClient(config());
    expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: "111122223333" });
    await expect(
      sts.send(
        new AssumeRoleCommand({ RoleArn: "arn:aws:iam::444455556666:role/read", RoleSessionName: "s" }),
      ),
    ).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::444455556666:role/read",
        RoleSessionName: "s",
        ExternalId: "ext-123",
      }),
    );
    expect(assumed.Credentials?.Expiration).toBeInstanceOf(Date);
    const asRole = new STSClient({
      ...config(),
      credentials: {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      },
    });
    expect(await asRole.send(new GetCallerIdentityCommand({}))).toMatchObject({
      Account: "444455556666",
      Arn: "arn:aws:sts::444455556666:assumed-role/read/s",
    });
    expect(fake.assumeRoleRequests.at(-1)).toEqual({
      roleArn: "arn:aws:iam::444455556666:role/read",
      roleSessionName: "s",
      externalId: "ext-123",
    });
  });

  it("pages Lambda ListFunctions and answers ListTags and ListProvisionedConcurrencyConfigs", async () => {
    const lambda = new LambdaClient(config());
    const before = fake.calls["lambda:ListFunctions"] ?? 0;
    const functions = await allFunctions(lambda);
    expect(fake.calls["lambda:ListFunctions"]! - before).toBe(3);
    const expected = fake.fleet.functions();
    expect(functions.map((fn) => [fn.FunctionName, fn.MemorySize, fn.Architectures?.[0]])).toEqual(
      expected.map((fn) => [fn.name, fn.memoryMb, fn.architecture]),
    );
    expect(new Set(expected.map((fn) => fn.memoryMb)).size).toBeGreaterThanOrEqual(5);
    for (const fn of expected.slice(0, 15)) {
      expect((await lambda.send(new ListTagsCommand({ Resource: fn.arn }))).Tags).toEqual(fn.tags);
      const pc = await lambda.send(new ListProvisionedConcurrencyConfigsCommand({ FunctionName: fn.name }));
      expect(
        pc.ProvisionedConcurrencyConfigs?.map((c) => [
          c.FunctionArn,
          c.RequestedProvisionedConcurrentExecutions,
        ]),
      ).toEqual(fn.provisionedConcurrency ? [[`${fn.arn}:live`, fn.provisionedConcurrency.requested]] : []);
    }
    await expect(
      lambda.send(new ListTagsCommand({ Resource: "arn:aws:lambda:us-east-1:111122223333:function:nope" })),
    ).rejects.toMatchObject({
      name: "ResourceNotFoundException",
    });
  });

  it("pages ECS clusters and services and describes services (TAGS) and task definitions", async () => {
    const ecs = new ECSClient(config());
    const clusterArns: string[] = [];
    for await (const page of paginateListClusters({ client: ecs }, { maxResults: 2 }))
      clusterArns.push(...(page.clusterArns ?? []));
    expect(clusterArns).toHaveLength(3);
    let described = 0;
    for (const cluster of clusterArns) {
      const serviceArns: string[] = [];
      for await (const page of paginateListServices({ client: ecs }, { cluster }))
        serviceArns.push(...(page.serviceArns ?? []));
      for (let i = 0; i < serviceArns.length; i += 10) {
        const out = await ecs.send(
          new DescribeServicesCommand({ cluster, services: serviceArns.slice(i, i + 10), include: ["TAGS"] }),
        );
        expect(out.failures).toEqual([]);
        for (const service of out.services ?? []) {
          const model = fake.fleet.services().find((s) => s.serviceArn === service.serviceArn)!;
          expect(Object.fromEntries((service.tags ?? []).map((t) => [t.key, t.value]))).toEqual(model.tags);
          expect(service.launchType ?? null).toBe(model.launchType);
          expect(service.capacityProviderStrategy ?? null).toEqual(model.capacityProviderStrategy);
          expect(service.createdAt).toBeInstanceOf(Date);
          described++;
        }
      }
    }
    expect(described).toBe(60);
    expect(fake.calls["ecs:ListServices"]).toBe(7); // 25 + 25 + 10 services, 10 per page: 3 + 3 + 1
    const model = fake.fleet.service(7);
    const td = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: model.taskDefinitionArn, include: ["TAGS"] }),
    );
    expect(td.taskDefinition).toMatchObject({
      cpu: String(model.cpu),
      memory: String(model.memoryMb),
      runtimePlatform: { cpuArchitecture: model.cpuArchitecture, operatingSystemFamily: "LINUX" },
    });
    const missing = await ecs.send(
      new DescribeServicesCommand({ cluster: clusterArns[0], services: ["nope"] }),
    );
    expect(missing.failures?.[0]?.reason).toBe("MISSING");
  });

  it("answers GetMetricData from the model and pages by MaxDatapoints (100,800 by default)", async () => {
    const cloudwatch = new CloudWatchClient(config());
    const end = new Date(fake.fleet.nowHour * HOUR_MS);
    const start = new Date(end.getTime() - 14 * 24 * HOUR_MS);
    const fns = fake.fleet.functions();
    // 500 queries × 336 hourly buckets (minus idle functions) > 100,800 datapoints: two pages.
    const queries = Array.from({ length: 500 }, (_, q) => {
      const fn = fns[q % fns.length]!;
      const metric = ["Invocations", "Errors", "Throttles", "ConcurrentExecutions"][
        Math.floor(q / fns.length) % 4
      ]!;
      return lambdaQuery(
        `q${q}`,
        fn.name,
        metric,
        metric === "ConcurrentExecutions" ? "Maximum" : "Sum",
        3600,
      );
    });
    const before = fake.calls["cloudwatch:GetMetricData"] ?? 0;
    const { pages, results } = await getMetricData(cloudwatch, { queries, start, end });
    expect(pages).toBe(2);
    expect(fake.calls["cloudwatch:GetMetricData"]! - before).toBe(2);
    for (const [q, fn] of fns.entries()) {
      const invocations = results.get(`q${q}`)!;
      expect(sum(invocations.values)).toBe(fake.fleet.invocations(fn.name, start, end));
      expect(invocations.values).toHaveLength(fn.idle ? 0 : 336);
      if (!fn.idle) expect(invocations.timestamps[0]!.getTime()).toBe(end.getTime() - HOUR_MS); // descending
    }

    const small = await getMetricData(cloudwatch, {
      queries: queries.slice(0, 3),
      start,
      end,
      maxDatapoints: 100,
      ascending: true,
    });
    expect(small.pages).toBe(Math.ceil((336 * [0, 1, 2].filter((i) => !fns[i]!.idle).length) / 100));
    const first = fns.findIndex((fn) => !fn.idle);
    expect(small.results.get(`q${first}`)?.timestamps[0]?.getTime()).toBe(start.getTime());

    const active = fns.find((fn) => !fn.idle)!;
    const stats = ["Average", "Maximum", "p50", "p95", "p99"];
    const daily = await getMetricData(cloudwatch, {
      queries: stats.map((stat, i) => lambdaQuery(`s${i}`, active.name, "Duration", stat, 86400)),
      start,
      end,
    });
    for (const [i, stat] of stats.entries()) {
      const expected = fake.fleet.metricData(
        {
          namespace: "AWS/Lambda",
          metricName: "Duration",
          dimensions: [{ Name: "FunctionName", Value: active.name }],
          period: 86400,
          stat,
        },
        start,
        end,
      );
      expect(daily.results.get(`s${i}`)?.values).toEqual([...expected.values].reverse());
      expect(expected.values).toHaveLength(14);
    }
    const p = (i: number) => daily.results.get(`s${i}`)!.values[0]!;
    expect(p(2)).toBeLessThan(p(3));
    expect(p(3)).toBeLessThan(p(4));

    const window = (end.getTime() - start.getTime()) / 1000;
    const avg = await getMetricData(cloudwatch, {
      queries: [lambdaQuery("avg", active.name, "Duration", "Average", window)],
      start,
      end,
    });
    expect(avg.results.get("avg")?.values[0]).toBeCloseTo(
      fake.fleet.durationAverage(active.name, start, end)!,
      9,
    );

    const service = fake.fleet.services().find((s) => !s.idle)!;
    const ecsData = await getMetricData(cloudwatch, {
      queries: [
        {
          Id: "cpu",
          MetricStat: {
            Metric: {
              Namespace: "AWS/ECS",
              MetricName: "CPUUtilization",
              Dimensions: [
                { Name: "ServiceName", Value: service.serviceName },
                { Name: "ClusterName", Value: service.clusterName },
              ],
            },
            Period: 3600,
            Stat: "Average",
          },
        },
      ],
      start,
      end,
    });
    expect(ecsData.results.get("cpu")?.values).toHaveLength(336);

    await expect(
      cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: [...queries, lambdaQuery("q500", fns[0]!.name, "Invocations", "Sum", 60)],
          StartTime: start,
          EndTime: end,
        }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });

  it("answers Logs DescribeLogGroups and Insights queries (Running, then Complete)", async () => {
    const logs = new CloudWatchLogsClient(config());
    const groups: string[] = [];
    for await (const page of paginateDescribeLogGroups(
      { client: logs },
      { logGroupNamePrefix: "/aws/lambda/" },
    ))
      groups.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    expect(groups).toEqual(fake.fleet.functions().map((fn) => fn.logGroupName));
    expect(
      (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/nope" }))).logGroups,
    ).toEqual([]);

    const end = Math.floor(fake.fleet.nowHour * 3600);
    const start = end - 7 * 86400;
    const names = groups.slice(0, 10);
    const { queryId } = await logs.send(
      new StartQueryCommand({
        logGroupNames: names,
        startTime: start,
        endTime: end,
        queryString:
          'filter @type = "REPORT" | stats count(*) as invocations, avg(@duration) as avgDurationMs by @log',
      }),
    );
    const running = await logs.send(new GetQueryResultsCommand({ queryId }));
    expect(running.status).toBe("Running");
    const done = await logs.send(new GetQueryResultsCommand({ queryId }));
    expect(done.status).toBe("Complete");
    const rows = (done.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field, f.value])));
    const active = fake.fleet
      .functions()
      .slice(0, 10)
      .filter((fn) => !fn.idle);
    expect(rows.map((row) => row["@log"])).toEqual(active.map((fn) => `111122223333:${fn.logGroupName}`));
    expect(Number(rows[0]?.invocations)).toBe(
      fake.fleet.invocations(active[0]!.name, new Date(start * 1000), new Date(end * 1000)),
    );
    expect(Number(rows[0]?.memorySizeMb)).toBe(active[0]!.memoryMb);
    expect((await logs.send(new StopQueryCommand({ queryId }))).success).toBe(false);
    expect(fake.logsQueries.at(-1)?.logGroupNames).toEqual(names);
  });
});

describe("fake AWS faults, latency and options", () => {
  let fake: FakeAwsHandle;
  const retrying = () => ({
    endpoint: fake.endpoint,
    region: "us-east-1",
    credentials: creds,
    maxAttempts: 3,
    retryMode: "standard",
  });

  beforeAll(async () => {
    fake = await startFakeAws({
      fleet: { functions: 60, services: 12, seed: 3 },
      now: NOW,
      percentiles: false,
    });
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it("throttle twice then OK succeeds through SDK retries; throttle forever fails", async () => {
    fake.setFault("lambda:ListFunctions", { kind: "throttle", times: 2 });
    fake.setFault("ecs:ListClusters", { kind: "throttle", times: 2 });
    fake.setFault("cloudwatch:GetMetricData", { kind: "throttle", times: 2 });
    fake.setFault("logs:DescribeLogGroups", { kind: "throttle", times: "forever" });
    fake.setFault("sts:GetCallerIdentity", { kind: "throttle", times: "forever" });
    const end = new Date(fake.fleet.nowHour * HOUR_MS);
    const [fns, clusters, metrics, logsError, stsError] = await Promise.all([
      new LambdaClient(retrying()).send(new ListFunctionsCommand({})),
      new ECSClient(retrying()).send(new ListClustersCommand({})),
      new CloudWatchClient(retrying()).send(
        new GetMetricDataCommand({
          MetricDataQueries: [lambdaQuery("a", fake.fleet.functionName(1), "Invocations", "Sum", 3600)],
          StartTime: new Date(end.getTime() - 86400_000),
          EndTime: end,
        }),
      ),
      new CloudWatchLogsClient(retrying())
        .send(new DescribeLogGroupsCommand({}))
        .catch((error: unknown) => error),
      new STSClient(retrying()).send(new GetCallerIdentityCommand({})).catch((error: unknown) => error),
    ]);
    expect(fns.Functions).toHaveLength(50);
    expect(clusters.clusterArns).toHaveLength(1);
    expect(metrics.MetricDataResults).toHaveLength(1);
    expect(fake.calls["lambda:ListFunctions"]).toBe(3);
    expect(fake.calls["ecs:ListClusters"]).toBe(3);
    expect(fake.calls["cloudwatch:GetMetricData"]).toBe(3);
    expect(logsError).toMatchObject({ name: "ThrottlingException", $metadata: { attempts: 3 } });
    expect(stsError).toMatchObject({ name: "Throttling", $metadata: { attempts: 3 } });
    expect(fake.calls["logs:DescribeLogGroups"]).toBe(3);
    fake.setFault("logs:DescribeLogGroups", null);
    fake.setFault("sts:GetCallerIdentity", null);

    fake.setFault("lambda:ListTags", { kind: "throttle", times: "forever" });
    fake.setFault("cloudwatch:GetMetricData", { kind: "throttle", times: "forever" });
    const lambdaError = await new LambdaClient({ ...retrying(), maxAttempts: 1 })
      .send(new ListTagsCommand({ Resource: fake.fleet.function(0).arn }))
      .catch((error: unknown) => error);
    expect(lambdaError).toMatchObject({
      name: "TooManyRequestsException",
      $metadata: { httpStatusCode: 429 },
    });
    const cwError = await new CloudWatchClient({ ...retrying(), maxAttempts: 1 })
      .send(
        new GetMetricDataCommand({
          MetricDataQueries: [lambdaQuery("a", fake.fleet.functionName(1), "Invocations", "Sum", 3600)],
          StartTime: new Date(end.getTime() - 86400_000),
          EndTime: end,
        }),
      )
      .catch((error: unknown) => error);
    expect(cwError).toMatchObject({ $metadata: { httpStatusCode: 400 } });
    // CloudWatch is query-compatible: the SDK names errors by their awsQuery code (x-amzn-query-error).
    expect((cwError as Error).name).toBe("Throttling");
    fake.setFault("lambda:ListTags", null);
    fake.setFault("cloudwatch:GetMetricData", null);
  });

  it("5xx twice then OK succeeds; access-denied is AccessDeniedException", async () => {
    fake.setFault("ecs:*", { kind: "5xx", times: 2 });
    const before = fake.calls["ecs:ListClusters"] ?? 0;
    await new ECSClient(retrying()).send(new ListClustersCommand({}));
    expect(fake.calls["ecs:ListClusters"]! - before).toBe(3);

    fake.setFault("*", { kind: "access-denied" });
    const errors = await Promise.all([
      new LambdaClient(retrying()).send(new ListFunctionsCommand({})).catch((error: unknown) => error),
      new ECSClient(retrying()).send(new ListClustersCommand({})).catch((error: unknown) => error),
      new CloudWatchLogsClient(retrying())
        .send(new DescribeLogGroupsCommand({}))
        .catch((error: unknown) => error),
      new CloudWatchClient(retrying())
        .send(
          new GetMetricDataCommand({
            MetricDataQueries: [lambdaQuery("a", "x", "Invocations", "Sum", 3600)],
            StartTime: new Date(NOW.getTime() - 86400_000),
            EndTime: NOW,
          }),
        )
        .catch((error: unknown) => error),
      new STSClient(retrying()).send(new GetCallerIdentityCommand({})).catch((error: unknown) => error),
    ]);
    fake.setFault("*", null);
    expect(errors.slice(0, 3).map((e) => (e as Error).name)).toEqual([
      "AccessDeniedException",
      "AccessDeniedException",
      "AccessDeniedException",
    ]);
    expect(errors[3]).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect(errors[4]).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    for (const error of errors)
      expect((error as { $metadata: { attempts: number } }).$metadata.attempts).toBe(1);
  });

  it("a held request is a TimeoutError with a request timeout; one timeout then OK succeeds", async () => {
    fake.setFault("lambda:ListFunctions", { kind: "timeout", times: "forever" });
    const started = Date.now();
    const error = await new LambdaClient({
      ...retrying(),
      maxAttempts: 1,
      requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true },
    })
      .send(new ListFunctionsCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(5_000);

    fake.setFault("lambda:ListFunctions", { kind: "timeout", times: 1 });
    const ok = await new LambdaClient({
      ...retrying(),
      requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true },
    }).send(new ListFunctionsCommand({}));
    expect(ok.Functions).toHaveLength(50);
  });

  it("percentiles: false answers no percentile datapoints", async () => {
    const end = new Date(fake.fleet.nowHour * HOUR_MS);
    const fn = fake.fleet.functions().find((f) => !f.idle)!;
    const out = await new CloudWatchClient(retrying()).send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          lambdaQuery("p", fn.name, "Duration", "p99", 3600),
          lambdaQuery("a", fn.name, "Duration", "Average", 3600),
        ],
        StartTime: new Date(end.getTime() - 86400_000),
        EndTime: end,
      }),
    );
    expect(out.MetricDataResults?.map((r) => r.Values?.length)).toEqual([0, 24]);
  });

  it("delays every answer by latencyMs", async () => {
    const slow = await startFakeAws({ fleet: { functions: 1, services: 0 }, latencyMs: 50 });
    try {
      const sts = new STSClient({ endpoint: slow.endpoint, region: "us-east-1", credentials: creds });
      const started = performance.now();
      await sts.send(new GetCallerIdentityCommand({}));
      await sts.send(new GetCallerIdentityCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(100);
      expect(slow.calls["sts:GetCallerIdentity"]).toBe(2);
    } finally {
      await slow.stop();
    }
  });
});
