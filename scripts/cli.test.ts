/**
 * The CLI: its logic in process (runCli from lib/cli/run-cli.ts, runRecommend from
 * lib/cli/recommend.ts: the pricing-page totals, the JSON shape, exit code 2 with one line on bad
 * input), then two spawned runs that prove the wiring end to end: `npm run -s cli --` and
 * `tsx scripts/cli.ts` (what it runs) set the exit code and keep stdout and stderr apart.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runRecommend } from "@/lib/cli/recommend";
import { runCli } from "@/lib/cli/run-cli";
import type { FleetAdvice } from "@/lib/recommend";

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

describe("CLI recommend (the fleet's advice is passed in; no database here)", () => {
  const EMPTY_FLEET: FleetAdvice = { advice: [], recommendations: [], totalMonthlySavingUsd: 0 };
  const unused = async (): Promise<FleetAdvice> => {
    throw new Error("the database was opened");
  };

  it("--help prints the usage without loading the fleet and exits 0", async () => {
    const result = await runRecommend(["--help"], unused);
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain("Usage: npm run -s cli -- recommend [--json]");
  });

  it("a bad flag exits 2 with one line, without loading the fleet", async () => {
    const result = await runRecommend(["--format", "xml"], unused);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^[^\n]+\n$/);
  });

  it("an empty fleet says so and exits 0", async () => {
    const result = await runRecommend([], async () => EMPTY_FLEET);
    expect(result).toEqual({
      exitCode: 0,
      stdout: "No recommendations: every resource is right-sized, or there is not enough evidence yet.\n",
      stderr: "",
    });
  });

  it("a failing load exits 1 with one line", async () => {
    const result = await runRecommend([], async () => {
      throw new Error("no such table: LambdaFunction\n    at …");
    });
    expect(result).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: "recommend failed: no such table: LambdaFunction\n",
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
