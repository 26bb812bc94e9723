import { describe, expect, it } from "vitest";
import {
  DEFAULT_PRICE_BOOK,
  computeLambdaBill,
  computeProvisionedConcurrencyBreakevenUtilization,
  getRateUsd,
} from "@/lib/pricing";
import { computeFargateAdvice, computeFleetAdvice, computeLambdaAdvice, fitMemoryCurve } from "./index";
import { computeCostPerInvocationUsd } from "./curve";
import { computePcMonthlyUsd } from "./lambda";
import { computeProvisionedUtilization } from "./utilization";
import { createFargateEvidence, createLambdaEvidence, createObservations } from "./test-evidence";

/** Duration of a CPU-bound function with 4 threads and garbage-collection pressure below ~1.4 GB. */
function cpuBoundWithGcMs(memoryMb: number): number {
  const vcpu = Math.min(memoryMb / 1769, 4);
  const gcPenalty = 1 + 0.8 * Math.max(0, 1350 / memoryMb - 1);
  return 2_000 + (50_000 * gcPenalty) / vcpu;
}

/** I/O-bound: mostly waiting, a little CPU. */
function ioBoundMs(memoryMb: number): number {
  return 180 + 20 / Math.min(memoryMb / 1769, 1);
}

function findKind(advice: ReturnType<typeof computeLambdaAdvice>, kind: string) {
  return advice.recommendations.find((r) => r.kind === kind) ?? null;
}

describe("fitMemoryCurve", () => {
  const options = {
    architecture: "x86_64" as const,
    runtime: "python3.12",
    region: "us-east-1",
    currentMemoryMb: 1024,
  };

  it("goes through the observed sizes and shows cost per invocation falling, then rising, for a CPU-bound function", () => {
    const curve = fitMemoryCurve(createObservations([512, 1024, 2048, 3008], cpuBoundWithGcMs), options)!;
    expect(curve.method).toBe("fit");
    expect(curve.confidence).toBe("high");
    for (const observed of curve.observed) {
      const point = curve.points.find((p) => p.memoryMb === observed.memoryMb)!;
      expect(point.isObserved).toBe(true);
      expect(point.durationMs).toBeCloseTo(observed.durationAvgMs, 6);
      expect(point.durationLowMs).toBeLessThan(point.durationMs);
      expect(point.durationHighMs).toBeGreaterThan(point.durationMs);
    }
    const cost = (memoryMb: number) =>
      curve.points.find((p) => p.memoryMb === memoryMb)!.costPerInvocationUsd!;
    expect(cost(1024)).toBeLessThan(cost(512));
    expect(cost(2048)).toBeLessThan(cost(1024));
    expect(cost(3008)).toBeGreaterThan(cost(2048));
    expect(curve.parallelism).toBeGreaterThan(1);
  });

  it("shows an I/O-bound function only getting dearer with memory", () => {
    const curve = fitMemoryCurve(createObservations([256, 512, 1024, 2048], ioBoundMs), options)!;
    const costs = curve.points.filter((p) => p.memoryMb >= 256).map((p) => p.costPerInvocationUsd!);
    for (let index = 1; index < costs.length; index += 1)
      expect(costs[index]!).toBeGreaterThanOrEqual(costs[index - 1]!);
    expect(curve.cpuBoundShare).toBeLessThan(0.2);
  });

  it("with one observed size says so, uses the runtime default and lowers the confidence", () => {
    const curve = fitMemoryCurve(createObservations([1024], ioBoundMs), options)!;
    expect(curve.method).toBe("runtime-default");
    expect(curve.confidence).toBe("low");
    expect(curve.cpuBoundShare).toBeCloseTo(0.4, 6);
    expect(curve.note).toMatch(/only/);
    // The band widens away from the only observation.
    const at = (memoryMb: number) => curve.points.find((p) => p.memoryMb === memoryMb)!;
    const width = (memoryMb: number) => at(memoryMb).durationHighMs / at(memoryMb).durationMs;
    expect(width(4096)).toBeGreaterThan(width(2048));
    expect(width(2048)).toBeGreaterThan(width(1024));
  });

  it("carries p50/p95/p99 per size where percentiles exist, and null where none were seen", () => {
    const withP95 = fitMemoryCurve(createObservations([512, 1024], ioBoundMs, { p95Ratio: 2 }), options)!;
    const at768 = withP95.points.find((p) => p.memoryMb === 768)!;
    expect(at768.durationP95Ms).toBeCloseTo(at768.durationMs * 2, 6);
    expect(at768.durationP50Ms).toBeCloseTo(at768.durationMs * 0.9, 6);
    expect(at768.durationP99Ms).toBeCloseTo(at768.durationMs * 2.5, 6);
    const withoutP95 = fitMemoryCurve(
      createObservations([1024], ioBoundMs).map((o) => ({ ...o, durationP95Ms: null })),
      options,
    )!;
    expect(withoutP95.points.every((p) => p.durationP95Ms === null)).toBe(true);
    expect(withoutP95.points.every((p) => p.durationP50Ms !== null)).toBe(true);
  });

  it("prices a point like the pricing engine's bill for one invocation", () => {
    const usd = computeCostPerInvocationUsd(DEFAULT_PRICE_BOOK, "us-east-1", "arm64", 1536, 120.4);
    const bill = computeLambdaBill({
      region: "us-east-1",
      architecture: "arm64",
      memoryMb: 1536,
      requestsPerMonth: 1_000_000,
      durationMs: 120.4,
      isFreeTierApplied: false,
    });
    expect(usd! * 1_000_000).toBeCloseTo(bill.totalUsd!, 6);
  });

  it("returns null without observations and an unknown cost where the region has no rates", () => {
    expect(fitMemoryCurve([], options)).toBeNull();
    const curve = fitMemoryCurve(createObservations([1024], ioBoundMs), {
      ...options,
      region: "xx-nowhere-1",
    })!;
    expect(curve.points.every((p) => p.costPerInvocationUsd === null)).toBe(true);
  });
});

describe("Lambda memory", () => {
  it("raises a CPU-bound function where more memory is cheaper, with high confidence", () => {
    const advice = computeLambdaAdvice(
      createLambdaEvidence({
        memoryMb: 1024,
        timeoutSeconds: 300,
        observations: createObservations([512, 1024, 2048, 3008], cpuBoundWithGcMs, { maxMemoryUsedMb: 760 }),
      }),
    );
    const memory = findKind(advice, "lambda-memory")!;
    expect(memory.proposed.memoryMb).toBeGreaterThan(1024);
    expect(memory.proposed.memoryMb).toBeLessThanOrEqual(2048);
    expect(memory.monthlySavingUsd).toBeGreaterThan(0);
    expect(memory.confidence).toBe("high");
    expect(memory.summary).toMatch(/^Raise test-fn to /);
    expect(memory.evidence.some((e) => e.chart === "memory-curve")).toBe(true);
  });

  it("never proposes less than the memory used plus headroom", () => {
    const advice = computeLambdaAdvice(
      createLambdaEvidence({
        memoryMb: 2048,
        observations: createObservations([512, 1024, 2048], ioBoundMs, { maxMemoryUsedMb: 700 }),
      }),
      { settings: { maxSlowdown: 10 } },
    );
    const memory = findKind(advice, "lambda-memory")!;
    expect(memory.proposed.memoryMb).toBeGreaterThanOrEqual(Math.ceil(700 * 1.2));
  });

  it("respects the timeout and a latency limit", () => {
    const slow = (memoryMb: number) => 1_000 + 40_000 / Math.min(memoryMb / 1769, 1);
    const evidence = createLambdaEvidence({
      memoryMb: 2048,
      timeoutSeconds: 60,
      observations: createObservations([1024, 2048], slow, { maxMemoryUsedMb: 150 }),
    });
    const free = findKind(computeLambdaAdvice(evidence, { settings: { maxSlowdown: 100 } }), "lambda-memory");
    for (const point of computeLambdaAdvice(evidence).curve!.points) {
      if (free && point.memoryMb === free.proposed.memoryMb)
        expect(point.durationHighMs).toBeLessThanOrEqual(60_000);
    }
    const limited = computeLambdaAdvice(evidence, { settings: { latencyLimitMs: 45_000 * 1.8 } });
    const memory = findKind(limited, "lambda-memory");
    if (memory) {
      const point = limited.curve!.points.find((p) => p.memoryMb === memory.proposed.memoryMb)!;
      expect(point.durationP95Ms!).toBeLessThanOrEqual(45_000 * 1.8);
    }
    const strict = computeLambdaAdvice(evidence, { settings: { latencyLimitMs: 1 } });
    expect(findKind(strict, "lambda-memory")).toBeNull();
  });

  it("gives no memory advice from a single size unless memory is clearly over-provisioned", () => {
    const tight = computeLambdaAdvice(
      createLambdaEvidence({ observations: createObservations([1024], ioBoundMs, { maxMemoryUsedMb: 700 }) }),
    );
    expect(findKind(tight, "lambda-memory")).toBeNull();
    const loose = computeLambdaAdvice(
      createLambdaEvidence({ observations: createObservations([1024], ioBoundMs, { maxMemoryUsedMb: 150 }) }),
    );
    const memory = findKind(loose, "lambda-memory")!;
    expect(memory.confidence).toBe("low");
    expect(memory.proposed.memoryMb).toBeGreaterThanOrEqual(512);
  });

  it("says 'insufficient data' with too few invocations or unknown traffic, as Compute Optimizer does", () => {
    const few = computeLambdaAdvice(
      createLambdaEvidence({ invocations: 12, observations: createObservations([1024], ioBoundMs) }),
    );
    expect(few.recommendations).toEqual([]);
    expect(few.noAdvice).toMatchObject({ status: "insufficient-data" });
    const unknown = computeLambdaAdvice(createLambdaEvidence({ invocations: null }));
    expect(unknown.noAdvice).toMatchObject({ status: "insufficient-data" });
    const idle = computeLambdaAdvice(createLambdaEvidence({ invocations: 0 }));
    expect(idle.noAdvice).toMatchObject({ status: "not-applicable" });
  });
});

describe("arm64", () => {
  const observations = createObservations([1024], ioBoundMs, { maxMemoryUsedMb: 700 });

  it("moves an x86_64 zip function on a supported runtime, saving about 20 % of its duration cost", () => {
    const advice = computeLambdaAdvice(createLambdaEvidence({ observations }));
    const arm = findKind(advice, "lambda-arm64")!;
    const x86 = getRateUsd(DEFAULT_PRICE_BOOK, "us-east-1", "lambda.x86_64.duration.tier-1")!;
    const arm64 = getRateUsd(DEFAULT_PRICE_BOOK, "us-east-1", "lambda.arm64.duration.tier-1")!;
    const durationMs = advice.curve!.points.find((p) => p.memoryMb === 1024)!.durationMs;
    const expected =
      3_000_000 * (1024 / 1024) * (Math.ceil(durationMs) / 1000) * (x86 - arm64) * (30.416666 / 30);
    expect(arm.monthlySavingUsd!).toBeCloseTo(expected, 1);
    expect(arm.confidence).toBe("medium");
    expect(arm.risks.join(" ")).toMatch(/Native dependencies/);
  });

  it("uses a speed factor measured on both architectures, and the user's factor otherwise", () => {
    const both = [
      ...observations,
      ...createObservations([1024], (m) => ioBoundMs(m) * 1.1, { architecture: "arm64" }),
    ];
    const measured = findKind(
      computeLambdaAdvice(createLambdaEvidence({ observations: both })),
      "lambda-arm64",
    )!;
    expect(measured.confidence).toBe("high");
    expect(measured.proposed.speedFactor).toBeCloseTo(1.1, 2);
    const slower = findKind(
      computeLambdaAdvice(createLambdaEvidence({ observations }), { settings: { armSpeedFactor: 1.2 } }),
      "lambda-arm64",
    );
    expect(slower).toBeNull(); // 20 % slower eats the 20 % discount
  });

  it("leaves container images, unsupported runtimes and arm64 functions alone", () => {
    for (const overrides of [
      { packageType: "Image" as const, runtime: null },
      { runtime: "go1.x" },
      { architecture: "arm64" as const },
    ]) {
      const advice = computeLambdaAdvice(createLambdaEvidence({ observations, ...overrides }));
      expect(findKind(advice, "lambda-arm64")).toBeNull();
    }
  });
});

describe("provisioned concurrency", () => {
  const breakeven = computeProvisionedConcurrencyBreakevenUtilization("us-east-1", "x86_64")!;

  it("is judged on time-averaged utilisation, not the daily peak", () => {
    // 40 environments, 1 s invocations, 10 busy on average: 25 % time-averaged.
    const utilization = computeProvisionedUtilization({
      provisionedInvocations: 10 * 86_400 * 30,
      durationAvgMs: 1000,
      environments: 40,
      activeSeconds: 86_400 * 30,
    });
    expect(utilization).toBeCloseTo(0.25, 6);
    expect(utilization!).toBeLessThan(breakeven);
    expect(
      computeProvisionedUtilization({
        provisionedInvocations: null,
        durationAvgMs: 1,
        environments: 1,
        activeSeconds: 1,
      }),
    ).toBeNull();
  });

  it("reduces, removes or schedules an under-used configuration, with the saving in dollars", () => {
    const perHour = 2 * 3600; // 2 busy environments of 1 s invocations
    const advice = computeLambdaAdvice(
      createLambdaEvidence({
        durationAvgMs: 1000,
        invocations: perHour * 24 * 30,
        hourlyInvocations: Array.from({ length: 24 }, () => perHour),
        provisionedConcurrency: [{ qualifier: "live", count: 40, activeHoursPerDay: 24 }],
        provisionedInvocations: perHour * 24 * 30,
        spilloverInvocations: 0,
        observations: createObservations([1024], () => 1000, { maxMemoryUsedMb: 900 }),
      }),
    );
    const pc = findKind(advice, "provisioned-concurrency")!;
    expect(["reduce", "remove", "schedule"]).toContain(pc.proposed.action);
    expect(pc.proposed.provisionedConcurrency).toBeLessThan(40);
    expect(pc.monthlySavingUsd!).toBeGreaterThan(100);
    expect(pc.evidence[0]!.value).toMatch(/^5%/);
  });

  it("schedules PC to busy hours when the night is idle", () => {
    const hourly = Array.from({ length: 24 }, (_, hour) => (hour >= 8 && hour < 20 ? 8 * 3600 : 0));
    const total = hourly.reduce((a, b) => a + b, 0) * 30;
    const advice = computeLambdaAdvice(
      createLambdaEvidence({
        durationAvgMs: 1000,
        invocations: total,
        hourlyInvocations: hourly,
        provisionedConcurrency: [{ qualifier: "live", count: 8, activeHoursPerDay: 24 }],
        provisionedInvocations: total,
        spilloverInvocations: 0,
        observations: createObservations([1024], () => 1000, { maxMemoryUsedMb: 900 }),
      }),
    );
    const pc = findKind(advice, "provisioned-concurrency")!;
    expect(pc.proposed.action).toBe("schedule");
    expect(pc.proposed.activeHoursPerDay).toBe(12);
    expect(pc.proposed.activeHoursUtc).toBe("08:00–20:00 UTC");
  });

  it("keeps a saturated configuration: more environments pay while utilisation is above break-even", () => {
    const rates = {
      pcUsd: getRateUsd(DEFAULT_PRICE_BOOK, "us-east-1", "lambda.x86_64.provisioned-concurrency")!,
      pcDurationUsd: getRateUsd(DEFAULT_PRICE_BOOK, "us-east-1", "lambda.x86_64.provisioned-duration")!,
      onDemandUsd: getRateUsd(DEFAULT_PRICE_BOOK, "us-east-1", "lambda.x86_64.duration.tier-1")!,
    };
    const all = Array.from({ length: 24 }, () => true);
    const concurrency = Array.from({ length: 24 }, () => 10);
    const at = (n: number) => computePcMonthlyUsd(n, all, concurrency, 1, rates);
    expect(at(10)).toBeLessThan(at(8));
    expect(at(10)).toBeLessThan(at(0));
    expect(at(10)).toBeLessThan(at(12));
  });
});

describe("Lambda → Fargate", () => {
  const busy = 400 * 3600; // 400 requests a second
  it("moves steady high traffic to at least two right-sized tasks behind an ALB", () => {
    const advice = computeLambdaAdvice(
      createLambdaEvidence({
        runtime: "nodejs22.x",
        architecture: "arm64",
        memoryMb: 1024,
        invocations: busy * 24 * 30,
        hourlyInvocations: Array.from({ length: 24 }, (_, hour) => busy * (1 + 0.05 * Math.sin(hour))),
        observations: createObservations([1024], () => 60, { maxMemoryUsedMb: 700, architecture: "arm64" }),
      }),
    );
    const move = findKind(advice, "lambda-to-fargate")!;
    expect(move.proposed.tasks).toBeGreaterThanOrEqual(2);
    expect(move.proposed.frontDoor).toBe("alb");
    expect(move.confidence).toBe("high");
    expect(move.savingPercent!).toBeGreaterThan(0.2);
    expect(move.summary).toMatch(
      /^Move test-fn to Fargate: \d+ × .* tasks behind an ALB, \$[\d,.]+ a month less \(\d+/,
    );
  });

  it("leaves spiky traffic on Lambda", () => {
    const spiky = Array.from({ length: 24 }, (_, hour) => (hour === 12 ? busy * 20 : busy / 10));
    const advice = computeLambdaAdvice(
      createLambdaEvidence({
        invocations: spiky.reduce((a, b) => a + b, 0) * 30,
        hourlyInvocations: spiky,
        observations: createObservations([1024], () => 60, { maxMemoryUsedMb: 700 }),
      }),
    );
    expect(findKind(advice, "lambda-to-fargate")).toBeNull();
  });
});

describe("Fargate", () => {
  it("keeps a well-used service as it is", () => {
    const advice = computeFargateAdvice(createFargateEvidence());
    expect(advice.recommendations).toEqual([]);
    expect(advice.noAdvice).toMatchObject({ status: "right-sized" });
  });

  it("right-sizes an over-sized service to a valid task size at the target utilisation", () => {
    const advice = computeFargateAdvice(
      createFargateEvidence({
        cpuUnits: 4096,
        memoryMb: 16_384,
        cpuUtilizationAvgPercent: 5,
        cpuUtilizationPeakPercent: 9,
        memoryUtilizationAvgPercent: 10,
        memoryUtilizationPeakPercent: 12,
      }),
    );
    const rightSize = advice.recommendations.find((r) => r.kind === "fargate-right-size")!;
    // 4 vCPU × 9 % ÷ 60 % = 0.6 vCPU → 1 vCPU; 16 GB × 12 % × 1.25 = 2.4 GB → 3 GB.
    expect(rightSize.proposed).toMatchObject({ vcpu: 1, memoryGb: 3 });
    expect(rightSize.savingPercent!).toBeGreaterThan(0.7);
  });

  it("proposes Spot for a tagged service, with an unknown saving when no rate is known", () => {
    const tagged = createFargateEvidence({ tags: { "interruption-tolerant": "true" } });
    const unknown = computeFargateAdvice(tagged).recommendations.find((r) => r.kind === "fargate-spot")!;
    expect(unknown.monthlySavingUsd).toBeNull();
    expect(unknown.confidence).toBe("low");
    expect(unknown.summary).toMatch(/saving unknown/);
    const billed = computeFargateAdvice(tagged, {
      spotRates: [
        {
          region: "us-east-1",
          architecture: "x86_64",
          vcpuHourUsd: 0.012,
          gbHourUsd: 0.0013,
          source: "bill",
        },
      ],
    }).recommendations.find((r) => r.kind === "fargate-spot")!;
    expect(billed.monthlySavingUsd!).toBeGreaterThan(0);
    expect(billed.confidence).toBe("high");
    expect(computeFargateAdvice(createFargateEvidence()).recommendations).toEqual([]);
    expect(
      computeFargateAdvice(createFargateEvidence({ ...tagged, os: "windows" })).recommendations.some(
        (r) => r.kind === "fargate-spot",
      ),
    ).toBe(false);
  });

  it("moves an idle service with a known request rate to Lambda", () => {
    const advice = computeFargateAdvice(
      createFargateEvidence({
        cpuUnits: 512,
        memoryMb: 1024,
        cpuUtilizationAvgPercent: 6,
        cpuUtilizationPeakPercent: 12,
        memoryUtilizationAvgPercent: 30,
        memoryUtilizationPeakPercent: 32,
        requests: 100_000,
        requestDurationMs: 120,
      }),
    );
    const move = advice.recommendations.find((r) => r.kind === "fargate-to-lambda")!;
    expect(move.proposed.memoryMb).toBe(448); // 1 GB × 32 % × 1.25 = 410 MB → 448 MB
    expect(move.savingPercent!).toBeGreaterThan(0.9);
    // Unknown request rate: no move.
    const unknown = computeFargateAdvice(
      createFargateEvidence({ cpuUtilizationAvgPercent: 6, requests: null }),
    );
    expect(unknown.recommendations.some((r) => r.kind === "fargate-to-lambda")).toBe(false);
  });
});

describe("computeFleetAdvice", () => {
  it("sorts by saving and counts each resource's largest saving once", () => {
    const fleet = computeFleetAdvice({
      functions: [
        createLambdaEvidence({
          observations: createObservations([1024], ioBoundMs, { maxMemoryUsedMb: 150 }),
        }),
      ],
      services: [
        createFargateEvidence({
          cpuUnits: 4096,
          memoryMb: 16_384,
          cpuUtilizationAvgPercent: 5,
          cpuUtilizationPeakPercent: 9,
          memoryUtilizationAvgPercent: 10,
          memoryUtilizationPeakPercent: 12,
        }),
      ],
    });
    const savings = fleet.recommendations.map((r) => r.monthlySavingUsd ?? -1);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
    const perResource = new Map<string, number>();
    for (const r of fleet.recommendations)
      perResource.set(r.resourceArn, Math.max(perResource.get(r.resourceArn) ?? 0, r.monthlySavingUsd ?? 0));
    expect(fleet.totalMonthlySavingUsd).toBeCloseTo(
      [...perResource.values()].reduce((a, b) => a + b, 0),
      6,
    );
  });
});
