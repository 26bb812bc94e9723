import "server-only";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";
import { isAllowed, requiredAccess } from "./policy";
import { getSecuritySettings } from "./server-settings";
import type { Role } from "./settings";

/**
 * The role of whoever sent this request: admin in local mode (no session read, no cookie); the
 * session's role in team mode. Memoised per request (React cache): every widget of a page that
 * asks (to show or hide an admin control) shares one session read.
 */
export const getRequestRole = cache(async (): Promise<Role | null> => {
  if (getSecuritySettings().mode === "local") return "admin";
  const session = await auth();
  return session?.user.role ?? null;
});

/**
 * Who to record as the author of a change: the signed-in email in team mode, "local" when there is
 * no login (local mode answers only on loopback).
 */
export async function getRequestActor(): Promise<string> {
  if (getSecuritySettings().mode === "local") return "local";
  const session = await auth();
  return session?.user.email ?? "unknown";
}

/**
 * The proxy's access rule again, inside the handler: a route stays closed even if a request
 * reaches it without passing the proxy (defence in depth). 401 without a session, 403 for a viewer
 * asking for an admin action.
 */
export async function assertRequestAllowed(request: Request): Promise<void> {
  const access = requiredAccess(request.method, new URL(request.url).pathname);
  if (access === "public") return;
  const role = await getRequestRole();
  if (isAllowed(access, role)) return;
  if (role === null) throw new AppError("UNAUTHENTICATED", "Sign in first");
  throw new AppError("FORBIDDEN", "This needs the admin role");
}
