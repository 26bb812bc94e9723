import { beforeEach, describe, expect, it } from "vitest";
import { describeForBothDatabases } from "@/test/databases";
import type { Db } from "@/lib/db/create-db";
import { toNanoUsd } from "@/lib/money";
import { openBulkWriter } from "./bulk-writer";
import type { CostLineRow, MemoryObservationRow, MetricPointRow } from "./tables";
import {
  ACCOUNT_TABLE,
  COST_LINE_TABLE,
  LAMBDA_FUNCTION_TABLE,
  MEMORY_OBSERVATION_TABLE,
  METRIC_POINT_TABLE,
} from "./tables";
import { clearAllTables } from "@/test/tables";

const ARN = "arn:aws:lambda:us-east-1:111122223333:function:orders";
const DAY = Date.UTC(2026, 9, 1);

function makeBatch() {
  const metricPoints: MetricPointRow[] = [];
  const costLines: CostLineRow[] = [];
  const observations: MemoryObservationRow[] = [];
  for (let day = 0; day < 30; day += 1) {
    const timestamp = new Date(DAY + day * 86_400_000);
    metricPoints.push(
      {
        resourceArn: ARN,
        resourceType: "lambda",
        metric: "Invocations",
        stat: "Sum",
        granularity: "day",
        timestamp,
        value: 1000 + day,
        unit: "Count",
      },
      {
        resourceArn: ARN,
        resourceType: "lambda",
        metric: "Duration",
        stat: "p95",
        granularity: "day",
        timestamp,
        value: 120.5 + day / 3,
        unit: "Milliseconds",
      },
    );
    for (const [usageType, amount] of [
      ["Request", "0.0002000000"],
      ["Lambda-GB-Second", `0.${String(1_000_000_001 + day * 7_777).padStart(10, "0")}`],
    ] as const) {
      costLines.push({
        accountId: "111122223333",
        region: "us-east-1",
        service: "AWS Lambda",
        usageType,
        recordType: "Usage",
        resourceArn: ARN,
        day: timestamp,
        component: usageType === "Request" ? "requests" : "duration",
        amount,
        amountNanoUsd: toNanoUsd(amount),
        amortizedAmount: amount,
        amortizedNanoUsd: toNanoUsd(amount),
        currency: "USD",
        usageQuantity: 1000 + day,
        usageUnit: usageType === "Request" ? "Requests" : "Lambda-GB-Second",
        isEstimated: false,
        source: "cost-explorer",
      });
    }
    observations.push({
      functionArn: ARN,
      memoryMb: 1024,
      architecture: "arm64",
      source: "logs",
      observedOn: timestamp,
      invocations: 1000 + day,
      durationAvgMs: 80.25,
      durationP50Ms: 70,
      durationP95Ms: 140,
      durationP99Ms: null,
      maxMemoryUsedMb: 190,
      initDurationAvgMs: 310.5,
      coldStarts: 12,
    });
  }
  return { metricPoints, costLines, observations };
}

async function importBatch(db: Db, batch: ReturnType<typeof makeBatch>): Promise<number> {
  const writer = await openBulkWriter(db, { now: new Date(Date.UTC(2026, 10, 1)) });
  try {
    return await writer.transaction(async () => {
      let changed = 0;
      changed += await writer.upsert(ACCOUNT_TABLE, [
        { id: "111122223333", name: "acme", isDemo: false, roleArn: null, externalId: null },
      ]);
      changed += await writer.upsert(LAMBDA_FUNCTION_TABLE, [
        {
          id: "fn-orders",
          arn: ARN,
          accountId: "111122223333",
          region: "us-east-1",
          name: "orders",
          runtime: "nodejs22.x",
          architecture: "arm64",
          memoryMb: 1024,
          timeoutSeconds: 10,
          ephemeralStorageMb: 512,
          packageType: "Zip",
          snapStart: false,
          tagsJson: "{}",
          firstSeenAt: new Date(DAY),
          lastSeenAt: new Date(DAY + 30 * 86_400_000),
          deletedAt: null,
          isDemo: false,
        },
      ]);
      changed += await writer.upsert(METRIC_POINT_TABLE, batch.metricPoints);
      changed += await writer.upsert(COST_LINE_TABLE, batch.costLines);
      changed += await writer.upsert(MEMORY_OBSERVATION_TABLE, batch.observations);
      return changed;
    });
  } finally {
    await writer.close();
  }
}

async function snapshot(db: Db) {
  const cost = await db.costLine.aggregate({ _count: true, _sum: { amountNanoUsd: true } });
  const metrics = await db.metricPoint.aggregate({ _count: true, _sum: { value: true } });
  const observations = await db.memoryObservation.aggregate({ _count: true, _sum: { invocations: true } });
  const updatedAt = await db.costLine.findMany({ select: { updatedAt: true }, orderBy: { day: "asc" } });
  return {
    costLines: cost._count,
    costNanoUsd: cost._sum.amountNanoUsd,
    metricPoints: metrics._count,
    metricSum: metrics._sum.value,
    observations: observations._count,
    invocations: observations._sum.invocations,
    updatedAt: updatedAt.map((row) => row.updatedAt.toISOString()),
  };
}

describeForBothDatabases("bulk import", (getDatabase) => {
  beforeEach(async () => {
    await clearAllTables(getDatabase().db);
  });

  it("importing the same batch twice changes nothing: same counts, same exact sums, no row touched", async () => {
    const { db } = getDatabase();
    const batch = makeBatch();
    const firstChanges = await importBatch(db, batch);
    expect(firstChanges).toBe(2 + 60 + 60 + 30);
    const first = await snapshot(db);
    expect(first.costLines).toBe(60);
    expect(first.metricPoints).toBe(60);
    expect(first.observations).toBe(30);
    // Σ Request 30 × 200,000 nanos + Σ_d (100,000,000.1 + 777.7·d rounded half-even)
    const expectedNanos = batch.costLines.reduce((sum, line) => sum + line.amountNanoUsd, 0n);
    expect(first.costNanoUsd).toBe(expectedNanos);

    const secondChanges = await importBatch(db, makeBatch());
    expect(secondChanges).toBe(0);
    expect(await snapshot(db)).toEqual(first);
  });

  it("a restated amount updates the line in place (one row, new amount, new updatedAt)", async () => {
    const { db } = getDatabase();
    await importBatch(db, makeBatch());
    const restated = makeBatch();
    const line = restated.costLines[1]!;
    line.amount = "1.2345678905";
    line.amountNanoUsd = toNanoUsd(line.amount);
    const writer = await openBulkWriter(db, { now: new Date(Date.UTC(2026, 10, 2)) });
    try {
      expect(await writer.upsert(COST_LINE_TABLE, restated.costLines)).toBe(1);
    } finally {
      await writer.close();
    }
    const stored = await db.costLine.findMany({ where: { usageType: line.usageType, day: line.day } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.amount).toBe("1.2345678905");
    expect(stored[0]?.amountNanoUsd).toBe(1_234_567_890n); // …890.5 → even
    expect(stored[0]?.updatedAt.toISOString()).toBe("2026-11-02T00:00:00.000Z");
  });

  it("writes values Prisma reads back exactly: dates, nulls, booleans, nanos beyond 2^53", async () => {
    const { db } = getDatabase();
    const batch = makeBatch();
    const big = batch.costLines[0]!;
    big.amount = "12345678.123456789";
    big.amountNanoUsd = toNanoUsd(big.amount);
    await importBatch(db, batch);
    const stored = await db.costLine.findFirstOrThrow({
      where: { usageType: "Request", day: new Date(DAY) },
    });
    expect(stored.amountNanoUsd).toBe(12_345_678_123_456_789n);
    expect(stored.isEstimated).toBe(false);
    expect(stored.createdAt.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    const fn = await db.lambdaFunction.findUniqueOrThrow({ where: { arn: ARN } });
    expect(fn.deletedAt).toBeNull();
    expect(fn.firstSeenAt.toISOString()).toBe(new Date(DAY).toISOString());
    const observation = await db.memoryObservation.findFirstOrThrow({
      where: { observedOn: new Date(DAY + 86_400_000) },
    });
    expect(observation.durationP99Ms).toBeNull();
    expect(observation.initDurationAvgMs).toBe(310.5);
    // Range filters through Prisma see bulk-written timestamps (same text format on SQLite).
    const inRange = await db.metricPoint.count({
      where: { timestamp: { gte: new Date(DAY + 10 * 86_400_000), lt: new Date(DAY + 20 * 86_400_000) } },
    });
    expect(inRange).toBe(20);
  });

  it("recognises a row Prisma wrote as the same key (no duplicate)", async () => {
    const { db } = getDatabase();
    const timestamp = new Date(DAY);
    await db.metricPoint.create({
      data: {
        resourceArn: ARN,
        resourceType: "lambda",
        metric: "Invocations",
        stat: "Sum",
        granularity: "day",
        timestamp,
        value: 5,
        unit: "Count",
      },
    });
    const writer = await openBulkWriter(db);
    try {
      const changed = await writer.upsert(METRIC_POINT_TABLE, [
        {
          resourceArn: ARN,
          resourceType: "lambda",
          metric: "Invocations",
          stat: "Sum",
          granularity: "day",
          timestamp,
          value: 7,
          unit: "Count",
        },
      ]);
      expect(changed).toBe(1);
    } finally {
      await writer.close();
    }
    const rows = await db.metricPoint.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.value).toBe(7);
  });

  it("rolls a failed transaction back", async () => {
    const { db } = getDatabase();
    const writer = await openBulkWriter(db);
    try {
      await expect(
        writer.transaction(async () => {
          await writer.upsert(METRIC_POINT_TABLE, makeBatch().metricPoints);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
    } finally {
      await writer.close();
    }
    expect(await db.metricPoint.count()).toBe(0);
  });
});

describe("bulk import key coverage", () => {
  it("every key column is NOT NULL in the row types (no nullable key parts)", () => {
    for (const spec of [METRIC_POINT_TABLE, COST_LINE_TABLE, MEMORY_OBSERVATION_TABLE]) {
      for (const column of spec.key) expect(spec.update).not.toContain(column);
    }
  });
});
