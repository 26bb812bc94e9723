/**
 * Turns one day of a resource's usage into the cost lines Cost Explorer would show: one line per
 * usage type, priced by lib/pricing at list rates.
 *
 * Free tier: not applied. The demo organisation is large (its Lambda usage is far beyond 1M requests
 * and 400,000 GB-s a month), and the free tier is account-wide, so on a real bill it shows up as a
 * handful of credits at the start of the month, not on any one function. Pricing every day at list
 * rates keeps each function's cost independent of the others and exactly reproducible.
 *
 * INIT (cold starts) is billed inside Lambda-GB-Second on a real bill; there is no separate usage
 * type, so the engine's "init" lines are added to the duration line.
 *
 * Fargate Spot: the price book has no Spot rates (AWS publishes them only on the pricing page and
 * they move; docs/aws-facts.md §2.3 marks them unconfirmed). Where the book has none, the demo bills
 * Spot usage at DEMO_FARGATE_SPOT_PRICE_FACTOR × the on-demand list rate, AWS's advertised "up to 70% off".
 */
import type { Bill, FargateUsage, LambdaUsage } from "@/lib/pricing";
import { computeFargateBill, computeLambdaBill } from "@/lib/pricing";
import { toNanoUsd, toUsdDecimalString } from "@/lib/money";
import type { CostLineRow } from "@/lib/db/import/tables";
import type { FargatePlatform, LambdaUsageKind } from "@/lib/pricing/usage-types";
import {
  FARGATE_USAGE_KIND_BY_COMPONENT,
  LAMBDA_USAGE_KIND_BY_COMPONENT,
  mapUsageTypeToComponent,
  toFargateUsageType,
  toLambdaUsageType,
  toUsageUnit,
} from "@/lib/pricing/usage-types";
import { DEMO_FARGATE_SPOT_PRICE_FACTOR } from "./spot-rate";

/** Spot price ÷ on-demand price used when the price book has no Spot rate (lib/demo/spot-rate.ts). */
export { DEMO_FARGATE_SPOT_PRICE_FACTOR };

export const LAMBDA_SERVICE = "AWS Lambda";
export const FARGATE_SERVICE = "Amazon Elastic Container Service";
export const DEMO_SOURCE = "demo";

type LineKey = { accountId: string; region: string; resourceArn: string; day: Date };

const componentCache = new Map<string, { component: string; unit: string | null }>();

/** Component and unit of a usage type (cached: the demo prices millions of lines with a few dozen types). */
function describeUsageType(usageType: string): { component: string; unit: string | null } {
  let described = componentCache.get(usageType);
  if (!described) {
    described = { component: mapUsageTypeToComponent(usageType), unit: toUsageUnit(usageType) };
    componentCache.set(usageType, described);
  }
  return described;
}

function toCostLine(
  key: LineKey,
  service: string,
  usageType: string,
  quantity: number,
  costUsd: number,
): CostLineRow {
  const amount = toUsdDecimalString(costUsd);
  const amountNanoUsd = toNanoUsd(amount);
  const { component, unit } = describeUsageType(usageType);
  return {
    accountId: key.accountId,
    region: key.region,
    service,
    usageType,
    recordType: "Usage",
    resourceArn: key.resourceArn,
    day: key.day,
    component,
    amount,
    amountNanoUsd,
    // Usage lines at list rates: amortized and unblended cost are the same (no Savings Plan).
    amortizedAmount: amount,
    amortizedNanoUsd: amountNanoUsd,
    currency: "USD",
    usageQuantity: quantity,
    usageUnit: unit,
    isEstimated: false,
    source: DEMO_SOURCE,
  };
}

function assertKnownRates(bill: Bill, what: string): void {
  if (bill.unknownRates.length > 0) {
    throw new Error(`demo: no price for ${what}: ${bill.unknownRates.join("; ")}`);
  }
}

/** The day's Lambda cost lines for `usage` (requestsPerMonth etc. hold the day's figures). */
export function toLambdaCostLines(key: LineKey, usage: LambdaUsage): CostLineRow[] {
  const bill = computeLambdaBill(usage);
  assertKnownRates(bill, `Lambda ${usage.architecture} in ${usage.region}`);
  const totals = new Map<LambdaUsageKind, { quantity: number; costUsd: number }>();
  for (const line of bill.lines) {
    const kind = LAMBDA_USAGE_KIND_BY_COMPONENT[line.component];
    if (!kind) throw new Error(`demo: unexpected Lambda bill line ${line.item}`);
    const total = totals.get(kind) ?? { quantity: 0, costUsd: 0 };
    total.quantity += line.quantity;
    total.costUsd += line.costUsd ?? 0;
    totals.set(kind, total);
  }
  const lines: CostLineRow[] = [];
  for (const [kind, total] of totals) {
    if (total.quantity <= 0) continue; // Cost Explorer has no lines for unused usage types
    lines.push(
      toCostLine(
        key,
        LAMBDA_SERVICE,
        toLambdaUsageType(usage.region, usage.architecture, kind),
        total.quantity,
        total.costUsd,
      ),
    );
  }
  return lines;
}

/**
 * The Fargate bill for `usage`, with Spot priced at DEMO_FARGATE_SPOT_PRICE_FACTOR × on-demand when
 * the price book has no Spot rate for the region.
 */
export function computeDemoFargateBill(usage: FargateUsage): Bill {
  const bill = computeFargateBill(usage);
  if (!usage.isSpot || bill.unknownRates.length === 0) return bill;
  const onDemand = computeFargateBill({ ...usage, isSpot: false });
  const lines = onDemand.lines.map((line) => ({
    ...line,
    unitPriceUsd: line.unitPriceUsd === null ? null : line.unitPriceUsd * DEMO_FARGATE_SPOT_PRICE_FACTOR,
    costUsd: line.costUsd === null ? null : line.costUsd * DEMO_FARGATE_SPOT_PRICE_FACTOR,
  }));
  const totalUsd = onDemand.totalUsd === null ? null : onDemand.totalUsd * DEMO_FARGATE_SPOT_PRICE_FACTOR;
  return { ...onDemand, lines, totalUsd };
}

/** The day's Fargate cost lines for `usage` (tasks × runSeconds = the day's task-seconds). */
export function toFargateCostLines(key: LineKey, usage: FargateUsage): CostLineRow[] {
  const bill = computeDemoFargateBill(usage);
  assertKnownRates(
    bill,
    `Fargate ${usage.os}/${usage.architecture}${usage.isSpot ? " Spot" : ""} in ${usage.region}`,
  );
  const platform: FargatePlatform = {
    architecture: usage.architecture,
    os: usage.os,
    isSpot: usage.isSpot === true,
  };
  const lines: CostLineRow[] = [];
  for (const line of bill.lines) {
    const kind = FARGATE_USAGE_KIND_BY_COMPONENT[line.component];
    if (!kind) throw new Error(`demo: unexpected Fargate bill line ${line.item}`);
    if (line.quantity <= 0) continue;
    lines.push(
      toCostLine(
        key,
        FARGATE_SERVICE,
        toFargateUsageType(usage.region, platform, kind),
        line.quantity,
        line.costUsd ?? 0,
      ),
    );
  }
  return lines;
}
