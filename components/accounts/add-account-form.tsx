"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FieldMessage, Input, Label, Checkbox } from "@/components/ui/field";
import { ApiError } from "@/lib/queries/fetch-json";
import { createAccountBodySchema, type CreateAccountBody } from "@/lib/schemas/account";
import { createAccountRequest } from "./account-requests";

type Field = "id" | "name" | "regions" | "roleArn" | "externalId" | "profile";
type FieldErrors = Partial<Record<Field | "_", string>>;

const EMPTY = { id: "", name: "", regions: "us-east-1", roleArn: "", externalId: "", profile: "" };

/** The form's text fields, in order; wide ones span both columns. */
const FIELDS: readonly {
  id: Field;
  label: string;
  hint: string;
  placeholder?: string;
  inputMode?: "numeric";
  isOptional?: boolean;
  isWide?: boolean;
}[] = [
  {
    id: "id",
    label: "Account ID",
    hint: "The 12-digit AWS account id.",
    placeholder: "123456789012",
    inputMode: "numeric",
  },
  { id: "name", label: "Name", hint: "How Breakeven labels it, e.g. prod.", placeholder: "prod" },
  {
    id: "regions",
    label: "Regions",
    hint: "Region codes separated by commas (1–20), e.g. us-east-1, eu-west-1.",
    placeholder: "us-east-1, eu-west-1",
    isWide: true,
  },
  {
    id: "roleArn",
    label: "Role ARN",
    hint: "A read-only role Breakeven assumes in the account; empty = the server's default AWS credentials.",
    placeholder: "arn:aws:iam::123456789012:role/BreakevenReadOnly",
    isOptional: true,
    isWide: true,
  },
  {
    id: "externalId",
    label: "ExternalId",
    hint: "Only with a role: the ExternalId its trust policy requires; empty = none.",
    isOptional: true,
  },
  {
    id: "profile",
    label: "Profile",
    hint: "A named profile of the server's AWS config files; empty = the server's default AWS credentials.",
    isOptional: true,
  },
];

/** "regions.1" → "regions": an error on one region is shown under the regions field. */
function toFieldErrors(errors: Record<string, string> | undefined): FieldErrors {
  const result: FieldErrors = {};
  for (const [path, message] of Object.entries(errors ?? {})) {
    const key = path.split(".")[0] as Field | "_";
    result[key] ??= message;
  }
  return result;
}

function splitRegions(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((region) => region.trim())
    .filter(Boolean);
}

function TextField({
  id,
  label,
  value,
  error,
  hint,
  placeholder,
  isDisabled,
  inputMode,
  isOptional = false,
  onChange,
}: {
  id: Field;
  label: ReactNode;
  isOptional?: boolean;
  value: string;
  error?: string;
  hint?: ReactNode;
  placeholder?: string;
  isDisabled: boolean;
  inputMode?: "numeric" | "text";
  onChange: (value: string) => void;
}) {
  const inputId = `account-${id}`;
  const messageId = `${inputId}-message`;
  return (
    <div className="min-w-0">
      <Label htmlFor={inputId}>
        {label}
        {isOptional ? <span className="font-normal text-gray-500"> (optional)</span> : null}
      </Label>
      <Input
        id={inputId}
        name={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        disabled={isDisabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 w-full"
      />
      <FieldMessage id={messageId} error={error} hint={hint} />
    </div>
  );
}

/**
 * "Add account": validated in the browser with the same schema as POST /api/accounts, then sent;
 * the server's field errors (e.g. "already configured") land next to their fields too.
 */
export function AddAccountForm() {
  const router = useRouter();
  const [values, setValues] = useState(EMPTY);
  const [isLogsInsightsEnabled, setIsLogsInsightsEnabled] = useState(false);
  const [isCostExplorerEnabled, setIsCostExplorerEnabled] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [added, setAdded] = useState<string | null>(null);
  const [isRefreshing, startTransition] = useTransition();

  const mutation = useMutation({
    mutationFn: (body: CreateAccountBody) => createAccountRequest(body),
    onSuccess: (account) => {
      setValues(EMPTY);
      setIsLogsInsightsEnabled(false);
      setIsCostExplorerEnabled(true);
      setAdded(`Added ${account.name} (${account.id}). Test the connection, then sync it.`);
      startTransition(() => router.refresh());
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors && Object.keys(error.fieldErrors).length > 0) {
        setErrors(toFieldErrors(error.fieldErrors));
      } else if (error instanceof ApiError && error.status === 409) {
        setErrors({ id: error.message });
      } else {
        setErrors({ _: error instanceof Error ? error.message : String(error) });
      }
    },
  });

  const set = (field: Field) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setAdded(null);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const parsed = createAccountBodySchema.safeParse({
      ...values,
      regions: splitRegions(values.regions),
      isLogsInsightsEnabled,
      isCostExplorerEnabled,
    });
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_"] ??= issue.message;
      setErrors(toFieldErrors(fieldErrors));
      return;
    }
    setErrors({});
    mutation.mutate(parsed.data);
  }

  const isBusy = mutation.isPending || isRefreshing;
  return (
    <form onSubmit={submit} noValidate aria-label="Add an AWS account" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map(({ isWide, ...field }) => {
          const input = (
            <TextField
              key={field.id}
              {...field}
              value={values[field.id]}
              error={errors[field.id]}
              isDisabled={isBusy}
              onChange={set(field.id)}
            />
          );
          return isWide ? (
            <div key={field.id} className="sm:col-span-2">
              {input}
            </div>
          ) : (
            input
          );
        })}
      </div>
      <div>
        <label className="flex items-start gap-2 text-sm text-gray-800 dark:text-gray-200">
          <Checkbox
            name="isLogsInsightsEnabled"
            checked={isLogsInsightsEnabled}
            disabled={isBusy}
            onChange={(event) => setIsLogsInsightsEnabled(event.target.checked)}
            className="mt-0.5"
          />
          <span>
            Read Lambda REPORT lines with CloudWatch Logs Insights
            <span className="block text-xs text-gray-500 dark:text-gray-400">
              Paid by AWS: $0.005 per GB of logs scanned. Off by default; metrics alone work without it.
            </span>
          </span>
        </label>
        <label className="mt-3 flex items-start gap-2 text-sm text-gray-800 dark:text-gray-200">
          <Checkbox
            name="isCostExplorerEnabled"
            checked={isCostExplorerEnabled}
            disabled={isBusy}
            onChange={(event) => setIsCostExplorerEnabled(event.target.checked)}
            className="mt-0.5"
          />
          <span>
            Read the billed cost with Cost Explorer
            <span className="block text-xs text-gray-500 dark:text-gray-400">
              Paid by AWS: $0.01 per request, a few per sync. On by default; turn it off for a member account
              its management account does not share Cost Explorer with.
            </span>
          </span>
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isBusy} aria-busy={isBusy}>
          {mutation.isPending ? "Adding…" : "Add account"}
        </Button>
        {errors._ ? (
          <p role="alert" className="text-xs text-red-700 dark:text-red-300">
            Could not add the account ({errors._}).
          </p>
        ) : null}
        {added ? (
          <p role="status" className="text-xs text-emerald-700 dark:text-emerald-300">
            {added}
          </p>
        ) : null}
      </div>
    </form>
  );
}
