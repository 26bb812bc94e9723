import type { GetCostAndUsageResponse } from "@aws-sdk/client-cost-explorer";
import { describe, expect, it } from "vitest";
import { toNanoUsd } from "@/lib/money";
import { COST_EXPLORER_SERVICES } from "@/lib/pricing/usage-types";
import fixture from "./__fixtures__/cost-explorer-get-cost-and-usage.json";
import type { CostExplorerLine, CostWindow } from "./map-cost-explorer";
import {
  UNKNOWN_SERVICE,
  mapCostAndUsage,
  planRecordTypeResolutions,
  planServiceResolutions,
  toCostAndUsageRequest,
  toServiceOfUsageType,
  toServiceResolutionRequest,
} from "./map-cost-explorer";

const ACCOUNT = "123456789012";
const WINDOW: CostWindow = { start: new Date("2026-10-30T00:00:00Z"), end: new Date("2026-11-03T00:00:00Z") };
// JSON holds the enum values as plain strings.
const main = fixture.main as unknown as GetCostAndUsageResponse[];
/** The answer of the one resolution query the main answer asks for (all three usage types). */
const RESOLUTION_PAGES = fixture.resolutions as unknown as GetCostAndUsageResponse[];
const { lambda: LAMBDA, ecs: ECS, apiGateway: API_GATEWAY, elb: ELB } = COST_EXPLORER_SERVICES;

function mapFixture() {
  const [resolution] = planServiceResolutions(main, WINDOW);
  return mapCostAndUsage(ACCOUNT, WINDOW, {
    main,
    resolutions: [{ resolution: resolution!, pages: RESOLUTION_PAGES }],
  });
}

/** One day of one group list, in the main query's keys (usage type, record type) or the resolution's. */
const page = (start: string, groups: [string, string, string][]): GetCostAndUsageResponse => ({
  ResultsByTime: [
    {
      TimePeriod: { Start: start, End: "2026-11-02" },
      Estimated: true,
      Groups: groups.map(([first, second, amount]) => ({
        Keys: [first, second],
        Metrics: { UnblendedCost: { Amount: amount, Unit: "USD" } },
      })),
    },
  ],
});

const find = (
  lines: CostExplorerLine[],
  day: string,
  service: string,
  usageType: string,
  recordType = "Usage",
) =>
  lines.filter(
    (line) =>
      line.day.toISOString().slice(0, 10) === day &&
      line.service === service &&
      line.usageType === usageType &&
      line.recordType === recordType,
  );

const one = (...args: Parameters<typeof find>) => {
  const found = find(...args);
  expect(found, JSON.stringify(args.slice(1))).toHaveLength(1);
  return found[0] as CostExplorerLine;
};

describe("GetCostAndUsage requests", () => {
  it("reads every line in one DAILY query: usage type × record type, for one linked account and the four services", () => {
    expect(toCostAndUsageRequest(ACCOUNT, WINDOW)).toEqual({
      // End is exclusive: the window is 2026-10-30 … 2026-11-02.
      TimePeriod: { Start: "2026-10-30", End: "2026-11-03" },
      Granularity: "DAILY",
      Filter: {
        And: [
          { Dimensions: { Key: "LINKED_ACCOUNT", Values: [ACCOUNT] } },
          { Dimensions: { Key: "SERVICE", Values: [LAMBDA, ECS, API_GATEWAY, ELB] } },
        ],
      },
      Metrics: ["UnblendedCost", "AmortizedCost", "UsageQuantity"],
      GroupBy: [
        { Type: "DIMENSION", Key: "USAGE_TYPE" },
        { Type: "DIMENSION", Key: "RECORD_TYPE" },
      ],
    });
  });

  it("asks one resolution query for every usage type that does not name its service", () => {
    const resolutions = planServiceResolutions(main, WINDOW);
    expect(resolutions).toEqual([
      {
        recordType: null,
        usageTypes: ["NoUsageType", "USE1-DataTransfer-Out-Bytes", "USE1-Mystery-Thing-Hours"],
        window: { start: new Date("2026-10-30T00:00:00Z"), end: new Date("2026-11-03T00:00:00Z") },
      },
    ]);
    expect(toServiceResolutionRequest(ACCOUNT, resolutions[0]!)).toEqual({
      TimePeriod: { Start: "2026-10-30", End: "2026-11-03" },
      Granularity: "DAILY",
      Filter: {
        And: [
          { Dimensions: { Key: "LINKED_ACCOUNT", Values: [ACCOUNT] } },
          { Dimensions: { Key: "SERVICE", Values: [LAMBDA, ECS, API_GATEWAY, ELB] } },
          {
            Dimensions: {
              Key: "USAGE_TYPE",
              Values: ["NoUsageType", "USE1-DataTransfer-Out-Bytes", "USE1-Mystery-Thing-Hours"],
            },
          },
        ],
      },
      Metrics: ["UnblendedCost", "AmortizedCost", "UsageQuantity"],
      GroupBy: [
        { Type: "DIMENSION", Key: "SERVICE" },
        { Type: "DIMENSION", Key: "USAGE_TYPE" },
      ],
    });
    // Its answer settles every day: no query per record type.
    expect(planRecordTypeResolutions(main, WINDOW, RESOLUTION_PAGES)).toEqual([]);
  });

  it("needs no resolution when every usage type names its service", () => {
    const known = main.map((page) => ({
      ...page,
      ResultsByTime: page.ResultsByTime?.map((result) => ({
        ...result,
        Groups: result.Groups?.filter((group) => toServiceOfUsageType(group.Keys?.[0] ?? "") !== null),
      })),
    }));
    expect(planServiceResolutions(known, WINDOW)).toEqual([]);
  });
});

describe("toServiceOfUsageType", () => {
  it.each([
    ["Lambda-GB-Second", LAMBDA],
    ["Request-ARM", LAMBDA],
    ["APS2-Lambda-Provisioned-Concurrency-ARM", LAMBDA],
    ["Global-Request", LAMBDA],
    ["Lambda-Quantum-GB-Second", LAMBDA], // a Lambda type Breakeven has never seen is still Lambda's
    ["USE1-Fargate-vCPU-Hours:perCPU", ECS],
    ["EU-SpotUsage-Fargate-ARM-GB-Hours", ECS],
    ["USE1-ApiGatewayHttpRequest", API_GATEWAY],
    ["EUC1-LCUUsage", ELB],
    ["USE1-LoadBalancerUsage", ELB],
  ])("%s → %s", (usageType, service) => {
    expect(toServiceOfUsageType(usageType)).toBe(service);
  });

  it.each(["USE1-DataTransfer-Out-Bytes", "NoUsageType", "", "USE1-ECS-EC2-vCPU-Hours", "RequestX"])(
    "%j says no service (resolved by a query, never guessed)",
    (usageType) => {
      expect(toServiceOfUsageType(usageType)).toBeNull();
    },
  );
});

describe("mapCostAndUsage (three pages, estimated days, Savings Plans, credits, refunds)", () => {
  it("keeps the decimal string AWS sent and its exact nano-USD, unblended and amortized", () => {
    const { lines } = mapFixture();
    const duration = one(lines, "2026-10-30", LAMBDA, "Lambda-GB-Second");
    expect(duration).toEqual({
      accountId: ACCOUNT,
      region: "us-east-1",
      service: LAMBDA,
      usageType: "Lambda-GB-Second",
      recordType: "Usage",
      resourceArn: "",
      day: new Date("2026-10-30T00:00:00Z"),
      component: "duration",
      amount: "12.3456789012",
      // 10 decimals → nano-USD, half-even: 12.345678901|2 → 12 345 678 901
      amountNanoUsd: 12_345_678_901n,
      amortizedAmount: "12.3456789012",
      amortizedNanoUsd: 12_345_678_901n,
      currency: "USD",
      usageQuantity: 740740.734,
      usageUnit: "Lambda-GB-Second",
      isEstimated: false,
      source: "cost-explorer",
    });
    // "1.2E-7" (exponent form) is 120 nano-USD; the string is kept as sent.
    const spot = one(lines, "2026-11-02", ECS, "USE1-SpotUsage-Fargate-GB-Hours");
    expect(spot).toMatchObject({ amount: "1.2E-7", amountNanoUsd: 120n, component: "memory" });
    const arm = one(lines, "2026-10-31", LAMBDA, "EU-Lambda-GB-Second-ARM");
    expect(arm).toMatchObject({ region: "eu-west-1", amount: "0.0000133334", amountNanoUsd: 13_333n });
  });

  it("keeps Savings Plans, credit and refund lines as their own record types", () => {
    const { lines } = mapFixture();
    const covered = one(
      lines,
      "2026-10-30",
      ECS,
      "USE1-Fargate-vCPU-Hours:perCPU",
      "SavingsPlanCoveredUsage",
    );
    const negation = one(lines, "2026-10-30", ECS, "USE1-Fargate-vCPU-Hours:perCPU", "SavingsPlanNegation");
    // Unblended: on-demand cost and its negation cancel out. Amortized: what the plan costs.
    expect(covered.amountNanoUsd + negation.amountNanoUsd).toBe(0n);
    expect((covered.amortizedNanoUsd ?? 0n) + (negation.amortizedNanoUsd ?? 0n)).toBe(1_748_736_000n);
    expect(covered).toMatchObject({ component: "vcpu", usageQuantity: 72, usageUnit: "Hrs" });
    expect(negation).toMatchObject({ amount: "-2.91456", usageQuantity: 0, usageUnit: null });
    expect(one(lines, "2026-11-02", LAMBDA, "Lambda-GB-Second", "Refund")).toMatchObject({
      amountNanoUsd: -100_000_000n,
      component: "duration",
    });
    // The credit had no usage type: the resolution query split it by service, exactly.
    const credits = find(lines, "2026-10-31", LAMBDA, "NoUsageType", "Credit").concat(
      find(lines, "2026-10-31", ECS, "NoUsageType", "Credit"),
    );
    expect(credits.map((line) => [line.service, line.amountNanoUsd, line.region, line.component])).toEqual([
      [LAMBDA, -3_000_000_000n, "global", "other"],
      [ECS, -2_000_000_000n, "global", "other"],
    ]);
  });

  it("splits usage types several services bill (data transfer) through the resolution query", () => {
    const { lines } = mapFixture();
    expect(one(lines, "2026-10-30", LAMBDA, "USE1-DataTransfer-Out-Bytes").amountNanoUsd).toBe(150_000_000n);
    expect(one(lines, "2026-10-30", API_GATEWAY, "USE1-DataTransfer-Out-Bytes").amountNanoUsd).toBe(
      300_000_000n,
    );
    expect(find(lines, "2026-10-30", UNKNOWN_SERVICE, "USE1-DataTransfer-Out-Bytes")).toEqual([]);
  });

  it("keeps usage types Breakeven has never seen, as component other", () => {
    const { lines } = mapFixture();
    expect(one(lines, "2026-11-02", LAMBDA, "Lambda-Quantum-GB-Second")).toMatchObject({
      component: "other",
      amountNanoUsd: 750_000_000n,
    });
    expect(one(lines, "2026-11-02", ECS, "USE1-Mystery-Thing-Hours")).toMatchObject({
      component: "other",
      region: "us-east-1",
      amountNanoUsd: 500_000_000n,
    });
  });

  it("marks the days AWS still estimates, joins a day spread over two pages, and loses no money", () => {
    const { lines, days } = mapFixture();
    expect(days.map((day) => [day.day.toISOString().slice(0, 10), day.isEstimated])).toEqual([
      ["2026-10-30", false],
      ["2026-10-31", false],
      ["2026-11-01", true],
      ["2026-11-02", true],
    ]);
    for (const line of lines) expect(line.isEstimated).toBe(line.day >= new Date("2026-11-01T00:00:00Z"));
    // 2026-10-31 is on pages 1 and 2: both halves are there.
    expect(find(lines, "2026-10-31", LAMBDA, "Lambda-GB-Second")).toHaveLength(1);
    expect(find(lines, "2026-10-31", LAMBDA, "EU-Lambda-GB-Second-ARM")).toHaveLength(1);
    expect(lines).toHaveLength(17);
    // Each day's lines add up to the main query's groups, to the nano-dollar.
    for (const { day } of days) {
      const start = day.toISOString().slice(0, 10);
      const billed = main
        .flatMap((page) => page.ResultsByTime ?? [])
        .filter((result) => result.TimePeriod?.Start === start)
        .flatMap((result) => result.Groups ?? [])
        .reduce((sum, group) => sum + toNanoUsd(group.Metrics?.UnblendedCost?.Amount ?? "0"), 0n);
      const mapped = lines
        .filter((line) => line.day.getTime() === day.getTime())
        .reduce((sum, line) => sum + line.amountNanoUsd, 0n);
      expect(mapped, start).toBe(billed);
    }
  });

  it("keeps a group whole under service unknown when the resolution does not add up to it", () => {
    // The split lacks the credit and half of the data transfer.
    const partial = RESOLUTION_PAGES.map((resolved) => ({
      ...resolved,
      ResultsByTime: resolved.ResultsByTime?.map((result) => ({
        ...result,
        Groups: result.Groups?.filter(
          (group) => group.Keys?.[0] === ECS && group.Keys?.[1] !== "NoUsageType",
        ),
      })),
    }));
    const [resolution] = planServiceResolutions(main, WINDOW);
    const { lines } = mapCostAndUsage(ACCOUNT, WINDOW, {
      main,
      resolutions: [{ resolution: resolution!, pages: partial }],
    });
    expect(one(lines, "2026-10-31", UNKNOWN_SERVICE, "NoUsageType", "Credit").amountNanoUsd).toBe(
      -5_000_000_000n,
    );
    expect(one(lines, "2026-10-30", UNKNOWN_SERVICE, "USE1-DataTransfer-Out-Bytes").amountNanoUsd).toBe(
      450_000_000n,
    );
    expect(find(lines, "2026-10-30", API_GATEWAY, "USE1-DataTransfer-Out-Bytes")).toEqual([]);
    expect(one(lines, "2026-11-02", ECS, "USE1-Mystery-Thing-Hours").amountNanoUsd).toBe(500_000_000n);
  });

  describe("a usage type with several record types on one day", () => {
    const DAY = "2026-11-01";
    const main1 = [
      page(DAY, [
        ["USE1-DataTransfer-Out-Bytes", "Usage", "0.45"],
        ["USE1-DataTransfer-Out-Bytes", "Credit", "-0.05"],
      ]),
    ];
    const [combined] = planServiceResolutions(main1, WINDOW);

    it("one service: each record type's line is that service's", () => {
      const split = [page(DAY, [[API_GATEWAY, "USE1-DataTransfer-Out-Bytes", "0.40"]])];
      expect(planRecordTypeResolutions(main1, WINDOW, split)).toEqual([]);
      const { lines } = mapCostAndUsage(ACCOUNT, WINDOW, {
        main: main1,
        resolutions: [{ resolution: combined!, pages: split }],
      });
      expect(lines.map((line) => [line.service, line.recordType, line.amountNanoUsd])).toEqual([
        [API_GATEWAY, "Credit", -50_000_000n],
        [API_GATEWAY, "Usage", 450_000_000n],
      ]);
    });

    it("several services: one query per record type settles it, exactly", () => {
      const split = [
        page(DAY, [
          [LAMBDA, "USE1-DataTransfer-Out-Bytes", "0.10"],
          [API_GATEWAY, "USE1-DataTransfer-Out-Bytes", "0.30"],
        ]),
      ];
      const planned = planRecordTypeResolutions(main1, WINDOW, split);
      const oneDay = { start: new Date(`${DAY}T00:00:00Z`), end: new Date("2026-11-02T00:00:00Z") };
      expect(planned).toEqual([
        { recordType: "Credit", usageTypes: ["USE1-DataTransfer-Out-Bytes"], window: oneDay },
        { recordType: "Usage", usageTypes: ["USE1-DataTransfer-Out-Bytes"], window: oneDay },
      ]);
      expect(toServiceResolutionRequest(ACCOUNT, planned[0]!).Filter?.And).toContainEqual({
        Dimensions: { Key: "RECORD_TYPE", Values: ["Credit"] },
      });
      const { lines } = mapCostAndUsage(ACCOUNT, WINDOW, {
        main: main1,
        resolutions: [
          { resolution: combined!, pages: split },
          { resolution: planned[0]!, pages: [page(DAY, [[LAMBDA, "USE1-DataTransfer-Out-Bytes", "-0.05"]])] },
          {
            resolution: planned[1]!,
            pages: [
              page(DAY, [
                [LAMBDA, "USE1-DataTransfer-Out-Bytes", "0.15"],
                [API_GATEWAY, "USE1-DataTransfer-Out-Bytes", "0.30"],
              ]),
            ],
          },
        ],
      });
      expect(lines.map((line) => [line.service, line.recordType, line.amountNanoUsd])).toEqual([
        [LAMBDA, "Credit", -50_000_000n],
        [LAMBDA, "Usage", 150_000_000n],
        [API_GATEWAY, "Usage", 300_000_000n],
      ]);
    });
  });

  it("ignores days outside the window", () => {
    const narrow = { start: new Date("2026-11-01T00:00:00Z"), end: new Date("2026-11-02T00:00:00Z") };
    const { lines, days } = mapCostAndUsage(ACCOUNT, narrow, { main, resolutions: [] });
    expect(days).toEqual([{ day: narrow.start, isEstimated: true }]);
    expect(lines.map((line) => line.usageType).sort()).toEqual([
      "Lambda-GB-Second",
      "USE1-ApiGatewayHttpRequest",
      "USE1-LCUUsage",
    ]);
  });

  it("refuses an answer it cannot read exactly instead of guessing", () => {
    const page = (group: object): GetCostAndUsageResponse[] => [
      {
        ResultsByTime: [
          { TimePeriod: { Start: "2026-11-01", End: "2026-11-02" }, Groups: [group], Estimated: true },
        ],
      },
    ];
    const usd = (amount: string, unit = "USD") => ({ UnblendedCost: { Amount: amount, Unit: unit } });
    const map = (group: object) => () =>
      mapCostAndUsage(ACCOUNT, WINDOW, { main: page(group), resolutions: [] });
    expect(map({ Keys: ["Request", "Usage"], Metrics: usd("1,5") })).toThrow(/not a decimal amount/);
    expect(map({ Keys: ["Request", "Usage"], Metrics: usd("1.5", "EUR") })).toThrow(/USD only/);
    expect(map({ Keys: ["Request"], Metrics: usd("1.5") })).toThrow(/1 keys for 2 GroupBy/);
    expect(map({ Keys: ["Request", "Usage"], Metrics: {} })).toThrow(/no UnblendedCost/);
    expect(
      map({
        Keys: ["Request", "Usage"],
        Metrics: { ...usd("1"), UsageQuantity: { Amount: "x", Unit: "Requests" } },
      }),
    ).toThrow(/UsageQuantity/);
  });
});
