/**
 * Cost Explorer, pure half: the GetCostAndUsage requests the sync sends and how their answers —
 * possibly over several pages — become cost lines with exact money. Tested on recorded-shape
 * fixtures in __fixtures__/.
 *
 * Query shape (docs/aws-facts.md §7.1: at most two GroupBy keys). A line needs service, usage type,
 * record type and region per linked account:
 * - the linked account and the four services are a Filter, not a group;
 * - region needs no group: usage types carry it as a prefix (docs/aws-facts.md §7.3);
 * - so one DAILY query grouped by USAGE_TYPE and RECORD_TYPE reads every line, and the service
 *   follows from the usage type ("Lambda-GB-Second" is AWS Lambda's, "USE1-Fargate-GB-Hours" ECS's).
 * A usage type that does not name its service (data transfer, a credit without a usage type, a type
 * Breakeven has never seen) is never guessed: ONE more query, grouped by SERVICE and USAGE_TYPE and
 * filtered to those usage types, splits them by service. Where a usage type has several record
 * types and several services on one day (rare), that split is ambiguous; one query per record type
 * involved settles it. A split that still does not add up keeps the line whole, service
 * UNKNOWN_SERVICE. Most accounts need the one query, the others one more: the fewest requests any
 * exact read can make is the pages of the first query, and the sync makes at most one page more
 * except in the ambiguous case.
 *
 * Money: `amount` is the UnblendedCost decimal string exactly as AWS sent it, `amountNanoUsd` the
 * same in 1e-9 USD (lib/money); AmortizedCost likewise. Unknown usage types are kept, as component
 * "other". Savings Plans and credits keep their record types (SavingsPlanCoveredUsage,
 * SavingsPlanNegation, Credit, Refund …).
 */
import type {
  Dimension,
  Expression,
  GetCostAndUsageCommandInput,
  GetCostAndUsageResponse,
  Group,
  MetricValue,
} from "@aws-sdk/client-cost-explorer";
import { fromNanoUsd, toNanoUsd } from "@/lib/money";
import {
  COST_EXPLORER_SERVICES,
  mapUsageTypeToComponent,
  toRegionOfUsageType,
  type CostExplorerService,
  type CostLineFields,
} from "@/lib/pricing/usage-types";
import { AwsResponseShapeError } from "./errors";

export const COST_EXPLORER_API = "ce:GetCostAndUsage";
/** CostLine.source of the lines read here. */
export const COST_EXPLORER_SOURCE = "cost-explorer";

const SERVICE_VALUES: readonly string[] = Object.values(COST_EXPLORER_SERVICES);

/** UnblendedCost is `amount`; AmortizedCost spreads Savings Plans and upfront fees; UsageQuantity per usage type. */
export const COST_EXPLORER_METRICS = ["UnblendedCost", "AmortizedCost", "UsageQuantity"] as const;

type GroupKey = "USAGE_TYPE" | "RECORD_TYPE" | "SERVICE";

const DAY_MS = 86_400_000;

/** A window of whole UTC days, `end` exclusive (Cost Explorer's TimePeriod). */
export type CostWindow = { start: Date; end: Date };

/** One cost line as the import writes it. */
export type CostExplorerLine = CostLineFields;

/** A day Cost Explorer answered for, and whether AWS may still restate it. */
export type CostExplorerDay = { day: Date; isEstimated: boolean };

/** "2026-11-03" (Cost Explorer dates are UTC days). */
export function toCostExplorerDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseCostExplorerDate(text: string | undefined): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text ?? "");
  if (!match)
    throw new AwsResponseShapeError(COST_EXPLORER_API, `not a Cost Explorer date: ${JSON.stringify(text)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

const dimension = (key: `${Dimension}`, values: readonly string[]): Expression => ({
  Dimensions: { Key: key as Dimension, Values: [...values] },
});

function baseFilter(accountId: string): Expression[] {
  return [dimension("LINKED_ACCOUNT", [accountId]), dimension("SERVICE", SERVICE_VALUES)];
}

function timePeriod(window: CostWindow): GetCostAndUsageCommandInput["TimePeriod"] {
  return { Start: toCostExplorerDate(window.start), End: toCostExplorerDate(window.end) };
}

/** The one query that reads every line of `window`: DAILY, grouped by USAGE_TYPE and RECORD_TYPE. */
export function toCostAndUsageRequest(accountId: string, window: CostWindow): GetCostAndUsageCommandInput {
  return {
    TimePeriod: timePeriod(window),
    Granularity: "DAILY",
    Filter: { And: baseFilter(accountId) },
    Metrics: [...COST_EXPLORER_METRICS],
    GroupBy: [
      { Type: "DIMENSION", Key: "USAGE_TYPE" },
      { Type: "DIMENSION", Key: "RECORD_TYPE" },
    ],
  };
}

/**
 * Usage types whose service the main query could not tell, over `window`: of every record type
 * (`recordType` null, the first resolution), or of one record type (the ambiguous case).
 */
export type ServiceResolution = { recordType: string | null; usageTypes: string[]; window: CostWindow };

/** A resolution query: DAILY, grouped by SERVICE and USAGE_TYPE, filtered to those usage types. */
export function toServiceResolutionRequest(
  accountId: string,
  resolution: ServiceResolution,
): GetCostAndUsageCommandInput {
  return {
    TimePeriod: timePeriod(resolution.window),
    Granularity: "DAILY",
    Filter: {
      And: [
        ...baseFilter(accountId),
        ...(resolution.recordType === null ? [] : [dimension("RECORD_TYPE", [resolution.recordType])]),
        dimension("USAGE_TYPE", resolution.usageTypes),
      ],
    },
    Metrics: [...COST_EXPLORER_METRICS],
    GroupBy: [
      { Type: "DIMENSION", Key: "SERVICE" },
      { Type: "DIMENSION", Key: "USAGE_TYPE" },
    ],
  };
}

// One optional region prefix ("USE1-", "EU-", "Global-"), then the usage type proper; anchored so
// that only whole usage-type families match.
const PREFIX = String.raw`^(?:(?:[A-Z]{2,4}\d{0,2}|Global)-)?`;

/**
 * Usage-type families that belong to exactly one of the four services (docs/aws-facts.md §7.3).
 * Anything else — data transfer, which several services bill, or a type not listed — is resolved
 * by a query instead of guessed.
 */
const SERVICE_OF_USAGE_TYPE: readonly [RegExp, CostExplorerService][] = [
  [new RegExp(`${PREFIX}(?:Request(?:-ARM)?|Lambda-[A-Za-z0-9:.-]+)$`), COST_EXPLORER_SERVICES.lambda],
  [new RegExp(`${PREFIX}(?:SpotUsage-)?Fargate-[A-Za-z0-9:.-]+$`), COST_EXPLORER_SERVICES.ecs],
  [new RegExp(`${PREFIX}ApiGateway[A-Za-z0-9:.-]*$`), COST_EXPLORER_SERVICES.apiGateway],
  [new RegExp(`${PREFIX}(?:LoadBalancerUsage|LCUUsage)$`), COST_EXPLORER_SERVICES.elb],
];

/** The service a usage type belongs to, or null when it does not say. */
export function toServiceOfUsageType(usageType: string): CostExplorerService | null {
  for (const [pattern, service] of SERVICE_OF_USAGE_TYPE) if (pattern.test(usageType)) return service;
  return null;
}

type Amount = { amount: string; nanoUsd: bigint };

/** One group of one day, its keys by name. */
type CostGroup = {
  dayMs: number;
  isEstimated: boolean;
  keys: Partial<Record<GroupKey, string>>;
  unblended: Amount;
  amortized: Amount | null;
  usageQuantity: number | null;
  usageUnit: string | null;
};

function toAmount(metric: MetricValue | undefined, name: string): Amount | null {
  if (!metric || metric.Amount === undefined) return null;
  if (metric.Unit !== undefined && metric.Unit !== "USD") {
    throw new AwsResponseShapeError(
      COST_EXPLORER_API,
      `${name} is in ${metric.Unit}; Breakeven keeps billed money in USD only`,
    );
  }
  try {
    return { amount: metric.Amount, nanoUsd: toNanoUsd(metric.Amount) };
  } catch {
    throw new AwsResponseShapeError(
      COST_EXPLORER_API,
      `${name} is not a decimal amount: ${JSON.stringify(metric.Amount)}`,
    );
  }
}

function toQuantity(metric: MetricValue | undefined): { quantity: number | null; unit: string | null } {
  if (!metric || metric.Amount === undefined) return { quantity: null, unit: null };
  const quantity = Number(metric.Amount);
  if (metric.Amount.trim() === "" || !Number.isFinite(quantity)) {
    throw new AwsResponseShapeError(
      COST_EXPLORER_API,
      `UsageQuantity is not a number: ${JSON.stringify(metric.Amount)}`,
    );
  }
  const unit = metric.Unit && metric.Unit !== "N/A" ? metric.Unit : null;
  return { quantity, unit };
}

/** The group keys of a response: its GroupDefinitions when it has them, else the request's. */
function groupKeysOf(page: GetCostAndUsageResponse, requested: readonly GroupKey[]): GroupKey[] {
  const defined = page.GroupDefinitions?.map((definition) => definition.Key as GroupKey) ?? [];
  return defined.length === requested.length && defined.every((key) => requested.includes(key))
    ? defined
    : [...requested];
}

/**
 * Every group of every page within `window`, and every day the answer covered. A day can be spread
 * over pages; a group seen twice (not observed from AWS) is summed to the nano-dollar.
 */
function readGroups(
  pages: readonly GetCostAndUsageResponse[],
  requested: readonly GroupKey[],
  window: CostWindow,
): { days: Map<number, boolean>; groups: CostGroup[] } {
  const startMs = window.start.getTime();
  const endMs = window.end.getTime();
  const days = new Map<number, boolean>();
  const groups = new Map<string, CostGroup>();
  for (const page of pages) {
    const keys = groupKeysOf(page, requested);
    for (const result of page.ResultsByTime ?? []) {
      const dayMs = parseCostExplorerDate(result.TimePeriod?.Start);
      if (dayMs < startMs || dayMs >= endMs) continue;
      const isEstimated = result.Estimated === true;
      days.set(dayMs, (days.get(dayMs) ?? false) || isEstimated);
      for (const group of result.Groups ?? []) {
        const parsed = readGroup(group, keys, dayMs, isEstimated);
        const id = JSON.stringify([dayMs, ...keys.map((key) => parsed.keys[key])]);
        const seen = groups.get(id);
        groups.set(id, seen ? mergeGroups(seen, parsed) : parsed);
      }
    }
  }
  return { days, groups: [...groups.values()] };
}

function readGroup(group: Group, keys: readonly GroupKey[], dayMs: number, isEstimated: boolean): CostGroup {
  const values = group.Keys ?? [];
  if (values.length !== keys.length) {
    throw new AwsResponseShapeError(
      COST_EXPLORER_API,
      `a group has ${values.length} keys for ${keys.length} GroupBy entries (${keys.join(", ")})`,
    );
  }
  const unblended = toAmount(group.Metrics?.UnblendedCost, "UnblendedCost");
  if (!unblended) {
    throw new AwsResponseShapeError(COST_EXPLORER_API, `a group (${values.join(", ")}) has no UnblendedCost`);
  }
  const { quantity, unit } = toQuantity(group.Metrics?.UsageQuantity);
  return {
    dayMs,
    isEstimated,
    keys: Object.fromEntries(keys.map((key, index) => [key, values[index] ?? ""])),
    unblended,
    amortized: toAmount(group.Metrics?.AmortizedCost, "AmortizedCost"),
    usageQuantity: quantity,
    usageUnit: unit,
  };
}

const sumAmounts = (a: Amount, b: Amount): Amount => {
  const nanoUsd = a.nanoUsd + b.nanoUsd;
  return { amount: fromNanoUsd(nanoUsd), nanoUsd };
};

function mergeGroups(a: CostGroup, b: CostGroup): CostGroup {
  return {
    ...a,
    unblended: sumAmounts(a.unblended, b.unblended),
    amortized:
      a.amortized && b.amortized ? sumAmounts(a.amortized, b.amortized) : (a.amortized ?? b.amortized),
    usageQuantity:
      a.usageQuantity === null && b.usageQuantity === null
        ? null
        : (a.usageQuantity ?? 0) + (b.usageQuantity ?? 0),
  };
}

function toLine(
  accountId: string,
  group: CostGroup,
  fields: { service: string; usageType: string; recordType: string },
): CostExplorerLine {
  return {
    accountId,
    region: toRegionOfUsageType(fields.usageType),
    service: fields.service,
    usageType: fields.usageType,
    recordType: fields.recordType,
    resourceArn: "",
    day: new Date(group.dayMs),
    component: mapUsageTypeToComponent(fields.usageType),
    amount: group.unblended.amount,
    amountNanoUsd: group.unblended.nanoUsd,
    amortizedAmount: group.amortized?.amount ?? null,
    amortizedNanoUsd: group.amortized?.nanoUsd ?? null,
    currency: "USD",
    usageQuantity: group.usageQuantity,
    usageUnit: group.usageUnit,
    isEstimated: group.isEstimated,
    source: COST_EXPLORER_SOURCE,
  };
}

const MAIN_KEYS: readonly GroupKey[] = ["USAGE_TYPE", "RECORD_TYPE"];
const RESOLUTION_KEYS: readonly GroupKey[] = ["SERVICE", "USAGE_TYPE"];

const cellKey = (dayMs: number, usageType: string) => JSON.stringify([dayMs, usageType]);

/** The main query's groups whose usage type does not name its service, per day and usage type. */
function findUnresolvedCells(main: readonly CostGroup[]): Map<string, CostGroup[]> {
  const cells = new Map<string, CostGroup[]>();
  for (const group of main) {
    const usageType = group.keys.USAGE_TYPE ?? "";
    if (toServiceOfUsageType(usageType) !== null) continue;
    const key = cellKey(group.dayMs, usageType);
    cells.set(key, [...(cells.get(key) ?? []), group]);
  }
  return cells;
}

/** Resolution groups of our services, per day and usage type. */
function groupSplitsByCell(
  pages: readonly GetCostAndUsageResponse[],
  window: CostWindow,
): Map<string, CostGroup[]> {
  const splits = new Map<string, CostGroup[]>();
  for (const group of readGroups(pages, RESOLUTION_KEYS, window).groups) {
    if (!SERVICE_VALUES.includes(group.keys.SERVICE ?? "")) continue; // outside the filter: not ours
    const key = cellKey(group.dayMs, group.keys.USAGE_TYPE ?? "");
    splits.set(key, [...(splits.get(key) ?? []), group]);
  }
  return splits;
}

type ResolvedPart = { group: CostGroup; service: string; recordType: string };

const sumNanoUsd = (groups: readonly CostGroup[]) =>
  groups.reduce((sum, group) => sum + group.unblended.nanoUsd, 0n);

/**
 * One day's groups of one usage type (one per record type) against its split by service (summed
 * over record types). Exact when there is one record type (the split is its lines) or one service
 * (each record type's group is that service's), and the totals agree to the nano-dollar; null
 * (ambiguous) otherwise.
 */
function resolveCell(cell: readonly CostGroup[], split: readonly CostGroup[]): ResolvedPart[] | null {
  if (split.length === 0 || sumNanoUsd(split) !== sumNanoUsd(cell)) return null;
  if (cell.length === 1) {
    const recordType = cell[0]!.keys.RECORD_TYPE ?? "";
    return split.map((group) => ({ group, service: group.keys.SERVICE ?? "", recordType }));
  }
  if (split.length === 1) {
    const service = split[0]!.keys.SERVICE ?? "";
    return cell.map((group) => ({ group, service, recordType: group.keys.RECORD_TYPE ?? "" }));
  }
  return null;
}

function toWindowOfDays(days: readonly number[]): CostWindow {
  return { start: new Date(Math.min(...days)), end: new Date(Math.max(...days) + DAY_MS) };
}

/**
 * The first resolution the main query's answer needs: every usage type that does not name its
 * service, over the days it appears on, all record types at once; [] when every usage type does.
 */
export function planServiceResolutions(
  mainPages: readonly GetCostAndUsageResponse[],
  window: CostWindow,
): ServiceResolution[] {
  const cells = [...findUnresolvedCells(readGroups(mainPages, MAIN_KEYS, window).groups).values()];
  if (cells.length === 0) return [];
  const usageTypes = new Set(cells.map((cell) => cell[0]!.keys.USAGE_TYPE ?? ""));
  return [
    {
      recordType: null,
      usageTypes: [...usageTypes].sort(),
      window: toWindowOfDays(cells.map((cell) => cell[0]!.dayMs)),
    },
  ];
}

/**
 * After the first resolution: the days where a usage type had several record types and several
 * services (or the split did not add up) need one query per record type involved.
 */
export function planRecordTypeResolutions(
  mainPages: readonly GetCostAndUsageResponse[],
  window: CostWindow,
  resolutionPages: readonly GetCostAndUsageResponse[],
): ServiceResolution[] {
  const splits = groupSplitsByCell(resolutionPages, window);
  const byRecordType = new Map<string, { usageTypes: Set<string>; days: number[] }>();
  for (const [key, cell] of findUnresolvedCells(readGroups(mainPages, MAIN_KEYS, window).groups)) {
    if (resolveCell(cell, splits.get(key) ?? []) !== null) continue;
    for (const group of cell) {
      const recordType = group.keys.RECORD_TYPE ?? "";
      const entry = byRecordType.get(recordType) ?? { usageTypes: new Set<string>(), days: [] };
      entry.usageTypes.add(group.keys.USAGE_TYPE ?? "");
      entry.days.push(group.dayMs);
      byRecordType.set(recordType, entry);
    }
  }
  return [...byRecordType]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([recordType, entry]) => ({
      recordType,
      usageTypes: [...entry.usageTypes].sort(),
      window: toWindowOfDays(entry.days),
    }));
}

export type CostAndUsageAnswer = {
  /** The pages of toCostAndUsageRequest. */
  main: readonly GetCostAndUsageResponse[];
  /**
   * The pages of toServiceResolutionRequest for planServiceResolutions(main), then for
   * planRecordTypeResolutions(main, …, the first resolution's pages).
   */
  resolutions: readonly { resolution: ServiceResolution; pages: readonly GetCostAndUsageResponse[] }[];
};

export type MappedCostAndUsage = {
  lines: CostExplorerLine[];
  /** The days the answer covered, oldest first; a day missing here was not read. */
  days: CostExplorerDay[];
};

/** Service of a line whose service neither its usage type nor a resolution query could tell. */
export const UNKNOWN_SERVICE = "unknown";

/**
 * Cost lines of one account over `window`. The main query is the authority on what was billed:
 * - a group whose usage type names its service is one line;
 * - the groups of a day and usage type that does not are replaced by the first resolution's split
 *   by service when it settles them exactly (resolveCell), else each by its record type's
 *   resolution lines when they add up to it to the nano-dollar, else kept whole with service
 *   UNKNOWN_SERVICE: money is never dropped.
 * Every line of a day is estimated when any page says the day is.
 */
export function mapCostAndUsage(
  accountId: string,
  window: CostWindow,
  answer: CostAndUsageAnswer,
): MappedCostAndUsage {
  const main = readGroups(answer.main, MAIN_KEYS, window);
  const combined = groupSplitsByCell(
    answer.resolutions
      .filter(({ resolution }) => resolution.recordType === null)
      .flatMap(({ pages }) => pages),
    window,
  );
  const byRecordType = new Map<string, Map<string, CostGroup[]>>();
  for (const { resolution, pages } of answer.resolutions) {
    if (resolution.recordType === null) continue;
    const splits = groupSplitsByCell(pages, window);
    const known = byRecordType.get(resolution.recordType) ?? new Map<string, CostGroup[]>();
    for (const [key, groups] of splits) known.set(key, [...(known.get(key) ?? []), ...groups]);
    byRecordType.set(resolution.recordType, known);
  }

  const lines: CostExplorerLine[] = [];
  const line = (group: CostGroup, service: string, recordType: string) =>
    toLine(accountId, group, { service, usageType: group.keys.USAGE_TYPE ?? "", recordType });
  for (const group of main.groups) {
    const service = toServiceOfUsageType(group.keys.USAGE_TYPE ?? "");
    if (service !== null) lines.push(line(group, service, group.keys.RECORD_TYPE ?? ""));
  }
  for (const [key, cell] of findUnresolvedCells(main.groups)) {
    const resolved = resolveCell(cell, combined.get(key) ?? []);
    if (resolved) {
      for (const part of resolved) {
        lines.push(line(part.group, part.service, part.recordType));
      }
      continue;
    }
    for (const group of cell) {
      const recordType = group.keys.RECORD_TYPE ?? "";
      const split = byRecordType.get(recordType)?.get(key) ?? [];
      if (split.length > 0 && sumNanoUsd(split) === group.unblended.nanoUsd) {
        for (const part of split) lines.push(line(part, part.keys.SERVICE ?? "", recordType));
      } else {
        lines.push(line(group, UNKNOWN_SERVICE, recordType));
      }
    }
  }
  for (const item of lines) item.isEstimated = main.days.get(item.day.getTime()) ?? item.isEstimated;
  const days = [...main.days]
    .sort(([a], [b]) => a - b)
    .map(([dayMs, isEstimated]) => ({ day: new Date(dayMs), isEstimated }));
  lines.sort(compareLines);
  return { lines, days };
}

function compareLines(a: CostExplorerLine, b: CostExplorerLine): number {
  const byDay = a.day.getTime() - b.day.getTime();
  if (byDay !== 0) return byDay;
  for (const key of ["service", "usageType", "recordType"] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}
