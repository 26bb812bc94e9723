/**
 * Simulates one Lambda function over the demo window: hour by hour invocations, durations,
 * concurrency, cold starts, throttles and provisioned-concurrency spillover, then writes what a
 * sync would have stored: CloudWatch metric points (daily, and hourly for the last days), one memory
 * observation per day at the memory it ran at, and the day's cost lines priced by lib/pricing.
 */
import type { Architecture, LambdaUsage } from "@/lib/pricing";
import type {
  CostLineRow,
  LambdaConfigChangeRow,
  LambdaFunctionRow,
  LambdaProvisionedConcurrencyRow,
  MemoryObservationRow,
  MetricSeriesInput,
} from "@/lib/db/import/tables";
import { toLambdaCostLines, DEMO_SOURCE } from "./cost-lines";
import type { Prng } from "./prng";
import { createPrng, toStableId } from "./prng";
import { DEMO_ACCOUNTS, REGION_UTC_OFFSET_HOURS } from "./specs";
import type { DemoRegion, DurationModel, LambdaConfig, LambdaSpec, TrafficShape } from "./specs";
import { HOUR_MS, toDayStartMs } from "./time";
import type { DemoWindow } from "./time";
import { MetricSeries } from "./metric-series";

/** Memory at which Lambda gives one full vCPU. */
const MB_PER_VCPU = 1769;

export function toLambdaArn(spec: Pick<LambdaSpec, "account" | "region" | "name">): string {
  return `arn:aws:lambda:${spec.region}:${DEMO_ACCOUNTS[spec.account].id}:function:${spec.name}`;
}

/** Average duration (ms) of one invocation at a configuration: I/O + CPU scaled by vCPU share and GC pressure. */
export function modelDurationMs(model: DurationModel, config: LambdaConfig): number {
  const parallelism = model.parallelism ?? 1;
  const cpuFactor = MB_PER_VCPU / Math.min(config.memoryMb, MB_PER_VCPU * parallelism);
  const gcPenalty = 1 + 0.8 * Math.max(0, (1.5 * model.workingSetMb) / config.memoryMb - 1);
  const archFactor = config.architecture === "arm64" ? (model.armFactor ?? 1) : 1;
  return (model.ioMs + model.cpuMs * cpuFactor * gcPenalty) * archFactor;
}

/** The configuration in effect on the day that starts `daysAgo` days before the anchor. */
export function toConfigOnDay(spec: LambdaSpec, daysAgo: number): LambdaConfig {
  for (const entry of spec.history) {
    if (daysAgo > entry.untilDaysAgo) return { memoryMb: entry.memoryMb, architecture: entry.architecture };
  }
  return { memoryMb: spec.memoryMb, architecture: spec.architecture };
}

const WEEKEND_FACTOR: Record<TrafficShape, number> = {
  steady: 0.85,
  "business-hours": 0.25,
  spiky: 0.6,
  nightly: 1,
  "hourly-cron": 1,
  sparse: 0.5,
  idle: 0.5,
};

function toLocalHour(hourUtc: number, region: DemoRegion): number {
  return (((hourUtc + REGION_UTC_OFFSET_HOURS[region]) % 24) + 24) % 24;
}

function businessWeight(localHour: number): number {
  if (localHour >= 8 && localHour <= 17) return 1;
  if (localHour === 7 || localHour === 18) return 0.5;
  if (localHour >= 19 && localHour <= 22) return 0.18;
  return 0.04;
}

/** Relative traffic per UTC hour of a typical day (not normalised). */
function toBaseHourWeights(spec: LambdaSpec, shape: TrafficShape): number[] {
  const weights = new Array<number>(24).fill(0);
  for (let hour = 0; hour < 24; hour += 1) {
    const local = toLocalHour(hour, spec.region);
    switch (shape) {
      case "steady":
        weights[hour] = 1 + 0.2 * Math.sin((2 * Math.PI * (local - 9)) / 24);
        break;
      case "business-hours":
        weights[hour] = businessWeight(local);
        break;
      case "spiky":
        weights[hour] = 0.03;
        break;
      case "nightly": {
        const start = spec.traffic.hourUtc ?? 2;
        weights[hour] = hour === start ? 0.85 : hour === (start + 1) % 24 ? 0.15 : 0;
        break;
      }
      case "hourly-cron":
        weights[hour] = 1;
        break;
      case "sparse":
      case "idle":
        weights[hour] = 0.3 + businessWeight(local);
        break;
    }
  }
  return weights;
}

/** One day's hour weights into `target`: the base shape, plus a few random bursts for spiky traffic. */
function fillHourWeights(target: number[], base: readonly number[], shape: TrafficShape, prng: Prng): number {
  let sum = 0;
  for (let hour = 0; hour < 24; hour += 1) {
    target[hour] = base[hour] ?? 0;
    sum += target[hour] ?? 0;
  }
  if (shape === "spiky") {
    const bursts = prng.int(1, 4);
    for (let burst = 0; burst < bursts; burst += 1) {
      const hour = prng.int(0, 23);
      const extra = prng.uniform(2, 9);
      target[hour] = (target[hour] ?? 0) + extra;
      sum += extra;
    }
  }
  return sum;
}

type LambdaRows = {
  function: LambdaFunctionRow;
  configChanges: LambdaConfigChangeRow[];
  provisionedConcurrency: LambdaProvisionedConcurrencyRow[];
  metricSeries: MetricSeriesInput[];
  memoryObservations: MemoryObservationRow[];
  costLines: CostLineRow[];
};

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export function simulateLambda(spec: LambdaSpec, window: DemoWindow, seed: number): LambdaRows {
  const arn = toLambdaArn(spec);
  const accountId = DEMO_ACCOUNTS[spec.account].id;
  const prng = createPrng(`${seed}:lambda:${arn}`);
  const functionId = `demo-${toStableId(arn)}`;
  const firstDay = Math.max(0, window.days - (spec.createdDaysAgo ?? window.days));
  const firstSeenAt = new Date(toDayStartMs(window, firstDay));
  const timeoutMs = spec.timeoutSeconds * 1000;
  const pc = spec.provisionedConcurrency;
  const hourlyFromDay = window.days - window.hourlyDays;
  const weekendFactor = spec.traffic.weekendFactor ?? WEEKEND_FACTOR[spec.traffic.shape];
  const dailySpread = spec.traffic.dailySpread ?? 0.08;

  const series = new MetricSeries(arn, "lambda");
  const hourInvocations = series.define("Invocations", "Sum", "hour", "Count");
  const hourDuration = series.define("Duration", "Average", "hour", "Milliseconds");
  const hourConcurrency = series.define("ConcurrentExecutions", "Maximum", "hour", "Count");
  const hourPcUtilization = series.define("ProvisionedConcurrencyUtilization", "Maximum", "hour", "None");
  const hourPcInvocations = series.define("ProvisionedConcurrencyInvocations", "Sum", "hour", "Count");
  const hourSpillover = series.define("ProvisionedConcurrencySpilloverInvocations", "Sum", "hour", "Count");
  const dayInvocations = series.define("Invocations", "Sum", "day", "Count");
  const dayErrors = series.define("Errors", "Sum", "day", "Count");
  const dayThrottles = series.define("Throttles", "Sum", "day", "Count");
  const dayDuration = series.define("Duration", "Average", "day", "Milliseconds");
  const dayP95 = series.define("Duration", "p95", "day", "Milliseconds");
  const dayConcurrency = series.define("ConcurrentExecutions", "Maximum", "day", "Count");
  const dayPcUtilization = series.define("ProvisionedConcurrencyUtilization", "Maximum", "day", "None");
  const dayPcInvocations = series.define("ProvisionedConcurrencyInvocations", "Sum", "day", "Count");
  const daySpillover = series.define("ProvisionedConcurrencySpilloverInvocations", "Sum", "day", "Count");
  const memoryObservations: MemoryObservationRow[] = [];
  const costLines: CostLineRow[] = [];

  // An "idle" function that was active before lastActiveDaysAgo had sparse traffic until then.
  const shape: TrafficShape = spec.traffic.shape === "idle" ? "sparse" : spec.traffic.shape;
  const baseWeights = toBaseHourWeights(spec, shape);
  const weights = new Array<number>(24).fill(0);
  // Provisioned-concurrency split of each hour of the day being simulated (-1: no invocations).
  const hourPcCounts = new Array<number>(24).fill(-1);
  const hourSpillCounts = new Array<number>(24).fill(0);

  for (let day = firstDay; day < window.days; day += 1) {
    const dayStartMs = toDayStartMs(window, day);
    const dayStart = new Date(dayStartMs);
    const daysAgo = window.days - day;
    const config = toConfigOnDay(spec, daysAgo);
    const isWeekend = dayStart.getUTCDay() === 0 || dayStart.getUTCDay() === 6;
    const lastActive = spec.traffic.lastActiveDaysAgo;
    const weekday = spec.traffic.weekdayUtc;
    const isActive =
      (lastActive !== undefined ? daysAgo > lastActive : spec.traffic.shape !== "idle") &&
      (weekday === undefined || dayStart.getUTCDay() === weekday);

    const dayRequests = isActive
      ? spec.traffic.requestsPerDay *
        (isWeekend ? weekendFactor : 1) *
        (shape === "hourly-cron" ? 1 : prng.noise(dailySpread))
      : 0;
    const baseDurationMs = modelDurationMs(spec.duration, config) * prng.noise(0.03);
    const weightSum = fillHourWeights(weights, baseWeights, shape, prng);

    let invocations = 0;
    let errors = 0;
    let throttles = 0;
    let coldStarts = 0;
    let pcInvocations = 0;
    let spillover = 0;
    let durationTotalMs = 0;
    let p95WeightedMs = 0;
    const dayTail = prng.noise(0.05);
    let maxConcurrency = 0;
    let maxPcUtilization = 0;
    const isHourly = day >= hourlyFromDay;
    hourPcCounts.fill(-1);
    hourSpillCounts.fill(0);

    for (let hour = 0; hour < 24; hour += 1) {
      const expected = weightSum > 0 ? (dayRequests * (weights[hour] ?? 0)) / weightSum : 0;
      let count =
        shape === "hourly-cron"
          ? Math.round(expected)
          : expected < 50
            ? prng.poisson(expected)
            : Math.round(expected * prng.noise(0.04));
      if (count <= 0) continue;
      // Hour-to-hour jitter only where hourly points are written; older days need the daily figures.
      const durationMs = Math.min(timeoutMs, isHourly ? baseDurationMs * prng.noise(0.04) : baseDurationMs);
      let rawConcurrency = (count / 3600) * (durationMs / 1000) * spec.traffic.burstiness;
      let concurrency = Math.max(1, Math.ceil(rawConcurrency));
      let hourThrottles = 0;
      if (spec.reservedConcurrency !== undefined && rawConcurrency > spec.reservedConcurrency) {
        hourThrottles = Math.round(count * (1 - spec.reservedConcurrency / rawConcurrency) * 0.6);
        count -= hourThrottles;
        rawConcurrency = spec.reservedConcurrency;
        concurrency = spec.reservedConcurrency;
      }
      let hourPc = 0;
      let hourSpill = 0;
      let hourCold: number;
      if (pc) {
        hourSpill = rawConcurrency > pc.count ? Math.round(count * (1 - pc.count / rawConcurrency) * 0.7) : 0;
        const maxPcInvocations = Math.floor((pc.count * 3600 * 1000) / Math.max(1, Math.ceil(durationMs)));
        hourPc = Math.min(count - hourSpill, maxPcInvocations);
        hourSpill = count - hourPc;
        hourCold =
          hourSpill > 0 ? Math.min(hourSpill, Math.max(1, Math.round((rawConcurrency - pc.count) * 0.6))) : 0;
        const utilization = Math.min(1, Math.max(rawConcurrency, 1) / pc.count);
        maxPcUtilization = Math.max(maxPcUtilization, utilization);
        hourPcCounts[hour] = hourPc;
        hourSpillCounts[hour] = hourSpill;
        if (isHourly) series.add(hourPcUtilization, dayStartMs + hour * HOUR_MS, round3(utilization));
      } else {
        // Idle environments are reclaimed after some minutes: with invocations further apart than
        // ~10 minutes nearly every one is cold; busy functions start new environments as they scale.
        const gapSeconds = 3600 / count;
        const idleColdShare = Math.min(1, Math.max(0, (gapSeconds - 60) / 540));
        hourCold = Math.min(
          count,
          Math.max(1, Math.round(count * idleColdShare) + Math.round(concurrency * 0.3 + count * 0.0004)),
        );
      }
      const p95Ms = Math.min(
        timeoutMs,
        durationMs * spec.duration.tailRatio * (isHourly ? prng.noise(0.05) : dayTail),
      );

      invocations += count;
      throttles += hourThrottles;
      coldStarts += hourCold;
      pcInvocations += hourPc;
      spillover += hourSpill;
      durationTotalMs += count * durationMs;
      p95WeightedMs += count * p95Ms;
      maxConcurrency = Math.max(maxConcurrency, concurrency);

      if (isHourly) {
        const timestamp = dayStartMs + hour * HOUR_MS;
        series.add(hourInvocations, timestamp, count);
        series.add(hourDuration, timestamp, round3(durationMs));
        series.add(hourConcurrency, timestamp, concurrency);
      }
    }

    const durationAvgMs = invocations > 0 ? round3(durationTotalMs / invocations) : 0;
    if (pc && pcInvocations > 0) {
      // The engine checks that PC requests fit in the provisioned environment-seconds of the day.
      const dayCapacity = Math.floor(
        (pc.count * pc.activeHoursPerDay * 3600 * 1000) / Math.ceil(durationAvgMs),
      );
      if (pcInvocations > dayCapacity) {
        moveToSpillover(hourPcCounts, hourSpillCounts, pcInvocations - dayCapacity, pcInvocations);
        spillover += pcInvocations - dayCapacity;
        pcInvocations = dayCapacity;
      }
    }
    if (pc && isHourly) {
      // Hourly PC invocations and spillover sum exactly to the daily points, like Invocations.
      for (let hour = 0; hour < 24; hour += 1) {
        const hourPc = hourPcCounts[hour] ?? -1;
        if (hourPc < 0) continue;
        series.add(hourPcInvocations, dayStartMs + hour * HOUR_MS, hourPc);
        series.add(hourSpillover, dayStartMs + hour * HOUR_MS, hourSpillCounts[hour] ?? 0);
      }
    }
    const durationP95Ms =
      invocations > 0 ? round3(Math.min(timeoutMs, (p95WeightedMs / invocations) * 1.04)) : 0;
    const initDurationMs = coldStarts > 0 ? round3(Math.min(10_000, spec.initMs * prng.noise(0.06))) : null;
    if (invocations > 0) {
      errors = Math.min(
        invocations,
        invocations * spec.errorRate < 30
          ? prng.poisson(invocations * spec.errorRate)
          : Math.round(invocations * spec.errorRate * prng.noise(0.15)),
      );
      series.add(dayInvocations, dayStartMs, invocations);
      series.add(dayErrors, dayStartMs, errors);
      series.add(dayThrottles, dayStartMs, throttles);
      series.add(dayDuration, dayStartMs, durationAvgMs);
      series.add(dayP95, dayStartMs, durationP95Ms);
      series.add(dayConcurrency, dayStartMs, maxConcurrency);
      if (pc) {
        series.add(dayPcUtilization, dayStartMs, round3(maxPcUtilization));
        series.add(dayPcInvocations, dayStartMs, pcInvocations);
        series.add(daySpillover, dayStartMs, spillover);
      }
      const memoryUsedMb = Math.min(
        config.memoryMb - 2,
        Math.round(spec.memoryUsedMb * prng.noise(spec.memoryUsedSpread ?? 0.04)),
      );
      memoryObservations.push({
        functionArn: arn,
        memoryMb: config.memoryMb,
        architecture: config.architecture,
        source: DEMO_SOURCE,
        observedOn: dayStart,
        invocations,
        durationAvgMs,
        durationP50Ms: round3(durationAvgMs * 0.82),
        durationP95Ms,
        durationP99Ms: round3(Math.min(timeoutMs, durationP95Ms * 1.5)),
        maxMemoryUsedMb: Math.max(1, memoryUsedMb),
        initDurationAvgMs: initDurationMs,
        coldStarts,
      });
    }

    if (invocations > 0 || pc) {
      costLines.push(
        ...toLambdaCostLines(
          { accountId, region: spec.region, resourceArn: arn, day: dayStart },
          toDemoLambdaUsage({
            spec,
            config,
            invocations,
            durationAvgMs,
            pcInvocations,
            coldStarts,
            initDurationMs,
          }),
        ),
      );
    }
  }

  return {
    function: {
      id: functionId,
      arn,
      accountId,
      region: spec.region,
      name: spec.name,
      runtime: spec.runtime,
      architecture: spec.architecture,
      memoryMb: spec.memoryMb,
      timeoutSeconds: spec.timeoutSeconds,
      ephemeralStorageMb: spec.ephemeralStorageMb,
      packageType: spec.packageType,
      snapStart: false,
      tagsJson: JSON.stringify(spec.tags),
      firstSeenAt,
      lastSeenAt: window.asOf,
      deletedAt: null,
      isDemo: true,
    },
    configChanges: toConfigChanges(spec, window, functionId, firstDay),
    provisionedConcurrency: pc
      ? [
          {
            id: `demo-${toStableId(`${arn}:pc:${pc.qualifier}`)}`,
            functionId,
            qualifier: pc.qualifier,
            requestedCount: pc.count,
            allocatedCount: pc.count,
            activeHoursPerDay: pc.activeHoursPerDay,
            status: "READY",
          },
        ]
      : [],
    metricSeries: series.toSeries(),
    memoryObservations: memoryObservations.sort(compareObservations),
    costLines: costLines.sort(compareCostLines),
  };
}

/**
 * Moves `excess` provisioned invocations of a day to spillover, taken from the hours in proportion
 * to what each served (busiest first), so the hourly points still sum to the daily ones.
 */
function moveToSpillover(pcCounts: number[], spillCounts: number[], excess: number, total: number): void {
  const hours = [...pcCounts.keys()]
    .filter((hour) => (pcCounts[hour] ?? 0) > 0)
    .sort((a, b) => (pcCounts[b] ?? 0) - (pcCounts[a] ?? 0) || a - b);
  let remaining = excess;
  for (const hour of hours) {
    if (remaining <= 0) break;
    const served = pcCounts[hour] ?? 0;
    const cut = Math.min(served, remaining, Math.ceil((excess * served) / total));
    pcCounts[hour] = served - cut;
    spillCounts[hour] = (spillCounts[hour] ?? 0) + cut;
    remaining -= cut;
  }
}

/**
 * One day of a demo function's usage in lib/pricing's terms. Exported so the cost test can price
 * the stored metrics and observations the same way and compare with the stored cost lines.
 */
export function toDemoLambdaUsage(input: {
  spec: Pick<LambdaSpec, "region" | "ephemeralStorageMb" | "provisionedConcurrency">;
  config: { memoryMb: number; architecture: Architecture };
  invocations: number;
  durationAvgMs: number;
  pcInvocations: number;
  coldStarts: number;
  initDurationMs: number | null;
}): LambdaUsage {
  const { spec, config } = input;
  const pc = spec.provisionedConcurrency;
  return {
    region: spec.region,
    architecture: config.architecture,
    memoryMb: config.memoryMb,
    requestsPerMonth: input.invocations,
    durationMs: input.durationAvgMs,
    ephemeralStorageMb: spec.ephemeralStorageMb,
    isFreeTierApplied: false,
    ...(pc
      ? {
          provisionedConcurrency: {
            count: pc.count,
            hoursPerMonth: pc.activeHoursPerDay,
            requests: input.pcInvocations,
            durationMs: input.durationAvgMs,
          },
        }
      : {}),
    ...(input.coldStarts > 0 && input.initDurationMs !== null
      ? { init: { coldStartsPerMonth: input.coldStarts, initDurationMs: input.initDurationMs } }
      : {}),
  };
}

function toConfigChanges(
  spec: LambdaSpec,
  window: DemoWindow,
  functionId: string,
  firstDay: number,
): LambdaConfigChangeRow[] {
  const changes: LambdaConfigChangeRow[] = [];
  let previous: LambdaConfig | null = null;
  for (let day = firstDay; day < window.days; day += 1) {
    const config = toConfigOnDay(spec, window.days - day);
    if (previous && previous.memoryMb === config.memoryMb && previous.architecture === config.architecture)
      continue;
    const effectiveAt = new Date(toDayStartMs(window, day));
    changes.push({
      id: `demo-${toStableId(`${functionId}:${effectiveAt.getTime()}`)}`,
      functionId,
      effectiveAt,
      memoryMb: config.memoryMb,
      architecture: config.architecture,
      timeoutSeconds: spec.timeoutSeconds,
    });
    previous = config;
  }
  return changes;
}

function compareObservations(a: MemoryObservationRow, b: MemoryObservationRow): number {
  return (
    a.memoryMb - b.memoryMb ||
    (a.architecture < b.architecture ? -1 : a.architecture > b.architecture ? 1 : 0) ||
    a.observedOn.getTime() - b.observedOn.getTime()
  );
}

export function compareCostLines(a: CostLineRow, b: CostLineRow): number {
  if (a.usageType !== b.usageType) return a.usageType < b.usageType ? -1 : 1;
  return a.day.getTime() - b.day.getTime();
}
