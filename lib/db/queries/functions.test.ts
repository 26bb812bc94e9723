import { describe, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import { toRangeWindow } from "@/lib/range";
import { FUNCTIONS } from "@/lib/schemas/resource-kinds";
import { toListNames, useFixtureFleet } from "@/test/fleet-list-fixture";
import {
  getFunctionDetail,
  getFunctionFilterOptions,
  getFunctionMemoryObservations,
  listFunctions,
} from "./functions";
import { getResourceDailyCost, getResourceMetrics } from "./resource-reads";
import { ACCOUNT_STAGING, FN, NOW } from "@/test/fleet-test-db";

/** The list's default query: the costliest first, page 1 of 50. */
const base = FUNCTIONS.toListQuery(FUNCTIONS.parseSearchParams({}));

describeForBothDatabases("functions DAL", (getDatabase) => {
  const t = useFixtureFleet(getDatabase);
  const names = toListNames(listFunctions, base, t);

  describe("listFunctions sorting", () => {
    it("sorts by 30-day cost, unknown cost last in both directions", async () => {
      expect(await names({ sort: "cost", direction: "desc" })).toEqual([
        "charlie",
        "alpha",
        "bravo",
        "Echo-Upper",
        "delta",
      ]);
      expect(await names({ sort: "cost", direction: "asc" })).toEqual([
        "Echo-Upper",
        "bravo",
        "alpha",
        "charlie",
        "delta",
      ]);
    });

    it("sorts names case-insensitively", async () => {
      expect(await names({ sort: "name", direction: "asc" })).toEqual([
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "Echo-Upper",
      ]);
      expect(await names({ sort: "name", direction: "desc" })).toEqual([
        "Echo-Upper",
        "delta",
        "charlie",
        "bravo",
        "alpha",
      ]);
    });

    it("sorts by cost per million invocations; none or unknown invocations go last, by name", async () => {
      // bravo $12 / 1M = $12 per M; alpha $30 / 3M = $10 per M; charlie had 0 invocations.
      expect(await names({ sort: "cpm", direction: "desc" })).toEqual([
        "bravo",
        "alpha",
        "charlie",
        "delta",
        "Echo-Upper",
      ]);
    });

    it("sorts by every other column", async () => {
      expect(await names({ sort: "invocations", direction: "desc" })).toEqual([
        "alpha",
        "bravo",
        "charlie",
        "delta",
        "Echo-Upper",
      ]);
      expect(await names({ sort: "memory", direction: "desc" })).toEqual([
        "charlie",
        "alpha",
        "bravo",
        "delta",
        "Echo-Upper",
      ]);
      expect(await names({ sort: "runtime", direction: "asc" })).toEqual([
        "alpha",
        "Echo-Upper",
        "bravo",
        "delta",
        "charlie",
      ]);
      expect(await names({ sort: "account", direction: "asc" })).toEqual([
        "alpha",
        "bravo",
        "Echo-Upper",
        "charlie",
        "delta",
      ]);
      expect(await names({ sort: "region", direction: "desc" })).toEqual([
        "alpha",
        "charlie",
        "delta",
        "Echo-Upper",
        "bravo",
      ]);
      expect(await names({ sort: "arch", direction: "asc" })).toEqual([
        "alpha",
        "delta",
        "bravo",
        "charlie",
        "Echo-Upper",
      ]);
      expect(await names({ sort: "p95", direction: "desc" })).toEqual([
        "bravo",
        "alpha",
        "charlie",
        "delta",
        "Echo-Upper",
      ]);
    });
  });

  describe("listFunctions filters", () => {
    it("filters by account, region, runtime, architecture", async () => {
      expect(await names({ accountId: ACCOUNT_STAGING })).toEqual(["charlie", "delta"]);
      expect(await names({ region: "eu-west-1" })).toEqual(["bravo"]);
      expect(await names({ runtime: "python3.13", sort: "name", direction: "asc" })).toEqual([
        "bravo",
        "delta",
      ]);
      expect(await names({ runtime: "image" })).toEqual(["charlie"]);
      expect(await names({ architecture: "arm64", sort: "name", direction: "asc" })).toEqual([
        "alpha",
        "delta",
      ]);
    });

    it("filters by tag key=value exactly, with LIKE wildcards taken literally", async () => {
      expect(await names({ tag: { key: "team", value: "payments" } })).toEqual(["alpha"]);
      expect(await names({ tag: { key: "100%", value: "a_b" } })).toEqual(["Echo-Upper"]);
      expect(await names({ tag: { key: "100%", value: "a%" } })).toEqual([]);
    });

    it("searches names case-insensitively, wildcards literal", async () => {
      expect(await names({ q: "ECHO" })).toEqual(["Echo-Upper"]);
      expect(await names({ q: "a", sort: "name", direction: "asc" })).toEqual([
        "alpha",
        "bravo",
        "charlie",
        "delta",
      ]);
      expect(await names({ q: "%" })).toEqual([]);
      expect(await names({ q: "_" })).toEqual([]);
    });

    it("combines filters and totals the matching functions' known cost", async () => {
      const list = await listFunctions({ ...base, region: "us-east-1", architecture: "x86_64" }, t.db);
      expect(list.rows.map((r) => r.name)).toEqual(["charlie", "Echo-Upper"]);
      expect(list.totalCount).toBe(2);
      expect(list.totalCostUsd).toBeCloseTo(50.5, 9);
    });
  });

  it("paginates with a stable order and reports the page count", async () => {
    const query = { ...base, sort: "name" as const, direction: "asc" as const, pageSize: 2 };
    const page1 = await listFunctions({ ...query, page: 1 }, t.db);
    const page3 = await listFunctions({ ...query, page: 3 }, t.db);
    expect(page1.rows.map((r) => r.name)).toEqual(["alpha", "bravo"]);
    expect(page3.rows.map((r) => r.name)).toEqual(["Echo-Upper"]);
    expect(page1.totalCount).toBe(5);
    expect(page1.pageCount).toBe(3);
    expect(page1).toMatchObject({ page: 1, requestedPage: 1 });
    expect(page1.totalCostUsd).toBeCloseTo(92.5, 9);
  });

  it("clamps a page past the end to the last page and says which page was asked for", async () => {
    const query = { ...base, sort: "name" as const, direction: "asc" as const, pageSize: 2 };
    for (const requestedPage of [4, 999_999]) {
      const list = await listFunctions({ ...query, page: requestedPage }, t.db);
      expect(list.rows.map((r) => r.name)).toEqual(["Echo-Upper"]);
      expect(list).toMatchObject({ page: 3, pageCount: 3, totalCount: 5, requestedPage });
    }
    // No match stays no match: nothing to clamp to, and the list says so.
    const none = await listFunctions({ ...query, q: "no-such-function", page: 999_999 }, t.db);
    expect(none.rows).toEqual([]);
    expect(none).toMatchObject({ totalCount: 0, page: 1, pageCount: 1 });
  });

  it("keeps unknown figures unknown, never 0", async () => {
    const rows = (await listFunctions(base, t.db)).rows;
    const delta = rows.find((r) => r.name === "delta")!;
    expect(delta).toMatchObject({
      costUsd: null,
      invocations: null,
      durationP95Ms: null,
      costPerMillionUsd: null,
    });
    expect(delta.dailyCostUsd).toEqual([]);
    const charlie = rows.find((r) => r.name === "charlie")!;
    expect(charlie).toMatchObject({ costUsd: 50, invocations: 0, costPerMillionUsd: null, runtime: null });
    const alpha = rows.find((r) => r.name === "alpha")!;
    expect(alpha).toMatchObject({
      accountName: "prod",
      costUsd: 30,
      invocations: 3_000_000,
      durationP95Ms: 120,
    });
    expect(alpha.costPerMillionUsd).toBeCloseTo(10, 9);
    expect(alpha.dailyCostUsd.slice(0, 3)).toEqual([null, null, 1.000000001]);
  });

  it("lists filter options from the fleet", async () => {
    const options = await getFunctionFilterOptions(t.db);
    expect(options.accounts.map((a) => a.name)).toEqual(["prod", "staging"]);
    expect(options.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(options.runtimes).toEqual(["nodejs22.x", "python3.13"]);
    expect(options.hasImageFunctions).toBe(true);
    expect(options.architectures).toEqual(["arm64", "x86_64"]);
  });

  describe("one function", () => {
    it("returns null for an unknown id", async () => {
      expect(await getFunctionDetail("no-such-function", t.db)).toBeNull();
    });

    it("returns configuration, history, provisioned concurrency and the 30-day summary", async () => {
      const detail = (await getFunctionDetail(FN.alpha.id, t.db))!;
      expect(detail).toMatchObject({
        name: "alpha",
        accountName: "prod",
        memoryMb: 1024,
        architecture: "arm64",
      });
      expect(detail.tags).toEqual({ team: "payments", env: "prod" });
      expect(detail.configHistory.map((c) => c.memoryMb)).toEqual([512, 1024]);
      expect(detail.provisionedConcurrency).toEqual([
        { qualifier: "live", requestedCount: 5, allocatedCount: 5, activeHoursPerDay: 24, status: "READY" },
      ]);
      expect(detail.summary?.costPerMillionUsd).toBeCloseTo(10, 9);
      expect((await getFunctionDetail(FN.delta.id, t.db))!.summary).toBeNull();
    });

    it("sums the day's cost lines per component exactly", async () => {
      const cost = await getResourceDailyCost(FN.alpha.arn, toRangeWindow("30d", NOW), t.db);
      const duration = cost.lines.filter((l) => l.component === "duration");
      expect(duration).toHaveLength(30);
      expect(duration.find((l) => l.day === "2026-11-22")!.costUsd).toBe(1.000000001);
      expect(cost.lines.some((l) => l.day === "2026-11-23")).toBe(false);
      expect(cost.coverage).toEqual({ fromBucket: "2026-08-01", toBucket: "2026-11-23" });
    });

    it("reads daily metrics for daily ranges and adds hourly points for the hourly range", async () => {
      const daily = await getResourceMetrics(FN.alpha.arn, toRangeWindow("30d", NOW), t.db);
      expect(
        daily
          .filter((p) => p.series === "Invocations/Sum")
          .map((p) => p.bucket)
          .sort(),
      ).toEqual(["2026-11-21", "2026-11-22"]);
      const hourly = await getResourceMetrics(FN.alpha.arn, toRangeWindow("14d", NOW), t.db);
      expect(
        hourly
          .filter((p) => p.granularity === "hour")
          .map((p) => `${p.bucket}=${p.value}`)
          .sort(),
      ).toEqual(["2026-11-23T08=4000", "2026-11-23T09=5000"]);
      expect(hourly.find((p) => p.series === "ProvisionedConcurrencyUtilization/Maximum")?.value).toBe(0.42);
    });

    it("reads memory observations per day", async () => {
      const obs = await getFunctionMemoryObservations(FN.alpha.arn, toRangeWindow("30d", NOW), t.db);
      expect(obs.map((o) => o.day)).toEqual(["2026-11-21", "2026-11-22"]);
      expect(obs[0]).toMatchObject({
        memoryMb: 1024,
        maxMemoryUsedMb: 300,
        coldStarts: 200,
        initDurationAvgMs: 500,
      });
    });
  });
});
