import type { Bill, BillLine, SavingsPlan } from "./types";
import { sumLinesUsd } from "./bill";
import { assertNumberInRange } from "./validate";

/**
 * Compute Savings Plans cover Lambda duration (incl. billed INIT, which is duration), provisioned
 * concurrency and its duration, and Fargate vCPU and memory — never requests, storage, the Windows
 * OS licence, front doors or Fargate Spot. Modelled as a flat discount on covered usage, i.e. a
 * commitment sized to be fully used every hour (docs/aws-facts.md §3).
 */
/** Compute Savings Plans top out at 66% (EC2); Lambda and Fargate get far less (≤ 17% and ≤ 52%). */
export const SAVINGS_PLAN_MAX_DISCOUNT = 0.66;

export function isCoveredBySavingsPlan(line: BillLine): boolean {
  if (line.service === "lambda") {
    return (
      line.component === "duration" ||
      line.component === "init" ||
      line.component === "provisioned-concurrency" ||
      line.component === "provisioned-duration"
    );
  }
  if (line.service === "fargate") {
    return (
      (line.component === "vcpu" || line.component === "memory") && !line.rateKey?.startsWith("fargate.spot.")
    );
  }
  return false;
}

export function validateSavingsPlan(plan: SavingsPlan, field = "savingsPlan"): void {
  assertNumberInRange(
    `${field}.lambdaDiscount`,
    plan.lambdaDiscount,
    0,
    SAVINGS_PLAN_MAX_DISCOUNT,
    "(fraction)",
  );
  assertNumberInRange(
    `${field}.fargateDiscount`,
    plan.fargateDiscount,
    0,
    SAVINGS_PLAN_MAX_DISCOUNT,
    "(fraction)",
  );
}

/**
 * A new bill with one "savings-plan" discount line per service whose covered lines cost something.
 * The discount is a fraction (< 1) of covered costs, so a total never goes negative; an unknown
 * covered line makes the discount (and the total) unknown.
 */
export function applySavingsPlan(bill: Bill, plan: SavingsPlan | null): Bill {
  if (!plan) return bill;
  validateSavingsPlan(plan);
  const lines = bill.lines.filter((line) => line.component !== "savings-plan");
  const discountLines: BillLine[] = [];
  for (const service of ["lambda", "fargate"] as const) {
    const discount = service === "lambda" ? plan.lambdaDiscount : plan.fargateDiscount;
    const covered = lines.filter((line) => line.service === service && isCoveredBySavingsPlan(line));
    if (discount <= 0 || covered.length === 0) continue;
    const coveredUsd = sumLinesUsd(covered);
    if (coveredUsd === 0) continue;
    let knownCoveredUsd = 0;
    for (const line of covered) knownCoveredUsd += line.costUsd ?? 0;
    const what =
      service === "lambda" ? "Lambda duration and provisioned concurrency" : "Fargate vCPU and memory";
    discountLines.push({
      item: `Compute Savings Plan (${Math.round(discount * 1000) / 10}% off ${what})`,
      quantity: knownCoveredUsd,
      unit: "USD covered",
      unitPriceUsd: -discount,
      costUsd: coveredUsd === null ? null : -discount * coveredUsd,
      service,
      component: "savings-plan",
    });
  }
  const allLines = [...lines, ...discountLines];
  return { ...bill, lines: allLines, totalUsd: sumLinesUsd(allLines) };
}
