/**
 * Bill lines the demo plants so that its Reconciliation page has something to explain: every other
 * demo line is priced by lib/pricing from the same usage the model reads, so without these the
 * residual would be zero. Both are what a real bill shows and what the model does not price.
 *
 * - **Free tier (acme-prod).** The Lambda free tier (1M requests and 400,000 GB-s a month,
 *   docs/aws-facts.md §1.3) is account-wide; the demo bills every function at list rates and adds
 *   the allowance back as `Credit` lines on the Price List's free-tier usage types
 *   (`Global-Request`, `Global-Lambda-GB-Second`, §7.3), one day's share (a month's allowance ÷ the
 *   days of that month) every day, valued at the us-east-1 x86_64 list rates. acme-prod uses far
 *   more than the allowance, so the credit is always used in full.
 * - **Savings Plans (acme-staging).** `staging-core/ledger-api`'s vCPU and memory usage is covered
 *   by a Compute Savings Plan: its usage lines become `SavingsPlanCoveredUsage` (same on-demand
 *   amount, still naming the service) and each day gets a `SavingsPlanNegation` line per usage type
 *   that names no resource and cancels it in unblended cost. AmortizedCost carries what the plan
 *   costs (DEMO_SAVINGS_PLAN_DISCOUNT off); the commitment itself is billed under the Savings Plans
 *   service, which Breakeven does not read (§3).
 */
import { DEFAULT_PRICE_BOOK, getRateUsd } from "@/lib/pricing";
import type { CostLineRow } from "@/lib/db/import/tables";
import { mapUsageTypeToComponent, toUsageUnit } from "@/lib/db/import/usage-types";
import { toNanoUsd, toUsdDecimalString } from "@/lib/money";
import { DEMO_SOURCE, LAMBDA_SERVICE } from "./cost-lines";
import { DEMO_ACCOUNTS } from "./specs";
import type { DemoWindow } from "./time";
import { DAY_MS, toDayStartMs } from "./time";

/** The service whose compute a Savings Plan covers, and the plan's discount (docs/aws-facts.md §3). */
export const DEMO_SAVINGS_PLAN_SERVICE_ARN = `arn:aws:ecs:us-east-1:${DEMO_ACCOUNTS.staging.id}:service/staging-core/ledger-api`;
export const DEMO_SAVINGS_PLAN_DISCOUNT = 0.2;
/** The account whose Lambda free tier the demo credits back. */
export const DEMO_FREE_TIER_ACCOUNT_ID = DEMO_ACCOUNTS.prod.id;

const FREE_TIER_CREDITS = [
  { usageType: "Global-Request", quantityPerMonth: 1_000_000, rateKey: "lambda.x86_64.requests" },
  {
    usageType: "Global-Lambda-GB-Second",
    quantityPerMonth: 400_000,
    rateKey: "lambda.x86_64.duration.tier-1",
  },
] as const;

function toPlantedLine(
  fields: Pick<
    CostLineRow,
    "accountId" | "region" | "service" | "usageType" | "recordType" | "resourceArn" | "day"
  >,
  amount: string,
  amortizedAmount: string,
  usageQuantity: number | null,
): CostLineRow {
  return {
    ...fields,
    component: mapUsageTypeToComponent(fields.usageType),
    amount,
    amountNanoUsd: toNanoUsd(amount),
    amortizedAmount,
    amortizedNanoUsd: toNanoUsd(amortizedAmount),
    currency: "USD",
    usageQuantity,
    usageUnit: usageQuantity === null ? null : toUsageUnit(fields.usageType),
    isEstimated: false,
    source: DEMO_SOURCE,
  };
}

/** Negates a decimal string exactly ("1.5" → "-1.5", "-2" → "2", "0.000" → "0.000"). */
function negateDecimal(amount: string): string {
  if (/^-?0*\.?0*$/.test(amount.replace(/^-/, ""))) return amount.replace(/^-/, "");
  return amount.startsWith("-") ? amount.slice(1) : `-${amount}`;
}

/**
 * The Savings Plan rewrite of one service's cost lines: unchanged unless it is
 * DEMO_SAVINGS_PLAN_SERVICE_ARN, whose vCPU and memory lines become covered usage plus a negation
 * per usage type and day. The amounts on the service stay the same (its cost views do not move).
 */
export function applyDemoSavingsPlan(lines: readonly CostLineRow[]): CostLineRow[] {
  const result: CostLineRow[] = [];
  const negations: CostLineRow[] = [];
  for (const line of lines) {
    const isCovered =
      line.resourceArn === DEMO_SAVINGS_PLAN_SERVICE_ARN &&
      line.recordType === "Usage" &&
      (line.component === "vcpu" || line.component === "memory");
    if (!isCovered) {
      result.push(line);
      continue;
    }
    const effective = toUsdDecimalString(
      (Number(line.amountNanoUsd) / 1e9) * (1 - DEMO_SAVINGS_PLAN_DISCOUNT),
    );
    result.push({
      ...line,
      recordType: "SavingsPlanCoveredUsage",
      amortizedAmount: effective,
      amortizedNanoUsd: toNanoUsd(effective),
    });
    negations.push(
      toPlantedLine(
        { ...line, recordType: "SavingsPlanNegation", resourceArn: "" },
        negateDecimal(line.amount),
        "0",
        null,
      ),
    );
  }
  return [...result, ...negations];
}

/** One `Credit` line per free-tier usage type and day of the window for DEMO_FREE_TIER_ACCOUNT_ID. */
export function listDemoFreeTierCredits(window: DemoWindow): CostLineRow[] {
  const lines: CostLineRow[] = [];
  for (let index = 0; index < window.days; index += 1) {
    const dayMs = toDayStartMs(window, index);
    const day = new Date(dayMs);
    const daysInMonth = Math.round(
      (Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1) -
        Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1)) /
        DAY_MS,
    );
    for (const credit of FREE_TIER_CREDITS) {
      const rateUsd = getRateUsd(DEFAULT_PRICE_BOOK, "us-east-1", credit.rateKey);
      if (rateUsd === null) throw new Error(`demo: no price for ${credit.rateKey} in us-east-1`);
      const quantity = credit.quantityPerMonth / daysInMonth;
      const amount = toUsdDecimalString(-quantity * rateUsd);
      lines.push(
        toPlantedLine(
          {
            accountId: DEMO_FREE_TIER_ACCOUNT_ID,
            region: "global",
            service: LAMBDA_SERVICE,
            usageType: credit.usageType,
            recordType: "Credit",
            resourceArn: "",
            day,
          },
          amount,
          amount,
          quantity,
        ),
      );
    }
  }
  return lines;
}
