"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

/** A failed read shows this, with a retry (re-fetches the segment), instead of zeros. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error && typeof error === "object" && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <div role="alert" className="mx-auto max-w-lg py-20 text-center">
      <h1 className="text-2xl font-semibold">This view could not load</h1>
      <p className="mt-2 text-sm text-gray-600 dark:text-gray-400">
        Reading the cost data failed, so nothing is shown rather than figures that could be wrong.
        {digest ? ` (Reference ${digest}.)` : ""}
      </p>
      <Button className="mt-5" onClick={() => retry()}>
        Try again
      </Button>
    </div>
  );
}
