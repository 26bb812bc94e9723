/**
 * Counts failures per key (a client address) in a fixed window, in memory: enough to slow a
 * password guesser down by orders of magnitude on one server. A restart forgets the counts.
 */
export function createFailureLimiter(options: { maxFailures: number; windowMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; windowStartMs: number }>();
  const MAX_KEYS = 10_000;

  function current(key: string) {
    const entry = failures.get(key);
    if (entry && now() - entry.windowStartMs < options.windowMs) return entry;
    failures.delete(key);
    return null;
  }

  return {
    isLocked(key: string): boolean {
      return (current(key)?.count ?? 0) >= options.maxFailures;
    },
    recordFailure(key: string): void {
      const entry = current(key);
      if (entry) entry.count += 1;
      else {
        // Many addresses: forget the oldest first so memory stays bounded.
        if (failures.size >= MAX_KEYS) failures.delete(failures.keys().next().value as string);
        failures.set(key, { count: 1, windowStartMs: now() });
      }
    },
    clear(key: string): void {
      failures.delete(key);
    },
  };
}
