import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ComputeOptimizerImportIo } from "./compute-optimizer";
import { MAX_COMPUTE_OPTIMIZER_CSV_BYTES, runImportComputeOptimizer } from "./compute-optimizer";

const CSV = fs.readFileSync(
  path.join(import.meta.dirname, "../aws/__fixtures__/compute-optimizer-lambda-export.csv"),
  "utf8",
);

function createIo(files: Record<string, string> = { "export.csv": CSV }, sizes: Record<string, number> = {}) {
  const saved: { accountId: string; rows: number; regions: readonly string[] }[] = [];
  const reads: string[] = [];
  const io: ComputeOptimizerImportIo = {
    fileSizeBytes: (file) => {
      const text = files[file];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: "ENOENT" });
      return sizes[file] ?? Buffer.byteLength(text);
    },
    readTextFile: (file) => {
      reads.push(file);
      const text = files[file];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: "ENOENT" });
      return text;
    },
    saveImport: async (accountId, parsed) => {
      saved.push({ accountId, rows: parsed.rows.length, regions: parsed.regions });
      return { imported: parsed.rows.length, replaced: 1 };
    },
    now: () => new Date("2026-11-25T08:00:00Z"),
  };
  return { io, saved, reads };
}

describe("CLI import-compute-optimizer (reader and store passed in)", () => {
  it("imports the account's rows of the file and says what it did", async () => {
    const { io, saved } = createIo();
    const result = await runImportComputeOptimizer(["export.csv", "--account", "111122223333"], io);
    expect(result).toEqual({
      exitCode: 0,
      stdout:
        "Imported 3 Compute Optimizer recommendations for 111122223333 in eu-west-1 (replaced 1 from an earlier import); skipped 1 rows of other accounts.\n",
      stderr: "",
    });
    expect(saved).toEqual([{ accountId: "111122223333", rows: 3, regions: ["eu-west-1"] }]);
  });

  it("prints JSON with --json", async () => {
    const { io } = createIo();
    const result = await runImportComputeOptimizer(["export.csv", "--account=111122223333", "--json"], io);
    expect(JSON.parse(result.stdout)).toEqual({
      file: "export.csv",
      accountId: "111122223333",
      regions: ["eu-west-1"],
      imported: 3,
      replaced: 1,
      skippedOtherAccounts: 1,
    });
  });

  it.each([
    [[], /needs the CSV file first/],
    [["--account", "111122223333"], /needs the CSV file first/],
    [["export.csv"], /^--account is required: a 12-digit AWS account id/],
    [
      ["export.csv", "--account", "12345"],
      /^--account must be a 12-digit AWS account id \(e\.g\. 123456789012\); got "12345"/,
    ],
    [["export.csv", "--account", "111122223333", "--days", "3"], /^unknown flag --days/],
  ])("a bad flag %j exits 2 with one line and writes nothing", async (argv, message) => {
    const { io, saved } = createIo();
    const result = await runImportComputeOptimizer(argv, io);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(saved).toEqual([]);
  });

  it("a bad file exits 1 naming the file, line and column; a missing file names the file", async () => {
    const bad = CSV.replace("NotOptimized,true", "NotOptimized,maybe");
    const { io, saved } = createIo({ "bad.csv": bad });
    const result = await runImportComputeOptimizer(["bad.csv", "--account", "111122223333"], io);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      'import-compute-optimizer failed: bad.csv: line 2, column findingReasonCodes_isMemoryOverprovisioned: "maybe" is not true or false\n',
    );
    expect(saved).toEqual([]);
    const missing = await runImportComputeOptimizer(["nope.csv", "--account", "111122223333"], io);
    expect(missing).toMatchObject({
      exitCode: 1,
      stderr: "import-compute-optimizer failed: cannot read nope.csv (ENOENT)\n",
    });
  });

  it("refuses a file over the size limit before reading it", async () => {
    const { io, saved, reads } = createIo(
      { "huge.csv": CSV },
      { "huge.csv": MAX_COMPUTE_OPTIMIZER_CSV_BYTES + 1 },
    );
    const result = await runImportComputeOptimizer(["huge.csv", "--account", "111122223333"], io);
    expect(result).toMatchObject({
      exitCode: 1,
      stderr:
        "import-compute-optimizer failed: huge.csv is 65 MiB; an export is at most 64 MiB (split it by region)\n",
    });
    expect(reads).toEqual([]);
    expect(saved).toEqual([]);
  });

  it("--help prints the usage", async () => {
    const result = await runImportComputeOptimizer(["--help"], createIo().io);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run -s cli -- import-compute-optimizer FILE --account ID/);
  });
});
