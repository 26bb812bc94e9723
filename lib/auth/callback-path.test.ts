import { describe, expect, it } from "vitest";
import { toSafeCallbackPath } from "./callback-path";

describe("toSafeCallbackPath", () => {
  it("keeps paths on this site and drops everything else", () => {
    expect(toSafeCallbackPath("/functions?page=2")).toBe("/functions?page=2");
    expect(toSafeCallbackPath("https://evil.example/")).toBe("/");
    expect(toSafeCallbackPath("//evil.example")).toBe("/");
    expect(toSafeCallbackPath("/\\evil.example")).toBe("/");
    expect(toSafeCallbackPath("/x\n")).toBe("/");
    expect(toSafeCallbackPath(["/a"])).toBe("/");
    expect(toSafeCallbackPath(undefined)).toBe("/");
  });
});
