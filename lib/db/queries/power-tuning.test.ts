import { beforeEach, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import { AppError } from "@/lib/errors";
import type { MemoryObservationInput } from "@/lib/recommend/types";
import { FN, NOW, insertFixtureFleet } from "@/test/fleet-test-db";
import { importPowerTuningRun, savePowerTuningObservations } from "./power-tuning";
import { clearAllTables } from "@/test/tables";

// bravo: eu-west-1, x86_64 (test/fleet-test-db.ts).
const OUTPUT = {
  power: 512,
  stateMachine: { visualization: "https://lambda-power-tuning.show/#…" },
  stats: [
    { value: 128, averagePrice: 8.4e-8, averageDuration: 39.2 },
    { value: 512, averagePrice: 8.4e-8, averageDuration: 9.41 },
    { value: 1024, averagePrice: 1.008e-7, averageDuration: 5.1133333333 },
  ],
};
const execution = (lambdaARN: string) =>
  JSON.stringify({
    executionArn: "arn:aws:states:eu-west-1:111111111111:execution:powerTuning:run-1",
    status: "SUCCEEDED",
    startDate: "2026-11-20T23:30:00.000+00:00",
    input: JSON.stringify({ lambdaARN, num: 25, strategy: "cost" }),
    output: JSON.stringify(OUTPUT),
  });

const observation = (memoryMb: number, durationAvgMs: number): MemoryObservationInput => ({
  memoryMb,
  architecture: "x86_64",
  source: "power-tuning",
  observedOn: "2026-11-21",
  invocations: 10,
  durationAvgMs,
  durationP50Ms: null,
  durationP95Ms: null,
  durationP99Ms: null,
  maxMemoryUsedMb: null,
  initDurationAvgMs: null,
  coldStarts: null,
});

async function expectAppError(promise: Promise<unknown>, code: string, message: string | RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
}

describeForBothDatabases("Power Tuning imports", (getDatabase) => {
  const t = {
    get db() {
      return getDatabase().db;
    },
  };
  const powerTuningRows = () =>
    t.db.memoryObservation.findMany({
      where: { functionArn: FN.bravo.arn, source: "power-tuning" },
      orderBy: [{ observedOn: "asc" }, { memoryMb: "asc" }],
    });

  beforeEach(async () => {
    await clearAllTables(t.db);
    await insertFixtureFleet(t.db);
  });

  it("savePowerTuningObservations writes one row per point and upserts on the key", async () => {
    expect(
      await savePowerTuningObservations(FN.bravo.id, [observation(128, 40), observation(512, 10)], t.db),
    ).toBe(2);
    expect(
      await savePowerTuningObservations(FN.bravo.id, [observation(512, 9.5), observation(1024, 5)], t.db),
    ).toBe(2);
    const rows = await powerTuningRows();
    expect(rows.map((r) => [r.memoryMb, r.durationAvgMs, r.invocations, r.architecture])).toEqual([
      [128, 40, 10, "x86_64"],
      [512, 9.5, 10, "x86_64"],
      [1024, 5, 10, "x86_64"],
    ]);
    expect(rows.every((r) => r.observedOn.toISOString() === "2026-11-21T00:00:00.000Z")).toBe(true);
    expect(rows.every((r) => r.durationP95Ms === null && r.maxMemoryUsedMb === null)).toBe(true);
  });

  it("rejects an unknown function and observations that are not Power Tuning points", async () => {
    await expectAppError(
      savePowerTuningObservations("fn-nope", [observation(128, 40)], t.db),
      "NOT_FOUND",
      /No function/,
    );
    await expectAppError(
      savePowerTuningObservations(FN.bravo.id, [{ ...observation(128, 40), source: "metrics" }], t.db),
      "VALIDATION",
      /source must be "power-tuning"/,
    );
    await expectAppError(
      savePowerTuningObservations(FN.bravo.id, [{ ...observation(128, 40), observedOn: "2026-02-30" }], t.db),
      "VALIDATION",
      /observedOn must be a UTC day/,
    );
    expect(await powerTuningRows()).toEqual([]);
  });

  it("importPowerTuningRun files a run under its start day with its invocations, repriced in the function's region", async () => {
    const result = await importPowerTuningRun(FN.bravo.id, execution(`${FN.bravo.arn}:live`), t.db, NOW);
    expect(result).toMatchObject({ imported: 3, form: "execution", observedOn: "2026-11-20" });
    expect(result.points.map((p) => p.memoryMb)).toEqual([128, 512, 1024]);
    expect(result.points[1]).toEqual({
      memoryMb: 512,
      durationMs: 9.41,
      powerTuningCostUsd: 8.4e-8,
      costPerInvocationUsd: 2e-7 + 0.0000166667 * 0.5 * 0.01,
    });
    const rows = await powerTuningRows();
    expect(rows.map((r) => [r.memoryMb, r.invocations, r.observedOn.toISOString().slice(0, 10)])).toEqual([
      [128, 25, "2026-11-20"],
      [512, 25, "2026-11-20"],
      [1024, 25, "2026-11-20"],
    ]);
    // Importing the same run again updates the same rows.
    await importPowerTuningRun(FN.bravo.id, execution(FN.bravo.arn), t.db, NOW);
    expect(await powerTuningRows()).toHaveLength(3);
  });

  it("two imports of the same run at once leave one row per point, all or nothing each", async () => {
    const results = await Promise.all([
      importPowerTuningRun(FN.bravo.id, execution(FN.bravo.arn), t.db, NOW),
      importPowerTuningRun(FN.bravo.id, execution(FN.bravo.arn), t.db, NOW),
    ]);
    expect(results.map((r) => r.imported)).toEqual([3, 3]);
    const rows = await powerTuningRows();
    expect(rows.map((r) => r.memoryMb)).toEqual([128, 512, 1024]);
  });

  it("importPowerTuningRun: output without a date is filed under today, on the function's architecture", async () => {
    const result = await importPowerTuningRun(FN.alpha.id, JSON.stringify(OUTPUT), t.db, NOW);
    expect(result.observedOn).toBe("2026-11-23");
    const rows = await t.db.memoryObservation.findMany({
      where: { functionArn: FN.alpha.arn, source: "power-tuning" },
    });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.architecture === "arm64" && r.invocations === 1)).toBe(true);
  });

  it("importPowerTuningRun rejects another function's run, bad input and unknown functions", async () => {
    await expectAppError(
      importPowerTuningRun(FN.bravo.id, execution(FN.alpha.arn), t.db, NOW),
      "VALIDATION",
      `this run tuned ${FN.alpha.arn}, not this function (${FN.bravo.arn})`,
    );
    await expectAppError(
      importPowerTuningRun(FN.bravo.id, '{"foo": 1}', t.db, NOW),
      "VALIDATION",
      "not Power Tuning output: expected `power`, `stats` or `stateMachine.visualization`",
    );
    await expectAppError(
      importPowerTuningRun("fn-nope", JSON.stringify(OUTPUT), t.db, NOW),
      "NOT_FOUND",
      /No function/,
    );
    expect(await powerTuningRows()).toEqual([]);
  });
});
