/**
 * Breakeven CLI: `npm run -s cli -- price lambda|fargate … | breakeven … | power-tuning … | recommend … |
 * accounts list|add|remove|test … | import-compute-optimizer FILE --account ID`
 * (see --help). All logic is in lib/cli; this file only does the I/O and the exit code.
 */
import { readFileSync, statSync } from "node:fs";
import { runAccounts } from "@/lib/cli/accounts";
import { runImportComputeOptimizer } from "@/lib/cli/compute-optimizer";
import { runReconcile } from "@/lib/cli/reconcile";
import { runRecommend } from "@/lib/cli/recommend";
import { runCli, type CliResult } from "@/lib/cli/run-cli";
import { createDb } from "@/lib/db/create-db";
import { createAccount, deleteAccountWithData, getAccount, listAccounts } from "@/lib/db/queries/accounts";
import { saveComputeOptimizerCsvImport } from "@/lib/db/queries/compute-optimizer";
import { getReconciliation } from "@/lib/db/queries/reconciliation";
import { listAllRecommendations } from "@/lib/db/queries/recommendation-list";
import { ensureRecommendationsFresh } from "@/lib/db/queries/recommendation-store";
import { DEFAULT_DATABASE_URL } from "@/lib/db/url";

const DATABASE_COMMANDS: ReadonlySet<string | undefined> = new Set([
  "recommend",
  "accounts",
  "reconcile",
  "import-compute-optimizer",
]);

async function main(argv: readonly string[]): Promise<CliResult> {
  if (!DATABASE_COMMANDS.has(argv[0]))
    return runCli(argv, { readTextFile: (file) => readFileSync(file, "utf8") });
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const db = createDb(url);
  try {
    if (argv[0] === "accounts") {
      return await runAccounts(argv.slice(1), {
        listAccounts: () => listAccounts(db),
        getAccount: (accountId) => getAccount(accountId, db),
        createAccount: (input) => createAccount(input, db),
        deleteAccountWithData: (accountId) => deleteAccountWithData(accountId, db),
        // Loaded only for `accounts test`: the AWS SDK is not needed by the other commands.
        testConnection: async (input) =>
          (await import("@/lib/sync/test-connection")).testAccountConnection(input),
      });
    }
    if (argv[0] === "import-compute-optimizer") {
      return await runImportComputeOptimizer(argv.slice(1), {
        readTextFile: (file) => readFileSync(file, "utf8"),
        fileSizeBytes: (file) => statSync(file).size,
        saveImport: (accountId, parsed) => saveComputeOptimizerCsvImport(accountId, parsed, db),
      });
    }
    if (argv[0] === "reconcile") {
      return await runReconcile(argv.slice(1), (scope) => getReconciliation(db, scope));
    }
    return await runRecommend(argv.slice(1), async (filter) => {
      // Computed here, not on a request: the first run (or one after a sync) may take a while.
      await ensureRecommendationsFresh(db);
      return listAllRecommendations(filter, db);
    });
  } finally {
    await db.$disconnect();
  }
}

// `… | head` closes the pipe early: that is the reader's choice, not an error to print.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const result = await main(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
