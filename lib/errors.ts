/** One error type for the whole app; adapters translate library errors into these codes. */
export type AppErrorCode =
  | "NOT_FOUND"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "PAYLOAD_TOO_LARGE"
  | "VALIDATION"
  | "CONFLICT"
  | "AWS_ACCESS_DENIED"
  | "AWS_THROTTLED"
  | "AWS_UNAVAILABLE"
  | "PRICING_STALE"
  | "PRICING_UNKNOWN_RATE"
  /** The database cannot serve the request now: read-only, or locked by another process past the busy timeout. */
  | "UNAVAILABLE"
  | "INTERNAL";

const HTTP_STATUS: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION: 422,
  CONFLICT: 409,
  AWS_ACCESS_DENIED: 403,
  AWS_THROTTLED: 429,
  AWS_UNAVAILABLE: 503,
  PRICING_STALE: 409,
  PRICING_UNKNOWN_RATE: 422,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Field-level messages for VALIDATION errors, keyed by field path. */
  readonly fieldErrors: Record<string, string> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options?: { cause?: unknown; fieldErrors?: Record<string, string> },
  ) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }
}

export function toHttpStatus(code: AppErrorCode): number {
  return HTTP_STATUS[code];
}
