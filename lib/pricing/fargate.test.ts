import { describe, expect, it } from "vitest";
import type { FargateUsage } from "./types";
import { assertFargateTaskSize, computeFargateBill, listFargateTaskSizes } from "./fargate";
import { PricingInputError } from "./errors";

const f1: FargateUsage = {
  region: "us-east-1",
  architecture: "x86_64",
  os: "linux",
  vcpu: 1,
  memoryGb: 2,
  tasks: 5,
  runSeconds: 600,
  runsPerTask: 30,
  ephemeralStorageGb: 30,
};

function componentUsd(usage: FargateUsage, component: string): number {
  return computeFargateBill(usage)
    .lines.filter((line) => line.component === component)
    .reduce((sum, line) => sum + (line.costUsd ?? Number.NaN), 0);
}

// Golden vectors: worked examples of https://aws.amazon.com/fargate/pricing/ (page copy ≥ 2026-06, read
// on 2026-11-01; docs/aws-facts.md §2.5). Price List hourly rates: $0.04048/vCPU-h,
// $0.004445/GB-h, $0.000111/GB-h storage (AmazonECS us-east-1, 2022-11 capture, unchanged in 2026).
describe("computeFargateBill reproduces the Fargate pricing page examples to the cent", () => {
  it("F-1 ECS Linux/x86 with 30 GB storage: $1.26", () => {
    // Task-hours: 5 tasks × 30 runs × 600 s / 3,600 = 25 h
    // vCPU: 1 × 25 h × $0.04048 = $1.012; memory: 2 GB × 25 h × $0.004445 = $0.22225
    // Storage: (30 − 20) GB × 25 h × $0.000111 = $0.02775.  Total $1.262 → $1.26
    expect(componentUsd(f1, "vcpu")).toBeCloseTo(1.012, 9);
    expect(componentUsd(f1, "memory")).toBeCloseTo(0.22225, 9);
    expect(componentUsd(f1, "ephemeral-storage")).toBeCloseTo(0.02775, 9);
    expect(computeFargateBill(f1).totalUsd).toBeCloseTo(1.26, 2);
  });

  it("F-3 EKS pods 0.25 vCPU / 1 GB: $4.37", () => {
    // Task-hours: 10 × 30 × 3,600 s / 3,600 = 300 h
    // vCPU: 0.25 × 300 × $0.04048 = $3.036; memory: 1 × 300 × $0.004445 = $1.3335.  Total $4.3695 → $4.37
    const bill = computeFargateBill({
      ...f1,
      vcpu: 0.25,
      memoryGb: 1,
      tasks: 10,
      runSeconds: 3600,
      runsPerTask: 30,
      ephemeralStorageGb: undefined,
    });
    expect(bill.totalUsd).toBeCloseTo(4.37, 2);
    expect(bill.lines.map((line) => line.unit)).toEqual(["vCPU-hours", "GB-hours"]);
  });
});

describe("computeFargateBill rules", () => {
  it.each([
    // [case, patch, expected USD, maths]
    [
      "Linux bills at least 1 minute per run",
      { runSeconds: 10, ephemeralStorageGb: 20 },
      (5 * 30 * 60 * (0.04048 + 2 * 0.004445)) / 3600,
      "150 runs × 60 s = 2.5 h × ($0.04048 + 2 × $0.004445) = $0.123425",
    ],
    [
      "Linux rounds up to the second",
      { runSeconds: 600.2, ephemeralStorageGb: 20 },
      (5 * 30 * 601 * (0.04048 + 2 * 0.004445)) / 3600,
      "150 × 601 s",
    ],
    [
      "arm64 Linux rates",
      { architecture: "arm64", ephemeralStorageGb: 20 },
      25 * (0.03238 + 2 * 0.00356),
      "25 h × ($0.03238 + 2 × $0.00356) = $0.9875",
    ],
    [
      "Windows: 5-minute minimum and a per-vCPU OS licence",
      { os: "windows", runSeconds: 60, ephemeralStorageGb: 20 },
      (5 * 30 * 300 * (0.09148 + 2 * 0.01005 + 0.046)) / 3600,
      "150 runs × 300 s = 12.5 h × ($0.09148 + 2 × $0.01005 + $0.046) = $1.969375",
    ],
  ] as const)("%s", (_name, patch, expectedUsd, _maths) => {
    expect(computeFargateBill({ ...f1, ...(patch as Partial<FargateUsage>) }).totalUsd).toBeCloseTo(
      expectedUsd,
      9,
    );
  });

  it("Windows page example, modelled with the page's per-second rates ($0.0000254167 vCPU-s, $0.0000027778 GB-s, $0.0000127778 OS-s)", () => {
    // The engine uses Price List hourly rates ($0.09148/$0.01005/$0.046). On the page's rates a 1 vCPU / 2 GB
    // task for 10 min: 600 × (0.0000254167 + 2 × 0.0000027778 + 0.0000127778) = $0.0262...; the engine
    // differs by under 0.1% because of the page's rounding.
    const pageUsd = 600 * (0.0000254167 + 2 * 0.0000027778 + 0.0000127778);
    const bill = computeFargateBill({
      ...f1,
      os: "windows",
      tasks: 1,
      runsPerTask: 1,
      ephemeralStorageGb: 20,
    });
    expect(Math.abs((bill.totalUsd ?? 0) - pageUsd) / pageUsd).toBeLessThan(0.001);
  });

  it("Fargate Spot rates are unconfirmed in the book: unknown, never $0", () => {
    const bill = computeFargateBill({ ...f1, isSpot: true });
    expect(bill.totalUsd).toBeNull();
    expect(bill.unknownRates).toEqual([
      "Fargate Spot Linux x86_64 vCPU rate for us-east-1",
      "Fargate Spot Linux x86_64 memory rate for us-east-1",
    ]);
    // Storage is still known and priced.
    expect(bill.lines.find((line) => line.component === "ephemeral-storage")?.costUsd).toBeCloseTo(
      0.02775,
      9,
    );
  });

  it("Spot is Linux only", () => {
    expect(() => computeFargateBill({ ...f1, os: "windows", isSpot: true })).toThrow(/Linux tasks only/);
  });

  it("more run time than a month per task is refused", () => {
    expect(() => computeFargateBill({ ...f1, runSeconds: 3600, runsPerTask: 745 })).toThrow(
      PricingInputError,
    );
  });

  it("a region without Windows rates reports which rates are missing", () => {
    const bill = computeFargateBill({ ...f1, region: "eu-central-1", os: "windows", ephemeralStorageGb: 20 });
    expect(bill.totalUsd).toBeNull();
    expect(bill.unknownRates).toContain("Fargate Windows x86_64 vCPU rate for eu-central-1");
  });
});

describe("Fargate task sizes", () => {
  it("lists the documented Linux combinations", () => {
    const sizes = listFargateTaskSizes("linux", "x86_64");
    // 3 + 4 + 7 + 13 + 23 + 12 + 12 + 3
    expect(sizes).toHaveLength(77);
    expect(sizes).toContainEqual({ vcpu: 0.25, memoryGb: 0.5 });
    expect(sizes).toContainEqual({ vcpu: 8, memoryGb: 60 });
    expect(sizes).not.toContainEqual({ vcpu: 8, memoryGb: 18 });
    expect(listFargateTaskSizes("linux", "arm64").some((size) => size.vcpu === 32)).toBe(false);
  });

  it("Windows needs at least 1 vCPU and x86_64", () => {
    const sizes = listFargateTaskSizes("windows", "x86_64");
    expect(Math.min(...sizes.map((size) => size.vcpu))).toBe(1);
    expect(listFargateTaskSizes("windows", "arm64")).toEqual([]);
  });

  it.each([
    ["linux", "x86_64", 1, 16, "memoryGb", "1 vCPU takes 2–8 GB in 1 GB steps; got 16 GB"],
    ["linux", "x86_64", 0.25, 4, "memoryGb", "0.25 vCPU takes 0.5, 1 or 2 GB; got 4 GB"],
    ["linux", "x86_64", 8, 18, "memoryGb", "8 vCPU takes 16–60 GB in 4 GB steps; got 18 GB"],
    [
      "linux",
      "x86_64",
      3,
      8,
      "vcpu",
      "vcpu must be one of 0.25, 0.5, 1, 2, 4, 8, 16, 32 for linux/x86_64; got 3",
    ],
    [
      "windows",
      "x86_64",
      0.5,
      1,
      "vcpu",
      "Windows tasks need at least 1 vCPU: vcpu must be one of 1, 2, 4 for windows/x86_64; got 0.5",
    ],
    ["windows", "arm64", 1, 2, "architecture", "Windows on Fargate runs on x86_64 only; got arm64"],
  ] as const)("%s/%s %s vCPU %s GB is rejected", (os, architecture, vcpu, memoryGb, field, message) => {
    let error: unknown;
    try {
      assertFargateTaskSize(os, architecture, vcpu, memoryGb);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PricingInputError);
    expect((error as PricingInputError).field).toBe(field);
    expect((error as PricingInputError).message).toBe(message);
  });
});
