/**
 * AWS Price List Query API client for `npm run prices:refresh` (runs under tsx, so no
 * "server-only" import here). Credentials come from the SDK's default provider chain (AWS_PROFILE,
 * environment, SSO, …); they are never logged. Throttling is retried by the SDK's standard retry
 * strategy with backoff. All mapping is in map-price-list.ts (pure, tested on fixtures).
 */
import type { Filter } from "@aws-sdk/client-pricing";
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import type { MappedPriceList } from "./map-price-list";
import { PRICE_LIST_QUERIES, mapPriceList } from "./map-price-list";

/** The Price List Query API lives in us-east-1 and ap-south-1 only (docs/aws-facts.md §7.5). */
export const PRICE_LIST_API_REGION = "us-east-1";

export class PriceListApiError extends Error {
  readonly code: "NO_CREDENTIALS" | "ACCESS_DENIED" | "THROTTLED" | "FAILED";

  constructor(code: PriceListApiError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PriceListApiError";
    this.code = code;
  }
}

export type PricingClientOptions = {
  /** Override the endpoint (tests point it at a local fake server). */
  endpoint?: string;
  /** Total attempts per call including retries (default 5). */
  maxAttempts?: number;
};

export function createPricingClient(options: PricingClientOptions = {}): PricingClient {
  return new PricingClient({
    region: PRICE_LIST_API_REGION,
    endpoint: options.endpoint,
    maxAttempts: options.maxAttempts ?? 5,
    retryMode: "standard",
  });
}

/** Resolve credentials once, up front, so a missing profile fails with a clear message before any call. */
export async function assertCredentials(client: PricingClient): Promise<void> {
  try {
    const credentials = await client.config.credentials();
    if (!credentials?.accessKeyId) throw new Error("empty credentials");
  } catch (error) {
    throw new PriceListApiError(
      "NO_CREDENTIALS",
      "No AWS credentials found. Set AWS_PROFILE to a profile (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) " +
        "with pricing:GetProducts; the Price List API is free and read-only.",
      { cause: error instanceof Error ? new Error(error.name) : undefined },
    );
  }
}

function toPriceListApiError(error: unknown): PriceListApiError {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "CredentialsProviderError") return new PriceListApiError("NO_CREDENTIALS", message);
  if (name === "AccessDeniedException" || name === "UnrecognizedClientException") {
    return new PriceListApiError(
      "ACCESS_DENIED",
      `Price List API refused the call (${name}): check pricing:GetProducts`,
    );
  }
  if (name === "ThrottlingException")
    return new PriceListApiError("THROTTLED", "Price List API still throttling after retries");
  return new PriceListApiError("FAILED", `Price List API call failed: ${name || "error"}: ${message}`);
}

/** Every PriceList entry (JSON strings) for a service and filters, following NextToken. */
export async function fetchProducts(
  client: PricingClient,
  serviceCode: string,
  filters: Filter[],
): Promise<string[]> {
  const entries: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    let response;
    try {
      response = await client.send(
        new GetProductsCommand({
          ServiceCode: serviceCode,
          Filters: filters,
          FormatVersion: "aws_v1",
          MaxResults: 100,
          NextToken: nextToken,
        }),
      );
    } catch (error) {
      throw toPriceListApiError(error);
    }
    // The SDK returns each entry as a LazyJsonString (a boxed String): unbox to the raw JSON text.
    for (const entry of response.PriceList ?? []) entries.push(String(entry));
    nextToken = response.NextToken || undefined;
    pages += 1;
    if (pages > 1000)
      throw new PriceListApiError("FAILED", `${serviceCode}: more than 1,000 pages; refusing to continue`);
  } while (nextToken);
  return entries;
}

/** All rates the refresh knows how to map, for one region (Lambda, Fargate, ALB, API Gateway). */
export async function fetchRegionPriceList(client: PricingClient, region: string): Promise<MappedPriceList> {
  const entries: string[] = [];
  for (const query of PRICE_LIST_QUERIES) {
    entries.push(...(await fetchProducts(client, query.serviceCode, query.filters(region) as Filter[])));
  }
  return mapPriceList(entries, region);
}
