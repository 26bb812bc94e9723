/**
 * `npm run -s cli -- import-compute-optimizer FILE --account ID [--json]`: imports an AWS Compute
 * Optimizer ExportLambdaFunctionRecommendations CSV file for an account that cannot call the API
 * (docs/compute-optimizer.md). Headers are matched ignoring case and underscores; a bad file exits 1
 * naming the line and column; a bad flag exits 2 with one line. The file reader and the store are
 * passed in (scripts/cli.ts does the I/O), so this module stays free of database and node:* imports.
 */
import type { ComputeOptimizerRecommendationFields, LambdaCsvImport } from "@/lib/aws/map-compute-optimizer";
import { ComputeOptimizerCsvError, parseLambdaRecommendationsCsv } from "@/lib/aws/map-compute-optimizer";
import type { FlagSpecs } from "./args";
import { CliUsageError, describeAccepted, formatFlagHelp, parseFlags } from "./args";
import type { CliResult } from "./run-cli";

export type ComputeOptimizerImportIo = {
  /** Reads a UTF-8 text file; throws (e.g. ENOENT) when it cannot. */
  readTextFile: (path: string) => string;
  /** The file's size in bytes, checked before it is read; throws (e.g. ENOENT) when it cannot. */
  fileSizeBytes: (path: string) => number;
  /** Writes the parsed rows (lib/db/queries/compute-optimizer.ts saveComputeOptimizerCsvImport). */
  saveImport: (
    accountId: string,
    parsed: { rows: readonly ComputeOptimizerRecommendationFields[]; regions: readonly string[] },
  ) => Promise<{ imported: number; replaced: number }>;
  now?: () => Date;
};

/**
 * The largest export read: Compute Optimizer writes one row per function version (a few hundred
 * bytes), so 64 MiB is far beyond any account's export and still bounded in memory.
 */
export const MAX_COMPUTE_OPTIMIZER_CSV_BYTES = 64 * 1024 * 1024;

const IMPORT_SPECS = {
  account: { kind: "string", description: "a 12-digit AWS account id", example: "123456789012" },
  json: { kind: "boolean", description: "print JSON instead of a summary" },
  help: { kind: "boolean", description: "show this help" },
} as const satisfies FlagSpecs;

export const IMPORT_COMPUTE_OPTIMIZER_USAGE = `Usage: npm run -s cli -- import-compute-optimizer FILE --account ID [--json]

Imports AWS Compute Optimizer's Lambda recommendations from the CSV file its
ExportLambdaFunctionRecommendations writes to S3, for an account whose role cannot call the API.
Header names are matched ignoring case and underscores. The account's earlier CSV rows of the
file's regions are replaced; rows of other accounts in the file are skipped. The function pages
show the advice as "AWS Compute Optimizer" with its lookback period and refresh date.

${formatFlagHelp(IMPORT_SPECS)}`;

export async function runImportComputeOptimizer(
  argv: readonly string[],
  io: ComputeOptimizerImportIo,
): Promise<CliResult> {
  try {
    const [first, ...rest] = argv;
    if (first === "--help" || rest.includes("--help"))
      return { exitCode: 0, stdout: `${IMPORT_COMPUTE_OPTIMIZER_USAGE}\n`, stderr: "" };
    if (first === undefined || first.startsWith("--"))
      throw new CliUsageError(
        "import-compute-optimizer needs the CSV file first: import-compute-optimizer FILE --account ID",
      );
    const flags = parseFlags(rest, IMPORT_SPECS, "import-compute-optimizer");
    const accountId = flags.strings.get("account");
    if (accountId === undefined)
      throw new CliUsageError(
        `--account is required: ${describeAccepted("account", IMPORT_SPECS.account).replace("--account must be ", "")}`,
      );
    if (!/^\d{12}$/.test(accountId))
      throw new CliUsageError(
        `${describeAccepted("account", IMPORT_SPECS.account)}; got ${JSON.stringify(accountId)}`,
      );

    let text: string;
    try {
      const sizeBytes = io.fileSizeBytes(first);
      if (sizeBytes > MAX_COMPUTE_OPTIMIZER_CSV_BYTES)
        return {
          exitCode: 1,
          stdout: "",
          stderr: `import-compute-optimizer failed: ${first} is ${Math.ceil(sizeBytes / 1024 / 1024)} MiB; an export is at most ${MAX_COMPUTE_OPTIMIZER_CSV_BYTES / 1024 / 1024} MiB (split it by region)\n`,
        };
      text = io.readTextFile(first);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      throw new Error(`cannot read ${first}${typeof code === "string" ? ` (${code})` : ""}`);
    }
    let parsed: LambdaCsvImport;
    try {
      parsed = parseLambdaRecommendationsCsv(text, {
        accountId,
        importedAt: (io.now ?? (() => new Date()))(),
      });
    } catch (error) {
      if (error instanceof ComputeOptimizerCsvError) throw new Error(`${first}: ${error.message}`);
      throw error;
    }
    const saved = await io.saveImport(accountId, parsed);
    const summary = {
      file: first,
      accountId,
      regions: parsed.regions,
      imported: saved.imported,
      replaced: saved.replaced,
      skippedOtherAccounts: parsed.skippedOtherAccounts,
    };
    if (flags.booleans.has("json"))
      return { exitCode: 0, stdout: `${JSON.stringify(summary, null, 2)}\n`, stderr: "" };
    const skipped =
      parsed.skippedOtherAccounts > 0
        ? `; skipped ${parsed.skippedOtherAccounts} rows of other accounts`
        : "";
    const where = parsed.regions.length > 0 ? ` in ${parsed.regions.join(", ")}` : "";
    return {
      exitCode: 0,
      stdout: `Imported ${saved.imported} Compute Optimizer recommendations for ${accountId}${where} (replaced ${saved.replaced} from an earlier import)${skipped}.\n`,
      stderr: "",
    };
  } catch (error) {
    if (error instanceof CliUsageError) return { exitCode: 2, stdout: "", stderr: `${error.message}\n` };
    const message = error instanceof Error ? error.message : String(error);
    return {
      exitCode: 1,
      stdout: "",
      stderr: `import-compute-optimizer failed: ${message.split("\n")[0]}\n`,
    };
  }
}
