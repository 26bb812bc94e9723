import type { Bill, FrontDoor } from "./types";
import type { PriceBook, RateKey } from "./price-book";
import { addRatedLine, createBillDraft, finishBill } from "./bill";
import { DEFAULT_PRICE_BOOK } from "./default-price-book";
import { BYTES_PER_DECIMAL_GB, HOURS_PER_MONTH, MAX_HOURS_PER_MONTH, SECONDS_PER_HOUR } from "./units";
import { assertNumberInRange, assertOneOf, assertRegion } from "./validate";

// Sources: https://aws.amazon.com/api-gateway/pricing/ and https://aws.amazon.com/elasticloadbalancing/pricing/
// (docs/aws-facts.md §4, read 2026-09-20). See lib/pricing/README.md.

/** Tier upper bounds in requests per month; the last tier is open-ended. */
export const API_GATEWAY_TIER_ENDS: Record<"http" | "rest", readonly number[]> = {
  http: [300e6],
  rest: [333e6, 1e9, 20e9],
};

/** One LCU: 25 new connections/s, 3,000 active connections, 1 GB/h processed (0.4 GB/h for Lambda targets), 1,000 rule evaluations/s. */
export const ALB_LCU_NEW_CONNECTIONS_PER_SECOND = 25;
export const ALB_LCU_ACTIVE_CONNECTIONS = 3000;
export const ALB_LCU_PROCESSED_GB_PER_HOUR = { lambda: 0.4, ip: 1 } as const;
export const ALB_LCU_RULE_EVALUATIONS_PER_SECOND = 1000;
export const ALB_FREE_RULES = 10;

export type AlbTargetType = keyof typeof ALB_LCU_PROCESSED_GB_PER_HOUR;

export type ApiGatewayUsage = { region: string; api: "http" | "rest"; requestsPerMonth: number };

export type AlbUsage = {
  region: string;
  /** ALB-hours in the month (partial hours bill as whole hours). Default 730. */
  hoursPerMonth?: number;
  requestsPerMonth: number;
  targetType: AlbTargetType;
  /** Average processed bytes per request (request + response). */
  bytesPerRequest: number;
  /** Listener rules evaluated per request (the first 10 are free). */
  rules: number;
  /** New connections per request (1 = no keep-alive). */
  newConnectionsPerRequest: number;
  /** Average connection lifetime in seconds. */
  connectionSeconds: number;
};

export type FrontDoorTraffic = {
  requestsPerMonth: number;
  hoursPerMonth?: number;
};

const MAX_REQUESTS = 1e13;

/** Requests in each API Gateway tier for a month's volume. */
export function splitApiGatewayTiers(api: "http" | "rest", requestsPerMonth: number): number[] {
  const ends = API_GATEWAY_TIER_ENDS[api];
  const slices: number[] = [];
  let start = 0;
  for (const end of ends) {
    slices.push(Math.max(0, Math.min(requestsPerMonth, end) - start));
    start = end;
  }
  slices.push(Math.max(0, requestsPerMonth - start));
  return slices;
}

const API_TIER_LABELS: Record<"http" | "rest", readonly string[]> = {
  http: ["first 300M", "over 300M"],
  rest: ["first 333M", "333M–1B", "1B–20B", "over 20B"],
};

/** API Gateway HTTP or REST API requests with monthly volume tiers (no 12-month free tier applied). */
export function computeApiGatewayBill(usage: ApiGatewayUsage, book: PriceBook = DEFAULT_PRICE_BOOK): Bill {
  assertRegion("region", usage.region);
  const api = assertOneOf("api", usage.api, ["http", "rest"] as const);
  assertNumberInRange("requestsPerMonth", usage.requestsPerMonth, 0, MAX_REQUESTS, "requests");
  const draft = createBillDraft(usage.region, book);
  const slices = splitApiGatewayTiers(api, usage.requestsPerMonth);
  slices.forEach((quantity, index) => {
    if (index > 0 && quantity <= 0) return;
    addRatedLine(draft, {
      item: `API Gateway ${api === "http" ? "HTTP API" : "REST API"} requests (${API_TIER_LABELS[api][index]})`,
      quantity,
      unit: "requests",
      service: "apigateway",
      component: "front-door",
      rateKey: `apigateway.${api}.tier-${index + 1}` as RateKey,
    });
  });
  return finishBill(draft);
}

type AlbLcuDimension = "new connections" | "active connections" | "processed bytes" | "rule evaluations";

/**
 * LCUs per (request per second) of each dimension. Every dimension is proportional to the request
 * rate, so an hour at `rps` bills `rps × max(coefficients)` LCUs, and a month bills
 * `requestsPerMonth / 3600 × max(coefficients)` LCU-hours whatever the hour-of-day shape (the model
 * uses hourly averages; bursts within an hour are not modelled).
 */
export function computeAlbLcuCoefficients(
  usage: Pick<
    AlbUsage,
    "targetType" | "bytesPerRequest" | "rules" | "newConnectionsPerRequest" | "connectionSeconds"
  >,
): Record<AlbLcuDimension, number> {
  return {
    "new connections": usage.newConnectionsPerRequest / ALB_LCU_NEW_CONNECTIONS_PER_SECOND,
    "active connections":
      (usage.newConnectionsPerRequest * usage.connectionSeconds) / ALB_LCU_ACTIVE_CONNECTIONS,
    "processed bytes":
      (usage.bytesPerRequest * SECONDS_PER_HOUR) /
      BYTES_PER_DECIMAL_GB /
      ALB_LCU_PROCESSED_GB_PER_HOUR[usage.targetType],
    "rule evaluations": Math.max(0, usage.rules - ALB_FREE_RULES) / ALB_LCU_RULE_EVALUATIONS_PER_SECOND,
  };
}

/** The billed dimension and LCUs per (request per second): the largest coefficient. */
export function computeAlbLcusPerRequestPerSecond(
  usage: Pick<
    AlbUsage,
    "targetType" | "bytesPerRequest" | "rules" | "newConnectionsPerRequest" | "connectionSeconds"
  >,
): { lcusPerRequestPerSecond: number; dimension: AlbLcuDimension } {
  const coefficients = computeAlbLcuCoefficients(usage);
  let dimension: AlbLcuDimension = "new connections";
  for (const candidate of Object.keys(coefficients) as AlbLcuDimension[]) {
    if (coefficients[candidate] > coefficients[dimension]) dimension = candidate;
  }
  return { lcusPerRequestPerSecond: coefficients[dimension], dimension };
}

function validateAlbUsage(usage: AlbUsage): void {
  assertRegion("region", usage.region);
  if (usage.hoursPerMonth !== undefined) {
    assertNumberInRange("hoursPerMonth", usage.hoursPerMonth, 0, MAX_HOURS_PER_MONTH, "hours");
  }
  assertNumberInRange("requestsPerMonth", usage.requestsPerMonth, 0, MAX_REQUESTS, "requests");
  assertOneOf("targetType", usage.targetType, ["lambda", "ip"] as const);
  assertNumberInRange("bytesPerRequest", usage.bytesPerRequest, 0, 1e9, "bytes");
  assertNumberInRange("rules", usage.rules, 0, 1000, "rules");
  assertNumberInRange(
    "newConnectionsPerRequest",
    usage.newConnectionsPerRequest,
    0,
    1,
    "connections per request",
  );
  assertNumberInRange("connectionSeconds", usage.connectionSeconds, 0, 7 * 24 * SECONDS_PER_HOUR, "seconds");
}

/**
 * Application Load Balancer: ALB-hours (partial hours bill as whole hours) plus LCU-hours, each
 * hour billing the largest of the four LCU dimensions.
 */
export function computeAlbBill(usage: AlbUsage, book: PriceBook = DEFAULT_PRICE_BOOK): Bill {
  validateAlbUsage(usage);
  const hoursPerMonth = Math.max(0, Math.ceil((usage.hoursPerMonth ?? HOURS_PER_MONTH) - 1e-9));
  const draft = createBillDraft(usage.region, book);
  const { lcusPerRequestPerSecond, dimension } = computeAlbLcusPerRequestPerSecond(usage);
  addRatedLine(draft, {
    item: "Application Load Balancer hours",
    quantity: hoursPerMonth,
    unit: "ALB-hours",
    service: "alb",
    component: "front-door",
    rateKey: "alb.hours",
  });
  addRatedLine(draft, {
    item: `Load balancer capacity units (billed on ${dimension})`,
    quantity: hoursPerMonth > 0 ? (usage.requestsPerMonth * lcusPerRequestPerSecond) / SECONDS_PER_HOUR : 0,
    unit: "LCU-hours",
    service: "alb",
    component: "front-door",
    rateKey: "alb.lcu",
  });
  return finishBill(draft);
}

/**
 * The front door in front of a workload, for the what-if: none, API Gateway (HTTP or REST) or an
 * ALB whose processed-bytes LCU depends on the target type (Lambda targets fill it 2.5× faster).
 */
export function computeFrontDoorBill(
  frontDoor: FrontDoor,
  traffic: FrontDoorTraffic,
  region: string,
  targetType: AlbTargetType,
  book: PriceBook = DEFAULT_PRICE_BOOK,
): Bill {
  assertRegion("region", region);
  switch (frontDoor.kind) {
    case "none":
      return finishBill(createBillDraft(region, book));
    case "http-api":
      return computeApiGatewayBill({ region, api: "http", requestsPerMonth: traffic.requestsPerMonth }, book);
    case "rest-api":
      return computeApiGatewayBill({ region, api: "rest", requestsPerMonth: traffic.requestsPerMonth }, book);
    case "alb":
      return computeAlbBill(
        {
          region,
          hoursPerMonth: traffic.hoursPerMonth,
          requestsPerMonth: traffic.requestsPerMonth,
          targetType,
          bytesPerRequest: frontDoor.bytesPerRequest,
          rules: frontDoor.rules,
          newConnectionsPerRequest: frontDoor.newConnectionsPerRequest,
          connectionSeconds: frontDoor.connectionSeconds,
        },
        book,
      );
    default: {
      const unknownKind: never = frontDoor;
      return assertOneOf("frontDoor.kind", (unknownKind as { kind: string }).kind, [
        "none",
        "http-api",
        "rest-api",
        "alb",
      ]) as never;
    }
  }
}
