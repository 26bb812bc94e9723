import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createScenarioBodySchema, scenarioNameSchema } from "./scenario";
import {
  DEFAULT_WORKLOAD_INPUT,
  WORKLOAD_FIELDS,
  WORKLOAD_SEARCH_PARAMS,
  hasWorkloadSearchParams,
  parseWorkloadFields,
  parseWorkloadSearchParams,
  toNumberFromText,
  toWorkloadFieldFromPricingField,
  toWorkload,
  toWorkloadDraft,
  toWorkloadSearchParams,
  workloadInputSchema,
  type WorkloadInput,
} from "./workload";

const goRewrite: WorkloadInput = {
  ...DEFAULT_WORKLOAD_INPUT,
  requestsPerMonth: 123_456_789,
  shape: "spiky",
  durationMs: 87.5,
  memoryMb: 1769,
  architecture: "arm64",
  cpuBoundPercent: 72.5,
  parallelism: 4,
  maxMemoryUsedMb: 900,
  region: "eu-west-1",
  pricesAccountId: "314159265358",
  isFreeTierApplied: true,
  frontDoor: "alb",
  albKbPerRequest: 3.2,
  isSavingsPlanOn: true,
  lambdaDiscountPercent: 17,
  provisionedConcurrency: 5,
  provisionedHoursPerDay: 10,
  fargateOs: "linux",
  isFargateSpot: true,
  isAutoscaled: false,
  durationFactor: 0.25,
  memoryFactor: 0.5,
};

describe("workload URL encoding", () => {
  it("round-trips every field exactly", () => {
    const params = toWorkloadSearchParams(goRewrite);
    const parsed = parseWorkloadSearchParams(new URLSearchParams(params.toString()));
    expect(parsed.fieldErrors).toEqual({});
    expect(parsed.input).toEqual(goRewrite);
  });

  it("round-trips through Next's searchParams record shape too", () => {
    const record = Object.fromEntries(toWorkloadSearchParams(goRewrite));
    expect(parseWorkloadSearchParams(record).input).toEqual(goRewrite);
  });

  it("keeps defaults out of the URL (short links) but always names the region", () => {
    expect(toWorkloadSearchParams(DEFAULT_WORKLOAD_INPUT).toString()).toBe("region=us-east-1");
    expect(toWorkloadSearchParams({ ...DEFAULT_WORKLOAD_INPUT, memoryMb: 1024 }).toString()).toBe(
      "mem=1024&region=us-east-1",
    );
  });

  it("uses short lowercase, unique param names", () => {
    const names = Object.values(WORKLOAD_SEARCH_PARAMS);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z]{2,8}$/);
    expect(Object.keys(WORKLOAD_SEARCH_PARAMS).sort()).toEqual([...WORKLOAD_FIELDS].sort());
  });

  it("round-trips any valid input (property)", () => {
    const arbitraryInput = fc.record({
      requestsPerMonth: fc.integer({ min: 1, max: 1e12 }),
      durationMs: fc.double({ min: 1, max: 900_000, noNaN: true }),
      memoryMb: fc.integer({ min: 128, max: 10_240 }),
      cpuBoundPercent: fc.double({ min: 0, max: 100, noNaN: true }),
      // ≤ 1 keeps duration × factor within the 15-minute limit, a rule tested below.
      durationFactor: fc.double({ min: 0.01, max: 1, noNaN: true }),
      isFargateSpot: fc.boolean(),
    });
    fc.assert(
      fc.property(arbitraryInput, (partial) => {
        const input = { ...DEFAULT_WORKLOAD_INPUT, ...partial };
        const parsed = parseWorkloadSearchParams(toWorkloadSearchParams(input));
        expect(parsed.isValid).toBe(true);
        expect(parsed.input).toEqual(input);
      }),
    );
  });

  it("names whose prices: list prices by default (nothing in the URL), or an account's 12-digit id", () => {
    expect(DEFAULT_WORKLOAD_INPUT.pricesAccountId).toBe("");
    expect(toWorkloadSearchParams(goRewrite).get("prices")).toBe("314159265358");
    expect(parseWorkloadSearchParams({ prices: "314159265358" }).input.pricesAccountId).toBe("314159265358");
    const bad = parseWorkloadSearchParams({ prices: "31415" });
    expect(bad.fieldErrors.pricesAccountId).toMatch(/12-digit account id/);
    expect(bad.input.pricesAccountId).toBe("");
  });

  it("knows whether a URL names any workload field", () => {
    expect(hasWorkloadSearchParams({ id: "abc" })).toBe(false);
    expect(hasWorkloadSearchParams(new URLSearchParams("id=abc&mem=1024"))).toBe(true);
  });
});

describe("workload validation", () => {
  it.each([
    ["NaN", "mem", "NaN"],
    ["Infinity", "rpm", "Infinity"],
    ["-Infinity", "dur", "-Infinity"],
    ["an overflowing exponent (parses to Infinity)", "rpm", "1e999"],
    ["text", "dur", "fast"],
    ["an empty string", "mem", ""],
    ["memory below 128 MB", "mem", "64"],
    ["memory above 10,240 MB", "mem", "20000"],
    ["fractional memory", "mem", "1024.5"],
    ["a duration beyond the 15-minute timeout", "dur", "900001"],
    ["a share above 100 %", "cpu", "101"],
    ["a negative discount", "spl", "-5"],
    ["zero requests", "rpm", "0"],
    ["an unknown shape", "shape", "weekly"],
    ["an unknown architecture", "arch", "sparc"],
    ["a malformed region", "region", "mars"],
    ["a non-boolean toggle", "spot", "maybe"],
  ])("rejects %s in the URL, reports it by field and falls back to the default", (_case, param, value) => {
    const parsed = parseWorkloadSearchParams(new URLSearchParams({ [param]: value }));
    const field = WORKLOAD_FIELDS.find((f) => WORKLOAD_SEARCH_PARAMS[f] === param)!;
    expect(parsed.isValid).toBe(false);
    expect(parsed.fieldErrors[field]).toBeTruthy();
    expect(parsed.input[field]).toEqual(DEFAULT_WORKLOAD_INPUT[field]);
    for (const v of Object.values(parsed.input))
      if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
  });

  it("says what is accepted, with units", () => {
    const parsed = parseWorkloadFields({ memoryMb: "20000" });
    expect(parsed.fieldErrors.memoryMb).toBe("Memory must be between 128 and 10,240 MB");
    expect(parseWorkloadFields({ memoryMb: "1024.5" }).fieldErrors.memoryMb).toMatch(/whole number/);
    expect(parseWorkloadFields({ durationMs: "abc" }).fieldErrors.durationMs).toMatch(/must be a number/);
  });

  it("rejects NaN and ±Infinity as JSON numbers (route handler path)", () => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      const body = { name: "x", input: { ...DEFAULT_WORKLOAD_INPUT, durationMs: bad } };
      const result = createScenarioBodySchema.safeParse(body);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["input", "durationMs"]);
    }
    // JSON.parse turns 1e999 into Infinity: it must not slip through a JSON body either.
    const parsedJson = JSON.parse('{"name":"x","input":{"requestsPerMonth":1e999}}') as unknown;
    expect(createScenarioBodySchema.safeParse(parsedJson).success).toBe(false);
  });

  it("accepts typed numbers the way people write them", () => {
    expect(toNumberFromText("1,000,000")).toBe(1_000_000);
    expect(toNumberFromText(" 2.5e6 ")).toBe(2_500_000);
    expect(toNumberFromText("1_000")).toBe(1000);
    expect(toNumberFromText("Infinity")).toBeNaN();
    expect(toNumberFromText("0x10")).toBeNaN();
    expect(toNumberFromText("")).toBeNaN();
  });

  it("parses the form's draft back to the same input", () => {
    expect(parseWorkloadFields(toWorkloadDraft(goRewrite))).toEqual({
      input: goRewrite,
      fieldErrors: {},
      isValid: true,
    });
  });

  it("fills every default from an empty object", () => {
    expect(workloadInputSchema.parse({})).toEqual(DEFAULT_WORKLOAD_INPUT);
  });
});

describe("scenario names", () => {
  it("trims and accepts 1–100 characters", () => {
    expect(scenarioNameSchema.parse("  Go rewrite  ")).toBe("Go rewrite");
    expect(scenarioNameSchema.safeParse("   ").success).toBe(false);
    expect(scenarioNameSchema.safeParse("x".repeat(100)).success).toBe(true);
    expect(scenarioNameSchema.safeParse("x".repeat(101)).success).toBe(false);
  });
});

describe("toWorkload", () => {
  const shape = Array.from({ length: 24 }, () => 1);

  it("turns percentages into fractions and switches off what is zero", () => {
    const workload = toWorkload(DEFAULT_WORKLOAD_INPUT, shape);
    expect(workload.cpuBoundShare).toBeCloseTo(DEFAULT_WORKLOAD_INPUT.cpuBoundPercent / 100);
    expect(workload.savingsPlan).toBeNull();
    expect(workload.provisionedConcurrency).toBeNull();
    expect(workload.frontDoor).toEqual({ kind: "none" });
    expect(workload.hourlyShape).toBe(shape);
  });

  it("maps the rewrite, savings plan, provisioned concurrency and ALB", () => {
    const workload = toWorkload(goRewrite, shape);
    expect(workload.rewrite).toEqual({ durationFactor: 0.25, memoryFactor: 0.5 });
    expect(workload.savingsPlan).toEqual({ lambdaDiscount: 0.17, fargateDiscount: 0.2 });
    expect(workload.provisionedConcurrency).toEqual({ count: 5, hoursPerDay: 10 });
    expect(workload.frontDoor).toMatchObject({ kind: "alb", bytesPerRequest: 3200, rules: 10 });
    expect(workload.fargate).toEqual({
      os: "linux",
      isSpot: true,
      targetCpuUtilization: 0.6,
      minTasks: 1,
      isAutoscaled: false,
    });
  });
});

describe("combinations the engine refuses", () => {
  it("flags a rewrite that pushes the duration past 15 minutes on the factor field", () => {
    const parsed = parseWorkloadFields({ durationMs: "600000", durationFactor: "2" });
    expect(parsed.fieldErrors.durationFactor).toMatch(/15-minute/);
    expect(parsed.input.durationFactor).toBe(1);
    expect(workloadInputSchema.safeParse({ durationMs: 600_000, durationFactor: 2 }).success).toBe(false);
  });

  it("flags Spot on Windows", () => {
    const parsed = parseWorkloadSearchParams(new URLSearchParams("os=windows&spot=1"));
    expect(parsed.fieldErrors.isFargateSpot).toBe("Fargate Spot runs Linux tasks only");
    expect(parsed.input).toMatchObject({ fargateOs: "windows", isFargateSpot: false });
  });

  it("maps engine input paths to form fields", () => {
    expect(toWorkloadFieldFromPricingField("rewrite.durationFactor")).toBe("durationFactor");
    expect(toWorkloadFieldFromPricingField("hourlyShape[3]")).toBe("shape");
    expect(toWorkloadFieldFromPricingField("snapStart")).toBeNull();
  });
});
