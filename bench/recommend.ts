/**
 * Recommendations benchmark on the 10,000-function / 1,000-service demo fleet (the views bench's
 * database, data/views-bench.db, generated when missing):
 *
 *   npx tsx bench/recommend.ts [--regenerate] [--samples N]
 *
 * - engine: lib/recommend on the whole fleet's evidence, already in memory (target < 2 s), median
 *   of three runs;
 * - store: the stored list recomputed as at the end of an import (target < 30 s);
 * - fleet load: the evidence read from SQLite (every table the engine needs), and the total a
 *   `recommend` CLI run spends;
 * - one function / one service: evidence load + engine for N random resources (p50/p95), what the
 *   function and service pages add to a request. The pages themselves: `npm run bench -- views`.
 */
import { pathToFileURL } from "node:url";
import { createDb } from "../lib/db/create-db";
import { getFunctionAdvice, getServiceAdvice } from "../lib/db/queries/recommendations";
import {
  listBilledSpotRates,
  listFargateEvidence,
  listLambdaEvidence,
} from "../lib/db/queries/recommend-evidence";
import { refreshRecommendations } from "../lib/db/queries/recommendation-store";
import { computeFleetAdvice } from "../lib/recommend";
import { DB_URL, percentile, prepareDatabase } from "./views";

export const RECOMMEND_TARGETS_MS = { engine: 2000, resourceP95: 100, refresh: 30_000 } as const;

export type RecommendBenchResult = {
  fleet: { functions: number; services: number };
  recommendations: number;
  byKind: Record<string, number>;
  totalMonthlySavingUsd: number;
  engineMs: number;
  fleetLoadMs: number;
  /** The stored list recomputed as after an import (refreshRecommendations). */
  refreshMs: number;
  functionAdvice: { samples: number; p50Ms: number; p95Ms: number };
  serviceAdvice: { samples: number; p50Ms: number; p95Ms: number };
  isWithinTargets: boolean;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Deterministic pick of `count` items spread over the list. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, index) => items[Math.floor(index * step)]!);
}

export async function runRecommendBench(
  argv: string[] = process.argv.slice(2),
): Promise<RecommendBenchResult> {
  const regenerate = argv.includes("--regenerate");
  const samplesIndex = argv.indexOf("--samples");
  const samples = Math.max(
    10,
    Math.min(2000, Number(samplesIndex >= 0 ? argv[samplesIndex + 1] : 200) || 200),
  );
  await prepareDatabase({ regenerate, quiet: false });
  const db = createDb(DB_URL);
  try {
    await db.$queryRaw`SELECT 1`;
    const loadStarted = performance.now();
    const [functions, services, spotRates] = await Promise.all([
      listLambdaEvidence(db),
      listFargateEvidence(db),
      listBilledSpotRates(db),
    ]);
    const fleetLoadMs = performance.now() - loadStarted;
    console.log(
      `› evidence for ${functions.length} functions, ${services.length} services: ${fleetLoadMs.toFixed(0)} ms`,
    );

    const runs: number[] = [];
    let fleet = computeFleetAdvice({ functions, services }, { spotRates });
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      fleet = computeFleetAdvice({ functions, services }, { spotRates });
      runs.push(performance.now() - started);
    }
    const engineMs = median(runs);
    console.log(
      `› engine: ${runs.map((ms) => ms.toFixed(0)).join(", ")} ms (median ${engineMs.toFixed(0)} ms; target < ${RECOMMEND_TARGETS_MS.engine} ms)`,
    );
    const byKind: Record<string, number> = {};
    for (const r of fleet.recommendations) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    console.log(`  ${fleet.recommendations.length} recommendations`, byKind);

    const timeEach = async (arns: string[], load: (arn: string) => Promise<unknown>) => {
      const times: number[] = [];
      for (const arn of arns) {
        const started = performance.now();
        await load(arn);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      return { samples: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
    };
    const functionAdvice = await timeEach(
      spread(
        functions.map((f) => f.resourceArn),
        samples,
      ),
      (arn) => getFunctionAdvice(arn, db),
    );
    const serviceAdvice = await timeEach(
      spread(
        services.map((s) => s.resourceArn),
        Math.min(samples, services.length),
      ),
      (arn) => getServiceAdvice(arn, db),
    );
    console.log(
      `› one function: p50 ${functionAdvice.p50Ms.toFixed(1)} ms, p95 ${functionAdvice.p95Ms.toFixed(1)} ms (${functionAdvice.samples} functions)`,
    );
    console.log(
      `› one service:  p50 ${serviceAdvice.p50Ms.toFixed(1)} ms, p95 ${serviceAdvice.p95Ms.toFixed(1)} ms (${serviceAdvice.samples} services)`,
    );
    // The stored list: what every import runs at its end (evidence, engine, upsert, review).
    const refreshStarted = performance.now();
    const refreshed = await refreshRecommendations(db);
    const refreshMs = performance.now() - refreshStarted;
    console.log(
      `› store (refresh after an import): ${refreshMs.toFixed(0)} ms for ${refreshed.items} items (target < ${RECOMMEND_TARGETS_MS.refresh} ms)`,
    );
    const isWithinTargets =
      refreshMs < RECOMMEND_TARGETS_MS.refresh &&
      engineMs < RECOMMEND_TARGETS_MS.engine &&
      functionAdvice.p95Ms < RECOMMEND_TARGETS_MS.resourceP95 &&
      serviceAdvice.p95Ms < RECOMMEND_TARGETS_MS.resourceP95;
    console.log(isWithinTargets ? "› within targets" : "› MISSED a target");
    return {
      fleet: { functions: functions.length, services: services.length },
      recommendations: fleet.recommendations.length,
      byKind,
      totalMonthlySavingUsd: Math.round(fleet.totalMonthlySavingUsd * 100) / 100,
      engineMs: Math.round(engineMs),
      fleetLoadMs: Math.round(fleetLoadMs),
      refreshMs: Math.round(refreshMs),
      functionAdvice,
      serviceAdvice,
      isWithinTargets,
    };
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRecommendBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
