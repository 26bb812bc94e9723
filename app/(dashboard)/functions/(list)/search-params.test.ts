import { describe, expect, it } from "vitest";
import {
  parseFunctionsSearchParams,
  toFunctionListQuery,
  toFunctionsHref,
  toSortHrefs,
} from "./search-params";

describe("functions search params", () => {
  it("defaults to the costliest first, page 1", () => {
    const state = parseFunctionsSearchParams({});
    expect(state).toMatchObject({ sort: "cost", page: 1 });
    expect(toFunctionListQuery(state)).toMatchObject({
      sort: "cost",
      direction: "desc",
      page: 1,
      pageSize: 50,
    });
    expect(toFunctionsHref(state)).toBe("/functions");
  });

  it("ignores invalid values instead of failing", () => {
    const state = parseFunctionsSearchParams({
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
    const state = parseFunctionsSearchParams({
      region: "eu-west-1",
      account: "123456789012",
      runtime: "python3.13",
      arch: "arm64",
      tag: "team=pay=ments",
      sort: "name",
      page: "3",
    });
    expect(toFunctionListQuery(state)).toMatchObject({
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

  it("writes short URLs and flips the direction of the current sort column", () => {
    const state = parseFunctionsSearchParams({ region: "us-east-1", sort: "name", page: "2" });
    expect(toFunctionsHref(state)).toBe("/functions?region=us-east-1&sort=name&page=2");
    const hrefs = toSortHrefs(state);
    expect(hrefs.name).toBe("/functions?region=us-east-1&sort=name&dir=desc");
    expect(hrefs.cost).toBe("/functions?region=us-east-1");
    expect(hrefs.memory).toBe("/functions?region=us-east-1&sort=memory");
  });
});
