/**
 * The demo fleet's planted cases (lib/demo/README.md, "Expected advice") get their expected
 * recommendation through the real path: demo rows → evidence loaded in SQL → lib/recommend. On
 * SQLite and PostgreSQL, whose hour-of-day and date SQL differ.
 */
import { beforeAll, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import { loadDemoFleet } from "@/lib/demo/load";
import { DEMO_FARGATE_SPOT_PRICE_FACTOR } from "@/lib/demo/cost-lines";
import { formatUnitPriceUsd } from "@/lib/format";
import { DEFAULT_PRICE_BOOK, getRateUsd } from "@/lib/pricing";
import type { FleetAdvice, Recommendation, RecommendationKind, ResourceAdvice } from "@/lib/recommend";
import { recommendationExportSchema } from "@/lib/schemas/recommendation";
import { runRecommend } from "@/lib/cli/recommend";
import type { RecommendationFilter } from "@/lib/schemas/recommendation-list";
import { listAllRecommendations } from "./recommendation-list";
import { getFleetAdvice, getFunctionAdvice, getServiceAdvice } from "./recommendations";
import { getDataCache } from "@/lib/db/data-version";
import { listAccountEffectiveRates } from "./effective-rates";
import { listLambdaEvidence } from "./recommend-evidence";

const AS_OF = new Date("2026-11-01T00:00:00.000Z");
const PROD = "314159265358";
const STAGING = "271828182845";

const functionArn = (name: string, region = "us-east-1", account = PROD) =>
  `arn:aws:lambda:${region}:${account}:function:${name}`;
const serviceArn = (cluster: string, name: string, region = "us-east-1", account = PROD) =>
  `arn:aws:ecs:${region}:${account}:service/${cluster}/${name}`;

/** Numbers to 9 significant digits: SQL sums in another order differ in the last bits. */
function roundDeep(value: unknown): unknown {
  if (typeof value === "number") return Number(value.toPrecision(9));
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, roundDeep(v)]));
  return value;
}

describeForBothDatabases("recommendations on the demo fleet", (getDatabase) => {
  let fleet: FleetAdvice;
  const adviceOf = (arn: string): ResourceAdvice => {
    const advice = fleet.advice.find((a) => a.resourceArn === arn);
    if (!advice) throw new Error(`no advice for ${arn}`);
    return advice;
  };
  const kindsOf = (arn: string): RecommendationKind[] =>
    adviceOf(arn)
      .recommendations.map((r) => r.kind)
      .sort();
  const find = (arn: string, kind: RecommendationKind): Recommendation => {
    const found = adviceOf(arn).recommendations.find((r) => r.kind === kind);
    if (!found) throw new Error(`${arn}: no ${kind}; got ${kindsOf(arn).join(", ") || "none"}`);
    return found;
  };

  beforeAll(async () => {
    const { db } = getDatabase();
    await loadDemoFleet(db, { asOf: AS_OF });
    fleet = await getFleetAdvice(db);
  }, 120_000);

  it("moves orders-api (steady, busy) to Fargate with at least two tasks behind an ALB", () => {
    const move = find(functionArn("orders-api"), "lambda-to-fargate");
    expect(move.proposed.tasks).toBeGreaterThanOrEqual(2);
    expect(move.confidence).toBe("high");
    expect(move.savingPercent!).toBeGreaterThan(0.2);
    expect(move.summary).toMatch(/^Move orders-api to Fargate: /);
  });

  it("leaves the staging copy of orders-api (test traffic) on Lambda", () => {
    expect(kindsOf(functionArn("orders-api", "us-east-1", STAGING))).not.toContain("lambda-to-fargate");
  });

  it("raises report-builder (CPU-bound, observed at three sizes) to 2,048 MB: cheaper and faster", () => {
    const memory = find(functionArn("report-builder"), "lambda-memory");
    expect(memory.proposed.memoryMb).toBe(2048);
    expect(memory.confidence).toBe("high");
    expect(memory.summary).toMatch(/^Raise report-builder to 2 GB .* faster\.$/);
    const curve = adviceOf(functionArn("report-builder")).curve!;
    expect(curve.observed.map((p) => p.memoryMb)).toEqual(expect.arrayContaining([1024, 2048]));
    const cost = (mb: number) => curve.points.find((p) => p.memoryMb === mb)!.costPerInvocationUsd!;
    expect(cost(2048)).toBeLessThan(cost(1024));
  });

  it("cuts catalog-api's provisioned concurrency (time-averaged utilisation far below break-even)", () => {
    const pc = find(functionArn("catalog-api"), "provisioned-concurrency");
    expect(["remove", "reduce", "schedule"]).toContain(pc.proposed.action);
    expect(pc.proposed.provisionedConcurrency).toBeLessThan(40);
    expect(pc.monthlySavingUsd!).toBeGreaterThan(100);
    expect(pc.confidence).toBe("high");
  });

  it("keeps payments-authorizer's provisioned concurrency, which pays for itself", () => {
    const advice = adviceOf(functionArn("payments-authorizer"));
    const pc = advice.recommendations.find((r) => r.kind === "provisioned-concurrency");
    if (pc) expect(pc.proposed.action).toBe("increase");
  });

  it("moves the arm64 candidate to arm64 and nothing else", () => {
    expect(kindsOf(functionArn("shipping-quotes"))).toEqual(["lambda-arm64"]);
    const arm = find(functionArn("shipping-quotes"), "lambda-arm64");
    expect(arm.savingPercent!).toBeGreaterThan(0.15);
    expect(arm.risks.join(" ")).toMatch(/Native dependencies/);
  });

  it("gives checkout-webhooks, already right, no advice", () => {
    const advice = adviceOf(functionArn("checkout-webhooks"));
    expect(advice.recommendations).toEqual([]);
    expect(advice.noAdvice?.status).toBe("right-sized");
  });

  it("says an idle function has nothing to tune", () => {
    expect(adviceOf(functionArn("legacy-report-mailer")).noAdvice?.status).toBe("not-applicable");
  });

  it("moves the idle prod admin-portal to Lambda and right-sizes the over-sized reporting-engine", () => {
    const move = find(serviceArn("prod-internal", "admin-portal", "eu-west-1"), "fargate-to-lambda");
    expect(move.savingPercent!).toBeGreaterThan(0.5);
    const rightSize = find(serviceArn("prod-core", "reporting-engine"), "fargate-right-size");
    expect(rightSize.proposed.vcpu).toBeLessThan(4);
    expect(rightSize.proposed.memoryGb).toBeLessThan(16);
  });

  it("keeps the well-used ledger-api as it is", () => {
    expect(adviceOf(serviceArn("prod-core", "ledger-api")).noAdvice?.status).toBe("right-sized");
  });

  it("moves the interruption-tolerant worker to Spot at the demo's billed Spot rate", () => {
    const spotAdvice = fleet.advice.find((a) => a.recommendations.some((r) => r.kind === "fargate-spot"))!;
    const spot = spotAdvice.recommendations.find((r) => r.kind === "fargate-spot")!;
    expect(spot.resourceName).toMatch(/notifications-worker/);
    expect(spot.evidence.find((e) => e.label === "Spot rate")!.value).toMatch(/demo's documented Spot rate/);
    const onDemandVcpu = getRateUsd(DEFAULT_PRICE_BOOK, "us-east-1", "fargate.linux.x86_64.vcpu")!;
    expect(spot.evidence.find((e) => e.label === "Spot rate")!.value).toContain(
      `${formatUnitPriceUsd(onDemandVcpu * DEMO_FARGATE_SPOT_PRICE_FACTOR)} per vCPU-hour`,
    );
    // 75 % of the tasks at 30 % of the price: 52.5 % saved.
    expect(spot.savingPercent!).toBeCloseTo(0.75 * (1 - DEMO_FARGATE_SPOT_PRICE_FACTOR), 2);
  });

  it("loads one function's evidence exactly as the fleet load does", async () => {
    const { db } = getDatabase();
    const arn = functionArn("fraud-scorer");
    const [single] = await listLambdaEvidence(db, { arns: [arn] });
    const fromFleet = (await listLambdaEvidence(db)).find((e) => e.resourceArn === arn);
    expect(roundDeep(single)).toEqual(roundDeep(fromFleet));
    expect(single!.observations.map((o) => o.memoryMb)).toEqual(expect.arrayContaining([512, 1024, 1536]));
    const function1 = await getFunctionAdvice(arn, db);
    expect(roundDeep(function1!.advice.recommendations)).toEqual(roundDeep(adviceOf(arn).recommendations));
    const service = await getServiceAdvice(serviceArn("prod-core", "reporting-engine"), db);
    expect(roundDeep(service!.advice)).toEqual(
      roundDeep(adviceOf(serviceArn("prod-core", "reporting-engine"))),
    );
    expect(await getFunctionAdvice("arn:aws:lambda:us-east-1:1:function:nope", db)).toBeNull();
  });

  it("the CLI exports the stored list as JSON that validates against the versioned schema", async () => {
    const { db } = getDatabase();
    const load = (filter: RecommendationFilter) => listAllRecommendations(filter, db);
    const result = await runRecommend(["--json", "--status", "all"], load);
    expect(result.exitCode).toBe(0);
    const parsed = recommendationExportSchema.parse(JSON.parse(result.stdout));
    // The import stored exactly what the engine computes now.
    expect(parsed.recommendations.map((r) => r.id).sort()).toEqual(
      fleet.recommendations.map((r) => r.id).sort(),
    );
    const savings = parsed.recommendations.map((r) => r.monthlySavingUsd ?? -1);
    expect(savings).toEqual([...savings].sort((a, b) => b - a));
    const table = await runRecommend([], load);
    expect(table.stdout).toMatch(/Move orders-api to Fargate/);
    const bad = await runRecommend(["--format", "xml"], load);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("on the demo, only the Spot rate comes from the bill: every other line is priced at list", async () => {
    const { db } = getDatabase();
    const byAccount = await listAccountEffectiveRates(db);
    const rates = [...byAccount.values()].flatMap((a) => a.rates);
    expect(rates.length).toBeGreaterThan(0);
    expect(rates.map((r) => r.rateKey).filter((key) => !key.startsWith("fargate.spot."))).toEqual([]);
    expect(rates.every((r) => r.basis === "not-in-price-book")).toBe(true);
  });

  // Last: it changes the demo's bill.
  it("prices an account that pays under list (private pricing) at its own rate, and says so", async () => {
    const { db } = getDatabase();
    const arn = functionArn("report-builder");
    const before = (await getFunctionAdvice(arn, db))!.advice.recommendations.find(
      (r) => r.kind === "lambda-memory",
    )!;
    expect(before.evidence.some((e) => e.label === "Prices")).toBe(false);
    // The prod account pays 20 % under list for x86 duration in us-east-1.
    await db.$executeRaw`UPDATE "CostLine" SET "amountNanoUsd" = "amountNanoUsd" * 4 / 5
      WHERE "accountId" = ${PROD} AND "usageType" = 'Lambda-GB-Second' AND "recordType" = 'Usage'`;
    // Changed behind an import's back: an import would move the data version the rates are cached by.
    getDataCache(db).clear();
    const prod = (await listAccountEffectiveRates(db)).get(PROD)!;
    const duration = prod.rates.find((r) => r.rateKey === "lambda.x86_64.duration.tier-1")!;
    expect(duration).toMatchObject({ region: "us-east-1", basis: "below-list" });
    expect(duration.discountShare!).toBeCloseTo(0.2, 3);
    expect(prod.book.regions["us-east-1"]!.rates["lambda.x86_64.duration.tier-1"]!.confidence).toBe("bill");
    expect((await listAccountEffectiveRates(db)).get(STAGING)!.rates.map((r) => r.rateKey)).not.toContain(
      "lambda.x86_64.duration.tier-1",
    );

    const afterAdvice = (await getFunctionAdvice(arn, db))!;
    // The function page's what-if link keeps these prices.
    expect(afterAdvice.pricesAccountId).toBe(PROD);
    const after = afterAdvice.advice.recommendations.find((r) => r.kind === "lambda-memory")!;
    expect(after.evidence.find((e) => e.label === "Prices")!.value).toMatch(
      /^from your bill: Lambda x86_64 duration rate \(tier 1\) for us-east-1/,
    );
    // Duration is most of this function's bill: at 80 % of the rate, both sides cost less.
    expect(after.currentMonthlyCostUsd!).toBeLessThan(before.currentMonthlyCostUsd! * 0.9);
    expect(after.proposedMonthlyCostUsd!).toBeLessThan(before.proposedMonthlyCostUsd! * 0.9);
    // The staging copy of a function is priced at list.
    const staging = await getFunctionAdvice(functionArn("orders-api", "us-east-1", STAGING), db);
    expect(staging!.advice.recommendations.flatMap((r) => r.evidence).some((e) => e.label === "Prices")).toBe(
      false,
    );
    // The stored list (what the page and exports read) uses the same book.
    const fleetAfter = await getFleetAdvice(db);
    const stored = fleetAfter.recommendations.find(
      (r) => r.resourceArn === arn && r.kind === "lambda-memory",
    )!;
    expect(stored.currentMonthlyCostUsd).toBeCloseTo(after.currentMonthlyCostUsd!, 9);
  });
});
