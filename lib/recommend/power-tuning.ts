/**
 * Import of AWS Lambda Power Tuning results (github.com/alexcasalboni/aws-lambda-power-tuning).
 * Pure TypeScript: runs in the browser (paste box), the server (route) and the CLI; no Buffer.
 *
 * Three forms of one run are accepted and give the same points (docs/power-tuning.md):
 *   - the state machine output (the Analyzer's object, bare or wrapped in `{ "results": … }`);
 *   - the visualization URL (or only its hash): three base64 blocks `sizes;durations;costs`;
 *   - a Step Functions DescribeExecution record, whose `input` and `output` are JSON strings.
 *
 * Power Tuning's own cost counts duration only (ceil(ms) × the 128 MB price × memory / 128), so
 * Breakeven keeps the measured durations and reprices every point with lib/pricing.
 */
import type { Architecture, PriceBook } from "@/lib/pricing";
import {
  DEFAULT_PRICE_BOOK,
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
} from "@/lib/pricing";
import { computeCostPerInvocationUsd } from "./curve";
import type { MemoryObservationInput } from "./types";

// ---------------------------------------------------------------------------------------------
// Public types

export type PowerTuningForm = "output" | "visualization" | "execution";

export type PowerTuningPoint = {
  memoryMb: number;
  /** Average duration Power Tuning measured at this size (ms, 6 significant digits). */
  durationMs: number;
  /** Power Tuning's own duration-only cost per invocation (USD); null when the input had none. */
  powerTuningCostUsd: number | null;
};

export type PowerTuningRun = {
  form: PowerTuningForm;
  /** Unqualified function ARN (from the execution input's `lambdaARN`); null when not known. */
  functionArn: string | null;
  /** The function's region, from its ARN; null when not known. */
  region: string | null;
  /** "cost" | "speed" | "balanced" (execution records only; "cost" when the input named none). */
  strategy: string | null;
  /** The size Power Tuning picked (`power`); null for a visualization URL. */
  winnerMemoryMb: number | null;
  /** When the execution started (ISO 8601, UTC); null when not known. */
  startedAt: string | null;
  /** Invocations per size (the execution input's `num`); null when not known. */
  invocationsPerPoint: number | null;
  /** Ascending by memory, one per size. */
  points: PowerTuningPoint[];
};

export type RepricedPowerTuningPoint = {
  memoryMb: number;
  durationMs: number;
  /** Request + tier-1 GB-seconds of the billed (whole-ms) duration; null when a rate is unknown. */
  costPerInvocationUsd: number | null;
};

/** Bad Power Tuning input. The message is one line that says what is wrong. */
export class PowerTuningInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PowerTuningInputError";
  }
}

/** Longest text accepted (characters): real outputs are a few KB. */
export const POWER_TUNING_MAX_TEXT_LENGTH = 1024 * 1024;
/** Most points accepted (Power Tuning's "ALL" is 46 sizes; 128–10,240 MB in 64 MB steps is 159). */
export const POWER_TUNING_MAX_POINTS = 200;

// ---------------------------------------------------------------------------------------------
// Small helpers

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new PowerTuningInputError(message);
}

/** A value for an error message: one line, at most 40 characters. */
function quote(value: unknown): string {
  const text = value === undefined ? "nothing" : (JSON.stringify(value) ?? String(value));
  const line = text.replace(/\s+/g, " ");
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
}

function oneLine(message: string): string {
  return message.split("\n")[0]?.trim() ?? "";
}

const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const MEMORY_RANGE = `${integerFormat.format(LAMBDA_MIN_MEMORY_MB)}–${integerFormat.format(LAMBDA_MAX_MEMORY_MB)} MB`;

/** A number, or a string that is one ("128", " 2.9 "); NaN otherwise. */
function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "") return Number(value.trim());
  return Number.NaN;
}

/**
 * Single precision, then 6 significant digits: the visualization hash stores Float32, so passing
 * JSON numbers through the same rounding makes every form of one run give identical points.
 */
function toStoredPrecision(value: number): number {
  return Number(Math.fround(value).toPrecision(6));
}

function checkMemoryMb(value: unknown, where: string): number {
  const memoryMb = toNumber(value);
  if (!Number.isFinite(memoryMb)) fail(`${where}: expected a memory size in MB, got ${quote(value)}`);
  if (!Number.isInteger(memoryMb)) fail(`memory size ${memoryMb} MB is not a whole number of MB`);
  if (memoryMb < LAMBDA_MIN_MEMORY_MB || memoryMb > LAMBDA_MAX_MEMORY_MB)
    fail(`memory size ${memoryMb} MB is outside ${MEMORY_RANGE}`);
  return memoryMb;
}

/** A measured average duration; null for "no usable duration" (empty, missing or 0). */
function checkDurationMs(value: unknown, memoryMb: number): number | null {
  if (value === undefined || value === null || value === "" || value === 0) return null;
  const durationMs = toNumber(value);
  if (!Number.isFinite(durationMs) || durationMs < 0)
    fail(`average duration at ${memoryMb} MB is not a number of ms ≥ 0 (got ${quote(value)})`);
  if (durationMs === 0) return null;
  if (durationMs > LAMBDA_MAX_DURATION_MS)
    fail(
      `average duration at ${memoryMb} MB is ${integerFormat.format(durationMs)} ms, above Lambda's 900,000 ms (15-minute) limit`,
    );
  return toStoredPrecision(durationMs);
}

/** Power Tuning's cost is informative only: anything but a finite number ≥ 0 is unknown. */
function toCostUsd(value: unknown): number | null {
  const costUsd = toNumber(value);
  return Number.isFinite(costUsd) && costUsd >= 0 ? toStoredPrecision(costUsd) : null;
}

function checkPointCount(count: number): void {
  if (count > POWER_TUNING_MAX_POINTS)
    fail(`too many points: ${count} memory sizes (at most ${POWER_TUNING_MAX_POINTS})`);
}

/** Sorted by memory; a size measured twice keeps the mean of its measurements. */
function normalizePoints(points: PowerTuningPoint[]): PowerTuningPoint[] {
  if (points.length === 0)
    fail("no usable points: no memory size has an average duration (every `averageDuration` is empty)");
  const bySize = new Map<number, PowerTuningPoint[]>();
  for (const point of points) {
    const list = bySize.get(point.memoryMb);
    if (list) list.push(point);
    else bySize.set(point.memoryMb, [point]);
  }
  return [...bySize.entries()]
    .sort(([a], [b]) => a - b)
    .map(([memoryMb, list]) => {
      if (list.length === 1) return list[0]!;
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      const costs = list.map((point) => point.powerTuningCostUsd);
      return {
        memoryMb,
        durationMs: Number(mean(list.map((point) => point.durationMs)).toPrecision(6)),
        powerTuningCostUsd: costs.every((cost): cost is number => cost !== null)
          ? Number(mean(costs).toPrecision(6))
          : null,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// ARNs and timestamps

const LAMBDA_FUNCTION_ARN =
  /^arn:(aws[a-z-]*):lambda:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):function:([A-Za-z0-9_-]{1,140})(?::([A-Za-z0-9$_-]{1,128}))?$/;

export type LambdaFunctionArnParts = {
  /** The ARN without a version or alias. */
  functionArn: string;
  region: string;
  accountId: string;
  functionName: string;
  qualifier: string | null;
};

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:qualifier]`, or null when it is not one. */
export function parseLambdaFunctionArn(arn: string): LambdaFunctionArnParts | null {
  const match = LAMBDA_FUNCTION_ARN.exec(arn.trim());
  if (!match) return null;
  const [, partition, region, accountId, functionName, qualifier] = match;
  return {
    functionArn: `arn:${partition}:lambda:${region}:${accountId}:function:${functionName}`,
    region: region!,
    accountId: accountId!,
    functionName: functionName!,
    qualifier: qualifier ?? null,
  };
}

/** DescribeExecution dates: ISO strings (AWS CLI) or epoch seconds (the raw JSON protocol). */
function toIsoTimestamp(value: unknown): string | null {
  let ms = Number.NaN;
  if (typeof value === "number") ms = value > 1e11 ? value : value * 1000;
  else if (typeof value === "string" && value.trim() !== "") {
    const text = value.trim();
    ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
  }
  if (!Number.isFinite(ms)) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

// ---------------------------------------------------------------------------------------------
// Visualization hash

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_VALUES = new Map([...BASE64_ALPHABET].map((char, index) => [char, index]));

/** Standard or URL-safe base64, padding optional. */
function decodeBase64(block: string, label: string): Uint8Array {
  let text = block;
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      fail(`visualization hash: the ${label} block is not base64`);
    }
  }
  text = text
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .replace(/={1,2}$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(text) || text.length % 4 === 1)
    fail(`visualization hash: the ${label} block is not base64`);
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let length = 0;
  for (const char of text) {
    buffer = ((buffer << 6) | BASE64_VALUES.get(char)!) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[length++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

function readValues(bytes: Uint8Array, width: 2 | 4, label: string, typeName: string): number[] {
  if (bytes.length % width !== 0)
    fail(
      `visualization hash: the ${label} block has ${bytes.length} bytes, not a whole number of ${typeName} values`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = bytes.length / width;
  checkPointCount(count);
  return Array.from({ length: count }, (_, index) =>
    width === 2 ? view.getInt16(index * 2, true) : view.getFloat32(index * 4, true),
  );
}

/**
 * The part after `#`: `sizes;durations;costs` (Int16 / Float32 / Float32, little-endian, base64),
 * optionally followed by a comparison triple and two legends (the first triple is the run), a
 * trailing `;`, or a query such as `?currency=CNY`.
 */
function parseVisualizationHash(hash: string): PowerTuningPoint[] {
  const blocks = (hash.replace(/\s+/g, "").split("?")[0] ?? "").split(";");
  while (blocks.length > 0 && blocks[blocks.length - 1] === "") blocks.pop();
  if (blocks.length < 3)
    fail(`visualization hash: expected 3 base64 blocks separated by ';', found ${blocks.length}`);
  const sizes = readValues(decodeBase64(blocks[0]!, "memory-size"), 2, "memory-size", "Int16");
  const durations = readValues(decodeBase64(blocks[1]!, "duration"), 4, "duration", "Float32");
  const costs = readValues(decodeBase64(blocks[2]!, "cost"), 4, "cost", "Float32");
  if (sizes.length === 0) fail("visualization hash: the memory-size block is empty");
  if (durations.length !== sizes.length)
    fail(`memory sizes and durations differ in length (${sizes.length} vs ${durations.length})`);
  if (costs.length !== sizes.length)
    fail(`memory sizes and costs differ in length (${sizes.length} vs ${costs.length})`);
  const points: PowerTuningPoint[] = [];
  sizes.forEach((size, index) => {
    const memoryMb = checkMemoryMb(size, `visualization hash size ${index + 1}`);
    const durationMs = checkDurationMs(durations[index], memoryMb);
    if (durationMs === null) return;
    points.push({ memoryMb, durationMs, powerTuningCostUsd: toCostUsd(costs[index]) });
  });
  return normalizePoints(points);
}

function parseVisualizationUrl(url: string): PowerTuningPoint[] {
  const hashAt = url.indexOf("#");
  if (hashAt === -1) fail("visualization URL has no #hash: copy the whole `visualization` URL");
  return parseVisualizationHash(url.slice(hashAt + 1));
}

// ---------------------------------------------------------------------------------------------
// State machine output and execution records

function parseStats(stats: unknown[]): PowerTuningPoint[] {
  checkPointCount(stats.length);
  const points: PowerTuningPoint[] = [];
  stats.forEach((entry, index) => {
    // The Analyzer drops entries without an average duration (a size that failed); so do we.
    if (!isObject(entry)) return;
    const duration = entry.averageDuration;
    if (duration === undefined || duration === null || duration === "" || duration === 0) return;
    const memoryMb = checkMemoryMb(entry.value, `stats[${index}].value`);
    const durationMs = checkDurationMs(duration, memoryMb);
    if (durationMs === null) return;
    points.push({ memoryMb, durationMs, powerTuningCostUsd: toCostUsd(entry.averagePrice) });
  });
  return normalizePoints(points);
}

function toWinnerMemoryMb(power: unknown): number | null {
  const memoryMb = toNumber(power);
  return Number.isInteger(memoryMb) && memoryMb >= LAMBDA_MIN_MEMORY_MB && memoryMb <= LAMBDA_MAX_MEMORY_MB
    ? memoryMb
    : null;
}

const OUTPUT_KEYS = ["power", "stats", "stateMachine"] as const;

function parseOutputObject(value: JsonObject, form: PowerTuningForm): PowerTuningRun {
  let output = value;
  if (!OUTPUT_KEYS.some((key) => key in output) && isObject(output.results)) output = output.results;
  if (!OUTPUT_KEYS.some((key) => key in output))
    fail("not Power Tuning output: expected `power`, `stats` or `stateMachine.visualization`");
  const { stats } = output;
  if (stats !== undefined && stats !== null && !Array.isArray(stats))
    fail("`stats` must be an array of { value, averagePrice, averageDuration }");
  const visualization = isObject(output.stateMachine) ? output.stateMachine.visualization : undefined;
  let points: PowerTuningPoint[];
  if (Array.isArray(stats) && stats.length > 0) points = parseStats(stats);
  else if (typeof visualization === "string" && visualization.includes("#"))
    points = parseVisualizationUrl(visualization);
  else
    fail(
      "Power Tuning output has neither `stats` nor `stateMachine.visualization`: run with includeOutputResults=true or paste the visualization URL",
    );
  return {
    form,
    functionArn: null,
    region: null,
    strategy: null,
    winnerMemoryMb: toWinnerMemoryMb(output.power),
    startedAt: null,
    invocationsPerPoint: null,
    points,
  };
}

/** `input`/`output` of DescribeExecution are JSON strings (objects are accepted too). */
function parseEmbeddedJson(value: unknown, field: "input" | "output"): JsonObject | null {
  if (value === undefined || value === null) return null;
  let parsed: unknown = value;
  if (typeof value === "string") {
    if (value.trim() === "") return null;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      fail(
        `execution \`${field}\` is not valid JSON: ${oneLine(error instanceof Error ? error.message : "")}`,
      );
    }
  }
  if (parsed === null) return null;
  if (!isObject(parsed)) fail(`execution \`${field}\` must be a JSON object, got ${quote(parsed)}`);
  return parsed;
}

function parseExecution(record: JsonObject): PowerTuningRun {
  const output = parseEmbeddedJson(record.output, "output");
  if (output === null) {
    const status = typeof record.status === "string" ? record.status : "unknown";
    fail(`execution has no output (status ${status}): only a SUCCEEDED execution has results`);
  }
  const input = parseEmbeddedJson(record.input, "input");
  const run = parseOutputObject(output, "execution");
  const arn = typeof input?.lambdaARN === "string" ? parseLambdaFunctionArn(input.lambdaARN) : null;
  const num = toNumber(input?.num);
  return {
    ...run,
    functionArn: arn?.functionArn ?? null,
    region: arn?.region ?? null,
    strategy: input ? (typeof input.strategy === "string" && input.strategy ? input.strategy : "cost") : null,
    startedAt: toIsoTimestamp(record.startDate),
    invocationsPerPoint: Number.isInteger(num) && num >= 1 ? num : null,
  };
}

function isExecutionRecord(value: JsonObject): boolean {
  return (
    "executionArn" in value ||
    "stateMachineArn" in value ||
    (typeof value.output === "string" && !OUTPUT_KEYS.some((key) => key in value))
  );
}

function parseJsonText(text: string, depth: number): PowerTuningRun {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`not valid JSON: ${oneLine(error instanceof Error ? error.message : String(error))}`);
  }
  // A JSON string holding a URL (e.g. `"https://lambda-power-tuning.show/#…"`).
  if (typeof value === "string" && depth === 0) return parseText(value, depth + 1);
  if (!isObject(value))
    fail(
      `not Power Tuning output: expected a JSON object, got ${Array.isArray(value) ? "an array" : quote(value)}`,
    );
  return isExecutionRecord(value) ? parseExecution(value) : parseOutputObject(value, "output");
}

function visualizationRun(points: PowerTuningPoint[]): PowerTuningRun {
  return {
    form: "visualization",
    functionArn: null,
    region: null,
    strategy: null,
    winnerMemoryMb: null,
    startedAt: null,
    invocationsPerPoint: null,
    points,
  };
}

function parseText(text: string, depth: number): PowerTuningRun {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "")
    fail("input is empty: paste the state machine output, a DescribeExecution record or a visualization URL");
  if (trimmed.startsWith("{") || trimmed.startsWith("[") || trimmed.startsWith('"'))
    return parseJsonText(trimmed, depth);
  if (/^https?:\/\//i.test(trimmed)) return visualizationRun(parseVisualizationUrl(trimmed));
  if (trimmed.startsWith("#")) return visualizationRun(parseVisualizationHash(trimmed.slice(1)));
  if (/^[A-Za-z0-9+/=_%-]+;/.test(trimmed)) return visualizationRun(parseVisualizationHash(trimmed));
  return fail(
    "not Power Tuning input: expected JSON (state machine output or DescribeExecution), a visualization URL or its #hash",
  );
}

// ---------------------------------------------------------------------------------------------
// Public functions

/**
 * Parse one Power Tuning run from pasted or uploaded text. Throws PowerTuningInputError (one line)
 * when the text is none of the accepted forms or holds impossible values.
 */
export function parsePowerTuning(text: string): PowerTuningRun {
  if (typeof text !== "string") fail("input must be text");
  if (text.length > POWER_TUNING_MAX_TEXT_LENGTH)
    fail(`input is ${integerFormat.format(Math.ceil(text.length / 1024))} KB, above the 1 MB limit`);
  return parseText(text, 0);
}

/**
 * Breakeven's own cost per invocation at each measured point: one request plus the tier-1 GB-second
 * rate × memory GB × billed duration (whole ms, rounded up). No free tier, tiers or storage: the
 * same basis as the memory curve. An unknown rate gives null, never 0.
 */
export function repricePowerTuningPoints(
  points: readonly Pick<PowerTuningPoint, "memoryMb" | "durationMs">[],
  context: { region: string; architecture: Architecture },
  book: PriceBook = DEFAULT_PRICE_BOOK,
): RepricedPowerTuningPoint[] {
  return points.map(({ memoryMb, durationMs }) => ({
    memoryMb,
    durationMs,
    costPerInvocationUsd: computeCostPerInvocationUsd(
      book,
      context.region,
      context.architecture,
      memoryMb,
      durationMs,
    ),
  }));
}

/** The UTC day a run is filed under: the day it started, else the day of `now`. */
export function toPowerTuningObservedOn(
  run: Pick<PowerTuningRun, "startedAt">,
  now: Date = new Date(),
): string {
  return (run.startedAt ?? now.toISOString()).slice(0, 10);
}

/**
 * One MemoryObservation per point (source "power-tuning"). Power Tuning does not record the
 * architecture, so the caller passes the function's own. Invocations = the run's `num` when known,
 * else 1; no percentiles, memory used or cold starts are measured.
 */
export function toPowerTuningObservations(
  run: PowerTuningRun,
  options: { architecture: Architecture; observedOn: string },
): MemoryObservationInput[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.observedOn))
    fail(`observedOn must be a UTC day (YYYY-MM-DD), got ${quote(options.observedOn)}`);
  return run.points.map((point) => ({
    memoryMb: point.memoryMb,
    architecture: options.architecture,
    source: "power-tuning",
    observedOn: options.observedOn,
    invocations: run.invocationsPerPoint ?? 1,
    durationAvgMs: point.durationMs,
    durationP50Ms: null,
    durationP95Ms: null,
    durationP99Ms: null,
    maxMemoryUsedMb: null,
    initDurationAvgMs: null,
    coldStarts: null,
  }));
}
