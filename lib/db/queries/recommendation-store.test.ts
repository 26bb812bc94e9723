/**
 * Stored recommendations on the demo fleet, through the real path (demo import → refresh at the
 * end of the import → list, totals, review), on SQLite and PostgreSQL: filters, sort and paging of
 * the list; totals that count each resource's largest saving once; status changes with history;
 * statuses surviving a recomputation; reopening when the saving moves; done by itself when the
 * synced configuration has the accepted proposal, with the billed saving since; removal of the
 * demo removing its items.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import { loadDemoFleet, removeDemoFleet } from "@/lib/demo/load";
import { DAYS_PER_MONTH } from "@/lib/pricing";
import type { RecommendationFilter, RecommendationListQuery } from "@/lib/schemas/recommendation-list";
import { getFleetAdvice } from "./recommendations";
import {
  getRecommendationEvents,
  getRefreshState,
  listAllRecommendations,
  listRecommendations,
  listResourceRecommendations,
} from "./recommendation-list";
import { changeRecommendationStatus, refreshRecommendations } from "./recommendation-store";

const AS_OF = new Date("2026-11-01T00:00:00.000Z");
const PROD = "314159265358";
const fnArn = (name: string) => `arn:aws:lambda:us-east-1:${PROD}:function:${name}`;

const query = (overrides: Partial<RecommendationListQuery> = {}): RecommendationListQuery => ({
  status: "todo",
  sort: "saving",
  direction: "desc",
  page: 1,
  pageSize: 50,
  ...overrides,
});

describeForBothDatabases("stored recommendations and their review", (getDatabase) => {
  const db = () => getDatabase().db;
  const findId = async (key: string): Promise<number> => {
    const row = await db().recommendation.findUnique({ where: { key }, select: { id: true } });
    if (!row) throw new Error(`no stored recommendation ${key}`);
    return row.id;
  };

  beforeAll(async () => {
    await loadDemoFleet(db(), { asOf: AS_OF });
  }, 180_000);

  describe("after the demo import", () => {
    it("stores every recommendation the engine computes, and says when", async () => {
      const fleet = await getFleetAdvice(db());
      const all = await listAllRecommendations({ status: "all" }, db());
      expect(all.items.map((i) => i.key).sort()).toEqual(fleet.recommendations.map((r) => r.id).sort());
      expect(all.totals.totalMonthlySavingUsd).toBeCloseTo(fleet.totalMonthlySavingUsd, 6);
      const state = await getRefreshState(db());
      expect(state).toMatchObject({ items: fleet.recommendations.length, isStale: false });
      const report = all.items.find((i) => i.key === `lambda-memory:${fnArn("report-builder")}`)!;
      expect(report).toMatchObject({
        status: "open",
        isCurrent: true,
        resourceName: "report-builder",
        href: expect.stringMatching(/^\/functions\/[^/]+$/),
        proposed: { memoryMb: 2048 },
      });
      expect(report.evidence.length).toBeGreaterThan(0);
    });

    it("totals count each resource's largest saving once; kind groups add up their items", async () => {
      const { items, totals } = await listAllRecommendations({ status: "todo" }, db());
      const largest = new Map<string, number>();
      for (const item of items)
        largest.set(
          item.resourceArn,
          Math.max(largest.get(item.resourceArn) ?? 0, item.monthlySavingUsd ?? 0),
        );
      const expected = [...largest.values()].reduce((s, v) => s + v, 0);
      expect(totals.totalMonthlySavingUsd).toBeCloseTo(expected, 6);
      expect(totals.byAccount.reduce((s, g) => s + g.monthlySavingUsd, 0)).toBeCloseTo(expected, 6);
      expect(totals.byRegion.reduce((s, g) => s + g.monthlySavingUsd, 0)).toBeCloseTo(expected, 6);
      expect(totals.byKind.reduce((s, g) => s + g.count, 0)).toBe(items.length);
      const memory = totals.byKind.find((g) => g.key === "lambda-memory")!;
      expect(memory.monthlySavingUsd).toBeCloseTo(
        items.filter((i) => i.kind === "lambda-memory").reduce((s, i) => s + (i.monthlySavingUsd ?? 0), 0),
        6,
      );
      expect(totals.count).toBe(items.length);
    });

    it("filters on the server: kind, account, confidence, minimum saving and name", async () => {
      const check = async (
        filter: Partial<RecommendationFilter>,
        predicate: (i: (typeof items)[number]) => boolean,
      ) => {
        const result = await listAllRecommendations({ status: "todo", ...filter }, db());
        expect(result.items.length).toBeGreaterThan(0);
        expect(result.items.every(predicate)).toBe(true);
        expect(result.items.length).toBe(items.filter(predicate).length);
      };
      const { items } = await listAllRecommendations({ status: "todo" }, db());
      await check({ kind: "lambda-arm64" }, (i) => i.kind === "lambda-arm64");
      await check({ accountId: PROD }, (i) => i.accountId === PROD);
      await check({ confidence: "high" }, (i) => i.confidence === "high");
      await check({ minSavingUsd: 100 }, (i) => (i.monthlySavingUsd ?? -1) >= 100);
      await check({ q: "ORDERS" }, (i) => i.resourceName.toLowerCase().includes("orders"));
      expect((await listAllRecommendations({ status: "todo", q: "no-such-name" }, db())).items).toEqual([]);
    });

    it("sorts and pages, clamping a page past the end", async () => {
      const byName = await listRecommendations(query({ sort: "name", direction: "asc", pageSize: 5 }), db());
      const names = byName.items.map((i) => i.resourceName);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const bySaving = await listRecommendations(query({ pageSize: 200 }), db());
      const savings = bySaving.items.map((i) => i.monthlySavingUsd).filter((v) => v !== null);
      expect(savings).toEqual([...savings].sort((a, b) => b - a));
      // Unknown savings sort last in both directions.
      const ascending = await listRecommendations(query({ direction: "asc", pageSize: 200 }), db());
      const firstUnknown = ascending.items.findIndex((i) => i.monthlySavingUsd === null);
      if (firstUnknown >= 0)
        expect(ascending.items.slice(firstUnknown).every((i) => i.monthlySavingUsd === null)).toBe(true);
      const past = await listRecommendations(query({ page: 999_999, pageSize: 5 }), db());
      expect(past.pageInfo).toMatchObject({ requestedPage: 999_999, page: past.pageInfo.pageCount });
      expect(past.items.length).toBeGreaterThan(0);
      expect(past.options.accounts.map((a) => a.id)).toContain(PROD);
    });
  });

  describe("the review workflow", () => {
    it("accepts, refuses a dismissal without a reason, dismisses with one, reopens, with history", async () => {
      const id = await findId(`lambda-arm64:${fnArn("shipping-quotes")}`);
      const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));
      const accepted = await changeRecommendationStatus(
        id,
        { status: "accepted" },
        "ana@example.com",
        db(),
        at(1),
      );
      expect(accepted.item).toMatchObject({ status: "accepted", statusActor: "ana@example.com" });
      await expect(
        changeRecommendationStatus(id, { status: "dismissed" }, "ana@example.com", db()),
      ).rejects.toMatchObject({ code: "VALIDATION" });
      await expect(
        changeRecommendationStatus(id, { status: "accepted" }, "ana@example.com", db()),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      const dismissed = await changeRecommendationStatus(
        id,
        { status: "dismissed", reason: "native wheels not built for arm64 yet" },
        "bo@example.com",
        db(),
        at(2),
      );
      expect(dismissed.item).toMatchObject({
        status: "dismissed",
        dismissReason: "native wheels not built for arm64 yet",
      });
      const reopened = await changeRecommendationStatus(
        id,
        { status: "open" },
        "ana@example.com",
        db(),
        at(3),
      );
      expect(reopened.item).toMatchObject({ status: "open", dismissReason: null });
      expect(reopened.events.map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([
        ["dismissed", "open", "ana@example.com"],
        ["accepted", "dismissed", "bo@example.com"],
        ["open", "accepted", "ana@example.com"],
      ]);
      await expect(
        changeRecommendationStatus(987_654, { status: "accepted" }, "x", db()),
      ).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(changeRecommendationStatus(id, { status: "done" }, "x", db())).rejects.toMatchObject({
        code: "CONFLICT",
      });
    });

    it("lets one of two simultaneous reviews of the same item through; the other gets 409", async () => {
      const id = await findId(`lambda-arm64:${fnArn("shipping-quotes")}`);
      const results = await Promise.allSettled([
        changeRecommendationStatus(id, { status: "accepted" }, "ana@example.com", db()),
        changeRecommendationStatus(id, { status: "accepted" }, "bo@example.com", db()),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const [rejected] = results.filter((r) => r.status === "rejected");
      expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
      const events = (await getRecommendationEvents([id], db())).get(id)!;
      expect(events.filter((e) => e.toStatus === "accepted" && e.fromStatus === "open")).toHaveLength(2);
      await changeRecommendationStatus(id, { status: "open" }, "ana@example.com", db());
    });

    it("keeps identity, status and history through a recomputation; the status filter sees them", async () => {
      const acceptedKey = `fargate-right-size:arn:aws:ecs:us-east-1:${PROD}:service/prod-core/reporting-engine`;
      const dismissedKey = `lambda-arm64:${fnArn("report-builder")}`;
      const acceptedId = await findId(acceptedKey);
      const dismissedId = await findId(dismissedKey);
      await changeRecommendationStatus(acceptedId, { status: "accepted" }, "ana@example.com", db());
      await changeRecommendationStatus(
        dismissedId,
        { status: "dismissed", reason: "owner says no" },
        "bo@example.com",
        db(),
      );
      const before = await getRecommendationEvents([acceptedId, dismissedId], db());

      const result = await refreshRecommendations(db());
      expect(result.statusChanges).toBe(0);
      expect(await findId(acceptedKey)).toBe(acceptedId);
      const after = await getRecommendationEvents([acceptedId, dismissedId], db());
      expect(after).toEqual(before);
      const dismissed = await listAllRecommendations({ status: "dismissed" }, db());
      expect(dismissed.items.map((i) => [i.key, i.dismissReason])).toEqual([[dismissedKey, "owner says no"]]);
      const todo = await listAllRecommendations({ status: "todo" }, db());
      expect(todo.items.some((i) => i.key === dismissedKey)).toBe(false);
      expect(todo.items.find((i) => i.key === acceptedKey)?.status).toBe("accepted");
    });

    it("reopens a decided item whose saving moved by more than the set share", async () => {
      const key = `lambda-arm64:${fnArn("report-builder")}`;
      // The decision was taken when the saving was four times today's: the numbers no longer hold.
      const row = await db().recommendation.findUniqueOrThrow({ where: { key } });
      expect(row.status).toBe("dismissed");
      await db().recommendation.update({
        where: { key },
        data: { decidedSavingUsd: (row.monthlySavingUsd ?? 1) * 4 },
      });
      const result = await refreshRecommendations(db());
      expect(result.statusChanges).toBe(1);
      const item = (await listResourceRecommendations(fnArn("report-builder"), db())).find(
        (i) => i.key === key,
      )!;
      expect(item).toMatchObject({ status: "open", statusActor: "breakeven", dismissReason: null });
      const [latest] = (await getRecommendationEvents([item.id], db())).get(item.id)!;
      expect(latest).toMatchObject({ fromStatus: "dismissed", toStatus: "open", actor: "breakeven" });
      expect(latest!.reason).toMatch(/monthly saving changed from \$[\d.]+ to \$[\d.]+/);
    });

    it("becomes done by itself when the synced memory matches the accepted proposal, with the billed saving since", async () => {
      const arn = fnArn("report-builder");
      const key = `lambda-memory:${arn}`;
      const id = await findId(key);
      await changeRecommendationStatus(id, { status: "accepted" }, "ana@example.com", db());
      const fn = await db().lambdaFunction.findUniqueOrThrow({ where: { arn } });
      // A sync finds the function at the proposed 2,048 MB since 2026-10-20, and the bill after it
      // is 40 % lower (the demo's lines priced at 1,024 MB, scaled here).
      const changedAt = new Date("2026-10-20T12:00:00Z");
      await db().lambdaFunction.update({ where: { arn }, data: { memoryMb: 2048 } });
      await db().lambdaConfigChange.create({
        data: {
          functionId: fn.id,
          effectiveAt: changedAt,
          memoryMb: 2048,
          architecture: fn.architecture,
          timeoutSeconds: fn.timeoutSeconds,
        },
      });
      const lines = await db().costLine.findMany({
        where: { resourceArn: arn, day: { gt: new Date("2026-10-20T23:59:59Z") } },
      });
      for (const line of lines) {
        await db().costLine.update({
          where: {
            accountId_region_service_usageType_recordType_resourceArn_day: {
              accountId: line.accountId,
              region: line.region,
              service: line.service,
              usageType: line.usageType,
              recordType: line.recordType,
              resourceArn: line.resourceArn,
              day: line.day,
            },
          },
          data: { amountNanoUsd: (line.amountNanoUsd * 6n) / 10n },
        });
      }
      const daily = await db().costLine.groupBy({
        by: ["day"],
        where: {
          resourceArn: arn,
          day: { gte: new Date("2026-09-19T00:00:00Z"), lt: new Date("2026-11-20T00:00:00Z") },
        },
        _sum: { amountNanoUsd: true },
        orderBy: { day: "asc" },
      });
      const usd = (nano: bigint | null) => Number(nano ?? 0n) / 1e9;
      const before = daily.filter((d) => d.day < new Date("2026-10-20T00:00:00Z")).slice(-30);
      const after = daily.filter((d) => d.day >= new Date("2026-10-21T00:00:00Z")).slice(0, 30);
      const avg = (rows: typeof daily) =>
        rows.reduce((s, d) => s + usd(d._sum.amountNanoUsd), 0) / rows.length;
      const expected = (avg(before) - avg(after)) * DAYS_PER_MONTH;
      expect(expected).toBeGreaterThan(0);

      await refreshRecommendations(db());
      const done = (await listAllRecommendations({ status: "done" }, db())).items.find((i) => i.key === key)!;
      expect(done).toMatchObject({
        status: "done",
        statusActor: "breakeven",
        appliedAt: changedAt.toISOString(),
      });
      expect(done.realisedMonthlySavingUsd).toBeCloseTo(expected, 6);
      const [latest] = (await getRecommendationEvents([id], db())).get(id)!;
      expect(latest).toMatchObject({ fromStatus: "accepted", toStatus: "done", actor: "breakeven" });
      // Still listed while the engine no longer proposes it.
      expect(done.isCurrent).toBe(false);
    });
  });

  it("removing the demo removes its recommendations and their history", async () => {
    await removeDemoFleet(db());
    expect(await db().recommendation.count()).toBe(0);
    expect(await db().recommendationEvent.count()).toBe(0);
    const empty = await listRecommendations(query(), db());
    expect(empty.items).toEqual([]);
    expect(empty.totals.totalMonthlySavingUsd).toBe(0);
  });
});
