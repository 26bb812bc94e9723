import { beforeEach, expect, it } from "vitest";
import { openBulkWriter } from "@/lib/db/import/bulk-writer";
import { deleteDemoRows } from "@/lib/db/import/run-import";
import type { ComputeOptimizerRecommendationRow } from "@/lib/db/import/tables";
import { AppError } from "@/lib/errors";
import { describeForBothDatabases } from "@/test/databases";
import {
  describeComputeOptimizerNotice,
  getComputeOptimizerAdvice,
  saveComputeOptimizerCsvImport,
} from "./compute-optimizer";
import { clearAllTables } from "@/test/tables";

const ACCOUNT = "111122223333";
const IMPORTED_AT = new Date("2026-11-25T08:00:00Z");

/** Rows as lib/aws/map-compute-optimizer.ts parses them from the export fixture (lib/db may not import it). */
function csvRow(
  name: string,
  fields: Partial<ComputeOptimizerRecommendationRow>,
): ComputeOptimizerRecommendationRow {
  return {
    resourceArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${name}`,
    qualifier: "$LATEST",
    source: "csv",
    resourceKind: "lambda",
    accountId: ACCOUNT,
    region: "eu-west-1",
    finding: "Optimized",
    findingReasonCodesJson: "[]",
    currentMemoryMb: null,
    recommendedMemoryMb: null,
    currentCpuUnits: null,
    recommendedCpuUnits: null,
    projectedDurationExpectedMs: null,
    projectedDurationLowerMs: null,
    projectedDurationUpperMs: null,
    estimatedMonthlySavingsAmount: null,
    savingsCurrency: null,
    savingsOpportunityPercent: null,
    invocations: null,
    lookbackDays: 14,
    lastRefreshAt: new Date("2026-11-20T06:15:02Z"),
    importedAt: IMPORTED_AT,
    ...fields,
  };
}

const INVOICE_ROW = csvRow("invoice-pdf", {
  finding: "NotOptimized",
  findingReasonCodesJson: '["MemoryOverprovisioned"]',
  currentMemoryMb: 2048,
  recommendedMemoryMb: 1024,
  projectedDurationExpectedMs: 455,
  projectedDurationLowerMs: 310.5,
  projectedDurationUpperMs: 702.25,
  estimatedMonthlySavingsAmount: 6.75,
  savingsCurrency: "USD",
  savingsOpportunityPercent: 48.2,
  invocations: 52000,
});
const WEBHOOK_ROW = csvRow("webhook-relay", { currentMemoryMb: 256, recommendedMemoryMb: 256 });
const LEGACY_ROW = csvRow("legacy-cron", {
  finding: "Unavailable",
  findingReasonCodesJson: '["InsufficientData"]',
});
const EXPORT = { rows: [INVOICE_ROW, WEBHOOK_ROW, LEGACY_ROW], regions: ["eu-west-1"] };
const INVOICE = {
  arn: "arn:aws:lambda:eu-west-1:111122223333:function:invoice-pdf",
  kind: "lambda" as const,
};

describeForBothDatabases("Compute Optimizer store", (getDatabase) => {
  const t = {
    get db() {
      return getDatabase().db;
    },
  };

  beforeEach(async () => {
    await clearAllTables(t.db);
    await t.db.account.create({ data: { id: ACCOUNT, name: "acme" } });
  });

  it("imports a CSV export, and a newer export of the region replaces the earlier rows", async () => {
    expect(await saveComputeOptimizerCsvImport(ACCOUNT, EXPORT, t.db)).toEqual({
      imported: 3,
      replaced: 0,
    });
    const advice = await getComputeOptimizerAdvice(INVOICE, {}, t.db);
    expect(advice.state).toBeNull();
    expect(advice.items).toEqual([
      expect.objectContaining({
        source: "csv",
        finding: "NotOptimized",
        findingReasonCodes: ["MemoryOverprovisioned"],
        currentMemoryMb: 2048,
        recommendedMemoryMb: 1024,
        projectedDurationExpectedMs: 455,
        estimatedMonthlySavings: { amount: 6.75, currency: "USD" },
        savingsOpportunityPercent: 48.2,
        lastRefreshAt: "2026-11-20T06:15:02.000Z",
        importedAt: "2026-11-25T08:00:00.000Z",
      }),
    ]);
    expect(describeComputeOptimizerNotice(advice, "function")).toBeNull();

    const newer = { rows: [WEBHOOK_ROW], regions: ["eu-west-1"] }; // invoice-pdf no longer listed
    expect(await saveComputeOptimizerCsvImport(ACCOUNT, newer, t.db)).toEqual({
      imported: 1,
      replaced: 3,
    });
    const gone = await getComputeOptimizerAdvice(INVOICE, {}, t.db);
    expect(gone.items).toEqual([]);
    expect(describeComputeOptimizerNotice(gone, "function")).toBe(
      "No Compute Optimizer data for this function.",
    );
  });

  it("refuses an unknown account", async () => {
    const error = await saveComputeOptimizerCsvImport("999999999999", EXPORT, t.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("NOT_FOUND");
    expect(await t.db.computeOptimizerRecommendation.count()).toBe(0);
  });

  it("shows the more recently refreshed of the sync's and the import's advice, and says when a read failed", async () => {
    await saveComputeOptimizerCsvImport(ACCOUNT, EXPORT, t.db);
    await t.db.computeOptimizerRecommendation.create({
      data: {
        ...INVOICE_ROW,
        source: "api",
        recommendedMemoryMb: 768,
        lastRefreshAt: new Date("2026-11-24T06:00:00Z"),
      },
    });
    await t.db.computeOptimizerState.create({
      data: {
        accountId: ACCOUNT,
        region: "eu-west-1",
        resourceKind: "lambda",
        status: "not-enrolled",
        code: "OptInRequiredException",
        message: "not opted in",
        checkedAt: new Date("2026-11-25T00:00:00Z"),
      },
    });
    const advice = await getComputeOptimizerAdvice(INVOICE, {}, t.db);
    expect(advice.items.map((item) => [item.source, item.recommendedMemoryMb])).toEqual([["api", 768]]);
    expect(describeComputeOptimizerNotice(advice, "function")).toMatch(
      /^This account is not enrolled in AWS Compute Optimizer \(checked 2026-11-25\)/,
    );
    // The Unavailable function: left out, and said so.
    const legacy = {
      arn: "arn:aws:lambda:eu-west-1:111122223333:function:legacy-cron",
      kind: "lambda" as const,
    };
    await t.db.computeOptimizerState.deleteMany();
    const hidden = await getComputeOptimizerAdvice(legacy, {}, t.db);
    expect(hidden).toMatchObject({ items: [], unavailableCount: 1 });
    expect(describeComputeOptimizerNotice(hidden, "function")).toMatch(
      /no recommendation for this function yet/,
    );
    expect((await getComputeOptimizerAdvice(legacy, { includeUnavailable: true }, t.db)).items).toHaveLength(
      1,
    );
  });

  it("removing the demo removes the demo accounts' rows and keeps the real account's", async () => {
    await saveComputeOptimizerCsvImport(ACCOUNT, EXPORT, t.db);
    const demo = "000000000001";
    await t.db.account.create({ data: { id: demo, name: "demo", isDemo: true } });
    await t.db.computeOptimizerRecommendation.create({
      data: {
        ...INVOICE_ROW,
        accountId: demo,
        resourceArn: "arn:aws:lambda:eu-west-1:000000000001:function:d",
      },
    });
    await t.db.computeOptimizerState.create({
      data: {
        accountId: demo,
        region: "eu-west-1",
        resourceKind: "lambda",
        status: "ok",
        checkedAt: new Date(),
      },
    });
    const writer = await openBulkWriter(t.db);
    try {
      await writer.transaction(() => deleteDemoRows(writer, { keepSyncRunId: null }));
    } finally {
      await writer.close();
    }
    expect(await t.db.computeOptimizerRecommendation.count({ where: { accountId: demo } })).toBe(0);
    expect(await t.db.computeOptimizerState.count()).toBe(0);
    expect(await t.db.computeOptimizerRecommendation.count({ where: { accountId: ACCOUNT } })).toBe(3);
  });
});
