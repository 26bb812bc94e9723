import type { Architecture, Bill, LambdaUsage } from "./types";
import { ARCHITECTURES } from "./types";
import type { BillDraft } from "./bill";
import type { PriceBook, RateKey } from "./price-book";
import { addFreeLine, addRatedLine, createBillDraft, finishBill } from "./bill";
import { PricingInputError } from "./errors";
import { DEFAULT_PRICE_BOOK } from "./default-price-book";
import {
  MS_PER_SECOND,
  MAX_HOURS_PER_MONTH,
  SECONDS_PER_HOUR,
  formatLabelNumber,
  roundUpToWholeMs,
  toGbFromMb,
} from "./units";
import {
  LAMBDA_FREE_EPHEMERAL_STORAGE_MB,
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_EPHEMERAL_STORAGE_MB,
  LAMBDA_MAX_INIT_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
} from "./limits";
import { assertNumberInRange, assertOneOf, assertRegion } from "./validate";

// Limits (limits.ts, re-exported here) and allowances. Sources: https://aws.amazon.com/lambda/pricing/
// and the Lambda developer guide (configuration-memory), checked 2026-11-01; see lib/pricing/README.md.
export * from "./limits";
export const LAMBDA_FREE_TIER_REQUESTS = 1_000_000;
export const LAMBDA_FREE_TIER_GB_SECONDS = 400_000;
export const LAMBDA_FREE_TIER_STREAMING_GB = 100;
/** Provisioned concurrency is billed from enable to disable, rounded up to 5 minutes. */
export const LAMBDA_PC_BILLING_STEP_SECONDS = 300;
/** SnapStart cache is billed for at least 3 hours per published version. */
export const LAMBDA_SNAPSTART_MIN_CACHE_HOURS = 3;
/**
 * Monthly on-demand duration tiers per architecture, in GB-s of the account's monthly aggregate:
 * [end of tier 1, end of tier 2]; tier 3 is everything above.
 */
export const LAMBDA_DURATION_TIER_ENDS_GB_SECONDS: Record<Architecture, readonly [number, number]> = {
  x86_64: [6e9, 15e9],
  arm64: [7.5e9, 18.75e9],
};

/** Upper bounds that keep every product finite and catch unit mistakes (e.g. ms passed as s). */
const MAX_REQUESTS_PER_MONTH = 1e13;
const MAX_ACCOUNT_GB_SECONDS = 1e16;
const MAX_PROVISIONED_CONCURRENCY = 1e6;
const MAX_STREAMING_GB = 1e9;

/**
 * How much of a pool of on-demand GB-s falls in the free tier and in each price tier. The free
 * allowance is counted as the first GB-s of tier 1 (tier thresholds apply to total usage).
 */
export function splitLambdaDurationTiers(
  totalGbSeconds: number,
  freeGbSeconds: number,
  architecture: Architecture,
): { freeGbSeconds: number; tierGbSeconds: [number, number, number] } {
  const [tier1End, tier2End] = LAMBDA_DURATION_TIER_ENDS_GB_SECONDS[architecture];
  const free = Math.min(freeGbSeconds, totalGbSeconds);
  const tier1 = Math.max(0, Math.min(totalGbSeconds, tier1End) - Math.max(free, 0));
  const tier2 = Math.max(0, Math.min(totalGbSeconds, tier2End) - Math.max(freeGbSeconds, tier1End));
  const tier3 = Math.max(0, totalGbSeconds - Math.max(freeGbSeconds, tier2End));
  return { freeGbSeconds: free, tierGbSeconds: [tier1, tier2, tier3] };
}

/** Billed provisioned-concurrency seconds for `hoursPerMonth` of configuration (5-minute steps). */
export function computeProvisionedBilledSeconds(hoursPerMonth: number): number {
  const steps = Math.ceil((hoursPerMonth * SECONDS_PER_HOUR) / LAMBDA_PC_BILLING_STEP_SECONDS - 1e-9);
  return Math.max(0, steps) * LAMBDA_PC_BILLING_STEP_SECONDS;
}

/** Billed SnapStart cache seconds: at least 3 h once a snapshot is cached at all. */
export function computeSnapStartBilledSeconds(cacheHoursPerMonth: number): number {
  if (cacheHoursPerMonth <= 0) return 0;
  return Math.max(cacheHoursPerMonth, LAMBDA_SNAPSTART_MIN_CACHE_HOURS) * SECONDS_PER_HOUR;
}

function validateLambdaUsage(usage: LambdaUsage): void {
  assertRegion("region", usage.region);
  assertOneOf("architecture", usage.architecture, ARCHITECTURES);
  assertNumberInRange("memoryMb", usage.memoryMb, LAMBDA_MIN_MEMORY_MB, LAMBDA_MAX_MEMORY_MB, "MB");
  if (!Number.isInteger(usage.memoryMb)) {
    throw new PricingInputError(
      "memoryMb",
      `memoryMb must be a whole number of MB (1 MB steps); got ${usage.memoryMb}`,
    );
  }
  assertNumberInRange("requestsPerMonth", usage.requestsPerMonth, 0, MAX_REQUESTS_PER_MONTH, "requests");
  assertNumberInRange("durationMs", usage.durationMs, 0, LAMBDA_MAX_DURATION_MS, "ms");
  if (usage.ephemeralStorageMb !== undefined) {
    assertNumberInRange(
      "ephemeralStorageMb",
      usage.ephemeralStorageMb,
      LAMBDA_FREE_EPHEMERAL_STORAGE_MB,
      LAMBDA_MAX_EPHEMERAL_STORAGE_MB,
      "MB",
    );
  }
  if (typeof usage.isFreeTierApplied !== "boolean") {
    throw new PricingInputError("isFreeTierApplied", "isFreeTierApplied must be true or false");
  }
  const pc = usage.provisionedConcurrency;
  if (pc) {
    assertNumberInRange(
      "provisionedConcurrency.count",
      pc.count,
      0,
      MAX_PROVISIONED_CONCURRENCY,
      "environments",
    );
    assertNumberInRange(
      "provisionedConcurrency.hoursPerMonth",
      pc.hoursPerMonth,
      0,
      MAX_HOURS_PER_MONTH,
      "hours",
    );
    assertNumberInRange(
      "provisionedConcurrency.requests",
      pc.requests,
      0,
      usage.requestsPerMonth,
      "requests",
    );
    assertNumberInRange("provisionedConcurrency.durationMs", pc.durationMs, 0, LAMBDA_MAX_DURATION_MS, "ms");
    const busySeconds = (pc.requests * roundUpToWholeMs(pc.durationMs)) / MS_PER_SECOND;
    const capacitySeconds = pc.count * computeProvisionedBilledSeconds(pc.hoursPerMonth);
    if (busySeconds > capacitySeconds * (1 + 1e-9) + 1e-9) {
      throw new PricingInputError(
        "provisionedConcurrency.requests",
        `provisionedConcurrency.requests × durationMs needs ${busySeconds} environment-seconds but ` +
          `${pc.count} environments for ${pc.hoursPerMonth} h provide only ${capacitySeconds}`,
      );
    }
  }
  if (usage.snapStart) {
    assertNumberInRange(
      "snapStart.cacheHoursPerMonth",
      usage.snapStart.cacheHoursPerMonth,
      0,
      MAX_HOURS_PER_MONTH,
      "hours",
    );
    assertNumberInRange(
      "snapStart.restoresPerMonth",
      usage.snapStart.restoresPerMonth,
      0,
      MAX_REQUESTS_PER_MONTH,
      "restores",
    );
  }
  if (usage.init) {
    assertNumberInRange(
      "init.coldStartsPerMonth",
      usage.init.coldStartsPerMonth,
      0,
      usage.requestsPerMonth,
      "cold starts",
    );
    assertNumberInRange(
      "init.initDurationMs",
      usage.init.initDurationMs,
      0,
      LAMBDA_MAX_INIT_DURATION_MS,
      "ms",
    );
  }
  if (usage.streaming) {
    assertNumberInRange(
      "streaming.billableGbPerMonth",
      usage.streaming.billableGbPerMonth,
      0,
      MAX_STREAMING_GB,
      "GB",
    );
  }
  if (usage.accountUsage) {
    assertNumberInRange(
      "accountUsage.gbSecondsPerMonth",
      usage.accountUsage.gbSecondsPerMonth,
      0,
      MAX_ACCOUNT_GB_SECONDS,
      "GB-s",
    );
    assertNumberInRange(
      "accountUsage.requestsPerMonth",
      usage.accountUsage.requestsPerMonth,
      usage.requestsPerMonth,
      MAX_ACCOUNT_GB_SECONDS,
      "requests (at least this function's requestsPerMonth)",
    );
  }
}

const TIER_LABELS: Record<Architecture, readonly [string, string, string]> = {
  x86_64: ["tier 1, first 6B GB-s", "tier 2, 6B–15B GB-s", "tier 3, over 15B GB-s"],
  arm64: ["tier 1, first 7.5B GB-s", "tier 2, 7.5B–18.75B GB-s", "tier 3, over 18.75B GB-s"],
};

function addTieredDurationLines(
  draft: BillDraft,
  options: {
    label: string;
    component: "duration" | "init";
    architecture: Architecture;
    freeGbSeconds: number;
    tierGbSeconds: readonly [number, number, number];
    /** Multiplier from the pool to this line set (account share × duration/init split). */
    share: number;
    isAlwaysShown: boolean;
    suffix: string;
  },
): void {
  const { label, component, architecture, share, suffix } = options;
  const free = options.freeGbSeconds * share;
  if (free > 0) {
    addFreeLine(draft, {
      item: `${label} (free tier, 400,000 GB-s)${suffix}`,
      quantity: free,
      unit: "GB-s",
      service: "lambda",
      component,
    });
  }
  for (let index = 0; index < 3; index += 1) {
    const quantity = (options.tierGbSeconds[index] ?? 0) * share;
    if (quantity <= 0 && !(index === 0 && options.isAlwaysShown)) continue;
    addRatedLine(draft, {
      item: `${label} (${TIER_LABELS[architecture][index]})${suffix}`,
      quantity,
      unit: "GB-s",
      service: "lambda",
      component,
      rateKey: `lambda.${architecture}.duration.tier-${index + 1}` as RateKey,
    });
  }
}

/**
 * Itemized monthly Lambda bill. Requests and on-demand GB-s (invoke + billed INIT) get the free tier
 * and the volume tiers; provisioned concurrency, its duration, storage, SnapStart and streaming are
 * priced on top. See README.md for every formula and its source.
 */
export function computeLambdaBill(usage: LambdaUsage, book: PriceBook = DEFAULT_PRICE_BOOK): Bill {
  validateLambdaUsage(usage);
  const { architecture, region } = usage;
  const draft = createBillDraft(region, book);
  const memoryGb = toGbFromMb(usage.memoryMb);
  const pc = usage.provisionedConcurrency;
  const pcRequests = pc?.requests ?? 0;
  const onDemandRequests = usage.requestsPerMonth - pcRequests;
  const onDemandDurationMs = roundUpToWholeMs(usage.durationMs);
  const onDemandGbSeconds = (onDemandRequests * onDemandDurationMs * memoryGb) / MS_PER_SECOND;
  const coldStarts = usage.init?.coldStartsPerMonth ?? 0;
  const initDurationMs = usage.init ? roundUpToWholeMs(usage.init.initDurationMs) : 0;
  const initGbSeconds = (coldStarts * initDurationMs * memoryGb) / MS_PER_SECOND;
  const ownGbSeconds = onDemandGbSeconds + initGbSeconds;

  // Requests: free tier and price on the pool (the account's, or this function's alone).
  const account = usage.accountUsage;
  const suffix = account ? " — share of account usage" : "";
  const requestPool = account ? account.requestsPerMonth : usage.requestsPerMonth;
  const requestShare = requestPool > 0 ? usage.requestsPerMonth / requestPool : 0;
  const freeRequestsPool = usage.isFreeTierApplied ? Math.min(LAMBDA_FREE_TIER_REQUESTS, requestPool) : 0;
  if (freeRequestsPool * requestShare > 0) {
    addFreeLine(draft, {
      item: `Requests (free tier, 1M)${suffix}`,
      quantity: freeRequestsPool * requestShare,
      unit: "requests",
      service: "lambda",
      component: "requests",
    });
  }
  addRatedLine(draft, {
    item: `Requests${suffix}`,
    quantity: (requestPool - freeRequestsPool) * requestShare,
    unit: "requests",
    service: "lambda",
    component: "requests",
    rateKey: `lambda.${architecture}.requests`,
  });

  // On-demand duration and billed INIT share one tiered pool of GB-s.
  let gbSecondsPool = ownGbSeconds;
  if (account) {
    if (account.gbSecondsPerMonth < ownGbSeconds * (1 - 1e-9)) {
      throw new PricingInputError(
        "accountUsage.gbSecondsPerMonth",
        `accountUsage.gbSecondsPerMonth must be at least this function's own ${ownGbSeconds} GB-s; got ${account.gbSecondsPerMonth}`,
      );
    }
    gbSecondsPool = Math.max(account.gbSecondsPerMonth, ownGbSeconds);
  }
  const freeGbSeconds = usage.isFreeTierApplied ? LAMBDA_FREE_TIER_GB_SECONDS : 0;
  const tiers = splitLambdaDurationTiers(gbSecondsPool, freeGbSeconds, architecture);
  const poolShare = gbSecondsPool > 0 ? ownGbSeconds / gbSecondsPool : 0;
  const durationSplit = ownGbSeconds > 0 ? onDemandGbSeconds / ownGbSeconds : 1;
  addTieredDurationLines(draft, {
    label: "Duration",
    component: "duration",
    architecture,
    freeGbSeconds: tiers.freeGbSeconds,
    tierGbSeconds: tiers.tierGbSeconds,
    share: poolShare * durationSplit,
    isAlwaysShown: true,
    suffix,
  });
  if (initGbSeconds > 0) {
    addTieredDurationLines(draft, {
      label: "INIT duration (cold starts)",
      component: "init",
      architecture,
      freeGbSeconds: tiers.freeGbSeconds,
      tierGbSeconds: tiers.tierGbSeconds,
      share: poolShare * (1 - durationSplit),
      isAlwaysShown: false,
      suffix,
    });
  }

  // Provisioned concurrency: always-on capacity and the duration run on it (not tiered, no free tier).
  if (pc && pc.count > 0 && pc.hoursPerMonth > 0) {
    const billedSeconds = computeProvisionedBilledSeconds(pc.hoursPerMonth);
    addRatedLine(draft, {
      item: `Provisioned concurrency (${formatLabelNumber(pc.count)} × ${formatLabelNumber(memoryGb)} GB × ${formatLabelNumber(billedSeconds / SECONDS_PER_HOUR)} h)`,
      quantity: pc.count * memoryGb * billedSeconds,
      unit: "GB-s",
      service: "lambda",
      component: "provisioned-concurrency",
      rateKey: `lambda.${architecture}.provisioned-concurrency`,
    });
  }
  const pcDurationMs = pc ? roundUpToWholeMs(pc.durationMs) : 0;
  if (pc && pcRequests > 0) {
    addRatedLine(draft, {
      item: "Duration on provisioned concurrency",
      quantity: (pcRequests * pcDurationMs * memoryGb) / MS_PER_SECOND,
      unit: "GB-s",
      service: "lambda",
      component: "provisioned-duration",
      rateKey: `lambda.${architecture}.provisioned-duration`,
    });
  }

  // Ephemeral storage above 512 MB, for every billed second (on-demand, provisioned, INIT).
  const ephemeralStorageMb = usage.ephemeralStorageMb ?? LAMBDA_FREE_EPHEMERAL_STORAGE_MB;
  if (ephemeralStorageMb > LAMBDA_FREE_EPHEMERAL_STORAGE_MB) {
    const billedSeconds =
      (onDemandRequests * onDemandDurationMs + pcRequests * pcDurationMs + coldStarts * initDurationMs) /
      MS_PER_SECOND;
    const extraGb = toGbFromMb(ephemeralStorageMb - LAMBDA_FREE_EPHEMERAL_STORAGE_MB);
    addRatedLine(draft, {
      item: `Ephemeral storage above 512 MB (${formatLabelNumber(extraGb)} GB)`,
      quantity: extraGb * billedSeconds,
      unit: "GB-s",
      service: "lambda",
      component: "ephemeral-storage",
      rateKey: `lambda.${architecture}.ephemeral-storage`,
    });
  }

  const snapStart = usage.snapStart;
  if (snapStart && snapStart.cacheHoursPerMonth > 0) {
    addRatedLine(draft, {
      item: "SnapStart cache (minimum 3 h)",
      quantity: memoryGb * computeSnapStartBilledSeconds(snapStart.cacheHoursPerMonth),
      unit: "GB-s",
      service: "lambda",
      component: "snapstart",
      rateKey: `lambda.${architecture}.snapstart-cache`,
    });
  }
  if (snapStart && snapStart.restoresPerMonth > 0) {
    addRatedLine(draft, {
      item: "SnapStart restores",
      quantity: memoryGb * snapStart.restoresPerMonth,
      unit: "GB",
      service: "lambda",
      component: "snapstart",
      rateKey: `lambda.${architecture}.snapstart-restore`,
    });
  }

  const streaming = usage.streaming;
  if (streaming && streaming.billableGbPerMonth > 0) {
    const freeGb =
      usage.isFreeTierApplied && !streaming.isFreeTierUsed
        ? Math.min(LAMBDA_FREE_TIER_STREAMING_GB, streaming.billableGbPerMonth)
        : 0;
    if (freeGb > 0) {
      addFreeLine(draft, {
        item: "Response streaming (free tier, 100 GB)",
        quantity: freeGb,
        unit: "GB",
        service: "lambda",
        component: "streaming",
      });
    }
    addRatedLine(draft, {
      item: "Response streaming beyond 6 MB per response",
      quantity: streaming.billableGbPerMonth - freeGb,
      unit: "GB",
      service: "lambda",
      component: "streaming",
      rateKey: `lambda.${architecture}.streaming`,
    });
  }

  return finishBill(draft);
}

/**
 * GB streamed beyond the free first 6 MB of each response, from a histogram of response sizes
 * (1 GB = 1,024 MB, as in the pricing page's streaming example).
 */
export function computeStreamingBillableGb(responses: readonly { count: number; sizeMb: number }[]): number {
  let billableMb = 0;
  responses.forEach((bucket, index) => {
    assertNumberInRange(`responses[${index}].count`, bucket.count, 0, MAX_REQUESTS_PER_MONTH, "responses");
    assertNumberInRange(`responses[${index}].sizeMb`, bucket.sizeMb, 0, 1e6, "MB");
    billableMb += bucket.count * Math.max(0, bucket.sizeMb - 6);
  });
  return billableMb / 1024;
}
