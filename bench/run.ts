/**
 * `npm run bench [-- pricing demo views]`: runs the benchmarks in order (all by default) and
 * prints each one's figures. Targets live here, not in timed tests: a slow machine makes a
 * benchmark report a miss, never a flaky test.
 *
 *   pricing  pricing calls per second, full what-if recompute (target < 2 ms)
 *   demo     10,000 functions / 1,000 services, 90 days, into SQLite (target < 60 s)
 *   views    the fleet pages on that fleet via `next start`: one at a time (p95 < 150 / 200 / 200 ms
 *            for functions list, function page, recommendations), 20 concurrent clients (functions
 *            list ≥ 100 requests/s, p95 < 300 ms), peak server RSS (< 500 MiB), first-load JS per
 *            route (< 250 kB gzipped), and the seconds of the full recommendations CSV export
 *   recommend  lib/recommend on that fleet (engine < 2 s), evidence load, one resource's advice
 *   sync     "Sync now" against the loopback fake AWS, 50 ms a call, 1,000 / 10,000 functions (< 5 min)
 *   load     20 concurrent clients for 30 s each on the functions list and a function page (0 errors)
 */
const BENCHES = {
  pricing: async () => (await import("./pricing")).runPricingBench(),
  demo: async () => (await import("./demo")).runDemoBench(),
  views: async () => (await import("./views")).runViewsBench(),
  recommend: async () => (await import("./recommend")).runRecommendBench(),
  sync: async () => (await import("./sync")).runSyncBench(),
  load: async () => (await import("./load")).runLoadBench(),
} as const;

type BenchName = keyof typeof BENCHES;

function isBenchName(name: string): name is BenchName {
  return name in BENCHES;
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !isBenchName(name));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHES).join(", ")}`,
    );
    process.exit(2);
  }
  const names = (requested.length > 0 ? requested : Object.keys(BENCHES)).filter(isBenchName);
  const results: Record<string, unknown> = {};
  for (const name of names) {
    console.log(`\n=== ${name} ===`);
    results[name] = await BENCHES[name]();
  }
  console.log("\n=== summary (JSON) ===");
  console.log(
    JSON.stringify(
      results,
      (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value),
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
