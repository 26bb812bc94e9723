import { describe, expect, it } from "vitest";
import { applySavingsPlan } from "./savings-plan";
import { computeLambdaBill } from "./lambda";
import { computeFargateBill } from "./fargate";
import { mergeBills } from "./bill";
import { PricingInputError } from "./errors";

const pc1 = computeLambdaBill({
  region: "us-east-1",
  architecture: "x86_64",
  memoryMb: 1536,
  requestsPerMonth: 3_000_000,
  durationMs: 120,
  isFreeTierApplied: true,
  provisionedConcurrency: { count: 100, hoursPerMonth: 8, requests: 500_000, durationMs: 100 },
});

describe("applySavingsPlan", () => {
  it("discounts Lambda duration, PC and PC duration, never requests", () => {
    // Covered: $0.833335 + $18.000144 + $0.729165 = $19.562644; 12% = $2.34751728
    // Total $19.962644 − $2.34751728 = $17.61512672 (requests $0.40 untouched)
    const bill = applySavingsPlan(pc1, { lambdaDiscount: 0.12, fargateDiscount: 0.2 });
    const discount = bill.lines.filter((line) => line.component === "savings-plan");
    expect(discount).toHaveLength(1);
    expect(discount[0]?.quantity).toBeCloseTo(19.562644, 9);
    expect(discount[0]?.costUsd).toBeCloseTo(-2.34751728, 9);
    expect(bill.totalUsd).toBeCloseTo(17.61512672, 9);
    expect(pc1.lines.some((line) => line.component === "savings-plan")).toBe(false); // input untouched
  });

  it("discounts Fargate vCPU and memory, not storage or the Windows licence", () => {
    // Windows 1 vCPU/2 GB, 25 task-hours, 30 GB storage:
    // covered vCPU 25 × $0.09148 + memory 50 × $0.01005 = $2.287 + $0.5025 = $2.7895; 20% = $0.5579
    const fargate = computeFargateBill({
      region: "us-east-1",
      architecture: "x86_64",
      os: "windows",
      vcpu: 1,
      memoryGb: 2,
      tasks: 5,
      runSeconds: 600,
      runsPerTask: 30,
      ephemeralStorageGb: 30,
    });
    const bill = applySavingsPlan(fargate, { lambdaDiscount: 0, fargateDiscount: 0.2 });
    expect(bill.lines.at(-1)?.costUsd).toBeCloseTo(-0.5579, 9);
    expect((fargate.totalUsd ?? 0) - (bill.totalUsd ?? 0)).toBeCloseTo(0.5579, 9);
  });

  it("never covers Fargate Spot", () => {
    const spot = computeFargateBill({
      region: "us-east-1",
      architecture: "x86_64",
      os: "linux",
      vcpu: 1,
      memoryGb: 2,
      tasks: 1,
      runSeconds: 3600,
      runsPerTask: 1,
      isSpot: true,
    });
    const bill = applySavingsPlan(spot, { lambdaDiscount: 0.1, fargateDiscount: 0.5 });
    expect(bill.lines.some((line) => line.component === "savings-plan")).toBe(false);
  });

  it("keeps totals non-negative and refuses discounts above 66%", () => {
    const bill = applySavingsPlan(mergeBills(pc1), { lambdaDiscount: 0.66, fargateDiscount: 0.66 });
    expect(bill.totalUsd).toBeGreaterThan(0);
    expect(() => applySavingsPlan(pc1, { lambdaDiscount: 1.5, fargateDiscount: 0 })).toThrow(
      PricingInputError,
    );
    expect(() => applySavingsPlan(pc1, { lambdaDiscount: -0.1, fargateDiscount: 0 })).toThrow(
      PricingInputError,
    );
  });

  it("is idempotent: applying twice does not discount twice", () => {
    const plan = { lambdaDiscount: 0.12, fargateDiscount: 0 };
    expect(applySavingsPlan(applySavingsPlan(pc1, plan), plan).totalUsd).toBeCloseTo(
      applySavingsPlan(pc1, plan).totalUsd ?? 0,
      12,
    );
  });
});
