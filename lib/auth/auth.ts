import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { AUTH_BASE_PATH } from "./policy";
import { createFailureLimiter } from "./rate-limit";
import { roleForEmail, type Role, type SecuritySettings } from "./settings";
import { getSecuritySettings } from "./server-settings";

declare module "next-auth" {
  interface Session {
    user: { role: Role; name?: string | null; email?: string | null };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    provider?: string;
  }
}

export const OIDC_PROVIDER_ID = "oidc";
export const PASSWORD_PROVIDER_ID = "password";

/** A session lasts a working day; the cookie is HttpOnly, SameSite=Lax, Secure over HTTPS (Auth.js). */
const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Ten wrong passwords from one address in 15 minutes locks that address out for the rest of the window. */
const passwordFailures = createFailureLimiter({ maxFailures: 10, windowMs: 15 * 60_000 });

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Compares digests so the time taken says nothing about how much of the password matched. */
function isSamePassword(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "direct";
}

/** The role a token carries now: recomputed on every request, so removing someone takes effect. */
function currentRole(
  token: { provider?: string; email?: string | null },
  settings: SecuritySettings,
): Role | null {
  if (token.provider === PASSWORD_PROVIDER_ID) return settings.adminPassword ? "admin" : null;
  if (token.provider === OIDC_PROVIDER_ID && settings.oidc) return roleForEmail(token.email, settings);
  return null;
}

export function buildAuthConfig(settings: SecuritySettings): NextAuthConfig {
  const providers: NextAuthConfig["providers"] = [];
  if (settings.oidc) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: settings.oidc.name,
      type: "oidc",
      issuer: settings.oidc.issuer,
      clientId: settings.oidc.clientId,
      clientSecret: settings.oidc.clientSecret,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile" } },
    });
  }
  if (settings.adminPassword) {
    const adminPassword = settings.adminPassword;
    providers.push(
      Credentials({
        id: PASSWORD_PROVIDER_ID,
        name: "Admin password",
        credentials: { password: { type: "password", label: "Admin password" } },
        authorize(credentials, request) {
          const address = clientAddress(request);
          if (passwordFailures.isLocked(address)) return null;
          const given = typeof credentials.password === "string" ? credentials.password : "";
          if (!isSamePassword(given, adminPassword)) {
            passwordFailures.recordFailure(address);
            return null;
          }
          passwordFailures.clear(address);
          return { id: "admin", name: "Admin" };
        },
      }),
    );
  }
  return {
    basePath: AUTH_BASE_PATH,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    logger: {
      // A wrong password or a refused account is expected: one line, not a stack trace.
      error(error) {
        if (error.name === "CredentialsSignin" || error.name === "AccessDenied") {
          console.warn(`sign-in refused: ${error.name}`);
          return;
        }
        console.error("[auth]", error);
      },
    },
    providers,
    callbacks: {
      signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        // An address the IdP has not verified is not proof of who signed in.
        if (profile?.email_verified === false) return false;
        return roleForEmail(profile?.email, settings) !== null;
      },
      jwt({ token, account }) {
        if (account) token.provider = account.provider;
        const role = currentRole(token, settings);
        if (role === null) return null;
        token.role = role;
        return token;
      },
      session({ session, token }) {
        session.user.role = token.role ?? "viewer";
        return session;
      },
    },
  };
}

/** Lazily configured: the environment is read at the first request, not at build time. */
export const { handlers, auth } = NextAuth(() => buildAuthConfig(getSecuritySettings()));
