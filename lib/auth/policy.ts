import type { Role, SecuritySettings } from "./settings";

/**
 * The request rules every page and API call passes through (proxy.ts), as pure functions so each
 * is tested on its own. No framework here: requests are described by method, path and headers.
 */

/** Default cap on a request body; routes with smaller bodies set their own (lib/http/request-guards). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type Refusal = { status: number; code: string; message: string };

export type Access = "public" | Role;

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** Auth.js's own endpoints: sign-in forms with their own CSRF token, so form bodies are fine there. */
export const AUTH_BASE_PATH = "/api/auth";

/** Reachable without a session: the login page, Auth.js, the health check and static files. */
const PUBLIC_PATHS: readonly RegExp[] = [
  /^\/login\/?$/,
  /^\/api\/auth(\/|$)/,
  /^\/api\/health\/?$/,
  /^\/_next\//,
  /^\/(icon\.svg|favicon\.ico|robots\.txt)$/,
];

/**
 * Changes a viewer may make: their own what-if scenarios (not deleting them), and the review of
 * recommendations (accept, dismiss, reopen, done: recorded with who made it, and reversible). Every
 * other change (accounts, sync, demo data, imports, deletes) is the admin's.
 */
const VIEWER_MUTATIONS: readonly { method: string; path: RegExp }[] = [
  { method: "POST", path: /^\/api\/scenarios\/?$/ },
  { method: "PATCH", path: /^\/api\/scenarios\/[^/]+\/?$/ },
  { method: "POST", path: /^\/api\/scenarios\/[^/]+\/duplicate\/?$/ },
  { method: "PATCH", path: /^\/api\/recommendations\/\d+\/?$/ },
];

export function requiredAccess(method: string, pathname: string): Access {
  if (PUBLIC_PATHS.some((path) => path.test(pathname))) return "public";
  if (isSafeMethod(method)) return "viewer";
  const upper = method.toUpperCase();
  return VIEWER_MUTATIONS.some((rule) => rule.method === upper && rule.path.test(pathname))
    ? "viewer"
    : "admin";
}

/** Whether `role` may do what `access` asks (admin may do everything a viewer may). */
export function isAllowed(access: Access, role: Role | null): boolean {
  if (access === "public") return true;
  if (role === null) return false;
  return access === "viewer" || role === "admin";
}

/**
 * Whether `role` may send `method pathname` at all: the proxy's own rule, asked before showing a
 * control (a viewer does not see buttons whose request would answer 403). Hiding is only for the
 * eye; the proxy and the route handler still refuse the request.
 */
export function canRequest(role: Role | null, method: string, pathname: string): boolean {
  return isAllowed(requiredAccess(method, pathname), role);
}

/**
 * A path whose percent-encoding does not decode (`/functions/%ff`) is malformed: refused with 400
 * here rather than a 500 from deep inside the router.
 */
export function isMalformedPath(rawPathname: string): boolean {
  try {
    decodeURIComponent(rawPathname);
    return false;
  } catch {
    return true;
  }
}

/** The host name of a Host header, lower case and without the port ("[::1]:3000" -> "[::1]"). */
export function toHostName(hostHeader: string | null): string | null {
  if (!hostHeader) return null;
  const host = hostHeader.trim().toLowerCase();
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end === -1 ? null : host.slice(0, end + 1);
  }
  return host.split(":")[0] || null;
}

/** A Host header outside the allowlist is how DNS rebinding reaches a loopback server. */
export function isAllowedHost(hostHeader: string | null, settings: SecuritySettings): boolean {
  const name = toHostName(hostHeader);
  return name !== null && settings.allowedHostNames.has(name);
}

type RequestFacts = {
  method: string;
  pathname: string;
  /** The origin the server sees itself at (the request URL's origin). */
  requestOrigin: string;
  headers: { get(name: string): string | null };
};

/**
 * Whether a request that may change data comes from another site. Browsers send `Sec-Fetch-Site`
 * and, on every POST, PUT, PATCH and DELETE, `Origin`. A request without either (curl, scripts) is
 * not a browser acting for someone else and passes; in team mode it still needs a session.
 */
export function isCrossSite(request: RequestFacts, settings: SecuritySettings): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const ownOrigins = new Set([
    request.requestOrigin,
    ...(settings.publicOrigin ? [settings.publicOrigin] : []),
  ]);
  const host = request.headers.get("host");
  if (host) ownOrigins.add(`${new URL(request.requestOrigin).protocol}//${host.toLowerCase()}`);
  return !ownOrigins.has(origin.toLowerCase());
}

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type === "application/json";
}

/**
 * The checks on a request that may change data, before any handler runs: same origin (403),
 * `application/json` only (415: an HTML form cannot send it, and a cross-site fetch that does is
 * preflighted and refused), and the body within the limit by its declared length (413; handlers
 * still count the bytes of a chunked body).
 */
export function checkMutation(
  request: RequestFacts,
  settings: SecuritySettings,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): Refusal | null {
  if (isSafeMethod(request.method)) return null;
  if (isCrossSite(request, settings)) {
    return {
      status: 403,
      code: "FORBIDDEN",
      message: "Requests from another site cannot change Breakeven's data",
    };
  }
  const isAuthEndpoint =
    request.pathname === AUTH_BASE_PATH || request.pathname.startsWith(`${AUTH_BASE_PATH}/`);
  if (!isAuthEndpoint && !isJson(request.headers.get("content-type"))) {
    return {
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "Send changes as JSON (Content-Type: application/json)",
    };
  }
  const declaredBytes = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declaredBytes) && declaredBytes > maxBodyBytes) {
    return {
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
      message: `The body is larger than ${Math.round(maxBodyBytes / 1024)} KB`,
    };
  }
  return null;
}

/**
 * The Content-Security-Policy of a page: scripts only from this origin and with this response's
 * nonce (Next.js puts it on its own scripts); no framing; forms post only here. Inline style
 * attributes stay allowed (the charts set them); style elements cannot run script.
 */
export function buildContentSecurityPolicy(options: {
  nonce: string;
  isDev: boolean;
  isHttps: boolean;
}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.isDev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.isHttps ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * Headers every response carries, static files included (next.config.ts sets these for the files
 * proxy.ts does not see).
 */
export const BASE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
};

/** Headers on every response proxy.ts answers or passes: the base ones, plus HSTS over HTTPS. */
export function securityHeaders(settings: SecuritySettings): Record<string, string> {
  return {
    ...BASE_SECURITY_HEADERS,
    ...(settings.isHttps ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
