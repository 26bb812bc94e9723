/**
 * Fleet views benchmark: the fleet pages served by `next start` on a 10,000-function /
 * 1,000-service demo fleet with 90 days of data, in SQLite.
 *
 *   npm run bench -- views
 *   npx tsx bench/views.ts [--requests 200] [--clients 20] [--duration 20] [--port 3402]
 *                          [--skip-build] [--regenerate] [--quiet]
 *
 * Steps: generate the fleet into data/views-bench.db (reused when it already holds the fleet;
 * migrated in place when only newer migrations are missing), build into .next-views-bench
 * (skipped with --skip-build when a build exists), start the server on 127.0.0.1, warm up, then:
 *
 * 1. sequential: each page kind N times one after the other (default 200), cycling through sorts,
 *    filters, pages, functions and ranges; p50/p95 of the full response (last byte, so every
 *    streamed Suspense boundary is included);
 * 2. concurrent: C clients (default 20, autocannon) for D seconds (default 20) on the functions
 *    list and on function pages, cycling through the same URLs; requests/s, p50, p95, failures,
 *    and the server's CPU time per response (a figure other load on the machine hardly moves);
 * 3. first-load JavaScript per route: the script chunks each route's HTML loads or preloads,
 *    gzipped and summed;
 * 4. the seconds of the full recommendations CSV export (every status).
 *
 * The server's resident memory (VmRSS of its process tree) is sampled every 250 ms throughout.
 * Targets: sequential p95 functions list < 150 ms, function page < 200 ms, recommendations page
 * < 200 ms; with 20 clients the functions list ≥ 100 requests/s and p95 < 300 ms; peak RSS
 * < 500 MiB; first-load JS < 250 kB gzipped on every route. The load average is printed at the
 * start and the end: the figures only compare between runs on an equally quiet machine.
 * `npm run bench` passes no flags through; BENCH_VIEWS_* variables set the same options. The
 * server gets the `--max-old-space-size` of package.json's `start` script, if any
 * (BENCH_SERVER_MAX_OLD_SPACE_MIB overrides it): RSS depends on it far more than on the pages.
 */
import autocannon from "autocannon";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { createDb } from "../lib/db/create-db";

const ROOT = path.resolve(import.meta.dirname, "..");
export const DB_FILE = "data/views-bench.db";
export const DB_URL = `file:./${DB_FILE}`;
export const DIST_DIR = ".next-views-bench";
const FLEET = { functions: 10_000, services: 1_000 };

export const VIEWS_TARGETS_MS = {
  functionsListP95: 150,
  functionPageP95: 200,
  recommendationsPageP95: 200,
} as const;

/** Targets of issue #11 ("Pages"): concurrent load, server memory and first-load JavaScript. */
export const VIEWS_LOAD_TARGETS = {
  clients: 20,
  functionsListMinRequestsPerS: 100,
  functionsListP95Ms: 300,
  peakRssMib: 500,
  /** Gzipped JavaScript a first visit of any route downloads, kB (1,000 bytes). */
  firstLoadJsKb: 250,
} as const;

export type PageStats = {
  page: string;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Server RSS (whole process tree) after this page kind, MiB. */
  rssMib: number;
  targetP95Ms?: number;
  isWithinTarget?: boolean;
};

export type ConcurrentStats = {
  page: string;
  clients: number;
  durationS: number;
  responses: number;
  requestsPerS: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Non-2xx answers, connection errors and timeouts together. */
  failures: number;
  /**
   * Server CPU time (user + system, whole process tree) per response, ms: unlike latency, hardly
   * moved by other work on the machine; cores × 1,000 / this is the throughput ceiling.
   */
  serverCpuMsPerResponse: number;
  peakRssMib: number;
  targetRequestsPerS?: number;
  targetP95Ms?: number;
  isWithinTarget?: boolean;
};

export type FirstLoadJs = {
  route: string;
  path: string;
  /** Script chunks the route's HTML loads or preloads. */
  chunks: number;
  rawKb: number;
  gzipKb: number;
  targetGzipKb: number;
  isWithinTarget: boolean;
};

export type ViewsBenchResult = {
  fleet: { functions: number; services: number; days: number; dbSizeMib: number };
  /** 1, 5 and 15 minute load averages at the start and the end (the machine is shared). */
  loadAverage: { start: number[]; end: number[]; cpus: number };
  requestsPerPage: number;
  pages: PageStats[];
  concurrent: ConcurrentStats[];
  firstLoadJs: FirstLoadJs[];
  /** The full CSV export (every status) of the recommendations. */
  csvExport: { rows: number; sizeMib: number; medianSeconds: number };
  /** Highest server RSS sampled every 250 ms over the whole run, MiB. */
  peakRssMib: number;
  /** The server's `--max-old-space-size` (null: V8's default). */
  serverMaxOldSpaceMib: number | null;
  targetPeakRssMib: number;
  isWithinTargets: boolean;
};

type Options = {
  requests: number;
  skipBuild: boolean;
  regenerate: boolean;
  port: number;
  quiet: boolean;
  /** Concurrent clients of the load phase (0 skips it). */
  clients: number;
  /** Seconds of load per page kind. */
  durationS: number;
};

/** What build() needs; the other benches pass their own options objects. */
type BuildOptions = Pick<Options, "skipBuild" | "quiet"> & Partial<Omit<Options, "skipBuild" | "quiet">>;

/**
 * Flags, or the environment for `npm run bench -- views` (which passes no flags through):
 * BENCH_VIEWS_REQUESTS, BENCH_VIEWS_CLIENTS, BENCH_VIEWS_DURATION, BENCH_VIEWS_PORT,
 * BENCH_VIEWS_SKIP_BUILD=1.
 */
function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: "string", default: process.env.BENCH_VIEWS_REQUESTS ?? "200" },
      clients: { type: "string", default: process.env.BENCH_VIEWS_CLIENTS ?? "20" },
      duration: { type: "string", default: process.env.BENCH_VIEWS_DURATION ?? "20" },
      port: { type: "string", default: process.env.BENCH_VIEWS_PORT ?? "3402" },
      "skip-build": { type: "boolean", default: process.env.BENCH_VIEWS_SKIP_BUILD === "1" },
      regenerate: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
    },
    strict: true,
    // `npm run bench -- views` passes the bench's name.
    allowPositionals: true,
  });
  const requests = Math.floor(Number(values.requests));
  const clients = Math.floor(Number(values.clients));
  const durationS = Number(values.duration);
  const port = Math.floor(Number(values.port));
  if (!(requests >= 10 && requests <= 2000))
    throw new Error(`--requests: 10 to 2000, got ${values.requests}`);
  if (!(clients >= 0 && clients <= 200)) throw new Error(`--clients: 0 to 200, got ${values.clients}`);
  if (!(durationS >= 1 && durationS <= 600))
    throw new Error(`--duration: 1 to 600 s, got ${values.duration}`);
  if (!(port >= 1024 && port <= 65535)) throw new Error(`--port: 1024 to 65535, got ${values.port}`);
  return {
    requests,
    clients,
    durationS,
    port,
    skipBuild: values["skip-build"],
    regenerate: values.regenerate,
    quiet: values.quiet,
  };
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function log(options: Pick<Options, "quiet">, message: string): void {
  if (!options.quiet) console.log(message);
}

type StoredFleet = { functions: number; services: number; pendingMigrations: string[] };

/** The fleet in DB_FILE and the migrations it still lacks, or null when there is none. */
async function countFleet(): Promise<StoredFleet | null> {
  if (!fs.existsSync(path.join(ROOT, DB_FILE))) return null;
  const db = createDb(DB_URL);
  try {
    const applied = await db.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    const appliedNames = new Set(applied.map((row) => row.name));
    const pendingMigrations = fs
      .readdirSync(path.join(ROOT, "prisma/migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !appliedNames.has(entry.name))
      .map((entry) => entry.name);
    return {
      functions: await db.lambdaFunction.count(),
      services: await db.fargateService.count(),
      pendingMigrations,
    };
  } catch {
    return null;
  } finally {
    await db.$disconnect();
  }
}

/**
 * Generates the 10,000-function fleet into DB_FILE unless it already holds it (shared with
 * bench/recommend.ts). A fleet that only lacks newer migrations is migrated in place (seconds)
 * rather than generated again (minutes); when migrating fails, it is generated again.
 */
export async function prepareDatabase(options: Pick<Options, "regenerate" | "quiet">): Promise<void> {
  const existing = await countFleet();
  const hasFleet =
    !options.regenerate && existing?.functions === FLEET.functions && existing.services === FLEET.services;
  if (hasFleet && existing.pendingMigrations.length > 0) {
    log(options, `› migrating ${DB_FILE} (${existing.pendingMigrations.join(", ")})`);
    try {
      execFileSync("npm", ["run", "-s", "db:migrate"], {
        cwd: ROOT,
        stdio: options.quiet ? "ignore" : "inherit",
        env: { ...env, DATABASE_URL: DB_URL },
      });
    } catch {
      log(options, "  migrating failed: generating the fleet again");
    }
  }
  const current = hasFleet ? await countFleet() : null;
  if (current?.pendingMigrations.length === 0) {
    log(options, `› reusing ${DB_FILE} (${current.functions} functions, ${current.services} services)`);
    return;
  }
  for (const suffix of ["", "-wal", "-shm", "-journal"])
    fs.rmSync(path.join(ROOT, DB_FILE + suffix), { force: true });
  log(
    options,
    `› generating ${FLEET.functions} functions / ${FLEET.services} services, 90 days into ${DB_FILE}`,
  );
  const started = Date.now();
  execFileSync(
    "npm",
    [
      "run",
      "-s",
      "demo",
      "--",
      "--functions",
      String(FLEET.functions),
      "--services",
      String(FLEET.services),
      "--quiet",
    ],
    { cwd: ROOT, stdio: "inherit", env: { ...env, DATABASE_URL: DB_URL } },
  );
  log(options, `  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export function build(options: BuildOptions): void {
  const hasBuild = fs.existsSync(path.join(ROOT, DIST_DIR, "BUILD_ID"));
  if (options.skipBuild && hasBuild) {
    log(options, `› reusing the build in ${DIST_DIR}`);
    return;
  }
  log(options, `› building into ${DIST_DIR}`);
  const tsconfigPath = path.join(ROOT, "tsconfig.json");
  const tsconfigBefore = fs.readFileSync(tsconfigPath, "utf8");
  try {
    execFileSync("npx", ["next", "build"], {
      cwd: ROOT,
      stdio: options.quiet ? "ignore" : "inherit",
      env: { ...env, NEXT_DIST_DIR: DIST_DIR },
    });
  } finally {
    restoreTsconfig(tsconfigPath, tsconfigBefore);
  }
}

/**
 * `next build` with a custom distDir adds "<distDir>/types/**" to tsconfig.json's include. Undo
 * exactly that (and nothing else, so a teammate's concurrent edit survives).
 */
function restoreTsconfig(tsconfigPath: string, before: string): void {
  const after = fs.readFileSync(tsconfigPath, "utf8");
  if (after === before) return;
  try {
    const parsed = JSON.parse(after) as { include?: string[] };
    parsed.include = parsed.include?.filter((entry) => !entry.startsWith(`${DIST_DIR}/`));
    if (JSON.stringify(parsed) === JSON.stringify(JSON.parse(before))) fs.writeFileSync(tsconfigPath, before);
  } catch {
    // Not JSON we understand: leave it for a human.
  }
}

/**
 * The V8 old-space limit the server runs with, MiB: BENCH_SERVER_MAX_OLD_SPACE_MIB when set, else
 * the `--max-old-space-size` of package.json's `serve` script (so the bench measures what
 * `npm start` runs), else none (V8's default, several GiB: the heap then grows far beyond what
 * the pages keep alive before V8 collects it).
 */
export function readServerMaxOldSpaceMib(): number | null {
  const fromEnv = Number(process.env.BENCH_SERVER_MAX_OLD_SPACE_MIB);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
    };
    const match = /--max-old-space-size=(\d+)/.exec(pkg.scripts?.serve ?? "");
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** `next start` of the bench build on 127.0.0.1 against the bench database (shared with bench/load.ts). */
export function startServer(port: number): ChildProcess {
  const maxOldSpaceMib = readServerMaxOldSpaceMib();
  return spawn(
    process.execPath,
    [
      ...(maxOldSpaceMib === null ? [] : [`--max-old-space-size=${maxOldSpaceMib}`]),
      path.join(ROOT, "node_modules/next/dist/bin/next"),
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      String(port),
    ],
    {
      cwd: ROOT,
      env: { ...env, NODE_ENV: "production", DATABASE_URL: DB_URL, NEXT_DIST_DIR: DIST_DIR },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

export async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not become healthy within 60 s");
}

/** The direct children of a process, from each of its threads' `children` file (Linux /proc). */
function listChildPids(pid: number): number[] {
  const pids: number[] = [];
  for (const task of fs.readdirSync(`/proc/${pid}/task`, { withFileTypes: true })) {
    try {
      const children = fs.readFileSync(`/proc/${pid}/task/${task.name}/children`, "utf8");
      pids.push(...children.split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // the thread ended meanwhile
    }
  }
  return pids;
}

/** VmRSS of a process and all its descendants, in KiB (Linux /proc). */
export function readTreeRssKib(pid: number): number {
  let total = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
  for (const child of listChildPids(pid)) total += readTreeRssKib(child);
  return total;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

async function timeRequest(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { accept: "text/html" } });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

async function measure(
  name: string,
  urls: string[],
  count: number,
  serverPid: number,
  target?: number,
): Promise<PageStats> {
  const timings: number[] = [];
  for (let i = 0; i < count; i += 1) timings.push(await timeRequest(urls[i % urls.length]!));
  timings.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  const p95 = percentile(timings, 95);
  return {
    page: name,
    requests: count,
    p50Ms: round(percentile(timings, 50)),
    p95Ms: round(p95),
    maxMs: round(timings.at(-1) ?? NaN),
    rssMib: Math.round(readTreeRssKib(serverPid) / 1024),
    ...(target === undefined ? {} : { targetP95Ms: target, isWithinTarget: p95 < target }),
  };
}

/** Downloads an export `times` times; its size, data rows and median seconds. */
async function measureExport(
  url: string,
  times: number,
): Promise<{ rows: number; sizeMib: number; medianSeconds: number }> {
  const seconds: number[] = [];
  let text = "";
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    const response = await fetch(url);
    text = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    seconds.push((performance.now() - started) / 1000);
  }
  seconds.sort((a, b) => a - b);
  return {
    // Records end with CRLF; a quoted cell may hold a bare newline, never CRLF.
    rows: text.split("\r\n").filter((line) => line !== "").length - 1,
    sizeMib: Math.round((Buffer.byteLength(text) / 1024 / 1024) * 10) / 10,
    medianSeconds: Math.round(seconds[Math.floor(seconds.length / 2)]! * 100) / 100,
  };
}

/** CPU time (user + system) of a process and its descendants so far, ms (Linux /proc). */
export function readTreeCpuMs(pid: number): number {
  let ticks = 0;
  try {
    // Fields after the command name: state is 3rd, utime 14th and stime 15th of the whole line.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    ticks = Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
  let total = (ticks * 1000) / clockTicksPerSecond();
  for (const child of listChildPids(pid)) total += readTreeCpuMs(child);
  return total;
}

let clockTicks: number | undefined;
function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Peak RSS of the server's process tree, sampled every 250 ms until stopped. */
function startRssSampler(pid: number): { peakMib: () => number; stop: () => void } {
  let peakKib = readTreeRssKib(pid);
  const timer = setInterval(() => {
    peakKib = Math.max(peakKib, readTreeRssKib(pid));
  }, 250);
  return {
    peakMib: () => Math.round(Math.max(peakKib, readTreeRssKib(pid)) / 1024),
    stop: () => clearInterval(timer),
  };
}

/**
 * `clients` concurrent connections (autocannon) for `durationS` seconds, each cycling through
 * `urls` (one base URL). Latency is every response's, recorded one by one (autocannon's own
 * summary has no p95); requests/s is responses over the measured seconds.
 */
async function measureConcurrent(
  name: string,
  urls: string[],
  options: Pick<Options, "clients" | "durationS">,
  serverPid: number,
  targets: { requestsPerS?: number; p95Ms?: number } = {},
): Promise<ConcurrentStats> {
  const base = new URL(urls[0]!);
  const latencies: number[] = [];
  const rss = startRssSampler(serverPid);
  const cpuBeforeMs = readTreeCpuMs(serverPid);
  let result: autocannon.Result;
  try {
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base.origin,
          connections: options.clients,
          duration: options.durationS,
          headers: { accept: "text/html" },
          requests: urls.map((url) => {
            const u = new URL(url);
            return { method: "GET" as const, path: u.pathname + u.search };
          }),
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
    rss.stop();
  }
  const cpuMs = readTreeCpuMs(serverPid) - cpuBeforeMs;
  latencies.sort((x, y) => x - y);
  const round = (n: number) => Math.round(n * 10) / 10;
  const requestsPerS = latencies.length / result.duration;
  const p95 = percentile(latencies, 95);
  const failures = result.non2xx + result.errors + result.timeouts;
  const hasTargets = targets.requestsPerS !== undefined || targets.p95Ms !== undefined;
  return {
    page: name,
    clients: options.clients,
    durationS: round(result.duration),
    responses: latencies.length,
    requestsPerS: round(requestsPerS),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(p95),
    maxMs: round(latencies.at(-1) ?? NaN),
    failures,
    serverCpuMsPerResponse: round(cpuMs / Math.max(1, latencies.length)),
    peakRssMib: rss.peakMib(),
    ...(targets.requestsPerS === undefined ? {} : { targetRequestsPerS: targets.requestsPerS }),
    ...(targets.p95Ms === undefined ? {} : { targetP95Ms: targets.p95Ms }),
    ...(hasTargets
      ? {
          isWithinTarget:
            failures === 0 &&
            requestsPerS >= (targets.requestsPerS ?? 0) &&
            p95 < (targets.p95Ms ?? Infinity),
        }
      : {}),
  };
}

/**
 * The script URLs a page's HTML loads (`<script src>`, except `nomodule` ones) or preloads
 * (`<link rel=preload as=script>`, modulepreload).
 */
export function findScriptUrls(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  for (const tag of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attributes = new Map<string, string>();
    for (const attribute of tag[2]!.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g))
      attributes.set(attribute[1]!.toLowerCase(), attribute[2]!.replaceAll("&amp;", "&"));
    const kind = tag[1]!.toLowerCase();
    // A browser with ES modules never fetches a `nomodule` script (Next's legacy polyfills).
    if (/(?:^|\s)nomodule(?=[\s=/]|$)/i.test(tag[2]!)) continue;
    const rel = attributes.get("rel") ?? "";
    const href =
      kind === "script"
        ? attributes.get("src")
        : rel === "modulepreload" || (rel === "preload" && attributes.get("as") === "script")
          ? attributes.get("href")
          : undefined;
    if (href) found.add(new URL(href, pageUrl).href);
  }
  return [...found];
}

/**
 * First-load JavaScript of each route: every script chunk its server-rendered HTML loads or
 * preloads, fetched from the server and gzipped (level 9), summed; legacy `nomodule` polyfills
 * are left out, as modern browsers skip them. Chunks loaded later (next/dynamic,
 * React.lazy) are not counted: a first visit does not wait for them.
 */
export async function measureFirstLoadJs(routes: { route: string; url: string }[]): Promise<FirstLoadJs[]> {
  const sizes = new Map<string, { raw: number; gzip: number }>();
  const sizeOf = async (url: string) => {
    const known = sizes.get(url);
    if (known) return known;
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    const size = { raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length };
    sizes.set(url, size);
    return size;
  };
  const results: FirstLoadJs[] = [];
  for (const { route, url } of routes) {
    const response = await fetch(url, { headers: { accept: "text/html" } });
    const html = await response.text();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    const scripts = findScriptUrls(html, url).filter((u) => new URL(u).origin === new URL(url).origin);
    let raw = 0;
    let gzip = 0;
    for (const script of scripts) {
      const size = await sizeOf(script);
      raw += size.raw;
      gzip += size.gzip;
    }
    const gzipKb = Math.round(gzip / 100) / 10;
    results.push({
      route,
      path: new URL(url).pathname,
      chunks: scripts.length,
      rawKb: Math.round(raw / 100) / 10,
      gzipKb,
      targetGzipKb: VIEWS_LOAD_TARGETS.firstLoadJsKb,
      isWithinTarget: gzipKb < VIEWS_LOAD_TARGETS.firstLoadJsKb,
    });
  }
  return results;
}

/** URLs to cycle through, drawn from the fleet itself so every filter matches something. */
async function sampleUrls(baseUrl: string) {
  const db = createDb(DB_URL);
  try {
    const functions = await db.lambdaFunction.findMany({
      select: { id: true, name: true, accountId: true, region: true, runtime: true, tagsJson: true },
      orderBy: { id: "asc" },
      take: 10_000,
    });
    const services = await db.fargateService.findMany({
      select: { id: true, clusterName: true },
      take: 1_000,
    });
    const pick = <T>(items: T[], i: number) => items[Math.floor((i * 7919) % items.length)]!;
    const someFunction = pick(functions, 3);
    const tags = JSON.parse(someFunction.tagsJson) as Record<string, string>;
    const [tagKey, tagValue] = Object.entries(tags)[0] ?? ["team", "payments"];
    const list = [
      "/functions",
      "/functions?sort=name",
      "/functions?sort=invocations&dir=asc",
      "/functions?sort=cpm",
      "/functions?sort=p95&page=37",
      `/functions?region=${someFunction.region}`,
      `/functions?account=${someFunction.accountId}&sort=memory`,
      `/functions?runtime=${someFunction.runtime ?? "image"}&arch=arm64`,
      `/functions?q=${encodeURIComponent(someFunction.name.slice(0, 4))}`,
      `/functions?tag=${encodeURIComponent(`${tagKey}=${tagValue}`)}&sort=name&dir=desc`,
      "/functions?page=200",
    ].map((u) => baseUrl + u);
    const ranges = ["", "?range=90d", "?range=14d"];
    const functionPages = Array.from({ length: 30 }, (_, i) => {
      const fn = pick(functions, i + 1);
      return `${baseUrl}/functions/${encodeURIComponent(fn.id)}${ranges[i % ranges.length]}`;
    });
    const serviceList = [
      "/services",
      "/services?sort=name",
      `/services?cluster=${pick(services, 5).clusterName}`,
    ].map((u) => baseUrl + u);
    const servicePages = Array.from({ length: 12 }, (_, i) => {
      const service = pick(services, i + 1);
      return `${baseUrl}/services/${encodeURIComponent(service.id)}${ranges[i % ranges.length]}`;
    });
    const recommendations = [
      "/recommendations",
      "/recommendations?sort=name",
      "/recommendations?kind=lambda-arm64",
      `/recommendations?account=${someFunction.accountId}&sort=percent`,
      `/recommendations?region=${someFunction.region}&confidence=high`,
      "/recommendations?status=all&min=10&page=3",
      `/recommendations?q=${encodeURIComponent(someFunction.name.slice(0, 4))}`,
      "/recommendations?page=999999",
    ].map((u) => baseUrl + u);
    return {
      list,
      functionPages,
      serviceList,
      servicePages,
      overview: [`${baseUrl}/`],
      recommendations,
      csvExport: `${baseUrl}/api/recommendations/export?format=csv&status=all`,
      firstLoadRoutes: [
        { route: "overview", url: `${baseUrl}/` },
        { route: "functions list", url: `${baseUrl}/functions` },
        { route: "function page", url: functionPages[0]!.replace(/\?.*$/, "") },
        { route: "services list", url: `${baseUrl}/services` },
        { route: "service page", url: servicePages[0]!.replace(/\?.*$/, "") },
        { route: "recommendations", url: `${baseUrl}/recommendations` },
        { route: "reconciliation", url: `${baseUrl}/reconciliation` },
        { route: "scenarios", url: `${baseUrl}/scenarios` },
        { route: "scenario compare", url: `${baseUrl}/scenarios/compare` },
        { route: "accounts", url: `${baseUrl}/accounts` },
      ],
    };
  } finally {
    await db.$disconnect();
  }
}

export async function runViewsBench(argv: string[] = process.argv.slice(2)): Promise<ViewsBenchResult> {
  const options = parseOptions(argv);
  const loadAverageAtStart = loadAverage();
  log(options, `load average at start: ${loadAverageAtStart.join(", ")} (${os.cpus().length} CPUs)`);
  await prepareDatabase(options);
  build(options);

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const maxOldSpaceMib = readServerMaxOldSpaceMib();
  log(
    options,
    `› starting next start on ${baseUrl} (V8 old space: ${maxOldSpaceMib === null ? "default" : `${maxOldSpaceMib} MiB`})`,
  );
  const server = startServer(options.port);
  let rss: ReturnType<typeof startRssSampler> | undefined;
  try {
    await waitForHealth(baseUrl, server);
    const urls = await sampleUrls(baseUrl);
    const pid = server.pid!;
    rss = startRssSampler(pid);

    log(options, "› warming up");
    for (const url of [
      ...urls.list,
      ...urls.functionPages.slice(0, 9),
      ...urls.serviceList,
      ...urls.servicePages.slice(0, 3),
      ...urls.overview,
      ...urls.recommendations,
    ]) {
      await timeRequest(url);
      await timeRequest(url);
    }

    const n = options.requests;
    log(options, `› measuring ${n} sequential requests per page kind`);
    const pages = [
      await measure("functions list", urls.list, n, pid, VIEWS_TARGETS_MS.functionsListP95),
      await measure("function page", urls.functionPages, n, pid, VIEWS_TARGETS_MS.functionPageP95),
      await measure("services list", urls.serviceList, Math.min(n, 100), pid),
      await measure("service page", urls.servicePages, Math.min(n, 100), pid),
      await measure("overview", urls.overview, Math.min(n, 30), pid),
      await measure(
        "recommendations page",
        urls.recommendations,
        n,
        pid,
        VIEWS_TARGETS_MS.recommendationsPageP95,
      ),
    ];

    const concurrent: ConcurrentStats[] = [];
    if (options.clients > 0) {
      log(options, `› ${options.clients} concurrent clients, ${options.durationS} s per page kind`);
      concurrent.push(
        await measureConcurrent("functions list", urls.list, options, pid, {
          requestsPerS: VIEWS_LOAD_TARGETS.functionsListMinRequestsPerS,
          p95Ms: VIEWS_LOAD_TARGETS.functionsListP95Ms,
        }),
        await measureConcurrent("function page", urls.functionPages, options, pid),
      );
    }

    log(options, "› first-load JavaScript per route");
    const firstLoadJs = await measureFirstLoadJs(urls.firstLoadRoutes);

    const csvExport = await measureExport(urls.csvExport, 3);
    log(
      options,
      `full CSV export: ${csvExport.rows} rows, ${csvExport.sizeMib} MiB, median ${csvExport.medianSeconds} s of 3`,
    );
    const peakRssMib = rss.peakMib();
    const fleet = await countFleet();
    const result: ViewsBenchResult = {
      fleet: {
        functions: fleet?.functions ?? 0,
        services: fleet?.services ?? 0,
        days: 90,
        dbSizeMib: Math.round(fs.statSync(path.join(ROOT, DB_FILE)).size / 1024 / 1024),
      },
      loadAverage: { start: loadAverageAtStart, end: loadAverage(), cpus: os.cpus().length },
      requestsPerPage: n,
      pages,
      concurrent,
      firstLoadJs,
      csvExport,
      peakRssMib,
      serverMaxOldSpaceMib: maxOldSpaceMib,
      targetPeakRssMib: VIEWS_LOAD_TARGETS.peakRssMib,
      isWithinTargets:
        pages.every((p) => p.isWithinTarget !== false) &&
        concurrent.every((c) => c.isWithinTarget !== false) &&
        firstLoadJs.every((f) => f.isWithinTarget) &&
        peakRssMib < VIEWS_LOAD_TARGETS.peakRssMib,
    };
    if (!options.quiet) printResult(result);
    return result;
  } finally {
    rss?.stop();
    await stopServer(server);
  }
}

const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

function printResult(result: ViewsBenchResult): void {
  const ok = (isWithin: boolean | undefined) => (isWithin === undefined ? "" : isWithin ? "yes" : "MISS");
  console.log("sequential (one request at a time):");
  console.table(
    result.pages.map((p) => ({
      page: p.page,
      requests: p.requests,
      "p50 ms": p.p50Ms,
      "p95 ms": p.p95Ms,
      "max ms": p.maxMs,
      "target p95": p.targetP95Ms ?? "",
      ok: ok(p.isWithinTarget),
      "RSS MiB": p.rssMib,
    })),
  );
  if (result.concurrent.length > 0) {
    console.log(`concurrent (${result.concurrent[0]!.clients} clients):`);
    console.table(
      result.concurrent.map((c) => ({
        page: c.page,
        "req/s": c.requestsPerS,
        responses: c.responses,
        "p50 ms": c.p50Ms,
        "p95 ms": c.p95Ms,
        "max ms": c.maxMs,
        failures: c.failures,
        "server CPU ms/resp": c.serverCpuMsPerResponse,
        target:
          c.targetRequestsPerS === undefined
            ? ""
            : `≥ ${c.targetRequestsPerS} req/s, p95 < ${c.targetP95Ms} ms`,
        ok: ok(c.isWithinTarget),
        "peak RSS MiB": c.peakRssMib,
      })),
    );
  }
  console.log("first-load JavaScript (gzip level 9, kB = 1,000 bytes):");
  console.table(
    result.firstLoadJs.map((f) => ({
      route: f.route,
      path: f.path,
      chunks: f.chunks,
      "raw kB": f.rawKb,
      "gzip kB": f.gzipKb,
      target: `< ${f.targetGzipKb}`,
      ok: ok(f.isWithinTarget),
    })),
  );
  console.log(
    `fleet: ${result.fleet.functions} functions, ${result.fleet.services} services, 90 days, SQLite ` +
      `${result.fleet.dbSizeMib} MiB; peak server RSS ${result.peakRssMib} MiB (target < ${result.targetPeakRssMib}: ` +
      `${ok(result.peakRssMib < result.targetPeakRssMib)}); load average ${result.loadAverage.start.join(" ")} → ` +
      `${result.loadAverage.end.join(" ")} on ${result.loadAverage.cpus} CPUs; ` +
      (result.isWithinTargets ? "every target met" : "TARGETS MISSED"),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runViewsBench().catch((error: unknown) => {
    console.error(`bench/views: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
