import { expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import { toRangeWindow } from "@/lib/range";
import { SERVICES } from "@/lib/schemas/resource-kinds";
import { toListNames, useFixtureFleet } from "@/test/fleet-list-fixture";
import { getResourceDailyCost } from "./resource-reads";
import { getServiceDetail, getServiceFilterOptions, listServices } from "./services";
import { NOW, SVC } from "@/test/fleet-test-db";

/** The list's default query: the costliest first, page 1 of 50. */
const base = SERVICES.toListQuery(SERVICES.parseSearchParams({}));

describeForBothDatabases("services DAL", (getDatabase) => {
  const t = useFixtureFleet(getDatabase);
  const names = toListNames(listServices, base, t);

  it("sorts by cost (unknown last), task size, Spot share and utilisation", async () => {
    expect(await names({ sort: "cost", direction: "desc" })).toEqual(["web", "worker"]);
    expect(await names({ sort: "cost", direction: "asc" })).toEqual(["web", "worker"]);
    expect(await names({ sort: "size", direction: "desc" })).toEqual(["worker", "web"]);
    expect(await names({ sort: "spot", direction: "desc" })).toEqual(["web", "worker"]);
    expect(await names({ sort: "cpu", direction: "asc" })).toEqual(["web", "worker"]);
    expect(await names({ sort: "cluster", direction: "asc" })).toEqual(["worker", "web"]);
    expect(await names({ sort: "tasks", direction: "asc" })).toEqual(["worker", "web"]);
  });

  it("filters by capacity provider, cluster, search (name or cluster) and tag", async () => {
    expect(await names({ capacity: "spot" })).toEqual(["web"]);
    expect(await names({ capacity: "ondemand" })).toEqual(["worker"]);
    expect(await names({ cluster: "main" })).toEqual(["web"]);
    expect(await names({ q: "JOBS" })).toEqual(["worker"]);
    expect(await names({ tag: { key: "team", value: "payments" } })).toEqual(["web"]);
    expect(await names({ region: "eu-west-1", accountId: "222222222222" })).toEqual(["worker"]);
  });

  it("clamps a page past the end to the last page (the same paging as functions)", async () => {
    const list = await listServices(
      { ...base, sort: "name", direction: "asc", pageSize: 1, page: 999_999 },
      t.db,
    );
    expect(list.rows.map((r) => r.name)).toEqual(["worker"]);
    expect(list).toMatchObject({ page: 2, pageCount: 2, totalCount: 2, requestedPage: 999_999 });
    const none = await listServices({ ...base, q: "no-such-service", page: 5 }, t.db);
    expect(none).toMatchObject({ rows: [], totalCount: 0, page: 1 });
  });

  it("maps task size, Spot share and unknown utilisation", async () => {
    const list = await listServices(base, t.db);
    expect(list.totalCount).toBe(2);
    expect(list.totalCostUsd).toBe(100);
    expect(list.rows[0]).toMatchObject({
      name: "web",
      clusterName: "main",
      vcpu: 0.5,
      memoryMb: 1024,
      spotShare: 0.5,
      cpuUtilizationAvgPercent: 35.5,
      memoryUtilizationAvgPercent: 60,
      costUsd: 100,
    });
    expect(list.rows[1]).toMatchObject({
      name: "worker",
      costUsd: null,
      cpuUtilizationAvgPercent: null,
      spotShare: 0,
    });
  });

  it("lists filter options", async () => {
    const options = await getServiceFilterOptions(t.db);
    expect(options.clusters).toEqual(["jobs", "main"]);
    expect(options.regions).toEqual(["eu-west-1", "us-east-1"]);
  });

  it("returns a service with its history, or null", async () => {
    expect(await getServiceDetail("nope", t.db)).toBeNull();
    const web = (await getServiceDetail(SVC.web.id, t.db))!;
    expect(web).toMatchObject({ name: "web", vcpu: 0.5, spotShare: 0.5, desiredCount: 4 });
    expect(web.configHistory.map((c) => c.cpuUnits)).toEqual([256, 512]);
    expect(web.summary?.costUsd).toBe(100);
  });

  it("keeps the Spot usage type on the cost lines", async () => {
    const cost = await getResourceDailyCost(SVC.web.arn, toRangeWindow("30d", NOW), t.db);
    const spot = cost.lines.filter((l) => l.usageType.includes("SpotUsage"));
    expect(spot).toHaveLength(10);
    expect(spot.every((l) => l.component === "vcpu" && l.costUsd === 0.3)).toBe(true);
  });
});
