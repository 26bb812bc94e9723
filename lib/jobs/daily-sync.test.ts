import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
vi.mock("@/lib/db/queries/sync-runs", () => ({ listSyncableAccountIds: async () => [] }));
vi.mock("./start-import", () => ({ startImportProcess: async () => ({ runId: "x" }) }));

const { isDailySyncDue } = await import("./daily-sync");

describe("isDailySyncDue", () => {
  it("is due once a day, at or after the time", () => {
    expect(isDailySyncDue(new Date("2026-11-30T03:14:59Z"), "03:15", null)).toBe(false);
    expect(isDailySyncDue(new Date("2026-11-30T03:15:00Z"), "03:15", null)).toBe(true);
    expect(isDailySyncDue(new Date("2026-11-30T22:00:00Z"), "03:15", "2026-11-30")).toBe(false);
    expect(isDailySyncDue(new Date("2026-12-01T03:15:30Z"), "03:15", "2026-11-30")).toBe(true);
  });
});
