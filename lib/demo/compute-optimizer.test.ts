import { beforeAll, describe, expect, it } from "vitest";
import {
  describeComputeOptimizerNotice,
  getComputeOptimizerAdvice,
} from "@/lib/db/queries/compute-optimizer";
import { assertFargateTaskSize, computeLambdaBill, HOURS_PER_MONTH } from "@/lib/pricing";
import { describeForBothDatabases } from "@/test/databases";
import { CATALOGUE_LAMBDA_SPECS, CATALOGUE_SERVICES } from "./catalogue";
import {
  COMPUTE_OPTIMIZER_MAX_LAMBDA_MEMORY_MB,
  DEMO_COMPUTE_OPTIMIZER_LOOKBACK_DAYS,
  PLANTED_LAMBDA_ADVICE,
  PLANTED_SERVICE_ADVICE,
} from "./compute-optimizer";
import { loadDemoFleet, removeDemoFleet } from "./load";
import { toFargateServiceArn } from "./simulate-fargate";
import { modelDurationMs, toLambdaArn } from "./simulate-lambda";
import { DEMO_ACCOUNTS, DEMO_REGIONS } from "./specs";

const AS_OF = new Date("2026-11-01T00:00:00.000Z");
const DAY_MS = 86_400_000;
const LOOKBACK_FROM = new Date(AS_OF.getTime() - DEMO_COMPUTE_OPTIMIZER_LOOKBACK_DAYS * DAY_MS);
const MONTH_FACTOR = HOURS_PER_MONTH / (DEMO_COMPUTE_OPTIMIZER_LOOKBACK_DAYS * 24);

const prodFunction = (name: string) => toLambdaArn({ account: "prod", region: "us-east-1", name });

function findLambdaSpec(arn: string) {
  const spec = CATALOGUE_LAMBDA_SPECS.find((candidate) => toLambdaArn(candidate) === arn);
  if (!spec) throw new Error(`no catalogue function ${arn}`);
  return spec;
}

describe("planted Compute Optimizer advice", () => {
  it("names catalogue resources AWS would review, with sizes AWS could recommend", () => {
    for (const planted of PLANTED_LAMBDA_ADVICE) {
      const spec = findLambdaSpec(toLambdaArn(planted));
      // Compute Optimizer's memory advice covers x86_64 only (docs/compute-optimizer.md).
      expect(spec.architecture, planted.name).toBe("x86_64");
      if (planted.advice) {
        expect(spec.memoryMb, planted.name).toBeLessThanOrEqual(COMPUTE_OPTIMIZER_MAX_LAMBDA_MEMORY_MB);
        const direction = Math.sign(planted.advice.recommendedMemoryMb - spec.memoryMb);
        const expected = planted.advice.reasonCodes.includes("MemoryUnderprovisioned")
          ? 1
          : planted.advice.reasonCodes.includes("MemoryOverprovisioned")
            ? -1
            : 0;
        expect(direction, planted.name).toBe(expected);
      }
    }
    for (const planted of PLANTED_SERVICE_ADVICE) {
      const spec = CATALOGUE_SERVICES.find(
        (candidate) => toFargateServiceArn(candidate) === toFargateServiceArn(planted),
      );
      expect(spec, planted.name).toBeDefined();
      if (!spec) continue;
      expect(() =>
        assertFargateTaskSize(
          spec.os,
          spec.architecture,
          planted.recommendedCpuUnits / 1024,
          planted.recommendedMemoryMb / 1024,
        ),
      ).not.toThrow();
      if (planted.finding === "Overprovisioned") {
        expect(planted.recommendedCpuUnits).toBeLessThanOrEqual(spec.cpuUnits);
        expect(planted.recommendedMemoryMb).toBeLessThanOrEqual(spec.memoryMb);
        expect(planted.recommendedCpuUnits * planted.recommendedMemoryMb).toBeLessThan(
          spec.cpuUnits * spec.memoryMb,
        );
      }
    }
  });
});

describeForBothDatabases("demo fleet: AWS Compute Optimizer advice", (getDatabase) => {
  beforeAll(async () => {
    await loadDemoFleet(getDatabase().db, { asOf: AS_OF, days: 30, hourlyDays: 1 });
  }, 120_000);

  it("stores one read per demo account, region and kind: acme-prod enrolled, acme-staging not", async () => {
    const { db } = getDatabase();
    const states = await db.computeOptimizerState.findMany();
    expect(states).toHaveLength(Object.keys(DEMO_ACCOUNTS).length * DEMO_REGIONS.length * 2);
    for (const state of states) {
      expect(state.checkedAt).toEqual(AS_OF);
      const stored = await db.computeOptimizerRecommendation.count({
        where: { accountId: state.accountId, region: state.region, resourceKind: state.resourceKind },
      });
      expect(state.recommendations).toBe(stored);
      if (state.accountId === DEMO_ACCOUNTS.prod.id) {
        expect(state).toMatchObject({ status: "ok", code: null });
      } else {
        expect(state).toMatchObject({ status: "not-enrolled", code: "OptInRequiredException" });
        expect(stored).toBe(0);
      }
    }
    const rows = await db.computeOptimizerRecommendation.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(PLANTED_LAMBDA_ADVICE.length + PLANTED_SERVICE_ADVICE.length);
    for (const row of rows) {
      expect(row).toMatchObject({ source: "api", lookbackDays: DEMO_COMPUTE_OPTIMIZER_LOOKBACK_DAYS });
      expect(row.lastRefreshAt).toEqual(AS_OF);
    }
  });

  it("report-builder: AWS says memory-underprovisioned, 1,024 → 2,048 MB, from the fleet's own figures", async () => {
    const { db } = getDatabase();
    const arn = prodFunction("report-builder");
    const spec = findLambdaSpec(arn);
    const advice = await getComputeOptimizerAdvice({ arn, kind: "lambda" }, {}, db);
    expect(advice.state?.status).toBe("ok");
    expect(advice.items).toHaveLength(1);
    const item = advice.items[0]!;
    expect(item).toMatchObject({
      qualifier: "$LATEST",
      source: "api",
      finding: "NotOptimized",
      findingReasonCodes: ["MemoryUnderprovisioned"],
      currentMemoryMb: 1024,
      recommendedMemoryMb: 2048,
      lookbackDays: 14,
      lastRefreshAt: AS_OF.toISOString(),
    });
    expect(describeComputeOptimizerNotice(advice, "function")).toBeNull();

    // The lookback as stored: the function's daily observations of the last 14 days.
    const observations = await db.memoryObservation.findMany({
      where: { functionArn: arn, observedOn: { gte: LOOKBACK_FROM, lt: AS_OF } },
    });
    expect(observations.length).toBeGreaterThan(0);
    const invocations = observations.reduce((sum, o) => sum + o.invocations, 0);
    const observedMs =
      observations.reduce((sum, o) => sum + o.invocations * o.durationAvgMs!, 0) / invocations;
    expect(item.invocations).toBe(invocations);

    // Projected duration: the simulator's model at 2,048 MB, scaled to what was observed at 1,024 MB.
    const current = { memoryMb: 1024, architecture: spec.architecture };
    const expectedMs =
      (observedMs * modelDurationMs(spec.duration, { ...current, memoryMb: 2048 })) /
      modelDurationMs(spec.duration, current);
    expect(item.projectedDurationExpectedMs).toBeCloseTo(expectedMs, 1);
    expect(item.projectedDurationExpectedMs!).toBeLessThan(observedMs / 2); // ~2.3 × faster
    expect(item.projectedDurationLowerMs!).toBeLessThanOrEqual(item.projectedDurationExpectedMs!);
    expect(item.projectedDurationUpperMs!).toBeGreaterThanOrEqual(item.projectedDurationExpectedMs!);

    // Saving: the same invocations priced at both sizes by lib/pricing, for a 730-hour month.
    const price = (memoryMb: number, durationMs: number) =>
      computeLambdaBill({
        region: spec.region,
        architecture: spec.architecture,
        memoryMb,
        requestsPerMonth: invocations,
        durationMs,
        ephemeralStorageMb: spec.ephemeralStorageMb,
        isFreeTierApplied: false,
      }).totalUsd!;
    const currentUsd = price(1024, observedMs);
    const savingUsd = (currentUsd - price(2048, expectedMs)) * MONTH_FACTOR;
    expect(item.estimatedMonthlySavings?.currency).toBe("USD");
    expect(item.estimatedMonthlySavings?.amount).toBeCloseTo(savingUsd, 2);
    expect(savingUsd).toBeGreaterThan(0); // cheaper as well as faster
    expect(item.savingsOpportunityPercent).toBeCloseTo((100 * savingUsd) / (currentUsd * MONTH_FACTOR), 1);
  });

  it("an over-provisioned function gets a saving; an optimized one none", async () => {
    const { db } = getDatabase();
    const over = await getComputeOptimizerAdvice(
      { arn: prodFunction("dotnet-tax-calculator"), kind: "lambda" },
      {},
      db,
    );
    expect(over.items[0]).toMatchObject({
      finding: "NotOptimized",
      findingReasonCodes: ["MemoryOverprovisioned"],
    });
    expect(over.items[0]!.recommendedMemoryMb!).toBeLessThan(over.items[0]!.currentMemoryMb!);
    expect(over.items[0]!.estimatedMonthlySavings!.amount).toBeGreaterThan(0);

    const optimized = await getComputeOptimizerAdvice(
      { arn: prodFunction("shipping-quotes"), kind: "lambda" },
      {},
      db,
    );
    expect(optimized.items[0]).toMatchObject({ finding: "Optimized", findingReasonCodes: [] });
    expect(optimized.items[0]!.recommendedMemoryMb).toBe(optimized.items[0]!.currentMemoryMb);
    expect(optimized.items[0]!.estimatedMonthlySavings).toEqual({ amount: 0, currency: "USD" });
  });

  it("AWS's limits: too few invocations is InsufficientData, above 1,792 MB Inconclusive (hidden unless asked)", async () => {
    const { db } = getDatabase();
    const idleArn = prodFunction("legacy-report-mailer");
    const hidden = await getComputeOptimizerAdvice({ arn: idleArn, kind: "lambda" }, {}, db);
    expect(hidden.items).toEqual([]);
    expect(hidden.unavailableCount).toBe(1);
    expect(describeComputeOptimizerNotice(hidden, "function")).toMatch(
      /has no recommendation for this function yet \(finding Unavailable/,
    );
    const idle = await getComputeOptimizerAdvice(
      { arn: idleArn, kind: "lambda" },
      { includeUnavailable: true },
      db,
    );
    const invocations = await db.memoryObservation.aggregate({
      where: { functionArn: idleArn, observedOn: { gte: LOOKBACK_FROM } },
      _sum: { invocations: true },
    });
    expect(idle.items[0]).toMatchObject({
      finding: "Unavailable",
      findingReasonCodes: ["InsufficientData"],
      invocations: invocations._sum.invocations ?? 0,
      recommendedMemoryMb: null,
      estimatedMonthlySavings: null,
    });
    expect(idle.items[0]!.invocations!).toBeLessThan(50);

    const big = await getComputeOptimizerAdvice(
      { arn: prodFunction("image-thumbnailer"), kind: "lambda" },
      { includeUnavailable: true },
      db,
    );
    expect(big.items[0]).toMatchObject({ finding: "Unavailable", findingReasonCodes: ["Inconclusive"] });
    expect(big.items[0]!.currentMemoryMb!).toBeGreaterThan(COMPUTE_OPTIMIZER_MAX_LAMBDA_MEMORY_MB);
    expect(big.items[0]!.invocations!).toBeGreaterThanOrEqual(50);
  });

  it("reporting-engine: over-provisioned, a smaller task, the saving from its own cost lines", async () => {
    const { db } = getDatabase();
    const arn = toFargateServiceArn({
      account: "prod",
      region: "us-east-1",
      clusterName: "prod-core",
      name: "reporting-engine",
    });
    const advice = await getComputeOptimizerAdvice({ arn, kind: "fargate" }, {}, db);
    expect(advice.items).toHaveLength(1);
    const item = advice.items[0]!;
    expect(item).toMatchObject({
      qualifier: null,
      finding: "Overprovisioned",
      findingReasonCodes: ["CPUOverprovisioned", "MemoryOverprovisioned"],
      currentCpuUnits: 4096,
      currentMemoryMb: 16384,
    });
    const cpuShare = 1 - item.recommendedCpuUnits! / item.currentCpuUnits!;
    const memoryShare = 1 - item.recommendedMemoryMb! / item.currentMemoryMb!;
    expect(cpuShare).toBeGreaterThan(0);
    expect(memoryShare).toBeGreaterThan(0);
    const lines = await db.costLine.findMany({ where: { resourceArn: arn, day: { gte: LOOKBACK_FROM } } });
    const usd = (component: string) =>
      lines
        .filter((l) => l.component === component)
        .reduce((sum, l) => sum + Number(l.amountNanoUsd) / 1e9, 0);
    const totalUsd = lines.reduce((sum, l) => sum + Number(l.amountNanoUsd) / 1e9, 0);
    const savingUsd = usd("vcpu") * cpuShare + usd("memory") * memoryShare;
    expect(savingUsd).toBeGreaterThan(0);
    expect(item.estimatedMonthlySavings?.amount).toBeCloseTo(savingUsd * MONTH_FACTOR, 1);
    expect(item.savingsOpportunityPercent).toBeCloseTo((100 * savingUsd) / totalUsd, 1);
  });

  it("the staging account reads as not enrolled; an unplanted prod function as no data", async () => {
    const { db } = getDatabase();
    const staging = await getComputeOptimizerAdvice(
      { arn: toLambdaArn({ account: "staging", region: "us-east-1", name: "orders-api" }), kind: "lambda" },
      {},
      db,
    );
    expect(staging.state).toMatchObject({ status: "not-enrolled", code: "OptInRequiredException" });
    expect(describeComputeOptimizerNotice(staging, "function")).toBe(
      "This account is not enrolled in AWS Compute Optimizer (checked 2026-11-01); enrol it in the Compute Optimizer console, or import its CSV export.",
    );
    const stagingService = await getComputeOptimizerAdvice(
      {
        arn: toFargateServiceArn({
          account: "staging",
          region: "us-east-1",
          clusterName: "staging-core",
          name: "ledger-api",
        }),
        kind: "fargate",
      },
      {},
      db,
    );
    expect(stagingService.state?.status).toBe("not-enrolled");

    const unplanted = await getComputeOptimizerAdvice(
      { arn: prodFunction("orders-api"), kind: "lambda" },
      {},
      db,
    );
    expect(unplanted.state?.status).toBe("ok");
    expect(describeComputeOptimizerNotice(unplanted, "function")).toBe(
      "No Compute Optimizer data for this function.",
    );
  });

  it("removing the demo removes its Compute Optimizer rows and states", async () => {
    const { db } = getDatabase();
    expect(await db.computeOptimizerRecommendation.count()).toBeGreaterThan(0);
    await removeDemoFleet(db);
    expect(await db.computeOptimizerRecommendation.count()).toBe(0);
    expect(await db.computeOptimizerState.count()).toBe(0);
  });
});
