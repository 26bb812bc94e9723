import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

export type AdviceSettingField = {
  /** URL parameter name. */
  name: string;
  label: string;
  unit: string;
  value: number | undefined;
  placeholder: string;
  min: number;
  max: number;
  step: number | "any";
};

/**
 * The recommendation's user settings as a plain GET form: the values live in the URL, so a link
 * reproduces the advice, and it works without JavaScript. Out-of-range values are ignored by the
 * page's URL schema (the default applies).
 */
export function AdviceSettingsForm({
  fields,
  hiddenParams,
}: {
  fields: readonly AdviceSettingField[];
  /** Other URL state to keep (e.g. the chart range). */
  hiddenParams: Record<string, string | undefined>;
}) {
  return (
    <details className="mt-4 rounded-md border border-gray-200 p-3 text-sm dark:border-gray-700">
      <summary className="cursor-pointer font-medium text-gray-800 dark:text-gray-200">
        Adjust the recommendation
      </summary>
      <form method="get" className="mt-3 flex flex-wrap items-end gap-3">
        {Object.entries(hiddenParams).map(([name, value]) =>
          value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />,
        )}
        {fields.map((field) => (
          <label key={field.name} className="flex flex-col gap-1 text-xs text-gray-600 dark:text-gray-400">
            <span>
              {field.label} ({field.unit})
            </span>
            <Input
              type="number"
              name={field.name}
              defaultValue={field.value ?? ""}
              placeholder={field.placeholder}
              min={field.min}
              max={field.max}
              step={field.step}
              className="w-40"
            />
          </label>
        ))}
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>
    </details>
  );
}
