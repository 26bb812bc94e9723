import type { MetricDataResult } from "@aws-sdk/client-cloudwatch";
import { describe, expect, it } from "vitest";
import pages from "./__fixtures__/cloudwatch-get-metric-data-pages.json";
import type { MetricRequest } from "./map-cloudwatch";
import {
  GRANULARITY_PERIOD_SECONDS,
  fargateMetricRequests,
  findFailedMetricQueries,
  isPercentileBatch,
  isPercentileStat,
  lambdaMetricRequests,
  mapMetricDataResults,
  packMetricQueries,
  queriesPerCallForWindow,
} from "./map-cloudwatch";

/** The SDK deserialises Timestamps to Date objects; JSON holds ISO strings. */
const results = (page: (typeof pages)[number]): MetricDataResult[] =>
  page.MetricDataResults.map((result) => ({
    ...result,
    Timestamps: result.Timestamps.map((timestamp) => new Date(timestamp)),
  })) as MetricDataResult[];

const FN = { arn: "arn:aws:lambda:us-east-1:123456789012:function:api", name: "api" };
const keyOf = (request: MetricRequest) =>
  `${request.namespace} ${request.metricName} ${request.stat} ${request.unit}`;

describe("metric requests (names, stats and units as the demo stores them)", () => {
  it("a function without provisioned concurrency: 5 basic + 3 percentile requests on FunctionName", () => {
    const requests = lambdaMetricRequests({ ...FN, provisionedQualifiers: [] });
    expect(requests.map(keyOf)).toEqual([
      "AWS/Lambda Invocations Sum Count",
      "AWS/Lambda Duration Average Milliseconds",
      "AWS/Lambda Errors Sum Count",
      "AWS/Lambda Throttles Sum Count",
      "AWS/Lambda ConcurrentExecutions Maximum Count",
      "AWS/Lambda Duration p50 Milliseconds",
      "AWS/Lambda Duration p95 Milliseconds",
      "AWS/Lambda Duration p99 Milliseconds",
    ]);
    expect(
      requests.every((request) => request.resourceArn === FN.arn && request.resourceType === "lambda"),
    ).toBe(true);
    expect(requests[0]?.dimensions).toEqual([{ name: "FunctionName", value: "api" }]);
  });

  it("three provisioned-concurrency requests per qualifier, on FunctionName + Resource, stored under the unqualified ARN", () => {
    const requests = lambdaMetricRequests({ ...FN, provisionedQualifiers: ["prod", "7"] });
    const provisioned = requests.slice(8);
    expect(provisioned.map((request) => [keyOf(request), request.dimensions[1]?.value])).toEqual([
      ["AWS/Lambda ProvisionedConcurrencyUtilization Maximum None", "api:prod"],
      ["AWS/Lambda ProvisionedConcurrencyInvocations Sum Count", "api:prod"],
      ["AWS/Lambda ProvisionedConcurrencySpilloverInvocations Sum Count", "api:prod"],
      ["AWS/Lambda ProvisionedConcurrencyUtilization Maximum None", "api:7"],
      ["AWS/Lambda ProvisionedConcurrencyInvocations Sum Count", "api:7"],
      ["AWS/Lambda ProvisionedConcurrencySpilloverInvocations Sum Count", "api:7"],
    ]);
    expect(provisioned.every((request) => request.resourceArn === FN.arn)).toBe(true);
  });

  it("a Fargate service: AWS/ECS CPU Average and Maximum, memory Average, Container Insights running tasks", () => {
    const requests = fargateMetricRequests({ arn: "arn:svc", clusterName: "prod", name: "checkout" });
    expect(requests.map(keyOf)).toEqual([
      "AWS/ECS CPUUtilization Average Percent",
      "AWS/ECS CPUUtilization Maximum Percent",
      "AWS/ECS MemoryUtilization Average Percent",
      "ECS/ContainerInsights RunningTaskCount Average Count",
    ]);
    expect(requests[0]?.dimensions).toEqual([
      { name: "ClusterName", value: "prod" },
      { name: "ServiceName", value: "checkout" },
    ]);
  });

  it("isPercentileStat", () => {
    for (const stat of ["p50", "p95", "p99", "p99.9", "tm90", "wm99"])
      expect(isPercentileStat(stat)).toBe(true);
    for (const stat of ["Sum", "Average", "Maximum", "Minimum", "SampleCount"])
      expect(isPercentileStat(stat)).toBe(false);
  });
});

describe("packMetricQueries", () => {
  const fleet = (functions: number) =>
    Array.from({ length: functions }, (_, index) =>
      lambdaMetricRequests({ arn: `arn:fn-${index}`, name: `fn-${index}`, provisionedQualifiers: [] }),
    ).flat();

  it("1,000 functions: 5,000 basic queries in ceil(5000/500) = 10 calls, 3,000 percentiles in 6 calls of their own", () => {
    const batches = packMetricQueries(fleet(1000), 3600);
    expect(batches).toHaveLength(10 + 6);
    expect(batches.every((batch) => batch.queries.length <= 500)).toBe(true);
    expect(batches.slice(0, 10).every((batch) => !isPercentileBatch(batch))).toBe(true);
    expect(batches.slice(10).every((batch) => isPercentileBatch(batch))).toBe(true);
    for (const batch of batches) {
      const stats = batch.queries.map((query) => isPercentileStat(query.MetricStat?.Stat ?? ""));
      expect(new Set(stats).size).toBe(1); // never mixed
    }
    expect(batches.reduce((total, batch) => total + batch.queries.length, 0)).toBe(8000);
  });

  it("uses ids m0…m499 (valid CloudWatch ids), Period from the granularity, no Unit filter, ReturnData", () => {
    const [batch] = packMetricQueries(fleet(100), GRANULARITY_PERIOD_SECONDS.day);
    expect(batch?.queries[0]).toEqual({
      Id: "m0",
      MetricStat: {
        Metric: {
          Namespace: "AWS/Lambda",
          MetricName: "Invocations",
          Dimensions: [{ Name: "FunctionName", Value: "fn-0" }],
        },
        Period: 86400,
        Stat: "Sum",
      },
      ReturnData: true,
    });
    expect(batch?.queries.at(-1)?.Id).toBe("m499");
    expect(batch?.queries.every((query) => /^[a-z][a-zA-Z0-9_]*$/.test(query.Id ?? ""))).toBe(true);
    expect(batch?.requestsById.get("m7")?.stat).toBe("Sum");
  });

  it("a smaller maximum per call, and a window-sized maximum that fits one 100,800-point page", () => {
    // 50 basic queries in 7s (7×7 + 1), then 30 percentiles in 7s (4×7 + 2).
    expect(packMetricQueries(fleet(10), 3600, 7).map((batch) => batch.queries.length)).toEqual([
      7, 7, 7, 7, 7, 7, 7, 1, 7, 7, 7, 7, 2,
    ]);
    expect(queriesPerCallForWindow(14 * 86400, 3600)).toBe(300); // 336 hourly points
    expect(queriesPerCallForWindow(90 * 86400, 86400)).toBe(500);
    expect(packMetricQueries([], 3600)).toEqual([]);
  });
});

describe("mapMetricDataResults", () => {
  const requests = lambdaMetricRequests({ ...FN, provisionedQualifiers: [] });
  const [batch] = packMetricQueries(requests, 3600);
  const allResults = [...results(pages[0]!), ...results(pages[1]!)];

  it("merges the pages of one id, sorted ascending; one series per request, empty when no datapoint", () => {
    const series = mapMetricDataResults(allResults, batch!, "hour");
    expect(series).toHaveLength(5);
    expect(series[0]).toEqual({
      resourceArn: FN.arn,
      resourceType: "lambda",
      metric: "Invocations",
      stat: "Sum",
      granularity: "hour",
      unit: "Count",
      timestampsMs: [
        Date.parse("2024-06-01T00:00:00Z"),
        Date.parse("2024-06-01T01:00:00Z"),
        Date.parse("2024-06-01T02:00:00Z"),
        Date.parse("2024-06-01T03:00:00Z"),
      ],
      values: [120, 95, 101, 0],
    });
    expect(series[1]?.values).toEqual([84.25, 79.5, 90]);
    expect(series[2]).toMatchObject({ metric: "Errors", timestampsMs: [], values: [] });
  });

  it("sorts results that arrive newest-first and keeps one point per timestamp", () => {
    const series = mapMetricDataResults(
      [
        { Id: "m0", Timestamps: [new Date(3000), new Date(1000)], Values: [3, 1] },
        { Id: "m0", Timestamps: [new Date(1000)], Values: [1.5] },
        { Id: "unknown", Timestamps: [new Date(1000)], Values: [9] },
      ],
      batch!,
      "day",
    );
    expect(series[0]).toMatchObject({ granularity: "day", timestampsMs: [1000, 3000], values: [1.5, 3] });
  });

  it("finds Forbidden and InternalError queries (PartialData is not a failure)", () => {
    expect(findFailedMetricQueries(allResults)).toEqual([
      { id: "m3", statusCode: "Forbidden", message: "Forbidden: Access to the metric is denied" },
    ]);
  });
});
