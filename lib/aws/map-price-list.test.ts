import { describe, expect, it } from "vitest";
import lambdaFixture from "./__fixtures__/price-list-lambda-us-east-1.json";
import ecsFixture from "./__fixtures__/price-list-ecs-us-east-1.json";
import ecsFrankfurtFixture from "./__fixtures__/price-list-ecs-eu-central-1.json";
import elbFixture from "./__fixtures__/price-list-elb-us-east-1.json";
import apiFixture from "./__fixtures__/price-list-apigateway-us-east-1.json";
import { mapPriceList, mergePriceSnapshot, stripRegionPrefix } from "./map-price-list";
import { DEFAULT_PRICE_BOOK } from "@/lib/pricing/default-price-book";
import { mapPriceBook } from "@/lib/pricing/price-book";

type Fixture = { pages: { PriceList: string[] }[] };
const entriesOf = (...fixtures: Fixture[]) =>
  fixtures.flatMap((fixture) => fixture.pages.flatMap((page) => page.PriceList));

describe("mapPriceList", () => {
  const useast1 = mapPriceList(entriesOf(lambdaFixture, ecsFixture, elbFixture, apiFixture), "us-east-1");

  it("maps every Lambda, Fargate, ALB and API Gateway rate of the us-east-1 fixtures, without issues", () => {
    expect(useast1.issues).toEqual([]);
    expect(useast1.rates.map((rate) => rate.key)).toEqual([
      "lambda.x86_64.requests",
      "lambda.x86_64.duration.tier-1",
      "lambda.x86_64.duration.tier-2",
      "lambda.x86_64.duration.tier-3",
      "lambda.x86_64.ephemeral-storage",
      "lambda.x86_64.provisioned-concurrency",
      "lambda.x86_64.provisioned-duration",
      "lambda.arm64.requests",
      "lambda.arm64.duration.tier-1",
      "lambda.arm64.duration.tier-2",
      "lambda.arm64.duration.tier-3",
      "lambda.arm64.ephemeral-storage",
      "lambda.arm64.provisioned-concurrency",
      "lambda.arm64.provisioned-duration",
      "fargate.linux.x86_64.vcpu",
      "fargate.linux.x86_64.memory",
      "fargate.linux.arm64.vcpu",
      "fargate.linux.arm64.memory",
      "fargate.windows.x86_64.vcpu",
      "fargate.windows.x86_64.memory",
      "fargate.windows.x86_64.os-license",
      "fargate.ephemeral-storage",
      "apigateway.http.tier-1",
      "apigateway.http.tier-2",
      "apigateway.rest.tier-1",
      "apigateway.rest.tier-2",
      "apigateway.rest.tier-3",
      "apigateway.rest.tier-4",
      "alb.hours",
      "alb.lcu",
    ]);
  });

  it("agrees with the checked-in us-east-1 rates (docs/aws-facts.md §1.1, §2.1, §4)", () => {
    const book = DEFAULT_PRICE_BOOK.regions["us-east-1"]!.rates;
    for (const rate of useast1.rates) expect([rate.key, rate.usd]).toEqual([rate.key, book[rate.key]?.usd]);
  });

  it("ignores the $0 ECS-on-EC2 row, idle/Outposts ALB rows and free-tier rows", () => {
    const usageTypes = useast1.rates.map((rate) => rate.usageType);
    expect(usageTypes).not.toContain("USE1-ECS-EC2-vCPU-Hours");
    expect(usageTypes).not.toContain("USE1-IdleProvisionedLBCapacity");
    expect(usageTypes).not.toContain("USE1-Outposts-LoadBalancerUsage");
    const freeTier = JSON.stringify({
      serviceCode: "AWSLambda",
      product: {
        sku: "FREE",
        attributes: { location: "Any", usagetype: "Global-Request", group: "AWS-Lambda-Requests" },
      },
      terms: {
        OnDemand: {
          "FREE.T": { priceDimensions: { "FREE.T.R": { unit: "Requests", pricePerUnit: { USD: "0" } } } },
        },
      },
    });
    expect(mapPriceList([freeTier], "us-east-1")).toEqual({ rates: [], issues: [] });
  });

  it("strips region prefixes but matches usage types exactly", () => {
    expect(stripRegionPrefix("USE1-Fargate-GB-Hours")).toBe("Fargate-GB-Hours");
    expect(stripRegionPrefix("EU-Fargate-vCPU-Hours:perCPU")).toBe("Fargate-vCPU-Hours:perCPU");
    expect(stripRegionPrefix("APS3-LCUUsage")).toBe("LCUUsage");
    expect(stripRegionPrefix("Lambda-GB-Second")).toBe("Lambda-GB-Second");
    expect(stripRegionPrefix("SpotUsage-Fargate-GB-Hours")).toBe("SpotUsage-Fargate-GB-Hours");
  });

  it("fails closed on conflicting prices and reports them", () => {
    const frankfurt = mapPriceList(entriesOf(ecsFrankfurtFixture), "eu-central-1");
    expect(frankfurt.rates.map((rate) => [rate.key, rate.usd])).toEqual([
      ["fargate.linux.x86_64.vcpu", 0.04656],
      ["fargate.linux.x86_64.memory", 0.00511],
    ]);
    expect(frankfurt.issues).toHaveLength(1);
    expect(frankfurt.issues[0]?.message).toMatch(
      /fargate.ephemeral-storage has conflicting prices 0.000122 vs 0.00013/,
    );
  });

  it("reports entries of another region, bad JSON and unexpected shapes instead of guessing", () => {
    const wrongRegion = mapPriceList(entriesOf(ecsFixture), "eu-west-1");
    expect(wrongRegion.rates).toEqual([]);
    expect(wrongRegion.issues[0]?.message).toBe("regionCode us-east-1 is not eu-west-1");
    const broken = mapPriceList(
      [
        "{not json",
        JSON.stringify({
          serviceCode: "AmazonECS",
          product: { sku: "X1", attributes: {} },
          terms: {
            OnDemand: { a: { priceDimensions: { b: { unit: "hours", pricePerUnit: { USD: "-1" } } } } },
          },
        }),
      ],
      "us-east-1",
    );
    expect(broken.rates).toEqual([]);
    expect(broken.issues.map((issue) => issue.message)).toEqual([
      "PriceList entry is not valid JSON",
      expect.stringMatching(/^unexpected shape: terms.OnDemand.a.priceDimensions.b.pricePerUnit.USD/),
    ]);
  });
});

describe("mergePriceSnapshot", () => {
  it("replaces refreshed rates, carries the rest over with their provenance, and loads as a PriceBook", () => {
    const mapped = mapPriceList(entriesOf(ecsFrankfurtFixture), "eu-central-1").rates;
    const changedVcpu = mapped.map((rate) =>
      rate.key === "fargate.linux.x86_64.vcpu" ? { ...rate, usd: 0.05 } : rate,
    );
    const { book, changes } = mergePriceSnapshot(
      DEFAULT_PRICE_BOOK,
      { "eu-central-1": changedVcpu },
      "2026-12-01",
    );
    expect(book.version).toBe("aws-prices-2026-12-01");
    expect(() => mapPriceBook(book)).not.toThrow();
    const frankfurt = book.regions["eu-central-1"]!.rates;
    expect(frankfurt["fargate.linux.x86_64.vcpu"]).toEqual({
      usd: 0.05,
      unit: "vCPU-hour",
      source: "PRICE-LIST-API",
      retrievedOn: "2026-12-01",
      confidence: "price-list",
    });
    // A rate not refreshed keeps its old value and provenance.
    expect(frankfurt["lambda.x86_64.requests"]).toEqual(
      DEFAULT_PRICE_BOOK.regions["eu-central-1"]!.rates["lambda.x86_64.requests"],
    );
    // Nothing is invented for rates neither source has.
    expect(frankfurt["fargate.windows.x86_64.vcpu"]).toBeUndefined();
    expect(
      changes.find(
        (change) => change.key === "fargate.linux.x86_64.vcpu" && change.region === "eu-central-1",
      ),
    ).toMatchObject({
      status: "changed",
      previousUsd: 0.04656,
      usd: 0.05,
    });
    expect(
      changes.find(
        (change) => change.key === "fargate.linux.x86_64.memory" && change.region === "eu-central-1",
      )?.status,
    ).toBe("unchanged");
  });
});
