import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { getSecuritySettings } from "@/lib/auth/server-settings";
import { toSafeCallbackPath } from "@/lib/auth/callback-path";
import { SIGN_IN_ERROR_MESSAGES, SIGN_IN_FAILED_MESSAGE } from "@/lib/auth/messages";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LoginPage({ searchParams }: Props) {
  const settings = getSecuritySettings();
  const params = await searchParams;
  const callbackPath = toSafeCallbackPath(params.callbackUrl);
  // Local mode has no login: whoever reaches a loopback server is its admin.
  if (settings.mode === "local") redirect(callbackPath);
  const errorCode = typeof params.error === "string" ? params.error : null;
  const messages: Record<string, string> = SIGN_IN_ERROR_MESSAGES;
  const error = errorCode ? (messages[errorCode] ?? SIGN_IN_FAILED_MESSAGE) : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Breakeven</h1>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        This Breakeven holds your team&apos;s AWS spend; sign in to see it.
      </p>
      {error ? (
        <p
          role="alert"
          className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      ) : null}
      <LoginForm
        callbackPath={callbackPath}
        oidcName={settings.oidc?.name ?? null}
        hasPassword={settings.adminPassword !== null}
      />
    </main>
  );
}
