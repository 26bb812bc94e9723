/**
 * Fault battery (issue #8): long lists stay paged and a page past the end is clamped.
 *
 * - "The saved-scenario list silently stops at 500 items, and /scenarios weighs 1.3 MB with 500
 *   saved": with 520 saved, GET /api/scenarios and what /scenarios and /scenarios/compare serialize
 *   into the browser (their dehydrated query state) stay under 100 KB, report all 520, and carry
 *   list items, not every scenario's full inputs.
 * - "page=999999 on a list says 'No functions match'": the same URL on /functions, /services and
 *   the saved list reads the last page and says which page was asked for.
 *
 * One migrated SQLite file; the route reaches it through getDb(), so DATABASE_URL is set first.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dehydrate } from "@tanstack/react-query";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPARE_PICKER_QUERY } from "@/app/(dashboard)/scenarios/compare/search-params";
import { prefetchSavedScenarioList } from "@/app/(dashboard)/scenarios/saved-list-data";
import { parseScenarioPageSearchParams } from "@/app/(dashboard)/scenarios/search-params";
import type { Db } from "@/lib/db/create-db";
import { listFunctions } from "@/lib/db/queries/functions";
import { listServices } from "@/lib/db/queries/services";
import { getQueryClient } from "@/lib/queries/query-client";
import { FUNCTIONS, SERVICES } from "@/lib/schemas/resource-kinds";
import { SCENARIO_LIST_PAGE_SIZE, scenarioListSchema, type ScenarioListView } from "@/lib/schemas/scenario";
import { insertFixtureFleet } from "@/test/fleet-test-db";
import { migrateDatabase } from "@/test/pg-harness";
import { insertSavedScenarios, toSavedScenarioName } from "@/test/scenario-test-db";

const FILE = path.join(os.tmpdir(), `breakeven-faults-list-paging-${randomUUID()}.db`);
const SAVED_COUNT = 520;
/** Far below the 1.3 MB /scenarios weighed with 500 saved; a page of list items is a few KB. */
const MAX_SERIALIZED_BYTES = 100 * 1024;

let db: Db;
let GET: (request: Request, context: unknown) => Promise<Response>;

beforeAll(async () => {
  const url = `file:${FILE}`;
  migrateDatabase(url);
  process.env.DATABASE_URL = url;
  ({ GET } = await import("@/app/api/scenarios/route"));
  db = (await import("@/lib/db/client")).getDb();
  await insertSavedScenarios(db, SAVED_COUNT);
  await insertFixtureFleet(db);
});

afterAll(async () => {
  await db?.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(FILE + suffix, { force: true });
});

/** What a page hands the browser for its saved list: the dehydrated query state, as JSON. */
async function serializeSavedList(
  query: Parameters<typeof prefetchSavedScenarioList>[1],
): Promise<{ json: string; view: ScenarioListView }> {
  const queryClient = getQueryClient();
  await prefetchSavedScenarioList(queryClient, query, db);
  const state = dehydrate(queryClient);
  expect(state.queries).toHaveLength(1);
  return { json: JSON.stringify(state), view: state.queries[0]!.state.data as ScenarioListView };
}

describe(`saved scenarios stay paged with ${SAVED_COUNT} saved`, () => {
  it("GET /api/scenarios answers one page under 100 KB and counts all of them", async () => {
    for (const search of ["", "?pageSize=100"]) {
      const response = await GET(new Request(`http://127.0.0.1:3000/api/scenarios${search}`), {});
      const text = await response.text();
      expect(response.status).toBe(200);
      expect(Buffer.byteLength(text)).toBeLessThan(MAX_SERIALIZED_BYTES);
      expect(scenarioListSchema.parse(JSON.parse(text)).totalCount).toBe(SAVED_COUNT);
    }
  });

  it("/scenarios serializes one page of list items, not every scenario's inputs", async () => {
    const state = parseScenarioPageSearchParams({}, { defaultRegion: "us-east-1" });
    const { json, view } = await serializeSavedList({
      page: state.listPage,
      pageSize: SCENARIO_LIST_PAGE_SIZE,
    });
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_SERIALIZED_BYTES);
    expect(view).toMatchObject({ totalCount: SAVED_COUNT, page: 1, pageCount: 26 });
    expect(view.items).toHaveLength(SAVED_COUNT / 26);
    // Full inputs carry every workload field; list items only name the summary's.
    expect(json).not.toContain('"input"');
    expect(json).not.toContain("targetCpuUtilizationPercent");
  });

  it("/scenarios/compare's picker stays bounded too", async () => {
    const { json, view } = await serializeSavedList(COMPARE_PICKER_QUERY);
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_SERIALIZED_BYTES);
    expect(view).toMatchObject({ totalCount: SAVED_COUNT, pageSize: 100 });
  });

  it("/scenarios?page=999999 shows the last page and says which page was asked for", async () => {
    const state = parseScenarioPageSearchParams({ page: "999999" }, { defaultRegion: "us-east-1" });
    const { view } = await serializeSavedList({ page: state.listPage, pageSize: SCENARIO_LIST_PAGE_SIZE });
    expect(view).toMatchObject({ page: 26, pageCount: 26, requestedPage: 999_999 });
    expect(view.items.at(-1)!.name).toBe(toSavedScenarioName(SAVED_COUNT - 1));
  });
});

describe("page=999999 on the fleet lists", () => {
  it("/functions?page=999999 lists the last page instead of 'No functions match'", async () => {
    const list = await listFunctions(
      FUNCTIONS.toListQuery(FUNCTIONS.parseSearchParams({ page: "999999" })),
      db,
    );
    expect(list.rows).toHaveLength(5);
    expect(list).toMatchObject({ page: 1, pageCount: 1, totalCount: 5, requestedPage: 999_999 });
  });

  it("/services?page=999999 lists the last page too", async () => {
    const list = await listServices(SERVICES.toListQuery(SERVICES.parseSearchParams({ page: "999999" })), db);
    expect(list.rows).toHaveLength(2);
    expect(list).toMatchObject({ page: 1, requestedPage: 999_999 });
  });

  it("a filter with no match still says no match", async () => {
    const list = await listFunctions(
      FUNCTIONS.toListQuery(FUNCTIONS.parseSearchParams({ q: "no-such-function", page: "999999" })),
      db,
    );
    expect(list).toMatchObject({ rows: [], totalCount: 0 });
  });
});
