/**
 * Pure mapping from AWS Price List `GetProducts` entries (JSON strings, format aws_v1) to the rate
 * keys of Breakeven's price book, and the merge of a refresh into a new versioned snapshot.
 * Validated with zod: an entry we depend on that does not have the expected shape is reported,
 * never guessed. No SDK, no I/O: tested against recorded fixtures in __fixtures__/.
 */
import { z } from "zod";
import type { PriceBook, Rate, RateKey } from "@/lib/pricing/price-book";
import { RATE_KEYS } from "@/lib/pricing/price-book";
import { API_GATEWAY_TIER_ENDS } from "@/lib/pricing/front-door";
import { LAMBDA_DURATION_TIER_ENDS_GB_SECONDS } from "@/lib/pricing/lambda";

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, "a non-negative decimal string");

const priceDimensionSchema = z.object({
  unit: z.string(),
  beginRange: z.string().optional(),
  endRange: z.string().optional(),
  description: z.string().optional(),
  pricePerUnit: z.object({ USD: decimalString }),
});

export const priceListItemSchema = z.object({
  serviceCode: z.string(),
  product: z.object({
    sku: z.string(),
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  }),
  terms: z.object({
    OnDemand: z
      .record(
        z.string(),
        z.object({
          effectiveDate: z.string().optional(),
          priceDimensions: z.record(z.string(), priceDimensionSchema),
        }),
      )
      .optional(),
  }),
  version: z.string().optional(),
  publicationDate: z.string().optional(),
});

export type PriceListItem = z.infer<typeof priceListItemSchema>;

/** One rate read from the Price List. */
export type MappedRate = {
  key: RateKey;
  usd: number;
  /** Price List unit, e.g. "Lambda-GB-Second", "hours", "Requests". */
  priceListUnit: string;
  sku: string;
  usageType: string;
  effectiveDate: string | null;
};

export type PriceListIssue = { sku: string; message: string };

export type MappedPriceList = { rates: MappedRate[]; issues: PriceListIssue[] };

/** The services and GetProducts filters a refresh queries per region (docs/aws-facts.md §7.5). */
export const PRICE_LIST_QUERIES = [
  {
    serviceCode: "AWSLambda",
    filters: (region: string) => [
      { Type: "TERM_MATCH", Field: "regionCode", Value: region },
      {
        Type: "ANY_OF",
        Field: "group",
        Value: [
          "AWS-Lambda-Requests",
          "AWS-Lambda-Requests-ARM",
          "AWS-Lambda-Duration",
          "AWS-Lambda-Duration-ARM",
          "AWS-Lambda-Provisioned-Concurrency",
          "AWS-Lambda-Provisioned-Concurrency-ARM",
          "AWS-Lambda-Duration-Provisioned",
          "AWS-Lambda-Duration-Provisioned-ARM",
          "AWS-Lambda-Storage-Duration",
          "AWS-Lambda-Storage-Duration-ARM",
        ].join(","),
      },
    ],
  },
  {
    serviceCode: "AmazonECS",
    filters: (region: string) => [
      { Type: "TERM_MATCH", Field: "regionCode", Value: region },
      { Type: "TERM_MATCH", Field: "productFamily", Value: "Compute" },
    ],
  },
  {
    serviceCode: "AWSELB",
    filters: (region: string) => [
      { Type: "TERM_MATCH", Field: "regionCode", Value: region },
      { Type: "TERM_MATCH", Field: "productFamily", Value: "Load Balancer-Application" },
    ],
  },
  {
    serviceCode: "AmazonApiGateway",
    filters: (region: string) => [
      { Type: "TERM_MATCH", Field: "regionCode", Value: region },
      { Type: "TERM_MATCH", Field: "productFamily", Value: "API Calls" },
    ],
  },
] as const;

const LAMBDA_GROUPS: Record<string, { name: string; architecture: "x86_64" | "arm64" }> = {
  "AWS-Lambda-Requests": { name: "requests", architecture: "x86_64" },
  "AWS-Lambda-Requests-ARM": { name: "requests", architecture: "arm64" },
  "AWS-Lambda-Duration": { name: "duration", architecture: "x86_64" },
  "AWS-Lambda-Duration-ARM": { name: "duration", architecture: "arm64" },
  "AWS-Lambda-Provisioned-Concurrency": { name: "provisioned-concurrency", architecture: "x86_64" },
  "AWS-Lambda-Provisioned-Concurrency-ARM": { name: "provisioned-concurrency", architecture: "arm64" },
  "AWS-Lambda-Duration-Provisioned": { name: "provisioned-duration", architecture: "x86_64" },
  "AWS-Lambda-Duration-Provisioned-ARM": { name: "provisioned-duration", architecture: "arm64" },
  "AWS-Lambda-Storage-Duration": { name: "ephemeral-storage", architecture: "x86_64" },
  "AWS-Lambda-Storage-Duration-ARM": { name: "ephemeral-storage", architecture: "arm64" },
};

/**
 * Usage types, matched exactly after the region prefix ("USE1-", "EU-", "APN1-"…; us-east-1 Lambda
 * has none). Exact matching matters: "Fargate-vCPU-Hours" is a substring of the Windows, ARM and
 * Spot usage types too.
 */
const USAGE_TYPE_KEYS: Record<string, RateKey> = {
  "Fargate-vCPU-Hours:perCPU": "fargate.linux.x86_64.vcpu",
  "Fargate-GB-Hours": "fargate.linux.x86_64.memory",
  "Fargate-ARM-vCPU-Hours:perCPU": "fargate.linux.arm64.vcpu",
  "Fargate-ARM-GB-Hours": "fargate.linux.arm64.memory",
  "Fargate-Windows-vCPU-Hours:perCPU": "fargate.windows.x86_64.vcpu",
  "Fargate-Windows-GB-Hours": "fargate.windows.x86_64.memory",
  "Fargate-Windows-OS-Hours:perCPU": "fargate.windows.x86_64.os-license",
  "Fargate-EphemeralStorage-GB-Hours": "fargate.ephemeral-storage",
  "SpotUsage-Fargate-vCPU-Hours:perCPU": "fargate.spot.linux.x86_64.vcpu",
  "SpotUsage-Fargate-GB-Hours": "fargate.spot.linux.x86_64.memory",
  "SpotUsage-Fargate-ARM-vCPU-Hours:perCPU": "fargate.spot.linux.arm64.vcpu",
  "SpotUsage-Fargate-ARM-GB-Hours": "fargate.spot.linux.arm64.memory",
  LoadBalancerUsage: "alb.hours",
  LCUUsage: "alb.lcu",
};

const REGION_PREFIX = /^[A-Z]{2,4}\d{0,2}-/;

/** "USE1-Fargate-GB-Hours" → "Fargate-GB-Hours"; "Lambda-GB-Second" stays. */
export function stripRegionPrefix(usageType: string): string {
  return usageType.replace(REGION_PREFIX, "");
}

function tierIndexFor(beginRange: string | undefined, tierEnds: readonly number[]): number | null {
  const begin = Number(beginRange ?? "0");
  if (begin === 0) return 0;
  const index = tierEnds.indexOf(begin);
  return index === -1 ? null : index + 1;
}

/** Map GetProducts `PriceList` entries (raw JSON strings or parsed objects) for one region to rates. */
export function mapPriceList(entries: readonly unknown[], region: string): MappedPriceList {
  const rates: MappedRate[] = [];
  const issues: PriceListIssue[] = [];
  for (const entry of entries) {
    let raw: unknown = entry;
    if (typeof entry === "string" || entry instanceof String) {
      try {
        raw = JSON.parse(String(entry));
      } catch {
        issues.push({ sku: "?", message: "PriceList entry is not valid JSON" });
        continue;
      }
    }
    const parsed = priceListItemSchema.safeParse(raw);
    if (!parsed.success) {
      const sku = (raw as { product?: { sku?: unknown } })?.product?.sku;
      issues.push({
        sku: typeof sku === "string" ? sku : "?",
        message: `unexpected shape: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
      });
      continue;
    }
    const item = parsed.data;
    const attributes = item.product.attributes;
    const sku = item.product.sku;
    if (attributes.regionCode !== undefined && attributes.regionCode !== region) {
      issues.push({ sku, message: `regionCode ${attributes.regionCode} is not ${region}` });
      continue;
    }
    const usageType = attributes.usagetype ?? "";
    // Free-tier rows (location "Any", usage type "Global-…") and Outposts are not list prices for the region.
    if (usageType.startsWith("Global-") || attributes.location === "Any" || usageType.includes("Outposts"))
      continue;
    const terms = Object.values(item.terms.OnDemand ?? {});
    if (terms.length !== 1) {
      issues.push({ sku, message: `expected one OnDemand term, found ${terms.length}` });
      continue;
    }
    const term = terms[0]!;
    const dimensions = Object.values(term.priceDimensions);
    const effectiveDate = term.effectiveDate ?? null;
    const push = (key: RateKey, dimension: (typeof dimensions)[number]) =>
      rates.push({
        key,
        usd: Number(dimension.pricePerUnit.USD),
        priceListUnit: dimension.unit,
        sku,
        usageType,
        effectiveDate,
      });

    if (item.serviceCode === "AWSLambda") {
      const group = LAMBDA_GROUPS[attributes.group ?? ""];
      if (!group) continue;
      if (group.name === "duration") {
        for (const dimension of dimensions) {
          const tier = tierIndexFor(
            dimension.beginRange,
            LAMBDA_DURATION_TIER_ENDS_GB_SECONDS[group.architecture],
          );
          if (tier === null) {
            issues.push({
              sku,
              message: `duration tier starting at ${dimension.beginRange} is not a known threshold`,
            });
            continue;
          }
          push(`lambda.${group.architecture}.duration.tier-${tier + 1}` as RateKey, dimension);
        }
        continue;
      }
      if (dimensions.length !== 1) {
        issues.push({
          sku,
          message: `${attributes.group}: expected one price dimension, found ${dimensions.length}`,
        });
        continue;
      }
      push(`lambda.${group.architecture}.${group.name}` as RateKey, dimensions[0]!);
      continue;
    }

    if (item.serviceCode === "AmazonApiGateway") {
      const suffix = stripRegionPrefix(usageType);
      const api =
        suffix === "ApiGatewayHttpRequest" ? "http" : suffix === "ApiGatewayRequest" ? "rest" : null;
      if (!api) continue;
      for (const dimension of dimensions) {
        const tier = tierIndexFor(dimension.beginRange, API_GATEWAY_TIER_ENDS[api]);
        if (tier === null) {
          issues.push({
            sku,
            message: `${api} API tier starting at ${dimension.beginRange} is not a known threshold`,
          });
          continue;
        }
        push(`apigateway.${api}.tier-${tier + 1}` as RateKey, dimension);
      }
      continue;
    }

    const key = USAGE_TYPE_KEYS[stripRegionPrefix(usageType)];
    if (!key) continue;
    if (dimensions.length !== 1) {
      issues.push({ sku, message: `${usageType}: expected one price dimension, found ${dimensions.length}` });
      continue;
    }
    push(key, dimensions[0]!);
  }

  // Fail closed on ambiguity: two different prices for one key means the mapping is wrong.
  const byKey = new Map<RateKey, MappedRate[]>();
  for (const rate of rates) byKey.set(rate.key, [...(byKey.get(rate.key) ?? []), rate]);
  const unique: MappedRate[] = [];
  for (const [key, candidates] of byKey) {
    const prices = new Set(candidates.map((candidate) => candidate.usd));
    if (prices.size > 1) {
      issues.push({
        sku: candidates.map((candidate) => candidate.sku).join(","),
        message: `${key} has conflicting prices ${[...prices].join(" vs ")}; left unrefreshed`,
      });
      continue;
    }
    unique.push(candidates[0]!);
  }
  unique.sort((a, b) => RATE_KEYS.indexOf(a.key) - RATE_KEYS.indexOf(b.key));
  return { rates: unique, issues };
}

export const PRICE_LIST_SOURCE_KEY = "PRICE-LIST-API";

export type RefreshChange = {
  region: string;
  key: RateKey;
  status: "added" | "changed" | "unchanged" | "carried-over";
  previousUsd: number | null;
  usd: number;
};

/**
 * A new snapshot: every refreshed rate replaces the previous one (source = Price List API, read
 * today); rates the Price List did not return keep their previous value and provenance (SnapStart,
 * streaming and Spot are not all in the Price List). Nothing is invented: a rate neither refreshed
 * nor in the previous book stays absent, i.e. unknown.
 */
export function mergePriceSnapshot(
  previous: PriceBook,
  refreshed: Readonly<Record<string, readonly MappedRate[]>>,
  retrievedOn: string,
): { book: PriceBook; changes: RefreshChange[] } {
  const changes: RefreshChange[] = [];
  const regions: PriceBook["regions"] = {};
  const regionCodes = [...new Set([...Object.keys(previous.regions), ...Object.keys(refreshed)])].sort();
  for (const region of regionCodes) {
    const previousRates = previous.regions[region]?.rates ?? {};
    const rates: Partial<Record<RateKey, Rate>> = {};
    const fresh = new Map((refreshed[region] ?? []).map((rate) => [rate.key, rate]));
    for (const key of RATE_KEYS) {
      const old = previousRates[key];
      const mapped = fresh.get(key);
      if (mapped) {
        rates[key] = {
          usd: mapped.usd,
          unit: old?.unit ?? defaultUnit(key),
          source: PRICE_LIST_SOURCE_KEY,
          retrievedOn,
          confidence: "price-list",
        };
        changes.push({
          region,
          key,
          status: old === undefined ? "added" : old.usd === mapped.usd ? "unchanged" : "changed",
          previousUsd: old?.usd ?? null,
          usd: mapped.usd,
        });
      } else if (old) {
        rates[key] = old;
        changes.push({ region, key, status: "carried-over", previousUsd: old.usd, usd: old.usd });
      }
    }
    regions[region] = { name: previous.regions[region]?.name ?? region, rates };
  }
  return {
    book: {
      version: `aws-prices-${retrievedOn}`,
      effectiveOn: retrievedOn,
      currency: "USD",
      sources: {
        ...previous.sources,
        [PRICE_LIST_SOURCE_KEY]: {
          url: "https://api.pricing.us-east-1.amazonaws.com (GetProducts, FormatVersion aws_v1)",
          note: "AWS Price List Query API, read by `npm run prices:refresh` on the rate's retrievedOn date.",
        },
      },
      regions,
    },
    changes,
  };
}

function defaultUnit(key: RateKey): string {
  if (key.endsWith(".requests") || key.startsWith("apigateway.")) return "request";
  if (key.startsWith("lambda."))
    return key.endsWith("snapstart-restore") || key.endsWith("streaming") ? "GB" : "GB-s";
  if (key === "alb.hours") return "ALB-hour";
  if (key === "alb.lcu") return "LCU-hour";
  if (key.endsWith(".vcpu") || key.endsWith(".os-license")) return "vCPU-hour";
  return "GB-hour";
}
