import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeLambdaBill } from "./lambda";
import type { BilledLine, ModelledLine } from "./reconciliation";
import {
  allocateBilledLines,
  allocateNanoUsd,
  computeFargateModelledDay,
  computeLambdaModelledDay,
  computeReconciliation,
} from "./reconciliation";

const DAY = Date.UTC(2026, 9, 20);
const LAMBDA = "AWS Lambda";

describe("allocateNanoUsd (largest remainder on integers)", () => {
  it("splits $4.000000001 3 : 1 and gives the odd nano-dollar to the larger remainder", () => {
    // 4,000,000,001 × 3/4 = 3,000,000,000.75 and × 1/4 = 1,000,000,000.25: floors add to 4e9, one left.
    expect(allocateNanoUsd(4_000_000_001n, [3, 1])).toEqual([3_000_000_001n, 1_000_000_000n]);
  });

  it("splits negative amounts (credits, negations) the same way, and refuses when nobody used it", () => {
    expect(allocateNanoUsd(-10n, [1, 1, 1])).toEqual([-4n, -3n, -3n]);
    expect(allocateNanoUsd(5n, [0, 0])).toBeNull();
    expect(allocateNanoUsd(5n, [])).toBeNull();
  });

  it("is exact for fractional weights (GB-seconds are not integers)", () => {
    expect(allocateNanoUsd(1_000_000_000n, [0.1, 0.2, 0.7])).toEqual([
      100_000_000n,
      200_000_000n,
      700_000_000n,
    ]);
  });

  it("always adds up to the amount, to the nano-dollar (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (amount, weights) => {
          const parts = allocateNanoUsd(amount, weights);
          if (parts === null) return weights.every((weight) => !(weight > 0));
          return parts.reduce((sum, part) => sum + part, 0n) === amount;
        },
      ),
    );
  });
});

describe("computeLambdaModelledDay", () => {
  it("prices one function-day by usage type, INIT inside Lambda-GB-Second, without the free tier", () => {
    const usage = {
      region: "us-east-1",
      architecture: "arm64" as const,
      memoryMb: 1024,
      requestsPerMonth: 100_000,
      durationMs: 100,
      init: { coldStartsPerMonth: 200, initDurationMs: 500 },
      isFreeTierApplied: true,
    };
    const day = computeLambdaModelledDay([usage]);
    const bill = computeLambdaBill({ ...usage, isFreeTierApplied: false });
    expect(day.lines.map((line) => line.usageType).sort()).toEqual(["Lambda-GB-Second-ARM", "Request-ARM"]);
    const duration = day.lines.find((line) => line.usageType === "Lambda-GB-Second-ARM")!;
    // 100,000 × 0.1 s × 1 GB + 200 × 0.5 s × 1 GB = 10,100 GB-s.
    expect(duration.quantity).toBeCloseTo(10_100, 9);
    const totalUsd = day.lines.reduce((sum, line) => sum + (line.costUsd ?? Number.NaN), 0);
    expect(totalUsd).toBeCloseTo(bill.totalUsd!, 12);
    expect(day.unknownRates).toEqual([]);
  });

  it("keeps the quantity and makes the cost unknown where the price book has no rate", () => {
    const day = computeLambdaModelledDay([
      {
        region: "eu-west-1",
        architecture: "x86_64",
        memoryMb: 1024,
        requestsPerMonth: 1_000,
        durationMs: 10,
        ephemeralStorageMb: 2048,
        isFreeTierApplied: false,
      },
    ]);
    const storage = day.lines.find((line) => line.usageType === "EU-Lambda-Storage-GB-Second")!;
    expect(storage.quantity).toBeGreaterThan(0);
    expect(storage.costUsd).toBeNull();
    expect(day.unknownRates.length).toBeGreaterThan(0);
  });
});

describe("computeFargateModelledDay", () => {
  const usage = {
    region: "us-east-1",
    architecture: "x86_64" as const,
    os: "linux" as const,
    vcpu: 1,
    memoryGb: 2,
    tasks: 2,
    runSeconds: 86_400,
    runsPerTask: 1,
  };

  it("splits tasks between on-demand and Spot; Spot is unknown without a factor", () => {
    const day = computeFargateModelledDay(usage, 0.5);
    const vcpu = day.lines.find((line) => line.usageType === "USE1-Fargate-vCPU-Hours:perCPU")!;
    expect(vcpu.quantity).toBeCloseTo(24, 9); // 1 task × 24 h × 1 vCPU
    const spot = day.lines.find((line) => line.usageType === "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU")!;
    expect(spot.costUsd).toBeNull();
    const priced = computeFargateModelledDay(usage, 0.5, 0.3);
    const spotPriced = priced.lines.find((line) => line.usageType === spot.usageType)!;
    expect(spotPriced.costUsd).toBeCloseTo(vcpu.costUsd! * 0.3, 12);
  });
});

const billed = (over: Partial<BilledLine>): BilledLine => ({
  accountId: "111111111111",
  region: "us-east-1",
  service: LAMBDA,
  usageType: "Lambda-GB-Second",
  recordType: "Usage",
  resourceArn: "",
  dayMs: DAY,
  component: "duration",
  nanoUsd: 0n,
  ...over,
});
const modelled = (over: Partial<ModelledLine>): ModelledLine => ({
  accountId: "111111111111",
  region: "us-east-1",
  service: LAMBDA,
  resourceArn: "fn-a",
  dayMs: DAY,
  usageType: "Lambda-GB-Second",
  component: "duration",
  quantity: 0,
  costUsd: 0,
  ...over,
});

describe("allocateBilledLines", () => {
  it("gives a named line to its resource, splits an unnamed one by modelled usage, keeps the rest unattributed", () => {
    const lines = [
      billed({ nanoUsd: 9_000_000_000n }),
      billed({ resourceArn: "fn-c", nanoUsd: 1_000_000_000n }),
      billed({ usageType: "Lambda-Quantum-GB-Second", component: "other", nanoUsd: 500_000_000n }),
    ];
    const usage = [
      modelled({ resourceArn: "fn-a", quantity: 200 }),
      modelled({ resourceArn: "fn-b", quantity: 100 }),
      modelled({ resourceArn: "fn-a", usageType: "Request", component: "requests", quantity: 5 }),
    ];
    const allocations = allocateBilledLines(lines, usage);
    const byArn = (arn: string | null, usageType = "Lambda-GB-Second") =>
      allocations
        .filter((a) => a.resourceArn === arn && a.usageType === usageType)
        .map((a) => [a.nanoUsd, a.basis]);
    expect(byArn("fn-a")).toEqual([[6_000_000_000n, "share"]]);
    expect(byArn("fn-b")).toEqual([[3_000_000_000n, "share"]]);
    expect(byArn("fn-c")).toEqual([[1_000_000_000n, "resource"]]);
    expect(byArn(null, "Lambda-Quantum-GB-Second")).toEqual([[500_000_000n, "unattributed"]]);
  });
});

describe("computeReconciliation", () => {
  it("computes billed − modelled per account, region and service, and names the causes over 5 %", () => {
    const lines = [
      billed({ nanoUsd: 10_000_000_000n }),
      billed({
        region: "global",
        usageType: "Global-Lambda-GB-Second",
        recordType: "Credit",
        nanoUsd: -2_000_000_000n,
      }),
    ];
    const usage = [modelled({ quantity: 100, costUsd: 9.995 })];
    const result = computeReconciliation(lines, usage, allocateBilledLines(lines, usage));
    const [global, east] = result.services;
    expect(global).toMatchObject({ region: "global", residualUsd: -2, modelledUsd: 0 });
    expect(global!.causes.map((cause) => [cause.kind, cause.amountUsd])).toEqual([["free-tier", -2]]);
    expect(east!.residualUsd).toBeCloseTo(0.005, 12);
    expect(east!.causes).toEqual([]); // 0.05 % is within the model's tolerance
    expect(result.days).toEqual([{ dayMs: DAY, billedNanoUsd: 8_000_000_000n, modelledUsd: 9.995 }]);
  });

  it("nets Savings Plans covered usage against its negation and names the plan", () => {
    const ecs = "Amazon Elastic Container Service";
    const usageType = "USE1-Fargate-vCPU-Hours:perCPU";
    const lines = [
      billed({
        service: ecs,
        usageType,
        component: "vcpu",
        recordType: "SavingsPlanCoveredUsage",
        resourceArn: "svc",
        nanoUsd: 4_000_000_000n,
      }),
      billed({
        service: ecs,
        usageType,
        component: "vcpu",
        recordType: "SavingsPlanNegation",
        nanoUsd: -4_000_000_000n,
      }),
    ];
    const usage = [
      modelled({
        service: ecs,
        usageType,
        component: "vcpu",
        resourceArn: "svc",
        quantity: 98.8,
        costUsd: 4,
      }),
    ];
    const [service] = computeReconciliation(lines, usage, allocateBilledLines(lines, usage)).services;
    expect(service).toMatchObject({ billedNanoUsd: 0n, modelledUsd: 4, residualUsd: -4, residualShare: 1 });
    expect(service!.causes[0]).toMatchObject({ kind: "savings-plans", amountUsd: -4 });
    expect(service!.usageTypes[0]!.recordTypes).toEqual(["SavingsPlanCoveredUsage", "SavingsPlanNegation"]);
  });
});
