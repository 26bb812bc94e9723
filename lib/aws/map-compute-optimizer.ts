/**
 * AWS Compute Optimizer, pure half: how GetLambdaFunctionRecommendations and
 * GetECSServiceRecommendations answers, and the CSV files of ExportLambdaFunctionRecommendations,
 * become one row per function version or service (docs/compute-optimizer.md). Tested on
 * recorded-shape fixtures in __fixtures__/.
 *
 * What is kept: AWS's finding and reason codes, the current and top-ranked recommended memory (or
 * task CPU and memory), the projected duration bounds at the recommended memory, the estimated
 * monthly savings with its currency and percentage (`savingsOpportunity`: AWS's estimate at public
 * prices, not billed money), the lookback period and when AWS last refreshed the recommendation.
 * A field AWS leaves out is null ("unknown"), never 0. Fields read are checked with zod: an answer
 * without the ARN or finding is reported, never guessed.
 */
import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import type {
  ComputeOptimizerRecommendationFields,
  ComputeOptimizerStatus,
} from "@/lib/schemas/compute-optimizer";

export const COMPUTE_OPTIMIZER_LAMBDA_API = "compute-optimizer:GetLambdaFunctionRecommendations";
export const COMPUTE_OPTIMIZER_ECS_API = "compute-optimizer:GetECSServiceRecommendations";

/** Functions with this finding are only returned when a request filters on it (docs/compute-optimizer.md). */
export const LAMBDA_UNAVAILABLE_FINDING = "Unavailable";

export type {
  ComputeOptimizerRecommendationFields,
  ComputeOptimizerResourceKind,
  ComputeOptimizerSource,
  ComputeOptimizerStatus,
} from "@/lib/schemas/compute-optimizer";

export const LAMBDA_FINDINGS = ["Optimized", "NotOptimized", "Unavailable"] as const;
export const ECS_FINDINGS = ["Optimized", "Underprovisioned", "Overprovisioned"] as const;
export const LAMBDA_FINDING_REASON_CODES = [
  "MemoryOverprovisioned",
  "MemoryUnderprovisioned",
  "InsufficientData",
  "Inconclusive",
] as const;

export class ComputeOptimizerShapeError extends Error {
  readonly code = "MalformedResponse";
  readonly api: string;

  constructor(api: string, message: string) {
    super(message);
    this.name = "ComputeOptimizerShapeError";
    this.api = api;
  }
}

// ---- the API answers ------------------------------------------------------------------------

const num = z.number().finite().nullish();
/** The SDK gives a Date; the wire (and the fixtures) epoch seconds; the CLI's JSON an ISO string. */
const timestamp = z.union([z.date(), z.number(), z.string()]).nullish();

const savingsSchema = z
  .object({
    savingsOpportunityPercentage: num,
    estimatedMonthlySavings: z.object({ currency: z.string().nullish(), value: num }).nullish(),
  })
  .nullish();

const lambdaRecommendationSchema = z.object({
  functionArn: z.string().min(1),
  functionVersion: z.string().nullish(),
  accountId: z.string().nullish(),
  currentMemorySize: num,
  numberOfInvocations: num,
  lookbackPeriodInDays: num,
  lastRefreshTimestamp: timestamp,
  finding: z.string().min(1),
  findingReasonCodes: z.array(z.string()).nullish(),
  memorySizeRecommendationOptions: z
    .array(
      z.object({
        rank: num,
        memorySize: num,
        projectedUtilizationMetrics: z
          .array(z.object({ name: z.string().nullish(), statistic: z.string().nullish(), value: num }))
          .nullish(),
        savingsOpportunity: savingsSchema,
      }),
    )
    .nullish(),
});

const ecsRecommendationSchema = z.object({
  serviceArn: z.string().min(1),
  accountId: z.string().nullish(),
  currentServiceConfiguration: z.object({ memory: num, cpu: num }).nullish(),
  lookbackPeriodInDays: num,
  lastRefreshTimestamp: timestamp,
  finding: z.string().min(1),
  findingReasonCodes: z.array(z.string()).nullish(),
  serviceRecommendationOptions: z
    .array(z.object({ memory: num, cpu: num, savingsOpportunity: savingsSchema }))
    .nullish(),
});

export type MapContext = { accountId: string; region: string; importedAt: Date };

function toDate(value: Date | number | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date =
    value instanceof Date ? value : typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const orNull = (value: number | null | undefined): number | null => (value === undefined ? null : value);

/**
 * "arn:aws:lambda:us-east-1:123456789012:function:name[:qualifier]" → the unqualified ARN, the
 * qualifier, the region and the account; null when it is not a function ARN.
 */
export function splitFunctionArn(
  arn: string,
): { functionArn: string; qualifier: string | null; region: string; accountId: string } | null {
  const parts = arn.split(":");
  if (
    parts.length < 7 ||
    parts.length > 8 ||
    parts[0] !== "arn" ||
    parts[2] !== "lambda" ||
    parts[5] !== "function"
  )
    return null;
  if (!parts[3] || !parts[4] || !parts[6]) return null;
  return {
    functionArn: parts.slice(0, 7).join(":"),
    qualifier: parts[7] || null,
    region: parts[3],
    accountId: parts[4],
  };
}

/** Region and account of an ECS service ARN ("arn:aws:ecs:REGION:ACCOUNT:service/…"); null otherwise. */
export function splitServiceArn(arn: string): { region: string; accountId: string } | null {
  const parts = arn.split(":");
  if (parts.length !== 6 || parts[0] !== "arn" || parts[2] !== "ecs" || !parts[5]?.startsWith("service/"))
    return null;
  if (!parts[3] || !parts[4]) return null;
  return { region: parts[3], accountId: parts[4] };
}

function savingsFields(
  savings: z.infer<typeof savingsSchema>,
): Pick<
  ComputeOptimizerRecommendationFields,
  "estimatedMonthlySavingsAmount" | "savingsCurrency" | "savingsOpportunityPercent"
> {
  return {
    estimatedMonthlySavingsAmount: orNull(savings?.estimatedMonthlySavings?.value),
    savingsCurrency: savings?.estimatedMonthlySavings?.currency ?? null,
    savingsOpportunityPercent: orNull(savings?.savingsOpportunityPercentage),
  };
}

function parseItem<T>(schema: z.ZodType<T>, api: string, item: unknown, index: number): T {
  const parsed = schema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ComputeOptimizerShapeError(
      api,
      `recommendation ${index + 1}: ${issue?.path.join(".") || "item"} ${issue?.message ?? "is malformed"}`,
    );
  }
  return parsed.data;
}

/**
 * Every page of GetLambdaFunctionRecommendations (the plain query and the one filtered on
 * `Unavailable`) → one row per function version, source "api". A recommendation of another
 * account (a management account's view) is left out; the same version listed twice is kept once.
 */
export function mapLambdaFunctionRecommendations(
  pages: readonly { lambdaFunctionRecommendations?: readonly unknown[] | null }[],
  context: MapContext,
): ComputeOptimizerRecommendationFields[] {
  const rows = new Map<string, ComputeOptimizerRecommendationFields>();
  let index = 0;
  for (const page of pages) {
    for (const item of page.lambdaFunctionRecommendations ?? []) {
      const rec = parseItem(lambdaRecommendationSchema, COMPUTE_OPTIMIZER_LAMBDA_API, item, index);
      index += 1;
      const arn = splitFunctionArn(rec.functionArn);
      if (!arn) {
        throw new ComputeOptimizerShapeError(
          COMPUTE_OPTIMIZER_LAMBDA_API,
          `recommendation ${index}: functionArn ${JSON.stringify(rec.functionArn)} is not a Lambda function ARN`,
        );
      }
      if ((rec.accountId ?? arn.accountId) !== context.accountId) continue;
      const top = [...(rec.memorySizeRecommendationOptions ?? [])].sort(
        (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
      )[0];
      const duration = (statistic: string) =>
        orNull(
          top?.projectedUtilizationMetrics?.find((m) => m.name === "Duration" && m.statistic === statistic)
            ?.value,
        );
      const qualifier = rec.functionVersion || arn.qualifier || "$LATEST";
      rows.set(`${arn.functionArn}|${qualifier}`, {
        resourceArn: arn.functionArn,
        qualifier,
        source: "api",
        resourceKind: "lambda",
        accountId: context.accountId,
        region: arn.region,
        finding: rec.finding,
        findingReasonCodesJson: JSON.stringify(rec.findingReasonCodes ?? []),
        currentMemoryMb: orNull(rec.currentMemorySize),
        recommendedMemoryMb: orNull(top?.memorySize),
        currentCpuUnits: null,
        recommendedCpuUnits: null,
        projectedDurationExpectedMs: duration("Expected"),
        projectedDurationLowerMs: duration("LowerBound"),
        projectedDurationUpperMs: duration("UpperBound"),
        ...savingsFields(top?.savingsOpportunity),
        invocations: orNull(rec.numberOfInvocations),
        lookbackDays: orNull(rec.lookbackPeriodInDays),
        lastRefreshAt: toDate(rec.lastRefreshTimestamp),
        importedAt: context.importedAt,
      });
    }
  }
  return [...rows.values()];
}

/** Every page of GetECSServiceRecommendations → one row per service, source "api". */
export function mapEcsServiceRecommendations(
  pages: readonly { ecsServiceRecommendations?: readonly unknown[] | null }[],
  context: MapContext,
): ComputeOptimizerRecommendationFields[] {
  const rows = new Map<string, ComputeOptimizerRecommendationFields>();
  let index = 0;
  for (const page of pages) {
    for (const item of page.ecsServiceRecommendations ?? []) {
      const rec = parseItem(ecsRecommendationSchema, COMPUTE_OPTIMIZER_ECS_API, item, index);
      index += 1;
      const arn = splitServiceArn(rec.serviceArn);
      if (!arn) {
        throw new ComputeOptimizerShapeError(
          COMPUTE_OPTIMIZER_ECS_API,
          `recommendation ${index}: serviceArn ${JSON.stringify(rec.serviceArn)} is not an ECS service ARN`,
        );
      }
      if ((rec.accountId ?? arn.accountId) !== context.accountId) continue;
      // AWS lists the options without a rank; the first is its choice.
      const top = rec.serviceRecommendationOptions?.[0];
      rows.set(rec.serviceArn, {
        resourceArn: rec.serviceArn,
        qualifier: "",
        source: "api",
        resourceKind: "fargate",
        accountId: context.accountId,
        region: arn.region,
        finding: rec.finding,
        findingReasonCodesJson: JSON.stringify(rec.findingReasonCodes ?? []),
        currentMemoryMb: orNull(rec.currentServiceConfiguration?.memory),
        recommendedMemoryMb: orNull(top?.memory),
        currentCpuUnits: orNull(rec.currentServiceConfiguration?.cpu),
        recommendedCpuUnits: orNull(top?.cpu),
        projectedDurationExpectedMs: null,
        projectedDurationLowerMs: null,
        projectedDurationUpperMs: null,
        ...savingsFields(top?.savingsOpportunity),
        invocations: null,
        lookbackDays: orNull(rec.lookbackPeriodInDays),
        lastRefreshAt: toDate(rec.lastRefreshTimestamp),
        importedAt: context.importedAt,
      });
    }
  }
  return [...rows.values()];
}

/**
 * The state a failed read leaves: not enrolled (OptInRequiredException: the account has not opted
 * in to Compute Optimizer), access denied (the role lacks the permission), or failed (anything
 * else). `kind` is classifyAwsError's.
 */
export function toComputeOptimizerStatus(code: string, kind: string): Exclude<ComputeOptimizerStatus, "ok"> {
  if (code === "OptInRequiredException" || code === "OptInRequired") return "not-enrolled";
  if (kind === "access-denied") return "access-denied";
  return "failed";
}

// ---- the CSV export -------------------------------------------------------------------------

export class ComputeOptimizerCsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ComputeOptimizerCsvError";
  }
}

/** Header names are matched ignoring case, underscores and spaces ("lastRefreshTimestamp_UTC"). */
export function toHeaderKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Our field → the header keys that carry it, first found wins (the export's and importers' spellings). */
const CSV_COLUMNS = {
  accountId: ["accountid"],
  functionArn: ["functionarn"],
  functionVersion: ["functionversion"],
  finding: ["finding", "findings"],
  findingReasonCodes: ["findingreasoncodes"],
  currentMemoryMb: ["currentconfigurationmemorysize", "currentmemorysize"],
  recommendedMemoryMb: ["recommendationoptions1configurationmemorysize", "recommendationoptions1memorysize"],
  durationExpectedMs: ["recommendationoptions1projectedutilizationmetricsdurationexpected"],
  durationLowerMs: ["recommendationoptions1projectedutilizationmetricsdurationlowerbound"],
  durationUpperMs: ["recommendationoptions1projectedutilizationmetricsdurationupperbound"],
  savingsAmount: ["recommendationoptions1estimatedmonthlysavingsvalue"],
  savingsCurrency: ["recommendationoptions1estimatedmonthlysavingscurrency"],
  savingsPercent: ["recommendationoptions1savingsopportunitypercentage"],
  invocations: ["numberofinvocations"],
  lookbackDays: ["lookbackperiodindays"],
  lastRefresh: ["lastrefreshtimestamputc", "lastrefreshtimestamp"],
} as const;

type CsvField = keyof typeof CSV_COLUMNS;

const REASON_COLUMN_PREFIX = "findingreasoncodesis";

export type LambdaCsvImport = {
  rows: ComputeOptimizerRecommendationFields[];
  /** Regions the file covers for the account (the stored CSV rows of these regions are replaced). */
  regions: string[];
  /** Rows of other accounts (an export that included member accounts). */
  skippedOtherAccounts: number;
};

/** "2026-11-20 06:15:02", "2026-11-20T06:15:02Z", "11/20/26 06:15" (UTC) → Date, else null. */
export function parseCsvTimestamp(text: string): Date | null {
  const trimmed = text.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    trimmed,
  );
  if (match) {
    const [, y, mo, d, h, mi, s = "00", frac = "", zone = "Z"] = match;
    const date = new Date(
      `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
    );
    return Number.isNaN(date.getTime()) ? null : date;
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (match) {
    const [, mo, d, y, h, mi, s = "0"] = match;
    const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
    const date = new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    return date.getUTCMonth() === Number(mo) - 1 && date.getUTCDate() === Number(d) ? date : null;
  }
  return null;
}

const canonicalFinding = (text: string, known: readonly string[]): string | null =>
  known.find((value) => toHeaderKey(value) === toHeaderKey(text)) ?? null;

/**
 * An ExportLambdaFunctionRecommendations CSV file → rows of `accountId`, source "csv". Headers are
 * matched ignoring case and underscores, because the spellings differ between the export and the
 * tools that re-save it. A row of another account is skipped (counted). Throws
 * ComputeOptimizerCsvError naming the line and column of the first problem.
 */
export function parseLambdaRecommendationsCsv(
  text: string,
  context: { accountId: string; importedAt: Date },
): LambdaCsvImport {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ComputeOptimizerCsvError(`not a readable CSV file: ${message}`);
  }
  const [header, ...data] = records;
  if (!header) throw new ComputeOptimizerCsvError("the file is empty: expected a header line and rows");
  const headers = header.record;
  const keys = headers.map(toHeaderKey);
  const columnOf = (field: CsvField): number => {
    for (const key of CSV_COLUMNS[field]) {
      const index = keys.indexOf(key);
      if (index !== -1) return index;
    }
    return -1;
  };
  const columns = Object.fromEntries(
    (Object.keys(CSV_COLUMNS) as CsvField[]).map((field) => [field, columnOf(field)]),
  ) as Record<CsvField, number>;
  for (const required of ["functionArn", "finding"] as const) {
    if (columns[required] === -1) {
      throw new ComputeOptimizerCsvError(
        `missing column ${required} (headers are matched ignoring case and underscores; found ${headers.slice(0, 6).join(", ")}${headers.length > 6 ? ", …" : ""})`,
      );
    }
  }
  const reasonColumns = keys.flatMap((key, index) => {
    if (!key.startsWith(REASON_COLUMN_PREFIX)) return [];
    const code = LAMBDA_FINDING_REASON_CODES.find(
      (reason) => toHeaderKey(reason) === key.slice(REASON_COLUMN_PREFIX.length),
    );
    return code ? [{ index, code }] : [];
  });

  const rows = new Map<string, ComputeOptimizerRecommendationFields>();
  const regions = new Set<string>();
  let skippedOtherAccounts = 0;
  for (const { record, info } of data) {
    const where = (index: number) => `line ${info.lines}, column ${headers[index]}`;
    const cell = (field: CsvField): string | null => {
      const index = columns[field];
      if (index === -1) return null;
      const value = (record[index] ?? "").trim();
      return value === "" ? null : value;
    };
    const number = (field: CsvField): number | null => {
      const value = cell(field);
      if (value === null) return null;
      const parsed = Number(value);
      if (!Number.isFinite(parsed))
        throw new ComputeOptimizerCsvError(
          `${where(columns[field])}: ${JSON.stringify(value)} is not a number`,
        );
      return parsed;
    };
    const functionArnText = cell("functionArn");
    if (functionArnText === null)
      throw new ComputeOptimizerCsvError(`${where(columns.functionArn)}: the function ARN is empty`);
    const arn = splitFunctionArn(functionArnText);
    if (!arn) {
      throw new ComputeOptimizerCsvError(
        `${where(columns.functionArn)}: ${JSON.stringify(functionArnText)} is not a Lambda function ARN`,
      );
    }
    const rowAccount = cell("accountId") ?? arn.accountId;
    if (rowAccount !== context.accountId) {
      skippedOtherAccounts += 1;
      continue;
    }
    const findingText = cell("finding");
    const finding = findingText === null ? null : canonicalFinding(findingText, LAMBDA_FINDINGS);
    if (finding === null) {
      throw new ComputeOptimizerCsvError(
        `${where(columns.finding)}: ${JSON.stringify(findingText ?? "")} is not a finding (${LAMBDA_FINDINGS.join(", ")})`,
      );
    }
    const reasons = new Set<string>();
    for (const { index, code } of reasonColumns) {
      const value = (record[index] ?? "").trim().toLowerCase();
      if (value === "true" || value === "1") reasons.add(code);
      else if (value !== "" && value !== "false" && value !== "0")
        throw new ComputeOptimizerCsvError(
          `${where(index)}: ${JSON.stringify(record[index])} is not true or false`,
        );
    }
    // Some tools write one column of codes instead ("MemoryOverprovisioned|InsufficientData").
    for (const part of (cell("findingReasonCodes") ?? "").split(/[|;,\s]+/)) {
      const code = part ? canonicalFinding(part, LAMBDA_FINDING_REASON_CODES) : null;
      if (code) reasons.add(code);
    }
    const refreshText = cell("lastRefresh");
    const lastRefreshAt = refreshText === null ? null : parseCsvTimestamp(refreshText);
    if (refreshText !== null && lastRefreshAt === null) {
      throw new ComputeOptimizerCsvError(
        `${where(columns.lastRefresh)}: ${JSON.stringify(refreshText)} is not a timestamp (e.g. 2026-11-20 06:15:02)`,
      );
    }
    const qualifier = cell("functionVersion") ?? arn.qualifier ?? "$LATEST";
    regions.add(arn.region);
    rows.set(`${arn.functionArn}|${qualifier}`, {
      resourceArn: arn.functionArn,
      qualifier,
      source: "csv",
      resourceKind: "lambda",
      accountId: context.accountId,
      region: arn.region,
      finding,
      findingReasonCodesJson: JSON.stringify(LAMBDA_FINDING_REASON_CODES.filter((code) => reasons.has(code))),
      currentMemoryMb: number("currentMemoryMb"),
      recommendedMemoryMb: number("recommendedMemoryMb"),
      currentCpuUnits: null,
      recommendedCpuUnits: null,
      projectedDurationExpectedMs: number("durationExpectedMs"),
      projectedDurationLowerMs: number("durationLowerMs"),
      projectedDurationUpperMs: number("durationUpperMs"),
      estimatedMonthlySavingsAmount: number("savingsAmount"),
      savingsCurrency: cell("savingsCurrency"),
      savingsOpportunityPercent: number("savingsPercent"),
      invocations: number("invocations"),
      lookbackDays: number("lookbackDays"),
      lastRefreshAt,
      importedAt: context.importedAt,
    });
  }
  return { rows: [...rows.values()], regions: [...regions].sort(), skippedOtherAccounts };
}
