/** What-if, itemized bills for an option: compute + front door, then the Savings Plan. */
import { mergeBills } from "../bill";
import { assertFargateTaskSize, computeFargateBill } from "../fargate";
import { computeFrontDoorBill } from "../front-door";
import { computeLambdaBill } from "../lambda";
import { applySavingsPlan } from "../savings-plan";
import type { Architecture, Bill, FargateTaskSize } from "../types";
import { HOURS_PER_MONTH, roundUpToWholeMs, SECONDS_PER_HOUR } from "../units";
import type { WhatIfContext } from "./context";
import { estimateProvisionedRequests, estimateTaskHours, estimateWhatIfDurationMs } from "./estimate";

export function computeWhatIfLambdaBill(
  context: WhatIfContext,
  architecture: Architecture,
  memoryMb: number,
  requestsPerMonth: number,
): Bill {
  const { workload, book, region } = context;
  const durationMs = estimateWhatIfDurationMs(context, architecture, memoryMb);
  const billedMs = roundUpToWholeMs(durationMs);
  const pcRequests = estimateProvisionedRequests(context, requestsPerMonth, billedMs);
  const onDemandRequests = requestsPerMonth - pcRequests;
  const computeBill = computeLambdaBill(
    {
      region,
      architecture,
      memoryMb,
      requestsPerMonth,
      durationMs,
      isFreeTierApplied: workload.isFreeTierApplied,
      provisionedConcurrency: context.hasPc
        ? { count: context.pcCount, hoursPerMonth: context.pcHoursPerMonth, requests: pcRequests, durationMs }
        : undefined,
      init:
        workload.coldStart && context.coldStartShare > 0
          ? {
              coldStartsPerMonth: context.coldStartShare * onDemandRequests,
              initDurationMs: workload.coldStart.initDurationMs,
            }
          : undefined,
    },
    book,
  );
  const frontDoorBill = computeFrontDoorBill(
    workload.frontDoor,
    { requestsPerMonth },
    region,
    "lambda",
    book,
  );
  return applySavingsPlan(mergeBills(computeBill, frontDoorBill), workload.savingsPlan);
}

export function computeWhatIfFargateBill(
  context: WhatIfContext,
  architecture: Architecture,
  size: FargateTaskSize,
  requestsPerMonth: number,
): Bill {
  const { workload, book, region } = context;
  assertFargateTaskSize(workload.fargate.os, architecture, size.vcpu, size.memoryGb);
  const taskHours = estimateTaskHours(context, architecture, size.vcpu, requestsPerMonth);
  // Expressed as the average number of tasks running all month (730 one-hour runs each).
  const computeBill = computeFargateBill(
    {
      region,
      architecture,
      os: workload.fargate.os,
      vcpu: size.vcpu,
      memoryGb: size.memoryGb,
      tasks: taskHours / HOURS_PER_MONTH,
      runSeconds: SECONDS_PER_HOUR,
      runsPerTask: HOURS_PER_MONTH,
      isSpot: workload.fargate.isSpot,
    },
    book,
  );
  const frontDoorBill = computeFrontDoorBill(workload.frontDoor, { requestsPerMonth }, region, "ip", book);
  return applySavingsPlan(mergeBills(computeBill, frontDoorBill), workload.savingsPlan);
}
