/**
 * Lambda REPORT lines through CloudWatch Logs Insights, pure half: the fixed query, the chunking of
 * log groups (≤ 50 per query) and the mapping of result rows (SDK v3 `ResultField[][]`) to daily
 * observations per function and memory size. Tested on recorded-shape fixtures in __fixtures__/.
 *
 * Field names are Logs Insights' auto-discovered fields for Lambda's text REPORT line
 * (docs/aws-facts.md §6.2): `@type`, `@duration`, `@billedDuration`, `@memorySize`,
 * `@maxMemoryUsed`, `@initDuration`, `@log` (account:log-group). Functions with LogFormat JSON
 * write `platform.report` records instead and are not matched by this query (their observations
 * stay "metrics" only).
 *
 * Bytes ↔ MB: Insights turns "Memory Size: 128 MB" into a byte count, and AWS's own samples
 * disagree on the factor (/1024/1024 in the Lambda guide, /1000/1000 in the Logs samples — §6.2
 * UNCONFIRMED). The query therefore returns raw bytes and `toMegabytesFactor` picks, per row, the
 * factor that makes the configured memory a whole number of MB (Lambda memory is set in 1 MB
 * steps: 128,000,000 B is 128 MB only with 1,000,000; 134,217,728 B only with 1,048,576). When
 * neither is whole, 1,000,000 — what AWS's Lambda Insights samples (`@memorySize / 1000000`) use.
 */
import type { ResultField } from "@aws-sdk/client-cloudwatch-logs";

export const LAMBDA_LOG_GROUP_PREFIX = "/aws/lambda/";
/** Log groups one StartQuery may name. */
export const MAX_LOG_GROUPS_PER_QUERY = 50;
/** Rows GetQueryResults returns at most (StartQuery `limit` maximum). */
export const MAX_QUERY_RESULT_ROWS = 10_000;

export const BYTES_PER_MB_DECIMAL = 1_000_000;
export const BYTES_PER_MB_BINARY = 1_048_576;

/**
 * Per log group, UTC day and configured memory size: invocations, average handler duration,
 * billed-duration percentiles (billed = what is charged, INIT included where it is billed), peak
 * memory used (bytes), average INIT duration and the number of cold starts. Cold starts are counted
 * from the message (REPORT lines that carry "Init Duration", AWS's documented pattern) rather than
 * `count(@initDuration)`: `@initDuration` is not in AWS's list of discovered fields (§6.2), and a
 * count of a field Insights does not discover would read 0 — a false "no cold starts". If
 * `@initDuration` is not discovered, `avg` returns nothing and initDurationAvgMs is null (unknown).
 */
export const REPORT_QUERY = [
  `filter @type = "REPORT"`,
  `| stats count(*) as invocations,`,
  `    avg(@duration) as durationAvgMs,`,
  `    pct(@billedDuration, 50) as billedP50Ms,`,
  `    pct(@billedDuration, 95) as billedP95Ms,`,
  `    pct(@billedDuration, 99) as billedP99Ms,`,
  `    max(@maxMemoryUsed) as maxMemoryUsedBytes,`,
  `    avg(@initDuration) as initDurationAvgMs,`,
  `    sum(strcontains(@message, "Init Duration")) as coldStarts`,
  `  by @log, bin(1d), @memorySize`,
].join("\n");

export type ReportObservation = {
  functionName: string;
  /** UTC midnight of the day. */
  day: Date;
  memoryMb: number;
  invocations: number;
  durationAvgMs: number;
  /** Billed-duration percentiles (REPORT "Billed Duration"). */
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  durationP99Ms: number | null;
  maxMemoryUsedMb: number | null;
  initDurationAvgMs: number | null;
  coldStarts: number | null;
};

export function chunkLogGroups(names: readonly string[], maxPerQuery = MAX_LOG_GROUPS_PER_QUERY): string[][] {
  const size = Math.max(1, Math.min(MAX_LOG_GROUPS_PER_QUERY, Math.floor(maxPerQuery)));
  const unique = [...new Set(names)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += size) chunks.push(unique.slice(start, start + size));
  return chunks;
}

export function toLogGroupName(functionName: string): string {
  return `${LAMBDA_LOG_GROUP_PREFIX}${functionName}`;
}

/** "123456789012:/aws/lambda/api" or "/aws/lambda/api" → "api"; anything else → null. */
export function functionNameFromLogGroup(value: string): string | null {
  const index = value.indexOf(LAMBDA_LOG_GROUP_PREFIX);
  if (index < 0) return null;
  const prefix = value.slice(0, index);
  if (prefix !== "" && !/^\d{12}:$/.test(prefix)) return null;
  const name = value.slice(index + LAMBDA_LOG_GROUP_PREFIX.length);
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : null;
}

/** The bytes-per-MB factor that makes `memorySizeBytes` a whole number of MB (see the header). */
export function toMegabytesFactor(memorySizeBytes: number): number {
  const isWhole = (value: number) => Math.abs(value - Math.round(value)) < 1e-6;
  if (isWhole(memorySizeBytes / BYTES_PER_MB_DECIMAL)) return BYTES_PER_MB_DECIMAL;
  if (isWhole(memorySizeBytes / BYTES_PER_MB_BINARY)) return BYTES_PER_MB_BINARY;
  return BYTES_PER_MB_DECIMAL;
}

/** "2024-03-01 00:00:00.000" (Insights, UTC) or ISO → UTC midnight. */
function parseDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?)?Z?$/.exec(value.trim());
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function toNumber(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/**
 * Rows of REPORT_QUERY → observations, sorted by function, day and memory. A row without a Lambda
 * log group, a day, a positive memory size, a positive count or an average duration is skipped.
 */
export function mapReportQueryResults(rows: readonly (readonly ResultField[])[]): ReportObservation[] {
  const observations: ReportObservation[] = [];
  for (const row of rows) {
    const fields = new Map<string, string>();
    for (const cell of row) if (cell.field && cell.value !== undefined) fields.set(cell.field, cell.value);
    const functionName = functionNameFromLogGroup(fields.get("@log") ?? fields.get("logGroup") ?? "");
    const day = parseDay(fields.get("bin(1d)") ?? fields.get("day") ?? "");
    const memoryBytes = toNumber(fields.get("@memorySize") ?? fields.get("memorySizeBytes"));
    const invocations = toNumber(fields.get("invocations"));
    const durationAvgMs = toNumber(fields.get("durationAvgMs"));
    if (!functionName || !day || memoryBytes === null || memoryBytes <= 0) continue;
    if (invocations === null || invocations <= 0 || durationAvgMs === null) continue;
    const factor = toMegabytesFactor(memoryBytes);
    const maxUsedBytes = toNumber(fields.get("maxMemoryUsedBytes"));
    const coldStarts = toNumber(fields.get("coldStarts"));
    observations.push({
      functionName,
      day,
      memoryMb: Math.round(memoryBytes / factor),
      invocations: Math.round(invocations),
      durationAvgMs,
      durationP50Ms: toNumber(fields.get("billedP50Ms")),
      durationP95Ms: toNumber(fields.get("billedP95Ms")),
      durationP99Ms: toNumber(fields.get("billedP99Ms")),
      maxMemoryUsedMb: maxUsedBytes === null ? null : Math.round(maxUsedBytes / factor),
      initDurationAvgMs: toNumber(fields.get("initDurationAvgMs")),
      coldStarts: coldStarts === null ? null : Math.round(coldStarts),
    });
  }
  return observations.sort(
    (a, b) =>
      (a.functionName < b.functionName ? -1 : a.functionName > b.functionName ? 1 : 0) ||
      a.day.getTime() - b.day.getTime() ||
      a.memoryMb - b.memoryMb,
  );
}
