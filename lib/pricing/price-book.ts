import type { Architecture } from "./types";
import { ARCHITECTURES } from "./types";
import { PricingInputError } from "./errors";

/**
 * Prices are versioned data: a JSON snapshot under ./data, loaded into a typed PriceBook. Every
 * rate carries where it came from, when it was read and how much we trust it. A rate that is not
 * in the book is unknown: bills show `null` for it, never $0 and never another region's price.
 */

/**
 * Where a rate comes from. "bill" is never in a snapshot: it marks an account's effective rate from
 * its own billed cost (lib/pricing/effective-rates.ts), labelled "from your bill".
 */
export type RateConfidence = "aws-page" | "price-list" | "third-party" | "bill";

export type Rate = {
  usd: number;
  /** What one unit is: "request", "GB-s", "GB", "vCPU-hour", "GB-hour", "ALB-hour", "LCU-hour". */
  unit: string;
  /** Key into PriceBook.sources. */
  source: string;
  /** ISO date the rate was read from its source. */
  retrievedOn: string;
  confidence: RateConfidence;
};

export type PriceSource = { url: string; note: string };

type LambdaRateName =
  | "requests"
  | "duration.tier-1"
  | "duration.tier-2"
  | "duration.tier-3"
  | "ephemeral-storage"
  | "provisioned-concurrency"
  | "provisioned-duration"
  | "snapstart-cache"
  | "snapstart-restore"
  | "streaming";

export type FargateComputeRateName = "vcpu" | "memory";

/** Every rate the engine can look up. */
export type RateKey =
  | `lambda.${Architecture}.${LambdaRateName}`
  | `fargate.linux.${Architecture}.${FargateComputeRateName}`
  | `fargate.spot.linux.${Architecture}.${FargateComputeRateName}`
  | `fargate.windows.x86_64.${FargateComputeRateName | "os-license"}`
  | "fargate.ephemeral-storage"
  | "apigateway.http.tier-1"
  | "apigateway.http.tier-2"
  | "apigateway.rest.tier-1"
  | "apigateway.rest.tier-2"
  | "apigateway.rest.tier-3"
  | "apigateway.rest.tier-4"
  | "alb.hours"
  | "alb.lcu";

export type RegionPrices = {
  name: string;
  rates: Partial<Record<RateKey, Rate>>;
};

export type PriceBook = {
  /** e.g. "aws-prices-2026-11-01"; copied onto every Bill as priceVersion. */
  version: string;
  /** Date the snapshot describes (rates are list prices in effect on that date). */
  effectiveOn: string;
  currency: "USD";
  sources: Record<string, PriceSource>;
  regions: Record<string, RegionPrices>;
};

const LAMBDA_RATE_NAMES: readonly LambdaRateName[] = [
  "requests",
  "duration.tier-1",
  "duration.tier-2",
  "duration.tier-3",
  "ephemeral-storage",
  "provisioned-concurrency",
  "provisioned-duration",
  "snapstart-cache",
  "snapstart-restore",
  "streaming",
];

/** All rate keys, in a stable order (used to validate snapshots and to list unknowns). */
export const RATE_KEYS: readonly RateKey[] = [
  ...ARCHITECTURES.flatMap((arch) => LAMBDA_RATE_NAMES.map((name): RateKey => `lambda.${arch}.${name}`)),
  "fargate.linux.x86_64.vcpu",
  "fargate.linux.x86_64.memory",
  "fargate.linux.arm64.vcpu",
  "fargate.linux.arm64.memory",
  "fargate.windows.x86_64.vcpu",
  "fargate.windows.x86_64.memory",
  "fargate.windows.x86_64.os-license",
  "fargate.spot.linux.x86_64.vcpu",
  "fargate.spot.linux.x86_64.memory",
  "fargate.spot.linux.arm64.vcpu",
  "fargate.spot.linux.arm64.memory",
  "fargate.ephemeral-storage",
  "apigateway.http.tier-1",
  "apigateway.http.tier-2",
  "apigateway.rest.tier-1",
  "apigateway.rest.tier-2",
  "apigateway.rest.tier-3",
  "apigateway.rest.tier-4",
  "alb.hours",
  "alb.lcu",
];

const RATE_KEY_SET: ReadonlySet<string> = new Set(RATE_KEYS);
const CONFIDENCES: ReadonlySet<string> = new Set(["aws-page", "price-list", "third-party"]);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Human description of a rate for `unknownRates`, e.g. "Fargate Windows vCPU rate for eu-south-1". */
export function describeRate(key: RateKey, region: string): string {
  const labels: Record<string, string> = {
    requests: "request rate",
    "duration.tier-1": "duration rate (tier 1)",
    "duration.tier-2": "duration rate (tier 2)",
    "duration.tier-3": "duration rate (tier 3)",
    "ephemeral-storage": "ephemeral storage rate",
    "provisioned-concurrency": "provisioned concurrency rate",
    "provisioned-duration": "provisioned duration rate",
    "snapstart-cache": "SnapStart cache rate",
    "snapstart-restore": "SnapStart restore rate",
    streaming: "response streaming rate",
    vcpu: "vCPU rate",
    memory: "memory rate",
    "os-license": "OS licence rate",
  };
  const parts = key.split(".");
  if (parts[0] === "lambda") {
    const name = parts.slice(2).join(".");
    return `Lambda ${parts[1]} ${labels[name] ?? name} for ${region}`;
  }
  if (parts[0] === "fargate") {
    if (key === "fargate.ephemeral-storage") return `Fargate ephemeral storage rate for ${region}`;
    const isSpot = parts[1] === "spot";
    const os = isSpot ? parts[2] : parts[1];
    const arch = isSpot ? parts[3] : parts[2];
    const name = (isSpot ? parts[4] : parts[3]) ?? "";
    const osLabel = os === "windows" ? "Windows" : "Linux";
    return `Fargate ${isSpot ? "Spot " : ""}${osLabel} ${arch} ${labels[name] ?? name} for ${region}`;
  }
  if (parts[0] === "apigateway") {
    const api = parts[1] === "http" ? "HTTP API" : "REST API";
    return `API Gateway ${api} request rate (${parts[2]}) for ${region}`;
  }
  if (key === "alb.hours") return `ALB hourly rate for ${region}`;
  return `ALB LCU rate for ${region}`;
}

function fail(path: string, message: string): never {
  throw new PricingInputError(path, `price book ${path}: ${message}`);
}

/**
 * Validate an untyped snapshot (imported JSON or the output of prices:refresh) into a PriceBook.
 * Throws PricingInputError naming the offending path: a snapshot with a negative, non-finite or
 * unsourced rate must never load.
 */
export function mapPriceBook(data: unknown): PriceBook {
  if (typeof data !== "object" || data === null) fail("$", "not an object");
  const raw = data as Record<string, unknown>;
  const version = raw.version;
  const effectiveOn = raw.effectiveOn;
  if (typeof version !== "string" || version.length === 0) fail("version", "missing");
  if (typeof effectiveOn !== "string" || !ISO_DATE.test(effectiveOn))
    fail("effectiveOn", "not a YYYY-MM-DD date");
  if (raw.currency !== "USD") fail("currency", "must be USD");
  const sourcesRaw = raw.sources;
  if (typeof sourcesRaw !== "object" || sourcesRaw === null) fail("sources", "missing");
  const sources: Record<string, PriceSource> = {};
  for (const [key, value] of Object.entries(sourcesRaw)) {
    const source = value as Record<string, unknown>;
    if (typeof source?.url !== "string" || typeof source.note !== "string") {
      fail(`sources.${key}`, "needs url and note");
    }
    sources[key] = { url: source.url, note: source.note };
  }
  const regionsRaw = raw.regions;
  if (typeof regionsRaw !== "object" || regionsRaw === null) fail("regions", "missing");
  const regions: Record<string, RegionPrices> = {};
  for (const [region, value] of Object.entries(regionsRaw)) {
    const regionRaw = value as Record<string, unknown>;
    if (typeof regionRaw?.name !== "string") fail(`regions.${region}.name`, "missing");
    const ratesRaw = regionRaw.rates;
    if (typeof ratesRaw !== "object" || ratesRaw === null) fail(`regions.${region}.rates`, "missing");
    const rates: Partial<Record<RateKey, Rate>> = {};
    for (const [key, rateValue] of Object.entries(ratesRaw)) {
      const path = `regions.${region}.rates.${key}`;
      if (!RATE_KEY_SET.has(key)) fail(path, "unknown rate key");
      const rate = rateValue as Record<string, unknown>;
      if (typeof rate?.usd !== "number" || !Number.isFinite(rate.usd) || rate.usd < 0) {
        fail(path, "usd must be a finite number ≥ 0");
      }
      if (typeof rate.unit !== "string") fail(path, "unit missing");
      if (typeof rate.source !== "string" || !(rate.source in sources)) fail(path, "source not in sources");
      if (typeof rate.retrievedOn !== "string" || !ISO_DATE.test(rate.retrievedOn)) {
        fail(path, "retrievedOn not a YYYY-MM-DD date");
      }
      if (typeof rate.confidence !== "string" || !CONFIDENCES.has(rate.confidence)) {
        fail(path, "confidence must be aws-page, price-list or third-party");
      }
      rates[key as RateKey] = {
        usd: rate.usd,
        unit: rate.unit,
        source: rate.source,
        retrievedOn: rate.retrievedOn,
        confidence: rate.confidence as RateConfidence,
      };
    }
    regions[region] = { name: regionRaw.name, rates };
  }
  return { version, effectiveOn, currency: "USD", sources, regions };
}

/** The rate, or null when the book has no such rate for the region (unknown, never 0). */
export function getRate(book: PriceBook, region: string, key: RateKey): Rate | null {
  return book.regions[region]?.rates[key] ?? null;
}

/** USD per unit, or null when unknown. */
export function getRateUsd(book: PriceBook, region: string, key: RateKey): number | null {
  return book.regions[region]?.rates[key]?.usd ?? null;
}
