/**
 * Simulates one Fargate service hour by hour: running tasks (autoscaled by its load shape), CPU and
 * memory utilisation, load-balancer requests and response time for HTTP services, and the day's cost
 * lines (vCPU-hours, GB-hours, Windows licence, storage, on-demand and Spot) priced by lib/pricing.
 */
import type { FargateUsage } from "@/lib/pricing";
import type {
  CostLineRow,
  FargateServiceConfigChangeRow,
  FargateServiceRow,
  MetricSeriesInput,
} from "@/lib/db/import/tables";
import { toFargateCostLines } from "./cost-lines";
import { MetricSeries } from "./metric-series";
import type { Prng } from "./prng";
import { createPrng, toStableId } from "./prng";
import { compareCostLines } from "./simulate-lambda";
import { DEMO_ACCOUNTS, REGION_UTC_OFFSET_HOURS } from "./specs";
import type { FargateConfig, FargateSpec } from "./specs";
import { HOUR_MS, toDayStartMs } from "./time";
import type { DemoWindow } from "./time";

export function toFargateServiceArn(
  spec: Pick<FargateSpec, "account" | "region" | "clusterName" | "name">,
): string {
  return `arn:aws:ecs:${spec.region}:${DEMO_ACCOUNTS[spec.account].id}:service/${spec.clusterName}/${spec.name}`;
}

export function toFargateConfigOnDay(spec: FargateSpec, daysAgo: number): FargateConfig {
  for (const entry of spec.history) {
    if (daysAgo > entry.untilDaysAgo) {
      return { cpuUnits: entry.cpuUnits, memoryMb: entry.memoryMb, architecture: entry.architecture };
    }
  }
  return { cpuUnits: spec.cpuUnits, memoryMb: spec.memoryMb, architecture: spec.architecture };
}

/** Load 0..1 per UTC hour of one day. */
function toHourLoads(spec: FargateSpec, isWeekend: boolean, prng: Prng): number[] {
  const loads = new Array<number>(24);
  for (let hour = 0; hour < 24; hour += 1) {
    const local = (((hour + REGION_UTC_OFFSET_HOURS[spec.region]) % 24) + 24) % 24;
    const isWorkHour = local >= 8 && local <= 18;
    switch (spec.load) {
      case "steady":
        loads[hour] = 0.75 + 0.2 * Math.sin((2 * Math.PI * (local - 9)) / 24);
        break;
      case "business-hours":
        loads[hour] = isWorkHour && !isWeekend ? 0.9 : isWeekend ? 0.2 : 0.3;
        break;
      case "queue":
        loads[hour] = Math.min(
          1,
          (isWorkHour ? 0.45 : 0.15) + (prng.chance(0.25) ? prng.uniform(0.2, 0.6) : 0),
        );
        break;
      case "nightly":
        loads[hour] = local >= 0 && local < 5 ? 1 : 0;
        break;
      case "office-hours-only":
        loads[hour] = isWorkHour && !isWeekend ? 1 : 0;
        break;
    }
  }
  return loads;
}

type FargateRows = {
  service: FargateServiceRow;
  configChanges: FargateServiceConfigChangeRow[];
  metricSeries: MetricSeriesInput[];
  costLines: CostLineRow[];
};

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

export function simulateFargate(spec: FargateSpec, window: DemoWindow, seed: number): FargateRows {
  const arn = toFargateServiceArn(spec);
  const accountId = DEMO_ACCOUNTS[spec.account].id;
  const prng = createPrng(`${seed}:fargate:${arn}`);
  const serviceId = `demo-${toStableId(arn)}`;
  const firstDay = Math.max(0, window.days - (spec.createdDaysAgo ?? window.days));
  const hourlyFromDay = window.days - window.hourlyDays;
  const isFixedSize = spec.minTasks === spec.maxTasks;
  const spotShare = spec.spotWeight / (spec.spotWeight + spec.onDemandWeight);
  const series = new MetricSeries(arn, "fargate");
  const hourCpu = series.define("CPUUtilization", "Average", "hour", "Percent");
  const hourCpuMax = series.define("CPUUtilization", "Maximum", "hour", "Percent");
  const hourTasks = series.define("RunningTaskCount", "Average", "hour", "Count");
  const dayCpu = series.define("CPUUtilization", "Average", "day", "Percent");
  const dayCpuMax = series.define("CPUUtilization", "Maximum", "day", "Percent");
  const dayMemory = series.define("MemoryUtilization", "Average", "day", "Percent");
  const dayTasks = series.define("RunningTaskCount", "Average", "day", "Count");
  // Load balancer (target group) metrics of HTTP services. TargetResponseTime is stored in
  // milliseconds (CloudWatch reports seconds). Their own PRNG keeps the other series unchanged.
  const http = spec.http;
  const httpPrng = http ? createPrng(`${seed}:fargate-http:${arn}`) : null;
  const dayRequestCount = series.define("RequestCount", "Sum", "day", "Count");
  const dayResponseTime = series.define("TargetResponseTime", "Average", "day", "Milliseconds");
  const costLines: CostLineRow[] = [];
  let lastTasks = spec.minTasks;

  for (let day = firstDay; day < window.days; day += 1) {
    const dayStartMs = toDayStartMs(window, day);
    const dayStart = new Date(dayStartMs);
    const config = toFargateConfigOnDay(spec, window.days - day);
    const isWeekend = dayStart.getUTCDay() === 0 || dayStart.getUTCDay() === 6;
    const loads = toHourLoads(spec, isWeekend, prng);
    const isHourly = day >= hourlyFromDay;
    let taskHours = 0;
    let activeHours = 0;
    let cpuSum = 0;
    let cpuMax = 0;
    let memorySum = 0;
    let requests = 0;
    let responseTimeSumMs = 0;

    for (let hour = 0; hour < 24; hour += 1) {
      const load = loads[hour] ?? 0;
      // Autoscaling settles on whole tasks; an hour that scales averages between two counts.
      const tasks =
        Math.round((spec.minTasks + (spec.maxTasks - spec.minTasks) * load * prng.noise(0.05)) * 4) / 4;
      const runningTasks = clamp(tasks, spec.minTasks, spec.maxTasks);
      lastTasks = runningTasks;
      if (runningTasks <= 0) continue; // ECS sends no metrics without running tasks
      const cpuAverage = clamp(
        spec.cpuPercent * (isFixedSize ? 0.55 + 0.6 * load : 0.85 + 0.3 * load) * prng.noise(0.08),
        0.3,
        97,
      );
      const cpuMaximum = clamp(cpuAverage * spec.cpuPeakRatio * prng.noise(0.1), cpuAverage, 100);
      const memoryAverage = clamp(spec.memoryPercent * (0.96 + 0.08 * load) * prng.noise(0.03), 1, 99);
      taskHours += runningTasks;
      activeHours += 1;
      cpuSum += cpuAverage;
      cpuMax = Math.max(cpuMax, cpuMaximum);
      memorySum += memoryAverage;
      if (http && httpPrng) {
        const hourRequests = Math.round(
          http.requestsPerTaskHour * runningTasks * load * httpPrng.noise(0.06),
        );
        requests += hourRequests;
        responseTimeSumMs += hourRequests * http.responseTimeMs * (0.9 + 0.2 * load) * httpPrng.noise(0.05);
      }
      if (isHourly) {
        const timestamp = dayStartMs + hour * HOUR_MS;
        series.add(hourCpu, timestamp, round3(cpuAverage));
        series.add(hourCpuMax, timestamp, round3(cpuMaximum));
        series.add(hourTasks, timestamp, runningTasks);
      }
    }
    if (activeHours === 0) continue;
    series.add(dayCpu, dayStartMs, round3(cpuSum / activeHours));
    series.add(dayCpuMax, dayStartMs, round3(cpuMax));
    series.add(dayMemory, dayStartMs, round3(memorySum / activeHours));
    // Unrounded: task-hours × 24 must give back exactly the usage the cost lines were priced from.
    series.add(dayTasks, dayStartMs, taskHours / 24);
    if (requests > 0) {
      series.add(dayRequestCount, dayStartMs, requests);
      series.add(dayResponseTime, dayStartMs, round3(responseTimeSumMs / requests));
    }

    const key = { accountId, region: spec.region, resourceArn: arn, day: dayStart };
    for (const usage of toDemoFargateUsages(spec, config, taskHours, spotShare)) {
      costLines.push(...toFargateCostLines(key, usage));
    }
  }

  return {
    service: {
      id: serviceId,
      arn,
      accountId,
      region: spec.region,
      clusterName: spec.clusterName,
      name: spec.name,
      taskDefinitionArn: `arn:aws:ecs:${spec.region}:${accountId}:task-definition/${spec.name}:${1 + (toStableId(arn).charCodeAt(0) % 40)}`,
      cpuUnits: spec.cpuUnits,
      memoryMb: spec.memoryMb,
      os: spec.os,
      architecture: spec.architecture,
      ephemeralStorageGb: spec.ephemeralStorageGb,
      onDemandWeight: spec.onDemandWeight,
      spotWeight: spec.spotWeight,
      desiredCount: Math.ceil(lastTasks),
      runningCount: Math.ceil(lastTasks),
      tagsJson: JSON.stringify(spec.tags),
      firstSeenAt: new Date(toDayStartMs(window, firstDay)),
      lastSeenAt: window.asOf,
      deletedAt: null,
      isDemo: true,
    },
    configChanges: toFargateConfigChanges(spec, window, serviceId, firstDay),
    metricSeries: series.toSeries(),
    costLines: costLines.sort(compareCostLines),
  };
}

/**
 * One day of a service's usage in lib/pricing's terms: `taskHours` split between on-demand and
 * Spot by the capacity-provider weights. Exported for the cost test.
 */
export function toDemoFargateUsages(
  spec: Pick<FargateSpec, "region" | "os" | "ephemeralStorageGb">,
  config: FargateConfig,
  taskHours: number,
  spotShare: number,
): FargateUsage[] {
  const base = {
    region: spec.region,
    architecture: config.architecture,
    os: spec.os,
    vcpu: config.cpuUnits / 1024,
    memoryGb: config.memoryMb / 1024,
    runSeconds: 86_400,
    runsPerTask: 1,
    ephemeralStorageGb: spec.ephemeralStorageGb,
  };
  const usages: FargateUsage[] = [];
  const onDemandTasks = (taskHours * (1 - spotShare)) / 24;
  const spotTasks = (taskHours * spotShare) / 24;
  if (onDemandTasks > 0) usages.push({ ...base, tasks: onDemandTasks, isSpot: false });
  if (spotTasks > 0) usages.push({ ...base, tasks: spotTasks, isSpot: true });
  return usages;
}

function toFargateConfigChanges(
  spec: FargateSpec,
  window: DemoWindow,
  serviceId: string,
  firstDay: number,
): FargateServiceConfigChangeRow[] {
  const changes: FargateServiceConfigChangeRow[] = [];
  let previous: FargateConfig | null = null;
  for (let day = firstDay; day < window.days; day += 1) {
    const config = toFargateConfigOnDay(spec, window.days - day);
    if (
      previous &&
      previous.cpuUnits === config.cpuUnits &&
      previous.memoryMb === config.memoryMb &&
      previous.architecture === config.architecture
    ) {
      continue;
    }
    const effectiveAt = new Date(toDayStartMs(window, day));
    changes.push({
      id: `demo-${toStableId(`${serviceId}:${effectiveAt.getTime()}`)}`,
      serviceId,
      effectiveAt,
      ...config,
    });
    previous = config;
  }
  return changes;
}
