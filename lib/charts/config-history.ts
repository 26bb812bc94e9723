import { toBucketKey, type Granularity } from "@/lib/time";

/** A configuration row as stored: the configuration that took effect at `effectiveAt`. */
export type ConfigSnapshot<T> = { effectiveAt: Date; config: T };

export type ConfigField<T> = {
  key: keyof T & string;
  label: string;
  format: (value: T[keyof T]) => string;
};

export type ConfigChange = {
  effectiveAt: Date;
  /** "Memory 1 GB → 2 GB; Architecture x86_64 → arm64" */
  summary: string;
  /** Short form for chart markers: "2 GB, arm64" */
  markerLabel: string;
  isInitial: boolean;
};

/**
 * Turns configuration snapshots (oldest first after sorting) into human-readable changes. The first
 * snapshot is the configuration when first seen, not a change; snapshots that change none of the
 * listed fields are skipped.
 */
export function toConfigChanges<T extends object>(
  snapshots: ConfigSnapshot<T>[],
  fields: ConfigField<T>[],
): ConfigChange[] {
  const sorted = [...snapshots].sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
  const changes: ConfigChange[] = [];
  let previous: T | undefined;
  for (const snapshot of sorted) {
    if (previous === undefined) {
      changes.push({
        effectiveAt: snapshot.effectiveAt,
        summary: `First seen: ${fields.map((f) => `${f.label} ${f.format(snapshot.config[f.key])}`).join(", ")}`,
        markerLabel: "first seen",
        isInitial: true,
      });
      previous = snapshot.config;
      continue;
    }
    const before = previous;
    const changed = fields.filter((f) => before[f.key] !== snapshot.config[f.key]);
    previous = snapshot.config;
    if (changed.length === 0) continue;
    changes.push({
      effectiveAt: snapshot.effectiveAt,
      summary: changed
        .map((f) => `${f.label} ${f.format(before[f.key])} → ${f.format(snapshot.config[f.key])}`)
        .join("; "),
      markerLabel: changed.map((f) => f.format(snapshot.config[f.key])).join(", "),
      isInitial: false,
    });
  }
  return changes;
}

export type ChangeMarker = { bucket: string; label: string };

/** Chart markers (ReferenceLine x positions) for the changes that fall inside the buckets. */
export function toChangeMarkers(
  changes: ConfigChange[],
  bucketKeys: string[],
  granularity: Granularity,
): ChangeMarker[] {
  const inRange = new Set(bucketKeys);
  const markers: ChangeMarker[] = [];
  for (const change of changes) {
    if (change.isInitial) continue;
    const bucket = toBucketKey(change.effectiveAt, granularity);
    if (!inRange.has(bucket)) continue;
    const existing = markers.find((m) => m.bucket === bucket);
    if (existing) existing.label = `${existing.label}; ${change.markerLabel}`;
    else markers.push({ bucket, label: change.markerLabel });
  }
  return markers;
}

/**
 * The configured value in effect at the end of each bucket (e.g. configured memory per day), from
 * snapshots. Buckets before the first snapshot are unknown (null).
 */
export function toConfiguredValues<T extends object>(
  snapshots: ConfigSnapshot<T>[],
  bucketKeys: string[],
  bucketEndOf: (bucket: string) => Date,
  pick: (config: T) => number,
): Map<string, number | null> {
  const sorted = [...snapshots].sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
  const result = new Map<string, number | null>();
  let index = -1;
  for (const bucket of bucketKeys) {
    const end = bucketEndOf(bucket).getTime();
    while (index + 1 < sorted.length && sorted[index + 1]!.effectiveAt.getTime() < end) index += 1;
    result.set(bucket, index >= 0 ? pick(sorted[index]!.config) : null);
  }
  return result;
}
