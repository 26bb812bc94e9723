/**
 * Fleet views benchmark: the functions list and function pages served by `next start` on a
 * 10,000-function / 1,000-service demo fleet with 90 days of data, in SQLite.
 *
 *   npx tsx bench/views.ts [--requests N] [--skip-build] [--regenerate] [--port P]
 *
 * Steps: generate the fleet into data/views-bench.db (reused when it already holds the fleet and
 * every migration), build into .next-views-bench (skipped with --skip-build when a build exists),
 * start the server on 127.0.0.1, warm up, then request each page kind N times sequentially (default
 * 200), cycling through sorts, filters, pages, functions and ranges. Reports p50/p95 of the full
 * response (last byte, so every streamed Suspense boundary is included) and the server's resident
 * memory (VmRSS of the server process tree, sampled after each page kind).
 *
 * Targets: functions list p95 < 150 ms, function page p95 < 200 ms, recommendations page p95 < 200 ms.
 * Also reports the seconds of the full recommendations CSV export (every status).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
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

export type ViewsBenchResult = {
  fleet: { functions: number; services: number; days: number; dbSizeMib: number };
  requestsPerPage: number;
  pages: PageStats[];
  /** The full CSV export (every status) of the recommendations. */
  csvExport: { rows: number; sizeMib: number; medianSeconds: number };
  peakRssMib: number;
  isWithinTargets: boolean;
};

type Options = { requests: number; skipBuild: boolean; regenerate: boolean; port: number; quiet: boolean };

function parseArgs(argv: string[]): Options {
  const valueOf = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    requests: Math.max(10, Math.min(2000, Number(valueOf("--requests") ?? 200) || 200)),
    skipBuild: argv.includes("--skip-build"),
    regenerate: argv.includes("--regenerate"),
    port: Number(valueOf("--port") ?? 3402),
    quiet: argv.includes("--quiet"),
  };
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function log(options: Pick<Options, "quiet">, message: string): void {
  if (!options.quiet) console.log(message);
}

/** The fleet in DB_FILE, or null when there is none or it predates one of prisma/migrations. */
async function countFleet(): Promise<{ functions: number; services: number } | null> {
  if (!fs.existsSync(path.join(ROOT, DB_FILE))) return null;
  const db = createDb(DB_URL);
  try {
    const applied = await db.$queryRaw<{ name: string }[]>`
      SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    const appliedNames = new Set(applied.map((row) => row.name));
    const migrations = fs
      .readdirSync(path.join(ROOT, "prisma/migrations"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory());
    if (migrations.some((entry) => !appliedNames.has(entry.name))) return null;
    return { functions: await db.lambdaFunction.count(), services: await db.fargateService.count() };
  } catch {
    return null;
  } finally {
    await db.$disconnect();
  }
}

/** Generates the 10,000-function fleet into DB_FILE unless it already holds it (shared with bench/recommend.ts). */
export async function prepareDatabase(options: Pick<Options, "regenerate" | "quiet">): Promise<void> {
  const existing = await countFleet();
  if (
    !options.regenerate &&
    existing?.functions === FLEET.functions &&
    existing.services === FLEET.services
  ) {
    log(options, `› reusing ${DB_FILE} (${existing.functions} functions, ${existing.services} services)`);
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

export function build(options: Options): void {
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

/** `next start` of the bench build on 127.0.0.1 against the bench database (shared with bench/load.ts). */
export function startServer(port: number): ChildProcess {
  return spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)],
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

/** VmRSS of a process and all its descendants, in KiB (Linux /proc). */
export function readTreeRssKib(pid: number): number {
  let total = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
  for (const task of fs.readdirSync(`/proc/${pid}/task`, { withFileTypes: true })) {
    let children = "";
    try {
      children = fs.readFileSync(`/proc/${pid}/task/${task.name}/children`, "utf8");
    } catch {
      continue;
    }
    for (const child of children.split(/\s+/).filter(Boolean)) total += readTreeRssKib(Number(child));
  }
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
    };
  } finally {
    await db.$disconnect();
  }
}

export async function runViewsBench(argv: string[] = process.argv.slice(2)): Promise<ViewsBenchResult> {
  const options = parseArgs(argv);
  await prepareDatabase(options);
  build(options);

  const baseUrl = `http://127.0.0.1:${options.port}`;
  log(options, `› starting next start on ${baseUrl}`);
  const server = startServer(options.port);
  try {
    await waitForHealth(baseUrl, server);
    const urls = await sampleUrls(baseUrl);
    const pid = server.pid!;

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
    const csvExport = await measureExport(urls.csvExport, 3);
    log(
      options,
      `full CSV export: ${csvExport.rows} rows, ${csvExport.sizeMib} MiB, median ${csvExport.medianSeconds} s of 3`,
    );
    const fleet = await countFleet();
    const result: ViewsBenchResult = {
      fleet: {
        functions: fleet?.functions ?? 0,
        services: fleet?.services ?? 0,
        days: 90,
        dbSizeMib: Math.round(fs.statSync(path.join(ROOT, DB_FILE)).size / 1024 / 1024),
      },
      requestsPerPage: n,
      pages,
      csvExport,
      peakRssMib: Math.max(...pages.map((p) => p.rssMib)),
      isWithinTargets: pages.every((p) => p.isWithinTarget !== false),
    };
    if (!options.quiet) {
      console.table(
        pages.map((p) => ({
          page: p.page,
          requests: p.requests,
          "p50 ms": p.p50Ms,
          "p95 ms": p.p95Ms,
          "max ms": p.maxMs,
          "target p95": p.targetP95Ms ?? "",
          ok: p.isWithinTarget === undefined ? "" : p.isWithinTarget ? "yes" : "MISS",
          "RSS MiB": p.rssMib,
        })),
      );
      console.log(
        `fleet: ${result.fleet.functions} functions, ${result.fleet.services} services, 90 days, SQLite ${result.fleet.dbSizeMib} MiB; peak server RSS ${result.peakRssMib} MiB`,
      );
    }
    return result;
  } finally {
    await stopServer(server);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runViewsBench().catch((error: unknown) => {
    console.error(`bench/views: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
