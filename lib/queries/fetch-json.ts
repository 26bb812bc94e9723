import type { z } from "zod";

/** Error body every route handler returns (see lib/http/with-route.ts). */
export type ApiErrorBody = { error: { code: string; message: string; fieldErrors?: Record<string, string> } };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: Record<string, string> | undefined;
  constructor(status: number, body: ApiErrorBody["error"]) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.fieldErrors = body.fieldErrors;
  }
}

/** Fetches JSON from our own API and validates it, so a shape change fails loudly, not silently. */
export async function fetchJson<T extends z.ZodType>(
  url: string,
  schema: T,
  init?: RequestInit,
): Promise<z.infer<T>> {
  const response = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  });
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as Partial<ApiErrorBody> | null)?.error;
    throw new ApiError(response.status, {
      code: error?.code ?? "INTERNAL",
      message: error?.message ?? `Request failed with status ${response.status}`,
      fieldErrors: error?.fieldErrors,
    });
  }
  return schema.parse(body);
}
