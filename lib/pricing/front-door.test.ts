import { describe, expect, it } from "vitest";
import { computeAlbBill, computeApiGatewayBill, computeFrontDoorBill } from "./front-door";

describe("Application Load Balancer", () => {
  // ALB-1: the ELB pricing page example (https://aws.amazon.com/elasticloadbalancing/pricing/, as reproduced
  // by ≥ 4 public notes; docs/aws-facts.md §4.2, read 2026-09-20). 30-day month.
  it("ALB-1: $22.42", () => {
    // 5 requests/s × 3,600 × 720 h = 12,960,000 requests; 300 KB/s = 60,000 bytes per request.
    // Dimensions: new connections 1/25 = 0.04; active 1 × 120 s / 3,000 = 0.04;
    // bytes 300,000 B/s × 3,600 / 10⁹ = 1.08 GB/h = 1.08 LCU; rules 5 × (60 − 10) / 1,000 = 0.25 → bill 1.08.
    // ALB 720 h × $0.0225 = $16.20; LCU 1.08 × 720 h × $0.008 = $6.2208. Total $22.4208 → $22.42
    const bill = computeAlbBill({
      region: "us-east-1",
      hoursPerMonth: 720,
      requestsPerMonth: 5 * 3600 * 720,
      targetType: "ip",
      bytesPerRequest: 60_000,
      rules: 60,
      newConnectionsPerRequest: 0.2,
      connectionSeconds: 120,
    });
    expect(bill.lines[0]?.costUsd).toBeCloseTo(16.2, 9);
    expect(bill.lines[1]?.quantity).toBeCloseTo(777.6, 9);
    expect(bill.lines[1]?.item).toMatch(/processed bytes/);
    expect(bill.totalUsd).toBeCloseTo(22.42, 2);
  });

  it("Lambda targets fill the bytes dimension 2.5× faster (0.4 GB/h per LCU)", () => {
    // Same traffic, Lambda target: 1.08 / 0.4 = 2.7 LCU × 720 h × $0.008 = $15.552 + $16.20 = $31.752
    const bill = computeAlbBill({
      region: "us-east-1",
      hoursPerMonth: 720,
      requestsPerMonth: 5 * 3600 * 720,
      targetType: "lambda",
      bytesPerRequest: 60_000,
      rules: 60,
      newConnectionsPerRequest: 0.2,
      connectionSeconds: 120,
    });
    expect(bill.totalUsd).toBeCloseTo(31.752, 9);
  });

  it("bills rule evaluations beyond the first 10 when they dominate", () => {
    // 100 rps, 1 KB each, 110 rules: rules 100 × 100 / 1,000 = 10 LCU; bytes 0.36 LCU → 10 LCU × 730 h × $0.008 = $58.40
    const bill = computeAlbBill({
      region: "us-east-1",
      requestsPerMonth: 100 * 3600 * 730,
      targetType: "ip",
      bytesPerRequest: 1000,
      rules: 110,
      newConnectionsPerRequest: 0.01,
      connectionSeconds: 1,
    });
    expect(bill.lines[1]?.costUsd).toBeCloseTo(58.4, 9);
    expect(bill.lines[1]?.item).toMatch(/rule evaluations/);
  });
});

describe("API Gateway", () => {
  it.each([
    // [api, requests, expected USD, maths]
    ["http", 100e6, 100, "100M × $1.00/M"],
    ["http", 432e6, 300 + 132 * 0.9, "300M × $1.00/M + 132M × $0.90/M = $418.80 (the page's 132M overage)"],
    ["rest", 333e6, 333 * 3.5, "333M × $3.50/M = $1,165.50"],
    [
      "rest",
      1.5e9,
      333 * 3.5 + 667 * 2.8 + 500 * 2.38,
      "$1,165.50 + 667M × $2.80/M + 500M × $2.38/M = $4,222.10",
    ],
    ["rest", 21e9, 333 * 3.5 + 667 * 2.8 + 19_000 * 2.38 + 1000 * 1.51, "… + 19B × $2.38/M + 1B × $1.51/M"],
  ] as const)("%s API, %d requests", (api, requestsPerMonth, expectedUsd, _maths) => {
    const bill = computeApiGatewayBill({ region: "us-east-1", api, requestsPerMonth });
    expect(bill.totalUsd).toBeCloseTo(expectedUsd, 6);
  });

  it("tiers are continuous at their thresholds", () => {
    const below = computeApiGatewayBill({ region: "us-east-1", api: "rest", requestsPerMonth: 333e6 - 1 });
    const above = computeApiGatewayBill({ region: "us-east-1", api: "rest", requestsPerMonth: 333e6 + 1 });
    expect(Math.abs((above.totalUsd ?? 0) - (below.totalUsd ?? 0))).toBeLessThan(1e-5);
  });

  it("regions without API Gateway rates in the book are unknown", () => {
    const bill = computeFrontDoorBill({ kind: "http-api" }, { requestsPerMonth: 1e6 }, "sa-east-1", "lambda");
    expect(bill.totalUsd).toBeNull();
    expect(bill.unknownRates).toEqual(["API Gateway HTTP API request rate (tier-1) for sa-east-1"]);
  });

  it("no front door costs nothing", () => {
    const bill = computeFrontDoorBill({ kind: "none" }, { requestsPerMonth: 1e9 }, "us-east-1", "ip");
    expect(bill).toMatchObject({ lines: [], totalUsd: 0, unknownRates: [] });
  });
});
