/**
 * The CLI: its logic in process (runCli from lib/cli/run-cli.ts, runRecommend from
 * lib/cli/recommend.ts on hand-built items: the pricing-page totals, the JSON, CSV and Markdown
 * exports, the filter flags, exit code 2 with one line on bad input), then two spawned runs that prove the wiring end to end: `npm run -s cli --` and
 * `tsx scripts/cli.ts` (what it runs) set the exit code and keep stdout and stderr apart.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { runRecommend, type LoadRecommendations } from "@/lib/cli/recommend";
import { runCli } from "@/lib/cli/run-cli";
import { FIXTURE_ITEMS, FIXTURE_TOTALS } from "@/lib/export/fixtures";
import { recommendationExportSchema } from "@/lib/schemas/recommendation";
import type { RecommendationFilter } from "@/lib/schemas/recommendation-list";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

const run = (args: string) => runCli(args.split(" ").filter(Boolean));

function spawnCli(
  command: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// The worked examples of the AWS pricing pages (https://aws.amazon.com/lambda/pricing/,
// https://aws.amazon.com/fargate/pricing/; read 2026-11-01): docs/aws-facts.md §1.8 and §2.5.
const EXAMPLES = [
  [
    "L-1",
    "price lambda --region us-east-1 --arch x86_64 --memory-mb 1536 --requests 3000000 --duration-ms 120 --free-tier",
    "$2.73",
  ],
  [
    "L-3",
    "price lambda --region us-east-1 --arch x86_64 --memory-mb 4096 --requests 6000000 --duration-ms 280 --ephemeral-mb 2048 --free-tier",
    "$106.41",
  ],
  [
    "PC-1",
    "price lambda --region us-east-1 --arch x86_64 --memory-mb 1536 --requests 3000000 --duration-ms 120 --pc-count 100 --pc-hours 8 --pc-requests 500000 --pc-duration-ms 100 --free-tier",
    "$19.96",
  ],
  [
    "F-1",
    "price fargate --region us-east-1 --arch x86_64 --os linux --vcpu 1 --memory-gb 2 --tasks 5 --run-seconds 600 --runs 30 --ephemeral-gb 30",
    "$1.26",
  ],
  [
    "F-3",
    "price fargate --region us-east-1 --arch x86_64 --os linux --vcpu 0.25 --memory-gb 1 --tasks 10 --run-seconds 3600 --runs 30",
    "$4.37",
  ],
] as const;

describe("CLI prints the pricing pages' totals", () => {
  it.each(EXAMPLES)("%s", (_id, args, totalText) => {
    const table = run(args);
    expect(table.exitCode).toBe(0);
    expect(table.stderr).toBe("");
    expect(table.stdout).toContain(`Total: ${totalText} per month`);

    const json = run(`${args} --json`);
    expect(json.exitCode).toBe(0);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    // Exactly these keys, in this order.
    expect(Object.keys(parsed)).toEqual(["totalUsd", "lines", "region", "priceVersion"]);
    expect((parsed.totalUsd as number).toFixed(2)).toBe(totalText.slice(1));
    for (const line of parsed.lines as Record<string, unknown>[]) {
      expect(Object.keys(line)).toEqual(["item", "quantity", "unit", "unitPriceUsd", "costUsd"]);
    }
    expect(parsed.region).toBe("us-east-1");
    expect(parsed.priceVersion).toBe("aws-prices-2026-11-01");
  });
});

describe("CLI errors", () => {
  it.each([
    [
      "a non-number",
      "price lambda --region us-east-1 --arch x86_64 --memory-mb abc --requests 1 --duration-ms 1",
      '--memory-mb must be a whole number from 128 to 10240 (MB); got "abc"',
    ],
    [
      "out of range",
      "price lambda --region us-east-1 --arch x86_64 --memory-mb 128 --requests 1 --duration-ms -5",
      '--duration-ms must be a number from 0 to 900000 (ms); got "-5"',
    ],
    [
      "an invalid Fargate size",
      "price fargate --region us-east-1 --arch x86_64 --os linux --vcpu 1 --memory-gb 16 --tasks 1 --run-seconds 60 --runs 1",
      "--memory-gb: 1 vCPU takes 2–8 GB in 1 GB steps; got 16 GB",
    ],
    [
      "Windows on arm64",
      "price fargate --region us-east-1 --arch arm64 --os windows --vcpu 1 --memory-gb 2 --tasks 1 --run-seconds 60 --runs 1",
      "--arch: Windows on Fargate runs on x86_64 only; got arm64",
    ],
    [
      "an unknown flag",
      "price lambda --region us-east-1 --frobnicate 3",
      "unknown flag --frobnicate for `price lambda`; run `price lambda --help` for the flags",
    ],
    [
      "a missing flag",
      "price fargate --region us-east-1 --arch x86_64 --os linux",
      "--vcpu is required: a number from 0.25 to 32 (vCPU)",
    ],
    [
      "an enum value",
      "breakeven --requests 1000 --duration-ms 100 --memory-mb 512 --shape weekly",
      '--shape must be one of flat, business-hours, spiky, nightly-batch; got "weekly"',
    ],
  ])("%s exits 2 with one line", (_name, args, message) => {
    const result = run(args);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stderr).not.toMatch(/\n.+/); // one line, no stack trace
  });

  it("an unknown rate prints unknown, names the rate and exits 0", () => {
    const result = run(
      "price fargate --region us-east-1 --arch x86_64 --os linux --vcpu 1 --memory-gb 2 --tasks 1 --run-seconds 60 --runs 1 --spot",
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Total: unknown per month");
    expect(result.stdout).toContain("Unknown rate: Fargate Spot Linux x86_64 vCPU rate for us-east-1");
    const json = run(
      "price lambda --region eu-south-2 --arch arm64 --memory-mb 128 --requests 100 --duration-ms 1 --json",
    );
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ totalUsd: null, region: "eu-south-2" });
    expect(json.stderr).toContain("unknown rate: Lambda arm64 request rate for eu-south-2");
  });
});

describe("CLI breakeven", () => {
  it("prints the cheapest Lambda, the cheapest Fargate and the crossover", () => {
    const result = run(
      "breakeven --requests 50000000 --duration-ms 200 --memory-mb 1024 --cpu-share 0.3 --max-memory-mb 300 --fixed-arch",
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/Cheapest Lambda\s+Lambda x86_64/);
    expect(result.stdout).toMatch(/Cheapest Fargate\s+Fargate linux\/x86_64/);
    expect(result.stdout).toMatch(/Crossover: [\d,]+ requests\/month \(Lambda is cheaper below it\)/);
  });

  it("JSON has the what-if and the three bills", () => {
    const result = run("breakeven --requests 1000000 --duration-ms 100 --memory-mb 512 --json");
    expect(result.exitCode).toBe(0);
    const parsed = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      "region",
      "priceVersion",
      "requestsPerMonth",
      "current",
      "cheapestLambda",
      "cheapestFargate",
      "crossoverRequestsPerMonth",
      "crossoversRequestsPerMonth",
      "sweep",
      "bills",
      "unknownRates",
    ]);
    expect((parsed.sweep as unknown[]).length).toBe(50);
    expect(Object.keys(parsed.bills as object)).toEqual(["current", "cheapestLambda", "cheapestFargate"]);
  });

  it("--help lists the flags and exits 0", () => {
    const result = run("--help");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("price lambda");
    const lambdaHelp = run("price lambda --help");
    expect(lambdaHelp.stdout).toContain("--pc-duration-ms");
  });
});

describe("CLI recommend (the items are passed in; no database here)", () => {
  type Loaded = Awaited<ReturnType<LoadRecommendations>>;
  const EMPTY: Loaded = {
    items: [],
    totals: {
      count: 0,
      unknownSavingCount: 0,
      totalMonthlySavingUsd: 0,
      byKind: [],
      byAccount: [],
      byRegion: [],
    },
    computedAt: null,
  };
  const LOADED: Loaded = {
    items: [...FIXTURE_ITEMS],
    totals: FIXTURE_TOTALS,
    computedAt: "2026-11-01T06:00:00.000Z",
  };
  const NOW = new Date("2026-11-01T12:00:00.000Z");
  const unused: LoadRecommendations = async () => {
    throw new Error("the database was opened");
  };
  /** Runs with the fixture items and records the filter the command asked for. */
  async function runWithFixtures(args: string) {
    const filters: RecommendationFilter[] = [];
    const result = await runRecommend(
      args.split(" ").filter(Boolean),
      async (filter) => {
        filters.push(filter);
        return LOADED;
      },
      NOW,
    );
    return { ...result, filters };
  }

  it("--help prints the usage without loading anything and exits 0", async () => {
    const result = await runRecommend(["--help"], unused);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain("Usage: npm run -s cli -- recommend [--format table|csv|json|md]");
    for (const flag of [
      "--status",
      "--kind",
      "--account",
      "--region",
      "--confidence",
      "--min-saving-usd",
      "--json",
    ])
      expect(result.stdout).toContain(flag);
  });

  it.each([
    ["--format xml", "--format"],
    ["--status maybe", "--status"],
    ["--kind lambda-cpu", "--kind"],
    ["--account 12345", "--account"],
    ["--region Mars", "--region"],
    ["--confidence sure", "--confidence"],
    ["--min-saving-usd -5", "--min-saving-usd"],
    ["--min-saving-usd lots", "--min-saving-usd"],
    ["--json --format csv", "--json"],
    ["--frobnicate", "--frobnicate"],
    ["--status", "--status"],
  ])("%s exits 2 with one line naming %s, without loading anything", async (args, flag) => {
    const result = await runRecommend(args.split(" "), unused);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^[^\n]+\n$/);
    expect(result.stderr).toContain(flag);
  });

  it("passes the page's filter: status todo by default, every flag mapped", async () => {
    expect((await runWithFixtures("")).filters).toEqual([
      {
        status: "todo",
        kind: undefined,
        accountId: undefined,
        region: undefined,
        confidence: undefined,
        minSavingUsd: undefined,
        q: undefined,
      },
    ]);
    const { filters } = await runWithFixtures(
      "--status all --kind fargate-spot --account 012345678901 --region eu-west-1 --confidence medium --min-saving-usd 12.5",
    );
    expect(filters[0]).toMatchObject({
      status: "all",
      kind: "fargate-spot",
      accountId: "012345678901",
      region: "eu-west-1",
      confidence: "medium",
      minSavingUsd: 12.5,
    });
  });

  it("an empty list says so and exits 0", async () => {
    const result = await runRecommend([], async () => EMPTY);
    expect(result).toEqual({
      exitCode: 0,
      stdout: "No recommendations: every resource is right-sized, or there is not enough evidence yet.\n",
      stderr: "",
    });
    const filtered = await runRecommend(
      ["--status", "dismissed", "--kind", "lambda-arm64"],
      async () => EMPTY,
    );
    expect(filtered.stdout).toBe(
      "No recommendations match the filter (status dismissed, kind lambda-arm64).\n",
    );
  });

  it("the table has each item's change, saving and status, then the totals", async () => {
    const result = await runWithFixtures("");
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toMatch(
      /^resource\s+kind\s+change\s+saving\/month\s+saving\s+confidence\s+status\n/,
    );
    expect(result.stdout).toMatch(
      /orders-api\s+lambda-memory\s+1,024 MB x86_64 → 512 MB x86_64\s+\$50\.25\s+41\.7 %\s+high\s+open/,
    );
    expect(result.stdout).toMatch(/prod-core\/reporting-engine .+unknown\s+unknown\s+medium\s+open/);
    expect(result.stdout).toContain(
      "4 recommendations; up to $250.37 a month in known savings (each resource's largest saving counted once; 1 with an unknown saving are not counted).",
    );
  });

  it("--format json (and --json) prints the versioned export", async () => {
    const result = await runWithFixtures("--format json --status all");
    expect(result.exitCode).toBe(0);
    const parsed = recommendationExportSchema.parse(JSON.parse(result.stdout));
    expect(parsed).toMatchObject({ version: 2, generatedAt: NOW.toISOString(), filter: { status: "all" } });
    expect(parsed.recommendations.map((r) => r.id)).toEqual(FIXTURE_ITEMS.map((item) => item.key));
    expect((await runWithFixtures("--json --status all")).stdout).toBe(result.stdout);
    expect((await runWithFixtures("--json --format json --status all")).stdout).toBe(result.stdout);
  });

  it("--format csv prints a CSV that csv-parse reads back", async () => {
    const result = await runWithFixtures("--format csv");
    expect(result.exitCode).toBe(0);
    const rows = parse(result.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.resource_name)).toEqual(FIXTURE_ITEMS.map((item) => item.resourceName));
    expect(rows.map((row) => row.monthly_saving_usd)).toEqual(["50.25", "", "-2.5", "200.123457"]);
  });

  it("--format md prints the Markdown report", async () => {
    const result = await runWithFixtures("--format md");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^# Breakeven recommendations\n/);
    expect(result.stdout).toContain("Filter: status todo (open and accepted).");
    expect(result.stdout.match(/^### /gm)).toHaveLength(FIXTURE_ITEMS.length);
  });

  it("a failing load exits 1 with one line", async () => {
    const result = await runRecommend([], async () => {
      throw new Error("no such table: Recommendation\n    at …");
    });
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: "recommend failed: no such table: Recommendation\n",
    });
  });
});

// The only spawned runs (db project): the argv, file reader, exit code and streams of scripts/cli.ts.
describe("CLI wiring, spawned", { timeout: 90_000 }, () => {
  it.concurrent(
    "`npm run -s cli --` exits 0, JSON alone on stdout, the unknown-rate notice on stderr",
    async () => {
      const args =
        "price lambda --region eu-south-2 --arch arm64 --memory-mb 128 --requests 100 --duration-ms 1 --json";
      const result = await spawnCli("npm", ["run", "-s", "cli", "--", ...args.split(" ")]);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ totalUsd: null, region: "eu-south-2" });
      expect(result.stderr).toContain("unknown rate: Lambda arm64 request rate for eu-south-2");
      expect(result.stderr).toBe(run(args).stderr); // the notice, and nothing else
    },
  );

  it.concurrent("`tsx scripts/cli.ts` exits 2 with one line on stderr and nothing on stdout", async () => {
    const missing = path.join(os.tmpdir(), "breakeven-cli-test-missing.json");
    const result = await spawnCli(TSX, ["scripts/cli.ts", "power-tuning", missing]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    // scripts/cli.ts passes the real file reader: its ENOENT comes back as a usage error.
    expect(result.stderr).toMatch(
      new RegExp(`^cannot read ${missing.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: ENOENT[^\n]*\n$`),
    );
  });
});
