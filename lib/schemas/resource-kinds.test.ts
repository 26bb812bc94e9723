import { describe, expect, it } from "vitest";
import {
  FUNCTIONS,
  SERVICES,
  defineResourceKind,
  parseResourcePageSearchParams,
  type ResourceKindInfo,
} from "./resource-kinds";

describe("functions list URL", () => {
  it("defaults to the costliest first, page 1", () => {
    const state = FUNCTIONS.parseSearchParams({});
    expect(state).toMatchObject({ sort: "cost", page: 1 });
    expect(FUNCTIONS.toListQuery(state)).toMatchObject({
      sort: "cost",
      direction: "desc",
      page: 1,
      pageSize: 50,
    });
    expect(FUNCTIONS.toListHref(state)).toBe("/functions");
  });

  it("ignores invalid values instead of failing", () => {
    const state = FUNCTIONS.parseSearchParams({
      sort: "DROP TABLE",
      page: "-3",
      arch: "sparc",
      account: "12",
      region: "Mars",
      tag: "novalue",
      q: ["first", "second"],
    });
    expect(state).toEqual({ sort: "cost", page: 1, q: "first" });
  });

  it("parses filters, tag key=value and text sorts ascending by default", () => {
    const state = FUNCTIONS.parseSearchParams({
      region: "eu-west-1",
      account: "123456789012",
      runtime: "python3.13",
      arch: "arm64",
      tag: "team=pay=ments",
      sort: "name",
      page: "3",
    });
    expect(FUNCTIONS.toListQuery(state)).toMatchObject({
      region: "eu-west-1",
      accountId: "123456789012",
      runtime: "python3.13",
      architecture: "arm64",
      tag: { key: "team", value: "pay=ments" },
      sort: "name",
      direction: "asc",
      page: 3,
    });
  });

  it("does not carry another kind's filters into the query", () => {
    const query = FUNCTIONS.toListQuery(FUNCTIONS.parseSearchParams({ cluster: "main", capacity: "spot" }));
    expect(query).not.toHaveProperty("cluster");
    expect(query).not.toHaveProperty("capacity");
  });

  it("writes short URLs and flips the direction of the current sort column", () => {
    const state = FUNCTIONS.parseSearchParams({ region: "us-east-1", sort: "name", page: "2" });
    expect(FUNCTIONS.toListHref(state)).toBe("/functions?region=us-east-1&sort=name&page=2");
    const hrefs = FUNCTIONS.toSortHrefs(state);
    expect(hrefs.name).toBe("/functions?region=us-east-1&sort=name&dir=desc");
    expect(hrefs.cost).toBe("/functions?region=us-east-1");
    expect(hrefs.memory).toBe("/functions?region=us-east-1&sort=memory");
  });

  it("writes the filters in a fixed order whatever order the URL had", () => {
    const state = FUNCTIONS.parseSearchParams({ tag: "a=b", arch: "arm64", runtime: "image", q: "x" });
    expect(FUNCTIONS.toListHref(state)).toBe("/functions?q=x&runtime=image&arch=arm64&tag=a%3Db");
  });
});

describe("services list URL", () => {
  it("defaults and ignores invalid values", () => {
    const state = SERVICES.parseSearchParams({ capacity: "reserved", sort: "x", page: "0" });
    expect(state).toEqual({ sort: "cost", page: 1 });
    expect(SERVICES.toListQuery(state)).toMatchObject({ sort: "cost", direction: "desc", pageSize: 50 });
  });

  it("parses cluster and capacity and writes short URLs", () => {
    const state = SERVICES.parseSearchParams({ cluster: "main", capacity: "spot", sort: "cluster" });
    expect(SERVICES.toListQuery(state)).toMatchObject({
      cluster: "main",
      capacity: "spot",
      direction: "asc",
    });
    expect(SERVICES.toListHref(state)).toBe("/services?cluster=main&capacity=spot&sort=cluster");
    expect(SERVICES.toSortHrefs(state).cluster).toBe(
      "/services?cluster=main&capacity=spot&sort=cluster&dir=desc",
    );
  });

  it("ignores a function filter", () => {
    const state = SERVICES.parseSearchParams({ runtime: "python3.13" });
    expect(SERVICES.toListHref(state)).toBe("/services");
    expect(SERVICES.toListQuery(state)).not.toHaveProperty("runtime");
  });
});

describe("a kind description", () => {
  it("sorts by every column and by nothing else, numbers largest first", () => {
    for (const kind of [FUNCTIONS, SERVICES]) {
      expect(kind.sortKeys).toEqual(kind.columns.map((c) => c.key));
      const toSortHrefs = kind.toSortHrefs as (state: unknown) => Record<string, string>;
      const hrefs = toSortHrefs(kind.parseSearchParams({}));
      expect(Object.keys(hrefs).sort()).toEqual([...kind.sortKeys].sort());
      for (const column of kind.columns) {
        expect(kind.toDefaultDirection(column.key as never)).toBe(column.isNumeric ? "desc" : "asc");
      }
    }
    expect(FUNCTIONS.parseSearchParams({ sort: "cluster" }).sort).toBe("cost");
    expect(SERVICES.parseSearchParams({ sort: "cluster" }).sort).toBe("cluster");
  });

  it("writes a non-default direction and drops the default one", () => {
    expect(SERVICES.toListHref(SERVICES.parseSearchParams({ sort: "cpu", dir: "asc" }))).toBe(
      "/services?sort=cpu&dir=asc",
    );
    expect(SERVICES.toListHref(SERVICES.parseSearchParams({ sort: "cpu", dir: "desc" }))).toBe(
      "/services?sort=cpu",
    );
  });

  it("links to one resource, with the range unless it is the default", () => {
    expect(FUNCTIONS.toResourceHref("fn/a b")).toBe("/functions/fn%2Fa%20b");
    expect(FUNCTIONS.toResourceHref("x", "30d")).toBe("/functions/x");
    expect(SERVICES.toResourceHref("svc", "14d")).toBe("/services/svc?range=14d");
    expect(SERVICES.toTagHref("team", "pay ments")).toBe("/services?tag=team%3Dpay%20ments");
  });

  it("reads a resource page's range, the default for anything else", () => {
    expect(parseResourcePageSearchParams({})).toEqual({ range: "30d" });
    expect(parseResourcePageSearchParams({ range: ["14d", "90d"] })).toEqual({ range: "14d" });
    expect(parseResourcePageSearchParams({ range: "7d" })).toEqual({ range: "30d" });
  });

  it("derives everything from a new description", () => {
    const kind = defineResourceKind({
      noun: "queue",
      nounPlural: "queues",
      label: "SQS queue",
      basePath: "/queues",
      tableLabel: "SQS queues",
      listTitle: "Queues",
      listDescription: "Every SQS queue.",
      noneTitle: "No SQS queues",
      noneText: "None here.",
      columns: [
        { key: "name", label: "Queue" },
        { key: "messages", label: "Messages", isNumeric: true },
      ],
      defaultSort: "name",
      filters: {},
      filterOrder: ["q", "region"],
      pageSize: 20,
    });
    const info: ResourceKindInfo = kind;
    expect(info.basePath).toBe("/queues");
    const state = kind.parseSearchParams({ region: "eu-west-1", arch: "arm64", sort: "messages" });
    expect(kind.toListQuery(state)).toMatchObject({ sort: "messages", direction: "desc", pageSize: 20 });
    // arch is not one of this kind's link parameters, so a link leaves it out.
    expect(kind.toListHref(state)).toBe("/queues?region=eu-west-1&sort=messages");
    expect(kind.toSortHrefs(state).name).toBe("/queues?region=eu-west-1");
  });
});
