import { describe, expect, it } from "vitest";
import type { LambdaFunctionInfo } from "@/lib/aws/map-lambda";
import type { MetricSeries } from "@/lib/aws/map-cloudwatch";
import type { StoredFunction } from "@/lib/db/import/sync-state";
import { DailyLambdaFigures, configAt, mergeMetricSeries, toLambdaRows, toTagsJson } from "./to-rows";

const NOW = new Date("2026-11-30T12:00:00.000Z");
const DAY_MS = 86_400_000;
const ARN = "arn:aws:lambda:us-east-1:123456789012:function:api";

const info = (overrides: Partial<LambdaFunctionInfo> = {}): LambdaFunctionInfo => ({
  arn: ARN,
  accountId: "123456789012",
  region: "us-east-1",
  name: "api",
  runtime: "nodejs20.x",
  architecture: "x86_64",
  memoryMb: 512,
  timeoutSeconds: 30,
  ephemeralStorageMb: 512,
  packageType: "Zip",
  snapStart: false,
  tags: { team: "web", app: "shop" },
  provisionedConcurrency: [],
  ...overrides,
});

let ids = 0;
const newId = () => `id-${(ids += 1)}`;

describe("toLambdaRows", () => {
  it("gives a new function an id, first-seen time and a first history row", () => {
    const rows = toLambdaRows(info(), undefined, { now: NOW, newId });
    expect(rows.function).toMatchObject({
      arn: ARN,
      firstSeenAt: NOW,
      lastSeenAt: NOW,
      deletedAt: null,
      isDemo: false,
    });
    expect(rows.function.tagsJson).toBe('{"app":"shop","team":"web"}');
    expect(rows.configChange).toMatchObject({
      functionId: rows.function.id,
      memoryMb: 512,
      effectiveAt: NOW,
    });
    expect(rows.provisionedConcurrency).toEqual([]);
  });

  it("keeps the stored id and first-seen time, writes history only when memory, architecture or timeout change", () => {
    const stored: StoredFunction = {
      id: "kept",
      arn: ARN,
      tagsJson: "{}",
      firstSeenAt: new Date("2026-01-01T00:00:00.000Z"),
      deletedAt: new Date("2026-11-01T00:00:00.000Z"),
      configs: [
        {
          effectiveAt: new Date("2026-01-01T00:00:00.000Z"),
          memoryMb: 512,
          architecture: "x86_64",
          timeoutSeconds: 30,
        },
      ],
    };
    const same = toLambdaRows(info(), stored, { now: NOW, newId });
    expect(same.function.id).toBe("kept");
    expect(same.function.firstSeenAt).toEqual(stored.firstSeenAt);
    expect(same.function.deletedAt).toBeNull(); // it came back
    expect(same.configChange).toBeNull();
    const arm = toLambdaRows(info({ architecture: "arm64" }), stored, { now: NOW, newId });
    expect(arm.configChange).toMatchObject({ functionId: "kept", architecture: "arm64", memoryMb: 512 });
  });

  it("keeps stored tags and provisioned concurrency when they could not be read (null)", () => {
    const stored: StoredFunction = {
      id: "kept",
      arn: ARN,
      tagsJson: '{"team":"old"}',
      firstSeenAt: NOW,
      deletedAt: null,
      configs: [],
    };
    const rows = toLambdaRows(info({ tags: null, provisionedConcurrency: null }), stored, {
      now: NOW,
      newId,
    });
    expect(rows.function.tagsJson).toBe('{"team":"old"}');
    expect(rows.provisionedConcurrency).toBeNull();
  });

  it("maps provisioned-concurrency configs to rows keyed by function and qualifier", () => {
    const rows = toLambdaRows(
      info({
        provisionedConcurrency: [
          { qualifier: "live", requestedCount: 5, allocatedCount: 5, status: "READY" },
        ],
      }),
      undefined,
      { now: NOW, newId },
    );
    expect(rows.provisionedConcurrency).toEqual([
      expect.objectContaining({
        qualifier: "live",
        requestedCount: 5,
        allocatedCount: 5,
        activeHoursPerDay: 24,
      }),
    ]);
  });

  it("writes tags in key order so unchanged tags never rewrite a row", () => {
    expect(toTagsJson({ b: "2", a: "1" })).toBe(toTagsJson({ a: "1", b: "2" }));
    expect(toTagsJson(null)).toBe("{}");
  });
});

const series = (overrides: Partial<MetricSeries>): MetricSeries => ({
  resourceArn: ARN,
  resourceType: "lambda",
  metric: "Invocations",
  stat: "Sum",
  granularity: "day",
  unit: "Count",
  timestampsMs: [],
  values: [],
  ...overrides,
});

describe("mergeMetricSeries", () => {
  it("adds sums and takes the larger maximum across aliases, drops empty series", () => {
    const merged = mergeMetricSeries([
      series({ metric: "ProvisionedConcurrencyInvocations", timestampsMs: [2, 1], values: [20, 10] }),
      series({ metric: "ProvisionedConcurrencyInvocations", timestampsMs: [1], values: [5] }),
      series({
        metric: "ProvisionedConcurrencyUtilization",
        stat: "Maximum",
        timestampsMs: [1],
        values: [0.2],
      }),
      series({
        metric: "ProvisionedConcurrencyUtilization",
        stat: "Maximum",
        timestampsMs: [1],
        values: [0.7],
      }),
      series({ metric: "Errors" }),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ timestampsMs: [1, 2], values: [15, 20] });
    expect(merged[1]).toMatchObject({ values: [0.7] });
  });
});

describe("metric-based memory observations", () => {
  const day = (n: number) => Date.UTC(2026, 10, n);
  const configs = [
    { effectiveAt: new Date(day(1)), memoryMb: 512, architecture: "x86_64", timeoutSeconds: 30 },
    { effectiveAt: new Date(day(10) + 3_600_000), memoryMb: 1024, architecture: "arm64", timeoutSeconds: 30 },
  ];

  it("uses the configuration in effect at the end of each day", () => {
    expect(configAt(configs, day(5))?.memoryMb).toBe(512);
    expect(configAt(configs, day(10) + DAY_MS - 1)?.memoryMb).toBe(1024);
    expect(configAt(configs, day(0))?.memoryMb).toBe(512); // before the first: the first known
  });

  it("writes one observation per day with invocations and an average duration; unknown stays null", () => {
    const figures = new DailyLambdaFigures();
    figures.add(
      mergeMetricSeries([
        series({ timestampsMs: [day(9), day(10), day(11)], values: [100, 0, 40] }),
        series({
          metric: "Duration",
          stat: "Average",
          unit: "Milliseconds",
          timestampsMs: [day(9), day(11)],
          values: [120, 60],
        }),
        series({
          metric: "Duration",
          stat: "p95",
          unit: "Milliseconds",
          timestampsMs: [day(9)],
          values: [300],
        }),
        series({
          metric: "Duration",
          stat: "Average",
          granularity: "hour",
          timestampsMs: [day(9)],
          values: [999],
        }),
      ]),
    );
    const rows = figures.toObservations(new Map([[ARN, configs]]));
    expect(rows).toEqual([
      expect.objectContaining({
        observedOn: new Date(day(9)),
        memoryMb: 512,
        invocations: 100,
        durationAvgMs: 120,
        durationP95Ms: 300,
        durationP50Ms: null,
        maxMemoryUsedMb: null,
        source: "metrics",
      }),
      expect.objectContaining({
        observedOn: new Date(day(11)),
        memoryMb: 1024,
        architecture: "arm64",
        invocations: 40,
        durationAvgMs: 60,
        durationP95Ms: null,
      }),
    ]);
  });
});
