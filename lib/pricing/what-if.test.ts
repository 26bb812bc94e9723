import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Architecture, Workload } from "./types";
import {
  computeProvisionedConcurrencyBreakevenUtilization,
  computeWhatIf,
  computeWhatIfFargateBill,
  computeWhatIfLambdaBill,
  estimateWhatIfFargateUsd,
  FARGATE_MAX_TASKS_PER_SERVICE,
  estimateWhatIfLambdaUsd,
  listBreakevenSweepRequests,
  prepareWhatIf,
} from "./what-if";
import { LAMBDA_MEMORY_SIZES_MB, computeLambdaVcpu, estimateDurationMs } from "./memory-power";
import { computeTrafficShape } from "./traffic-shape";
import { listFargateTaskSizes } from "./fargate";
import { PricingInputError } from "./errors";

const api: Workload = {
  region: "us-east-1",
  requestsPerMonth: 50_000_000,
  hourlyShape: computeTrafficShape("flat"),
  durationMs: 200,
  memoryMb: 1024,
  architecture: "x86_64",
  cpuBoundShare: 0.3,
  parallelism: 1,
  maxMemoryUsedMb: 300,
  isFreeTierApplied: false,
  frontDoor: { kind: "none" },
  savingsPlan: null,
  provisionedConcurrency: null,
  coldStart: null,
  fargate: { os: "linux", isSpot: false, targetCpuUtilization: 0.6, minTasks: 1, isAutoscaled: true },
  rewrite: { durationFactor: 1, memoryFactor: 1 },
  canSwitchArchitecture: false,
};

describe("memory-power model", () => {
  it("1,769 MB is one vCPU; the maximum is 6", () => {
    expect(computeLambdaVcpu(1769)).toBe(1);
    expect(computeLambdaVcpu(10_240)).toBeCloseTo(5.789, 3);
    expect(LAMBDA_MEMORY_SIZES_MB[0]).toBe(128);
    expect(LAMBDA_MEMORY_SIZES_MB.at(-1)).toBe(10_240);
    expect(LAMBDA_MEMORY_SIZES_MB).toContain(1769);
  });

  it.each([
    // [case, measurement, target MB, expected ms, maths]
    [
      "CPU-bound doubles speed with memory",
      { durationMs: 1000, memoryMb: 512, cpuBoundShare: 1, parallelism: 1 },
      1024,
      500,
      "1000 × 512/1024",
    ],
    [
      "I/O-bound ignores memory",
      { durationMs: 1000, memoryMb: 512, cpuBoundShare: 0, parallelism: 1 },
      4096,
      1000,
      "all I/O",
    ],
    [
      "mixed",
      { durationMs: 1000, memoryMb: 512, cpuBoundShare: 0.5, parallelism: 1 },
      1024,
      750,
      "500 + 500 × ½",
    ],
    [
      "single thread stops at 1 vCPU",
      { durationMs: 1000, memoryMb: 1769, cpuBoundShare: 1, parallelism: 1 },
      3538,
      1000,
      "cpu capped at 1",
    ],
    [
      "two threads use 2 vCPU",
      { durationMs: 1000, memoryMb: 1769, cpuBoundShare: 1, parallelism: 2 },
      3538,
      500,
      "1 → 2 vCPU",
    ],
  ])("%s", (_name, measurement, targetMemoryMb, expectedMs) => {
    expect(estimateDurationMs(measurement, targetMemoryMb)).toBeCloseTo(expectedMs, 9);
  });
});

describe("computeWhatIf", () => {
  it("prices every memory size and every valid task size, with feasibility reasons", () => {
    const result = computeWhatIf({ ...api, maxMemoryUsedMb: 700 });
    expect(result.lambdaOptions).toHaveLength(LAMBDA_MEMORY_SIZES_MB.length); // 1024 is on the grid
    expect(result.fargateOptions).toHaveLength(listFargateTaskSizes("linux", "x86_64").length);
    const small = result.lambdaOptions.find((option) => option.memoryMb === 512);
    expect(small).toMatchObject({
      isFeasible: false,
      infeasibleReason: "needs 700 MB but has 512 MB",
      monthlyCostUsd: null,
    });
    // 700 MB × 1.25 headroom = 875 MB → a 0.5 GB task cannot hold it.
    const tinyTask = result.fargateOptions.find((option) => option.vcpu === 0.25 && option.memoryGb === 0.5);
    expect(tinyTask?.isFeasible).toBe(false);
    expect(tinyTask?.infeasibleReason).toBe("needs 875 MB (peak + 25% headroom) but has 512 MB");
    expect(result.cheapestLambda?.isFeasible).toBe(true);
    expect(result.cheapestFargate?.isFeasible).toBe(true);
  });

  it("a workload's own memory size is added to the grid", () => {
    const result = computeWhatIf({ ...api, memoryMb: 1000 });
    expect(result.current.memoryMb).toBe(1000);
    expect(result.lambdaOptions).toHaveLength(LAMBDA_MEMORY_SIZES_MB.length + 1);
  });

  it("current option: 50M × 200 ms at 1 GB x86, no free tier", () => {
    // Requests 50M × $0.0000002 = $10; GB-s 50M × 0.2 s × 1 GB = 10M × $0.0000166667 = $166.667. Total $176.667
    const result = computeWhatIf(api);
    expect(result.current.monthlyCostUsd).toBeCloseTo(10 + 10e6 * 0.0000166667, 6);
    expect(result.bills.current.totalUsd).toBeCloseTo(result.current.monthlyCostUsd ?? 0, 9);
  });

  it("Fargate sizing: tasks carry the CPU load at the target utilisation", () => {
    // CPU per request: 0.3 × 0.2 s × (1024/1769 vCPU) = 0.034731 vCPU-s. Flat 50M/month = 19.026 rps
    // → 0.6608 vCPU busy. 0.25 vCPU task at 60%: 0.15 vCPU each → ceil(4.405) = 5 tasks, all month.
    const result = computeWhatIf(api);
    const quarter = result.fargateOptions.find((option) => option.vcpu === 0.25 && option.memoryGb === 0.5);
    expect(quarter?.peakTasks).toBe(5);
    expect(quarter?.averageTasks).toBe(5);
    // 5 × 730 h × ($0.04048 × 0.25 + $0.004445 × 0.5) = $45.0570
    expect(quarter?.monthlyCostUsd).toBeCloseTo(5 * 730 * (0.04048 * 0.25 + 0.004445 * 0.5), 9);
  });

  it("not autoscaled: the peak hour's tasks all month", () => {
    const shaped = { ...api, hourlyShape: computeTrafficShape("business-hours") };
    const autoscaled = computeWhatIf(shaped).cheapestFargate;
    const fixed = computeWhatIf({
      ...shaped,
      fargate: { ...shaped.fargate, isAutoscaled: false },
    }).cheapestFargate;
    expect(fixed?.averageTasks).toBe(fixed?.peakTasks);
    expect(fixed?.monthlyCostUsd ?? 0).toBeGreaterThan(autoscaled?.monthlyCostUsd ?? Infinity);
  });

  it("finds a crossover: Lambda cheaper at low volume, Fargate at high volume", () => {
    const result = computeWhatIf(api);
    const crossover = result.crossoverRequestsPerMonth;
    expect(crossover).not.toBeNull();
    const first = result.sweep[0];
    const last = result.sweep.at(-1);
    expect(first!.cheapestLambdaUsd!).toBeLessThan(first!.cheapestFargateUsd!);
    expect(last!.cheapestLambdaUsd!).toBeGreaterThan(last!.cheapestFargateUsd!);
    // At the crossover both cost the same within a cent per $100.
    const context = prepareWhatIf(api);
    const lambdaUsd = estimateWhatIfLambdaUsd(context, "x86_64", result.cheapestLambda!.memoryMb, crossover!);
    const fargateCosts = listFargateTaskSizes("linux", "x86_64")
      .filter((size) => size.memoryGb * 1024 >= 300 * 1.25)
      .map((size) => estimateWhatIfFargateUsd(context, "x86_64", size, crossover!) ?? Infinity);
    const fargateUsd = Math.min(...fargateCosts);
    expect(Math.abs((lambdaUsd ?? 0) - fargateUsd) / fargateUsd).toBeLessThan(0.01);
  });

  it("sweeps 50 log-spaced request rates from 10⁴ to 10¹⁰", () => {
    const requests = listBreakevenSweepRequests();
    expect(requests).toHaveLength(50);
    expect(requests[0]).toBe(1e4);
    expect(requests.at(-1)).toBe(1e10);
    expect(computeWhatIf(api).sweep.map((point) => point.requestsPerMonth)).toEqual(requests);
  });

  it("rewrite factors shorten duration and shrink memory", () => {
    const before = computeWhatIf({ ...api, maxMemoryUsedMb: 2000 });
    const after = computeWhatIf({
      ...api,
      maxMemoryUsedMb: 2000,
      rewrite: { durationFactor: 0.25, memoryFactor: 0.5 },
    });
    expect(before.cheapestLambda!.memoryMb).toBeGreaterThanOrEqual(2000);
    expect(after.cheapestLambda!.memoryMb).toBeLessThan(2000);
    expect(after.current.durationMs).toBeCloseTo(50, 9);
    expect(after.cheapestLambda!.monthlyCostUsd!).toBeLessThan(before.cheapestLambda!.monthlyCostUsd!);
  });

  it("a task size needing more than 5,000 tasks at peak is infeasible", () => {
    // 10¹⁰ requests/month, fully CPU-bound 1 s at 1,769 MB → 3,805 vCPU busy; 0.25 vCPU at 60% → 25,367 tasks
    const result = computeWhatIf({
      ...api,
      requestsPerMonth: 1e10,
      durationMs: 1000,
      memoryMb: 1769,
      cpuBoundShare: 1,
    });
    const quarter = result.fargateOptions.find((option) => option.vcpu === 0.25 && option.memoryGb === 1);
    expect(quarter?.isFeasible).toBe(false);
    expect(quarter?.infeasibleReason).toMatch(/tasks at peak; an ECS service runs at most 5,000/);
    expect(result.cheapestFargate?.peakTasks).toBeLessThanOrEqual(5000);
  });

  it("flags the timeout and the 10,240 MB ceiling", () => {
    const slow = computeWhatIf({
      ...api,
      maxMemoryUsedMb: 100,
      durationMs: 800_000,
      cpuBoundShare: 1,
      memoryMb: 10_240,
      parallelism: 6,
    });
    const tiny = slow.lambdaOptions.find((option) => option.memoryMb === 128);
    expect(tiny?.infeasibleReason).toBe("exceeds the 15-minute timeout");
    const huge = computeWhatIf({ ...api, maxMemoryUsedMb: 12_000 });
    expect(huge.cheapestLambda).toBeNull();
    expect(huge.lambdaOptions.every((option) => !option.isFeasible)).toBe(true);
    expect(huge.current.infeasibleReason).toBe("needs 12,000 MB but has 1,024 MB");
  });

  it("provisioned concurrency serves the busiest hours up to its count; the rest spills to on-demand", () => {
    // Flat 50M/month, 200 ms: concurrency 19.03 rps × 0.2 s = 3.8. PC 2 for 24 h serves 2/3.8 of requests.
    const withPc = { ...api, provisionedConcurrency: { count: 2, hoursPerDay: 24 } };
    const bill = computeWhatIf(withPc).bills.current;
    const pcLine = bill.lines.find((line) => line.component === "provisioned-duration");
    const servedShare = 2 / ((50e6 / 730 / 3600) * 0.2);
    expect(pcLine?.quantity).toBeCloseTo(50e6 * servedShare * 0.2 * 1, 3);
    // Capacity: 2 × 1 GB × 730 h × 3,600 s = 5,256,000 GB-s × $0.0000041667
    expect(bill.lines.find((line) => line.component === "provisioned-concurrency")?.costUsd).toBeCloseTo(
      5_256_000 * 0.0000041667,
      6,
    );
  });

  it("cold starts are billed as INIT on every option", () => {
    // 1% of 50M = 500,000 cold starts × 1 s × 1 GB = 500,000 GB-s × $0.0000166667 = $8.33335
    const result = computeWhatIf({ ...api, coldStart: { coldStartShare: 0.01, initDurationMs: 1000 } });
    const initUsd = result.bills.current.lines
      .filter((line) => line.component === "init")
      .reduce((sum, line) => sum + (line.costUsd ?? 0), 0);
    expect(initUsd).toBeCloseTo(500_000 * 0.0000166667, 6);
  });

  it("includes the front door and the Savings Plan on both sides", () => {
    const result = computeWhatIf({
      ...api,
      frontDoor: {
        kind: "alb",
        bytesPerRequest: 2000,
        rules: 5,
        newConnectionsPerRequest: 0.05,
        connectionSeconds: 10,
      },
      savingsPlan: { lambdaDiscount: 0.1, fargateDiscount: 0.2 },
    });
    for (const bill of [result.bills.current, result.bills.cheapestFargate!]) {
      expect(bill.lines.some((line) => line.service === "alb")).toBe(true);
      expect(bill.lines.some((line) => line.component === "savings-plan")).toBe(true);
    }
  });

  it("an unknown rate gives null costs and says which rate, never $0", () => {
    const result = computeWhatIf({ ...api, fargate: { ...api.fargate, isSpot: true } });
    expect(result.cheapestFargate).toBeNull();
    expect(result.fargateOptions.every((option) => option.monthlyCostUsd === null)).toBe(true);
    expect(result.crossoverRequestsPerMonth).toBeNull();
    expect(result.unknownRates).toContain("Fargate Spot Linux x86_64 vCPU rate for us-east-1");
    expect(result.sweep.every((point) => point.cheapestFargateUsd === null)).toBe(true);
  });

  it("compares both architectures when allowed", () => {
    const result = computeWhatIf({ ...api, canSwitchArchitecture: true });
    expect(new Set(result.lambdaOptions.map((option) => option.architecture))).toEqual(
      new Set(["x86_64", "arm64"]),
    );
    expect(result.cheapestLambda?.architecture).toBe("arm64"); // same duration assumed → arm is cheaper
    const slowerArm = computeWhatIf({
      ...api,
      canSwitchArchitecture: true,
      otherArchitectureDurationFactor: 1.5,
    });
    expect(slowerArm.cheapestLambda?.architecture).toBe("x86_64");
  });

  it.each([
    ["cpuBoundShare", { cpuBoundShare: 1.5 }],
    ["parallelism", { parallelism: 0 }],
    ["hourlyShape", { hourlyShape: [1, 2, 3] }],
    ["rewrite.durationFactor", { rewrite: { durationFactor: Number.NaN, memoryFactor: 1 } }],
    ["fargate.minTasks", { fargate: { ...api.fargate, minTasks: 1.5 } }],
    ["provisionedConcurrency.hoursPerDay", { provisionedConcurrency: { count: 1, hoursPerDay: 25 } }],
  ] as const)("rejects bad %s", (field, patch) => {
    expect(() => computeWhatIf({ ...api, ...(patch as Partial<Workload>) })).toThrow(
      expect.objectContaining({ field }) as Error,
    );
    expect(() => computeWhatIf({ ...api, ...(patch as Partial<Workload>) })).toThrow(PricingInputError);
  });
});

describe("provisioned concurrency break-even utilisation", () => {
  it.each([
    // u* = PC / (on-demand − PC duration), docs/aws-facts.md §1.7
    ["x86_64", 0.0000041667 / (0.0000166667 - 0.0000097222)],
    ["arm64", 0.0000033334 / (0.0000133334 - 0.0000077778)],
  ] as const)("%s ≈ 60%%", (architecture, expected) => {
    const utilization = computeProvisionedConcurrencyBreakevenUtilization("us-east-1", architecture);
    expect(utilization).toBeCloseTo(expected, 12);
    expect(utilization).toBeCloseTo(0.6, 3);
  });

  it("is null where PC rates are unknown", () => {
    expect(computeProvisionedConcurrencyBreakevenUtilization("sa-east-1", "x86_64")).toBeNull();
  });
});

// The sweep uses scalar fast paths; the three returned bills are itemized. They must agree.
describe("fast path equals the itemized bill", () => {
  const workloadArbitrary = fc.record({
    requestsPerMonth: fc.double({ min: 0, max: 2e10, noNaN: true }),
    preset: fc.constantFrom("flat", "business-hours", "spiky", "nightly-batch" as const),
    durationMs: fc.double({ min: 1, max: 60_000, noNaN: true }),
    memoryMb: fc.integer({ min: 128, max: 10_240 }),
    architecture: fc.constantFrom<Architecture>("x86_64", "arm64"),
    cpuBoundShare: fc.double({ min: 0, max: 1, noNaN: true }),
    parallelism: fc.integer({ min: 1, max: 8 }),
    isFreeTierApplied: fc.boolean(),
    frontDoor: fc.constantFrom(
      { kind: "none" } as const,
      { kind: "http-api" } as const,
      { kind: "rest-api" } as const,
      {
        kind: "alb",
        bytesPerRequest: 5000,
        rules: 20,
        newConnectionsPerRequest: 0.1,
        connectionSeconds: 30,
      } as const,
    ),
    savingsPlan: fc.option(
      fc.record({
        lambdaDiscount: fc.double({ min: 0, max: 0.17, noNaN: true }),
        fargateDiscount: fc.double({ min: 0, max: 0.5, noNaN: true }),
      }),
    ),
    provisionedConcurrency: fc.option(
      fc.record({
        count: fc.integer({ min: 0, max: 500 }),
        hoursPerDay: fc.double({ min: 0, max: 24, noNaN: true }),
      }),
    ),
    coldStart: fc.option(
      fc.record({
        coldStartShare: fc.double({ min: 0, max: 0.2, noNaN: true }),
        initDurationMs: fc.double({ min: 0, max: 10_000, noNaN: true }),
      }),
    ),
    os: fc.constantFrom("linux", "windows" as const),
    targetCpuUtilization: fc.double({ min: 0.1, max: 1, noNaN: true }),
    minTasks: fc.integer({ min: 0, max: 5 }),
    isAutoscaled: fc.boolean(),
    sampleMemoryMb: fc.integer({ min: 128, max: 10_240 }),
    sampleRequests: fc.double({ min: 0, max: 2e10, noNaN: true }),
  });

  it("for random workloads, memory sizes, task sizes and request rates", () => {
    fc.assert(
      fc.property(workloadArbitrary, (input) => {
        const workload: Workload = {
          ...api,
          ...input,
          hourlyShape: computeTrafficShape(input.preset),
          maxMemoryUsedMb: 100,
          fargate: {
            os: input.os,
            isSpot: false,
            targetCpuUtilization: input.targetCpuUtilization,
            minTasks: input.minTasks,
            isAutoscaled: input.isAutoscaled,
          },
          canSwitchArchitecture: true,
        };
        const context = prepareWhatIf(workload);
        for (const architecture of ["x86_64", "arm64"] as const) {
          const fast = estimateWhatIfLambdaUsd(
            context,
            architecture,
            input.sampleMemoryMb,
            input.sampleRequests,
          );
          const billedMs = estimateDurationMs(
            {
              durationMs: input.durationMs,
              memoryMb: input.memoryMb,
              cpuBoundShare: input.cpuBoundShare,
              parallelism: input.parallelism,
            },
            input.sampleMemoryMb,
          );
          if (billedMs > 900_000) continue;
          const bill = computeWhatIfLambdaBill(
            context,
            architecture,
            input.sampleMemoryMb,
            input.sampleRequests,
          );
          expect(fast).not.toBeNull();
          expect(Math.abs((fast ?? 0) - (bill.totalUsd ?? Number.NaN))).toBeLessThanOrEqual(
            1e-9 * Math.max(1, fast ?? 0),
          );
        }
        const architecture = input.os === "windows" ? "x86_64" : input.architecture;
        const sizes = listFargateTaskSizes(input.os, architecture);
        const size = sizes[input.sampleMemoryMb % sizes.length]!;
        const fast = estimateWhatIfFargateUsd(context, architecture, size, input.sampleRequests);
        if (context.peakTasks > FARGATE_MAX_TASKS_PER_SERVICE) return; // never billed by the what-if
        const bill = computeWhatIfFargateBill(context, architecture, size, input.sampleRequests);
        expect(fast).not.toBeNull();
        expect(Math.abs((fast ?? 0) - (bill.totalUsd ?? Number.NaN))).toBeLessThanOrEqual(
          1e-9 * Math.max(1, fast ?? 0),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("the what-if's own options equal their bills", () => {
    const workload: Workload = {
      ...api,
      hourlyShape: computeTrafficShape("business-hours"),
      isFreeTierApplied: true,
      frontDoor: { kind: "http-api" },
      savingsPlan: { lambdaDiscount: 0.12, fargateDiscount: 0.2 },
      provisionedConcurrency: { count: 3, hoursPerDay: 9 },
      coldStart: { coldStartShare: 0.01, initDurationMs: 700 },
      canSwitchArchitecture: true,
    };
    const result = computeWhatIf(workload);
    expect(result.bills.cheapestLambda?.totalUsd).toBeCloseTo(result.cheapestLambda?.monthlyCostUsd ?? 0, 9);
    expect(result.bills.cheapestFargate?.totalUsd).toBeCloseTo(
      result.cheapestFargate?.monthlyCostUsd ?? 0,
      9,
    );
    expect(result.bills.current.totalUsd).toBeCloseTo(result.current.monthlyCostUsd ?? 0, 9);
    // The sweep's cheapest Lambda never beats an exhaustive search over every option.
    const context = prepareWhatIf(workload);
    for (const point of result.sweep.filter((_, index) => index % 7 === 0)) {
      const exhaustive = Math.min(
        ...result.lambdaOptions
          .filter((option) => option.isFeasible)
          .map(
            (option) =>
              estimateWhatIfLambdaUsd(
                context,
                option.architecture,
                option.memoryMb,
                point.requestsPerMonth,
              ) ?? Infinity,
          ),
      );
      expect(point.cheapestLambdaUsd).toBeCloseTo(exhaustive, 9);
    }
  });
});

describe("no NaN or Infinity ever comes out", () => {
  it("for extreme but valid workloads", () => {
    const extremes: Partial<Workload>[] = [
      { requestsPerMonth: 0 },
      { requestsPerMonth: 1e13 },
      { durationMs: 0 },
      { cpuBoundShare: 0, durationMs: 0.001 },
      { maxMemoryUsedMb: 0 },
      { provisionedConcurrency: { count: 1e6, hoursPerDay: 24 } },
      { hourlyShape: [1, ...Array.from({ length: 23 }, () => 0)] },
    ];
    for (const patch of extremes) {
      const result = computeWhatIf({ ...api, ...patch });
      const json = JSON.stringify(result, (_key, value: unknown) => {
        if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`non-finite ${value}`);
        return value;
      });
      expect(json.length).toBeGreaterThan(0);
    }
  });
});
