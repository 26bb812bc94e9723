import { describe, expect, it } from "vitest";
import { parseServicesSearchParams, toServiceListQuery, toServicesHref, toSortHrefs } from "./search-params";

describe("services search params", () => {
  it("defaults and ignores invalid values", () => {
    const state = parseServicesSearchParams({ capacity: "reserved", sort: "x", page: "0" });
    expect(state).toEqual({ sort: "cost", page: 1 });
    expect(toServiceListQuery(state)).toMatchObject({ sort: "cost", direction: "desc", pageSize: 50 });
  });

  it("parses cluster and capacity and writes short URLs", () => {
    const state = parseServicesSearchParams({ cluster: "main", capacity: "spot", sort: "cluster" });
    expect(toServiceListQuery(state)).toMatchObject({ cluster: "main", capacity: "spot", direction: "asc" });
    expect(toServicesHref(state)).toBe("/services?cluster=main&capacity=spot&sort=cluster");
    expect(toSortHrefs(state).cluster).toBe("/services?cluster=main&capacity=spot&sort=cluster&dir=desc");
  });
});
