import "server-only";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Architecture } from "@/lib/pricing";
import { LAMBDA_MAX_MEMORY_MB, LAMBDA_MIN_MEMORY_MB } from "@/lib/pricing/limits";
import { ARCHITECTURES } from "@/lib/pricing/types";
import type { PowerTuningForm, PowerTuningRun } from "@/lib/recommend/power-tuning";
import {
  POWER_TUNING_MAX_POINTS,
  PowerTuningInputError,
  parsePowerTuning,
  repricePowerTuningPoints,
  toPowerTuningObservations,
  toPowerTuningObservedOn,
} from "@/lib/recommend/power-tuning";
import type { MemoryObservationInput } from "@/lib/recommend/types";

/**
 * AWS Lambda Power Tuning imports (docs/power-tuning.md): one MemoryObservation row per measured
 * memory size, source "power-tuning", keyed like every observation on
 * (functionArn, memoryMb, architecture, source, observedOn), so importing a run again updates it.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toUtcDay(day: string): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (!DAY.test(day) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day)
    throw new AppError("VALIDATION", `observedOn must be a UTC day (YYYY-MM-DD); got ${JSON.stringify(day)}`);
  return date;
}

function checkObservation(observation: MemoryObservationInput): void {
  const problem =
    observation.source !== "power-tuning"
      ? `source must be "power-tuning"; got ${JSON.stringify(observation.source)}`
      : !(ARCHITECTURES as readonly string[]).includes(observation.architecture)
        ? `architecture must be ${ARCHITECTURES.join(" or ")}; got ${JSON.stringify(observation.architecture)}`
        : !Number.isInteger(observation.memoryMb) ||
            observation.memoryMb < LAMBDA_MIN_MEMORY_MB ||
            observation.memoryMb > LAMBDA_MAX_MEMORY_MB
          ? `memoryMb must be a whole number from ${LAMBDA_MIN_MEMORY_MB} to ${LAMBDA_MAX_MEMORY_MB}; got ${observation.memoryMb}`
          : !Number.isFinite(observation.durationAvgMs) || observation.durationAvgMs < 0
            ? `durationAvgMs must be a number ≥ 0; got ${observation.durationAvgMs}`
            : !Number.isInteger(observation.invocations) || observation.invocations < 0
              ? `invocations must be a whole number ≥ 0; got ${observation.invocations}`
              : null;
  if (problem) throw new AppError("VALIDATION", `Power Tuning observation: ${problem}`);
}

async function findFunction(functionId: string, db: Db) {
  const fn = await db.lambdaFunction.findUnique({
    where: { id: functionId },
    select: { id: true, arn: true, region: true, architecture: true },
  });
  if (!fn) throw new AppError("NOT_FOUND", "No function with this id");
  return fn;
}

async function upsertObservations(
  functionArn: string,
  observations: readonly MemoryObservationInput[],
  db: Db,
): Promise<number> {
  if (observations.length > POWER_TUNING_MAX_POINTS)
    throw new AppError(
      "VALIDATION",
      `too many Power Tuning points: ${observations.length} (at most ${POWER_TUNING_MAX_POINTS})`,
    );
  const rows = observations.map((observation) => {
    checkObservation(observation);
    return { observation, observedOn: toUtcDay(observation.observedOn) };
  });
  await db.$transaction(
    rows.map(({ observation, observedOn }) => {
      const values = {
        invocations: observation.invocations,
        durationAvgMs: observation.durationAvgMs,
        durationP50Ms: observation.durationP50Ms,
        durationP95Ms: observation.durationP95Ms,
        durationP99Ms: observation.durationP99Ms,
        maxMemoryUsedMb: observation.maxMemoryUsedMb,
        initDurationAvgMs: observation.initDurationAvgMs,
        coldStarts: observation.coldStarts,
      };
      const key = {
        functionArn,
        memoryMb: observation.memoryMb,
        architecture: observation.architecture,
        source: observation.source,
        observedOn,
      };
      return db.memoryObservation.upsert({
        where: { functionArn_memoryMb_architecture_source_observedOn: key },
        create: { ...key, ...values },
        update: values,
      });
    }),
  );
  return rows.length;
}

/**
 * Writes Power Tuning observations (from toPowerTuningObservations) for an existing function:
 * upserts on the observation key and returns how many rows were written. Throws AppError NOT_FOUND
 * for an unknown function and VALIDATION for an observation that is not a Power Tuning point.
 */
export async function savePowerTuningObservations(
  functionId: string,
  observations: readonly MemoryObservationInput[],
  db: Db = getDb(),
): Promise<number> {
  const fn = await findFunction(functionId, db);
  return upsertObservations(fn.arn, observations, db);
}

export type PowerTuningImportPoint = {
  memoryMb: number;
  durationMs: number;
  /** Power Tuning's own duration-only cost, for reference. */
  powerTuningCostUsd: number | null;
  /** Breakeven's price: request + tier-1 GB-seconds of the billed ms; null when a rate is unknown. */
  costPerInvocationUsd: number | null;
};

export type PowerTuningImport = {
  imported: number;
  form: PowerTuningForm;
  /** The UTC day the points are filed under (the run's start day, else today). */
  observedOn: string;
  points: PowerTuningImportPoint[];
};

/**
 * The import behind POST /api/functions/:id/power-tuning: parse the text, check the run tuned this
 * function (when it names one), file the points under the function's own architecture and region,
 * and return them repriced. Bad input is an AppError VALIDATION with one line.
 */
export async function importPowerTuningRun(
  functionId: string,
  text: string,
  db: Db = getDb(),
  now: Date = new Date(),
): Promise<PowerTuningImport> {
  const fn = await findFunction(functionId, db);
  let run: PowerTuningRun;
  try {
    run = parsePowerTuning(text);
  } catch (error) {
    if (error instanceof PowerTuningInputError) throw new AppError("VALIDATION", error.message);
    throw error;
  }
  if (run.functionArn !== null && run.functionArn !== fn.arn)
    throw new AppError("VALIDATION", `this run tuned ${run.functionArn}, not this function (${fn.arn})`);
  if (fn.architecture !== "x86_64" && fn.architecture !== "arm64")
    throw new AppError(
      "VALIDATION",
      `the function's architecture ${JSON.stringify(fn.architecture)} is unknown`,
    );
  const architecture: Architecture = fn.architecture;
  const observedOn = toPowerTuningObservedOn(run, now);
  const imported = await upsertObservations(
    fn.arn,
    toPowerTuningObservations(run, { architecture, observedOn }),
    db,
  );
  const repriced = repricePowerTuningPoints(run.points, { region: fn.region, architecture });
  return {
    imported,
    form: run.form,
    observedOn,
    points: repriced.map((point, index) => ({
      memoryMb: point.memoryMb,
      durationMs: point.durationMs,
      powerTuningCostUsd: run.points[index]?.powerTuningCostUsd ?? null,
      costPerInvocationUsd: point.costPerInvocationUsd,
    })),
  };
}
