import type { ResultField } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import queryResults from "./__fixtures__/logs-get-query-results.json";
import {
  REPORT_QUERY,
  chunkLogGroups,
  functionNameFromLogGroup,
  mapReportQueryResults,
  toMegabytesFactor,
} from "./map-logs";

const rows = queryResults.results as ResultField[][];

describe("REPORT_QUERY", () => {
  it("reads REPORT lines with the discovered Lambda fields, per log group, day and memory size", () => {
    expect(REPORT_QUERY).toMatch(/^filter @type = "REPORT"/);
    for (const field of ["@duration", "@billedDuration", "@maxMemoryUsed", "@initDuration", "@memorySize"]) {
      expect(REPORT_QUERY).toContain(field);
    }
    expect(REPORT_QUERY).toContain("pct(@billedDuration, 95)");
    expect(REPORT_QUERY).toMatch(/by @log, bin\(1d\), @memorySize$/);
  });
});

describe("mapReportQueryResults", () => {
  const observations = mapReportQueryResults(rows);

  it("maps rows to observations; bytes → MB with the factor that makes memory whole (1,000,000 here)", () => {
    expect(observations[1]).toEqual({
      functionName: "orders-api",
      day: new Date("2024-06-01T00:00:00Z"),
      memoryMb: 1024,
      invocations: 15230,
      durationAvgMs: 84.61,
      durationP50Ms: 72,
      durationP95Ms: 190,
      durationP99Ms: 412,
      maxMemoryUsedMb: 311,
      initDurationAvgMs: 402.3,
      coldStarts: 37,
    });
  });

  it("a day without cold starts: INIT average unknown (null), cold starts 0", () => {
    expect(observations[2]).toMatchObject({
      functionName: "orders-api",
      day: new Date("2024-06-02T00:00:00Z"),
      memoryMb: 2048,
      initDurationAvgMs: null,
      coldStarts: 0,
    });
  });

  it("binary byte counts (134,217,728 = 128 MiB) map to 128 MB too", () => {
    expect(observations[0]).toMatchObject({
      functionName: "legacy-cron",
      memoryMb: 128,
      maxMemoryUsedMb: 88,
    });
  });

  it("skips rows of a non-Lambda log group or without a day, sorted by function, day, memory", () => {
    expect(observations.map((observation) => observation.functionName)).toEqual([
      "legacy-cron",
      "orders-api",
      "orders-api",
    ]);
    expect(mapReportQueryResults([[{ field: "@log", value: "/aws/lambda/x" }]])).toEqual([]);
  });
});

describe("log group helpers", () => {
  it("chunks of at most 50 (or fewer), duplicates dropped", () => {
    const names = Array.from({ length: 120 }, (_, index) => `/aws/lambda/fn-${index}`);
    expect(chunkLogGroups(names).map((chunk) => chunk.length)).toEqual([50, 50, 20]);
    expect(chunkLogGroups(names, 100).map((chunk) => chunk.length)).toEqual([50, 50, 20]);
    expect(chunkLogGroups(names.slice(0, 5), 2)).toEqual([
      names.slice(0, 2),
      names.slice(2, 4),
      names.slice(4, 5),
    ]);
    expect(chunkLogGroups(["/aws/lambda/a", "/aws/lambda/a"])).toEqual([["/aws/lambda/a"]]);
    expect(chunkLogGroups([])).toEqual([]);
  });

  it("function name from @log (account-prefixed) or a plain group name", () => {
    expect(functionNameFromLogGroup("123456789012:/aws/lambda/orders-api")).toBe("orders-api");
    expect(functionNameFromLogGroup("/aws/lambda/orders_api")).toBe("orders_api");
    expect(functionNameFromLogGroup("/aws/ecs/x")).toBeNull();
    expect(functionNameFromLogGroup("/custom/aws/lambda/x")).toBeNull();
  });

  it("toMegabytesFactor", () => {
    expect(toMegabytesFactor(128_000_000)).toBe(1_000_000);
    expect(toMegabytesFactor(128 * 1_048_576)).toBe(1_048_576);
    expect(toMegabytesFactor(123_456_789)).toBe(1_000_000);
  });
});
