"use client";

import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

/**
 * Says what the last review change did, above the list. A changed item can leave the list (a
 * dismissed item under "to do"), taking its own messages with it; this line stays.
 */
export function ReviewAnnouncer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  const announce = useCallback((next: string) => setMessage(next), []);
  return (
    <AnnounceContext value={announce}>
      <p
        role="status"
        aria-live="polite"
        data-testid="review-announcement"
        className="mb-2 text-sm text-gray-700 empty:mb-0 dark:text-gray-300"
      >
        {message}
      </p>
      {children}
    </AnnounceContext>
  );
}

export function useAnnounce(): (message: string) => void {
  return useContext(AnnounceContext);
}
