"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies the page address, which holds every input (and the open scenario's id). */
export function CopyLinkButton() {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(window.location.href);
          setStatus("copied");
        } catch {
          setStatus("failed");
        }
        window.setTimeout(() => setStatus("idle"), 2000);
      }}
    >
      <span aria-live="polite">
        {status === "copied"
          ? "Link copied"
          : status === "failed"
            ? "Copy failed: use the address bar"
            : "Copy link"}
      </span>
    </Button>
  );
}
