/**
 * Test support (not a test itself): saved scenarios in bulk, for the paging tests of the DAL, the
 * API route and the fault battery.
 */
import type { Db } from "@/lib/db/create-db";
import { DEFAULT_WORKLOAD_INPUT } from "@/lib/schemas/workload";

/** Name of the i-th scenario insertSavedScenarios writes (0 is the newest). */
export function toSavedScenarioName(index: number): string {
  return `saved ${String(index).padStart(4, "0")}`;
}

/**
 * `count` scenarios named "saved 0000" (the newest) onwards, updated one second apart, so the
 * list's newest-first order is known in advance.
 */
export async function insertSavedScenarios(db: Db, count: number): Promise<void> {
  const newestMs = Date.parse("2026-11-23T10:00:00Z");
  await db.scenario.createMany({
    data: Array.from({ length: count }, (_, index) => ({
      name: toSavedScenarioName(index),
      inputJson: JSON.stringify(DEFAULT_WORKLOAD_INPUT),
      createdAt: new Date(newestMs - index * 1000),
      updatedAt: new Date(newestMs - index * 1000),
    })),
  });
}
