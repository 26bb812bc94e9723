/**
 * Reconciliation, pure half: what each resource's synced usage costs per day and usage type
 * (modelled cost), how an account's billed cost per usage type and day is split across the
 * resources that produced it (allocated cost), and what the difference (residual) is most likely
 * made of. docs/reconciliation.md has the method, the rules and the thresholds.
 *
 * Money: billed amounts are integer nano-USD (bigint) from the bill and stay exact here: the
 * allocation splits each amount with the largest-remainder method on integers, so the parts add up
 * to the billed amount to the nano-dollar. Modelled cost is a USD `number` from the engine (an
 * estimate), `null` when a rate is unknown, never 0.
 */
import { computeFargateBill } from "./fargate";
import { computeLambdaBill } from "./lambda";
import type { Bill, FargateUsage, LambdaUsage } from "./types";
import type { CostLineComponent } from "./usage-types";
import {
  FARGATE_USAGE_KIND_BY_COMPONENT,
  LAMBDA_USAGE_KIND_BY_COMPONENT,
  mapUsageTypeToComponent,
  toFargateUsageType,
  toLambdaUsageType,
} from "./usage-types";

/** A residual above this share of the billed (or modelled) cost names its likely causes. */
export const RESIDUAL_EXPLAIN_SHARE = 0.05;

/** Cost Explorer SERVICE values of the two compute services (docs/aws-facts.md §7.2). */
export const LAMBDA_BILLING_SERVICE = "AWS Lambda";
export const FARGATE_BILLING_SERVICE = "Amazon Elastic Container Service";

// ---------------------------------------------------------------------------------------------
// Modelled cost: one resource-day priced by the engine, per usage type

/** One usage type of one resource-day, as the engine prices it. */
export type ModelledUsageLine = {
  usageType: string;
  component: CostLineComponent;
  /** In the usage type's billing unit (requests, GB-s, vCPU-hours, GB-hours). */
  quantity: number;
  /** null when the price book lacks a rate for it (see `unknownRates`). */
  costUsd: number | null;
};

export type ModelledDay = {
  lines: ModelledUsageLine[];
  /** One sentence per missing rate, from the engine, or the input the engine refused. */
  unknownRates: string[];
};

function addLine(
  lines: Map<string, ModelledUsageLine>,
  usageType: string,
  quantity: number,
  costUsd: number | null,
) {
  const line = lines.get(usageType);
  if (!line) {
    lines.set(usageType, { usageType, component: mapUsageTypeToComponent(usageType), quantity, costUsd });
    return;
  }
  line.quantity += quantity;
  line.costUsd = line.costUsd === null || costUsd === null ? null : line.costUsd + costUsd;
}

function toModelledDay(lines: Map<string, ModelledUsageLine>, unknownRates: string[]): ModelledDay {
  return {
    lines: [...lines.values()].filter((line) => line.quantity > 0),
    unknownRates: [...new Set(unknownRates)],
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One function-day: each `usage` is the day's usage at one configuration (a function whose memory
 * changed during the day has two), priced by computeLambdaBill at list rates without the free tier
 * (it is account-wide: a credit on the bill, not a property of one function). Lines are keyed by
 * the usage type a bill would use (docs/aws-facts.md §7.3).
 */
export function computeLambdaModelledDay(usages: readonly LambdaUsage[]): ModelledDay {
  const lines = new Map<string, ModelledUsageLine>();
  const unknownRates: string[] = [];
  for (const usage of usages) {
    let bill: Bill;
    try {
      bill = computeLambdaBill({ ...usage, isFreeTierApplied: false });
    } catch (error) {
      unknownRates.push(`Lambda usage the engine refused: ${describeError(error)}`);
      continue;
    }
    unknownRates.push(...bill.unknownRates);
    for (const line of bill.lines) {
      const kind = LAMBDA_USAGE_KIND_BY_COMPONENT[line.component];
      if (!kind) continue; // streaming, SnapStart: not in the synced usage
      addLine(lines, toLambdaUsageType(usage.region, usage.architecture, kind), line.quantity, line.costUsd);
    }
  }
  return toModelledDay(lines, unknownRates);
}

/**
 * One service-day: `usage` holds the day's average running tasks (`tasks`) over 86,400 s, split
 * into on-demand and Spot by the capacity-provider weights (`spotShare`, 0..1). Spot has no rate in
 * the price book (docs/aws-facts.md §2.3); `spotPriceFactor`, when given, prices it at that share of
 * the on-demand rate (the demo's documented assumption), otherwise Spot cost is unknown.
 */
export function computeFargateModelledDay(
  usage: FargateUsage,
  spotShare: number,
  spotPriceFactor: number | null = null,
): ModelledDay {
  const lines = new Map<string, ModelledUsageLine>();
  const unknownRates: string[] = [];
  const parts: { tasks: number; isSpot: boolean }[] = [];
  if (spotShare < 1) parts.push({ tasks: usage.tasks * (1 - spotShare), isSpot: false });
  if (spotShare > 0 && usage.os === "linux") parts.push({ tasks: usage.tasks * spotShare, isSpot: true });
  for (const part of parts) {
    if (!(part.tasks > 0)) continue;
    let bill: Bill;
    try {
      bill = computeFargateBill({ ...usage, tasks: part.tasks, isSpot: part.isSpot });
      if (part.isSpot && bill.unknownRates.length > 0 && spotPriceFactor !== null) {
        const onDemand = computeFargateBill({ ...usage, tasks: part.tasks, isSpot: false });
        bill = {
          ...onDemand,
          lines: onDemand.lines.map((line) => ({
            ...line,
            costUsd: line.costUsd === null ? null : line.costUsd * spotPriceFactor,
          })),
        };
      }
    } catch (error) {
      unknownRates.push(`Fargate usage the engine refused: ${describeError(error)}`);
      continue;
    }
    unknownRates.push(...bill.unknownRates);
    const platform = { architecture: usage.architecture, os: usage.os, isSpot: part.isSpot };
    for (const line of bill.lines) {
      const kind = FARGATE_USAGE_KIND_BY_COMPONENT[line.component];
      if (!kind) continue;
      addLine(lines, toFargateUsageType(usage.region, platform, kind), line.quantity, line.costUsd);
    }
  }
  return toModelledDay(lines, unknownRates);
}

// ---------------------------------------------------------------------------------------------
// Allocation: split one billed amount across resources, exactly

/**
 * Splits `nanoUsd` across `weights` in proportion, with the largest-remainder method on integers:
 * every part is the floor of its exact share, and the nano-dollars left over go one each to the
 * largest remainders (ties to the earlier entry). The parts add up to `nanoUsd` exactly. Weights are
 * finite numbers ≥ 0 converted to integers without rounding (every double is an integer × 2^-k).
 * Returns null when no weight is positive (nobody to give it to).
 */
export function allocateNanoUsd(nanoUsd: bigint, weights: readonly number[]): bigint[] | null {
  const integers = toExactIntegerWeights(weights);
  const total = integers.reduce((sum, weight) => sum + weight, 0n);
  if (total === 0n) return null;
  const isNegative = nanoUsd < 0n;
  const amount = isNegative ? -nanoUsd : nanoUsd;
  const parts = integers.map((weight) => (amount * weight) / total);
  let left = amount - parts.reduce((sum, part) => sum + part, 0n);
  if (left > 0n) {
    const order = integers
      .map((weight, index) => ({ index, remainder: (amount * weight) % total }))
      .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
    for (const { index } of order) {
      if (left === 0n) break;
      parts[index] = parts[index]! + 1n;
      left -= 1n;
    }
  }
  return isNegative ? parts.map((part) => -part) : parts;
}

/** Doubles ≥ 0 as bigints sharing one power-of-two scale, exactly (negative, NaN and ∞ count as 0). */
function toExactIntegerWeights(weights: readonly number[]): bigint[] {
  const scaled = weights.map((weight) => {
    if (!(weight > 0) || !Number.isFinite(weight)) return { mantissa: 0n, shift: 0 };
    let value = weight;
    let shift = 0;
    // Doubling is exact until the value is an integer (at most 1,074 steps for the smallest double).
    while (!Number.isInteger(value)) {
      value *= 2;
      shift += 1;
    }
    return { mantissa: BigInt(value), shift };
  });
  const maxShift = Math.max(0, ...scaled.map((entry) => entry.shift));
  return scaled.map(({ mantissa, shift }) => mantissa << BigInt(maxShift - shift));
}

// ---------------------------------------------------------------------------------------------
// Reconciliation of billed lines against modelled usage

/** A billed cost line (one day of one usage type and record type, maybe of one resource). */
export type BilledLine = {
  accountId: string;
  region: string;
  service: string;
  usageType: string;
  recordType: string;
  /** "" when the bill does not name the resource (the usual case). */
  resourceArn: string;
  dayMs: number;
  component: string;
  nanoUsd: bigint;
};

/** A resource-day's modelled usage of one usage type. */
export type ModelledLine = {
  accountId: string;
  region: string;
  service: string;
  resourceArn: string;
  dayMs: number;
  usageType: string;
  component: string;
  quantity: number;
  costUsd: number | null;
};

/** Billed cost given to one resource (or to nobody: resourceArn null) for one key and record type. */
export type Allocation = {
  accountId: string;
  region: string;
  service: string;
  usageType: string;
  component: string;
  recordType: string;
  dayMs: number;
  /** null: no synced resource used this usage type that day ("not attributed"). */
  resourceArn: string | null;
  nanoUsd: bigint;
  /** "resource": the bill named the resource; "share": a share of an unattributed line. */
  basis: "resource" | "share" | "unattributed";
};

function toKey(line: {
  accountId: string;
  region: string;
  service: string;
  usageType: string;
  dayMs: number;
}) {
  return `${line.accountId}\u0000${line.region}\u0000${line.service}\u0000${line.usageType}\u0000${line.dayMs}`;
}

/**
 * The allocation rule: a line that names its resource goes to that resource (resource-level data
 * wins); a line that does not is split across the resources with modelled usage of the same
 * account, region, service, usage type and day, in proportion to their modelled quantity
 * (largest remainder, exact); with no such resource it stays unattributed. For every key the
 * allocations add up to the billed lines to the nano-dollar.
 */
export function allocateBilledLines(
  billed: readonly BilledLine[],
  modelled: readonly ModelledLine[],
): Allocation[] {
  const usageByKey = new Map<string, { resourceArn: string; quantity: number }[]>();
  for (const line of modelled) {
    if (!(line.quantity > 0)) continue;
    const key = toKey(line);
    const list = usageByKey.get(key) ?? [];
    const existing = list.find((entry) => entry.resourceArn === line.resourceArn);
    if (existing) existing.quantity += line.quantity;
    else list.push({ resourceArn: line.resourceArn, quantity: line.quantity });
    usageByKey.set(key, list);
  }
  for (const list of usageByKey.values()) list.sort((a, b) => a.resourceArn.localeCompare(b.resourceArn));

  const allocations: Allocation[] = [];
  for (const line of billed) {
    const base = {
      accountId: line.accountId,
      region: line.region,
      service: line.service,
      usageType: line.usageType,
      component: line.component,
      recordType: line.recordType,
      dayMs: line.dayMs,
    };
    if (line.resourceArn !== "") {
      allocations.push({ ...base, resourceArn: line.resourceArn, nanoUsd: line.nanoUsd, basis: "resource" });
      continue;
    }
    const users = usageByKey.get(toKey(line)) ?? [];
    const parts = allocateNanoUsd(
      line.nanoUsd,
      users.map((user) => user.quantity),
    );
    if (!parts) {
      allocations.push({ ...base, resourceArn: null, nanoUsd: line.nanoUsd, basis: "unattributed" });
      continue;
    }
    users.forEach((user, index) =>
      allocations.push({ ...base, resourceArn: user.resourceArn, nanoUsd: parts[index]!, basis: "share" }),
    );
  }
  return allocations;
}

// ---------------------------------------------------------------------------------------------
// Residual per account, region and service, and its likely causes

export type ResidualCauseKind =
  | "free-tier"
  | "savings-plans"
  | "credits"
  | "unknown-rate"
  | "unsynced-usage"
  | "unpriced-usage-type"
  | "rate-difference";

/** How the pages and the CLI name each cause. */
export const RESIDUAL_CAUSE_LABELS: Record<ResidualCauseKind, string> = {
  "free-tier": "Free tier",
  "savings-plans": "Savings Plans",
  credits: "Credits",
  "unknown-rate": "Rate missing from the price book",
  "unsynced-usage": "Usage from resources not synced",
  "unpriced-usage-type": "Usage types not priced (other)",
  "rate-difference": "Rates or usage differ",
};

export type ResidualCause = {
  kind: ResidualCauseKind;
  /** Signed USD this cause accounts for (billed side minus modelled side), null when not measurable. */
  amountUsd: number | null;
  /** One sentence a reader can act on. */
  description: string;
};

export type UsageTypeReconciliation = {
  usageType: string;
  component: string;
  /** Record types of the billed lines, e.g. ["Usage"], ["Credit"]. */
  recordTypes: string[];
  billedNanoUsd: bigint;
  modelledUsd: number;
  hasUnknownRate: boolean;
};

export type ServiceReconciliation = {
  accountId: string;
  region: string;
  service: string;
  billedNanoUsd: bigint;
  /** Sum of the known modelled costs (a lower bound when `unknownRates` is not empty). */
  modelledUsd: number;
  /** billed − modelled, USD. */
  residualUsd: number;
  /** |residual| ÷ max(|billed|, modelled); 0 when both are 0. */
  residualShare: number;
  /** Billed cost no synced resource's usage explains (unattributed allocations). */
  unattributedNanoUsd: bigint;
  unknownRates: string[];
  usageTypes: UsageTypeReconciliation[];
  /** Likely causes, largest first; empty when the residual is within RESIDUAL_EXPLAIN_SHARE. */
  causes: ResidualCause[];
};

export type DailyReconciliation = { dayMs: number; billedNanoUsd: bigint; modelledUsd: number };

const NANO_PER_USD = 1_000_000_000;

/** Exact nano-USD as a USD number (whole dollars and the fraction converted separately). */
export function toUsdFromNano(nanoUsd: bigint): number {
  return Number(nanoUsd / 1_000_000_000n) + Number(nanoUsd % 1_000_000_000n) / NANO_PER_USD;
}

const SAVINGS_PLAN_RECORD_TYPES = new Set([
  "SavingsPlanCoveredUsage",
  "SavingsPlanNegation",
  "SavingsPlanRecurringFee",
  "SavingsPlanUpfrontFee",
]);
const CREDIT_RECORD_TYPES = new Set(["Credit", "Refund", "Discount", "BundledDiscount"]);

/** The Price List's free-tier rows are "Global-" usage types (docs/aws-facts.md §1.3, §7.3). */
function isFreeTierLine(line: { recordType: string; usageType: string }): boolean {
  return CREDIT_RECORD_TYPES.has(line.recordType) && line.usageType.startsWith("Global-");
}

type GroupDraft = {
  accountId: string;
  region: string;
  service: string;
  billedNanoUsd: bigint;
  modelledUsd: number;
  unattributedNanoUsd: bigint;
  unattributedUsageNanoUsd: bigint;
  freeTierNanoUsd: bigint;
  savingsPlanNanoUsd: bigint;
  creditNanoUsd: bigint;
  otherComponentNanoUsd: bigint;
  unknownRates: Set<string>;
  usageTypes: Map<string, UsageTypeReconciliation & { recordTypeSet: Set<string> }>;
};

function toGroupKey(line: { accountId: string; region: string; service: string }): string {
  return `${line.accountId}\u0000${line.region}\u0000${line.service}`;
}

function formatUsd(usd: number): string {
  const sign = usd < 0 ? "−" : "";
  return `${sign}$${Math.abs(usd).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function toCauses(group: GroupDraft, residualUsd: number): ResidualCause[] {
  const causes: ResidualCause[] = [];
  const freeTierUsd = toUsdFromNano(group.freeTierNanoUsd);
  if (group.freeTierNanoUsd !== 0n)
    causes.push({
      kind: "free-tier",
      amountUsd: freeTierUsd,
      description: `Free tier: ${formatUsd(freeTierUsd)} of credits on the account-wide free-tier usage types (Global-…); the model prices every function at list rates.`,
    });
  const savingsPlanUsd = toUsdFromNano(group.savingsPlanNanoUsd);
  if (group.savingsPlanNanoUsd !== 0n)
    causes.push({
      kind: "savings-plans",
      amountUsd: savingsPlanUsd,
      description: `Savings Plans: ${formatUsd(savingsPlanUsd)} of Savings Plans lines (covered usage netted out by SavingsPlanNegation); the plan's commitment is billed under the Savings Plans service, not here.`,
    });
  const creditUsd = toUsdFromNano(group.creditNanoUsd);
  if (group.creditNanoUsd !== 0n)
    causes.push({
      kind: "credits",
      amountUsd: creditUsd,
      description: `Credits and refunds: ${formatUsd(creditUsd)}.`,
    });
  if (group.unknownRates.size > 0)
    causes.push({
      kind: "unknown-rate",
      amountUsd: null,
      description: `A rate the price book lacks, so part of the usage has no modelled cost: ${[...group.unknownRates].join("; ")}.`,
    });
  const otherUsd = toUsdFromNano(group.otherComponentNanoUsd);
  if (group.otherComponentNanoUsd !== 0n)
    causes.push({
      kind: "unpriced-usage-type",
      amountUsd: otherUsd,
      description: `${formatUsd(otherUsd)} on usage types Breakeven does not price (shown as "other").`,
    });
  const unsyncedUsd = toUsdFromNano(group.unattributedUsageNanoUsd);
  if (group.unattributedUsageNanoUsd !== 0n)
    causes.push({
      kind: "unsynced-usage",
      amountUsd: unsyncedUsd,
      description: `${formatUsd(unsyncedUsd)} of usage no synced resource accounts for: resources not synced (another region, deleted, or without metrics).`,
    });
  const explainedUsd = causes.reduce((sum, cause) => sum + (cause.amountUsd ?? 0), 0);
  const restUsd = residualUsd - explainedUsd;
  if (causes.length === 0 || Math.abs(restUsd) > RESIDUAL_EXPLAIN_SHARE * Math.abs(residualUsd))
    causes.push({
      kind: "rate-difference",
      amountUsd: restUsd,
      description: `${formatUsd(restUsd)} left: billed rates differ from the price book's list rates (a discount, a price change) or the synced usage differs from the billed usage.`,
    });
  return causes.sort((a, b) => Math.abs(b.amountUsd ?? Infinity) - Math.abs(a.amountUsd ?? Infinity));
}

/**
 * Residual per account, region and service over the lines given (any span of days): billed (exact)
 * minus modelled, the usage types behind it, and — when it is over RESIDUAL_EXPLAIN_SHARE — its
 * likely causes. Largest |residual| first. Also the daily totals for a chart.
 */
export function computeReconciliation(
  billed: readonly BilledLine[],
  modelled: readonly ModelledLine[],
  allocations: readonly Allocation[],
  unknownRatesByResource: ReadonlyMap<string, readonly string[]> = new Map(),
): { services: ServiceReconciliation[]; days: DailyReconciliation[] } {
  const groups = new Map<string, GroupDraft>();
  const days = new Map<number, DailyReconciliation>();
  const groupOf = (line: { accountId: string; region: string; service: string }): GroupDraft => {
    const key = toGroupKey(line);
    let group = groups.get(key);
    if (!group) {
      group = {
        accountId: line.accountId,
        region: line.region,
        service: line.service,
        billedNanoUsd: 0n,
        modelledUsd: 0,
        unattributedNanoUsd: 0n,
        unattributedUsageNanoUsd: 0n,
        freeTierNanoUsd: 0n,
        savingsPlanNanoUsd: 0n,
        creditNanoUsd: 0n,
        otherComponentNanoUsd: 0n,
        unknownRates: new Set(),
        usageTypes: new Map(),
      };
      groups.set(key, group);
    }
    return group;
  };
  const usageTypeOf = (group: GroupDraft, usageType: string, component: string) => {
    let entry = group.usageTypes.get(usageType);
    if (!entry) {
      entry = {
        usageType,
        component,
        recordTypes: [],
        recordTypeSet: new Set(),
        billedNanoUsd: 0n,
        modelledUsd: 0,
        hasUnknownRate: false,
      };
      group.usageTypes.set(usageType, entry);
    }
    return entry;
  };
  const dayOf = (dayMs: number): DailyReconciliation => {
    let day = days.get(dayMs);
    if (!day) {
      day = { dayMs, billedNanoUsd: 0n, modelledUsd: 0 };
      days.set(dayMs, day);
    }
    return day;
  };

  for (const line of billed) {
    const group = groupOf(line);
    group.billedNanoUsd += line.nanoUsd;
    const entry = usageTypeOf(group, line.usageType, line.component);
    entry.billedNanoUsd += line.nanoUsd;
    entry.recordTypeSet.add(line.recordType);
    dayOf(line.dayMs).billedNanoUsd += line.nanoUsd;
    if (isFreeTierLine(line)) group.freeTierNanoUsd += line.nanoUsd;
    else if (SAVINGS_PLAN_RECORD_TYPES.has(line.recordType)) group.savingsPlanNanoUsd += line.nanoUsd;
    else if (CREDIT_RECORD_TYPES.has(line.recordType)) group.creditNanoUsd += line.nanoUsd;
    else if (line.component === "other") group.otherComponentNanoUsd += line.nanoUsd;
  }
  // Savings Plans covered usage is on-demand usage the model prices: only the negation (and fees)
  // move the bill away from the model.
  for (const line of billed)
    if (line.recordType === "SavingsPlanCoveredUsage") groupOf(line).savingsPlanNanoUsd -= line.nanoUsd;
  for (const allocation of allocations) {
    if (allocation.resourceArn !== null) continue;
    const group = groupOf(allocation);
    group.unattributedNanoUsd += allocation.nanoUsd;
    if (allocation.recordType === "Usage" && allocation.component !== "other")
      group.unattributedUsageNanoUsd += allocation.nanoUsd;
  }
  const resourcesByGroup = new Map<string, Set<string>>();
  for (const line of modelled) {
    const group = groupOf(line);
    const entry = usageTypeOf(group, line.usageType, line.component);
    if (line.costUsd === null) entry.hasUnknownRate = true;
    else {
      entry.modelledUsd += line.costUsd;
      group.modelledUsd += line.costUsd;
      dayOf(line.dayMs).modelledUsd += line.costUsd;
    }
    const key = toGroupKey(line);
    const set = resourcesByGroup.get(key) ?? new Set();
    set.add(line.resourceArn);
    resourcesByGroup.set(key, set);
  }
  for (const [key, arns] of resourcesByGroup) {
    const group = groups.get(key)!;
    for (const arn of arns)
      for (const rate of unknownRatesByResource.get(arn) ?? []) group.unknownRates.add(rate);
  }

  const services = [...groups.values()].map((group): ServiceReconciliation => {
    const billedUsd = toUsdFromNano(group.billedNanoUsd);
    const residualUsd = billedUsd - group.modelledUsd;
    const scale = Math.max(Math.abs(billedUsd), Math.abs(group.modelledUsd));
    const residualShare = scale > 0 ? Math.abs(residualUsd) / scale : 0;
    const isExplained = residualShare > RESIDUAL_EXPLAIN_SHARE || group.unknownRates.size > 0;
    return {
      accountId: group.accountId,
      region: group.region,
      service: group.service,
      billedNanoUsd: group.billedNanoUsd,
      modelledUsd: group.modelledUsd,
      residualUsd,
      residualShare,
      unattributedNanoUsd: group.unattributedNanoUsd,
      unknownRates: [...group.unknownRates].sort(),
      usageTypes: [...group.usageTypes.values()]
        .map(({ recordTypeSet, ...entry }) => ({ ...entry, recordTypes: [...recordTypeSet].sort() }))
        .sort(
          (a, b) =>
            Math.abs(toUsdFromNano(b.billedNanoUsd) - b.modelledUsd) -
              Math.abs(toUsdFromNano(a.billedNanoUsd) - a.modelledUsd) ||
            a.usageType.localeCompare(b.usageType),
        ),
      causes: isExplained ? toCauses(group, residualUsd) : [],
    };
  });
  services.sort(
    (a, b) =>
      Math.abs(b.residualUsd) - Math.abs(a.residualUsd) ||
      a.accountId.localeCompare(b.accountId) ||
      a.region.localeCompare(b.region) ||
      a.service.localeCompare(b.service),
  );
  return { services, days: [...days.values()].sort((a, b) => a.dayMs - b.dayMs) };
}
