"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

/** POST /api/fleet/demo loads the demo fleet into this database, then the page reloads its data. */
export function LoadDemoButton() {
  const router = useRouter();
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isRefreshing, startTransition] = useTransition();

  async function load() {
    setIsLoading(true);
    setError(null);
    try {
      const response = await fetch("/api/fleet/demo", { method: "POST" });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      startTransition(() => router.refresh());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setIsLoading(false);
    }
  }

  const isBusy = isLoading || isRefreshing;
  return (
    <span className="flex flex-col items-center gap-2">
      <Button onClick={load} disabled={isBusy} aria-busy={isBusy}>
        {isBusy ? "Loading the demo fleet…" : "Load demo data"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          Could not load the demo ({error}). Try <code>npm run demo</code> instead.
        </span>
      ) : null}
    </span>
  );
}
