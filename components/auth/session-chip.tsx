import { auth } from "@/lib/auth/auth";
import { getSecuritySettings } from "@/lib/auth/server-settings";
import { SignOutButton } from "./sign-out-button";

/** Team mode: who is signed in, their role, and a way out. Local mode has no sessions. */
export async function SessionChip() {
  if (getSecuritySettings().mode === "local") return null;
  const session = await auth();
  if (!session) return null;
  const who = session.user.email ?? session.user.name ?? "Signed in";
  const role = session.user.role === "admin" ? "admin" : "viewer (read only)";
  return (
    <div className="mt-3 flex items-center gap-3 border-t border-gray-200 pt-3 text-xs text-gray-600 md:mt-6 md:block dark:border-gray-800 dark:text-gray-400">
      <div className="min-w-0 flex-1 md:mb-2">
        <p className="truncate" title={who}>
          {who}
        </p>
        <p>Role: {role}</p>
      </div>
      <SignOutButton />
    </div>
  );
}
