import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import {
  SCENARIO_LIST_MAX_PAGE_SIZE,
  SCENARIO_LIST_PAGE_SIZE,
  toDuplicateName,
  type Scenario,
  type ScenarioList,
} from "@/lib/schemas/scenario";
import {
  WORKLOAD_FIELDS,
  parseWorkloadFields,
  type WorkloadField,
  type WorkloadInput,
} from "@/lib/schemas/workload";
import { readPage, type PageRequest } from "./paging";

/**
 * Data access for saved what-if scenarios. Returns plain DTOs (ISO dates, parsed inputs), never
 * Prisma rows. Every function takes the database last so tests can pass a temporary one.
 */

const SCENARIO_SELECT = { id: true, name: true, inputJson: true, createdAt: true, updatedAt: true } as const;

type ScenarioRow = { id: string; name: string; inputJson: string; createdAt: Date; updatedAt: Date };

/** Keeps what still validates and reports the rest, so an old row opens instead of failing. */
function toStoredInput(inputJson: string): { input: WorkloadInput; inputWarnings: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(inputJson);
  } catch {
    raw = null;
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    const { input } = parseWorkloadFields({});
    return { input, inputWarnings: ["The saved inputs could not be read; defaults are shown."] };
  }
  const record = raw as Record<string, unknown>;
  const known: Partial<Record<WorkloadField, unknown>> = {};
  for (const field of WORKLOAD_FIELDS) known[field] = record[field];
  const { input, fieldErrors } = parseWorkloadFields(known);
  const inputWarnings = Object.entries(fieldErrors).map(
    ([field, message]) => `${field}: ${message}; the default is used instead.`,
  );
  return { input, inputWarnings };
}

function toScenarioDto(row: ScenarioRow): Scenario {
  return {
    id: row.id,
    name: row.name,
    ...toStoredInput(row.inputJson),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * One page of saved scenarios, newest first (ties by id, so pages never overlap), with the total.
 * A page past the end comes back as the last page (PageInfo.requestedPage says which was asked).
 */
export async function listScenarios(
  query: Partial<PageRequest> = {},
  db: Db = getDb(),
): Promise<ScenarioList> {
  const { rows, pageInfo } = await readPage(
    { page: query.page ?? 1, pageSize: query.pageSize ?? SCENARIO_LIST_PAGE_SIZE },
    async () => ({ totalCount: await db.scenario.count() }),
    ({ limit, offset }) =>
      db.scenario.findMany({
        select: SCENARIO_SELECT,
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
        take: limit,
        skip: offset,
      }),
    { maxPageSize: SCENARIO_LIST_MAX_PAGE_SIZE },
  );
  return { ...pageInfo, scenarios: rows.map(toScenarioDto) };
}

export async function getScenario(scenarioId: string, db: Db = getDb()): Promise<Scenario | null> {
  const row = await db.scenario.findUnique({ where: { id: scenarioId }, select: SCENARIO_SELECT });
  return row ? toScenarioDto(row) : null;
}

export async function createScenario(
  data: { name: string; input: WorkloadInput },
  db: Db = getDb(),
): Promise<Scenario> {
  const row = await db.scenario.create({
    data: { name: data.name, inputJson: JSON.stringify(data.input) },
    select: SCENARIO_SELECT,
  });
  return toScenarioDto(row);
}

/** Null when there is no such scenario. */
export async function updateScenario(
  scenarioId: string,
  data: { name?: string; input?: WorkloadInput },
  db: Db = getDb(),
): Promise<Scenario | null> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.scenario.updateMany({
      where: { id: scenarioId },
      data: {
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.input !== undefined ? { inputJson: JSON.stringify(data.input) } : {}),
        // updateMany does not apply @updatedAt; a rename counts as a change too.
        updatedAt: new Date(),
      },
    });
    if (count === 0) return null;
    const row = await tx.scenario.findUniqueOrThrow({ where: { id: scenarioId }, select: SCENARIO_SELECT });
    return toScenarioDto(row);
  });
}

/** False when there was nothing to delete. */
export async function deleteScenario(scenarioId: string, db: Db = getDb()): Promise<boolean> {
  const { count } = await db.scenario.deleteMany({ where: { id: scenarioId } });
  return count > 0;
}

/** A new scenario with the same inputs, named "Copy of …" unless a name is given. Null if not found. */
export async function duplicateScenario(
  scenarioId: string,
  options: { name?: string } = {},
  db: Db = getDb(),
): Promise<Scenario | null> {
  return db.$transaction(async (tx) => {
    const source = await tx.scenario.findUnique({
      where: { id: scenarioId },
      select: { name: true, inputJson: true },
    });
    if (!source) return null;
    const row = await tx.scenario.create({
      data: { name: options.name ?? toDuplicateName(source.name), inputJson: source.inputJson },
      select: SCENARIO_SELECT,
    });
    return toScenarioDto(row);
  });
}
