"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function ScenariosError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div
      role="alert"
      className="mx-auto max-w-lg rounded-lg border border-red-200 bg-red-50 p-6 dark:border-red-900 dark:bg-red-950/40"
    >
      <h1 className="text-lg font-semibold text-red-900 dark:text-red-200">What-if could not load</h1>
      <p className="mt-1 text-sm text-red-800 dark:text-red-300">
        Something went wrong while preparing this page. Your inputs are in the address bar, so nothing is
        lost.
      </p>
      <Button variant="danger" className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
