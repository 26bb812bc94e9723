/**
 * `power-tuning <file|url>` through the CLI runner, in process (scripts/cli.ts only adds the file
 * reader and the exit code).
 */
import { describe, expect, it } from "vitest";
import type { CliIo } from "./run-cli";
import { runCli } from "./run-cli";

function encode(values: number[], Type: Int16ArrayConstructor | Float32ArrayConstructor): string {
  return Buffer.from(new Type(values).buffer).toString("base64");
}

const SIZES = [128, 512, 1024];
const DURATIONS = [40.25, 9.41, 5.1133333333];
const COSTS = DURATIONS.map((d, i) => Math.ceil(d) * 2.1e-9 * (SIZES[i]! / 128));
const URL = `https://lambda-power-tuning.show/#${encode(SIZES, Int16Array)};${encode(DURATIONS, Float32Array)};${encode(COSTS, Float32Array)}`;
const FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:image-resizer";
const OUTPUT = {
  power: 512,
  cost: COSTS[1],
  duration: DURATIONS[1],
  stateMachine: { executionCost: 0.0003, lambdaCost: 0.003546, visualization: URL },
  stats: SIZES.map((value, i) => ({ value, averagePrice: COSTS[i], averageDuration: DURATIONS[i] })),
};
const EXECUTION = {
  executionArn: "arn:aws:states:eu-west-1:123456789012:execution:powerTuning:run-1",
  stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:powerTuning",
  status: "SUCCEEDED",
  startDate: "2026-11-20T09:15:02.480000+01:00",
  stopDate: "2026-11-20T09:16:40.101000+01:00",
  input: JSON.stringify({ lambdaARN: FUNCTION_ARN, powerValues: SIZES, num: 20, strategy: "cost" }),
  output: JSON.stringify(OUTPUT),
};

const FILES: Record<string, string> = {
  "execution.json": JSON.stringify(EXECUTION, null, 2),
  "output.json": JSON.stringify(OUTPUT),
  "broken.json": '{"foo": 1}',
};
const io: CliIo = {
  readTextFile: (path) => {
    const text = FILES[path];
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return text;
  },
};

type JsonOutput = {
  functionArn: string | null;
  region: string;
  architecture: string;
  form: string;
  points: { memoryMb: number; durationMs: number; costPerInvocationUsd: number | null }[];
};

function runJson(args: string[]): JsonOutput {
  const result = runCli(["power-tuning", ...args, "--json"], io);
  expect(result.stderr).toBe("");
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as JsonOutput;
}

describe("cli power-tuning", () => {
  it("reads an execution record file: ARN, its region, x86_64 by default, repriced points", () => {
    const json = runJson(["execution.json"]);
    expect(Object.keys(json)).toEqual(["functionArn", "region", "architecture", "form", "points"]);
    expect(json).toMatchObject({
      functionArn: FUNCTION_ARN,
      region: "eu-west-1",
      architecture: "x86_64",
      form: "execution",
    });
    expect(json.points.map((p) => p.memoryMb)).toEqual(SIZES);
    expect(json.points.map((p) => p.durationMs)).toEqual([40.25, 9.41, 5.11333]);
    for (const point of json.points)
      expect(Object.keys(point)).toEqual(["memoryMb", "durationMs", "costPerInvocationUsd"]);
    // 512 MB, 9.41 ms → 10 billed ms: $0.0000002 + 0.5 GB × 0.01 s × the eu-west-1 x86 GB-s rate.
    expect(json.points[1]!.costPerInvocationUsd).toBeCloseTo(2e-7 + 0.5 * 0.01 * 0.0000166667, 13);
  });

  it("takes the URL directly, defaults to us-east-1 without an ARN, and honours --region/--arch", () => {
    const fromUrl = runJson([URL]);
    expect(fromUrl).toMatchObject({ functionArn: null, region: "us-east-1", form: "visualization" });
    expect(fromUrl.points.map((p) => p.durationMs)).toEqual(
      runJson(["output.json"]).points.map((p) => p.durationMs),
    );
    const arm = runJson(["--arch", "arm64", URL, "--region=eu-west-1"]);
    expect(arm).toMatchObject({ region: "eu-west-1", architecture: "arm64" });
    expect(arm.points[0]!.costPerInvocationUsd!).toBeLessThan(fromUrl.points[0]!.costPerInvocationUsd!);
  });

  it("prints a table with the function ARN and Power Tuning's pick", () => {
    const result = runCli(["power-tuning", "execution.json"], io);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Function: ${FUNCTION_ARN}`);
    expect(result.stdout).toMatch(/Memory MB\s+Duration ms\s+Cost per invocation/);
    expect(result.stdout).toMatch(/512\s+9\.41\s+\$0\.0000002833335\s+Power Tuning's pick/);
  });

  it("says unknown (and names the rate) for a region without prices; exit 0", () => {
    const result = runCli(["power-tuning", URL, "--region", "xx-nowhere-1", "--json"], io);
    expect(result.exitCode).toBe(0);
    const json = JSON.parse(result.stdout) as JsonOutput;
    expect(json.points.every((p) => p.costPerInvocationUsd === null)).toBe(true);
    expect(result.stderr).toContain("unknown rate:");
    const table = runCli(["power-tuning", URL, "--region", "xx-nowhere-1"], io);
    expect(table.stdout).toContain("unknown");
  });

  it.each([
    [["missing.json"], "cannot read missing.json: ENOENT: no such file or directory, open 'missing.json'"],
    [
      ["broken.json"],
      "power-tuning: not Power Tuning output: expected `power`, `stats` or `stateMachine.visualization`",
    ],
    [
      ["https://lambda-power-tuning.show/#gAAAAQ"],
      "visualization hash: expected 3 base64 blocks separated by ';', found 1",
    ],
    [[], "power-tuning needs one argument"],
    [["a.json", "b.json"], "power-tuning takes one file or URL; got 2"],
    [[URL, "--arch", "sparc"], "--arch must be one of x86_64, arm64"],
    [[URL, "--memory-mb", "128"], "unknown flag --memory-mb"],
  ])("exits 2 with one line: %j", (args, message) => {
    const result = runCli(["power-tuning", ...args], io);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("cannot read files without a reader (exit 2, not a crash)", () => {
    const result = runCli(["power-tuning", "output.json"]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("cannot read output.json");
  });

  it("shows help and is listed in the CLI usage", () => {
    expect(runCli(["power-tuning", "--help"]).stdout).toContain("power-tuning <file|url>");
    expect(runCli(["--help"]).stdout).toContain("power-tuning  <file|url>");
  });
});
