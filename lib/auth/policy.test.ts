import { describe, expect, it } from "vitest";
import { API_PATHS } from "@/lib/api-paths";
import { parseServerEnv } from "@/lib/env";
import {
  buildContentSecurityPolicy,
  canRequest,
  checkMutation,
  isAllowed,
  isAllowedHost,
  isMalformedPath,
  requiredAccess,
  securityHeaders,
  toHostName,
} from "./policy";
import { roleForEmail, toSecuritySettings } from "./settings";

const LOCAL = toSecuritySettings(parseServerEnv({}));
const TEAM = toSecuritySettings(
  parseServerEnv({
    BREAKEVEN_URL: "https://breakeven.example.com",
    AUTH_SECRET: "x".repeat(40),
    BREAKEVEN_ADMIN_PASSWORD: "correct horse battery",
    BREAKEVEN_OIDC_ISSUER: "https://idp.example.com",
    BREAKEVEN_OIDC_CLIENT_ID: "breakeven",
    BREAKEVEN_OIDC_CLIENT_SECRET: "s3cret",
    BREAKEVEN_ADMIN_EMAILS: "Ada@Example.com",
    BREAKEVEN_VIEWER_EMAILS: "@example.com, grace@other.org",
  }),
);

function facts(method: string, pathname: string, headers: Record<string, string> = {}) {
  return {
    method,
    pathname,
    requestOrigin: "http://127.0.0.1:3000",
    headers: new Headers({ host: "127.0.0.1:3000", ...headers }),
  };
}

describe("modes", () => {
  it("is local without BREAKEVEN_URL and team with it", () => {
    expect(LOCAL.mode).toBe("local");
    expect(LOCAL.publicOrigin).toBeNull();
    expect(TEAM.mode).toBe("team");
    expect(TEAM.publicOrigin).toBe("https://breakeven.example.com");
    expect(TEAM.isHttps).toBe(true);
  });

  it("refuses a team mode that has no secret or no way to sign in, and a half-set OIDC", () => {
    expect(() => parseServerEnv({ BREAKEVEN_URL: "https://b.example.com" })).toThrow(/AUTH_SECRET/);
    expect(() =>
      parseServerEnv({ BREAKEVEN_URL: "https://b.example.com", AUTH_SECRET: "x".repeat(40) }),
    ).toThrow(/a way to sign in/);
    expect(() => parseServerEnv({ BREAKEVEN_OIDC_ISSUER: "https://idp.example.com" })).toThrow(/together/);
    expect(() => parseServerEnv({ BREAKEVEN_ADMIN_PASSWORD: "short" })).toThrow(/12 characters/);
  });

  it("refuses to listen beyond loopback without team mode", () => {
    expect(() => parseServerEnv({ HOST: "0.0.0.0" })).toThrow(/BREAKEVEN_URL/);
    expect(parseServerEnv({ HOST: "127.0.0.1" }).HOST).toBe("127.0.0.1");
    expect(parseServerEnv({ HOST: "::1" }).HOST).toBe("::1");
  });
});

describe("roles", () => {
  it("names admins, lets listed viewers in and nobody else", () => {
    expect(roleForEmail("ada@example.com", TEAM)).toBe("admin");
    expect(roleForEmail("bob@example.com", TEAM)).toBe("viewer");
    expect(roleForEmail("GRACE@other.org", TEAM)).toBe("viewer");
    expect(roleForEmail("mallory@other.org", TEAM)).toBeNull();
    expect(roleForEmail("mallory@evil-example.com", TEAM)).toBeNull();
    expect(roleForEmail(null, TEAM)).toBeNull();
  });

  it("lets only admins in when no viewers are listed", () => {
    const settings = toSecuritySettings(
      parseServerEnv({
        BREAKEVEN_URL: "https://b.example.com",
        AUTH_SECRET: "x".repeat(40),
        BREAKEVEN_OIDC_ISSUER: "https://idp.example.com",
        BREAKEVEN_OIDC_CLIENT_ID: "id",
        BREAKEVEN_OIDC_CLIENT_SECRET: "secret",
        BREAKEVEN_ADMIN_EMAILS: "ada@example.com",
      }),
    );
    expect(roleForEmail("bob@example.com", settings)).toBeNull();
  });

  it("gives reads to viewers, and accounts, sync, demo, imports and deletes to admins only", () => {
    expect(requiredAccess("GET", "/functions")).toBe("viewer");
    expect(requiredAccess("GET", "/api/accounts")).toBe("viewer");
    expect(requiredAccess("POST", "/api/scenarios")).toBe("viewer");
    expect(requiredAccess("PATCH", "/api/scenarios/abc")).toBe("viewer");
    expect(requiredAccess("DELETE", "/api/scenarios/abc")).toBe("admin");
    // Reviewing recommendations is a viewer's work (recorded with who made it); nothing else under it.
    expect(requiredAccess("PATCH", "/api/recommendations/42")).toBe("viewer");
    expect(requiredAccess("PATCH", "/api/recommendations/42/x")).toBe("admin");
    expect(requiredAccess("DELETE", "/api/recommendations/42")).toBe("admin");
    expect(requiredAccess("POST", "/api/recommendations")).toBe("admin");
    expect(requiredAccess("POST", "/api/accounts")).toBe("admin");
    expect(requiredAccess("POST", "/api/accounts/123/sync")).toBe("admin");
    expect(requiredAccess("POST", "/api/fleet/demo")).toBe("admin");
    expect(requiredAccess("POST", "/api/functions/f/power-tuning")).toBe("admin");
    expect(requiredAccess("GET", "/api/health")).toBe("public");
    expect(requiredAccess("POST", "/api/auth/callback/password")).toBe("public");
    expect(requiredAccess("GET", "/login")).toBe("public");
    // Static files (public/robots.txt, app/icon.svg) need no session; nothing under them is static.
    expect(requiredAccess("GET", "/robots.txt")).toBe("public");
    expect(requiredAccess("GET", "/icon.svg")).toBe("public");
    expect(requiredAccess("GET", "/favicon.ico")).toBe("public");
    expect(requiredAccess("GET", "/robots.txt/x")).toBe("viewer");
    expect(isAllowed("admin", "viewer")).toBe(false);
    expect(isAllowed("viewer", "viewer")).toBe(true);
    expect(isAllowed("viewer", null)).toBe(false);
    expect(isAllowed("public", null)).toBe(true);
  });
});

describe("canRequest (which controls a role is shown)", () => {
  /** The writes behind the admin's controls: demo, accounts, Power Tuning import, scenario delete. */
  // The paths the browser sends (lib/api-paths.ts), so a renamed route cannot leave a control shown.
  const ADMIN_WRITES = [
    ["POST", API_PATHS.demoFleet],
    ["DELETE", API_PATHS.demoFleet],
    ["POST", API_PATHS.accounts],
    ["PATCH", API_PATHS.account("123456789012")],
    ["DELETE", API_PATHS.account("123456789012")],
    ["POST", API_PATHS.accountTest("123456789012")],
    ["POST", API_PATHS.accountSync("123456789012")],
    ["POST", API_PATHS.powerTuning("f:1")],
    ["DELETE", API_PATHS.scenario("abc")],
  ] as const;

  it("names each route as the app serves it", () => {
    expect(API_PATHS.powerTuning("f:1")).toBe("/api/functions/f%3A1/power-tuning");
    expect(API_PATHS.accountSync("123456789012")).toBe("/api/accounts/123456789012/sync");
  });

  it("shows an admin every control", () => {
    for (const [method, path] of [...ADMIN_WRITES, ["POST", API_PATHS.scenarios] as const]) {
      expect(canRequest("admin", method, path), `${method} ${path}`).toBe(true);
    }
  });

  it("hides the admin's writes from a viewer and keeps the viewer's own", () => {
    for (const [method, path] of ADMIN_WRITES) {
      expect(canRequest("viewer", method, path), `${method} ${path}`).toBe(false);
    }
    expect(canRequest("viewer", "POST", API_PATHS.scenarios)).toBe(true);
    expect(canRequest("viewer", "PATCH", API_PATHS.scenario("abc"))).toBe(true);
    expect(canRequest("viewer", "POST", API_PATHS.scenarioDuplicate("abc"))).toBe(true);
    expect(canRequest("viewer", "PATCH", API_PATHS.recommendation(42))).toBe(true);
    expect(canRequest("viewer", "get", "/api/accounts")).toBe(true);
  });

  it("shows nobody without a session anything but the public paths", () => {
    expect(canRequest(null, "GET", "/functions")).toBe(false);
    expect(canRequest(null, "POST", "/api/scenarios")).toBe(false);
    expect(canRequest(null, "GET", "/api/health")).toBe(true);
    expect(canRequest(null, "POST", "/api/auth/callback/password")).toBe(true);
  });

  it("answers exactly as requiredAccess and isAllowed do", () => {
    for (const role of ["admin", "viewer", null] as const) {
      for (const method of ["GET", "POST", "PATCH", "DELETE"]) {
        for (const path of ["/api/scenarios/x", "/api/recommendations/7", "/api/accounts", "/login"]) {
          expect(canRequest(role, method, path)).toBe(isAllowed(requiredAccess(method, path), role));
        }
      }
    }
  });
});

describe("hosts and paths", () => {
  it("answers to loopback names only in local mode, and to its own name too in team mode", () => {
    expect(isAllowedHost("127.0.0.1:3000", LOCAL)).toBe(true);
    expect(isAllowedHost("localhost", LOCAL)).toBe(true);
    expect(isAllowedHost("[::1]:3000", LOCAL)).toBe(true);
    expect(isAllowedHost("attacker.example:3000", LOCAL)).toBe(false);
    expect(isAllowedHost(null, LOCAL)).toBe(false);
    expect(isAllowedHost("breakeven.example.com", LOCAL)).toBe(false);
    expect(isAllowedHost("Breakeven.Example.com", TEAM)).toBe(true);
    expect(toHostName("[::1]:80")).toBe("[::1]");
  });

  it("finds percent-encoding that does not decode", () => {
    expect(isMalformedPath("/functions/%ff")).toBe(true);
    expect(isMalformedPath("/api/scenarios/%ff%fe")).toBe(true);
    expect(isMalformedPath("/functions/arn%3Aaws%3Alambda")).toBe(false);
  });
});

describe("checkMutation", () => {
  it("lets reads through whatever their origin or type", () => {
    expect(
      checkMutation(facts("GET", "/api/scenarios", { origin: "https://evil.example" }), LOCAL),
    ).toBeNull();
  });

  it("refuses writes from another site, a null origin or a sibling site", () => {
    const json = { "content-type": "application/json" };
    const variants: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of variants) {
      expect(checkMutation(facts("POST", "/api/scenarios", { ...json, ...headers }), LOCAL)?.status).toBe(
        403,
      );
    }
  });

  it("accepts same-origin JSON, and clients that send no origin (curl, scripts)", () => {
    const json = { "content-type": "application/json; charset=utf-8" };
    expect(
      checkMutation(facts("POST", "/api/scenarios", { ...json, origin: "http://127.0.0.1:3000" }), LOCAL),
    ).toBeNull();
    expect(checkMutation(facts("POST", "/api/scenarios", json), LOCAL)).toBeNull();
    expect(
      checkMutation(
        facts("POST", "/api/scenarios", { ...json, origin: "https://breakeven.example.com" }),
        TEAM,
      ),
    ).toBeNull();
  });

  it("answers 415 to forms and text/plain (what a cross-site form can send), except Auth.js's own forms", () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      expect(checkMutation(facts("POST", "/api/fleet/demo", { "content-type": type }), LOCAL)?.status).toBe(
        415,
      );
    }
    expect(checkMutation(facts("DELETE", "/api/fleet/demo"), LOCAL)?.status).toBe(415);
    expect(
      checkMutation(
        facts("POST", "/api/auth/callback/password", { "content-type": "application/x-www-form-urlencoded" }),
        TEAM,
      ),
    ).toBeNull();
  });

  it("answers 413 to a declared body over 1 MB", () => {
    const headers = { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) };
    expect(checkMutation(facts("POST", "/api/scenarios", headers), LOCAL)?.status).toBe(413);
  });
});

describe("headers", () => {
  it("builds a nonce CSP that forbids framing and sends HSTS only over HTTPS", () => {
    const csp = buildContentSecurityPolicy({ nonce: "abc", isDev: false, isHttps: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(securityHeaders(LOCAL)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(TEAM)["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders(LOCAL)["X-Content-Type-Options"]).toBe("nosniff");
  });
});

describe("team URLs", () => {
  it("accepts loopback and IP addresses as well as names, and refuses other schemes", () => {
    const base = { AUTH_SECRET: "x".repeat(40), BREAKEVEN_ADMIN_PASSWORD: "correct horse battery" };
    expect(parseServerEnv({ ...base, BREAKEVEN_URL: "http://127.0.0.1:3103" }).BREAKEVEN_URL).toBe(
      "http://127.0.0.1:3103",
    );
    expect(() => parseServerEnv({ ...base, BREAKEVEN_URL: "ftp://b.example.com" })).toThrow(/http\(s\) URL/);
  });
});
