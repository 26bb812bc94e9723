"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useTransition, type FormEvent } from "react";
import { buttonClassName, Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Select } from "@/components/ui/field";

export type FilterField =
  | {
      kind: "select";
      name: string;
      label: string;
      allLabel: string;
      options: { value: string; label: string }[];
    }
  | { kind: "text"; name: string; label: string; placeholder?: string; pattern?: string; title?: string }
  | {
      kind: "number";
      name: string;
      label: string;
      placeholder?: string;
      min?: number;
      max?: number;
      step?: number | "any";
      title?: string;
    };

/** Parameters the filters keep when they change (sorting); the page number always resets. */
const KEPT_PARAMS = ["sort", "dir"];

/**
 * Filters that live in the URL. Works as a plain GET form without JavaScript; with it, selects apply
 * at once and text fields after a short pause, replacing the URL (the server re-renders the table).
 */
export function ListFilters({
  fields,
  resultLabel,
  gridClassName = "xl:grid-cols-7",
}: {
  fields: FilterField[];
  resultLabel: string;
  /** The widest breakpoint's columns: one per field plus one for the buttons. */
  gridClassName?: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [isPending, startTransition] = useTransition();

  useEffect(() => () => clearTimeout(timer.current), []);

  function apply() {
    const form = formRef.current;
    if (!form) return;
    const next = new URLSearchParams();
    for (const key of KEPT_PARAMS) {
      const value = searchParams.get(key);
      if (value) next.set(key, value);
    }
    for (const [key, value] of new FormData(form)) {
      if (typeof value === "string" && value.trim() !== "" && !KEPT_PARAMS.includes(key))
        next.set(key, value.trim());
    }
    const query = next.toString();
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    clearTimeout(timer.current);
    apply();
  }

  const hasFilters = fields.some((f) => searchParams.get(f.name));
  // Re-mount the inputs when the URL changes elsewhere (back button, "clear"), so they show its state.
  const formKey = fields.map((f) => searchParams.get(f.name) ?? "").join("|");

  return (
    <form
      ref={formRef}
      key={formKey}
      method="get"
      action={pathname}
      onSubmit={onSubmit}
      role="search"
      aria-label={`Filter ${resultLabel}`}
      className={cn("mb-4 grid grid-cols-2 items-end gap-3 sm:grid-cols-3 lg:grid-cols-4", gridClassName)}
      aria-busy={isPending}
    >
      {KEPT_PARAMS.map((key) =>
        searchParams.get(key) ? (
          <input key={key} type="hidden" name={key} value={searchParams.get(key) ?? ""} />
        ) : null,
      )}
      {fields.map((field) => (
        <label
          key={field.name}
          className="flex min-w-0 flex-col gap-1 text-xs font-medium text-gray-600 dark:text-gray-400"
        >
          {field.label}
          {field.kind === "select" ? (
            <Select
              name={field.name}
              defaultValue={searchParams.get(field.name) ?? ""}
              onChange={apply}
              className="w-full"
            >
              <option value="">{field.allLabel}</option>
              {field.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          ) : field.kind === "number" ? (
            <Input
              type="number"
              name={field.name}
              inputMode="decimal"
              defaultValue={searchParams.get(field.name) ?? ""}
              placeholder={field.placeholder}
              min={field.min}
              max={field.max}
              step={field.step}
              title={field.title}
              autoComplete="off"
              onChange={(event) => {
                clearTimeout(timer.current);
                if (event.currentTarget.validity.valid) timer.current = setTimeout(apply, 350);
              }}
              className="w-full"
            />
          ) : (
            <Input
              type="search"
              name={field.name}
              defaultValue={searchParams.get(field.name) ?? ""}
              placeholder={field.placeholder}
              pattern={field.pattern}
              title={field.title}
              autoComplete="off"
              onChange={(event) => {
                clearTimeout(timer.current);
                if (event.currentTarget.validity.valid) timer.current = setTimeout(apply, 350);
              }}
              className="w-full"
            />
          )}
        </label>
      ))}
      <div className="col-span-2 flex items-center gap-2 sm:col-span-1">
        <Button type="submit" variant="secondary">
          {isPending ? "Applying…" : "Apply"}
        </Button>
        {hasFilters ? (
          <a
            href={pathname}
            onClick={(event) => {
              event.preventDefault();
              startTransition(() => router.replace(pathname, { scroll: false }));
            }}
            className={buttonClassName("ghost")}
          >
            Clear
          </a>
        ) : null}
      </div>
    </form>
  );
}
