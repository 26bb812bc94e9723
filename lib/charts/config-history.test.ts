import { describe, expect, it } from "vitest";
import { toChangeMarkers, toConfigChanges, toConfiguredValues } from "./config-history";
import { fromBucketKey } from "@/lib/time";

type Cfg = { memoryMb: number; architecture: string };
const fields = [
  { key: "memoryMb" as const, label: "Memory", format: (v: unknown) => `${String(v)} MB` },
  { key: "architecture" as const, label: "Architecture", format: (v: unknown) => String(v) },
];
const snapshots = [
  { effectiveAt: new Date("2026-11-05T09:00:00Z"), config: { memoryMb: 1024, architecture: "arm64" } },
  { effectiveAt: new Date("2026-10-01T00:00:00Z"), config: { memoryMb: 512, architecture: "x86_64" } },
  { effectiveAt: new Date("2026-10-20T12:00:00Z"), config: { memoryMb: 1024, architecture: "x86_64" } },
  { effectiveAt: new Date("2026-10-25T12:00:00Z"), config: { memoryMb: 1024, architecture: "x86_64" } },
];

describe("toConfigChanges", () => {
  it("orders snapshots, skips no-op rows and describes what changed", () => {
    const changes = toConfigChanges<Cfg>(snapshots, fields);
    expect(changes.map((c) => c.summary)).toEqual([
      "First seen: Memory 512 MB, Architecture x86_64",
      "Memory 512 MB → 1024 MB",
      "Architecture x86_64 → arm64",
    ]);
    expect(changes[0]!.isInitial).toBe(true);
  });
});

describe("toChangeMarkers", () => {
  it("marks only real changes inside the range, on their bucket", () => {
    const changes = toConfigChanges<Cfg>(snapshots, fields);
    expect(toChangeMarkers(changes, ["2026-11-04", "2026-11-05"], "day")).toEqual([
      { bucket: "2026-11-05", label: "arm64" },
    ]);
    expect(toChangeMarkers(changes, ["2026-11-05T09"], "hour")).toEqual([
      { bucket: "2026-11-05T09", label: "arm64" },
    ]);
  });
});

describe("toConfiguredValues", () => {
  it("gives the value in effect at the end of each day, unknown before the first snapshot", () => {
    const values = toConfiguredValues<Cfg>(
      snapshots,
      ["2026-09-30", "2026-10-01", "2026-10-20", "2026-10-21"],
      (b) => new Date(fromBucketKey(b).getTime() + 86_400_000),
      (c) => c.memoryMb,
    );
    expect([...values.values()]).toEqual([null, 512, 1024, 1024]);
  });
});
