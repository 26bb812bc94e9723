import { z } from "zod";
import { DEFAULT_DATABASE_URL, toDatabaseKind } from "./db/url";

/**
 * The only module that reads process.env. Everything here is server-side: Breakeven has no
 * NEXT_PUBLIC_ variables, and AWS credentials never pass through it (the SDK's default provider
 * chain reads them itself).
 */
/** An unset or blank variable is undefined (a `.env` line `X=` means "not set"). */
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const serverEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => {
      try {
        toDatabaseKind(url);
        return true;
      } catch {
        return false;
      }
    }, "must start with file: (SQLite) or postgres:// (PostgreSQL)"),
  /** Region whose prices the what-if page opens with. */
  BREAKEVEN_DEFAULT_REGION: z.string().trim().default("us-east-1"),
  /** AWS profile for sync and price refresh; unset means the default provider chain. */
  AWS_PROFILE: z.string().trim().optional(),
  /**
   * Optional in-app daily sync: "HH:MM" (UTC). The server then starts a sync of every configured
   * account once a day at that time (each in its own process). Unset: no schedule (use cron).
   */
  BREAKEVEN_DAILY_SYNC_UTC: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (UTC), e.g. 03:15")
    .optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),

  // Team mode (docs/security.md). Unset BREAKEVEN_URL: local mode, loopback only, no login.
  /** The address people use to reach Breakeven, e.g. https://breakeven.example.com. Turns on team mode. */
  BREAKEVEN_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://breakeven.example.com" })
      .optional(),
  ),
  /** Interface `npm start` listens on; anything but loopback needs BREAKEVEN_URL (team mode). */
  HOST: optionalString,
  /** Auth.js's key for signing and encrypting session cookies (team mode): 32+ random characters. */
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  /** OpenID Connect: the issuer URL (Okta, Entra ID, Google, Keycloak, ...), client id and secret. */
  BREAKEVEN_OIDC_ISSUER: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: "must be the issuer's http(s) URL" }).optional(),
  ),
  BREAKEVEN_OIDC_CLIENT_ID: optionalString,
  BREAKEVEN_OIDC_CLIENT_SECRET: optionalString,
  /** The sign-in button's label, e.g. "Okta". */
  BREAKEVEN_OIDC_NAME: z.string().trim().default("single sign-on"),
  /** One shared admin password, for a small team without an identity provider. */
  BREAKEVEN_ADMIN_PASSWORD: optionalString.pipe(
    z.string().min(12, "must be at least 12 characters").optional(),
  ),
  /** Emails (from the identity provider) that get the admin role; comma-separated. */
  BREAKEVEN_ADMIN_EMAILS: optionalString,
  /** Who else may sign in, as a viewer: emails, "@domain" or "*"; comma-separated. Unset: admins only. */
  BREAKEVEN_VIEWER_EMAILS: optionalString,
});

/** Names a browser can only reach on this machine (as a Host header: IPv6 in brackets). */
export const LOOPBACK_HOST_NAMES: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/** Whether `name` is a loopback name; an IPv6 address may come with or without its brackets. */
export function isLoopbackHostName(name: string): boolean {
  const lower = name.toLowerCase();
  return LOOPBACK_HOST_NAMES.includes(lower) || LOOPBACK_HOST_NAMES.includes(`[${lower}]`);
}

/** Settings that only make sense together (team mode needs a secret and a way to sign in). */
const checkedEnvSchema = serverEnvSchema.superRefine((env, ctx) => {
  const oidc = [env.BREAKEVEN_OIDC_ISSUER, env.BREAKEVEN_OIDC_CLIENT_ID, env.BREAKEVEN_OIDC_CLIENT_SECRET];
  const oidcCount = oidc.filter((value) => value !== undefined).length;
  if (oidcCount > 0 && oidcCount < 3) {
    ctx.addIssue({
      code: "custom",
      path: ["BREAKEVEN_OIDC_ISSUER"],
      message:
        "set BREAKEVEN_OIDC_ISSUER, BREAKEVEN_OIDC_CLIENT_ID and BREAKEVEN_OIDC_CLIENT_SECRET together",
    });
  }
  if (env.HOST !== undefined && !isLoopbackHostName(env.HOST) && env.BREAKEVEN_URL === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["HOST"],
      message: "serving on other interfaces is team mode: set BREAKEVEN_URL (and a login) too",
    });
  }
  if (env.BREAKEVEN_URL === undefined) return;
  if (env.AUTH_SECRET === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: "team mode needs it: 32+ random characters, e.g. `openssl rand -base64 33`",
    });
  }
  if (oidcCount === 0 && env.BREAKEVEN_ADMIN_PASSWORD === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["BREAKEVEN_URL"],
      message: "team mode needs a way to sign in: BREAKEVEN_OIDC_* or BREAKEVEN_ADMIN_PASSWORD",
    });
  }
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** For tests and tools that check an environment without touching process.env. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const parsed = checkedEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

let cached: ServerEnv | undefined;

export function getServerEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}
