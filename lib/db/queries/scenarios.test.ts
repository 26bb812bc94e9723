import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/create-db";
import { describeForBothDatabases } from "@/test/databases";
import { insertSavedScenarios, toSavedScenarioName } from "@/test/scenario-test-db";
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
    const ids = (await listScenarios({}, db)).scenarios.map((s) => s.id);
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

describeForBothDatabases("scenarios DAL paging", (getDatabase) => {
  beforeEach(async () => {
    await getDatabase().db.scenario.deleteMany();
  });

  it("pages 520 saved scenarios newest first: every one exactly once, with the total", async () => {
    const { db } = getDatabase();
    await insertSavedScenarios(db, 520);

    const first = await listScenarios({}, db);
    expect(first).toMatchObject({ totalCount: 520, page: 1, pageSize: 20, pageCount: 26, requestedPage: 1 });
    expect(first.scenarios).toHaveLength(20);
    expect(first.scenarios[0]!.name).toBe(toSavedScenarioName(0));

    const names: string[] = [];
    for (let page = 1; page <= 6; page += 1) {
      const list = await listScenarios({ page, pageSize: 100 }, db);
      expect(list).toMatchObject({ totalCount: 520, page, pageCount: 6 });
      names.push(...list.scenarios.map((s) => s.name));
    }
    // Page 6 has the rest (the old list stopped at 500 without saying so).
    expect(names).toHaveLength(520);
    expect(names.at(-1)).toBe(toSavedScenarioName(519));
    expect(new Set(names).size).toBe(520);
  });

  it("bounds the page size at 100 and clamps a page past the end to the last page", async () => {
    const { db } = getDatabase();
    await insertSavedScenarios(db, 520);

    const huge = await listScenarios({ page: 1, pageSize: 10_000 }, db);
    expect(huge.pageSize).toBe(100);
    expect(huge.scenarios).toHaveLength(100);

    const past = await listScenarios({ page: 999_999 }, db);
    expect(past).toMatchObject({ page: 26, pageCount: 26, requestedPage: 999_999, totalCount: 520 });
    expect(past.scenarios.map((s) => s.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => toSavedScenarioName(500 + i)),
    );
  });

  it("an empty list is page 1 of 1 with nothing on it, whatever page was asked for", async () => {
    const list = await listScenarios({ page: 3 }, getDatabase().db);
    expect(list).toMatchObject({ scenarios: [], totalCount: 0, page: 1, pageCount: 1, requestedPage: 3 });
  });
});
