import type { Architecture, Bill, FargateOs, FargateTaskSize, FargateUsage } from "./types";
import { ARCHITECTURES, FARGATE_OSES } from "./types";
import type { PriceBook, RateKey } from "./price-book";
import { addRatedLine, createBillDraft, finishBill } from "./bill";
import { DEFAULT_PRICE_BOOK } from "./default-price-book";
import { PricingInputError } from "./errors";
import { MAX_HOURS_PER_MONTH, SECONDS_PER_HOUR, formatLabelNumber } from "./units";
import { assertNumberInRange, assertOneOf, assertRegion } from "./validate";

// Sources: https://aws.amazon.com/fargate/pricing/ and the ECS RegisterTaskDefinition API reference,
// checked 2026-11-01 (docs/aws-facts.md §2). See lib/pricing/README.md.
export const FARGATE_INCLUDED_EPHEMERAL_STORAGE_GB = 20;
export const FARGATE_MAX_EPHEMERAL_STORAGE_GB = 200;
export const FARGATE_MIN_BILLED_SECONDS: Record<FargateOs, number> = { linux: 60, windows: 300 };

type TaskSizeRule = {
  vcpu: number;
  memoryGb: readonly number[];
  /** How the rule reads in an error message, e.g. "2–8 GB in 1 GB steps". */
  description: string;
};

function range(fromGb: number, toGb: number, stepGb: number): number[] {
  const values: number[] = [];
  for (let gb = fromGb; gb <= toGb; gb += stepGb) values.push(gb);
  return values;
}

const LINUX_RULES: readonly TaskSizeRule[] = [
  { vcpu: 0.25, memoryGb: [0.5, 1, 2], description: "0.5, 1 or 2 GB" },
  { vcpu: 0.5, memoryGb: range(1, 4, 1), description: "1–4 GB in 1 GB steps" },
  { vcpu: 1, memoryGb: range(2, 8, 1), description: "2–8 GB in 1 GB steps" },
  { vcpu: 2, memoryGb: range(4, 16, 1), description: "4–16 GB in 1 GB steps" },
  { vcpu: 4, memoryGb: range(8, 30, 1), description: "8–30 GB in 1 GB steps" },
  { vcpu: 8, memoryGb: range(16, 60, 4), description: "16–60 GB in 4 GB steps" },
  { vcpu: 16, memoryGb: range(32, 120, 8), description: "32–120 GB in 8 GB steps" },
];
/** 32 vCPU is on the 2026 pricing page (x86_64 only here: arm64 support is unconfirmed). */
const LINUX_X86_ONLY_RULES: readonly TaskSizeRule[] = [
  { vcpu: 32, memoryGb: [60, 120, 244], description: "60, 120 or 244 GB" },
];
/** Windows tasks need at least 1 vCPU; 8 and 16 vCPU are Linux platform 1.4.0 features. */
const WINDOWS_RULES: readonly TaskSizeRule[] = LINUX_RULES.filter((rule) => rule.vcpu >= 1 && rule.vcpu <= 4);

function listRules(os: FargateOs, architecture: Architecture): readonly TaskSizeRule[] {
  if (os === "windows") return architecture === "x86_64" ? WINDOWS_RULES : [];
  return architecture === "x86_64" ? [...LINUX_RULES, ...LINUX_X86_ONLY_RULES] : LINUX_RULES;
}

const TASK_SIZE_CACHE = new Map<string, readonly FargateTaskSize[]>();

/** Every valid task size for an OS and architecture (empty for Windows on arm64), shared and frozen. */
export function listFargateTaskSizesShared(
  os: FargateOs,
  architecture: Architecture,
): readonly FargateTaskSize[] {
  const key = `${os}/${architecture}`;
  let sizes = TASK_SIZE_CACHE.get(key);
  if (!sizes) {
    sizes = Object.freeze(
      listRules(os, architecture).flatMap((rule) =>
        rule.memoryGb.map((memoryGb) => Object.freeze({ vcpu: rule.vcpu, memoryGb })),
      ),
    );
    TASK_SIZE_CACHE.set(key, sizes);
  }
  return sizes;
}

/** Every valid task size for an OS and architecture (empty for Windows on arm64). */
export function listFargateTaskSizes(os: FargateOs, architecture: Architecture): FargateTaskSize[] {
  return listFargateTaskSizesShared(os, architecture).map((size) => ({ ...size }));
}

/** Throws PricingInputError unless AWS offers this CPU/memory combination for the OS and architecture. */
export function assertFargateTaskSize(
  os: FargateOs,
  architecture: Architecture,
  vcpu: number,
  memoryGb: number,
): void {
  if (os === "windows" && architecture === "arm64") {
    throw new PricingInputError("architecture", "Windows on Fargate runs on x86_64 only; got arm64");
  }
  const rules = listRules(os, architecture);
  const rule = rules.find((candidate) => candidate.vcpu === vcpu);
  if (!rule) {
    const allowed = rules.map((candidate) => candidate.vcpu).join(", ");
    const prefix = os === "windows" ? "Windows tasks need at least 1 vCPU: " : "";
    throw new PricingInputError(
      "vcpu",
      `${prefix}vcpu must be one of ${allowed} for ${os}/${architecture}; got ${vcpu}`,
    );
  }
  if (!rule.memoryGb.includes(memoryGb)) {
    throw new PricingInputError("memoryGb", `${vcpu} vCPU takes ${rule.description}; got ${memoryGb} GB`);
  }
}

/** Billed seconds of one run: whole seconds, at least the OS minimum. */
export function computeFargateBilledSecondsPerRun(os: FargateOs, runSeconds: number): number {
  return Math.max(Math.ceil(runSeconds - 1e-9), FARGATE_MIN_BILLED_SECONDS[os]);
}

function validateFargateUsage(usage: FargateUsage): void {
  assertRegion("region", usage.region);
  const architecture = assertOneOf("architecture", usage.architecture, ARCHITECTURES);
  const os = assertOneOf("os", usage.os, FARGATE_OSES);
  assertNumberInRange("vcpu", usage.vcpu, 0.25, 32, "vCPU");
  assertNumberInRange("memoryGb", usage.memoryGb, 0.5, 244, "GB");
  assertFargateTaskSize(os, architecture, usage.vcpu, usage.memoryGb);
  assertNumberInRange("tasks", usage.tasks, 0, 1e7, "tasks");
  assertNumberInRange("runSeconds", usage.runSeconds, 0, MAX_HOURS_PER_MONTH * SECONDS_PER_HOUR, "seconds");
  assertNumberInRange("runsPerTask", usage.runsPerTask, 0, 1e7, "runs");
  const billedHoursPerTask =
    (usage.runsPerTask * computeFargateBilledSecondsPerRun(os, usage.runSeconds)) / SECONDS_PER_HOUR;
  if (billedHoursPerTask > MAX_HOURS_PER_MONTH + 1e-9) {
    throw new PricingInputError(
      "runsPerTask",
      `runsPerTask × billed run seconds is ${billedHoursPerTask} h per task, more than a month (${MAX_HOURS_PER_MONTH} h)`,
    );
  }
  if (usage.ephemeralStorageGb !== undefined) {
    assertNumberInRange(
      "ephemeralStorageGb",
      usage.ephemeralStorageGb,
      FARGATE_INCLUDED_EPHEMERAL_STORAGE_GB,
      FARGATE_MAX_EPHEMERAL_STORAGE_GB,
      "GB",
    );
  }
  if (usage.isSpot && os !== "linux") {
    throw new PricingInputError("isSpot", "Fargate Spot runs Linux tasks only; got os windows");
  }
}

/**
 * Itemized monthly Fargate bill: vCPU-hours and GB-hours (plus the Windows OS licence per vCPU-hour
 * and ephemeral storage above 20 GB), each run billed per second with the OS minimum.
 */
export function computeFargateBill(usage: FargateUsage, book: PriceBook = DEFAULT_PRICE_BOOK): Bill {
  validateFargateUsage(usage);
  const { os, architecture } = usage;
  const draft = createBillDraft(usage.region, book);
  const billedSecondsPerRun = computeFargateBilledSecondsPerRun(os, usage.runSeconds);
  const taskHours = (usage.tasks * usage.runsPerTask * billedSecondsPerRun) / SECONDS_PER_HOUR;
  const isSpot = usage.isSpot === true;
  const prefix: string = isSpot ? `fargate.spot.linux.${architecture}` : `fargate.${os}.${architecture}`;
  const label = `${os === "windows" ? "Windows" : "Linux"}/${architecture}${isSpot ? ", Spot" : ""}`;
  addRatedLine(draft, {
    item: `vCPU (${label}, ${usage.vcpu} vCPU × ${formatLabelNumber(taskHours)} task-hours)`,
    quantity: usage.vcpu * taskHours,
    unit: "vCPU-hours",
    service: "fargate",
    component: "vcpu",
    rateKey: `${prefix}.vcpu` as RateKey,
  });
  addRatedLine(draft, {
    item: `Memory (${label}, ${usage.memoryGb} GB × ${formatLabelNumber(taskHours)} task-hours)`,
    quantity: usage.memoryGb * taskHours,
    unit: "GB-hours",
    service: "fargate",
    component: "memory",
    rateKey: `${prefix}.memory` as RateKey,
  });
  if (os === "windows") {
    addRatedLine(draft, {
      item: "Windows OS licence",
      quantity: usage.vcpu * taskHours,
      unit: "vCPU-hours",
      service: "fargate",
      component: "os-license",
      rateKey: "fargate.windows.x86_64.os-license",
    });
  }
  const ephemeralStorageGb = usage.ephemeralStorageGb ?? FARGATE_INCLUDED_EPHEMERAL_STORAGE_GB;
  if (ephemeralStorageGb > FARGATE_INCLUDED_EPHEMERAL_STORAGE_GB) {
    const extraGb = ephemeralStorageGb - FARGATE_INCLUDED_EPHEMERAL_STORAGE_GB;
    addRatedLine(draft, {
      item: `Ephemeral storage above 20 GB (${extraGb} GB)`,
      quantity: extraGb * taskHours,
      unit: "GB-hours",
      service: "fargate",
      component: "ephemeral-storage",
      rateKey: "fargate.ephemeral-storage",
    });
  }
  return finishBill(draft);
}
