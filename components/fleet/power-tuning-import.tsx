"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ChangeEvent, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/field";
import { formatInteger } from "@/lib/format";
import { API_PATHS } from "@/lib/api-paths";

/** The route refuses larger bodies (413); real Power Tuning results are a few KB. */
const MAX_BYTES = 256 * 1024;

type Outcome = { kind: "imported"; message: string } | { kind: "error"; message: string } | null;

function toErrorMessage(body: unknown, status: number): string {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error === "string") return error;
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === "string" && message ? message : `The server answered ${status}`;
}

function toImportedMessage(body: unknown): string | null {
  const { imported, points } = (body ?? {}) as { imported?: unknown; points?: unknown };
  if (typeof imported !== "number" || !Array.isArray(points)) return null;
  const sizes = points
    .map((point) => (point as { memoryMb?: unknown }).memoryMb)
    .filter((memoryMb): memoryMb is number => typeof memoryMb === "number");
  const range =
    sizes.length === 0
      ? ""
      : sizes.length === 1
        ? ` (${formatInteger(sizes[0])} MB)`
        : ` (${formatInteger(Math.min(...sizes))}–${formatInteger(Math.max(...sizes))} MB)`;
  return `Imported ${formatInteger(imported)} point${imported === 1 ? "" : "s"}${range}`;
}

/**
 * Import AWS Lambda Power Tuning results for one function: paste the state machine output, a
 * DescribeExecution record or the visualization URL, or upload the JSON file. POSTs the text to
 * /api/functions/:id/power-tuning, then refreshes the page so the memory curve shows the points.
 */
export function PowerTuningImport({ functionId, className }: { functionId: string; className?: string }) {
  const router = useRouter();
  const id = useId();
  const textId = `${id}-text`;
  const fileId = `${id}-file`;
  const hintId = `${id}-hint`;
  const outcomeId = `${id}-outcome`;
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [isRefreshing, startTransition] = useTransition();
  const isBusy = isSubmitting || isRefreshing;

  async function onFileChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setOutcome({
        kind: "error",
        message: `${file.name} is larger than 256 KB: Power Tuning results are a few KB`,
      });
      input.value = "";
      return;
    }
    try {
      setText(await file.text());
      setOutcome(null);
    } catch {
      setOutcome({ kind: "error", message: `Could not read ${file.name}` });
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === "") {
      setOutcome({
        kind: "error",
        message: "Paste the Power Tuning output, an execution record or the visualization URL first",
      });
      return;
    }
    setIsSubmitting(true);
    setOutcome(null);
    try {
      const response = await fetch(API_PATHS.powerTuning(functionId), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        setOutcome({ kind: "error", message: toErrorMessage(body, response.status) });
        return;
      }
      const message = toImportedMessage(body);
      if (message === null) {
        setOutcome({ kind: "error", message: "The server's answer was not understood" });
        return;
      }
      setOutcome({ kind: "imported", message });
      startTransition(() => router.refresh());
    } catch (error) {
      setOutcome({
        kind: "error",
        message: `Could not reach the server (${error instanceof Error ? error.message : String(error)})`,
      });
    } finally {
      setIsSubmitting(false);
    }
  }

  const isError = outcome?.kind === "error";
  return (
    <form onSubmit={onSubmit} className={cn("flex flex-col gap-3", className)} aria-busy={isBusy}>
      <div className="flex flex-col gap-1">
        <label htmlFor={textId} className="text-sm font-medium text-gray-900 dark:text-gray-100">
          Power Tuning results
        </label>
        <p id={hintId} className="text-xs text-gray-600 dark:text-gray-400">
          Paste the state machine output (with <code>includeOutputResults</code> for every size), a{" "}
          <code>describe-execution</code> record, or the visualization URL. Durations are kept as measured;
          costs are repriced with this function&apos;s region and architecture.
        </p>
        <Textarea
          id={textId}
          value={text}
          rows={6}
          spellCheck={false}
          autoComplete="off"
          placeholder='{"power": 512, "stats": [...]} or https://lambda-power-tuning.show/#...'
          aria-describedby={outcome ? `${hintId} ${outcomeId}` : hintId}
          aria-invalid={isError ? true : undefined}
          onChange={(event) => {
            setText(event.target.value);
            if (isError) setOutcome(null);
          }}
          fieldSize="sm"
          isMono
          className="w-full"
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor={fileId} className="text-xs text-gray-700 dark:text-gray-300">
          Or upload a JSON file
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={onFileChange}
          className="text-xs text-gray-700 file:mr-2 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-2 file:py-1 file:text-xs file:text-gray-800 hover:file:bg-gray-50 dark:text-gray-300 dark:file:border-gray-700 dark:file:bg-gray-900 dark:file:text-gray-200 dark:hover:file:bg-gray-800"
        />
        <Button type="submit" size="sm" disabled={isBusy} className="ml-auto">
          {isSubmitting ? "Importing…" : isRefreshing ? "Updating…" : "Import"}
        </Button>
      </div>
      {outcome ? (
        <p
          id={outcomeId}
          role={isError ? "alert" : "status"}
          className={
            isError
              ? "text-xs font-medium text-red-700 dark:text-red-300"
              : "text-xs font-medium text-green-700 dark:text-green-400"
          }
        >
          {outcome.message}
        </p>
      ) : null}
    </form>
  );
}
