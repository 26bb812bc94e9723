/**
 * Stored recommendations: computed from the evidence after every import (and on demand by the CLI),
 * kept with their review status. The engine (lib/recommend) and the review rules
 * (lib/recommend/review.ts) are pure; this module loads their input and writes their output.
 *
 * An item's identity is `${kind}:${resourceArn}`, so a status and its history survive re-syncs and
 * recomputation. A computation upserts every recommendation it produced, marks the others not
 * current (they keep their history), applies the automatic changes (done when an accepted proposal
 * is in the synced configuration, reopen when the saving moved), and removes the items of resources
 * that no longer exist at all (a removed account, removed demo data).
 */
import type { Db } from "@/lib/db/create-db";
import { openBulkWriter, type BulkWriter, type SqlValue } from "@/lib/db/import/bulk-writer";
import type { TableSpec } from "@/lib/db/import/tables";
import type { Architecture } from "@/lib/pricing/types";
import type { Recommendation } from "@/lib/recommend/types";
import {
  AUTOMATIC_ACTOR,
  checkStatusChange,
  computeRealisedMonthlySavingUsd,
  planReview,
  RECOMMEND_ENGINE_VERSION,
  REALISED_SAVING_WINDOW_DAYS,
  type ConfigChangeAt,
  type ResourceConfig,
  type RecommendationStatus,
  type StoredReviewState,
} from "@/lib/recommend/review";
import { AppError } from "@/lib/errors";
import type {
  RecommendationEventItem,
  RecommendationItem,
  StatusChangeBody,
} from "@/lib/schemas/recommendation-list";
import { groupBy, toBigIntFromSql, toDateFromSql, toNumberFromSql, toUsdFromNanoUsd } from "./sql-values";
import { getFleetAdvice } from "./recommendations";
import {
  getRecommendationEvents,
  getRecommendationItem,
  getRefreshState,
  REFRESH_ID,
} from "./recommendation-list";

/** A NOT NULL numeric column (both databases). */
function toNumber(value: unknown): number {
  return toNumberFromSql(value) ?? 0;
}

const CONFIDENCE_RANK = { high: 3, medium: 2, low: 1 } as const;

type ComputedRow = {
  key: string;
  kind: string;
  resourceKind: string;
  resourceArn: string;
  resourceId: string;
  resourceName: string;
  accountId: string;
  region: string;
  currentConfig: string;
  proposedConfig: string;
  proposedJson: string;
  currentMonthlyCostUsd: number | null;
  proposedMonthlyCostUsd: number | null;
  monthlySavingUsd: number | null;
  savingPercent: number | null;
  confidence: string;
  confidenceRank: number;
  summary: string;
  evidenceJson: string;
  assumptionsJson: string;
  risksJson: string;
  tagsJson: string;
  isCurrent: boolean;
  firstSeenAt: Date;
  computedAt: Date;
};

const COMPUTED_COLUMNS: TableSpec<ComputedRow>["update"] = [
  "kind",
  "resourceKind",
  "resourceArn",
  "resourceId",
  "resourceName",
  "accountId",
  "region",
  "currentConfig",
  "proposedConfig",
  "proposedJson",
  "currentMonthlyCostUsd",
  "proposedMonthlyCostUsd",
  "monthlySavingUsd",
  "savingPercent",
  "confidence",
  "confidenceRank",
  "summary",
  "evidenceJson",
  "assumptionsJson",
  "risksJson",
  "tagsJson",
  "isCurrent",
  "computedAt",
];

/** The computed columns of Recommendation; the review columns are written only by the review. */
const RECOMMENDATION_TABLE: TableSpec<ComputedRow> = {
  table: "Recommendation",
  columns: {
    key: "text",
    kind: "text",
    resourceKind: "text",
    resourceArn: "text",
    resourceId: "text",
    resourceName: "text",
    accountId: "text",
    region: "text",
    currentConfig: "text",
    proposedConfig: "text",
    proposedJson: "text",
    currentMonthlyCostUsd: "real",
    proposedMonthlyCostUsd: "real",
    monthlySavingUsd: "real",
    savingPercent: "real",
    confidence: "text",
    confidenceRank: "int",
    summary: "text",
    evidenceJson: "text",
    assumptionsJson: "text",
    risksJson: "text",
    tagsJson: "text",
    isCurrent: "bool",
    firstSeenAt: "datetime",
    computedAt: "datetime",
  },
  key: ["key"],
  update: COMPUTED_COLUMNS,
};

function toComputedRow(r: Recommendation, tags: Record<string, string>, now: Date): ComputedRow {
  return {
    key: r.id,
    kind: r.kind,
    resourceKind: r.resourceKind,
    resourceArn: r.resourceArn,
    resourceId: r.resourceId,
    resourceName: r.resourceName,
    accountId: r.accountId,
    region: r.region,
    currentConfig: r.currentConfig,
    proposedConfig: r.proposedConfig,
    proposedJson: JSON.stringify(r.proposed),
    currentMonthlyCostUsd: finiteOrNull(r.currentMonthlyCostUsd),
    proposedMonthlyCostUsd: finiteOrNull(r.proposedMonthlyCostUsd),
    monthlySavingUsd: finiteOrNull(r.monthlySavingUsd),
    savingPercent: finiteOrNull(r.savingPercent),
    confidence: r.confidence,
    confidenceRank: CONFIDENCE_RANK[r.confidence],
    summary: r.summary,
    evidenceJson: JSON.stringify(r.evidence),
    assumptionsJson: JSON.stringify(r.assumptions),
    risksJson: JSON.stringify(r.risks),
    tagsJson: JSON.stringify(tags),
    isCurrent: true,
    firstSeenAt: now,
    computedAt: now,
  };
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

export type RefreshRecommendationsResult = {
  items: number;
  inserted: number;
  noLongerCurrent: number;
  /** Automatic status changes: accepted → done, accepted/dismissed → open. */
  statusChanges: number;
  removed: number;
  elapsedMs: number;
};

/**
 * Computes every recommendation of the fleet with the default settings and stores it with its
 * review state. Runs in the import's process after the summaries (never on a request thread).
 */
export async function refreshRecommendations(
  db: Db,
  options: { now?: Date } = {},
): Promise<RefreshRecommendationsResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const fleet = await getFleetAdvice(db);
  const { functions, services } = fleet;
  const tagsByArn = new Map<string, Record<string, string>>();
  for (const e of functions) tagsByArn.set(e.resourceArn, e.tags);
  for (const e of services) tagsByArn.set(e.resourceArn, e.tags);
  const computed = fleet.recommendations;

  const writer = await openBulkWriter(db, { now });
  try {
    const stored = await readStoredStates(writer);
    const acceptedArns = [
      ...new Set(stored.filter((s) => s.status === "accepted").map((s) => toArnOfKey(s.key))),
    ];
    const historyByArn = await readConfigHistories(writer, acceptedArns, now);
    const plan = planReview({ stored, computed, historyByArn });

    return await writer.transaction(async () => {
      const rows = computed.map((r) => toComputedRow(r, tagsByArn.get(r.resourceArn) ?? {}, now));
      await writer.upsert(RECOMMENDATION_TABLE, rows);
      const noLongerCurrent = await writer.execute(
        `UPDATE "Recommendation" SET "isCurrent" = ?, "updatedAt" = ? WHERE "isCurrent" = ? AND "computedAt" <> ?`,
        [false, now, true, now],
      );
      const idByKey = new Map(
        (await writer.query<{ id: unknown; key: string }>(`SELECT "id", "key" FROM "Recommendation"`)).map(
          (row) => [row.key, toNumber(row.id)],
        ),
      );
      const savingByKey = new Map(computed.map((r) => [r.id, finiteOrNull(r.monthlySavingUsd)]));
      for (const change of plan.changes) {
        const id = idByKey.get(change.key);
        if (id === undefined) continue;
        const appliedAt = plan.appliedAtByKey.get(change.key) ?? null;
        await writer.execute(
          `UPDATE "Recommendation" SET "status" = ?, "statusChangedAt" = ?, "statusActor" = ?,
             "dismissReason" = NULL, "appliedAt" = ?, "updatedAt" = ?
             ${change.toStatus === "open" ? `, "decidedSavingUsd" = NULL, "decidedProposedJson" = NULL` : ""}
           WHERE "id" = ?`,
          [change.toStatus, now, AUTOMATIC_ACTOR, appliedAt, now, id],
        );
        await insertEvent(writer, {
          recommendationId: id,
          at: now,
          fromStatus: change.fromStatus,
          toStatus: change.toStatus,
          reason: change.reason,
          actor: AUTOMATIC_ACTOR,
          monthlySavingUsd: savingByKey.get(change.key) ?? null,
        });
      }
      await updateRealisedSavings(writer);
      const removed = await removeOrphanRecommendations(writer);
      const items = computed.length;
      const elapsedMs = Date.now() - started;
      await writer.execute(
        `INSERT INTO "RecommendationRefresh" ("id", "computedAt", "engineVersion", "items", "elapsedMs", "createdAt", "updatedAt")
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT ("id") DO UPDATE SET "computedAt" = excluded."computedAt", "engineVersion" = excluded."engineVersion",
           "items" = excluded."items", "elapsedMs" = excluded."elapsedMs", "updatedAt" = excluded."updatedAt"`,
        [REFRESH_ID, now, RECOMMEND_ENGINE_VERSION, items, elapsedMs, now, now],
      );
      return {
        items,
        inserted: plan.inserted.length,
        noLongerCurrent,
        statusChanges: plan.changes.length,
        removed,
        elapsedMs,
      };
    });
  } finally {
    await writer.close();
  }
}

function toArnOfKey(key: string): string {
  return key.slice(key.indexOf(":") + 1);
}

async function readStoredStates(writer: BulkWriter): Promise<StoredReviewState[]> {
  const rows = await writer.query<{
    key: string;
    status: string;
    decidedSavingUsd: unknown;
    decidedProposedJson: string | null;
    appliedAt: unknown;
  }>(`SELECT "key", "status", "decidedSavingUsd", "decidedProposedJson", "appliedAt" FROM "Recommendation"`);
  return rows.map((row) => ({
    key: row.key,
    status: row.status as RecommendationStatus,
    decidedSavingUsd: toNumberFromSql(row.decidedSavingUsd),
    decidedProposedJson: row.decidedProposedJson,
    appliedAt: toDateFromSql(row.appliedAt),
  }));
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}

/**
 * Configuration histories, oldest first, of the given resources. Memory, architecture and task size
 * have a history (config-change rows); provisioned concurrency and the Spot weight only have their
 * current value, so a match on them counts from the computation that first sees it (`now`). The
 * current configuration closes each history when it differs from the last change row.
 */
async function readConfigHistories(
  writer: BulkWriter,
  arns: readonly string[],
  now: Date,
): Promise<Map<string, ConfigChangeAt[]>> {
  const histories = new Map<string, ConfigChangeAt[]>();
  const close = (arn: string, changes: ConfigChangeAt[], current: ResourceConfig) => {
    const last = changes.at(-1);
    const history = [...changes];
    if (!last || !isSameConfig(last.config, current)) history.push({ effectiveAt: now, config: current });
    histories.set(arn, history);
  };
  for (let start = 0; start < arns.length; start += 500) {
    const chunk = arns.slice(start, start + 500);
    const functionRows = await writer.query<{
      arn: string;
      memoryMb: unknown;
      architecture: string;
      deletedAt: unknown;
      pc: unknown;
      effectiveAt: unknown;
      changeMemoryMb: unknown;
      changeArchitecture: string | null;
    }>(
      `SELECT f."arn", f."memoryMb", f."architecture", f."deletedAt",
              (SELECT COALESCE(SUM(p."requestedCount"), 0) FROM "LambdaProvisionedConcurrency" p WHERE p."functionId" = f."id") AS "pc",
              c."effectiveAt", c."memoryMb" AS "changeMemoryMb", c."architecture" AS "changeArchitecture"
         FROM "LambdaFunction" f LEFT JOIN "LambdaConfigChange" c ON c."functionId" = f."id"
        WHERE f."arn" IN (${placeholders(chunk.length)})
        ORDER BY f."arn", c."effectiveAt"`,
      chunk,
    );
    for (const [arn, rows] of groupBy(functionRows, (row) => row.arn)) {
      const first = rows[0]!;
      const base = {
        resourceKind: "lambda" as const,
        provisionedConcurrency: toNumber(first.pc),
        isDeleted: first.deletedAt !== null,
      };
      const changes: ConfigChangeAt[] = [];
      for (const row of rows) {
        const effectiveAt = toDateFromSql(row.effectiveAt);
        if (!effectiveAt || row.changeMemoryMb === null || row.changeArchitecture === null) continue;
        changes.push({
          effectiveAt,
          config: {
            ...base,
            memoryMb: toNumber(row.changeMemoryMb),
            architecture: row.changeArchitecture as Architecture,
          },
        });
      }
      close(arn, changes, {
        ...base,
        memoryMb: toNumber(first.memoryMb),
        architecture: first.architecture as Architecture,
      });
    }
    const serviceRows = await writer.query<{
      arn: string;
      cpuUnits: unknown;
      memoryMb: unknown;
      spotWeight: unknown;
      deletedAt: unknown;
      effectiveAt: unknown;
      changeCpuUnits: unknown;
      changeMemoryMb: unknown;
    }>(
      `SELECT s."arn", s."cpuUnits", s."memoryMb", s."spotWeight", s."deletedAt",
              c."effectiveAt", c."cpuUnits" AS "changeCpuUnits", c."memoryMb" AS "changeMemoryMb"
         FROM "FargateService" s LEFT JOIN "FargateServiceConfigChange" c ON c."serviceId" = s."id"
        WHERE s."arn" IN (${placeholders(chunk.length)})
        ORDER BY s."arn", c."effectiveAt"`,
      chunk,
    );
    for (const [arn, rows] of groupBy(serviceRows, (row) => row.arn)) {
      const first = rows[0]!;
      const base = {
        resourceKind: "fargate" as const,
        spotWeight: toNumber(first.spotWeight),
        isDeleted: first.deletedAt !== null,
      };
      const changes: ConfigChangeAt[] = [];
      for (const row of rows) {
        const effectiveAt = toDateFromSql(row.effectiveAt);
        if (!effectiveAt || row.changeCpuUnits === null || row.changeMemoryMb === null) continue;
        changes.push({
          effectiveAt,
          config: {
            ...base,
            cpuUnits: toNumber(row.changeCpuUnits),
            memoryMb: toNumber(row.changeMemoryMb),
          },
        });
      }
      close(arn, changes, {
        ...base,
        cpuUnits: toNumber(first.cpuUnits),
        memoryMb: toNumber(first.memoryMb),
      });
    }
  }
  return histories;
}

function isSameConfig(a: ResourceConfig, b: ResourceConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Realised saving of every done item with a known change time, from the resource's billed days. */
async function updateRealisedSavings(writer: BulkWriter): Promise<void> {
  const done = await writer.query<{ id: unknown; resourceArn: string; appliedAt: unknown }>(
    `SELECT "id", "resourceArn", "appliedAt" FROM "Recommendation" WHERE "status" = 'done' AND "appliedAt" IS NOT NULL`,
  );
  const dayMs = 86_400_000;
  for (const row of done) {
    const appliedAt = toDateFromSql(row.appliedAt);
    if (!appliedAt) continue;
    const from = new Date(appliedAt.getTime() - (REALISED_SAVING_WINDOW_DAYS + 1) * dayMs);
    const to = new Date(appliedAt.getTime() + (REALISED_SAVING_WINDOW_DAYS + 1) * dayMs);
    const days = await writer.query<{ day: unknown; nano: unknown }>(
      `SELECT "day", SUM("amountNanoUsd") AS "nano" FROM "CostLine"
        WHERE "resourceArn" = ? AND "day" >= ? AND "day" < ? GROUP BY "day" ORDER BY "day"`,
      [row.resourceArn, from, to],
    );
    const series = days.map((d) => ({
      day: toDateFromSql(d.day)!.toISOString().slice(0, 10),
      costUsd: toUsdFromNanoUsd(toBigIntFromSql(d.nano) ?? 0n),
    }));
    const realised = computeRealisedMonthlySavingUsd(series, appliedAt);
    await writer.execute(`UPDATE "Recommendation" SET "realisedMonthlySavingUsd" = ? WHERE "id" = ?`, [
      realised,
      toNumber(row.id),
    ]);
  }
}

/** Items of resources that no longer exist at all (account or demo data removed), with their events. */
export async function removeOrphanRecommendations(writer: BulkWriter): Promise<number> {
  const orphan = `SELECT r."id" FROM "Recommendation" r
     WHERE NOT EXISTS (SELECT 1 FROM "LambdaFunction" f WHERE f."arn" = r."resourceArn")
       AND NOT EXISTS (SELECT 1 FROM "FargateService" s WHERE s."arn" = r."resourceArn")`;
  await writer.execute(`DELETE FROM "RecommendationEvent" WHERE "recommendationId" IN (${orphan})`);
  return writer.execute(`DELETE FROM "Recommendation" WHERE "id" IN (${orphan})`);
}

async function insertEvent(
  writer: BulkWriter,
  event: {
    recommendationId: number;
    at: Date;
    fromStatus: string | null;
    toStatus: string;
    reason: string | null;
    actor: string;
    monthlySavingUsd: number | null;
  },
): Promise<void> {
  const values: SqlValue[] = [
    event.recommendationId,
    event.at,
    event.fromStatus,
    event.toStatus,
    event.reason,
    event.actor,
    event.monthlySavingUsd,
    event.at,
  ];
  await writer.execute(
    `INSERT INTO "RecommendationEvent" ("recommendationId", "at", "fromStatus", "toStatus", "reason", "actor", "monthlySavingUsd", "createdAt")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    values,
  );
}

// ---------------------------------------------------------------------------------------------
// Freshness

/** Computes the recommendations when they never were, or are stale (the CLI; never a request). */
export async function ensureRecommendationsFresh(db: Db): Promise<RefreshRecommendationsResult | null> {
  const state = await getRefreshState(db);
  if (state && !state.isStale) return null;
  return refreshRecommendations(db);
}

// ---------------------------------------------------------------------------------------------
// Status changes (a person)

/**
 * Sets a recommendation's status for a person: validates the transition (lib/recommend/review.ts),
 * records the decision (saving and proposal at the time) and an event. 404 for an unknown id, 409
 * for a transition the rules refuse.
 */
export async function changeRecommendationStatus(
  id: number,
  change: StatusChangeBody,
  actor: string,
  db: Db,
  now: Date = new Date(),
): Promise<{ item: RecommendationItem; events: RecommendationEventItem[] }> {
  await db.$transaction(async (tx) => {
    const row = await tx.recommendation.findUnique({
      where: { id },
      select: { status: true, monthlySavingUsd: true, proposedJson: true },
    });
    if (!row) throw new AppError("NOT_FOUND", "No recommendation with this id");
    const current = row.status as RecommendationStatus;
    const check = checkStatusChange(current, change);
    if (!check.ok)
      throw check.problem === "reason"
        ? new AppError("VALIDATION", check.message, { fieldErrors: { reason: check.message } })
        : new AppError("CONFLICT", check.message);
    const isDecision = change.status === "accepted" || change.status === "dismissed";
    // Only from the status just read: of two reviewers changing the same item at once, the
    // second finds it changed and gets 409 instead of recording a move from a stale status.
    const { count } = await tx.recommendation.updateMany({
      where: { id, status: current },
      data: {
        status: change.status,
        statusChangedAt: now,
        statusActor: actor,
        dismissReason: change.status === "dismissed" ? check.reason : null,
        decidedSavingUsd: isDecision ? row.monthlySavingUsd : null,
        decidedProposedJson: isDecision ? row.proposedJson : null,
        ...(change.status === "open" ? { appliedAt: null, realisedMonthlySavingUsd: null } : {}),
      },
    });
    if (count === 0)
      throw new AppError("CONFLICT", "Someone changed this recommendation just now: reload it.");
    await tx.recommendationEvent.create({
      data: {
        recommendationId: id,
        at: now,
        fromStatus: current,
        toStatus: change.status,
        reason: check.reason,
        actor,
        monthlySavingUsd: row.monthlySavingUsd,
      },
    });
  });
  const [item, events] = await Promise.all([
    getRecommendationItem(id, db),
    getRecommendationEvents([id], db),
  ]);
  if (!item) throw new AppError("NOT_FOUND", "No recommendation with this id");
  return { item, events: events.get(id) ?? [] };
}
