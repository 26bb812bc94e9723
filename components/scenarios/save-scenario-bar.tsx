"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FieldMessage, Input } from "@/components/ui/field";
import { ApiError } from "@/lib/queries/fetch-json";
import { scenarioNameSchema, type Scenario } from "@/lib/schemas/scenario";
import type { WorkloadInput } from "@/lib/schemas/workload";
import { useScenarioMutations } from "./use-scenario-mutations";
import { cardClassName } from "@/components/ui/card";

function toErrorMessage(error: unknown): { name?: string; general?: string } {
  if (error instanceof ApiError) {
    const nameError = error.fieldErrors?.name;
    if (nameError) return { name: nameError };
    const fieldError = error.fieldErrors ? Object.entries(error.fieldErrors)[0] : undefined;
    return { general: fieldError ? `${error.message}: ${fieldError[0]} — ${fieldError[1]}` : error.message };
  }
  return { general: error instanceof Error ? error.message : "Saving failed" };
}

type SaveScenarioBarProps = {
  /** The saved scenario the page was opened from, if any. */
  openScenario: Scenario | null;
  input: WorkloadInput;
  isInputValid: boolean;
  hasUnsavedChanges: boolean;
  onSaved: (scenario: Scenario) => void;
};

export function SaveScenarioBar({
  openScenario,
  input,
  isInputValid,
  hasUnsavedChanges,
  onSaved,
}: SaveScenarioBarProps) {
  const { create, update } = useScenarioMutations();
  const [name, setName] = useState("");
  const [isNaming, setIsNaming] = useState(openScenario === null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [generalError, setGeneralError] = useState<string | null>(null);
  const isBusy = create.isPending || update.isPending;

  const fail = (error: unknown) => {
    const message = toErrorMessage(error);
    setNameError(message.name ?? null);
    setGeneralError(message.general ?? null);
  };

  const saveAsNew = () => {
    const parsed = scenarioNameSchema.safeParse(name);
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message ?? "Invalid name");
      return;
    }
    setNameError(null);
    setGeneralError(null);
    create.mutate(
      { name: parsed.data, input },
      {
        onSuccess: (scenario) => {
          setName("");
          setIsNaming(false);
          onSaved(scenario);
        },
        onError: fail,
      },
    );
  };

  const saveChanges = () => {
    if (!openScenario) return;
    setGeneralError(null);
    update.mutate({ scenarioId: openScenario.id, body: { input } }, { onSuccess: onSaved, onError: fail });
  };

  return (
    <section aria-label="Save scenario" className={cardClassName("p-3")}>
      {openScenario ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <p className="min-w-0 text-sm">
            <span className="text-gray-600 dark:text-gray-400">Scenario: </span>
            <strong data-testid="open-scenario-name" className="break-words">
              {openScenario.name}
            </strong>{" "}
            {hasUnsavedChanges ? (
              <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">
                unsaved changes
              </span>
            ) : (
              <span className="ml-1 rounded bg-green-100 px-1.5 py-0.5 text-xs text-green-900 dark:bg-green-900/40 dark:text-green-200">
                saved
              </span>
            )}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button disabled={!isInputValid || !hasUnsavedChanges || isBusy} onClick={saveChanges}>
              {update.isPending ? "Saving…" : "Save changes"}
            </Button>
            {!isNaming ? (
              <Button variant="secondary" onClick={() => setIsNaming(true)}>
                Save as new…
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
      {isNaming ? (
        <form
          className={`flex flex-wrap items-start gap-2 ${openScenario ? "mt-3" : ""}`}
          onSubmit={(event) => {
            event.preventDefault();
            saveAsNew();
          }}
        >
          <div className="min-w-0 flex-1 basis-56">
            <label htmlFor="scenario-name" className="sr-only">
              Scenario name
            </label>
            <Input
              id="scenario-name"
              value={name}
              maxLength={120}
              placeholder="Name this scenario, e.g. Checkout API on arm64"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? "scenario-name-message" : "scenario-name-hint"}
              onChange={(event) => {
                setName(event.target.value);
                if (nameError) setNameError(null);
              }}
              className="w-full"
            />
            <FieldMessage
              id={nameError ? "scenario-name-message" : "scenario-name-hint"}
              error={nameError}
              hint="Saves every input under a name you can reopen, share, duplicate and compare."
            />
          </div>
          <Button type="submit" disabled={!isInputValid || isBusy}>
            {create.isPending ? "Saving…" : "Save scenario"}
          </Button>
          {openScenario ? (
            <Button variant="secondary" onClick={() => setIsNaming(false)}>
              Cancel
            </Button>
          ) : null}
        </form>
      ) : null}
      {!isInputValid ? (
        <p className="mt-2 text-xs text-red-600 dark:text-red-400">
          Fix the highlighted inputs before saving.
        </p>
      ) : null}
      {generalError ? (
        <p role="alert" className="mt-2 text-xs font-medium text-red-600 dark:text-red-400">
          Could not save: {generalError}
        </p>
      ) : null}
    </section>
  );
}
