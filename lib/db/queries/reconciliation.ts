/**
 * Reconciliation, database half: reads a window of billed cost lines and the synced usage behind
 * them (memory observations, provisioned concurrency, running tasks, configuration history), prices
 * each resource-day with lib/pricing (modelled cost), splits every billed line across the resources
 * that produced its usage (allocated cost) and reports billed − modelled (the residual) per account,
 * region and service. The math is pure (lib/pricing/reconciliation.ts); docs/reconciliation.md has
 * the method. No "server-only" marker: the CLI uses it too.
 *
 * Money: billed amounts are summed as bigint nano-USD and become USD numbers only in the returned
 * DTOs (`…Usd`), each also given exactly as a nano-USD string (`…NanoUsd`).
 */
import type { Db } from "@/lib/db/create-db";
import { DEMO_FARGATE_SPOT_PRICE_FACTOR } from "@/lib/demo/spot-rate";
import type { Architecture, FargateOs, LambdaUsage } from "@/lib/pricing/types";
import {
  FARGATE_BILLING_SERVICE,
  LAMBDA_BILLING_SERVICE,
  allocateBilledLines,
  computeFargateModelledDay,
  computeLambdaModelledDay,
  computeReconciliation,
  type Allocation,
  type BilledLine,
  type ModelledDay,
  type ModelledLine,
  type ResidualCause,
} from "@/lib/pricing/reconciliation";
import { groupBy, toUsdFromNanoUsd } from "./sql-values";

const DAY_MS = 86_400_000;
const CHUNK = 500;
export const DEFAULT_RECONCILIATION_DAYS = 30;
export const MAX_RECONCILIATION_DAYS = 90;

/** Observation sources in the order one day's usage is taken from (power tuning is test traffic). */
const OBSERVATION_SOURCES = ["demo", "logs", "metrics"] as const;

export type ReconciliationScope = {
  /** Whole UTC days before `now`'s UTC midnight (default 30). */
  days?: number;
  accountId?: string;
  region?: string;
  now?: Date;
};

export type ReconciliationWindow = { start: string; endExclusive: string; days: number };

export type UsageTypeRow = {
  usageType: string;
  /** "other" for a usage type Breakeven does not know (kept, never dropped). */
  component: string;
  recordTypes: string[];
  billedUsd: number;
  billedNanoUsd: string;
  modelledUsd: number;
  residualUsd: number;
  hasUnknownRate: boolean;
};

export type ReconciliationRow = {
  accountId: string;
  accountName: string | null;
  region: string;
  service: string;
  billedUsd: number;
  billedNanoUsd: string;
  modelledUsd: number;
  residualUsd: number;
  /** |residual| ÷ max(|billed|, modelled). */
  residualShare: number;
  unattributedUsd: number;
  unknownRates: string[];
  usageTypes: UsageTypeRow[];
  causes: ResidualCause[];
};

export type ReconciliationTotals = {
  billedUsd: number;
  billedNanoUsd: string;
  modelledUsd: number;
  residualUsd: number;
  residualShare: number;
  unattributedUsd: number;
  hasUnknownRates: boolean;
};

export type ReconciliationReport = {
  window: ReconciliationWindow;
  totals: ReconciliationTotals;
  /** Largest |residual| first. */
  rows: ReconciliationRow[];
  /** One entry per UTC day of the window, oldest first (0 where nothing was billed or modelled). */
  daily: { day: string; billedUsd: number; modelledUsd: number; residualUsd: number }[];
  /** Cause kinds named anywhere in the report, with their summed amounts (largest first). */
  causes: { kind: ResidualCause["kind"]; amountUsd: number | null; rows: number }[];
  /** Accounts whose bill names at least one resource in the window (resource-level data), sorted. */
  accountsNamingResources: string[];
};

/** One resource's three costs over the window. */
export type ResourceCostComparison = {
  window: ReconciliationWindow;
  /**
   * Lines of the bill that name the resource (what the cost charts show); null when the bill names
   * no resource of its account in the window (Cost Explorer without resource-level data): unknown,
   * not $0. The resource's cost is then only its allocated share.
   */
  billedUsd: number | null;
  /** Billed lines naming it plus its share of the lines that do not (split by modelled usage). */
  allocatedUsd: number;
  /** Its share of lines that name no resource (part of allocatedUsd). */
  sharedUsd: number;
  /** Its synced usage priced at list rates (the known part when `unknownRates` is not empty); null
   * when no usage of it in the window could be priced (none synced, or every rate unknown). */
  modelledUsd: number | null;
  unknownRates: string[];
};

function toUtcMidnight(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

function toDayKey(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

function toWindow(scope: ReconciliationScope): { startMs: number; endMs: number; days: number } {
  const days = scope.days ?? DEFAULT_RECONCILIATION_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_RECONCILIATION_DAYS)
    throw new RangeError(`days must be a whole number from 1 to ${MAX_RECONCILIATION_DAYS}; got ${days}`);
  const endMs = toUtcMidnight(scope.now ?? new Date()).getTime();
  return { startMs: endMs - days * DAY_MS, endMs, days };
}

function chunk<T>(items: readonly T[], size = CHUNK): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}

/** The entry in effect on `dayMs` from rows sorted by `effectiveAt` (the first one before any). */
function toConfigOn<T extends { effectiveAt: Date }>(changes: readonly T[], dayMs: number): T | undefined {
  let current = changes[0];
  for (const change of changes) if (change.effectiveAt.getTime() <= dayMs) current = change;
  return current;
}

type ModelledResource = { arn: string; accountId: string; region: string; service: string };

function pushModelledDay(
  target: ModelledLine[],
  unknownRates: Map<string, Set<string>>,
  resource: ModelledResource,
  dayMs: number,
  day: ModelledDay,
): void {
  for (const line of day.lines) {
    target.push({
      accountId: resource.accountId,
      region: resource.region,
      service: resource.service,
      resourceArn: resource.arn,
      dayMs,
      usageType: line.usageType,
      component: line.component,
      quantity: line.quantity,
      costUsd: line.costUsd,
    });
  }
  if (day.unknownRates.length > 0) {
    const set = unknownRates.get(resource.arn) ?? new Set();
    for (const rate of day.unknownRates) set.add(rate);
    unknownRates.set(resource.arn, set);
  }
}

type ScopeWhere = { accountId?: string; region?: string };

function toScopeWhere(scope: ReconciliationScope): ScopeWhere {
  return {
    ...(scope.accountId ? { accountId: scope.accountId } : {}),
    ...(scope.region ? { region: scope.region } : {}),
  };
}

async function listBilledLines(
  db: Db,
  where: ScopeWhere,
  startMs: number,
  endMs: number,
): Promise<BilledLine[]> {
  const rows = await db.costLine.findMany({
    where: { ...where, day: { gte: new Date(startMs), lt: new Date(endMs) } },
    select: {
      accountId: true,
      region: true,
      service: true,
      usageType: true,
      recordType: true,
      resourceArn: true,
      day: true,
      component: true,
      amountNanoUsd: true,
    },
  });
  return rows.map((row) => ({
    accountId: row.accountId,
    region: row.region,
    service: row.service,
    usageType: row.usageType,
    recordType: row.recordType,
    resourceArn: row.resourceArn,
    dayMs: row.day.getTime(),
    component: row.component,
    nanoUsd: row.amountNanoUsd,
  }));
}

/** Each function's usage per day, priced: observations (best source per day) and provisioned concurrency. */
async function listLambdaModelledLines(
  db: Db,
  where: ScopeWhere,
  startMs: number,
  endMs: number,
  target: ModelledLine[],
  unknownRates: Map<string, Set<string>>,
): Promise<void> {
  const functionRows = await db.lambdaFunction.findMany({
    where,
    select: {
      id: true,
      arn: true,
      accountId: true,
      region: true,
      architecture: true,
      memoryMb: true,
      ephemeralStorageMb: true,
      firstSeenAt: true,
      deletedAt: true,
    },
    orderBy: { arn: "asc" },
  });
  for (const rows of chunk(functionRows)) {
    // Relations per chunk: a nested select over a whole fleet would bind one parameter per
    // function in one statement, past SQLite's limit at 10,000 functions.
    const ids = rows.map((fn) => fn.id);
    const [changes, configs] = await Promise.all([
      db.lambdaConfigChange.findMany({
        where: { functionId: { in: ids } },
        select: { functionId: true, effectiveAt: true, memoryMb: true, architecture: true },
        orderBy: { effectiveAt: "asc" },
      }),
      db.lambdaProvisionedConcurrency.findMany({
        where: { functionId: { in: ids } },
        select: { functionId: true, requestedCount: true, activeHoursPerDay: true },
      }),
    ]);
    const changesById = groupBy(changes, (c) => c.functionId);
    const configsById = groupBy(configs, (c) => c.functionId);
    const part = rows.map((fn) => ({
      ...fn,
      configChanges: changesById.get(fn.id) ?? [],
      provisionedConcurrencies: configsById.get(fn.id) ?? [],
    }));
    const arns = part.map((fn) => fn.arn);
    const observations = await db.memoryObservation.findMany({
      where: {
        functionArn: { in: arns },
        observedOn: { gte: new Date(startMs), lt: new Date(endMs) },
        source: { in: [...OBSERVATION_SOURCES] },
      },
      select: {
        functionArn: true,
        memoryMb: true,
        architecture: true,
        source: true,
        observedOn: true,
        invocations: true,
        durationAvgMs: true,
        initDurationAvgMs: true,
        coldStarts: true,
      },
    });
    const pcArns = part.filter((fn) => fn.provisionedConcurrencies.length > 0).map((fn) => fn.arn);
    const pcPoints =
      pcArns.length === 0
        ? []
        : await db.metricPoint.findMany({
            where: {
              resourceArn: { in: pcArns },
              metric: "ProvisionedConcurrencyInvocations",
              stat: "Sum",
              granularity: "day",
              timestamp: { gte: new Date(startMs), lt: new Date(endMs) },
            },
            select: { resourceArn: true, timestamp: true, value: true },
          });
    const observationsByArn = new Map<string, Map<number, typeof observations>>();
    for (const observation of observations) {
      const byDay = observationsByArn.get(observation.functionArn) ?? new Map<number, typeof observations>();
      const dayMs = observation.observedOn.getTime();
      byDay.set(dayMs, [...(byDay.get(dayMs) ?? []), observation]);
      observationsByArn.set(observation.functionArn, byDay);
    }
    const pcByArnDay = new Map(pcPoints.map((p) => [`${p.resourceArn}|${p.timestamp.getTime()}`, p.value]));

    for (const fn of part) {
      const resource = {
        arn: fn.arn,
        accountId: fn.accountId,
        region: fn.region,
        service: LAMBDA_BILLING_SERVICE,
      };
      const byDay = observationsByArn.get(fn.arn) ?? new Map<number, typeof observations>();
      const pc = fn.provisionedConcurrencies.reduce(
        (sum, config) => ({
          count: sum.count + config.requestedCount,
          hours: Math.max(sum.hours, config.activeHoursPerDay),
        }),
        { count: 0, hours: 0 },
      );
      const days = new Set(byDay.keys());
      if (pc.count > 0) {
        // Provisioned concurrency is billed every day it is configured, used or not.
        const from = Math.max(startMs, toUtcMidnight(fn.firstSeenAt).getTime());
        const to = Math.min(endMs, fn.deletedAt ? fn.deletedAt.getTime() : endMs);
        for (let dayMs = from; dayMs < to; dayMs += DAY_MS) days.add(dayMs);
      }
      for (const dayMs of [...days].sort((a, b) => a - b)) {
        const rows = byDay.get(dayMs) ?? [];
        const source = OBSERVATION_SOURCES.find((candidate) => rows.some((row) => row.source === candidate));
        const chosen = rows.filter((row) => row.source === source);
        const config = toConfigOn(fn.configChanges, dayMs);
        const memoryMb = config?.memoryMb ?? fn.memoryMb;
        const architecture = (config?.architecture ?? fn.architecture) === "arm64" ? "arm64" : "x86_64";
        const usages: LambdaUsage[] = chosen.map((row) => ({
          region: fn.region,
          architecture: (row.architecture === "arm64" ? "arm64" : "x86_64") as Architecture,
          memoryMb: row.memoryMb,
          requestsPerMonth: row.invocations,
          durationMs: row.durationAvgMs,
          ephemeralStorageMb: fn.ephemeralStorageMb,
          isFreeTierApplied: false,
          init:
            row.coldStarts && row.initDurationAvgMs !== null
              ? { coldStartsPerMonth: row.coldStarts, initDurationMs: row.initDurationAvgMs }
              : undefined,
        }));
        if (pc.count > 0) {
          // PC serves the configuration in effect; its invocations come from the PC metric.
          let index = usages.findIndex(
            (usage) => usage.memoryMb === memoryMb && usage.architecture === architecture,
          );
          if (index === -1) {
            usages.push({
              region: fn.region,
              architecture,
              memoryMb,
              requestsPerMonth: 0,
              durationMs: 0,
              ephemeralStorageMb: fn.ephemeralStorageMb,
              isFreeTierApplied: false,
            });
            index = usages.length - 1;
          }
          const usage = usages[index]!;
          const pcRequests = Math.min(pcByArnDay.get(`${fn.arn}|${dayMs}`) ?? 0, usage.requestsPerMonth);
          usages[index] = {
            ...usage,
            provisionedConcurrency: {
              count: pc.count,
              hoursPerMonth: pc.hours,
              requests: pcRequests,
              durationMs: usage.durationMs,
            },
          };
        }
        pushModelledDay(target, unknownRates, resource, dayMs, computeLambdaModelledDay(usages));
      }
    }
  }
}

/** Each service's usage per day, priced: average running tasks × 24 h at the task size in effect. */
async function listFargateModelledLines(
  db: Db,
  where: ScopeWhere,
  startMs: number,
  endMs: number,
  target: ModelledLine[],
  unknownRates: Map<string, Set<string>>,
): Promise<void> {
  const serviceRows = await db.fargateService.findMany({
    where,
    select: {
      id: true,
      arn: true,
      accountId: true,
      region: true,
      cpuUnits: true,
      memoryMb: true,
      os: true,
      architecture: true,
      ephemeralStorageGb: true,
      onDemandWeight: true,
      spotWeight: true,
      isDemo: true,
    },
    orderBy: { arn: "asc" },
  });
  for (const rows of chunk(serviceRows)) {
    const changes = await db.fargateServiceConfigChange.findMany({
      where: { serviceId: { in: rows.map((service) => service.id) } },
      select: { serviceId: true, effectiveAt: true, cpuUnits: true, memoryMb: true, architecture: true },
      orderBy: { effectiveAt: "asc" },
    });
    const changesById = groupBy(changes, (c) => c.serviceId);
    const part = rows.map((service) => ({ ...service, configChanges: changesById.get(service.id) ?? [] }));
    const points = await db.metricPoint.findMany({
      where: {
        resourceArn: { in: part.map((service) => service.arn) },
        metric: "RunningTaskCount",
        stat: "Average",
        granularity: "day",
        timestamp: { gte: new Date(startMs), lt: new Date(endMs) },
      },
      select: { resourceArn: true, timestamp: true, value: true },
      orderBy: [{ resourceArn: "asc" }, { timestamp: "asc" }],
    });
    const byArn = new Map(part.map((service) => [service.arn, service]));
    for (const point of points) {
      const service = byArn.get(point.resourceArn);
      if (!service || !(point.value > 0)) continue;
      const dayMs = point.timestamp.getTime();
      const config = toConfigOn(service.configChanges, dayMs);
      const weights = service.onDemandWeight + service.spotWeight;
      const day = computeFargateModelledDay(
        {
          region: service.region,
          architecture: (config?.architecture ?? service.architecture) === "arm64" ? "arm64" : "x86_64",
          os: (service.os === "windows" ? "windows" : "linux") as FargateOs,
          vcpu: (config?.cpuUnits ?? service.cpuUnits) / 1024,
          memoryGb: (config?.memoryMb ?? service.memoryMb) / 1024,
          tasks: point.value,
          runSeconds: 86_400,
          runsPerTask: 1,
          ephemeralStorageGb: service.ephemeralStorageGb,
        },
        weights > 0 ? service.spotWeight / weights : 0,
        // The demo bills Spot at a documented share of on-demand (lib/demo/spot-rate.ts); a real
        // service's Spot rate is unknown to the price book (docs/aws-facts.md §2.3).
        service.isDemo ? DEMO_FARGATE_SPOT_PRICE_FACTOR : null,
      );
      pushModelledDay(
        target,
        unknownRates,
        {
          arn: service.arn,
          accountId: service.accountId,
          region: service.region,
          service: FARGATE_BILLING_SERVICE,
        },
        dayMs,
        day,
      );
    }
  }
}

/** What the reconciliation works from: the window's billed lines, modelled lines and their allocation. */
export type ReconciliationInputs = {
  window: { startMs: number; endMs: number; days: number };
  billed: BilledLine[];
  modelled: ModelledLine[];
  allocations: Allocation[];
  unknownRatesByResource: Map<string, string[]>;
};

export async function getReconciliationInputs(
  db: Db,
  scope: ReconciliationScope = {},
): Promise<ReconciliationInputs> {
  const window = toWindow(scope);
  const where = toScopeWhere(scope);
  const billed = await listBilledLines(db, where, window.startMs, window.endMs);
  const modelled: ModelledLine[] = [];
  const unknownRates = new Map<string, Set<string>>();
  await listLambdaModelledLines(db, where, window.startMs, window.endMs, modelled, unknownRates);
  await listFargateModelledLines(db, where, window.startMs, window.endMs, modelled, unknownRates);
  return {
    window,
    billed,
    modelled,
    allocations: allocateBilledLines(billed, modelled),
    unknownRatesByResource: new Map([...unknownRates].map(([arn, set]) => [arn, [...set].sort()])),
  };
}

function toWindowDto(window: { startMs: number; endMs: number; days: number }): ReconciliationWindow {
  return { start: toDayKey(window.startMs), endExclusive: toDayKey(window.endMs), days: window.days };
}

/**
 * Billed, modelled and residual per account, region and service over the last `days` whole UTC
 * days, largest |residual| first, with the usage types behind each and the likely causes of a
 * residual over 5 %.
 */
export async function getReconciliation(
  db: Db,
  scope: ReconciliationScope = {},
): Promise<ReconciliationReport> {
  return toReconciliationReport(db, await getReconciliationInputs(db, scope));
}

/** The report of inputs already read (the import's refresh reads them once for every view). */
export async function toReconciliationReport(
  db: Db,
  inputs: ReconciliationInputs,
): Promise<ReconciliationReport> {
  const { services, days } = computeReconciliation(
    inputs.billed,
    inputs.modelled,
    inputs.allocations,
    inputs.unknownRatesByResource,
  );
  const accounts = await db.account.findMany({ select: { id: true, name: true } });
  const accountNames = new Map(accounts.map((account) => [account.id, account.name]));

  let billedNanoUsd = 0n;
  let modelledUsd = 0;
  let unattributedNanoUsd = 0n;
  const causeTotals = new Map<ResidualCause["kind"], { amountUsd: number | null; rows: number }>();
  const rows = services.map((service): ReconciliationRow => {
    billedNanoUsd += service.billedNanoUsd;
    modelledUsd += service.modelledUsd;
    unattributedNanoUsd += service.unattributedNanoUsd;
    for (const cause of service.causes) {
      const total = causeTotals.get(cause.kind) ?? { amountUsd: 0, rows: 0 };
      total.amountUsd =
        total.amountUsd === null || cause.amountUsd === null ? null : total.amountUsd + cause.amountUsd;
      total.rows += 1;
      causeTotals.set(cause.kind, total);
    }
    return {
      accountId: service.accountId,
      accountName: accountNames.get(service.accountId) ?? null,
      region: service.region,
      service: service.service,
      billedUsd: toUsdFromNanoUsd(service.billedNanoUsd),
      billedNanoUsd: service.billedNanoUsd.toString(),
      modelledUsd: service.modelledUsd,
      residualUsd: service.residualUsd,
      residualShare: service.residualShare,
      unattributedUsd: toUsdFromNanoUsd(service.unattributedNanoUsd),
      unknownRates: service.unknownRates,
      usageTypes: service.usageTypes.map((entry) => {
        const billedUsd = toUsdFromNanoUsd(entry.billedNanoUsd);
        return {
          usageType: entry.usageType,
          component: entry.component,
          recordTypes: entry.recordTypes,
          billedUsd,
          billedNanoUsd: entry.billedNanoUsd.toString(),
          modelledUsd: entry.modelledUsd,
          residualUsd: billedUsd - entry.modelledUsd,
          hasUnknownRate: entry.hasUnknownRate,
        };
      }),
      causes: service.causes,
    };
  });
  const billedUsd = toUsdFromNanoUsd(billedNanoUsd);
  const residualUsd = billedUsd - modelledUsd;
  const scale = Math.max(Math.abs(billedUsd), Math.abs(modelledUsd));
  const dailyByKey = new Map(days.map((day) => [day.dayMs, day]));
  const daily = Array.from({ length: inputs.window.days }, (_, index) => {
    const dayMs = inputs.window.startMs + index * DAY_MS;
    const day = dailyByKey.get(dayMs);
    const dayBilledUsd = day ? toUsdFromNanoUsd(day.billedNanoUsd) : 0;
    const dayModelledUsd = day?.modelledUsd ?? 0;
    return {
      day: toDayKey(dayMs),
      billedUsd: dayBilledUsd,
      modelledUsd: dayModelledUsd,
      residualUsd: dayBilledUsd - dayModelledUsd,
    };
  });
  return {
    window: toWindowDto(inputs.window),
    totals: {
      billedUsd,
      billedNanoUsd: billedNanoUsd.toString(),
      modelledUsd,
      residualUsd,
      residualShare: scale > 0 ? Math.abs(residualUsd) / scale : 0,
      unattributedUsd: toUsdFromNanoUsd(unattributedNanoUsd),
      hasUnknownRates: rows.some((row) => row.unknownRates.length > 0),
    },
    rows,
    daily,
    accountsNamingResources: listAccountsNamingResources(inputs.billed),
    causes: [...causeTotals]
      .map(([kind, total]) => ({ kind, ...total }))
      .sort((a, b) => Math.abs(b.amountUsd ?? Infinity) - Math.abs(a.amountUsd ?? Infinity)),
  };
}

/**
 * Billed, allocated and modelled cost of one resource over the last `days` whole UTC days. The
 * allocation needs every resource of the account and region (an unattributed line is shared among
 * them), so that is the scope read.
 */
export async function getResourceCostComparison(
  db: Db,
  resource: { arn: string; accountId: string; region: string },
  scope: Pick<ReconciliationScope, "days" | "now"> = {},
): Promise<ResourceCostComparison> {
  const inputs = await getReconciliationInputs(db, {
    ...scope,
    accountId: resource.accountId,
    region: resource.region,
  });
  const isNamedOnBill = listAccountsNamingResources(inputs.billed).includes(resource.accountId);
  return toResourceCostComparison(
    toWindowDto(inputs.window),
    toResourceCostSums(inputs).get(resource.arn) ?? {
      billedNanoUsd: 0n,
      sharedNanoUsd: 0n,
      modelledUsd: null,
      unknownRates: inputs.unknownRatesByResource.get(resource.arn) ?? [],
    },
    { isNamedOnBill },
  );
}

/** One resource's sums over the window: exact billed money, and the modelled USD. */
export type ResourceCostSums = {
  billedNanoUsd: bigint;
  sharedNanoUsd: bigint;
  modelledUsd: number | null;
  unknownRates: string[];
};

/** Every resource's three costs from one read of the inputs, by ARN (exact money). */
export function toResourceCostSums(inputs: ReconciliationInputs): Map<string, ResourceCostSums> {
  const sums = new Map<string, ResourceCostSums>();
  const entry = (arn: string) => {
    let sum = sums.get(arn);
    if (!sum) {
      sum = {
        billedNanoUsd: 0n,
        sharedNanoUsd: 0n,
        modelledUsd: null,
        unknownRates: inputs.unknownRatesByResource.get(arn) ?? [],
      };
      sums.set(arn, sum);
    }
    return sum;
  };
  for (const allocation of inputs.allocations) {
    if (!allocation.resourceArn) continue;
    const sum = entry(allocation.resourceArn);
    if (allocation.basis === "resource") sum.billedNanoUsd += allocation.nanoUsd;
    else sum.sharedNanoUsd += allocation.nanoUsd;
  }
  for (const line of inputs.modelled) {
    if (line.costUsd === null) continue;
    const sum = entry(line.resourceArn);
    sum.modelledUsd = (sum.modelledUsd ?? 0) + line.costUsd;
  }
  for (const arn of inputs.unknownRatesByResource.keys()) entry(arn);
  return sums;
}

/** A resource's three costs as the pages show them. */
/** The accounts among `billed` with a line that names a resource, sorted. */
export function listAccountsNamingResources(billed: readonly BilledLine[]): string[] {
  const accounts = new Set<string>();
  for (const line of billed) if (line.resourceArn !== "") accounts.add(line.accountId);
  return [...accounts].sort();
}

export function toResourceCostComparison(
  window: ReconciliationWindow,
  sums: ResourceCostSums,
  /** Whether the bill names any resource of the account in the window. */
  options: { isNamedOnBill: boolean },
): ResourceCostComparison {
  return {
    window,
    billedUsd:
      options.isNamedOnBill || sums.billedNanoUsd !== 0n ? toUsdFromNanoUsd(sums.billedNanoUsd) : null,
    allocatedUsd: toUsdFromNanoUsd(sums.billedNanoUsd + sums.sharedNanoUsd),
    sharedUsd: toUsdFromNanoUsd(sums.sharedNanoUsd),
    modelledUsd: sums.modelledUsd,
    unknownRates: sums.unknownRates,
  };
}
