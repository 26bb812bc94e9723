import { LOOPBACK_HOST_NAMES, type ServerEnv } from "@/lib/env";

/** viewer: reads everything. admin: also accounts, sync, demo data, imports and deletes. */
export type Role = "viewer" | "admin";

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; name: string };

/**
 * How this server is exposed (docs/security.md), derived once from the environment.
 *
 * - local (default): loopback only, no login; every request acts as admin.
 * - team (BREAKEVEN_URL set): a login for every page and API; roles from the settings below.
 */
export type SecuritySettings = {
  mode: "local" | "team";
  /** The origin people use, e.g. "https://breakeven.example.com"; null in local mode. */
  publicOrigin: string | null;
  /** Served over HTTPS (behind a TLS proxy): HSTS and Secure cookies. */
  isHttps: boolean;
  /** Host names (no port, lower case) this server answers to; anything else is refused (DNS rebinding). */
  allowedHostNames: ReadonlySet<string>;
  oidc: OidcSettings | null;
  adminPassword: string | null;
  adminEmails: ReadonlySet<string>;
  viewers: { isAnyone: boolean; emails: ReadonlySet<string>; domains: ReadonlySet<string> };
};

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== "");
}

export function toSecuritySettings(env: ServerEnv): SecuritySettings {
  const publicUrl = env.BREAKEVEN_URL ? new URL(env.BREAKEVEN_URL) : null;
  const viewerItems = splitList(env.BREAKEVEN_VIEWER_EMAILS);
  const oidc =
    env.BREAKEVEN_OIDC_ISSUER && env.BREAKEVEN_OIDC_CLIENT_ID && env.BREAKEVEN_OIDC_CLIENT_SECRET
      ? {
          issuer: env.BREAKEVEN_OIDC_ISSUER,
          clientId: env.BREAKEVEN_OIDC_CLIENT_ID,
          clientSecret: env.BREAKEVEN_OIDC_CLIENT_SECRET,
          name: env.BREAKEVEN_OIDC_NAME,
        }
      : null;
  return {
    mode: publicUrl ? "team" : "local",
    publicOrigin: publicUrl?.origin ?? null,
    isHttps: publicUrl?.protocol === "https:",
    // Loopback names stay allowed in team mode: a browser elsewhere cannot send them, and the
    // machine's own health checks use them.
    allowedHostNames: new Set([
      ...LOOPBACK_HOST_NAMES,
      ...(publicUrl ? [publicUrl.hostname.toLowerCase()] : []),
    ]),
    oidc,
    adminPassword: env.BREAKEVEN_ADMIN_PASSWORD ?? null,
    adminEmails: new Set(splitList(env.BREAKEVEN_ADMIN_EMAILS)),
    viewers: {
      isAnyone: viewerItems.includes("*"),
      emails: new Set(viewerItems.filter((item) => !item.startsWith("@") && item !== "*")),
      domains: new Set(viewerItems.filter((item) => item.startsWith("@")).map((item) => item.slice(1))),
    },
  };
}

/**
 * The role a person signed in through the identity provider gets, or null when they may not sign
 * in at all. Admins are named; viewers by email, "@domain" or "*" (anyone the IdP lets through).
 */
export function roleForEmail(email: string | null | undefined, settings: SecuritySettings): Role | null {
  const normalized = email?.trim().toLowerCase();
  if (!normalized) return null;
  if (settings.adminEmails.has(normalized)) return "admin";
  const domain = normalized.slice(normalized.lastIndexOf("@") + 1);
  const { viewers } = settings;
  if (viewers.isAnyone || viewers.emails.has(normalized) || viewers.domains.has(domain)) return "viewer";
  return null;
}
