/**
 * Load benchmark: concurrent clients (autocannon) on the functions list and one function page of
 * the 10,000-function / 1,000-service demo fleet, served by `next start` on 127.0.0.1.
 *
 *   npm run bench -- load
 *   npx tsx bench/load.ts [--connections 20] [--duration 30] [--port 3410] [--skip-build]
 *                         [--regenerate] [--json FILE] [--quiet]
 *
 * `npm run bench` passes no flags through, so the same settings also come from the environment:
 * BENCH_LOAD_CONNECTIONS, BENCH_LOAD_DURATION (seconds), BENCH_LOAD_PORT, BENCH_LOAD_SKIP_BUILD=1,
 * BENCH_LOAD_JSON (a file for the result).
 *
 * Database, build and server are the views bench's (bench/views.ts): data/views-bench.db,
 * .next-views-bench, `next start -H 127.0.0.1`. After a short sequential warm-up, each target gets
 * N connections for D seconds, one target after the other. Reported per target: requests per
 * second (autocannon's mean of per-second counts), latency p50/p95/p99/max of every response
 * (recorded one by one, as autocannon's own summary has no p95), 2xx / non-2xx, connection errors
 * and timeouts, and the server's peak resident memory (VmRSS of its process tree, sampled every
 * 250 ms). The load average is printed at the start and after each target: the figures are only
 * comparable between runs on an equally quiet machine.
 *
 * Passes when no request failed: 0 errors, 0 timeouts, 0 non-2xx (otherwise exit code 1).
 */
import autocannon from "autocannon";
import fs from "node:fs";
import os from "node:os";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db/create-db";
import {
  DB_URL,
  build,
  percentile,
  prepareDatabase,
  readTreeRssKib,
  startServer,
  stopServer,
  waitForHealth,
} from "./views";

export type LoadTargetResult = {
  target: string;
  path: string;
  connections: number;
  durationS: number;
  responses: number;
  /** Mean of autocannon's per-second completed-request counts. */
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  status2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Server RSS (whole process tree) before this target and at its peak during it, MiB. */
  rssBeforeMib: number;
  peakRssMib: number;
  /** 1, 5 and 15 minute load averages when this target finished. */
  loadAverageAfter: number[];
};

export type LoadBenchResult = {
  fleet: { functions: number; services: number };
  connections: number;
  durationS: number;
  cpus: number;
  loadAverageAtStart: number[];
  targets: LoadTargetResult[];
  isClean: boolean;
};

type Options = {
  connections: number;
  duration: number;
  port: number;
  skipBuild: boolean;
  regenerate: boolean;
  json: string | undefined;
  quiet: boolean;
};

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      connections: { type: "string", default: process.env.BENCH_LOAD_CONNECTIONS ?? "20" },
      duration: { type: "string", default: process.env.BENCH_LOAD_DURATION ?? "30" },
      port: { type: "string", default: process.env.BENCH_LOAD_PORT ?? "3410" },
      "skip-build": { type: "boolean", default: process.env.BENCH_LOAD_SKIP_BUILD === "1" },
      regenerate: { type: "boolean", default: false },
      json: { type: "string", default: process.env.BENCH_LOAD_JSON },
      quiet: { type: "boolean", default: false },
    },
    strict: true,
    // `npm run bench -- load` passes the bench's name.
    allowPositionals: true,
  });
  const connections = Math.floor(Number(values.connections));
  const duration = Number(values.duration);
  const port = Math.floor(Number(values.port));
  if (!(connections >= 1 && connections <= 1000))
    throw new Error(`--connections: 1 to 1000, got ${values.connections}`);
  if (!(duration >= 1 && duration <= 3600))
    throw new Error(`--duration: 1 to 3600 s, got ${values.duration}`);
  if (!(port >= 1024 && port <= 65535)) throw new Error(`--port: 1024 to 65535, got ${values.port}`);
  return {
    connections,
    duration,
    port,
    skipBuild: values["skip-build"],
    regenerate: values.regenerate,
    json: values.json,
    quiet: values.quiet,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

/** The fleet's size and one function from the middle of it, for the function page. */
async function pickTargets(): Promise<{ fleet: LoadBenchResult["fleet"]; functionId: string }> {
  const db = createDb(DB_URL);
  try {
    const functions = await db.lambdaFunction.count();
    const services = await db.fargateService.count();
    const middle = await db.lambdaFunction.findFirst({
      select: { id: true },
      orderBy: { id: "asc" },
      skip: Math.floor(functions / 2),
    });
    if (!middle) throw new Error("the bench database holds no functions");
    return { fleet: { functions, services }, functionId: middle.id };
  } finally {
    await db.$disconnect();
  }
}

async function warmUp(url: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const response = await fetch(url, { headers: { accept: "text/html" } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`warm-up: ${url} answered ${response.status}`);
  }
}

async function loadOne(
  target: string,
  baseUrl: string,
  urlPath: string,
  serverPid: number,
  options: Options,
): Promise<LoadTargetResult> {
  const latencies: number[] = [];
  const rssBeforeKib = readTreeRssKib(serverPid);
  let peakRssKib = rssBeforeKib;
  const sampler = setInterval(() => {
    peakRssKib = Math.max(peakRssKib, readTreeRssKib(serverPid));
  }, 250);
  let result: autocannon.Result;
  try {
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: baseUrl + urlPath,
          connections: options.connections,
          duration: options.duration,
          headers: { accept: "text/html" },
        },
        (error: unknown, done: autocannon.Result) => {
          if (error) reject(error instanceof Error ? error : new Error(String(error)));
          else resolve(done);
        },
      );
      instance.on("response", (_client, _statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
      });
    });
  } finally {
    clearInterval(sampler);
  }
  peakRssKib = Math.max(peakRssKib, readTreeRssKib(serverPid));
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, n) => sum + n, 0) / (latencies.length || 1);
  return {
    target,
    path: urlPath,
    connections: options.connections,
    durationS: result.duration,
    responses: latencies.length,
    requestsPerSecond: round1(result.requests.average),
    latencyMs: {
      mean: round1(mean),
      p50: round1(percentile(latencies, 50)),
      p95: round1(percentile(latencies, 95)),
      p99: round1(percentile(latencies, 99)),
      max: round1(latencies.at(-1) ?? NaN),
    },
    status2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    rssBeforeMib: Math.round(rssBeforeKib / 1024),
    peakRssMib: Math.round(peakRssKib / 1024),
    loadAverageAfter: loadAverage(),
  };
}

export async function runLoadBench(argv: string[] = process.argv.slice(2)): Promise<LoadBenchResult> {
  const options = parseOptions(argv);
  const log = (message: string) => {
    if (!options.quiet) console.log(message);
  };
  const loadAverageAtStart = loadAverage();
  log(`load average at start: ${loadAverageAtStart.join(", ")} (${os.cpus().length} CPUs)`);
  await prepareDatabase(options);
  build({ requests: 0, ...options });
  const { fleet, functionId } = await pickTargets();
  const targets = [
    { name: "functions list", path: "/functions" },
    { name: "function page", path: `/functions/${encodeURIComponent(functionId)}` },
  ];

  const baseUrl = `http://127.0.0.1:${options.port}`;
  log(`› starting next start on ${baseUrl}`);
  const server = startServer(options.port);
  try {
    await waitForHealth(baseUrl, server);
    const pid = server.pid!;
    log("› warming up");
    for (const target of targets) await warmUp(baseUrl + target.path, 5);

    const results: LoadTargetResult[] = [];
    for (const target of targets) {
      log(`› ${target.name} ${target.path}: ${options.connections} connections for ${options.duration} s`);
      results.push(await loadOne(target.name, baseUrl, target.path, pid, options));
    }
    const result: LoadBenchResult = {
      fleet,
      connections: options.connections,
      durationS: options.duration,
      cpus: os.cpus().length,
      loadAverageAtStart,
      targets: results,
      isClean: results.every((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0),
    };
    if (!options.quiet) {
      console.table(
        results.map((r) => ({
          target: r.target,
          "req/s": r.requestsPerSecond,
          responses: r.responses,
          "p50 ms": r.latencyMs.p50,
          "p95 ms": r.latencyMs.p95,
          "p99 ms": r.latencyMs.p99,
          "max ms": r.latencyMs.max,
          non2xx: r.non2xx,
          errors: r.errors,
          timeouts: r.timeouts,
          "peak RSS MiB": r.peakRssMib,
          "load avg after": r.loadAverageAfter.join(" "),
        })),
      );
      console.log(
        `fleet: ${fleet.functions} functions, ${fleet.services} services; ${options.connections} connections, ` +
          `${options.duration} s per target; load average at start ${loadAverageAtStart.join(", ")} ` +
          `on ${result.cpus} CPUs — ${result.isClean ? "0 failed requests" : "FAILED REQUESTS"}`,
      );
    }
    if (options.json) {
      fs.writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
      log(`› wrote ${options.json}`);
    }
    if (!result.isClean) process.exitCode = 1;
    return result;
  } finally {
    await stopServer(server);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runLoadBench().catch((error: unknown) => {
    console.error(`bench/load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
