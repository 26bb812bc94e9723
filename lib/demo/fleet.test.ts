import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { CostLineRow, MemoryObservationRow, MetricPointRow } from "@/lib/db/import/tables";
import { toMetricPointRows } from "@/lib/db/import/tables";
import { mapUsageTypeToComponent } from "@/lib/db/import/usage-types";
import { toNanoUsd } from "@/lib/money";
import type { DemoBatch, DemoOptions } from "./fleet";
import { generateDemoFleet, listDemoLambdaSpecs, resolveDemoOptions } from "./fleet";
import { CATALOGUE_LAMBDA_SPECS } from "./catalogue";
import { modelDurationMs } from "./simulate-lambda";

const AS_OF = new Date("2026-11-01T00:00:00.000Z");
const DAY_MS = 86_400_000;

function hashFleet(options: Partial<DemoOptions>): string {
  const hash = createHash("sha256");
  for (const batch of generateDemoFleet(resolveDemoOptions({ asOf: AS_OF, ...options }))) {
    hash.update(
      JSON.stringify(batch, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value)),
    );
  }
  return hash.digest("hex");
}

type Collected = Omit<DemoBatch, "progress" | "metricSeries"> & { metricPoints: MetricPointRow[] };

function collect(options: Partial<DemoOptions>): Collected {
  const all: Omit<DemoBatch, "progress"> = {
    accounts: [],
    accountRegions: [],
    functions: [],
    lambdaConfigChanges: [],
    provisionedConcurrency: [],
    services: [],
    serviceConfigChanges: [],
    metricSeries: [],
    memoryObservations: [],
    costLines: [],
    computeOptimizer: [],
  };
  for (const batch of generateDemoFleet(resolveDemoOptions({ asOf: AS_OF, ...options }))) {
    for (const key of Object.keys(all) as (keyof typeof all)[]) {
      for (const row of batch[key]) (all[key] as unknown[]).push(row);
    }
  }
  const { metricSeries, ...rest } = all;
  return { ...rest, metricPoints: toMetricPointRows(metricSeries) };
}

describe("demo fleet determinism", () => {
  it("same seed and anchor ⇒ byte-identical rows; another seed ⇒ different rows", () => {
    const options = { functions: 70, services: 14, days: 20, hourlyDays: 3 };
    const first = hashFleet(options);
    expect(hashFleet(options)).toBe(first);
    expect(hashFleet({ ...options, seed: 7 })).not.toBe(first);
  });

  it("generated functions do not depend on the fleet size", () => {
    const small = listDemoLambdaSpecs({ seed: 42, functions: 65 });
    const large = listDemoLambdaSpecs({ seed: 42, functions: 90 });
    for (const spec of small) expect(large).toContainEqual(spec);
  });

  it("a fleet smaller than the catalogue takes its first entries", () => {
    const names = listDemoLambdaSpecs({ seed: 42, functions: 5 }).map((spec) => spec.name);
    expect(names.sort()).toEqual(
      CATALOGUE_LAMBDA_SPECS.slice(0, 5)
        .map((spec) => spec.name)
        .sort(),
    );
  });

  it("resolves defaults to the most recent UTC midnight and validates every option", () => {
    const resolved = resolveDemoOptions({}, new Date("2026-11-23T17:45:00Z"));
    expect(resolved).toMatchObject({ seed: 42, functions: 60, services: 12, days: 90, hourlyDays: 14 });
    expect(resolved.asOf.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(() => resolveDemoOptions({ services: 2_001 })).toThrow(
      "services must be a whole number from 0 to 2000; got 2001",
    );
    expect(() => resolveDemoOptions({ days: 1.5 })).toThrow(/days must be a whole number/);
    expect(() => resolveDemoOptions({ seed: -1 })).toThrow(/seed/);
  });
});

describe("demo catalogue (default fleet)", () => {
  let fleet: Collected;
  const points = (name: string, metric: string, stat: string, granularity = "day"): MetricPointRow[] =>
    fleet.metricPoints.filter(
      (p) =>
        p.resourceArn.endsWith(`:314159265358:function:${name}`) &&
        p.metric === metric &&
        p.stat === stat &&
        p.granularity === granularity,
    );
  const servicePoints = (name: string, metric: string, stat: string): MetricPointRow[] =>
    fleet.metricPoints.filter(
      (p) =>
        p.resourceArn.endsWith(`/${name}`) &&
        p.metric === metric &&
        p.stat === stat &&
        p.granularity === "day",
    );
  const observations = (name: string): MemoryObservationRow[] =>
    fleet.memoryObservations.filter((o) => o.functionArn.endsWith(`:314159265358:function:${name}`));
  const costs = (suffix: string): CostLineRow[] =>
    fleet.costLines.filter((c) => c.resourceArn.endsWith(suffix));
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  const usdOf = (lines: CostLineRow[]) => Number(lines.reduce((sum, l) => sum + l.amountNanoUsd, 0n)) / 1e9;

  beforeAll(() => {
    fleet = collect({});
  });

  it("has two accounts in three regions, 60 functions and 12 services, all marked demo", () => {
    expect(fleet.accounts.map((a) => a.name).sort()).toEqual(["acme-prod", "acme-staging"]);
    expect(new Set(fleet.accountRegions.map((r) => r.region))).toEqual(
      new Set(["us-east-1", "eu-west-1", "ap-southeast-2"]),
    );
    expect(fleet.functions).toHaveLength(60);
    expect(fleet.services).toHaveLength(12);
    expect(fleet.functions.every((f) => f.isDemo) && fleet.services.every((s) => s.isDemo)).toBe(true);
    expect(new Set(fleet.functions.map((f) => f.architecture))).toEqual(new Set(["x86_64", "arm64"]));
    const runtimes = new Set(fleet.functions.map((f) => f.runtime));
    for (const runtime of ["python3.12", "nodejs22.x", "provided.al2023", "java21", null])
      expect(runtimes).toContain(runtime);
    for (const fn of fleet.functions)
      expect(Object.keys(JSON.parse(fn.tagsJson)).sort()).toEqual(["env", "service", "team"]);
  });

  it("uses CloudWatch metric names and units, and only writes points for periods with activity", () => {
    const names = new Set(fleet.metricPoints.map((p) => `${p.resourceType}:${p.metric}/${p.stat}:${p.unit}`));
    expect([...names].sort()).toEqual(
      [
        "fargate:CPUUtilization/Average:Percent",
        "fargate:CPUUtilization/Maximum:Percent",
        "fargate:MemoryUtilization/Average:Percent",
        "fargate:RequestCount/Sum:Count",
        "fargate:RunningTaskCount/Average:Count",
        "fargate:TargetResponseTime/Average:Milliseconds",
        "lambda:ConcurrentExecutions/Maximum:Count",
        "lambda:Duration/Average:Milliseconds",
        "lambda:Duration/p95:Milliseconds",
        "lambda:Errors/Sum:Count",
        "lambda:Invocations/Sum:Count",
        "lambda:ProvisionedConcurrencyInvocations/Sum:Count",
        "lambda:ProvisionedConcurrencySpilloverInvocations/Sum:Count",
        "lambda:ProvisionedConcurrencyUtilization/Maximum:None",
        "lambda:Throttles/Sum:Count",
      ].sort(),
    );
    // Hourly points only in the last 14 days, and none for empty hours.
    const firstHourly = AS_OF.getTime() - 14 * DAY_MS;
    expect(
      fleet.metricPoints
        .filter((p) => p.granularity === "hour")
        .every((p) => p.timestamp.getTime() >= firstHourly),
    ).toBe(true);
    expect(points("legacy-report-mailer", "Invocations", "Sum")).toHaveLength(0);
    const nightlyHours = points("ledger-nightly-export", "Invocations", "Sum", "hour");
    expect(new Set(nightlyHours.map((p) => p.timestamp.getUTCHours()))).toEqual(new Set([2, 3]));
    expect(fleet.metricPoints.filter((p) => p.metric === "Invocations").every((p) => p.value > 0)).toBe(true);
    // Daily invocations are the sum of the hours.
    const day = AS_OF.getTime() - 2 * DAY_MS;
    const hourly = points("orders-api", "Invocations", "Sum", "hour").filter(
      (p) => p.timestamp.getTime() >= day && p.timestamp.getTime() < day + DAY_MS,
    );
    const daily = points("orders-api", "Invocations", "Sum").find((p) => p.timestamp.getTime() === day);
    expect(hourly.reduce((sum, p) => sum + p.value, 0)).toBe(daily?.value);
  });

  it("writes cost lines with region-correct usage types, components from the mapper and exact nanos", () => {
    // The planted free-tier and Savings Plans lines are checked in the next test.
    for (const line of fleet.costLines.filter((c) => c.recordType === "Usage")) {
      expect(line.component).toBe(mapUsageTypeToComponent(line.usageType));
      expect(line.component).not.toBe("other");
      expect(line.amountNanoUsd).toBe(toNanoUsd(line.amount));
      expect(line).toMatchObject({
        source: "demo",
        isEstimated: false,
        recordType: "Usage",
        currency: "USD",
      });
      expect(line.service).toBe(
        line.resourceArn.includes(":lambda:") ? "AWS Lambda" : "Amazon Elastic Container Service",
      );
    }
    const usageTypes = (region: string, service: string) =>
      new Set(
        fleet.costLines.filter((c) => c.region === region && c.service === service).map((c) => c.usageType),
      );
    const lambdaUsEast = usageTypes("us-east-1", "AWS Lambda");
    for (const type of [
      "Request",
      "Request-ARM",
      "Lambda-GB-Second",
      "Lambda-GB-Second-ARM",
      "Lambda-Provisioned-Concurrency",
      "Lambda-Provisioned-Concurrency-ARM",
      "Lambda-Provisioned-GB-Second",
      "Lambda-Provisioned-GB-Second-ARM",
      "Lambda-Storage-GB-Second",
    ]) {
      expect(lambdaUsEast).toContain(type);
    }
    expect([...usageTypes("eu-west-1", "AWS Lambda")].every((t) => t.startsWith("EU-"))).toBe(true);
    expect([...usageTypes("ap-southeast-2", "AWS Lambda")].every((t) => t.startsWith("APS2-"))).toBe(true);
    const fargateUsEast = usageTypes("us-east-1", "Amazon Elastic Container Service");
    for (const type of [
      "USE1-Fargate-vCPU-Hours:perCPU",
      "USE1-Fargate-GB-Hours",
      "USE1-Fargate-ARM-vCPU-Hours:perCPU",
      "USE1-Fargate-Windows-vCPU-Hours:perCPU",
      "USE1-Fargate-Windows-OS-Hours:perCPU",
      "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU",
      "USE1-SpotUsage-Fargate-GB-Hours",
      "USE1-Fargate-EphemeralStorage-GB-Hours",
    ]) {
      expect(fargateUsEast).toContain(type);
    }
    // No cost line for a day without usage (the idle function has none at all).
    expect(costs(":function:legacy-report-mailer")).toHaveLength(0);
  });

  it("plants free-tier credits (acme-prod) and a Savings Plan (acme-staging's ledger-api) for the reconciliation", () => {
    const byRecordType = (recordType: string) => fleet.costLines.filter((c) => c.recordType === recordType);
    expect(new Set(fleet.costLines.map((c) => c.recordType))).toEqual(
      new Set(["Usage", "Credit", "SavingsPlanCoveredUsage", "SavingsPlanNegation"]),
    );
    const credits = byRecordType("Credit");
    expect(credits).toHaveLength(2 * 90);
    for (const credit of credits) {
      expect(credit).toMatchObject({
        accountId: "314159265358",
        region: "global",
        resourceArn: "",
        source: "demo",
      });
      expect(credit.amountNanoUsd < 0n).toBe(true);
      expect(credit.amountNanoUsd).toBe(toNanoUsd(credit.amount));
    }
    // A month of credits is the monthly free tier at list rates: 1M × $0.20/1M + 400,000 GB-s × $0.0000166667.
    const october = credits.filter((c) => c.day.getUTCMonth() === 9);
    const octoberUsd = Number(october.reduce((sum, c) => sum + c.amountNanoUsd, 0n)) / 1e9;
    expect(octoberUsd).toBeCloseTo(-(0.2 + 400_000 * 0.0000166667), 6);

    const covered = byRecordType("SavingsPlanCoveredUsage");
    const negations = byRecordType("SavingsPlanNegation");
    expect(covered.length).toBeGreaterThan(0);
    expect(new Set(covered.map((c) => c.resourceArn))).toEqual(
      new Set(["arn:aws:ecs:us-east-1:271828182845:service/staging-core/ledger-api"]),
    );
    expect(negations.every((c) => c.resourceArn === "" && c.accountId === "271828182845")).toBe(true);
    // Unblended: covered usage and its negation cancel out, day by day and usage type by usage type.
    const net = new Map<string, bigint>();
    for (const line of [...covered, ...negations]) {
      const key = `${line.day.toISOString()}|${line.usageType}`;
      net.set(key, (net.get(key) ?? 0n) + line.amountNanoUsd);
    }
    expect([...net.values()].every((nanos) => nanos === 0n)).toBe(true);
  });
  it("shows the steady API is dearer on Lambda than always-on Fargate tasks, and the spiky one is cheap", () => {
    const ordersUsd = usdOf(costs(":314159265358:function:orders-api"));
    // 90 days of ~150 req/s: several hundred dollars a month…
    expect(ordersUsd / 3).toBeGreaterThan(300);
    // …while 3 × (1 vCPU, 2 GB) Fargate tasks would be 3 × $36.04 a month (docs/aws-facts.md §2.4).
    expect(ordersUsd / 3).toBeGreaterThan(3 * 36.04 * 2);
    expect(usdOf(costs(":function:checkout-webhooks")) / 3).toBeLessThan(10);
  });

  it("has over-provisioned memory, a CPU-bound function that a memory cut made dearer, and a memory history", () => {
    const thumbnailer = observations("image-thumbnailer");
    expect(Math.max(...thumbnailer.map((o) => o.maxMemoryUsedMb ?? 0))).toBeLessThan(3008 * 0.1);

    const pdf = observations("pdf-renderer");
    expect(new Set(pdf.map((o) => o.memoryMb))).toEqual(new Set([512, 1536]));
    const perInvocationGbs = (memoryMb: number) =>
      mean(pdf.filter((o) => o.memoryMb === memoryMb).map((o) => o.durationAvgMs)) * (memoryMb / 1024);
    expect(perInvocationGbs(512)).toBeGreaterThan(perInvocationGbs(1536));

    const fraud = fleet.functions.find((f) => f.name === "fraud-scorer")!;
    expect(fleet.lambdaConfigChanges.filter((c) => c.functionId === fraud.id).map((c) => c.memoryMb)).toEqual(
      [128, 256, 512, 1024, 1536],
    );
    const sizes = new Set(observations("fraud-scorer").map((o) => o.memoryMb));
    expect(sizes).toEqual(new Set([128, 256, 512, 1024, 1536]));
    const durationAt = (memoryMb: number) =>
      mean(
        observations("fraud-scorer")
          .filter((o) => o.memoryMb === memoryMb)
          .map((o) => o.durationAvgMs),
      );
    expect(durationAt(128)).toBeGreaterThan(durationAt(512));
    expect(durationAt(512)).toBeGreaterThan(durationAt(1536));
  });

  it("has over-provisioned and saturated provisioned concurrency", () => {
    const catalogUtilization = points("catalog-api", "ProvisionedConcurrencyUtilization", "Maximum").map(
      (p) => p.value,
    );
    expect(Math.max(...catalogUtilization)).toBeLessThan(0.25);
    expect(catalogUtilization.every((u) => u > 0 && u <= 1)).toBe(true);
    const authorizer = points("payments-authorizer", "ProvisionedConcurrencyUtilization", "Maximum").map(
      (p) => p.value,
    );
    expect(authorizer.filter((u) => u === 1).length).toBeGreaterThan(30);
    const spill = points("payments-authorizer", "ProvisionedConcurrencySpilloverInvocations", "Sum");
    expect(spill.reduce((sum, p) => sum + p.value, 0)).toBeGreaterThan(100_000);
    // PC invocations + spillover = invocations (CloudWatch's identity), daily and hourly
    for (const granularity of ["day", "hour"]) {
      const invocations = points("payments-authorizer", "Invocations", "Sum", granularity);
      const pcInvocations = points(
        "payments-authorizer",
        "ProvisionedConcurrencyInvocations",
        "Sum",
        granularity,
      );
      const spilled = points(
        "payments-authorizer",
        "ProvisionedConcurrencySpilloverInvocations",
        "Sum",
        granularity,
      );
      expect(invocations.length).toBeGreaterThan(0);
      expect(pcInvocations).toHaveLength(invocations.length);
      invocations.forEach((p, index) =>
        expect(p.value).toBe((pcInvocations[index]?.value ?? 0) + (spilled[index]?.value ?? 0)),
      );
    }
  });

  it("has PC that does not pay and PC that does: time-averaged utilisation against the ~60% break-even", () => {
    const days30 = AS_OF.getTime() - 30 * DAY_MS;
    // utilisation = PC invocations × average duration ÷ (environments × active hours × 3600)
    const timeAveraged = (name: string) => {
      const spec = CATALOGUE_LAMBDA_SPECS.find((s) => s.name === name)!;
      const pc = spec.provisionedConcurrency!;
      const duration = new Map(
        points(name, "Duration", "Average").map((p) => [p.timestamp.getTime(), p.value] as const),
      );
      const recent = points(name, "ProvisionedConcurrencyInvocations", "Sum").filter(
        (p) => p.timestamp.getTime() >= days30,
      );
      const busySeconds = recent.reduce(
        (sum, p) => sum + (p.value * (duration.get(p.timestamp.getTime()) ?? 0)) / 1000,
        0,
      );
      return busySeconds / (pc.count * pc.activeHoursPerDay * 3600 * 30);
    };
    expect(timeAveraged("catalog-api")).toBeLessThan(0.1);
    expect(timeAveraged("payments-authorizer")).toBeGreaterThan(0.9);
    // Hourly PC series (for the hourly time-averaged chart) sum exactly to the daily points.
    for (const name of ["catalog-api", "payments-authorizer"]) {
      for (const metric of [
        "ProvisionedConcurrencyInvocations",
        "ProvisionedConcurrencySpilloverInvocations",
      ]) {
        const hourly = points(name, metric, "Sum", "hour");
        expect(hourly.length, `${name} ${metric}`).toBeGreaterThan(13 * 24);
        for (const day of points(name, metric, "Sum").filter(
          (p) => p.timestamp.getTime() >= hourly[0]!.timestamp.getTime(),
        )) {
          const start = day.timestamp.getTime();
          const sum = hourly
            .filter((p) => p.timestamp.getTime() >= start && p.timestamp.getTime() < start + DAY_MS)
            .reduce((total, p) => total + p.value, 0);
          expect(sum, `${name} ${metric} ${day.timestamp.toISOString()}`).toBe(day.value);
        }
      }
    }
    // Only functions with provisioned concurrency have PC series.
    const pcArns = new Set(
      fleet.metricPoints
        .filter((p) => p.metric.startsWith("ProvisionedConcurrency"))
        .map((p) => p.resourceArn),
    );
    expect([...pcArns].map((arn) => arn.split(":").pop()).sort()).toEqual([
      "catalog-api",
      "payments-authorizer",
    ]);
  });

  it("has a function near its timeout, throttles, and runtime-specific cold starts", () => {
    const probe = observations("video-probe");
    expect(probe.every((o) => (o.durationP99Ms ?? 0) <= 60_000)).toBe(true);
    expect(probe.filter((o) => o.durationP99Ms === 60_000).length).toBeGreaterThan(40);
    expect(mean(probe.map((o) => (o.durationP95Ms ?? 0) / 60_000))).toBeGreaterThan(0.85);
    expect(points("email-sender", "Throttles", "Sum").some((p) => p.value > 0)).toBe(true);
    const init = (name: string) => mean(observations(name).map((o) => o.initDurationAvgMs ?? 0));
    expect(init("geo-lookup-go")).toBeLessThan(100);
    expect(init("geo-lookup-py")).toBeGreaterThan(500);
    expect(init("invoice-generator")).toBeGreaterThan(2_000);
    const invoice = observations("invoice-generator");
    expect(
      invoice.reduce((s, o) => s + (o.coldStarts ?? 0), 0) / invoice.reduce((s, o) => s + o.invocations, 0),
    ).toBeGreaterThan(0.5);
  });

  it("has an idling Fargate service, an over-sized one, Spot and a Windows task", () => {
    expect(
      mean(servicePoints("prod-internal/admin-portal", "CPUUtilization", "Average").map((p) => p.value)),
    ).toBeLessThan(12);
    const reporting = fleet.services.find((s) => s.name === "reporting-engine")!;
    expect(reporting).toMatchObject({ cpuUnits: 4096, memoryMb: 16384 });
    expect(fleet.serviceConfigChanges.filter((c) => c.serviceId === reporting.id)).toHaveLength(2);
    expect(
      mean(servicePoints("reporting-engine", "MemoryUtilization", "Average").map((p) => p.value)),
    ).toBeLessThan(15);
    expect(fleet.services.filter((s) => s.spotWeight > 0).length).toBeGreaterThan(0);
    expect(fleet.services.some((s) => s.os === "windows")).toBe(true);
    // A service scaled to zero at night has no points for those hours.
    const stagingAdmin = fleet.metricPoints.filter(
      (p) => p.resourceArn.endsWith("staging-internal/admin-portal") && p.granularity === "hour",
    );
    expect(stagingAdmin.length).toBeGreaterThan(0);
    expect(stagingAdmin.length).toBeLessThan(14 * 24 * 4 * 0.6);
  });

  it("plants an arm64-only candidate and an already-right function (memory used × 1.2 above the next size down)", () => {
    const maxUsed = (name: string) => Math.max(...observations(name).map((o) => o.maxMemoryUsedMb ?? 0));
    // 20% headroom rules out every smaller size on the engine's 64 MB grid (and saves < 5%).
    const shipping = fleet.functions.find((f) => f.name === "shipping-quotes")!;
    expect(shipping).toMatchObject({
      architecture: "x86_64",
      packageType: "Zip",
      runtime: "python3.12",
      memoryMb: 1024,
    });
    expect(maxUsed("shipping-quotes") * 1.2).toBeGreaterThan(960);
    expect(maxUsed("shipping-quotes") * 1.2).toBeLessThanOrEqual(1024);
    expect(new Set(observations("shipping-quotes").map((o) => o.memoryMb))).toEqual(new Set([1024]));
    const shippingUsd = usdOf(
      costs(":function:shipping-quotes").filter((c) => c.day.getTime() >= AS_OF.getTime() - 30 * DAY_MS),
    );
    expect(shippingUsd).toBeGreaterThan(15);
    expect(shippingUsd).toBeLessThan(30);

    const checkout = fleet.functions.find((f) => f.name === "checkout-webhooks")!;
    expect(checkout).toMatchObject({ architecture: "arm64", packageType: "Zip", memoryMb: 512 });
    expect(maxUsed("checkout-webhooks") * 1.2).toBeGreaterThan(448);
    expect(maxUsed("checkout-webhooks") * 1.2).toBeLessThanOrEqual(512);
    expect(fleet.provisionedConcurrency.some((pc) => pc.functionId === checkout.id)).toBe(false);
  });

  it("observes report-builder at three sizes: 2,048 MB is cheaper per run than 1,024 MB, and faster", () => {
    const builder = fleet.functions.find((f) => f.name === "report-builder")!;
    expect(
      fleet.lambdaConfigChanges.filter((c) => c.functionId === builder.id).map((c) => c.memoryMb),
    ).toEqual([3008, 2048, 1024]);
    const at = (memoryMb: number) => {
      const list = observations("report-builder").filter((o) => o.memoryMb === memoryMb);
      const invocations = list.reduce((sum, o) => sum + o.invocations, 0);
      const durationMs = list.reduce((sum, o) => sum + o.invocations * o.durationAvgMs, 0) / invocations;
      // x86_64 us-east-1 tier-1: request + GB-seconds
      return { durationMs, usd: 2e-7 + (memoryMb / 1024) * (durationMs / 1000) * 0.0000166667 };
    };
    expect(at(2048).usd).toBeLessThan(at(1024).usd * 0.95);
    expect(at(2048).usd).toBeLessThan(at(3008).usd);
    expect(at(2048).durationMs).toBeLessThan(at(1024).durationMs / 2);
  });

  it("writes load-balancer metrics for HTTP services only, and plants a Spot candidate", () => {
    const withRequests = new Set(
      fleet.metricPoints
        .filter((p) => p.metric === "RequestCount")
        .map((p) => p.resourceArn.split(":service/")[1]),
    );
    expect([...withRequests].sort()).toEqual([
      "prod-apac/graph-api",
      "prod-core/ledger-api",
      "prod-internal/admin-portal",
      "staging-core/ledger-api",
      "staging-internal/admin-portal",
    ]);
    // The idle admin portal: a few thousand short requests a day.
    const requests = servicePoints("prod-internal/admin-portal", "RequestCount", "Sum").map((p) => p.value);
    expect(requests).toHaveLength(90);
    expect(mean(requests)).toBeGreaterThan(2_000);
    expect(mean(requests)).toBeLessThan(5_000);
    const responseMs = servicePoints("prod-internal/admin-portal", "TargetResponseTime", "Average").map(
      (p) => p.value,
    );
    expect(mean(responseMs)).toBeGreaterThan(100);
    expect(mean(responseMs)).toBeLessThan(140);

    const worker = fleet.services.find((s) => s.name === "notifications-worker")!;
    expect(worker).toMatchObject({ region: "us-east-1", architecture: "x86_64", os: "linux", spotWeight: 0 });
    expect(JSON.parse(worker.tagsJson)).toMatchObject({ "interruption-tolerant": "true", team: "growth" });
    const cpu = mean(servicePoints("notifications-worker", "CPUUtilization", "Average").map((p) => p.value));
    const memory = mean(
      servicePoints("notifications-worker", "MemoryUtilization", "Average").map((p) => p.value),
    );
    expect(cpu).toBeGreaterThan(45);
    expect(cpu).toBeLessThan(65);
    expect(memory).toBeGreaterThan(50);
    expect(memory).toBeLessThan(70);
    // The Spot rate for us-east-1 x86_64 comes from batch-workers' billed Spot lines.
    expect(
      costs("service/prod-batch/batch-workers").some(
        (c) => c.usageType === "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU",
      ),
    ).toBe(true);
  });

  it("models Lambda duration: CPU scales with memory up to the code's parallelism, GC pressure below its heap", () => {
    const model = { ioMs: 100, cpuMs: 1000, workingSetMb: 100, tailRatio: 2 };
    expect(modelDurationMs(model, { memoryMb: 1769, architecture: "x86_64" })).toBeCloseTo(1100);
    expect(modelDurationMs(model, { memoryMb: 3538, architecture: "x86_64" })).toBeCloseTo(1100); // 1 thread
    expect(
      modelDurationMs({ ...model, parallelism: 2 }, { memoryMb: 3538, architecture: "x86_64" }),
    ).toBeCloseTo(600);
    expect(modelDurationMs(model, { memoryMb: 128, architecture: "x86_64" })).toBeGreaterThan(
      100 + 1000 * (1769 / 128),
    );
  });
});
