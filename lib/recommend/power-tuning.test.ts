import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_BOOK, computeLambdaBill } from "@/lib/pricing";
import type { PowerTuningPoint } from "./power-tuning";
import {
  POWER_TUNING_MAX_POINTS,
  PowerTuningInputError,
  parseLambdaFunctionArn,
  parsePowerTuning,
  repricePowerTuningPoints,
  toPowerTuningObservations,
  toPowerTuningObservedOn,
} from "./power-tuning";

// ---------------------------------------------------------------------------------------------
// One Power Tuning run, written the way the state machine writes it (lambda/analyzer.js and
// lambda/utils.js of alexcasalboni/aws-lambda-power-tuning): cost = ceil(ms) × the 128 MB price per
// ms × power / 128, and the visualization hash encodes Int16 sizes and Float32 times and costs.

const PRICE_128_MB_PER_MS = 2.1e-9;
const STATS = [
  { value: 128, averageDuration: 36.9066666666666667 },
  { value: 256, averageDuration: 18.2533333333 },
  { value: 512, averageDuration: 9.41 },
  { value: 1024, averageDuration: 5.1133333333 },
  { value: 1536, averageDuration: 4.0266666667 },
  { value: 3008, averageDuration: 3.3 },
].map((stat) => ({
  ...stat,
  averagePrice: Math.ceil(stat.averageDuration) * PRICE_128_MB_PER_MS * (stat.value / 128),
}));
const FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:image-resizer";

/** The upstream encoder: typed array → bytes → base64 (Node's Buffer, as lambda/utils.js does). */
function encode(values: number[], Type: Int16ArrayConstructor | Float32ArrayConstructor): string {
  return Buffer.from(new Type(values).buffer).toString("base64");
}

function toHash(stats: { value: number; averageDuration: number; averagePrice: number }[]): string {
  return [
    encode(
      stats.map((s) => s.value),
      Int16Array,
    ),
    encode(
      stats.map((s) => s.averageDuration),
      Float32Array,
    ),
    encode(
      stats.map((s) => s.averagePrice),
      Float32Array,
    ),
  ].join(";");
}

const HASH = toHash(STATS);
const VISUALIZATION_URL = `https://lambda-power-tuning.show/#${HASH}`;
const OUTPUT = {
  power: 512,
  cost: STATS[2]!.averagePrice,
  duration: STATS[2]!.averageDuration,
  stateMachine: { executionCost: 0.00025, lambdaCost: 0.0012, visualization: VISUALIZATION_URL },
  stats: STATS,
};
const EXECUTION = {
  executionArn:
    "arn:aws:states:eu-west-1:123456789012:execution:powerTuningStateMachine-abc:7d1c0a4e-5f3b-4c2a-9e61-0b1f2c3d4e5f",
  stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:powerTuningStateMachine-abc",
  name: "7d1c0a4e-5f3b-4c2a-9e61-0b1f2c3d4e5f",
  status: "SUCCEEDED",
  startDate: "2026-11-20T09:15:02.480000+01:00",
  stopDate: "2026-11-20T09:16:40.101000+01:00",
  input: JSON.stringify({
    lambdaARN: `${FUNCTION_ARN}:$LATEST`,
    powerValues: [128, 256, 512, 1024, 1536, 3008],
    num: 50,
    payload: { key: "photo.jpg" },
    strategy: "balanced",
    balancedWeight: 0.4,
    includeOutputResults: true,
  }),
  inputDetails: { included: true },
  output: JSON.stringify(OUTPUT),
  outputDetails: { included: true },
};

function expectSamePoints(
  actual: PowerTuningPoint[],
  expected: { value: number; averageDuration: number }[],
) {
  expect(actual.map((p) => p.memoryMb)).toEqual(expected.map((s) => s.value));
  actual.forEach((point, index) => {
    const duration = expected[index]!.averageDuration;
    expect(Math.abs(point.durationMs - duration) / duration).toBeLessThan(1e-4);
  });
}

function errorOf(text: string): string {
  try {
    parsePowerTuning(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PowerTuningInputError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected parsePowerTuning to throw");
}

describe("parsePowerTuning: the three forms of one run", () => {
  const output = parsePowerTuning(JSON.stringify(OUTPUT));
  const visualization = parsePowerTuning(VISUALIZATION_URL);
  const execution = parsePowerTuning(JSON.stringify(EXECUTION, null, 2));

  it("detects each form", () => {
    expect(output.form).toBe("output");
    expect(visualization.form).toBe("visualization");
    expect(execution.form).toBe("execution");
  });

  it("imports the same points from all three (durations as measured, to 1e-4)", () => {
    expectSamePoints(output.points, STATS);
    expect(visualization.points).toEqual(output.points);
    expect(execution.points).toEqual(output.points);
    // Power Tuning's own (duration-only) cost travels along, for reference.
    output.points.forEach((point, index) => {
      const cost = STATS[index]!.averagePrice;
      expect(Math.abs(point.powerTuningCostUsd! - cost) / cost).toBeLessThan(1e-4);
    });
  });

  it("reads the function, region, strategy, start and invocations from an execution record", () => {
    expect(execution).toMatchObject({
      functionArn: FUNCTION_ARN,
      region: "eu-west-1",
      strategy: "balanced",
      winnerMemoryMb: 512,
      startedAt: "2026-11-20T08:15:02.480Z",
      invocationsPerPoint: 50,
    });
    expect(output).toMatchObject({ functionArn: null, region: null, strategy: null, winnerMemoryMb: 512 });
    expect(visualization).toMatchObject({ functionArn: null, winnerMemoryMb: null, startedAt: null });
  });

  it("takes the points from the visualization URL when the output has no stats", () => {
    const { stats: _stats, ...withoutStats } = OUTPUT;
    const run = parsePowerTuning(JSON.stringify(withoutStats));
    expect(run.form).toBe("output");
    expect(run.points).toEqual(output.points);
  });

  it("accepts a bare hash, with or without '#'", () => {
    expect(parsePowerTuning(`#${HASH}`).points).toEqual(output.points);
    expect(parsePowerTuning(HASH).points).toEqual(output.points);
  });
});

describe("parsePowerTuning: variants", () => {
  it("accepts `power` as a string and the README's `results` wrapper", () => {
    const run = parsePowerTuning(JSON.stringify({ results: { ...OUTPUT, power: "512" } }));
    expect(run.winnerMemoryMb).toBe(512);
    expectSamePoints(run.points, STATS);
  });

  it("accepts memory sizes written as strings in stats", () => {
    const run = parsePowerTuning(
      JSON.stringify({ power: "128", stats: [{ value: "128", averagePrice: 2.1e-7, averageDuration: 2.9 }] }),
    );
    expect(run.points).toEqual([{ memoryMb: 128, durationMs: 2.9, powerTuningCostUsd: 2.1e-7 }]);
  });

  it("skips stats entries with an empty, zero or missing average duration", () => {
    const run = parsePowerTuning(
      JSON.stringify({
        power: 512,
        stats: [
          { value: 128, averagePrice: 0, averageDuration: 0 },
          { value: 256, averagePrice: 0 },
          { value: 384, averagePrice: 0, averageDuration: null },
          { value: 448, averagePrice: 0, averageDuration: "" },
          null,
          { value: 512, averagePrice: 1e-7, averageDuration: 9.41 },
        ],
      }),
    );
    expect(run.points.map((p) => p.memoryMb)).toEqual([512]);
  });

  it("ignores keys of newer versions (Lambda Managed Instances)", () => {
    const run = parsePowerTuning(
      JSON.stringify({
        ...OUTPUT,
        type: "lmi",
        memoryPerVCpu: 2,
        bestConcurrency: 8,
        instanceType: "c7g.large",
        stateMachine: { ...OUTPUT.stateMachine, lmiVisualization: "x", combinedVisualization: "y" },
      }),
    );
    expectSamePoints(run.points, STATS);
  });

  it("sorts by memory and merges a size measured twice", () => {
    const run = parsePowerTuning(
      JSON.stringify({
        stats: [
          { value: 1024, averagePrice: 2e-7, averageDuration: 6 },
          { value: 256, averagePrice: 1e-7, averageDuration: 20 },
          { value: 1024, averagePrice: 4e-7, averageDuration: 4 },
        ],
      }),
    );
    expect(run.points).toEqual([
      { memoryMb: 256, durationMs: 20, powerTuningCostUsd: 1e-7 },
      { memoryMb: 1024, durationMs: 5, powerTuningCostUsd: 3e-7 },
    ]);
  });

  it("strips a query after the hash (?currency=CNY)", () => {
    expect(parsePowerTuning(`${VISUALIZATION_URL}?currency=CNY`).points).toEqual(
      parsePowerTuning(VISUALIZATION_URL).points,
    );
  });

  it("takes the first triple of a comparison URL", () => {
    const other = toHash(STATS.map((s) => ({ ...s, averageDuration: s.averageDuration * 2 })));
    const url = `https://digio.github.io/aws-lambda-power-tuning-ui/#${HASH};${other};JS%20x86;JS%20ARM64`;
    expect(parsePowerTuning(url).points).toEqual(parsePowerTuning(VISUALIZATION_URL).points);
  });

  it("accepts URL-safe base64, missing padding and a trailing ';'", () => {
    const urlSafe = HASH.replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "");
    expect(parsePowerTuning(`https://example.com/ui#${urlSafe};`).points).toEqual(
      parsePowerTuning(VISUALIZATION_URL).points,
    );
  });

  it("decodes the example URL of the Power Tuning README", () => {
    const run = parsePowerTuning(
      "https://lambda-power-tuning.show/#gAAAAQACAAQABsAL;ZooQR4yvkUa/pQRGRC5zRaADHUVjOftE;QdWhOEMkoziDT5Q4xhiIOMYYiDi6RNc4",
    );
    expect(run.points.map((p) => p.memoryMb)).toEqual([128, 256, 512, 1024, 1536, 3008]);
    expect(run.points.map((p) => p.durationMs)).toEqual([
      37002.4, 18647.8, 8489.44, 3890.89, 2512.23, 2009.79,
    ]);
    expect(run.points[0]!.powerTuningCostUsd).toBe(7.7168e-5);
  });

  it("reads an execution whose input names no strategy (Power Tuning's default is cost)", () => {
    const run = parsePowerTuning(
      JSON.stringify({ ...EXECUTION, input: JSON.stringify({ lambdaARN: FUNCTION_ARN, num: 10 }) }),
    );
    expect(run).toMatchObject({ strategy: "cost", invocationsPerPoint: 10, functionArn: FUNCTION_ARN });
  });

  it("reads epoch-second dates of the raw DescribeExecution JSON", () => {
    const run = parsePowerTuning(JSON.stringify({ ...EXECUTION, startDate: 1795162502.48 }));
    expect(run.startedAt).toBe("2026-11-20T08:15:02.480Z");
  });
});

describe("parsePowerTuning: malformed input gives one clear line", () => {
  it.each(
    (
      [
        ["", "input is empty"],
        ["hello", "not Power Tuning input: expected JSON"],
        ["{ nope", "not valid JSON:"],
        ["[1, 2]", "not Power Tuning output: expected a JSON object, got an array"],
        ['{"foo": 1}', "not Power Tuning output: expected `power`, `stats` or `stateMachine.visualization`"],
        ['{"results": {"foo": 1}}', "not Power Tuning output: expected `power`, `stats`"],
        ['{"power": 512}', "Power Tuning output has neither `stats` nor `stateMachine.visualization`"],
        ['{"power": 512, "stats": {}}', "`stats` must be an array"],
        ["https://lambda-power-tuning.show/", "visualization URL has no #hash"],
        [
          "https://lambda-power-tuning.show/#gAAAAQACAAQABsAL",
          "visualization hash: expected 3 base64 blocks separated by ';', found 1",
        ],
        ["https://lambda-power-tuning.show/#", "found 0"],
        ["#gAAAAQ!!;AAAA;AAAA", "visualization hash: the memory-size block is not base64"],
        ["#gAAAAQA;AAAA;AAAA", "the memory-size block has 5 bytes, not a whole number of Int16 values"],
        [
          `#${encode([128, 256, 512, 1024, 2048], Int16Array)};${encode([4, 3, 2, 1], Float32Array)};${encode([1, 1, 1, 1, 1], Float32Array)}`,
          "memory sizes and durations differ in length (5 vs 4)",
        ],
        [
          `#${encode([128, 256], Int16Array)};${encode([4, 3], Float32Array)};${encode([1], Float32Array)}`,
          "memory sizes and costs differ in length (2 vs 1)",
        ],
        [
          `#${encode([128, 32000], Int16Array)};${encode([4, 3], Float32Array)};${encode([1, 1], Float32Array)}`,
          "memory size 32000 MB is outside 128–10,240 MB",
        ],
        [
          '{"stats": [{"value": 99999, "averageDuration": 3}]}',
          "memory size 99999 MB is outside 128–10,240 MB",
        ],
        ['{"stats": [{"value": 64, "averageDuration": 3}]}', "memory size 64 MB is outside 128–10,240 MB"],
        ['{"stats": [{"value": 128.5, "averageDuration": 3}]}', "memory size 128.5 MB is not a whole number"],
        [
          '{"stats": [{"value": "big", "averageDuration": 3}]}',
          'stats[0].value: expected a memory size in MB, got "big"',
        ],
        [
          '{"stats": [{"value": 128, "averageDuration": -3}]}',
          "average duration at 128 MB is not a number of ms",
        ],
        [
          '{"stats": [{"value": 128, "averageDuration": 1e6}]}',
          "above Lambda's 900,000 ms (15-minute) limit",
        ],
        ['{"stats": [{"value": 128, "averageDuration": 0}]}', "no usable points"],
        [
          JSON.stringify({ ...EXECUTION, status: "RUNNING", output: undefined }),
          "execution has no output (status RUNNING)",
        ],
        [JSON.stringify({ ...EXECUTION, output: "{not json" }), "execution `output` is not valid JSON:"],
        [JSON.stringify({ ...EXECUTION, output: "[]" }), "execution `output` must be a JSON object"],
      ] as const
    ).map(([text, expected]) => [expected, text] as const),
  )("%s", (expected, text) => {
    expect(errorOf(text)).toContain(expected);
  });

  it("bounds the input: over 1 MB and more than 200 points", () => {
    expect(errorOf(`{"pad": "${"x".repeat(1024 * 1024)}"}`)).toMatch(/above the 1 MB limit/);
    const many = Array.from({ length: POWER_TUNING_MAX_POINTS + 1 }, (_, i) => ({
      value: 128 + i,
      averageDuration: 10,
    }));
    expect(errorOf(JSON.stringify({ stats: many }))).toBe("too many points: 201 memory sizes (at most 200)");
    const sizes = many.map((s) => s.value);
    expect(
      errorOf(
        `#${encode(sizes, Int16Array)};${encode(
          sizes.map(() => 10),
          Float32Array,
        )};${encode(
          sizes.map(() => 1),
          Float32Array,
        )}`,
      ),
    ).toBe("too many points: 201 memory sizes (at most 200)");
  });
});

describe("parseLambdaFunctionArn", () => {
  it("splits an ARN and drops the qualifier", () => {
    expect(parseLambdaFunctionArn(`${FUNCTION_ARN}:prod`)).toEqual({
      functionArn: FUNCTION_ARN,
      region: "eu-west-1",
      accountId: "123456789012",
      functionName: "image-resizer",
      qualifier: "prod",
    });
    expect(parseLambdaFunctionArn("arn:aws-cn:lambda:cn-north-1:123456789012:function:f")?.region).toBe(
      "cn-north-1",
    );
    expect(parseLambdaFunctionArn("image-resizer")).toBeNull();
    expect(parseLambdaFunctionArn("arn:aws:states:eu-west-1:123456789012:stateMachine:x")).toBeNull();
  });
});

describe("repricePowerTuningPoints", () => {
  it("equals lib/pricing's Lambda bill for one invocation (request + tier-1 GB-s of the billed ms)", () => {
    const run = parsePowerTuning(VISUALIZATION_URL);
    for (const architecture of ["x86_64", "arm64"] as const) {
      const repriced = repricePowerTuningPoints(run.points, { region: "us-east-1", architecture });
      expect(repriced).toHaveLength(run.points.length);
      for (const point of repriced) {
        const bill = computeLambdaBill(
          {
            region: "us-east-1",
            architecture,
            memoryMb: point.memoryMb,
            requestsPerMonth: 1,
            durationMs: point.durationMs,
            isFreeTierApplied: false,
          },
          DEFAULT_PRICE_BOOK,
        );
        expect(point.costPerInvocationUsd).not.toBeNull();
        expect(Math.abs(point.costPerInvocationUsd! - bill.totalUsd!) / bill.totalUsd!).toBeLessThan(1e-12);
      }
    }
  });

  it("bills whole milliseconds: 9.41 ms at 512 MB x86_64 in us-east-1 costs 10 ms", () => {
    const [point] = repricePowerTuningPoints([{ memoryMb: 512, durationMs: 9.41 }], {
      region: "us-east-1",
      architecture: "x86_64",
    });
    expect(point!.costPerInvocationUsd).toBeCloseTo(2e-7 + 0.0000166667 * 0.5 * 0.01, 15);
    expect(point!.durationMs).toBe(9.41);
  });

  it("returns null (never 0) when a rate is unknown for the region", () => {
    const repriced = repricePowerTuningPoints([{ memoryMb: 512, durationMs: 9.41 }], {
      region: "xx-nowhere-1",
      architecture: "x86_64",
    });
    expect(repriced).toEqual([{ memoryMb: 512, durationMs: 9.41, costPerInvocationUsd: null }]);
  });
});

describe("toPowerTuningObservations", () => {
  it("makes one power-tuning observation per point with the run's invocations", () => {
    const run = parsePowerTuning(JSON.stringify(EXECUTION));
    const observedOn = toPowerTuningObservedOn(run);
    expect(observedOn).toBe("2026-11-20");
    const observations = toPowerTuningObservations(run, { architecture: "arm64", observedOn });
    expect(observations).toHaveLength(STATS.length);
    expect(observations[2]).toEqual({
      memoryMb: 512,
      architecture: "arm64",
      source: "power-tuning",
      observedOn: "2026-11-20",
      invocations: 50,
      durationAvgMs: run.points[2]!.durationMs,
      durationP50Ms: null,
      durationP95Ms: null,
      durationP99Ms: null,
      maxMemoryUsedMb: null,
      initDurationAvgMs: null,
      coldStarts: null,
    });
  });

  it("counts 1 invocation per point when the run does not say, and files it under today", () => {
    const run = parsePowerTuning(VISUALIZATION_URL);
    const observedOn = toPowerTuningObservedOn(run, new Date("2026-11-23T23:59:00Z"));
    expect(observedOn).toBe("2026-11-23");
    const observations = toPowerTuningObservations(run, { architecture: "x86_64", observedOn });
    expect(observations.every((o) => o.invocations === 1 && o.source === "power-tuning")).toBe(true);
    expect(() =>
      toPowerTuningObservations(run, { architecture: "x86_64", observedOn: "23/11/2026" }),
    ).toThrow(PowerTuningInputError);
  });
});
