import { z } from "zod";
import {
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_INIT_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
} from "@/lib/pricing/limits";
import { SAVINGS_PLAN_MAX_DISCOUNT } from "@/lib/pricing/savings-plan";
import type { HourlyShape, TrafficShapePreset, Workload } from "@/lib/pricing/types";
import { ARCHITECTURES, FARGATE_OSES } from "@/lib/pricing/types";

/**
 * The what-if workload as a user enters it: one flat object, shared by the form (strings from
 * inputs), the URL (short lowercase search params) and the scenario route handlers (JSON).
 * Shares are percentages here (what the user types); `toWorkload` turns them into the engine's
 * fractions. zod 4's `z.number()` already rejects NaN and ±Infinity; every field also has bounds,
 * so nothing non-finite can reach the screen or the database.
 */

type NumberFieldOptions = {
  label: string;
  unit?: string;
  min: number;
  max: number;
  isInteger?: boolean;
  defaultValue: number;
};

const boundFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

function toNumberSchema({ label, unit, min, max, isInteger, defaultValue }: NumberFieldOptions) {
  const range = `${boundFormat.format(min)} and ${boundFormat.format(max)}${unit ? ` ${unit}` : ""}`;
  const rangeMessage = `${label} must be between ${range}`;
  let schema = z.number({ error: `${label} must be a number` });
  if (isInteger) schema = schema.int({ error: `${label} must be a whole number` });
  return schema.min(min, { error: rangeMessage }).max(max, { error: rangeMessage }).default(defaultValue);
}

export const TRAFFIC_SHAPES = [
  "flat",
  "business-hours",
  "spiky",
  "nightly-batch",
] as const satisfies readonly TrafficShapePreset[];
export const FRONT_DOORS = ["none", "http-api", "rest-api", "alb"] as const;
// The pricing engine's lists, re-exported for the forms and the CLI.
export { ARCHITECTURES, FARGATE_OSES };

export const TRAFFIC_SHAPE_LABELS: Record<(typeof TRAFFIC_SHAPES)[number], string> = {
  flat: "Flat (same every hour)",
  "business-hours": "Business hours",
  spiky: "Spiky",
  "nightly-batch": "Nightly batch",
};
export const FRONT_DOOR_LABELS: Record<(typeof FRONT_DOORS)[number], string> = {
  none: "None (direct invoke / queue)",
  "http-api": "API Gateway HTTP API",
  "rest-api": "API Gateway REST API",
  alb: "Application Load Balancer",
};

/** AWS region code (us-east-1, ap-southeast-2, us-gov-west-1); whether it is priced is checked separately. */
export const regionSchema = z
  .string({ error: "Region must be a region code" })
  .trim()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d{1,2}$/, { error: "Region must look like us-east-1" });

export const DEFAULT_REGION = "us-east-1";

/** The engine's Compute Savings Plan ceiling, as a percentage. */
const SAVINGS_PLAN_MAX_DISCOUNT_PERCENT = Math.round(SAVINGS_PLAN_MAX_DISCOUNT * 100);

const workloadFieldsSchema = z.object({
  // Traffic
  requestsPerMonth: toNumberSchema({
    label: "Requests per month",
    min: 1,
    max: 1e12,
    isInteger: true,
    defaultValue: 10_000_000,
  }),
  shape: z.enum(TRAFFIC_SHAPES, { error: "Pick a traffic shape" }).default("business-hours"),
  // Function as measured today
  durationMs: toNumberSchema({
    label: "Duration",
    unit: "ms",
    min: 1,
    max: LAMBDA_MAX_DURATION_MS,
    defaultValue: 120,
  }),
  memoryMb: toNumberSchema({
    label: "Memory",
    unit: "MB",
    min: LAMBDA_MIN_MEMORY_MB,
    max: LAMBDA_MAX_MEMORY_MB,
    isInteger: true,
    defaultValue: 512,
  }),
  architecture: z.enum(ARCHITECTURES, { error: "Pick x86_64 or arm64" }).default("x86_64"),
  cpuBoundPercent: toNumberSchema({
    label: "CPU-bound share",
    unit: "%",
    min: 0,
    max: 100,
    defaultValue: 40,
  }),
  parallelism: toNumberSchema({
    label: "Parallelism",
    unit: "threads",
    min: 1,
    max: 64,
    isInteger: true,
    defaultValue: 1,
  }),
  maxMemoryUsedMb: toNumberSchema({
    label: "Max memory used",
    unit: "MB",
    min: 1,
    max: LAMBDA_MAX_MEMORY_MB,
    isInteger: true,
    defaultValue: 180,
  }),
  region: regionSchema.default(DEFAULT_REGION),
  /**
   * Whose prices: "" for AWS list prices, or an account id whose rates from its own bill (where
   * they differ from list: lib/pricing/effective-rates.ts) replace the list rates.
   */
  pricesAccountId: z
    .string({ error: "Prices must be list prices or an account id" })
    .regex(/^(?:\d{12})?$/, { error: "Prices must be list prices or a 12-digit account id" })
    .default(""),
  isFreeTierApplied: z.boolean({ error: "Free tier must be on or off" }).default(false),
  // Front door
  frontDoor: z.enum(FRONT_DOORS, { error: "Pick a front door" }).default("none"),
  albKbPerRequest: toNumberSchema({
    label: "ALB processed data",
    unit: "KB per request",
    min: 0,
    max: 100_000,
    defaultValue: 10,
  }),
  albRules: toNumberSchema({
    label: "ALB rules",
    unit: "rules",
    min: 0,
    max: 100,
    isInteger: true,
    defaultValue: 10,
  }),
  albNewConnectionsPerRequest: toNumberSchema({
    label: "New connections per request",
    min: 0,
    max: 1,
    defaultValue: 0.1,
  }),
  albConnectionSeconds: toNumberSchema({
    label: "Connection lifetime",
    unit: "s",
    min: 0,
    max: 4_000,
    defaultValue: 10,
  }),
  // Compute Savings Plan
  isSavingsPlanOn: z.boolean({ error: "Savings Plan must be on or off" }).default(false),
  lambdaDiscountPercent: toNumberSchema({
    label: "Lambda discount",
    unit: "%",
    min: 0,
    max: SAVINGS_PLAN_MAX_DISCOUNT_PERCENT,
    defaultValue: 12,
  }),
  fargateDiscountPercent: toNumberSchema({
    label: "Fargate discount",
    unit: "%",
    min: 0,
    max: SAVINGS_PLAN_MAX_DISCOUNT_PERCENT,
    defaultValue: 20,
  }),
  // Lambda provisioned concurrency and cold starts
  provisionedConcurrency: toNumberSchema({
    label: "Provisioned concurrency",
    unit: "environments",
    min: 0,
    max: 100_000,
    isInteger: true,
    defaultValue: 0,
  }),
  provisionedHoursPerDay: toNumberSchema({
    label: "Provisioned hours",
    unit: "h/day",
    min: 0,
    max: 24,
    defaultValue: 24,
  }),
  coldStartPercent: toNumberSchema({
    label: "Cold-start share",
    unit: "%",
    min: 0,
    max: 100,
    defaultValue: 1,
  }),
  // Lambda caps INIT at 10 s.
  initDurationMs: toNumberSchema({
    label: "Init duration",
    unit: "ms",
    min: 0,
    max: LAMBDA_MAX_INIT_DURATION_MS,
    defaultValue: 300,
  }),
  // Fargate
  fargateOs: z.enum(FARGATE_OSES, { error: "Pick Linux or Windows" }).default("linux"),
  isFargateSpot: z.boolean({ error: "Spot must be on or off" }).default(false),
  targetCpuUtilizationPercent: toNumberSchema({
    label: "Target CPU utilisation",
    unit: "%",
    min: 5,
    max: 100,
    defaultValue: 60,
  }),
  minTasks: toNumberSchema({
    label: "Minimum tasks",
    unit: "tasks",
    min: 0,
    max: 1_000,
    isInteger: true,
    defaultValue: 1,
  }),
  isAutoscaled: z.boolean({ error: "Autoscaling must be on or off" }).default(true),
  // Rewrite
  durationFactor: toNumberSchema({
    label: "Duration factor",
    unit: "×",
    min: 0.01,
    max: 10,
    defaultValue: 1,
  }),
  memoryFactor: toNumberSchema({ label: "Memory factor", unit: "×", min: 0.01, max: 10, defaultValue: 1 }),
});

/**
 * Rules that involve two fields, reported on the field a person would change. Mirrors what the
 * pricing engine refuses, so the form says it first and in words.
 */
export function checkWorkloadCombination(
  input: Pick<WorkloadInput, "durationMs" | "durationFactor" | "isFargateSpot" | "fargateOs">,
): WorkloadFieldErrors {
  const fieldErrors: WorkloadFieldErrors = {};
  const rewrittenMs = input.durationMs * input.durationFactor;
  if (rewrittenMs > LAMBDA_MAX_DURATION_MS) {
    fieldErrors.durationFactor = `Duration × factor is ${boundFormat.format(rewrittenMs)} ms, over Lambda's 15-minute limit`;
  }
  if (input.isFargateSpot && input.fargateOs === "windows") {
    fieldErrors.isFargateSpot = "Fargate Spot runs Linux tasks only";
  }
  return fieldErrors;
}

export const workloadInputSchema = workloadFieldsSchema.superRefine((input, context) => {
  for (const [field, message] of Object.entries(checkWorkloadCombination(input))) {
    context.addIssue({ code: "custom", path: [field], message });
  }
});

export type WorkloadInput = z.infer<typeof workloadFieldsSchema>;
export type WorkloadField = keyof WorkloadInput;
export type WorkloadFieldErrors = Partial<Record<WorkloadField, string>>;

export const DEFAULT_WORKLOAD_INPUT: WorkloadInput = Object.freeze(workloadInputSchema.parse({}));

export const WORKLOAD_FIELDS = Object.keys(workloadInputSchema.shape) as WorkloadField[];

/** Short lowercase URL names. Changing one breaks shared links: add, never rename. */
export const WORKLOAD_SEARCH_PARAMS = {
  requestsPerMonth: "rpm",
  shape: "shape",
  durationMs: "dur",
  memoryMb: "mem",
  architecture: "arch",
  cpuBoundPercent: "cpu",
  parallelism: "par",
  maxMemoryUsedMb: "used",
  region: "region",
  pricesAccountId: "prices",
  isFreeTierApplied: "free",
  frontDoor: "door",
  albKbPerRequest: "albkb",
  albRules: "albrules",
  albNewConnectionsPerRequest: "albconn",
  albConnectionSeconds: "albsec",
  isSavingsPlanOn: "sp",
  lambdaDiscountPercent: "spl",
  fargateDiscountPercent: "spf",
  provisionedConcurrency: "pc",
  provisionedHoursPerDay: "pch",
  coldStartPercent: "cold",
  initDurationMs: "init",
  fargateOs: "os",
  isFargateSpot: "spot",
  targetCpuUtilizationPercent: "util",
  minTasks: "min",
  isAutoscaled: "auto",
  durationFactor: "rwd",
  memoryFactor: "rwm",
} as const satisfies Record<WorkloadField, string>;

/** Params written even when they equal the default, because the server's default may differ. */
const ALWAYS_IN_URL: ReadonlySet<WorkloadField> = new Set(["region"]);

/**
 * Parses what a person typed: "1,000,000", "1e6", " 250 ". Anything else (including "" and
 * "Infinity") becomes NaN, which the schema rejects with the field's message.
 */
export function toNumberFromText(text: string): number {
  const cleaned = text.trim().replace(/[,_\s]/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

function toBooleanFromText(text: string): boolean | string {
  const value = text.trim().toLowerCase();
  if (value === "1" || value === "true" || value === "on") return true;
  if (value === "0" || value === "false" || value === "off") return false;
  return text;
}

/** Raw value (string from a form or URL, or JSON value) coerced to what the field's schema expects. */
function toFieldValue(field: WorkloadField, raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  const defaultValue = DEFAULT_WORKLOAD_INPUT[field];
  if (typeof defaultValue === "number") return toNumberFromText(raw);
  if (typeof defaultValue === "boolean") return toBooleanFromText(raw);
  return raw;
}

export type WorkloadFieldsParse = {
  /** Every field: the parsed value, or the default where the raw value was missing or invalid. */
  input: WorkloadInput;
  fieldErrors: WorkloadFieldErrors;
  isValid: boolean;
};

/**
 * Field-by-field parse, so one bad value is reported by its field and the rest still count.
 * Missing fields take their defaults. Used by the form (strings), the URL and stored scenarios.
 */
export function parseWorkloadFields(raw: Partial<Record<WorkloadField, unknown>>): WorkloadFieldsParse {
  const input: Record<string, unknown> = {};
  const fieldErrors: WorkloadFieldErrors = {};
  for (const field of WORKLOAD_FIELDS) {
    const result = workloadInputSchema.shape[field].safeParse(toFieldValue(field, raw[field]));
    if (result.success) {
      input[field] = result.data;
    } else {
      input[field] = DEFAULT_WORKLOAD_INPUT[field];
      fieldErrors[field] = result.error.issues[0]?.message ?? "Invalid value";
    }
  }
  const parsed = input as WorkloadInput;
  for (const [field, message] of Object.entries(checkWorkloadCombination(parsed)) as [
    WorkloadField,
    string,
  ][]) {
    fieldErrors[field] ??= message;
    // The field a person would change takes its default, which always fits the other field.
    input[field] = DEFAULT_WORKLOAD_INPUT[field];
  }
  return {
    input: input as WorkloadInput,
    fieldErrors,
    isValid: Object.keys(fieldErrors).length === 0,
  };
}

type SearchParamsRecord = Record<string, string | string[] | undefined>;

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the workload from URL search params (Next's searchParams object or URLSearchParams). */
export function parseWorkloadSearchParams(params: SearchParamsRecord | URLSearchParams): WorkloadFieldsParse {
  const get = (key: string) =>
    params instanceof URLSearchParams ? (params.get(key) ?? undefined) : firstValue(params[key]);
  const raw: Partial<Record<WorkloadField, unknown>> = {};
  for (const field of WORKLOAD_FIELDS) {
    const value = get(WORKLOAD_SEARCH_PARAMS[field]);
    if (value !== undefined) raw[field] = value;
  }
  return parseWorkloadFields(raw);
}

/** True when the params name at least one workload field (as opposed to only `id`). */
export function hasWorkloadSearchParams(params: SearchParamsRecord | URLSearchParams): boolean {
  return Object.values(WORKLOAD_SEARCH_PARAMS).some((key) =>
    params instanceof URLSearchParams ? params.has(key) : params[key] !== undefined,
  );
}

function toParamText(value: WorkloadInput[WorkloadField]): string {
  if (typeof value === "boolean") return value ? "1" : "0";
  // String(number) round-trips exactly (shortest representation that parses back to the same double).
  return String(value);
}

/** Encodes the workload for the URL: only fields that differ from the defaults (plus region). */
export function toWorkloadSearchParams(input: WorkloadInput): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of WORKLOAD_FIELDS) {
    const value = input[field];
    if (ALWAYS_IN_URL.has(field) || value !== DEFAULT_WORKLOAD_INPUT[field]) {
      params.set(WORKLOAD_SEARCH_PARAMS[field], toParamText(value));
    }
  }
  return params;
}

/** The form's editable text for each field (numbers as typed, enums as their value). */
export type WorkloadDraft = Record<WorkloadField, string | boolean>;

export function toWorkloadDraft(input: WorkloadInput): WorkloadDraft {
  const draft = {} as WorkloadDraft;
  for (const field of WORKLOAD_FIELDS) {
    const value = input[field];
    draft[field] = typeof value === "number" ? String(value) : value;
  }
  return draft;
}

/** Which fields differ between two inputs (compare page, "unsaved changes"). */
export function listChangedWorkloadFields(a: WorkloadInput, b: WorkloadInput): WorkloadField[] {
  return WORKLOAD_FIELDS.filter((field) => a[field] !== b[field]);
}

/**
 * The engine's Workload. The hourly shape comes from the caller (lib/pricing's
 * computeTrafficShape) so this module stays free of pricing code.
 */
export function toWorkload(input: WorkloadInput, hourlyShape: HourlyShape): Workload {
  return {
    region: input.region,
    requestsPerMonth: input.requestsPerMonth,
    hourlyShape,
    durationMs: input.durationMs,
    memoryMb: input.memoryMb,
    architecture: input.architecture,
    cpuBoundShare: input.cpuBoundPercent / 100,
    parallelism: input.parallelism,
    maxMemoryUsedMb: input.maxMemoryUsedMb,
    isFreeTierApplied: input.isFreeTierApplied,
    frontDoor:
      input.frontDoor === "alb"
        ? {
            kind: "alb",
            bytesPerRequest: input.albKbPerRequest * 1000,
            rules: input.albRules,
            newConnectionsPerRequest: input.albNewConnectionsPerRequest,
            connectionSeconds: input.albConnectionSeconds,
          }
        : { kind: input.frontDoor },
    savingsPlan: input.isSavingsPlanOn
      ? {
          lambdaDiscount: input.lambdaDiscountPercent / 100,
          fargateDiscount: input.fargateDiscountPercent / 100,
        }
      : null,
    provisionedConcurrency:
      input.provisionedConcurrency > 0 && input.provisionedHoursPerDay > 0
        ? { count: input.provisionedConcurrency, hoursPerDay: input.provisionedHoursPerDay }
        : null,
    coldStart:
      input.coldStartPercent > 0
        ? { coldStartShare: input.coldStartPercent / 100, initDurationMs: input.initDurationMs }
        : null,
    fargate: {
      os: input.fargateOs,
      isSpot: input.isFargateSpot,
      targetCpuUtilization: input.targetCpuUtilizationPercent / 100,
      minTasks: input.minTasks,
      isAutoscaled: input.isAutoscaled,
    },
    rewrite: { durationFactor: input.durationFactor, memoryFactor: input.memoryFactor },
  };
}

/** The form field behind a pricing-engine input path (PricingInputError.field), if there is one. */
const PRICING_FIELD_TO_WORKLOAD_FIELD: Record<string, WorkloadField> = {
  region: "region",
  requestsPerMonth: "requestsPerMonth",
  hourlyShape: "shape",
  preset: "shape",
  durationMs: "durationMs",
  memoryMb: "memoryMb",
  architecture: "architecture",
  cpuBoundShare: "cpuBoundPercent",
  parallelism: "parallelism",
  maxMemoryUsedMb: "maxMemoryUsedMb",
  isFreeTierApplied: "isFreeTierApplied",
  "frontDoor.kind": "frontDoor",
  "frontDoor.bytesPerRequest": "albKbPerRequest",
  "frontDoor.rules": "albRules",
  "frontDoor.newConnectionsPerRequest": "albNewConnectionsPerRequest",
  "frontDoor.connectionSeconds": "albConnectionSeconds",
  "savingsPlan.lambdaDiscount": "lambdaDiscountPercent",
  "savingsPlan.fargateDiscount": "fargateDiscountPercent",
  "provisionedConcurrency.count": "provisionedConcurrency",
  "provisionedConcurrency.hoursPerDay": "provisionedHoursPerDay",
  "coldStart.coldStartShare": "coldStartPercent",
  "coldStart.initDurationMs": "initDurationMs",
  "fargate.os": "fargateOs",
  "fargate.isSpot": "isFargateSpot",
  "fargate.targetCpuUtilization": "targetCpuUtilizationPercent",
  "fargate.minTasks": "minTasks",
  "fargate.isAutoscaled": "isAutoscaled",
  "rewrite.durationFactor": "durationFactor",
  "rewrite.memoryFactor": "memoryFactor",
};

export function toWorkloadFieldFromPricingField(pricingField: string): WorkloadField | null {
  return PRICING_FIELD_TO_WORKLOAD_FIELD[pricingField.replace(/\[\d+\]$/, "")] ?? null;
}
