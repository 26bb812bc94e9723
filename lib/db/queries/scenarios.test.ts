import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { DEFAULT_WORKLOAD_INPUT, type WorkloadInput } from "@/lib/schemas/workload";
import { migrateInChildProcess } from "@/lib/db/migrate-process";
import {
  createScenario,
  deleteScenario,
  duplicateScenario,
  getScenario,
  listScenarios,
  updateScenario,
} from "./scenarios";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const DB_URL = `file:./data/test-scenarios-${process.pid}-${Date.now()}.db`;
const DB_FILE = path.resolve(ROOT, DB_URL.replace(/^file:/, ""));

let db: Db;

beforeAll(() => {
  migrateInChildProcess(DB_URL, { stdio: "pipe" });

  db = createDb(DB_URL);
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(DB_FILE + suffix, { force: true });
});

const goRewrite: WorkloadInput = {
  ...DEFAULT_WORKLOAD_INPUT,
  memoryMb: 1024,
  architecture: "arm64",
  durationFactor: 0.25,
  memoryFactor: 0.5,
};

describe("scenarios DAL", () => {
  it("creates a scenario and reads it back as a plain DTO with the exact inputs", async () => {
    const created = await createScenario({ name: "Go rewrite", input: goRewrite }, db);
    expect(created).toMatchObject({ name: "Go rewrite", input: goRewrite, inputWarnings: [] });
    expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Object.keys(created).sort()).toEqual(
      ["createdAt", "id", "input", "inputWarnings", "name", "updatedAt"].sort(),
    );
    expect(await getScenario(created.id, db)).toEqual(created);
  });

  it("lists newest first", async () => {
    const older = await createScenario({ name: "older", input: DEFAULT_WORKLOAD_INPUT }, db);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await createScenario({ name: "newer", input: DEFAULT_WORKLOAD_INPUT }, db);
    const ids = (await listScenarios(db)).map((s) => s.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
  });

  it("renames and updates inputs, bumping updatedAt; a missing id gives null", async () => {
    const created = await createScenario({ name: "before", input: DEFAULT_WORKLOAD_INPUT }, db);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = await updateScenario(created.id, { name: "after" }, db);
    expect(renamed).toMatchObject({ id: created.id, name: "after", input: DEFAULT_WORKLOAD_INPUT });
    expect(renamed!.updatedAt > created.updatedAt).toBe(true);
    const changed = await updateScenario(created.id, { input: goRewrite }, db);
    expect(changed).toMatchObject({ name: "after", input: goRewrite });
    expect(await updateScenario("does-not-exist", { name: "x" }, db)).toBeNull();
  });

  it("duplicates with a 'Copy of' name that still fits 100 characters", async () => {
    const longName = "x".repeat(100);
    const source = await createScenario({ name: longName, input: goRewrite }, db);
    const copy = await duplicateScenario(source.id, {}, db);
    expect(copy).not.toBeNull();
    expect(copy!.id).not.toBe(source.id);
    expect(copy!.name.startsWith("Copy of x")).toBe(true);
    expect(copy!.name.length).toBeLessThanOrEqual(100);
    expect(copy!.input).toEqual(goRewrite);
    const named = await duplicateScenario(source.id, { name: "Named copy" }, db);
    expect(named!.name).toBe("Named copy");
    expect(await duplicateScenario("does-not-exist", {}, db)).toBeNull();
  });

  it("deletes once, then reports nothing to delete", async () => {
    const created = await createScenario({ name: "doomed", input: DEFAULT_WORKLOAD_INPUT }, db);
    expect(await deleteScenario(created.id, db)).toBe(true);
    expect(await getScenario(created.id, db)).toBeNull();
    expect(await deleteScenario(created.id, db)).toBe(false);
  });

  it("opens rows whose stored inputs no longer validate, with defaults and a warning per field", async () => {
    const row = await db.scenario.create({
      data: {
        name: "old schema",
        inputJson: JSON.stringify({
          ...goRewrite,
          memoryMb: 99_999,
          removedField: 1,
          requestsPerMonth: null,
        }),
      },
    });
    const scenario = await getScenario(row.id, db);
    expect(scenario!.input.memoryMb).toBe(DEFAULT_WORKLOAD_INPUT.memoryMb);
    expect(scenario!.input.requestsPerMonth).toBe(DEFAULT_WORKLOAD_INPUT.requestsPerMonth);
    expect(scenario!.input.architecture).toBe("arm64");
    expect(scenario!.inputWarnings).toHaveLength(2);
    expect(scenario!.inputWarnings.join(" ")).toMatch(/memoryMb/);

    const garbage = await db.scenario.create({ data: { name: "garbage", inputJson: "{not json" } });
    const repaired = await getScenario(garbage.id, db);
    expect(repaired!.input).toEqual(DEFAULT_WORKLOAD_INPUT);
    expect(repaired!.inputWarnings).toHaveLength(1);
  });
});
