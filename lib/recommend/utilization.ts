/**
 * Time-averaged provisioned-concurrency utilisation: the share of provisioned environment-seconds
 * that were busy serving invocations.
 *
 *   utilisation = (PC invocations × average duration) ÷ (environments × active seconds)
 *
 * This is what decides whether provisioned concurrency pays for itself (compare it with
 * computeProvisionedConcurrencyBreakevenUtilization in lib/pricing). CloudWatch's
 * `ProvisionedConcurrencyUtilization` is a per-minute *maximum*: a few busy minutes a day make
 * its daily maximum look high while most provisioned seconds sit idle.
 */
export function computeProvisionedUtilization(input: {
  provisionedInvocations: number | null;
  durationAvgMs: number | null;
  environments: number;
  activeSeconds: number;
}): number | null {
  const { provisionedInvocations, durationAvgMs, environments, activeSeconds } = input;
  if (provisionedInvocations === null || durationAvgMs === null) return null;
  if (!(environments > 0) || !(activeSeconds > 0)) return null;
  if (!Number.isFinite(provisionedInvocations) || !Number.isFinite(durationAvgMs)) return null;
  const busySeconds = (provisionedInvocations * durationAvgMs) / 1000;
  return Math.min(1, Math.max(0, busySeconds / (environments * activeSeconds)));
}
