import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { FlagSpecs } from "./args";
import { CliUsageError, parseFlags } from "./args";

const SPECS = {
  "memory-mb": { kind: "number", min: 128, max: 10_240, unit: "MB", isInteger: true, description: "memory" },
  share: { kind: "number", min: -1, max: 1, unit: "", description: "a share", defaultValue: 0.5 },
  arch: { kind: "enum", values: ["x86_64", "arm64"], description: "CPU", defaultValue: "x86_64" },
  region: {
    kind: "string",
    description: "a region code",
    example: "us-east-1",
    schema: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/),
  },
  json: { kind: "boolean", description: "JSON" },
} as const satisfies FlagSpecs;

const parse = (argv: string[]) => parseFlags(argv, SPECS, "tool");
const messageOf = (argv: string[]) => {
  try {
    parse(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return (error as Error).message;
  }
  throw new Error(`parsed ${JSON.stringify(argv)} without an error`);
};

describe("parseFlags", () => {
  it("reads both spellings, numbers with underscores, booleans with or without a value, and defaults", () => {
    const flags = parse(["--memory-mb", "1_024", "--region=eu-west-1", "--json"]);
    expect(flags.numbers.get("memory-mb")).toBe(1024);
    expect(flags.numbers.get("share")).toBe(0.5);
    expect(flags.strings.get("arch")).toBe("x86_64");
    expect(flags.strings.get("region")).toBe("eu-west-1");
    expect(flags.booleans.has("json")).toBe(true);
    expect([...flags.given].sort()).toEqual(["json", "memory-mb", "region"]);
    expect(parse(["--json=false"]).booleans.has("json")).toBe(false);
    expect(parse(["--json=false"]).given.has("json")).toBe(true);
  });

  it("takes a negative number after a space as the flag's value", () => {
    expect(parse(["--share", "-0.25"]).numbers.get("share")).toBe(-0.25);
    expect(messageOf(["--memory-mb", "-5"])).toBe(
      '--memory-mb must be a whole number from 128 to 10240 (MB); got "-5"',
    );
  });

  it.each([
    [["--memory-mb", "10241"], '--memory-mb must be a whole number from 128 to 10240 (MB); got "10241"'],
    [["--memory-mb", "512.5"], '--memory-mb must be a whole number from 128 to 10240 (MB); got "512.5"'],
    [
      ["--memory-mb", "Infinity"],
      '--memory-mb must be a whole number from 128 to 10240 (MB); got "Infinity"',
    ],
    [["--memory-mb="], '--memory-mb must be a whole number from 128 to 10240 (MB); got ""'],
    [["--memory-mb"], "--memory-mb must be a whole number from 128 to 10240 (MB); got no value"],
    [["--region", "--json"], "--region must be a region code (e.g. us-east-1); got no value"],
    [["--region", "Mars"], '--region must be a region code (e.g. us-east-1); got "Mars"'],
    [["--arch", "sparc"], '--arch must be one of x86_64, arm64; got "sparc"'],
    [["--json=maybe"], '--json takes no value (or =true/=false); got "maybe"'],
    [["--json", "--json"], "--json is given twice"],
    [["--memory-mb", "256", "--memory-mb=512"], "--memory-mb is given twice"],
    [["--frobnicate"], "unknown flag --frobnicate for `tool`; run `tool --help` for the flags"],
    [["--frobnicate=1"], "unknown flag --frobnicate for `tool`; run `tool --help` for the flags"],
    [["-j"], 'unexpected argument "-j" for `tool`; flags start with --'],
    [["lambda"], 'unexpected argument "lambda" for `tool`; flags start with --'],
  ])("%j is refused with one line naming the flag", (argv, message) => {
    expect(messageOf(argv)).toBe(message);
  });
});
