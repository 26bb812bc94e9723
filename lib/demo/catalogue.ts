/**
 * The demo organisation: hand-written functions and services, each showing one case the views must
 * handle (catalogued in lib/demo/README.md), then generated "filler" resources for large fleets.
 * Order matters: a fleet smaller than the catalogue takes the first entries, so the most telling
 * cases come first.
 */
import type { Prng } from "./prng";
import { createPrng } from "./prng";
import type {
  DemoAccountKey,
  DemoRegion,
  DurationModel,
  FargateSpec,
  LambdaSpec,
  LambdaTraffic,
  TrafficShape,
} from "./specs";

/** Typical cold-start INIT by runtime (ms). Container images and Java pay the most. */
const INIT_MS_BY_RUNTIME: Record<string, number> = {
  "python3.12": 380,
  "python3.11": 400,
  "nodejs22.x": 240,
  "nodejs20.x": 260,
  "nodejs18.x": 280,
  "provided.al2023": 55,
  java21: 2900,
  dotnet8: 950,
  "ruby3.3": 420,
};

type LambdaInput = Omit<
  LambdaSpec,
  "packageType" | "ephemeralStorageMb" | "history" | "initMs" | "errorRate" | "tags" | "account" | "region"
> &
  Partial<Pick<LambdaSpec, "packageType" | "ephemeralStorageMb" | "history" | "initMs" | "errorRate">> & {
    account?: DemoAccountKey;
    region?: DemoRegion;
    team: string;
    service: string;
  };

function lambda(input: LambdaInput): LambdaSpec {
  const { team, service, ...rest } = input;
  const account = input.account ?? "prod";
  return {
    packageType: "Zip",
    ephemeralStorageMb: 512,
    history: [],
    errorRate: 0.002,
    initMs: (input.runtime && INIT_MS_BY_RUNTIME[input.runtime]) || 1200,
    ...rest,
    account,
    region: input.region ?? "us-east-1",
    tags: { team, env: account === "prod" ? "production" : "staging", service },
  };
}

const io = (ioMs: number, cpuMs: number, workingSetMb: number, tailRatio = 1.8): DurationModel => ({
  ioMs,
  cpuMs,
  workingSetMb,
  tailRatio,
});

const traffic = (
  shape: TrafficShape,
  requestsPerDay: number,
  burstiness: number,
  extra: Partial<LambdaTraffic> = {},
) => ({
  shape,
  requestsPerDay,
  burstiness,
  ...extra,
});

export const CATALOGUE_FUNCTIONS: readonly LambdaSpec[] = [
  lambda({
    name: "orders-api",
    team: "commerce",
    service: "orders",
    runtime: "nodejs22.x",
    architecture: "x86_64",
    memoryMb: 1024,
    timeoutSeconds: 15,
    traffic: traffic("steady", 13_000_000, 1.6),
    duration: io(34, 11, 180, 2.1),
    memoryUsedMb: 212,
    demonstrates:
      "Steady high-throughput API (~150 req/s around the clock): a few always-on Fargate tasks cost a fraction of its Lambda bill.",
  }),
  lambda({
    name: "checkout-webhooks",
    team: "commerce",
    service: "checkout",
    runtime: "nodejs22.x",
    architecture: "arm64",
    memoryMb: 512,
    timeoutSeconds: 30,
    traffic: traffic("spiky", 60_000, 9),
    duration: io(120, 25, 300, 2.4),
    // Payment-provider SDKs and a cache of signing keys: ~410 MB of 512 MB, so 512 MB is the
    // smallest size with 20% headroom (max used × 1.2 ≈ 505 MB); a narrow spread keeps it there.
    memoryUsedMb: 412,
    memoryUsedSpread: 0.01,
    demonstrates:
      "Already right (no advice): arm64, 512 MB with ~410 MB used (the smallest size with 20% headroom), spiky traffic where Lambda wins and Fargate would idle at peak size, no provisioned concurrency.",
  }),
  lambda({
    name: "ledger-nightly-export",
    team: "finance",
    service: "ledger",
    runtime: "python3.12",
    architecture: "x86_64",
    memoryMb: 3008,
    timeoutSeconds: 900,
    traffic: traffic("nightly", 1_200, 4, { hourUtc: 2, weekendFactor: 1 }),
    duration: io(21_000, 24_000, 1_400, 1.4),
    memoryUsedMb: 2_050,
    demonstrates: "Nightly batch: 1,200 heavy runs at 02:00 UTC, nothing the rest of the day.",
  }),
  lambda({
    name: "legacy-report-mailer",
    team: "finance",
    service: "reports",
    runtime: "nodejs18.x",
    architecture: "x86_64",
    memoryMb: 1024,
    timeoutSeconds: 60,
    traffic: traffic("idle", 0, 1),
    duration: io(400, 60, 150),
    memoryUsedMb: 160,
    demonstrates: "Idle: not invoked in the whole window (no metric points, no cost); a clean-up candidate.",
  }),
  lambda({
    name: "image-thumbnailer",
    team: "media",
    service: "images",
    runtime: "nodejs22.x",
    architecture: "x86_64",
    memoryMb: 3008,
    timeoutSeconds: 30,
    traffic: traffic("business-hours", 800_000, 2.5),
    duration: io(175, 40, 110, 1.7),
    memoryUsedMb: 158,
    demonstrates:
      "Memory over-provisioned: 3,008 MB configured, under 200 MB used, I/O-bound so more memory buys nothing; 512 MB would cost about a quarter.",
  }),
  lambda({
    name: "pdf-renderer",
    team: "documents",
    service: "invoices",
    runtime: "nodejs22.x",
    architecture: "x86_64",
    memoryMb: 512,
    timeoutSeconds: 60,
    history: [{ untilDaysAgo: 45, memoryMb: 1536, architecture: "x86_64" }],
    traffic: traffic("business-hours", 40_000, 2),
    // A 450 MB heap: at 512 MB garbage collection slows the CPU part by a quarter.
    duration: io(60, 900, 450, 1.5),
    memoryUsedMb: 470,
    demonstrates:
      "CPU-bound and memory-starved: cut from 1,536 MB to 512 MB 45 days ago and got 3.6 times slower and ~20% dearer per invocation; the observations at both sizes prove it.",
  }),
  lambda({
    name: "fraud-scorer",
    team: "payments",
    service: "risk",
    runtime: "python3.12",
    architecture: "arm64",
    memoryMb: 1536,
    timeoutSeconds: 10,
    history: [
      { untilDaysAgo: 72, memoryMb: 128, architecture: "arm64" },
      { untilDaysAgo: 54, memoryMb: 256, architecture: "arm64" },
      { untilDaysAgo: 33, memoryMb: 512, architecture: "arm64" },
      { untilDaysAgo: 12, memoryMb: 1024, architecture: "arm64" },
    ],
    traffic: traffic("steady", 300_000, 2),
    // ~60 ms waiting on the feature store at any size: beyond 512 MB, memory buys speed, not savings.
    duration: io(60, 180, 190, 1.6),
    memoryUsedMb: 205,
    demonstrates:
      "Memory history: ran at 128, 256, 512, 1,024 and now 1,536 MB (config changes + observations at each size): a measured curve where 512 MB is cheapest per invocation (~15% below 1,536 MB) and 1,536 MB fastest.",
  }),
  lambda({
    name: "catalog-api",
    team: "commerce",
    service: "catalog",
    runtime: "nodejs22.x",
    architecture: "arm64",
    memoryMb: 1024,
    timeoutSeconds: 10,
    traffic: traffic("business-hours", 2_000_000, 2),
    duration: io(48, 14, 160, 1.9),
    memoryUsedMb: 190,
    provisionedConcurrency: { count: 40, qualifier: "live", activeHoursPerDay: 24 },
    demonstrates:
      "Provisioned concurrency over-provisioned: 40 environments always on, daily peak use 2–10 (utilisation at most ~25%); the PC charge is ten times the rest of its bill.",
  }),
  lambda({
    name: "payments-authorizer",
    team: "payments",
    service: "authorizer",
    runtime: "java21",
    architecture: "x86_64",
    memoryMb: 2048,
    timeoutSeconds: 10,
    // Card authorisations around the clock: ~46 req/s at ~116 ms keeps ~5.2 environments busy on
    // average, while only 2 are provisioned (sized before traffic grew).
    traffic: traffic("steady", 4_000_000, 1.4),
    duration: io(85, 30, 600, 1.8),
    memoryUsedMb: 740,
    provisionedConcurrency: { count: 2, qualifier: "live", activeHoursPerDay: 24 },
    demonstrates:
      "Provisioned concurrency that pays but is too small: 2 always-on environments busy ~99% of the time (time-averaged, far above the ~60% break-even); ~60% of invocations spill over to on-demand (ProvisionedConcurrencySpilloverInvocations) with Java cold starts.",
  }),
  lambda({
    name: "video-probe",
    team: "media",
    service: "video",
    runtime: "python3.12",
    architecture: "x86_64",
    memoryMb: 2048,
    timeoutSeconds: 60,
    errorRate: 0.015,
    traffic: traffic("business-hours", 3_000, 1.5),
    duration: io(32_000, 8_000, 700, 1.35),
    memoryUsedMb: 880,
    demonstrates:
      "Near its timeout: average 41 s, p95 ~55 s, p99 at the 60 s limit; 1.5% errors are timeouts.",
  }),
  lambda({
    name: "geo-lookup-go",
    team: "platform",
    service: "geo",
    runtime: "provided.al2023",
    architecture: "arm64",
    memoryMb: 256,
    timeoutSeconds: 5,
    traffic: traffic("business-hours", 400_000, 3),
    duration: io(6, 4, 40, 2.2),
    memoryUsedMb: 38,
    initMs: 48,
    demonstrates:
      "Go on provided.al2023 (arm64): ~50 ms cold starts. Compare with geo-lookup-py, the same lookups in Python.",
  }),
  lambda({
    name: "geo-lookup-py",
    team: "platform",
    service: "geo",
    runtime: "python3.12",
    architecture: "x86_64",
    memoryMb: 512,
    timeoutSeconds: 5,
    traffic: traffic("business-hours", 400_000, 3),
    duration: io(9, 22, 120, 2.2),
    memoryUsedMb: 131,
    initMs: 690,
    demonstrates: "Python with heavy imports: ~700 ms cold starts for the same work as geo-lookup-go.",
  }),
  lambda({
    name: "invoice-generator",
    team: "documents",
    service: "invoices",
    runtime: "java21",
    architecture: "x86_64",
    memoryMb: 1536,
    timeoutSeconds: 120,
    traffic: traffic("sparse", 120, 1),
    duration: io(350, 420, 520, 1.6),
    memoryUsedMb: 610,
    initMs: 3_100,
    demonstrates:
      "Java without SnapStart on sparse traffic: most invocations are cold, ~3 s INIT billed inside GB-seconds.",
  }),
  lambda({
    name: "ml-inference",
    team: "data",
    service: "recommendations",
    runtime: null,
    packageType: "Image",
    architecture: "x86_64",
    memoryMb: 4096,
    timeoutSeconds: 120,
    ephemeralStorageMb: 4096,
    traffic: traffic("spiky", 90_000, 6),
    duration: io(40, 700, 2_200, 1.7),
    memoryUsedMb: 2_900,
    initMs: 4_600,
    demonstrates:
      "Container image with 4 GB of /tmp: billed ephemeral storage (Lambda-Storage-GB-Second) and 4.6 s cold starts.",
  }),
  lambda({
    name: "email-sender",
    team: "growth",
    service: "notifications",
    runtime: "nodejs22.x",
    architecture: "arm64",
    memoryMb: 256,
    timeoutSeconds: 30,
    traffic: traffic("spiky", 120_000, 3),
    duration: io(230, 8, 60, 1.6),
    memoryUsedMb: 84,
    reservedConcurrency: 10,
    demonstrates: "Reserved concurrency of 10: campaign bursts are throttled (Throttles > 0 on burst days).",
  }),
  lambda({
    name: "catalog-sync",
    team: "commerce",
    service: "catalog",
    runtime: "python3.12",
    architecture: "arm64",
    memoryMb: 1024,
    timeoutSeconds: 300,
    history: [{ untilDaysAgo: 30, memoryMb: 1024, architecture: "x86_64" }],
    traffic: traffic("hourly-cron", 24 * 6, 1, { weekendFactor: 1 }),
    duration: io(9_000, 6_000, 300, 1.3),
    memoryUsedMb: 350,
    demonstrates: "Moved from x86_64 to arm64 30 days ago: cost lines switch to the -ARM usage types.",
  }),
  lambda({
    name: "auth-token-verifier",
    team: "identity",
    service: "auth",
    runtime: "provided.al2023",
    architecture: "arm64",
    memoryMb: 128,
    timeoutSeconds: 3,
    traffic: traffic("steady", 25_000_000, 1.5),
    duration: io(3, 4, 20, 2),
    memoryUsedMb: 29,
    initMs: 35,
    demonstrates:
      "Tiny, fast and very busy: request charges dominate, so steady traffic still favours Fargate.",
  }),
  lambda({
    name: "orders-api",
    account: "staging",
    team: "commerce",
    service: "orders",
    runtime: "nodejs22.x",
    architecture: "x86_64",
    memoryMb: 1024,
    timeoutSeconds: 15,
    traffic: traffic("business-hours", 6_000, 2),
    duration: io(34, 11, 180, 2.1),
    memoryUsedMb: 205,
    demonstrates:
      "Staging copy of orders-api with test traffic only: the same code where Lambda is clearly right.",
  }),
  lambda({
    name: "session-cleanup",
    team: "identity",
    service: "sessions",
    runtime: "python3.12",
    architecture: "arm64",
    memoryMb: 256,
    timeoutSeconds: 120,
    traffic: traffic("hourly-cron", 24, 1, { weekendFactor: 1 }),
    duration: io(1_400, 600, 90, 1.2),
    memoryUsedMb: 96,
    demonstrates: "Hourly cron: one run every hour, every day.",
  }),
  lambda({
    name: "old-migration-runner",
    team: "platform",
    service: "migrations",
    runtime: "nodejs20.x",
    architecture: "x86_64",
    memoryMb: 2048,
    timeoutSeconds: 900,
    traffic: traffic("sparse", 40, 1, { lastActiveDaysAgo: 64 }),
    duration: io(20_000, 15_000, 400, 1.5),
    memoryUsedMb: 510,
    demonstrates: "Abandoned: invoked until 64 days ago, idle since; the last 30 days cost nothing.",
  }),
  lambda({
    name: "new-pricing-engine",
    team: "commerce",
    service: "pricing",
    runtime: "nodejs22.x",
    architecture: "arm64",
    memoryMb: 1024,
    timeoutSeconds: 10,
    createdDaysAgo: 18,
    traffic: traffic("business-hours", 450_000, 2.5),
    duration: io(22, 30, 200, 1.9),
    memoryUsedMb: 230,
    demonstrates: "Created 18 days ago: a short history, firstSeenAt inside the window.",
  }),
  lambda({
    name: "search-suggest",
    region: "eu-west-1",
    team: "search",
    service: "search",
    runtime: "python3.12",
    architecture: "arm64",
    memoryMb: 768,
    timeoutSeconds: 5,
    traffic: traffic("spiky", 350_000, 7),
    duration: io(15, 25, 160, 2),
    memoryUsedMb: 180,
    demonstrates: "Spiky API in eu-west-1 (usage types with the EU- prefix).",
  }),
  lambda({
    name: "orders-api-eu",
    region: "eu-west-1",
    team: "commerce",
    service: "orders",
    runtime: "nodejs22.x",
    architecture: "arm64",
    memoryMb: 1024,
    timeoutSeconds: 15,
    traffic: traffic("business-hours", 4_000_000, 2),
    duration: io(30, 10, 180, 2),
    memoryUsedMb: 200,
    demonstrates: "Busy business-hours API in Ireland: the break-even is close; depends on the hourly shape.",
  }),
  lambda({
    name: "orders-api-au",
    region: "ap-southeast-2",
    team: "commerce",
    service: "orders",
    runtime: "nodejs22.x",
    architecture: "arm64",
    memoryMb: 1024,
    timeoutSeconds: 15,
    traffic: traffic("business-hours", 900_000, 2),
    duration: io(30, 10, 180, 2),
    memoryUsedMb: 198,
    demonstrates: "Sydney (APS2- usage types, local business hours at night UTC).",
  }),
  lambda({
    name: "kinesis-clickstream",
    team: "data",
    service: "analytics",
    runtime: "provided.al2023",
    architecture: "arm64",
    memoryMb: 512,
    timeoutSeconds: 60,
    traffic: traffic("steady", 700_000, 1.3),
    duration: io(40, 90, 150, 1.4),
    memoryUsedMb: 120,
    demonstrates: "Stream consumer with batches: steady, CPU-heavy per batch.",
  }),
  lambda({
    name: "report-builder",
    team: "finance",
    service: "reports",
    runtime: "python3.12",
    architecture: "x86_64",
    memoryMb: 1024,
    timeoutSeconds: 300,
    // Cut from 3,008 to 2,048 MB 70 days ago and to 1,024 MB 40 days ago: below 1.5 × its 900 MB
    // heap, garbage collection slows the CPU part, so 1,024 MB is both slower and dearer.
    history: [
      { untilDaysAgo: 70, memoryMb: 3008, architecture: "x86_64" },
      { untilDaysAgo: 40, memoryMb: 2048, architecture: "x86_64" },
    ],
    traffic: traffic("nightly", 300, 3, { hourUtc: 5 }),
    duration: { ...io(8_000, 52_000, 900, 1.3), parallelism: 4 },
    memoryUsedMb: 760,
    demonstrates:
      "CPU-bound nightly job with 4 busy threads, cut 3,008 → 2,048 → 1,024 MB: observed at all three sizes, 2,048 MB is cheaper per run than 1,024 MB and 2.3× faster.",
  }),
  lambda({
    name: "dotnet-tax-calculator",
    team: "finance",
    service: "tax",
    runtime: "dotnet8",
    architecture: "x86_64",
    memoryMb: 1024,
    timeoutSeconds: 30,
    traffic: traffic("business-hours", 120_000, 2),
    duration: io(30, 70, 260, 1.8),
    memoryUsedMb: 290,
    demonstrates: ".NET 8 runtime: ~1 s cold starts.",
  }),
  lambda({
    name: "ruby-legacy-webhook",
    team: "growth",
    service: "crm",
    runtime: "ruby3.3",
    architecture: "x86_64",
    memoryMb: 512,
    timeoutSeconds: 30,
    traffic: traffic("sparse", 400, 1),
    duration: io(300, 40, 110, 2),
    memoryUsedMb: 142,
    demonstrates: "Ruby webhook receiver with a few hundred calls a day: pennies on Lambda.",
  }),
  lambda({
    name: "shipping-quotes",
    team: "logistics",
    service: "shipping",
    runtime: "python3.12",
    architecture: "x86_64",
    memoryMb: 1024,
    timeoutSeconds: 10,
    traffic: traffic("business-hours", 115_000, 2),
    // Waits ~380 ms on carrier APIs; the carrier rate tables it keeps in memory take ~825 MB, so
    // 1,024 MB is the smallest size with 20% headroom (max used × 1.2 ≈ 1,015 MB).
    duration: io(380, 40, 600, 1.9),
    memoryUsedMb: 825,
    memoryUsedSpread: 0.01,
    demonstrates:
      "arm64 candidate, nothing else: x86_64 Zip (python3.12), memory right-sized, I/O-bound business-hours traffic (~$21 / 30 days) too small for Fargate; arm64 duration is 20% cheaper.",
  }),
];

// A few more ordinary functions so the default fleet (60) looks like an organisation.
const ORDINARY: readonly [string, string, string, TrafficShape, number, string][] = [
  ["user-profile-api", "identity", "profiles", "business-hours", 900_000, "nodejs22.x"],
  ["password-reset", "identity", "auth", "sparse", 2_000, "nodejs22.x"],
  ["cart-service", "commerce", "cart", "business-hours", 1_500_000, "nodejs22.x"],
  ["inventory-reserver", "commerce", "inventory", "business-hours", 600_000, "provided.al2023"],
  ["price-recalculator", "commerce", "pricing", "hourly-cron", 24 * 4, "python3.12"],
  ["label-printer", "logistics", "shipping", "business-hours", 40_000, "java21"],
  ["tracking-poller", "logistics", "tracking", "hourly-cron", 24 * 12, "provided.al2023"],
  ["refund-processor", "payments", "refunds", "sparse", 3_000, "java21"],
  ["payout-batcher", "payments", "payouts", "nightly", 200, "python3.12"],
  ["chargeback-ingest", "payments", "disputes", "sparse", 500, "python3.12"],
  ["push-notifier", "growth", "notifications", "spiky", 500_000, "nodejs22.x"],
  ["ab-assigner", "growth", "experiments", "steady", 1_200_000, "provided.al2023"],
  ["newsletter-builder", "growth", "newsletter", "nightly", 50, "python3.11"],
  ["s3-event-router", "platform", "events", "steady", 350_000, "nodejs20.x"],
  ["log-shipper", "platform", "observability", "steady", 2_500_000, "provided.al2023"],
  ["cost-tagger", "platform", "finops", "hourly-cron", 24, "python3.12"],
  ["secrets-rotator", "platform", "security", "nightly", 12, "python3.12"],
  ["etl-orders-daily", "data", "warehouse", "nightly", 90, "python3.12"],
  ["feature-store-writer", "data", "ml", "steady", 400_000, "python3.12"],
  ["search-indexer-consumer", "search", "search", "steady", 900_000, "provided.al2023"],
  ["synonym-refresher", "search", "search", "nightly", 4, "python3.12"],
  ["video-thumbnail", "media", "video", "sparse", 5_000, "python3.12"],
  ["audio-normalizer", "media", "audio", "sparse", 800, "provided.al2023"],
  ["contract-signer", "documents", "contracts", "business-hours", 8_000, "nodejs22.x"],
  ["ocr-extractor", "documents", "ingest", "business-hours", 20_000, "python3.12"],
  ["staging-cart-service", "commerce", "cart", "business-hours", 3_000, "nodejs22.x"],
  ["staging-user-profile-api", "identity", "profiles", "business-hours", 2_000, "nodejs22.x"],
  ["staging-log-shipper", "platform", "observability", "steady", 30_000, "provided.al2023"],
  ["staging-load-test-driver", "platform", "qa", "idle", 0, "nodejs22.x"],
  ["data-quality-checks", "data", "warehouse", "nightly", 60, "python3.12"],
  ["slack-alerts-bridge", "platform", "observability", "sparse", 150, "nodejs22.x"],
];

function toOrdinarySpec([
  name,
  team,
  service,
  shape,
  requestsPerDay,
  runtime,
]: (typeof ORDINARY)[number]): LambdaSpec {
  const prng = createPrng(`catalogue:${name}`);
  const isStaging = name.startsWith("staging-");
  const region: DemoRegion = prng.weighted([
    ["us-east-1", 6],
    ["eu-west-1", 3],
    ["ap-southeast-2", 1],
  ]);
  return toGeneratedSpec(prng, {
    name: isStaging ? name.slice("staging-".length) : name,
    account: isStaging ? "staging" : "prod",
    region,
    team,
    service,
    shape,
    requestsPerDay,
    runtime,
  });
}

type GeneratedInput = {
  name: string;
  account: DemoAccountKey;
  region: DemoRegion;
  team: string;
  service: string;
  shape: TrafficShape;
  requestsPerDay: number;
  runtime: string;
};

const MEMORY_SIZES_MB = [128, 256, 512, 768, 1024, 1536, 2048, 3008] as const;

/** A plausible function of a given traffic shape; every number drawn from `prng`. */
function toGeneratedSpec(prng: Prng, input: GeneratedInput): LambdaSpec {
  const isBatch = input.shape === "nightly" || input.shape === "hourly-cron";
  const memoryMb = isBatch
    ? prng.pick([512, 1024, 1536, 2048, 3008])
    : prng.weighted(
        MEMORY_SIZES_MB.map((size, index) => [size, [3, 5, 6, 2, 5, 2, 1, 1][index] ?? 1] as const),
      );
  const architecture = input.runtime === "provided.al2023" || prng.chance(0.35) ? "arm64" : "x86_64";
  const cpuMs = isBatch ? prng.uniform(500, 40_000) : prng.uniform(2, 120);
  const ioMs = isBatch ? prng.uniform(200, 20_000) : prng.uniform(5, 250);
  const workingSetMb = Math.round(prng.uniform(30, Math.max(60, memoryMb * 0.45)));
  const expectedMs = ioMs + cpuMs * Math.max(1, 1769 / memoryMb);
  const timeoutSeconds = Math.min(900, Math.max(3, Math.ceil((expectedMs * prng.uniform(3, 12)) / 1000)));
  return lambda({
    name: input.name,
    account: input.account,
    region: input.region,
    team: input.team,
    service: input.service,
    runtime: input.runtime,
    architecture,
    memoryMb,
    timeoutSeconds,
    traffic: {
      shape: input.shape,
      requestsPerDay: input.requestsPerDay,
      burstiness: input.shape === "spiky" ? prng.uniform(4, 10) : prng.uniform(1.3, 3),
      hourUtc: input.shape === "nightly" ? prng.int(0, 6) : undefined,
    },
    duration: io(ioMs, cpuMs, workingSetMb, prng.uniform(1.3, 2.6)),
    memoryUsedMb: Math.min(memoryMb - 8, Math.round(workingSetMb * prng.uniform(1.05, 1.4) + 20)),
    errorRate: prng.uniform(0, 0.004),
    demonstrates: "",
  });
}

export const CATALOGUE_LAMBDA_SPECS: readonly LambdaSpec[] = [
  ...CATALOGUE_FUNCTIONS,
  ...ORDINARY.map(toOrdinarySpec),
];

// ---------------------------------------------------------------------------------------------
// Fargate

type FargateInput = Omit<
  FargateSpec,
  "tags" | "history" | "ephemeralStorageGb" | "os" | "onDemandWeight" | "spotWeight"
> &
  Partial<Pick<FargateSpec, "history" | "ephemeralStorageGb" | "os" | "onDemandWeight" | "spotWeight">> & {
    team: string;
    service: string;
    /** Tags beyond team, env and service. */
    extraTags?: Record<string, string>;
  };

function fargate(input: FargateInput): FargateSpec {
  const { team, service, extraTags, ...rest } = input;
  return {
    history: [],
    ephemeralStorageGb: 20,
    os: "linux",
    onDemandWeight: 1,
    spotWeight: 0,
    ...rest,
    tags: { team, env: input.account === "prod" ? "production" : "staging", service, ...extraTags },
  };
}

export const CATALOGUE_SERVICES: readonly FargateSpec[] = [
  fargate({
    name: "ledger-api",
    clusterName: "prod-core",
    account: "prod",
    region: "us-east-1",
    team: "finance",
    service: "ledger",
    cpuUnits: 1024,
    memoryMb: 2048,
    architecture: "x86_64",
    minTasks: 4,
    maxTasks: 4,
    load: "steady",
    cpuPercent: 55,
    cpuPeakRatio: 1.5,
    memoryPercent: 62,
    http: { requestsPerTaskHour: 60_000, responseTimeMs: 45 },
    demonstrates: "Well-used Fargate service (4 × 1 vCPU at ~55% CPU): Fargate is the right home.",
  }),
  fargate({
    name: "admin-portal",
    clusterName: "prod-internal",
    account: "prod",
    region: "eu-west-1",
    team: "platform",
    service: "admin",
    cpuUnits: 512,
    memoryMb: 1024,
    architecture: "x86_64",
    minTasks: 2,
    maxTasks: 2,
    load: "business-hours",
    cpuPercent: 8,
    cpuPeakRatio: 3,
    memoryPercent: 31,
    // ~4,000 short requests a weekday, mostly in office hours.
    http: { requestsPerTaskHour: 145, responseTimeMs: 120 },
    demonstrates:
      "Idling at ~7% CPU on two always-on tasks behind an ALB serving ~4,000 short (~120 ms) requests a weekday: a Lambda candidate.",
  }),
  fargate({
    name: "reporting-engine",
    clusterName: "prod-core",
    account: "prod",
    region: "us-east-1",
    team: "finance",
    service: "reports",
    cpuUnits: 4096,
    memoryMb: 16384,
    architecture: "x86_64",
    history: [{ untilDaysAgo: 40, cpuUnits: 2048, memoryMb: 8192, architecture: "x86_64" }],
    createdDaysAgo: 120,
    minTasks: 2,
    maxTasks: 2,
    load: "business-hours",
    cpuPercent: 6,
    cpuPeakRatio: 2.5,
    memoryPercent: 11,
    demonstrates: "Over-sized task: doubled to 4 vCPU / 16 GB 40 days ago, now at ~6% CPU and ~11% memory.",
  }),
  fargate({
    name: "batch-workers",
    clusterName: "prod-batch",
    account: "prod",
    region: "us-east-1",
    team: "data",
    service: "batch",
    cpuUnits: 2048,
    memoryMb: 4096,
    architecture: "x86_64",
    onDemandWeight: 1,
    spotWeight: 3,
    minTasks: 2,
    maxTasks: 12,
    load: "queue",
    cpuPercent: 68,
    cpuPeakRatio: 1.3,
    memoryPercent: 48,
    demonstrates:
      "Fargate Spot: capacity-provider weights 1 on-demand : 3 Spot (SpotUsage usage types at ~70% off).",
  }),
  fargate({
    name: "legacy-billing",
    clusterName: "prod-windows",
    account: "prod",
    region: "us-east-1",
    team: "finance",
    service: "billing",
    cpuUnits: 1024,
    memoryMb: 4096,
    os: "windows",
    architecture: "x86_64",
    minTasks: 2,
    maxTasks: 2,
    load: "business-hours",
    cpuPercent: 22,
    cpuPeakRatio: 2,
    memoryPercent: 58,
    demonstrates: "Windows task: Windows vCPU and memory rates plus the per-vCPU OS licence line.",
  }),
  fargate({
    name: "graph-api",
    clusterName: "prod-apac",
    account: "prod",
    region: "ap-southeast-2",
    team: "commerce",
    service: "graph",
    cpuUnits: 1024,
    memoryMb: 2048,
    architecture: "arm64",
    minTasks: 2,
    maxTasks: 5,
    load: "business-hours",
    cpuPercent: 41,
    cpuPeakRatio: 1.6,
    memoryPercent: 47,
    http: { requestsPerTaskHour: 25_000, responseTimeMs: 85 },
    demonstrates: "Graviton (arm64) service in Sydney, autoscaled with local business hours.",
  }),
  fargate({
    name: "websocket-gateway",
    clusterName: "prod-core",
    account: "prod",
    region: "us-east-1",
    team: "platform",
    service: "realtime",
    cpuUnits: 512,
    memoryMb: 1024,
    architecture: "arm64",
    minTasks: 6,
    maxTasks: 6,
    load: "steady",
    cpuPercent: 36,
    cpuPeakRatio: 1.8,
    memoryPercent: 71,
    demonstrates: "Long-lived connections: steady, memory-heavy; Lambda is not an option at this shape.",
  }),
  fargate({
    name: "notifications-worker",
    clusterName: "prod-core",
    account: "prod",
    region: "us-east-1",
    team: "growth",
    service: "notifications",
    extraTags: { "interruption-tolerant": "true" },
    cpuUnits: 256,
    memoryMb: 512,
    architecture: "x86_64",
    minTasks: 1,
    maxTasks: 8,
    load: "queue",
    cpuPercent: 57,
    cpuPeakRatio: 1.7,
    memoryPercent: 60,
    demonstrates:
      "Fargate Spot candidate: a queue worker autoscaled 1–8 smallest tasks (~55% CPU, ~60% memory) on on-demand, tagged interruption-tolerant=true, in the region and architecture where batch-workers' bill shows the Spot rate.",
  }),
  fargate({
    name: "search-indexer",
    clusterName: "prod-core",
    account: "prod",
    region: "us-east-1",
    team: "search",
    service: "search",
    cpuUnits: 2048,
    memoryMb: 8192,
    architecture: "x86_64",
    ephemeralStorageGb: 80,
    minTasks: 2,
    maxTasks: 2,
    load: "steady",
    cpuPercent: 47,
    cpuPeakRatio: 1.9,
    memoryPercent: 66,
    demonstrates:
      "80 GB ephemeral storage: the 60 GB above the included 20 GB is billed (EphemeralStorage-GB-Hours).",
  }),
  fargate({
    name: "ledger-api",
    clusterName: "staging-core",
    account: "staging",
    region: "us-east-1",
    team: "finance",
    service: "ledger",
    cpuUnits: 512,
    memoryMb: 1024,
    architecture: "x86_64",
    minTasks: 1,
    maxTasks: 1,
    load: "steady",
    cpuPercent: 3,
    cpuPeakRatio: 4,
    memoryPercent: 28,
    http: { requestsPerTaskHour: 80, responseTimeMs: 60 },
    demonstrates: "Staging service at ~3% CPU around the clock: Lambda (or scale-to-zero) candidate.",
  }),
  fargate({
    name: "admin-portal",
    clusterName: "staging-internal",
    account: "staging",
    region: "eu-west-1",
    team: "platform",
    service: "admin",
    cpuUnits: 512,
    memoryMb: 1024,
    architecture: "x86_64",
    minTasks: 0,
    maxTasks: 1,
    load: "office-hours-only",
    cpuPercent: 5,
    cpuPeakRatio: 3,
    memoryPercent: 30,
    http: { requestsPerTaskHour: 60, responseTimeMs: 140 },
    demonstrates:
      "Scaled to zero outside office hours: no metric points for those hours (missing, not zero).",
  }),
  fargate({
    name: "media-transcoder",
    clusterName: "prod-apac",
    account: "prod",
    region: "ap-southeast-2",
    team: "media",
    service: "video",
    cpuUnits: 4096,
    memoryMb: 8192,
    architecture: "x86_64",
    onDemandWeight: 1,
    spotWeight: 1,
    minTasks: 0,
    maxTasks: 4,
    load: "nightly",
    cpuPercent: 82,
    cpuPeakRatio: 1.15,
    memoryPercent: 44,
    demonstrates: "Nightly transcoding on half Spot, zero tasks by day.",
  }),
];

// ---------------------------------------------------------------------------------------------
// Filler for large fleets

const TEAMS = [
  ["commerce", ["orders", "cart", "catalog", "pricing", "checkout"]],
  ["payments", ["authorizer", "refunds", "payouts", "risk", "disputes"]],
  ["identity", ["auth", "profiles", "sessions", "mfa"]],
  ["growth", ["notifications", "experiments", "crm", "referrals"]],
  ["data", ["warehouse", "ml", "analytics", "ingest"]],
  ["platform", ["events", "observability", "security", "finops"]],
  ["media", ["images", "video", "audio"]],
  ["logistics", ["shipping", "tracking", "returns"]],
] as const;

const ROLES = [
  "api",
  "worker",
  "consumer",
  "handler",
  "sync",
  "exporter",
  "importer",
  "scheduler",
  "webhook",
  "resolver",
  "validator",
  "enricher",
] as const;

const FILLER_RUNTIMES: readonly (readonly [string, number])[] = [
  ["nodejs22.x", 30],
  ["python3.12", 27],
  ["provided.al2023", 12],
  ["java21", 8],
  ["nodejs20.x", 8],
  ["python3.11", 8],
  ["dotnet8", 4],
  ["ruby3.3", 3],
];

/**
 * Traffic mix of a large organisation, where most functions are small: over a third are idle or
 * abandoned (stale stages, old jobs), nearly half run rarely (webhooks, weekly and nightly jobs) and
 * about one in seven serves steady traffic. The mix also keeps the 10,000-function fleet within the
 * row budget of the load benchmark (lib/demo/README.md, "Large fleets").
 */
const FILLER_SHAPES: readonly (readonly [TrafficShape, number])[] = [
  ["idle", 38],
  ["sparse", 29],
  ["nightly", 19],
  ["hourly-cron", 1],
  ["business-hours", 7],
  ["spiky", 3],
  ["steady", 3],
];

const logUniform = (prng: Prng, min: number, max: number): number =>
  Math.exp(prng.uniform(Math.log(min), Math.log(max)));

function toFillerRequestsPerDay(prng: Prng, shape: TrafficShape): number {
  switch (shape) {
    case "idle":
      return 0;
    case "sparse":
      // From a call every few weeks to a few a day (a Poisson mean: quiet days have none).
      return logUniform(prng, 0.05, 10);
    case "nightly":
      return Math.round(logUniform(prng, 1, 2_000));
    case "hourly-cron":
      return 24 * prng.int(1, 12);
    default:
      return Math.round(logUniform(prng, 500, 3_000_000));
  }
}

/** The `index`-th generated function (0-based); the same seed and index always give the same function. */
export function createFillerFunction(seed: number, index: number): LambdaSpec {
  const prng = createPrng(`${seed}:filler-function:${index}`);
  const [team, services] = prng.pick(TEAMS);
  const service = prng.pick(services);
  const shape = prng.weighted(FILLER_SHAPES);
  const spec = toGeneratedSpec(prng, {
    name: `${service}-${prng.pick(ROLES)}-${String(index + 1).padStart(5, "0")}`,
    account: prng.chance(0.8) ? "prod" : "staging",
    region: prng.weighted([
      ["us-east-1", 6],
      ["eu-west-1", 3],
      ["ap-southeast-2", 1.5],
    ]),
    team,
    service,
    shape,
    requestsPerDay: toFillerRequestsPerDay(prng, shape),
    runtime: prng.weighted(FILLER_RUNTIMES),
  });
  if (shape === "idle" && prng.chance(0.4)) spec.traffic.lastActiveDaysAgo = prng.int(31, 80);
  if (shape === "idle" && spec.traffic.lastActiveDaysAgo) spec.traffic.requestsPerDay = prng.int(5, 400);
  // Organisations keep adding functions: a third of them appeared during the last 90 days.
  if (prng.chance(0.33)) spec.createdDaysAgo = prng.int(1, 89);
  // Two in five batch jobs are weekly, not nightly.
  if (shape === "nightly" && prng.chance(0.4)) spec.traffic.weekdayUtc = prng.int(0, 6);
  // Staging only sees test traffic: working hours, a fraction of production's volume.
  if (spec.account === "staging" && shape !== "idle") {
    spec.traffic.requestsPerDay = spec.traffic.requestsPerDay / 50;
    if (shape === "steady" || shape === "spiky") spec.traffic.shape = "business-hours";
  }
  return spec;
}

export function createFillerService(seed: number, index: number): FargateSpec {
  const prng = createPrng(`${seed}:filler-service:${index}`);
  const [team, services] = prng.pick(TEAMS);
  const service = prng.pick(services);
  const account: DemoAccountKey = prng.chance(0.75) ? "prod" : "staging";
  const region = prng.weighted<DemoRegion>([
    ["us-east-1", 6],
    ["eu-west-1", 3],
    ["ap-southeast-2", 1.5],
  ]);
  const [cpuUnits, memoryMb] = prng.pick([
    [256, 512],
    [256, 1024],
    [512, 1024],
    [512, 2048],
    [1024, 2048],
    [1024, 4096],
    [2048, 4096],
    [2048, 8192],
    [4096, 8192],
  ] as const);
  const load = prng.weighted<FargateSpec["load"]>([
    ["steady", 5],
    ["business-hours", 3],
    ["queue", 2],
    ["office-hours-only", account === "staging" ? 10 : 0.2],
  ]);
  const minTasks = load === "office-hours-only" ? 0 : prng.int(1, 3);
  const isSpot = prng.chance(0.15);
  return fargate({
    name: `${service}-${prng.pick(["svc", "api", "worker", "gateway"])}-${String(index + 1).padStart(4, "0")}`,
    clusterName: `${account}-${team}`,
    account,
    region,
    team,
    service,
    cpuUnits,
    memoryMb,
    architecture: prng.chance(0.3) ? "arm64" : "x86_64",
    onDemandWeight: 1,
    spotWeight: isSpot ? prng.int(1, 3) : 0,
    minTasks,
    maxTasks: minTasks + (load === "steady" ? 0 : prng.int(1, 4)),
    load,
    cpuPercent: Math.round(prng.uniform(3, 75)),
    cpuPeakRatio: prng.uniform(1.2, 3),
    memoryPercent: Math.round(prng.uniform(10, 80)),
    demonstrates: "",
  });
}
