/**
 * AWS sync benchmark: "Sync now" through `next start` against the loopback fake AWS
 * (test/aws/fake-aws.ts) with a latency on every call, for fleets of 1,000 and 10,000 functions.
 *
 *   npx tsx bench/sync.ts [--functions 1000,10000] [--services 100] [--latency-ms 50] [--port 3210]
 *                         [--skip-build] [--keep-db] [--quiet]
 *
 * Per fleet size: start the fake in this process (provisioned concurrency on every 50th function),
 * create and migrate data/sync-bench.db, start the production server (the views bench's build) on it
 * with the fake's AWS environment, add the account through POST /api/accounts and start a sync with
 * POST /api/accounts/<id>/sync — the server runs scripts/sync.ts in its own process, the real path.
 * While it runs, GET /api/health every 100 ms (latency of each) and GET /api/sync-runs/<runId> every
 * second (progress, server tree RSS and CPU). Each run is capped at 15 minutes. The database (7 GB
 * for 10,000 functions) is deleted after each size unless --keep-db.
 *
 * Reports: wall time of the run (its startedAt → finishedAt), calls per API, GetMetricData calls per
 * time window against ceil(metrics ÷ 500), estimated dollars (the run's and estimateSync's), health
 * latency p50/p95/max, peak RSS and CPU seconds of the fake, the server and the sync process.
 *
 * Targets (the sync issue): 10,000 functions in under 5 minutes; health p95 under 50 ms during the
 * run; GetMetricData calls no more than ceil(functions × metrics ÷ 500) per time window.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { MAX_DATAPOINTS_PER_CALL, MAX_QUERIES_PER_CALL } from "../lib/aws/map-cloudwatch";
import {
  DEFAULT_SYNC_DAYS,
  FARGATE_QUERIES,
  HOURLY_DAYS,
  LAMBDA_BASIC_QUERIES,
  LAMBDA_PERCENTILE_QUERIES,
  PROVISIONED_QUERIES_PER_QUALIFIER,
  estimateSync,
} from "../lib/sync/windows";
import { FAKE_SERVICES_PER_CLUSTER, startFakeAws } from "../test/aws/fake-aws";
import { awsTestEnv } from "../test/aws/moto";
import { DIST_DIR, build, percentile, readTreeRssKib, waitForHealth } from "./views";
import { migrateInChildProcess } from "../lib/db/migrate-process";

const ROOT = path.resolve(import.meta.dirname, "..");
const DB_FILE = "data/sync-bench.db";
const DB_URL = `file:./${DB_FILE}`;
const ACCOUNT_ID = "111122223333";
const REGION = "us-east-1";
const PC_EVERY = 50;
/** GetMetricData windows a first sync reads: hourly and daily. */
const METRIC_WINDOWS = 2;
const RUN_CAP_MS = 15 * 60_000;
const HEALTH_EVERY_MS = 100;
const RUN_POLL_EVERY_MS = 1_000;
const HEALTH_TIMEOUT_MS = 10_000;
const CLOCK_TICKS_PER_S = 100;

export const SYNC_TARGETS = { tenThousandWallS: 300, healthP95Ms: 50 } as const;

type Options = {
  functions: number[];
  services: number;
  latencyMs: number;
  port: number;
  quiet: boolean;
  skipBuild: boolean;
  keepDb: boolean;
};

type RunView = {
  id: string;
  status: "running" | "succeeded" | "partial" | "failed";
  startedAt: string;
  finishedAt: string | null;
  step: string | null;
  done: number | null;
  total: number | null;
  rowsWritten: number | null;
  calls: Record<string, number>;
  callsTotal: number;
  estimatedCostUsd: number | null;
  issues: { region: string; api: string; code: string; message: string }[];
  error: string | null;
};

type HealthStats = { requests: number; p50Ms: number; p95Ms: number; maxMs: number };

type Check = { target: string; value: number | null; ok: boolean };

export type SyncSizeResult = {
  fleet: { functions: number; services: number; clusters: number; provisionedQualifiers: number };
  latencyMs: number;
  runId: string | null;
  status: RunView["status"] | "timeout" | "not started";
  error: string | null;
  issues: RunView["issues"];
  wallS: number | null;
  rowsWritten: number | null;
  dbSizeMib: number;
  callsByApi: Record<string, number>;
  callsTotal: number;
  /** Requests the fake answered, per "service:Operation" (SDK retries included). */
  fakeCalls: Record<string, number>;
  getMetricData: {
    calls: number;
    perWindow: number;
    /** ceil(metrics ÷ 500): the issue's bound per window. */
    boundPerWindow: number;
    metricsPerWindow: number;
    /** What lib/aws packs per window (basic and percentile calls, fitted to 100,800 datapoints). */
    packedByWindow: { hour: number; day: number };
  };
  estimatedCostUsd: { run: number | null; estimateSync: number; estimateSyncGetMetricDataCalls: number };
  health: HealthStats & { errors: number; baseline: HealthStats };
  /** Seconds after the POST when each step was first seen (1 s polls). */
  phases: Record<string, number>;
  peakRssMib: number;
  /** CPU seconds during the run: the fake (this process), the server, the sync process. */
  cpuS: { fake: number; server: number; sync: number };
  checks: { wall?: Check; healthP95: Check; getMetricData: Check };
};

export type SyncBenchResult = { sizes: SyncSizeResult[]; isWithinTargets: boolean };

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      functions: { type: "string", default: "1000,10000" },
      services: { type: "string", default: "100" },
      "latency-ms": { type: "string", default: "50" },
      port: { type: "string", default: "3210" },
      quiet: { type: "boolean", default: false },
      "skip-build": { type: "boolean", default: false },
      "keep-db": { type: "boolean", default: false },
    },
    strict: true,
    // `npm run bench -- sync` passes the bench's name.
    allowPositionals: true,
  });
  const functions = values.functions
    .split(",")
    .map((n) => Number(n.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  if (functions.length === 0) throw new Error(`--functions: a list of counts, got ${values.functions}`);
  return {
    functions,
    services: Math.max(0, Math.floor(Number(values.services)) || 0),
    latencyMs: Math.max(0, Number(values["latency-ms"]) || 0),
    port: Number(values.port) || 3210,
    quiet: values.quiet,
    skipBuild: values["skip-build"],
    keepDb: values["keep-db"],
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n: number) => Math.round(n * 10) / 10;

function healthStats(latencies: number[]): HealthStats {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50Ms: round1(percentile(sorted, 50)),
    p95Ms: round1(percentile(sorted, 95)),
    maxMs: round1(sorted.at(-1) ?? NaN),
  };
}

/** The fake's AWS environment for the server (and so its sync child); "" means unset. */
function serverEnv(endpoint: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    DATABASE_URL: DB_URL,
    NEXT_DIST_DIR: DIST_DIR,
  };
  for (const [name, value] of Object.entries(awsTestEnv(endpoint, REGION))) {
    if (value === "") delete env[name];
    else env[name] = value;
  }
  return env;
}

function freshDatabase(): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    fs.rmSync(path.join(ROOT, DB_FILE + suffix), { force: true });
  migrateInChildProcess(DB_URL, { stdio: ["ignore", "ignore", "inherit"] });
}

function fileSizeMib(file: string): number {
  let bytes = 0;
  for (const suffix of ["", "-wal"]) {
    try {
      bytes += fs.statSync(path.join(ROOT, file + suffix)).size;
    } catch {
      // absent
    }
  }
  return Math.round(bytes / 1024 / 1024);
}

/** Direct children of a process (Linux /proc). */
function childPids(pid: number): number[] {
  const pids: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
        pids.push(...text.split(/\s+/).filter(Boolean).map(Number));
      } catch {
        // task gone
      }
    }
  } catch {
    // process gone
  }
  return pids;
}

function descendantPids(pid: number): number[] {
  const found: number[] = [];
  for (const child of childPids(pid)) found.push(child, ...descendantPids(child));
  return found;
}

/** utime + stime of one process, seconds, or null when it is gone. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of /proc/<pid>/stat; the slice starts at field 3.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.pid === undefined) return;
  // The sync process the server started (a leftover when the run was capped) first, by pid.
  for (const pid of descendantPids(server.pid).reverse()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    server.kill("SIGKILL");
    await exited;
  }
}

function sameSiteHeaders(baseUrl: string): Record<string, string> {
  return { "content-type": "application/json", origin: baseUrl, "sec-fetch-site": "same-origin" };
}

async function postJson(baseUrl: string, pathname: string, body: unknown): Promise<Response> {
  return fetch(baseUrl + pathname, {
    method: "POST",
    headers: sameSiteHeaders(baseUrl),
    body: JSON.stringify(body),
  });
}

async function getRun(baseUrl: string, runId: string): Promise<RunView> {
  const response = await fetch(`${baseUrl}/api/sync-runs/${encodeURIComponent(runId)}`, {
    signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`GET /api/sync-runs/${runId} answered ${response.status}`);
  return (await response.json()) as RunView;
}

/** GET /api/health every 100 ms until stopped: each request's latency (ms), failures apart. */
function startHealthProbe(baseUrl: string) {
  const latencies: number[] = [];
  let errors = 0;
  let isStopped = false;
  const done = (async () => {
    while (!isStopped) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl}/api/health`, {
          signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        if (!response.ok) errors += 1;
      } catch {
        errors += 1;
      }
      const elapsed = performance.now() - started;
      latencies.push(elapsed);
      await sleep(Math.max(0, HEALTH_EVERY_MS - elapsed));
    }
  })();
  return {
    async stop() {
      isStopped = true;
      await done;
      return { latencies, errors };
    },
  };
}

/** Metric queries per window and what lib/aws packs them into (see packMetricQueries). */
function metricPlan(functions: number, services: number, qualifiers: number) {
  const basic =
    functions * LAMBDA_BASIC_QUERIES +
    qualifiers * PROVISIONED_QUERIES_PER_QUALIFIER +
    services * FARGATE_QUERIES;
  const percentiles = functions * LAMBDA_PERCENTILE_QUERIES;
  const packed = (points: number) => {
    const perCall = Math.max(1, Math.min(MAX_QUERIES_PER_CALL, Math.floor(MAX_DATAPOINTS_PER_CALL / points)));
    return Math.ceil(basic / perCall) + Math.ceil(percentiles / perCall);
  };
  const metricsPerWindow = basic + percentiles;
  return {
    metricsPerWindow,
    boundPerWindow: Math.ceil(metricsPerWindow / MAX_QUERIES_PER_CALL),
    packedByWindow: {
      hour: packed(HOURLY_DAYS * 24),
      day: packed(DEFAULT_SYNC_DAYS),
    },
  };
}

async function benchOneSize(functions: number, options: Options): Promise<SyncSizeResult> {
  const log = (message: string) => {
    if (!options.quiet) console.log(message);
  };
  const services = options.services;
  const qualifiers = Math.ceil(functions / PC_EVERY);
  const clusters = Math.ceil(services / FAKE_SERVICES_PER_CLUSTER);
  const plan = metricPlan(functions, services, qualifiers);
  const estimate = estimateSync({
    functions,
    services,
    provisionedQualifiers: qualifiers,
    days: 90,
    clusters,
  });

  log(`\n› ${functions} functions, ${services} services, ${options.latencyMs} ms per call`);
  const fake = await startFakeAws({
    fleet: { functions, services, pcEvery: PC_EVERY },
    latencyMs: options.latencyMs,
    accountId: ACCOUNT_ID,
    region: REGION,
  });
  let server: ChildProcess | null = null;
  try {
    freshDatabase();
    const baseUrl = `http://127.0.0.1:${options.port}`;
    server = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/next/dist/bin/next"),
        "start",
        "-H",
        "127.0.0.1",
        "-p",
        String(options.port),
      ],
      { cwd: ROOT, env: serverEnv(fake.endpoint), stdio: ["ignore", "ignore", "inherit"] },
    );
    await waitForHealth(baseUrl, server);
    const serverPid = server.pid!;
    // Warm the routes the run uses, so the first poll does not pay for compilation of the handlers.
    for (let i = 0; i < 5; i += 1) await (await fetch(`${baseUrl}/api/health`)).arrayBuffer();

    const added = await postJson(baseUrl, "/api/accounts", {
      id: ACCOUNT_ID,
      name: "bench",
      regions: [REGION],
    });
    if (added.status !== 201)
      throw new Error(`POST /api/accounts answered ${added.status}: ${await added.text()}`);

    // Baseline: the same probe for 5 s before the sync, on the same (possibly shared) machine.
    const baselineProbe = startHealthProbe(baseUrl);
    await sleep(5_000);
    const baseline = healthStats((await baselineProbe.stop()).latencies);

    const fakeCpuBefore = process.cpuUsage();
    const serverCpuBefore = cpuSecondsOf(serverPid) ?? 0;
    const probe = startHealthProbe(baseUrl);
    const postedAt = Date.now();
    const started = await postJson(baseUrl, `/api/accounts/${ACCOUNT_ID}/sync`, {});
    if (started.status !== 202) {
      await probe.stop();
      throw new Error(
        `POST /api/accounts/${ACCOUNT_ID}/sync answered ${started.status}: ${await started.text()}`,
      );
    }
    const { runId } = (await started.json()) as { runId: string };
    log(`  run ${runId}`);

    let run: RunView | null = null;
    let peakRssKib = 0;
    const syncCpu = new Map<number, number>();
    let isCapped = false;
    const phases: Record<string, number> = {};
    while (true) {
      await sleep(RUN_POLL_EVERY_MS);
      peakRssKib = Math.max(peakRssKib, readTreeRssKib(serverPid));
      for (const pid of descendantPids(serverPid)) {
        const cpu = cpuSecondsOf(pid);
        if (cpu !== null) syncCpu.set(pid, cpu);
      }
      try {
        run = await getRun(baseUrl, runId);
      } catch (error) {
        log(`  poll failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      const elapsedS = (Date.now() - postedAt) / 1000;
      const phase = run?.step?.replace(/^[^:]*: /, "");
      if (run?.status === "running" && phase && !(phase in phases)) phases[phase] = Math.round(elapsedS);
      if (run && !options.quiet) {
        const progress = run.total ? ` ${run.done ?? 0}/${run.total}` : "";
        console.log(
          `  [${elapsedS.toFixed(0).padStart(4)} s] ${run.status} · ${run.step ?? "…"}${progress} · ${run.callsTotal} calls · RSS ${Math.round(readTreeRssKib(serverPid) / 1024)} MiB`,
        );
      }
      if (run && run.status !== "running") break;
      if (Date.now() - postedAt > RUN_CAP_MS) {
        isCapped = true;
        log(`  capped after ${RUN_CAP_MS / 60_000} minutes`);
        break;
      }
    }
    const { latencies, errors } = await probe.stop();
    const fakeCpu = process.cpuUsage(fakeCpuBefore);
    const serverCpu = (cpuSecondsOf(serverPid) ?? serverCpuBefore) - serverCpuBefore;

    const health = { ...healthStats(latencies), errors, baseline };
    const wallS =
      run?.finishedAt && run.startedAt
        ? round1((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)
        : isCapped
          ? round1((Date.now() - postedAt) / 1000)
          : null;
    const gmdCalls = run?.calls["cloudwatch:GetMetricData"] ?? 0;
    const perWindow = gmdCalls / METRIC_WINDOWS;
    const isTen = functions >= 10_000;
    const checks: SyncSizeResult["checks"] = {
      healthP95: {
        target: `< ${SYNC_TARGETS.healthP95Ms} ms`,
        value: health.p95Ms,
        ok: health.p95Ms < SYNC_TARGETS.healthP95Ms && errors === 0,
      },
      getMetricData: {
        target: `≤ ${plan.boundPerWindow} per window`,
        value: perWindow,
        ok: !isCapped && gmdCalls > 0 && perWindow <= plan.boundPerWindow,
      },
      ...(isTen
        ? {
            wall: {
              target: `< ${SYNC_TARGETS.tenThousandWallS} s`,
              value: wallS,
              ok:
                !isCapped &&
                run?.status !== "failed" &&
                wallS !== null &&
                wallS < SYNC_TARGETS.tenThousandWallS,
            },
          }
        : {}),
    };
    return {
      fleet: { functions, services, clusters, provisionedQualifiers: qualifiers },
      latencyMs: options.latencyMs,
      runId,
      status: isCapped ? "timeout" : (run?.status ?? "running"),
      error: run?.error ?? null,
      issues: run?.issues ?? [],
      wallS,
      rowsWritten: run?.rowsWritten ?? null,
      dbSizeMib: fileSizeMib(DB_FILE),
      callsByApi: run?.calls ?? {},
      callsTotal: run?.callsTotal ?? 0,
      fakeCalls: { ...fake.calls },
      getMetricData: {
        calls: gmdCalls,
        perWindow,
        boundPerWindow: plan.boundPerWindow,
        metricsPerWindow: plan.metricsPerWindow,
        packedByWindow: plan.packedByWindow,
      },
      estimatedCostUsd: {
        run: run?.estimatedCostUsd ?? null,
        estimateSync: estimate.estimatedCostUsd,
        estimateSyncGetMetricDataCalls: estimate.getMetricDataCalls,
      },
      health,
      phases,
      peakRssMib: Math.round(peakRssKib / 1024),
      cpuS: {
        fake: round1((fakeCpu.user + fakeCpu.system) / 1e6),
        server: round1(serverCpu),
        sync: round1([...syncCpu.values()].reduce((sum, n) => sum + n, 0)),
      },
      checks,
    };
  } finally {
    if (server) await stopServer(server);
    await fake.stop();
    if (!options.keepDb)
      for (const suffix of ["", "-wal", "-shm", "-journal"])
        fs.rmSync(path.join(ROOT, DB_FILE + suffix), { force: true });
  }
}

function printResults(sizes: SyncSizeResult[]): void {
  const mark = (check: Check | undefined) => (check === undefined ? "—" : check.ok ? "PASS" : "MISS");
  console.table(
    sizes.map((s) => ({
      functions: s.fleet.functions,
      status: s.status,
      "wall s": s.wallS ?? "",
      "< 300 s": mark(s.checks.wall),
      calls: s.callsTotal,
      "GMD calls": s.getMetricData.calls,
      "GMD at fake": s.fakeCalls["cloudwatch:GetMetricData"] ?? 0,
      "GMD / window": s.getMetricData.perWindow,
      "bound / window": s.getMetricData.boundPerWindow,
      "GMD ok": mark(s.checks.getMetricData),
      "run $": s.estimatedCostUsd.run === null ? "" : s.estimatedCostUsd.run.toFixed(4),
      "estimate $": s.estimatedCostUsd.estimateSync.toFixed(4),
      "health p50": s.health.p50Ms,
      "health p95": s.health.p95Ms,
      "health max": s.health.maxMs,
      "idle p95": s.health.baseline.p95Ms,
      "p95 ok": mark(s.checks.healthP95),
      "RSS MiB": s.peakRssMib,
    })),
  );
  for (const s of sizes) {
    console.log(`\n${s.fleet.functions} functions — calls per API:`);
    for (const [api, count] of Object.entries(s.callsByApi).sort(([a], [b]) => (a < b ? -1 : 1)))
      console.log(`  ${api.padEnd(44)} ${count}`);
    console.log(
      `  GetMetricData packed per window (lib/aws): hour ${s.getMetricData.packedByWindow.hour}, day ${s.getMetricData.packedByWindow.day}; ` +
        `${s.getMetricData.metricsPerWindow} metrics per window → bound ${s.getMetricData.boundPerWindow}`,
    );
    console.log(
      `  health: ${s.health.requests} requests, ${s.health.errors} errors; CPU s: fake ${s.cpuS.fake}, server ${s.cpuS.server}, sync ${s.cpuS.sync}; ` +
        `${s.rowsWritten ?? "?"} rows, SQLite ${s.dbSizeMib} MiB`,
    );
    console.log(
      `  phases (s after POST): ${Object.entries(s.phases)
        .map(([step, at]) => `${step} ${at}`)
        .join(", ")}`,
    );
    if (s.error) console.log(`  error: ${s.error}`);
    for (const issue of s.issues.slice(0, 5))
      console.log(`  issue: ${issue.api} ${issue.code}: ${issue.message}`);
  }
}

export async function runSyncBench(argv: string[] = process.argv.slice(2)): Promise<SyncBenchResult> {
  const options = parseOptions(argv);
  build({
    requests: 0,
    skipBuild: options.skipBuild,
    regenerate: false,
    port: options.port,
    quiet: options.quiet,
  });
  const sizes: SyncSizeResult[] = [];
  for (const functions of options.functions) sizes.push(await benchOneSize(functions, options));
  if (!options.quiet) printResults(sizes);
  return {
    sizes,
    isWithinTargets: sizes.every((s) => Object.values(s.checks).every((check) => check.ok)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSyncBench().catch((error: unknown) => {
    console.error(`bench/sync: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
