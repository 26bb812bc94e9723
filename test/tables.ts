import type { Db } from "@/lib/db/create-db";
import type { Prisma } from "@/lib/db/generated/sqlite/client";

/**
 * Every table of the schema, children before their parents, so deleting in this order never trips
 * a foreign key. One list for every test that empties a database (test/tables.test.ts checks it
 * names every Prisma model, and the type below fails to compile when a model is missing).
 */
export const TABLES_CHILD_FIRST = [
  "recommendationEvent",
  "recommendation",
  "recommendationRefresh",
  "resourceReconciliation",
  "reconciliationSnapshot",
  "syncLock",
  "syncRun",
  "dailySpend",
  "costLine",
  "computeOptimizerRecommendation",
  "computeOptimizerState",
  "metricPoint",
  "memoryObservation",
  "resourceSummary",
  "lambdaConfigChange",
  "lambdaProvisionedConcurrency",
  "fargateServiceConfigChange",
  "lambdaFunction",
  "fargateService",
  "accountRegion",
  "account",
  "scenario",
  "healthProbe",
] as const satisfies readonly Uncapitalize<Prisma.ModelName>[];

type MissingTable = Exclude<Uncapitalize<Prisma.ModelName>, (typeof TABLES_CHILD_FIRST)[number]>;
/** Compiles only while TABLES_CHILD_FIRST names every model. */
export const EVERY_MODEL_IS_LISTED: [MissingTable] extends [never] ? true : MissingTable = true;

type Deletable = { deleteMany: () => Prisma.PrismaPromise<unknown> };

/** Deletes every row of every table, in one transaction (between tests that need an empty database). */
export async function clearAllTables(db: Db): Promise<void> {
  await db.$transaction(TABLES_CHILD_FIRST.map((table) => (db[table] as unknown as Deletable).deleteMany()));
}
