"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { SIGN_IN_ERROR_MESSAGES } from "@/lib/auth/messages";

type Props = { callbackPath: string; oidcName: string | null; hasPassword: boolean };

/** The sign-in choices this server offers: the identity provider, the admin password, or both. */
export function LoginForm({ callbackPath, oidcName, hasPassword }: Props) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onPasswordSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    const result = await signIn("password", { password, redirect: false, redirectTo: callbackPath });
    setIsBusy(false);
    if (result.error) {
      setError(SIGN_IN_ERROR_MESSAGES.CredentialsSignin);
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <div className="mt-6 space-y-6">
      {oidcName ? (
        <Button
          className="w-full"
          disabled={isBusy}
          onClick={() => {
            setIsBusy(true);
            void signIn("oidc", { redirectTo: callbackPath });
          }}
        >
          Sign in with {oidcName}
        </Button>
      ) : null}
      {oidcName && hasPassword ? (
        <p className="text-center text-xs text-gray-500 dark:text-gray-400">or, for the admin</p>
      ) : null}
      {hasPassword ? (
        <form onSubmit={(event) => void onPasswordSubmit(event)} className="space-y-3">
          <label className="block text-sm font-medium" htmlFor="admin-password">
            Admin password
          </label>
          <Input
            id="admin-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            className="block w-full"
          />
          {error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {error}
            </p>
          ) : null}
          <Button
            type="submit"
            variant={oidcName ? "secondary" : "primary"}
            className="w-full"
            disabled={isBusy}
          >
            Sign in as admin
          </Button>
        </form>
      ) : null}
    </div>
  );
}
