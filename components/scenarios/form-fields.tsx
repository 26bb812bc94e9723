"use client";

import type { ReactNode } from "react";
import { FieldMessage, Input, Label, Select, Checkbox } from "@/components/ui/field";

/**
 * Small labelled inputs for the what-if form. Each error sits under its field and is wired up with
 * aria-invalid + aria-describedby, so a screen reader announces it with the input.
 */

export type SliderScale = {
  min: number;
  max: number;
  step: number;
  /** Value → slider position (e.g. log10 for request rates). */
  toPosition: (value: number) => number;
  /** Slider position → value (snapped to something a person would type). */
  fromPosition: (position: number) => number;
  /** Read out by screen readers while dragging. */
  describe: (value: number) => string;
};

type NumberFieldProps = {
  id: string;
  label: string;
  unit?: string;
  value: string;
  /** Last valid value: where the slider sits while the text is being fixed. */
  validValue: number;
  error?: string;
  hint?: ReactNode;
  slider?: SliderScale;
  inputMode?: "numeric" | "decimal";
  isDisabled?: boolean;
  onChange: (value: string) => void;
};

export function NumberField({
  id,
  label,
  unit,
  value,
  validValue,
  error,
  hint,
  slider,
  inputMode = "decimal",
  isDisabled,
  onChange,
}: NumberFieldProps) {
  const messageId = `${id}-message`;
  const hasMessage = Boolean(error || hint);
  return (
    <div className="min-w-0">
      <Label htmlFor={id}>
        {label}
        {unit ? <span className="font-normal text-gray-500 dark:text-gray-400"> ({unit})</span> : null}
      </Label>
      <div className="mt-1 flex items-center gap-2">
        {slider ? (
          <input
            type="range"
            aria-label={`${label} slider`}
            aria-valuetext={slider.describe(validValue)}
            min={slider.min}
            max={slider.max}
            step={slider.step}
            value={Math.min(slider.max, Math.max(slider.min, slider.toPosition(validValue)))}
            disabled={isDisabled}
            onChange={(event) => onChange(String(slider.fromPosition(Number(event.target.value))))}
            className="h-6 min-w-0 flex-1 cursor-pointer accent-blue-600 disabled:cursor-not-allowed dark:accent-blue-400"
          />
        ) : null}
        <Input
          id={id}
          name={id}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          spellCheck={false}
          value={value}
          disabled={isDisabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={hasMessage ? messageId : undefined}
          onChange={(event) => onChange(event.target.value)}
          className={slider ? "tabular w-28 flex-none" : "tabular w-full"}
        />
      </div>
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}

type SelectFieldProps<T extends string> = {
  id: string;
  label: string;
  value: string;
  options: readonly { value: T; label: string }[];
  error?: string;
  hint?: ReactNode;
  onChange: (value: T) => void;
};

export function SelectField<T extends string>({
  id,
  label,
  value,
  options,
  error,
  hint,
  onChange,
}: SelectFieldProps<T>) {
  const messageId = `${id}-message`;
  return (
    <div className="min-w-0">
      <Label htmlFor={id}>{label}</Label>
      <Select
        id={id}
        name={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        onChange={(event) => onChange(event.target.value as T)}
        className="mt-1 w-full"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}

type SwitchFieldProps = {
  id: string;
  label: string;
  isChecked: boolean;
  error?: string;
  hint?: ReactNode;
  onChange: (isChecked: boolean) => void;
};

export function SwitchField({ id, label, isChecked, error, hint, onChange }: SwitchFieldProps) {
  const messageId = `${id}-message`;
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="flex items-center gap-2 text-sm text-gray-800 dark:text-gray-200">
        <Checkbox
          id={id}
          name={id}
          checked={isChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={error || hint ? messageId : undefined}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}

type SegmentedFieldProps<T extends string> = {
  name: string;
  label: string;
  value: string;
  options: readonly { value: T; label: string }[];
  error?: string;
  onChange: (value: T) => void;
};

/** A radio group drawn as a segmented control (architecture, OS). */
export function SegmentedField<T extends string>({
  name,
  label,
  value,
  options,
  error,
  onChange,
}: SegmentedFieldProps<T>) {
  const messageId = `${name}-message`;
  return (
    <fieldset className="min-w-0" aria-describedby={error ? messageId : undefined}>
      <legend className="block text-xs font-medium text-gray-700 dark:text-gray-300">{label}</legend>
      <div className="mt-1 inline-flex rounded-md border border-gray-300 p-0.5 dark:border-gray-700">
        {options.map((option) => (
          <label
            key={option.value}
            className="cursor-pointer rounded px-2.5 py-1 text-sm text-gray-700 has-[:checked]:bg-gray-900 has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500 dark:text-gray-300 dark:has-[:checked]:bg-gray-100 dark:has-[:checked]:text-gray-900"
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldMessage id={messageId} error={error} />
    </fieldset>
  );
}
