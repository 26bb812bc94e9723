import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { auth } from "@/lib/auth/auth";
import {
  buildContentSecurityPolicy,
  checkMutation,
  isAllowed,
  isAllowedHost,
  isMalformedPath,
  requiredAccess,
  securityHeaders,
  type Refusal,
} from "@/lib/auth/policy";
import { getSecuritySettings } from "@/lib/auth/server-settings";
import type { Role, SecuritySettings } from "@/lib/auth/settings";

/**
 * The front door (docs/security.md): every request but static files passes here first.
 * Malformed path -> 400; foreign Host -> 400; a change from another site, not JSON or too large
 * -> 403/415/413; team mode without a session -> login page or 401; a viewer asking for an admin
 * action -> 403. Pages get a per-request CSP nonce; every response gets the security headers.
 */

function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

function withSecurityHeaders<T extends Response>(response: T, settings: SecuritySettings): T {
  for (const [name, value] of Object.entries(securityHeaders(settings))) response.headers.set(name, value);
  return response;
}

function refuse(refusal: Refusal, pathname: string, settings: SecuritySettings): NextResponse {
  const response = isApiPath(pathname)
    ? NextResponse.json(
        { error: { code: refusal.code, message: refusal.message } },
        { status: refusal.status },
      )
    : new NextResponse(`${refusal.message}\n`, {
        status: refusal.status,
        headers: { "content-type": "text/plain; charset=utf-8" },
      });
  return withSecurityHeaders(response, settings);
}

function handle(request: NextRequest, role: Role | null, settings: SecuritySettings): NextResponse {
  // The raw path: nextUrl.pathname may already be normalised.
  const rawPathname = new URL(request.url).pathname;
  const { pathname } = request.nextUrl;
  if (isMalformedPath(rawPathname)) {
    return refuse(
      { status: 400, code: "BAD_REQUEST", message: "The address is malformed" },
      pathname,
      settings,
    );
  }
  if (!isAllowedHost(request.headers.get("host"), settings)) {
    return refuse(
      { status: 400, code: "UNKNOWN_HOST", message: "Breakeven does not answer to this host name" },
      pathname,
      settings,
    );
  }
  const mutationRefusal = checkMutation(
    { method: request.method, pathname, requestOrigin: request.nextUrl.origin, headers: request.headers },
    settings,
  );
  if (mutationRefusal) return refuse(mutationRefusal, pathname, settings);

  const access = requiredAccess(request.method, pathname);
  if (!isAllowed(access, role)) {
    if (role !== null) {
      return refuse(
        { status: 403, code: "FORBIDDEN", message: "This needs the admin role" },
        pathname,
        settings,
      );
    }
    if (isApiPath(pathname)) {
      return refuse({ status: 401, code: "UNAUTHENTICATED", message: "Sign in first" }, pathname, settings);
    }
    const login = new URL("/login", request.nextUrl.origin);
    login.searchParams.set("callbackUrl", `${pathname}${request.nextUrl.search}`);
    return withSecurityHeaders(NextResponse.redirect(login, 303), settings);
  }

  if (isApiPath(pathname)) return withSecurityHeaders(NextResponse.next(), settings);

  // Pages: a fresh nonce; Next.js reads it from the request's CSP header and puts it on its scripts.
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildContentSecurityPolicy({
    nonce,
    isDev: process.env.NODE_ENV === "development",
    isHttps: settings.isHttps,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return withSecurityHeaders(response, settings);
}

type ProxyHandler = (request: NextRequest, event: NextFetchEvent) => Promise<Response | undefined>;

/**
 * Auth.js's wrapper reads the session cookie and hands us `request.auth`. With a lazily built
 * config (ours: the environment is read at the first request) the wrapper itself arrives as a
 * promise, whatever its type says.
 */
const teamProxy: Promise<ProxyHandler> = Promise.resolve(
  auth((request) => handle(request, request.auth?.user.role ?? null, getSecuritySettings())) as unknown as
    ProxyHandler | Promise<ProxyHandler>,
);

export async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const settings = getSecuritySettings();
  // Local mode: loopback only and no login, so whoever reaches it is the admin.
  if (settings.mode === "local") return handle(request, "admin", settings);
  return (await (await teamProxy)(request, event)) ?? NextResponse.next();
}

export const config = {
  // Static build output needs none of this (its headers come from next.config.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
