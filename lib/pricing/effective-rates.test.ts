import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_BOOK } from "./default-price-book";
import {
  BILL_SOURCE,
  applyEffectiveRates,
  deriveEffectiveRates,
  listBillRates,
  toRateKeyOfUsageType,
  type BilledUsageTotal,
} from "./effective-rates";
import { computeLambdaBill } from "./lambda";
import { getRate, getRateUsd } from "./price-book";

const book = DEFAULT_PRICE_BOOK;
const nanos = (usd: number) => BigInt(Math.round(usd * 1e9));

function total(region: string, usageType: string, costUsd: number, usageQuantity: number): BilledUsageTotal {
  return { region, usageType, costNanoUsd: nanos(costUsd), usageQuantity, windowDays: 30 };
}

describe("toRateKeyOfUsageType", () => {
  it.each([
    ["Request", "lambda.x86_64.requests"],
    ["EU-Request-ARM", "lambda.arm64.requests"],
    ["Lambda-GB-Second", "lambda.x86_64.duration.tier-1"],
    ["APS3-Lambda-GB-Second-ARM", "lambda.arm64.duration.tier-1"],
    ["EUW2-Lambda-Provisioned-Concurrency", "lambda.x86_64.provisioned-concurrency"],
    ["EUW2-Lambda-Provisioned-GB-Second-ARM", "lambda.arm64.provisioned-duration"],
    ["APN1-Lambda-Storage-GB-Second", "lambda.x86_64.ephemeral-storage"],
    ["USE1-Fargate-vCPU-Hours:perCPU", "fargate.linux.x86_64.vcpu"],
    ["EU-Fargate-ARM-GB-Hours", "fargate.linux.arm64.memory"],
    ["USE1-SpotUsage-Fargate-ARM-vCPU-Hours:perCPU", "fargate.spot.linux.arm64.vcpu"],
    ["USE1-SpotUsage-Fargate-GB-Hours", "fargate.spot.linux.x86_64.memory"],
    ["USE1-Fargate-Windows-vCPU-Hours:perCPU", "fargate.windows.x86_64.vcpu"],
    ["USE1-Fargate-Windows-OS-Hours:perCPU", "fargate.windows.x86_64.os-license"],
    ["USE1-Fargate-EphemeralStorage-GB-Hours", "fargate.ephemeral-storage"],
  ])("%s → %s", (usageType, key) => {
    expect(toRateKeyOfUsageType(usageType)).toBe(key);
  });

  it.each([
    "USE1-LoadBalancerUsage",
    "Lambda-Edge-GB-Second",
    "USE1-DataTransfer-Out-Bytes",
    "Lambda-SnapStart-Cache",
  ])("%s has no per-unit book rate", (usageType) => {
    expect(toRateKeyOfUsageType(usageType)).toBeNull();
  });
});

describe("deriveEffectiveRates", () => {
  const listDuration = getRateUsd(book, "us-east-1", "lambda.x86_64.duration.tier-1")!;
  const listRequests = getRateUsd(book, "us-east-1", "lambda.x86_64.requests")!;

  it("keeps list rates when the bill pays list (within the tolerance)", () => {
    const rates = deriveEffectiveRates(
      [
        total("us-east-1", "Lambda-GB-Second", 1_000_000 * listDuration, 1_000_000),
        total("us-east-1", "Request", 5_000_000 * listRequests * 0.998, 5_000_000),
      ],
      book,
    );
    expect(rates).toEqual([]);
  });

  it("finds private pricing: a rate more than 0.5 % under list", () => {
    const [rate, ...rest] = deriveEffectiveRates(
      [total("us-east-1", "Lambda-GB-Second", 2_000_000 * listDuration * 0.85, 2_000_000)],
      book,
    );
    expect(rest).toEqual([]);
    expect(rate).toMatchObject({
      region: "us-east-1",
      rateKey: "lambda.x86_64.duration.tier-1",
      basis: "below-list",
      listUsdPerUnit: listDuration,
      usageTypes: ["Lambda-GB-Second"],
    });
    expect(rate!.discountShare).toBeCloseTo(0.15, 6);
    expect(rate!.usdPerUnit).toBeCloseTo(listDuration * 0.85, 12);
  });

  it("fills rates the book lacks (Fargate Spot; another region's provisioned concurrency)", () => {
    expect(getRate(book, "eu-west-1", "lambda.x86_64.provisioned-concurrency")).toBeNull();
    const rates = deriveEffectiveRates(
      [
        total("us-east-1", "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU", 12.1456, 1000),
        total("us-east-1", "USE1-SpotUsage-Fargate-GB-Hours", 2.6668, 2000),
        total("eu-west-1", "EU-Lambda-Provisioned-Concurrency", 42, 10_000_000),
      ],
      book,
    );
    expect(rates.map((r) => [r.region, r.rateKey, r.basis, r.listUsdPerUnit])).toEqual([
      ["eu-west-1", "lambda.x86_64.provisioned-concurrency", "not-in-price-book", null],
      ["us-east-1", "fargate.spot.linux.x86_64.memory", "not-in-price-book", null],
      ["us-east-1", "fargate.spot.linux.x86_64.vcpu", "not-in-price-book", null],
    ]);
    expect(rates[0]!.usdPerUnit).toBeCloseTo(42 / 10_000_000, 15);
    expect(rates[2]!.usdPerUnit).toBeCloseTo(0.0121456, 12);
  });

  it("pools the usage types of one rate and skips lines without cost or quantity", () => {
    const rates = deriveEffectiveRates(
      [
        total("eu-west-1", "EU-Lambda-Provisioned-Concurrency", 10, 2_000_000),
        total("eu-west-1", "EUW1-Lambda-Provisioned-Concurrency", 30, 6_000_000),
        total("eu-west-1", "EU-Lambda-Provisioned-GB-Second", 0, 1_000),
        total("eu-west-1", "EU-Lambda-Storage-GB-Second", 1, 0),
      ],
      book,
    );
    expect(rates).toHaveLength(1);
    expect(rates[0]!.usageTypes).toEqual([
      "EU-Lambda-Provisioned-Concurrency",
      "EUW1-Lambda-Provisioned-Concurrency",
    ]);
    expect(rates[0]!.usdPerUnit).toBeCloseTo(40 / 8_000_000, 15);
  });

  it("does not read a blended rate beyond duration tier 1 as a discount", () => {
    // 7B GB-s a month at x86: past the 6B tier-1 end, so the billed average is below tier 1.
    const quantity = 7e9;
    const rates = deriveEffectiveRates(
      [total("us-east-1", "Lambda-GB-Second", quantity * listDuration * 0.97, quantity)],
      book,
    );
    expect(rates).toEqual([]);
  });
});

describe("applyEffectiveRates", () => {
  const listTier1 = getRateUsd(book, "us-east-1", "lambda.x86_64.duration.tier-1")!;
  const listTier2 = getRateUsd(book, "us-east-1", "lambda.x86_64.duration.tier-2")!;

  it("returns the book itself when nothing differs", () => {
    expect(applyEffectiveRates(book, [], { accountId: "111122223333", windowEnd: "2026-11-30" })).toBe(book);
  });

  it("labels bill rates, scales the duration tiers, and leaves the shared book untouched", () => {
    const rates = deriveEffectiveRates(
      [
        total("us-east-1", "Lambda-GB-Second", 1_000_000 * listTier1 * 0.8, 1_000_000),
        total("eu-west-1", "EU-Lambda-Provisioned-Concurrency", 42, 10_000_000),
      ],
      book,
    );
    const accountBook = applyEffectiveRates(book, rates, {
      accountId: "111122223333",
      windowEnd: "2026-11-30",
    });
    expect(accountBook.version).toBe(`${book.version}+bill:111122223333`);
    expect(accountBook.sources[BILL_SOURCE]?.note).toContain("111122223333");
    const tier1 = getRate(accountBook, "us-east-1", "lambda.x86_64.duration.tier-1")!;
    expect(tier1).toMatchObject({
      source: BILL_SOURCE,
      confidence: "bill",
      unit: "GB-s",
      retrievedOn: "2026-11-30",
    });
    expect(tier1.usd).toBeCloseTo(listTier1 * 0.8, 12);
    expect(getRateUsd(accountBook, "us-east-1", "lambda.x86_64.duration.tier-2")).toBeCloseTo(
      listTier2 * 0.8,
      12,
    );
    expect(getRateUsd(accountBook, "us-east-1", "lambda.x86_64.requests")).toBe(
      getRateUsd(book, "us-east-1", "lambda.x86_64.requests"),
    );
    expect(getRateUsd(accountBook, "eu-west-1", "lambda.x86_64.provisioned-concurrency")).toBeCloseTo(
      4.2e-6,
      15,
    );
    expect(listBillRates(accountBook, "us-east-1")).toEqual([
      "lambda.x86_64.duration.tier-1",
      "lambda.x86_64.duration.tier-2",
      "lambda.x86_64.duration.tier-3",
    ]);
    // The default book is shared by every request: it must not change.
    expect(getRate(book, "us-east-1", "lambda.x86_64.duration.tier-1")!.confidence).not.toBe("bill");
    expect(getRate(book, "eu-west-1", "lambda.x86_64.provisioned-concurrency")).toBeNull();
    expect(listBillRates(book, "us-east-1")).toEqual([]);
  });

  it("prices a bill with the account's rate: 20 % off duration takes 20 % off the duration line", () => {
    const rates = deriveEffectiveRates(
      [total("us-east-1", "Lambda-GB-Second", 1_000_000 * listTier1 * 0.8, 1_000_000)],
      book,
    );
    const accountBook = applyEffectiveRates(book, rates, {
      accountId: "111122223333",
      windowEnd: "2026-11-30",
    });
    const usage = {
      region: "us-east-1",
      architecture: "x86_64" as const,
      memoryMb: 1024,
      requestsPerMonth: 10_000_000,
      durationMs: 200,
      isFreeTierApplied: false,
    };
    const duration = (b: typeof book) =>
      computeLambdaBill(usage, b).lines.find((l) => l.component === "duration")!.costUsd!;
    expect(duration(accountBook)).toBeCloseTo(duration(book) * 0.8, 6);
  });
});
