import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_BOOK } from "@/lib/pricing";
import { deriveEffectiveRates, toAccountPriceBook, type AccountRates } from "@/lib/pricing/effective-rates";
import { DEFAULT_WORKLOAD_INPUT, type WorkloadInput } from "@/lib/schemas/workload";
import { computeScenario } from "./compute-scenario";

/** An account whose bill shows Fargate Spot at $0.0121456 per vCPU-hour and $0.0013334 per GB-hour. */
const account: AccountRates = {
  accountId: "314159265358",
  accountName: "acme-prod",
  windowStart: "2026-10-02",
  windowEnd: "2026-11-01",
  rates: deriveEffectiveRates(
    [
      {
        region: "us-east-1",
        usageType: "USE1-SpotUsage-Fargate-vCPU-Hours:perCPU",
        costNanoUsd: 12_145_600_000n,
        usageQuantity: 1000,
        windowDays: 30,
      },
      {
        region: "us-east-1",
        usageType: "USE1-SpotUsage-Fargate-GB-Hours",
        costNanoUsd: 2_666_800_000n,
        usageQuantity: 2000,
        windowDays: 30,
      },
    ],
    DEFAULT_PRICE_BOOK,
  ),
};

const spotWorkload: WorkloadInput = {
  ...DEFAULT_WORKLOAD_INPUT,
  region: "us-east-1",
  isFargateSpot: true,
  pricesAccountId: account.accountId,
};

describe("the what-if with an account's rates from its bill", () => {
  it("prices Fargate Spot, which list prices leave unknown", () => {
    const list = computeScenario(spotWorkload);
    expect(list.result?.cheapestFargate).toBeNull();
    expect(list.result?.unknownRates).toContain("Fargate Spot Linux x86_64 vCPU rate for us-east-1");

    const billed = computeScenario(spotWorkload, toAccountPriceBook(DEFAULT_PRICE_BOOK, account));
    expect(billed.result?.priceVersion).toBe(`${DEFAULT_PRICE_BOOK.version}+bill:314159265358`);
    expect(billed.result?.cheapestFargate?.monthlyCostUsd).toBeGreaterThan(0);
    expect(billed.result?.unknownRates.join(" ")).not.toMatch(/x86_64 .*Spot|Spot Linux x86_64/);
    const vcpuLine = billed.result!.bills.cheapestFargate!.lines.find((line) => line.component === "vcpu")!;
    expect(vcpuLine.unitPriceUsd).toBeCloseTo(0.0121456, 9);
  });

  it("leaves Lambda at list prices when the bill only differs for Fargate Spot", () => {
    const list = computeScenario({ ...spotWorkload, isFargateSpot: false });
    const billed = computeScenario(
      { ...spotWorkload, isFargateSpot: false },
      toAccountPriceBook(DEFAULT_PRICE_BOOK, account),
    );
    expect(billed.result?.bills.current.totalUsd).toBe(list.result?.bills.current.totalUsd);
  });
});
