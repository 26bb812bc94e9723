/**
 * End-to-end tests of the CLI: spawn `tsx scripts/cli.ts` (what `npm run -s cli --` runs) and check
 * the pricing-page totals, the JSON shape, and exit code 2 with one line on bad input.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function runCli(args: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["scripts/cli.ts", ...args.split(" ").filter(Boolean)], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

// The CLI calls of /work/shared/pricing-examples.md with the totals of the AWS pricing pages
// (https://aws.amazon.com/lambda/pricing/, https://aws.amazon.com/fargate/pricing/; read 2026-11-01).
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

describe("CLI prints the pricing pages' totals", { timeout: 90_000 }, () => {
  it.concurrent.each(EXAMPLES)("%s", async (_id, args, totalText) => {
    const table = await runCli(args);
    expect(table.code).toBe(0);
    expect(table.stderr).toBe("");
    expect(table.stdout).toContain(`Total: ${totalText} per month`);

    const json = await runCli(`${args} --json`);
    expect(json.code).toBe(0);
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

describe("CLI errors", { timeout: 90_000 }, () => {
  it.concurrent.each([
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
  ])("%s exits 2 with one line", async (_name, args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stderr).not.toMatch(/\n.+/); // one line, no stack trace
  });

  it.concurrent("an unknown rate prints unknown, names the rate and exits 0", async () => {
    const result = await runCli(
      "price fargate --region us-east-1 --arch x86_64 --os linux --vcpu 1 --memory-gb 2 --tasks 1 --run-seconds 60 --runs 1 --spot",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Total: unknown per month");
    expect(result.stdout).toContain("Unknown rate: Fargate Spot Linux x86_64 vCPU rate for us-east-1");
    const json = await runCli(
      "price lambda --region eu-south-2 --arch arm64 --memory-mb 128 --requests 100 --duration-ms 1 --json",
    );
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ totalUsd: null, region: "eu-south-2" });
    expect(json.stderr).toContain("unknown rate: Lambda arm64 request rate for eu-south-2");
  });
});

describe("CLI breakeven", { timeout: 90_000 }, () => {
  it.concurrent("prints the cheapest Lambda, the cheapest Fargate and the crossover", async () => {
    const result = await runCli(
      "breakeven --requests 50000000 --duration-ms 200 --memory-mb 1024 --cpu-share 0.3 --max-memory-mb 300 --fixed-arch",
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Cheapest Lambda\s+Lambda x86_64/);
    expect(result.stdout).toMatch(/Cheapest Fargate\s+Fargate linux\/x86_64/);
    expect(result.stdout).toMatch(/Crossover: [\d,]+ requests\/month \(Lambda is cheaper below it\)/);
  });

  it.concurrent("JSON has the what-if and the three bills", async () => {
    const result = await runCli("breakeven --requests 1000000 --duration-ms 100 --memory-mb 512 --json");
    expect(result.code).toBe(0);
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

  it.concurrent("--help lists the flags and exits 0", async () => {
    const result = await runCli("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("price lambda");
    const lambdaHelp = await runCli("price lambda --help");
    expect(lambdaHelp.stdout).toContain("--pc-duration-ms");
  });
});
