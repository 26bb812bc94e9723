/**
 * Cold-start INIT estimate. Since 2025-08-01 Lambda bills the INIT phase like the handler, inside
 * the duration line of the bill, while CloudWatch's Duration metric excludes it. From memory
 * observations (average INIT duration × cold starts vs average duration × invocations, both at the
 * observed memory size) we estimate which fraction of the billed GB-seconds was INIT, and apply that
 * fraction to the billed duration cost. It is an estimate and is always labelled as one.
 */
export type InitObservation = {
  memoryMb: number;
  invocations: number;
  durationAvgMs: number;
  initDurationAvgMs: number | null;
  coldStarts: number | null;
};

export type InitGbSeconds = { initGbSeconds: number; invokeGbSeconds: number };

/**
 * Whether an observation reports cold starts: a count, and the average INIT duration unless the
 * count is 0 (REPORT lines give no INIT duration when no invocation was a cold start). A source that
 * does not see cold starts (CloudWatch metrics: null) is unknown, never "no INIT". The stored
 * ResourceSummary.initGbSeconds / invokeGbSeconds (lib/db/summaries.ts) apply the same rule in SQL.
 */
export function hasColdStartData(o: Pick<InitObservation, "initDurationAvgMs" | "coldStarts">): boolean {
  return o.coldStarts !== null && (o.coldStarts === 0 || o.initDurationAvgMs !== null);
}

/** GB-seconds of INIT and of invocations in the observations that report cold starts. */
export function estimateInitGbSeconds(observations: InitObservation[]): InitGbSeconds | null {
  let initGbSeconds = 0;
  let invokeGbSeconds = 0;
  let hasData = false;
  for (const o of observations) {
    if (!hasColdStartData(o)) continue;
    hasData = true;
    const memoryGb = o.memoryMb / 1024;
    initGbSeconds += ((o.initDurationAvgMs ?? 0) / 1000) * (o.coldStarts ?? 0) * memoryGb;
    invokeGbSeconds += (o.durationAvgMs / 1000) * o.invocations * memoryGb;
  }
  return hasData ? { initGbSeconds, invokeGbSeconds } : null;
}

/** INIT fraction (0..1) of the billed duration GB-seconds; null when unknown. */
export function estimateInitShare(gbSeconds: InitGbSeconds | null): number | null {
  if (gbSeconds === null) return null;
  const total = gbSeconds.initGbSeconds + gbSeconds.invokeGbSeconds;
  // No invocations and no INIT: nothing was billed, so there is no share to speak of.
  if (!(total > 0)) return null;
  return gbSeconds.initGbSeconds / total;
}

/** INIT share per UTC day from a function's daily observations (several sources or sizes per day are pooled). */
export function toInitShareByDay(
  observations: (InitObservation & { day: string })[],
): Map<string, number | null> {
  const byDay = new Map<string, InitObservation[]>();
  for (const o of observations) {
    const list = byDay.get(o.day) ?? [];
    list.push(o);
    byDay.set(o.day, list);
  }
  const shares = new Map<string, number | null>();
  for (const [day, list] of byDay) shares.set(day, estimateInitShare(estimateInitGbSeconds(list)));
  return shares;
}
