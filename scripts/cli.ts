/**
 * Breakeven CLI: `npm run -s cli -- price lambda|fargate … | breakeven …` (see --help).
 * All logic is in lib/cli/run-cli.ts; this file only does the I/O and the exit code.
 */
import { runCli } from "@/lib/cli/run-cli";

const result = runCli(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
