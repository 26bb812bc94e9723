"use client";

import type { AccountRates } from "@/lib/pricing/effective-rates";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { formatCompact, formatDurationMs, formatInteger, formatMemoryMb } from "@/lib/format";
import {
  FRONT_DOOR_LABELS,
  FRONT_DOORS,
  TRAFFIC_SHAPE_LABELS,
  TRAFFIC_SHAPES,
  type WorkloadDraft,
  type WorkloadField,
  type WorkloadFieldErrors,
  type WorkloadInput,
} from "@/lib/schemas/workload";
import { NumberField, SegmentedField, SelectField, SwitchField, type SliderScale } from "./form-fields";

const SECONDS_PER_MONTH = 730 * 3600;

/** Log-10 slider snapped to two significant digits (2,300,000 rather than 2,344,229). */
function toLogScale(minValue: number, maxValue: number, describe: (value: number) => string): SliderScale {
  return {
    min: Math.log10(minValue),
    max: Math.log10(maxValue),
    step: 0.01,
    toPosition: (value) => Math.log10(Math.max(value, minValue)),
    fromPosition: (position) => Number((10 ** position).toPrecision(2)),
    describe,
  };
}

function toLinearScale(min: number, max: number, step: number, unit: string): SliderScale {
  return {
    min,
    max,
    step,
    toPosition: (value) => value,
    fromPosition: (position) => position,
    describe: (value) => `${formatInteger(value)} ${unit}`,
  };
}

/** Slider over the given sizes (index positions); the text input still takes any 1 MB step. */
function toSizeScale(sizesMb: readonly number[]): SliderScale {
  return {
    min: 0,
    max: Math.max(0, sizesMb.length - 1),
    step: 1,
    toPosition: (valueMb) => {
      let best = 0;
      sizesMb.forEach((size, index) => {
        if (Math.abs(size - valueMb) < Math.abs((sizesMb[best] ?? 0) - valueMb)) best = index;
      });
      return best;
    },
    fromPosition: (position) => sizesMb[Math.round(position)] ?? sizesMb[0] ?? 128,
    describe: (valueMb) => formatMemoryMb(valueMb),
  };
}

const REQUESTS_SCALE = toLogScale(1_000, 1e11, (value) => `${formatCompact(value)} requests per month`);
const DURATION_SCALE = toLogScale(1, 900_000, (value) => formatDurationMs(value));
const PERCENT_SCALE = toLinearScale(0, 100, 1, "percent");
const UTILISATION_SCALE = toLinearScale(5, 100, 1, "percent");

function Section({
  title,
  children,
  description,
}: {
  title: string;
  children: ReactNode;
  description?: string;
}) {
  return (
    <fieldset className="min-w-0 space-y-3 border-t border-gray-200 pt-4 first:border-t-0 first:pt-0 dark:border-gray-800">
      <legend className="float-left mb-1 w-full text-sm font-semibold text-gray-900 dark:text-gray-100">
        {title}
        {description ? (
          <span className="mt-0.5 block text-xs font-normal text-gray-500 dark:text-gray-400">
            {description}
          </span>
        ) : null}
      </legend>
      <div className="clear-both space-y-3">{children}</div>
    </fieldset>
  );
}

type NumericField = { [K in WorkloadField]: WorkloadInput[K] extends number ? K : never }[WorkloadField];

export type RegionChoice = { code: string; name: string };

type WorkloadFormProps = {
  draft: WorkloadDraft;
  fieldErrors: WorkloadFieldErrors;
  /** The last valid input: sliders sit here while a typed value is being fixed. */
  validInput: WorkloadInput;
  regions: readonly RegionChoice[];
  /** Accounts whose bill shows rates other than list: offered as "Prices" (hidden when none). */
  priceAccounts?: readonly AccountRates[];
  memorySizesMb: readonly number[];
  onChange: (field: WorkloadField, value: string | boolean) => void;
  onChangeMany: (values: Partial<Record<WorkloadField, string | boolean>>) => void;
};

export function WorkloadForm({
  draft,
  fieldErrors,
  validInput,
  regions,
  priceAccounts = [],
  memorySizesMb,
  onChange,
  onChangeMany,
}: WorkloadFormProps) {
  const text = (field: WorkloadField) => String(draft[field]);
  const isOn = (field: WorkloadField) => draft[field] === true;
  const numberProps = (field: NumericField) => ({
    id: `field-${field}`,
    value: text(field),
    validValue: validInput[field],
    error: fieldErrors[field],
    onChange: (value: string) => onChange(field, value),
  });
  const hasAlbError = [
    "albKbPerRequest",
    "albRules",
    "albNewConnectionsPerRequest",
    "albConnectionSeconds",
  ].some((f) => fieldErrors[f as WorkloadField]);
  const hasPlanError = Boolean(fieldErrors.lambdaDiscountPercent || fieldErrors.fargateDiscountPercent);
  const averageRps = validInput.requestsPerMonth / SECONDS_PER_MONTH;
  const memoryScale = toSizeScale(memorySizesMb);
  const regionOptions = regions.some((r) => r.code === draft.region)
    ? regions
    : [{ code: String(draft.region), name: "not in the price book" }, ...regions];
  const pricesAccountId = String(draft.pricesAccountId);
  const priceOptions = [
    { value: "", label: "AWS list prices" },
    ...priceAccounts.map((account) => ({
      value: account.accountId,
      label: `${account.accountName ?? account.accountId}: ${account.rates.length} ${account.rates.length === 1 ? "rate" : "rates"} from its bill`,
    })),
    ...(pricesAccountId !== "" && !priceAccounts.some((a) => a.accountId === pricesAccountId)
      ? [{ value: pricesAccountId, label: `${pricesAccountId}: no rates from its bill here (list prices)` }]
      : []),
  ];

  return (
    <form aria-label="Workload" noValidate onSubmit={(event) => event.preventDefault()} className="space-y-5">
      <Section title="Traffic">
        <NumberField
          {...numberProps("requestsPerMonth")}
          label="Requests per month"
          inputMode="numeric"
          slider={REQUESTS_SCALE}
          hint={`${formatCompact(validInput.requestsPerMonth)} a month ≈ ${averageRps < 10 ? averageRps.toFixed(2) : formatInteger(averageRps)} requests/s on average`}
        />
        <SelectField
          id="field-shape"
          label="Traffic shape (hour of day)"
          value={text("shape")}
          options={TRAFFIC_SHAPES.map((value) => ({ value, label: TRAFFIC_SHAPE_LABELS[value] }))}
          error={fieldErrors.shape}
          hint="Sets how many Fargate tasks the peak hour needs."
          onChange={(value) => onChange("shape", value)}
        />
      </Section>

      <Section title="Function today" description="As measured at the current memory and architecture.">
        <NumberField
          {...numberProps("durationMs")}
          label="Average duration"
          unit="ms"
          slider={DURATION_SCALE}
        />
        <NumberField
          {...numberProps("memoryMb")}
          label="Memory"
          unit="MB"
          inputMode="numeric"
          slider={memoryScale}
          hint="Any 1 MB step from 128 to 10,240."
        />
        <SegmentedField
          name="field-architecture"
          label="Architecture"
          value={text("architecture")}
          options={[
            { value: "x86_64", label: "x86_64" },
            { value: "arm64", label: "arm64" },
          ]}
          error={fieldErrors.architecture}
          onChange={(value) => onChange("architecture", value)}
        />
        <div className="grid grid-cols-2 gap-3">
          <NumberField
            {...numberProps("maxMemoryUsedMb")}
            label="Max memory used"
            unit="MB"
            inputMode="numeric"
          />
          <NumberField
            {...numberProps("parallelism")}
            label="Parallelism"
            unit="threads"
            inputMode="numeric"
          />
        </div>
        <NumberField
          {...numberProps("cpuBoundPercent")}
          label="CPU-bound share"
          unit="%"
          slider={PERCENT_SCALE}
          hint="The rest of the time waits on I/O and does not speed up with more memory."
        />
        <SelectField
          id="field-region"
          label="Region"
          value={text("region")}
          options={regionOptions.map((r) => ({ value: r.code, label: `${r.code} — ${r.name}` }))}
          error={fieldErrors.region}
          onChange={(value) => onChange("region", value)}
        />
        {priceOptions.length > 1 ? (
          <SelectField
            id="field-pricesAccountId"
            label="Prices"
            value={pricesAccountId}
            options={priceOptions}
            error={fieldErrors.pricesAccountId}
            onChange={(value) => onChange("pricesAccountId", value)}
          />
        ) : null}
      </Section>

      <Section title="Lambda options">
        <div className="grid grid-cols-2 gap-3">
          <NumberField
            {...numberProps("provisionedConcurrency")}
            label="Provisioned concurrency"
            unit="envs"
            inputMode="numeric"
          />
          <NumberField
            {...numberProps("provisionedHoursPerDay")}
            label="Provisioned"
            unit="h/day"
            isDisabled={validInput.provisionedConcurrency === 0 && !fieldErrors.provisionedHoursPerDay}
          />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <NumberField {...numberProps("coldStartPercent")} label="Cold starts" unit="% of requests" />
          <NumberField {...numberProps("initDurationMs")} label="Init duration" unit="ms" />
        </div>
        <SwitchField
          id="field-isFreeTierApplied"
          label="Apply the Lambda free tier"
          isChecked={isOn("isFreeTierApplied")}
          error={fieldErrors.isFreeTierApplied}
          hint="Only if nothing else in the account uses it (1M requests, 400,000 GB-s a month)."
          onChange={(value) => onChange("isFreeTierApplied", value)}
        />
      </Section>

      <Section title="Front door">
        <SelectField
          id="field-frontDoor"
          label="In front of the function or service"
          value={text("frontDoor")}
          options={FRONT_DOORS.map((value) => ({ value, label: FRONT_DOOR_LABELS[value] }))}
          error={fieldErrors.frontDoor}
          onChange={(value) => onChange("frontDoor", value)}
        />
        {draft.frontDoor === "alb" || hasAlbError ? (
          <div className="grid grid-cols-2 gap-3">
            <NumberField {...numberProps("albKbPerRequest")} label="Processed" unit="KB/request" />
            <NumberField {...numberProps("albRules")} label="Rules evaluated" inputMode="numeric" />
            <NumberField
              {...numberProps("albNewConnectionsPerRequest")}
              label="New connections"
              unit="per request"
            />
            <NumberField {...numberProps("albConnectionSeconds")} label="Connection lifetime" unit="s" />
          </div>
        ) : null}
      </Section>

      <Section title="Fargate">
        <SegmentedField
          name="field-fargateOs"
          label="Operating system"
          value={text("fargateOs")}
          options={[
            { value: "linux", label: "Linux" },
            { value: "windows", label: "Windows" },
          ]}
          error={fieldErrors.fargateOs}
          onChange={(value) => onChange("fargateOs", value)}
        />
        <NumberField
          {...numberProps("targetCpuUtilizationPercent")}
          label="Target CPU utilisation"
          unit="%"
          slider={UTILISATION_SCALE}
        />
        <NumberField {...numberProps("minTasks")} label="Minimum tasks" inputMode="numeric" />
        <SwitchField
          id="field-isAutoscaled"
          label="Autoscale with the traffic shape"
          isChecked={isOn("isAutoscaled")}
          error={fieldErrors.isAutoscaled}
          hint="Off: enough tasks for the peak hour all month."
          onChange={(value) => onChange("isAutoscaled", value)}
        />
        <SwitchField
          id="field-isFargateSpot"
          label="Fargate Spot"
          isChecked={isOn("isFargateSpot")}
          error={fieldErrors.isFargateSpot}
          hint="Interruptible; Linux only."
          onChange={(value) => onChange("isFargateSpot", value)}
        />
      </Section>

      <Section title="Compute Savings Plan">
        <SwitchField
          id="field-isSavingsPlanOn"
          label="Apply a Compute Savings Plan"
          isChecked={isOn("isSavingsPlanOn")}
          error={fieldErrors.isSavingsPlanOn}
          onChange={(value) => onChange("isSavingsPlanOn", value)}
        />
        {draft.isSavingsPlanOn === true || hasPlanError ? (
          <div className="grid grid-cols-2 gap-3">
            <NumberField {...numberProps("lambdaDiscountPercent")} label="Lambda discount" unit="%" />
            <NumberField {...numberProps("fargateDiscountPercent")} label="Fargate discount" unit="%" />
          </div>
        ) : null}
      </Section>

      <Section title="Rewrite" description="Price the same work after a rewrite, e.g. in Go or Rust.">
        <div className="grid grid-cols-2 gap-3">
          <NumberField {...numberProps("durationFactor")} label="Duration" unit="×" />
          <NumberField {...numberProps("memoryFactor")} label="Memory used" unit="×" />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="xs"
            onClick={() => onChangeMany({ durationFactor: "0.25", memoryFactor: "0.5" })}
          >
            4× faster in half the memory
          </Button>
          <Button
            variant="secondary"
            size="xs"
            onClick={() => onChangeMany({ durationFactor: "1", memoryFactor: "1" })}
          >
            No rewrite
          </Button>
        </div>
      </Section>
    </form>
  );
}
