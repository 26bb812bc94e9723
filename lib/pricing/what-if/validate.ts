/**
 * What-if, validation: every field of a Workload checked before anything is priced
 * (PricingInputError names the field, the range and the value).
 */
import { PricingInputError } from "../errors";
import {
  LAMBDA_MAX_DURATION_MS,
  LAMBDA_MAX_INIT_DURATION_MS,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MIN_MEMORY_MB,
} from "../lambda";
import { validateSavingsPlan } from "../savings-plan";
import { normalizeHourlyShape } from "../traffic-shape";
import type { FrontDoor, Workload } from "../types";
import { ARCHITECTURES, FARGATE_OSES } from "../types";
import { assertNumberInRange, assertOneOf, assertRegion } from "../validate";

const MAX_REQUESTS_PER_MONTH = 1e13;

function validateFrontDoor(frontDoor: FrontDoor): void {
  const kind = assertOneOf("frontDoor.kind", frontDoor?.kind, [
    "none",
    "http-api",
    "rest-api",
    "alb",
  ] as const);
  if (kind === "alb" && frontDoor.kind === "alb") {
    assertNumberInRange("frontDoor.bytesPerRequest", frontDoor.bytesPerRequest, 0, 1e9, "bytes");
    assertNumberInRange("frontDoor.rules", frontDoor.rules, 0, 1000, "rules");
    assertNumberInRange(
      "frontDoor.newConnectionsPerRequest",
      frontDoor.newConnectionsPerRequest,
      0,
      1,
      "per request",
    );
    assertNumberInRange("frontDoor.connectionSeconds", frontDoor.connectionSeconds, 0, 604_800, "seconds");
  }
}

/** Throws PricingInputError for any out-of-range or inconsistent field of a Workload. */
export function validateWorkload(workload: Workload): void {
  assertRegion("region", workload.region);
  assertNumberInRange("requestsPerMonth", workload.requestsPerMonth, 0, MAX_REQUESTS_PER_MONTH, "requests");
  normalizeHourlyShape(workload.hourlyShape);
  assertNumberInRange("durationMs", workload.durationMs, 0, LAMBDA_MAX_DURATION_MS, "ms");
  assertNumberInRange("memoryMb", workload.memoryMb, LAMBDA_MIN_MEMORY_MB, LAMBDA_MAX_MEMORY_MB, "MB");
  if (!Number.isInteger(workload.memoryMb)) {
    throw new PricingInputError(
      "memoryMb",
      `memoryMb must be a whole number of MB; got ${workload.memoryMb}`,
    );
  }
  assertOneOf("architecture", workload.architecture, ARCHITECTURES);
  assertNumberInRange("cpuBoundShare", workload.cpuBoundShare, 0, 1, "(fraction)");
  assertNumberInRange("parallelism", workload.parallelism, 1, 64, "threads");
  assertNumberInRange("maxMemoryUsedMb", workload.maxMemoryUsedMb, 0, 1e6, "MB");
  if (typeof workload.isFreeTierApplied !== "boolean") {
    throw new PricingInputError("isFreeTierApplied", "isFreeTierApplied must be true or false");
  }
  validateFrontDoor(workload.frontDoor);
  if (workload.savingsPlan) validateSavingsPlan(workload.savingsPlan);
  const pc = workload.provisionedConcurrency;
  if (pc) {
    assertNumberInRange("provisionedConcurrency.count", pc.count, 0, 1e6, "environments");
    assertNumberInRange("provisionedConcurrency.hoursPerDay", pc.hoursPerDay, 0, 24, "hours");
  }
  const coldStart = workload.coldStart;
  if (coldStart) {
    assertNumberInRange("coldStart.coldStartShare", coldStart.coldStartShare, 0, 1, "(fraction)");
    assertNumberInRange(
      "coldStart.initDurationMs",
      coldStart.initDurationMs,
      0,
      LAMBDA_MAX_INIT_DURATION_MS,
      "ms",
    );
  }
  const fargate = workload.fargate;
  assertOneOf("fargate.os", fargate?.os, FARGATE_OSES);
  if (typeof fargate.isSpot !== "boolean")
    throw new PricingInputError("fargate.isSpot", "fargate.isSpot must be true or false");
  if (fargate.isSpot && fargate.os === "windows") {
    throw new PricingInputError("fargate.isSpot", "Fargate Spot runs Linux tasks only; got os windows");
  }
  assertNumberInRange("fargate.targetCpuUtilization", fargate.targetCpuUtilization, 0.05, 1, "(fraction)");
  assertNumberInRange("fargate.minTasks", fargate.minTasks, 0, 10_000, "tasks");
  if (!Number.isInteger(fargate.minTasks)) {
    throw new PricingInputError(
      "fargate.minTasks",
      `fargate.minTasks must be a whole number; got ${fargate.minTasks}`,
    );
  }
  if (typeof fargate.isAutoscaled !== "boolean") {
    throw new PricingInputError("fargate.isAutoscaled", "fargate.isAutoscaled must be true or false");
  }
  assertNumberInRange("rewrite.durationFactor", workload.rewrite?.durationFactor, 0.01, 10, "×");
  assertNumberInRange("rewrite.memoryFactor", workload.rewrite.memoryFactor, 0.01, 10, "×");
  if (workload.durationMs * workload.rewrite.durationFactor > LAMBDA_MAX_DURATION_MS) {
    throw new PricingInputError(
      "rewrite.durationFactor",
      `durationMs × rewrite.durationFactor is ${workload.durationMs * workload.rewrite.durationFactor} ms, over the 15-minute Lambda timeout`,
    );
  }
  if (workload.canSwitchArchitecture !== undefined && typeof workload.canSwitchArchitecture !== "boolean") {
    throw new PricingInputError("canSwitchArchitecture", "canSwitchArchitecture must be true or false");
  }
  if (workload.otherArchitectureDurationFactor !== undefined) {
    assertNumberInRange(
      "otherArchitectureDurationFactor",
      workload.otherArchitectureDurationFactor,
      0.1,
      10,
      "×",
    );
  }
}
