"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { API_PATHS } from "@/lib/api-paths";

type Phase = "idle" | "confirming" | "removing" | "failed";

/**
 * "Remove demo data" in one action, after one confirmation: DELETE /api/fleet/demo removes every
 * demo account and everything under it, then the page reloads its data.
 */
export function RemoveDemoButton() {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>("idle");
  const [message, setMessage] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  async function remove() {
    setPhase("removing");
    try {
      const response = await fetch(`${API_PATHS.demoFleet}?confirm=yes`, {
        method: "DELETE",
        headers: { "content-type": "application/json" },
      });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      startTransition(() => router.refresh());
      setPhase("idle");
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
      setPhase("failed");
    }
  }

  if (phase === "confirming" || phase === "removing") {
    return (
      <span
        className="flex flex-wrap items-center gap-2"
        role="group"
        aria-label="Confirm removing demo data"
      >
        <span className="text-xs">Remove every demo account and its data?</span>
        <Button variant="danger" size="sm" onClick={remove} disabled={phase === "removing"}>
          {phase === "removing" ? "Removing…" : "Yes, remove demo data"}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          onClick={() => setPhase("idle")}
          disabled={phase === "removing"}
        >
          Cancel
        </Button>
      </span>
    );
  }
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" size="sm" onClick={() => setPhase("confirming")}>
        Remove demo data
      </Button>
      {phase === "failed" ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          Could not remove the demo data ({message}).
        </span>
      ) : null}
    </span>
  );
}
