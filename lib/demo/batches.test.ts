import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { listDemoBatches } from "./batches";
import { generateDemoFleet, resolveDemoOptions } from "./fleet";

const OPTIONS = resolveDemoOptions({
  functions: 25,
  services: 6,
  days: 12,
  hourlyDays: 2,
  asOf: new Date("2026-11-01T00:00:00Z"),
});

function toJson(batch: unknown): string {
  return JSON.stringify(batch, (_key, value: unknown) => {
    if (typeof value === "bigint") return `${value}n`;
    if (value instanceof Float64Array) return Array.from(value); // the worker transfers typed arrays
    return value;
  });
}

describe("demo batches from a worker thread", () => {
  afterEach(() => {
    delete process.env.BREAKEVEN_DEMO_WORKER;
  });

  it("are exactly the batches the in-process generator yields", async () => {
    process.env.BREAKEVEN_DEMO_WORKER = "1";
    const fromWorker = createHash("sha256");
    const inProcess = createHash("sha256");
    const local = generateDemoFleet(OPTIONS);
    let batches = 0;
    for await (const batch of listDemoBatches(OPTIONS)) {
      batches += 1;
      // Typed arrays: it did come from the worker (the first batch holds only the accounts).
      if (batch.metricSeries.length > 0)
        expect(batch.metricSeries[0]?.timestampsMs).toBeInstanceOf(Float64Array);
      fromWorker.update(toJson(batch));
      inProcess.update(toJson(local.next().value));
    }
    expect(local.next().done).toBe(true);
    expect(batches).toBeGreaterThan(1);
    expect(fromWorker.digest("hex")).toBe(inProcess.digest("hex"));
  }, 60_000);

  it("are generated in-process by default for small fleets", async () => {
    for await (const batch of listDemoBatches(OPTIONS)) {
      if (batch.metricSeries.length > 0) {
        expect(Array.isArray(batch.metricSeries[0]?.timestampsMs)).toBe(true);
        return;
      }
    }
  });
});
