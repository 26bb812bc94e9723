/**
 * What went wrong with an AWS call, in a shape the sync can record and show: a kind the caller
 * decides on (retry later, name the missing permission, …), the AWS error code, and a message that
 * is safe to store and display — never a credential, a signature or a session token.
 *
 * Pure: no SDK import (errors are read by name, `code` and `$metadata`), tested in errors.test.ts.
 */

export type AwsErrorKind =
  | "access-denied"
  | "throttled"
  | "not-found"
  | "unreachable"
  | "timeout"
  | "no-credentials"
  | "invalid-input"
  | "failed";

export type ClassifiedAwsError = {
  kind: AwsErrorKind;
  /** The AWS error code/name, e.g. "AccessDeniedException", or a Node code ("ECONNREFUSED"). */
  code: string;
  /** Safe: no credentials, no signature, at most MAX_MESSAGE_LENGTH characters. */
  message: string;
  httpStatus: number | null;
};

/** One thing a sync step could not read; the caller adds the account. */
export type SyncIssue = {
  region: string;
  /** "<service>:<Operation>", e.g. "lambda:ListTags". */
  api: string;
  code: string;
  message: string;
  resourceArn?: string;
};

export const MAX_MESSAGE_LENGTH = 300;

/**
 * An AWS response that lacks a field Breakeven depends on (e.g. a function without MemorySize).
 * Thrown by the api files so a malformed answer is reported, never guessed.
 */
export class AwsResponseShapeError extends Error {
  readonly code = "MalformedResponse";
  readonly api: string;

  constructor(api: string, message: string) {
    super(message);
    this.name = "AwsResponseShapeError";
    this.api = api;
  }
}

/** Attach the API that failed (`service:Operation`) to an error, for the caller's issue. */
export function withApi<T>(error: T, api: string): T {
  if (error && typeof error === "object" && !("api" in error)) {
    try {
      Object.defineProperty(error, "api", { value: api, enumerable: false, configurable: true });
    } catch {
      // A frozen error keeps no api; the caller falls back to its step name.
    }
  }
  return error;
}

const THROTTLED = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "LimitExceededException",
  "ProvisionedThroughputExceededException",
  "SlowDown",
  "EC2ThrottledException",
  "TransactionInProgressException",
]);

const ACCESS_DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedException",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "RequestExpired",
  "AuthFailure",
  "AuthorizationError",
  "NotAuthorized",
  "SignatureDoesNotMatch",
  "InvalidSignatureException",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "OptInRequired",
]);

const NOT_FOUND = new Set([
  "ResourceNotFoundException",
  "ResourceNotFound",
  "NotFoundException",
  "ClusterNotFoundException",
  "ServiceNotFoundException",
  "ProvisionedConcurrencyConfigNotFoundException",
  "NoSuchEntity",
]);

const INVALID_INPUT = new Set([
  "ValidationException",
  "ValidationError",
  "InvalidParameterValueException",
  "InvalidParameterValue",
  "InvalidParameterException",
  "InvalidParameterCombination",
  "InvalidParameterCombinationException",
  "MissingParameter",
  "MissingRequiredParameter",
  "InvalidRequestException",
  "MalformedQueryException",
  "InvalidNextToken",
  "InvalidNextTokenException",
  "InvalidOperationException",
  "SerializationException",
]);

const NO_CREDENTIALS = new Set(["CredentialsProviderError", "TokenProviderError"]);

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ECONNRESET",
  "EPIPE",
  "ERR_SOCKET_CONNECTION_TIMEOUT_UNREACHABLE",
]);

const TIMEOUT = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
]);

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { statusCode?: unknown };
  cause?: unknown;
  errors?: unknown;
};

const asObject = (value: unknown): ErrorLike | null =>
  value !== null && typeof value === "object" ? (value as ErrorLike) : null;

const asString = (value: unknown): string | null =>
  typeof value === "string" && value.length > 0 ? value : null;

/** Names and codes of the error, its cause chain and the errors of an AggregateError. */
function collectCodes(error: unknown, depth = 0): string[] {
  const object = asObject(error);
  if (!object || depth > 4) return [];
  const codes: string[] = [];
  for (const value of [object.code, object.Code, object.name]) {
    const text = asString(value);
    if (text && text !== "Error" && !codes.includes(text)) codes.push(text);
  }
  codes.push(...collectCodes(object.cause, depth + 1));
  if (Array.isArray(object.errors)) {
    for (const inner of object.errors.slice(0, 4)) codes.push(...collectCodes(inner, depth + 1));
  }
  return codes;
}

function httpStatusOf(error: unknown): number | null {
  const object = asObject(error);
  const status = object?.$metadata?.httpStatusCode ?? object?.$response?.statusCode;
  return typeof status === "number" && Number.isFinite(status) ? status : null;
}

const SECRET_PATTERNS: [RegExp, string][] = [
  // Everything SigV4 puts in an error about a bad signature: cut the canonical request off.
  [
    /\s*(The Canonical String for this request|The String-to-Sign|StringToSign|CanonicalRequest)[\s\S]*$/i,
    "",
  ],
  [/(Credential=)[^,\s"']+/gi, "$1[redacted]"],
  [/(Signature=)[0-9a-f]+/gi, "$1[redacted]"],
  [/(X-Amz-Security-Token[=:]\s*)[^\s&"',]+/gi, "$1[redacted]"],
  [/(X-Amz-Credential[=:]\s*)[^\s&"',]+/gi, "$1[redacted]"],
  [/((?:aws_)?secret_?access_?key["'=:\s]+)[^\s"',]+/gi, "$1[redacted]"],
  [/((?:aws_)?session_?token["'=:\s]+)[^\s"',]+/gi, "$1[redacted]"],
  // Access key ids (long-term AKIA…, temporary ASIA…).
  [/\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, "[access-key-id]"],
  // Session tokens and other long opaque base64 blobs.
  [/[A-Za-z0-9+/]{100,}={0,2}/g, "[redacted]"],
];

/** A message safe to store and show: secrets removed, whitespace collapsed, at most 300 characters. */
export function toSafeMessage(text: string): string {
  let safe = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) safe = safe.replace(pattern, replacement);
  safe = safe.replace(/\s+/g, " ").trim();
  return safe.length > MAX_MESSAGE_LENGTH ? `${safe.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : safe;
}

function kindOf(codes: readonly string[], status: number | null, message: string): AwsErrorKind {
  const has = (set: ReadonlySet<string>) => codes.some((code) => set.has(code));
  if (has(NO_CREDENTIALS)) return "no-credentials";
  if (has(THROTTLED)) return "throttled";
  if (has(ACCESS_DENIED) || codes.some((code) => code.startsWith("AccessDenied"))) return "access-denied";
  if (has(NOT_FOUND)) return "not-found";
  if (has(INVALID_INPUT)) return "invalid-input";
  if (has(TIMEOUT)) return "timeout";
  if (has(UNREACHABLE)) return "unreachable";
  if (codes.includes("AwsResponseShapeError") || codes.includes("MalformedResponse")) return "failed";
  if (/could not load credentials|no credentials|unable to find credentials/i.test(message))
    return "no-credentials";
  if (status === 429) return "throttled";
  if (status === 401 || status === 403) return "access-denied";
  if (status === 404) return "not-found";
  if (status === 400) return "invalid-input";
  if (status === 408 || status === 504) return "timeout";
  return "failed";
}

/** The code to show: the AWS error code when there is one, else the Node code, else the name. */
function primaryCode(error: unknown, codes: readonly string[]): string {
  const object = asObject(error);
  const known = [THROTTLED, ACCESS_DENIED, NOT_FOUND, INVALID_INPUT, NO_CREDENTIALS, TIMEOUT, UNREACHABLE];
  // An SDK service exception carries its code as `name`; a Node system error as `code`.
  const name = asString(object?.name);
  if (name && name !== "Error" && (httpStatusOf(error) !== null || known.some((set) => set.has(name))))
    return name;
  return codes.find((code) => known.some((set) => set.has(code))) ?? codes[0] ?? "UnknownError";
}

export function classifyAwsError(error: unknown): ClassifiedAwsError {
  const object = asObject(error);
  const codes = collectCodes(error);
  const httpStatus = httpStatusOf(error);
  const rawMessage =
    asString(object?.message) ?? (typeof error === "string" ? error : object ? "" : String(error ?? ""));
  const kind = kindOf(codes, httpStatus, rawMessage);
  // A response the SDK could not parse (an HTML error page, an endpoint that lacks the API): say
  // that, with the HTTP status, instead of the parser's text.
  if (/Deserialization error/i.test(rawMessage) || (object?.name === "SyntaxError" && httpStatus !== null)) {
    const status = httpStatus === null ? "an unreadable" : `HTTP ${httpStatus} with an unreadable`;
    return {
      kind,
      code: httpStatus === null ? "UnreadableResponse" : `HTTP${httpStatus}`,
      message: `the endpoint answered ${status} body (this API may not be supported there)`,
      httpStatus,
    };
  }
  const code = primaryCode(error, codes);
  const message = toSafeMessage(rawMessage || code);
  return { kind, code, message, httpStatus };
}

/** True when the error is the caller's own abort (AbortSignal), not an AWS failure. */
export function isAbortError(error: unknown): boolean {
  const name = asObject(error)?.name;
  return name === "AbortError";
}

/** Reports the first issue per (api, code) and counts the rest. */
export class IssueOnce {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly region: string,
    private readonly onIssue: (issue: SyncIssue) => void,
  ) {}

  report(api: string, error: unknown, resourceArn?: string, note?: string): void {
    const classified = classifyAwsError(error);
    const key = `${api}|${classified.code}`;
    const count = this.seen.get(key) ?? 0;
    this.seen.set(key, count + 1);
    if (count > 0) return;
    this.onIssue({
      region: this.region,
      api,
      code: classified.code,
      message: note ? `${classified.message} (${note})` : classified.message,
      ...(resourceArn ? { resourceArn } : {}),
    });
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    const error = new Error("aborted");
    error.name = "AbortError";
    throw error;
  }
}
