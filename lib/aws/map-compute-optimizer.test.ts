import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import ecsFixture from "./__fixtures__/compute-optimizer-ecs-recommendations.json";
import lambdaFixture from "./__fixtures__/compute-optimizer-lambda-recommendations.json";
import {
  ComputeOptimizerCsvError,
  ComputeOptimizerShapeError,
  mapEcsServiceRecommendations,
  mapLambdaFunctionRecommendations,
  parseCsvTimestamp,
  parseLambdaRecommendationsCsv,
  splitFunctionArn,
  toComputeOptimizerStatus,
} from "./map-compute-optimizer";

const ACCOUNT = "111122223333";
const IMPORTED_AT = new Date("2026-11-25T08:00:00.000Z");
const context = { accountId: ACCOUNT, region: "us-east-1", importedAt: IMPORTED_AT };
const CSV = fs.readFileSync(
  path.join(import.meta.dirname, "__fixtures__/compute-optimizer-lambda-export.csv"),
  "utf8",
);

describe("mapLambdaFunctionRecommendations (recorded-shape pages)", () => {
  const rows = mapLambdaFunctionRecommendations(
    [...lambdaFixture.pages, ...lambdaFixture.unavailablePages],
    context,
  );
  const byName = (name: string) => rows.find((row) => row.resourceArn.endsWith(`:function:${name}`));

  it("keeps one row per function version of the account, over every page, Unavailable included", () => {
    expect(rows.map((row) => `${row.resourceArn.split(":").at(-1)}@${row.qualifier}`).sort()).toEqual([
      "nightly-cleanup@$LATEST",
      "orders-api@$LATEST",
      "report-builder@3",
      "thumbnailer@$LATEST",
    ]);
    // member-fn belongs to another account (a management account's view): left out.
    expect(rows.every((row) => row.accountId === ACCOUNT && row.source === "api")).toBe(true);
  });

  it("stores the unqualified ARN, the top-ranked option (not the first listed), its duration bounds and savings", () => {
    expect(byName("orders-api")).toEqual({
      resourceArn: "arn:aws:lambda:us-east-1:111122223333:function:orders-api",
      qualifier: "$LATEST",
      source: "api",
      resourceKind: "lambda",
      accountId: ACCOUNT,
      region: "us-east-1",
      finding: "NotOptimized",
      findingReasonCodesJson: '["MemoryOverprovisioned"]',
      currentMemoryMb: 1024,
      recommendedMemoryMb: 512,
      currentCpuUnits: null,
      recommendedCpuUnits: null,
      projectedDurationExpectedMs: 184.3,
      projectedDurationLowerMs: 131.7,
      projectedDurationUpperMs: 288.9,
      estimatedMonthlySavingsAmount: 3.12,
      savingsCurrency: "USD",
      savingsOpportunityPercent: 41.5,
      invocations: 1843200,
      lookbackDays: 14,
      lastRefreshAt: new Date("2026-11-24T06:00:00.000Z"),
      importedAt: IMPORTED_AT,
    });
  });

  it("keeps a missing saving unknown (null), and a zero saving zero", () => {
    const underprovisioned = byName("report-builder");
    expect(underprovisioned?.qualifier).toBe("3");
    expect(underprovisioned?.recommendedMemoryMb).toBe(256);
    expect(underprovisioned?.estimatedMonthlySavingsAmount).toBeNull();
    expect(underprovisioned?.savingsOpportunityPercent).toBeNull();
    expect(byName("thumbnailer")?.estimatedMonthlySavingsAmount).toBe(0);
    const unavailable = byName("nightly-cleanup");
    expect(unavailable?.finding).toBe("Unavailable");
    expect(unavailable?.recommendedMemoryMb).toBeNull();
    expect(unavailable?.projectedDurationExpectedMs).toBeNull();
    expect(unavailable?.findingReasonCodesJson).toBe('["InsufficientData"]');
  });

  it("accepts the SDK's Date timestamps as well as the wire's epoch seconds", () => {
    const [page] = lambdaFixture.pages;
    const item = {
      ...page!.lambdaFunctionRecommendations[0],
      lastRefreshTimestamp: new Date("2026-11-01T00:00:00Z"),
    };
    const [row] = mapLambdaFunctionRecommendations([{ lambdaFunctionRecommendations: [item] }], context);
    expect(row?.lastRefreshAt).toEqual(new Date("2026-11-01T00:00:00Z"));
  });

  it("reports an answer without an ARN or finding instead of guessing", () => {
    expect(() =>
      mapLambdaFunctionRecommendations(
        [{ lambdaFunctionRecommendations: [{ functionArn: "x", finding: "Optimized" }] }],
        context,
      ),
    ).toThrow(ComputeOptimizerShapeError);
    expect(() =>
      mapLambdaFunctionRecommendations(
        [
          {
            lambdaFunctionRecommendations: [
              { functionArn: "arn:aws:lambda:us-east-1:111122223333:function:f" },
            ],
          },
        ],
        context,
      ),
    ).toThrow(/recommendation 1: finding/);
  });
});

describe("mapEcsServiceRecommendations", () => {
  const rows = mapEcsServiceRecommendations(ecsFixture.pages, context);

  it("stores the current and recommended task size and AWS's saving", () => {
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      resourceArn: "arn:aws:ecs:us-east-1:111122223333:service/prod/checkout",
      qualifier: "",
      resourceKind: "fargate",
      finding: "Overprovisioned",
      findingReasonCodesJson: '["CPUOverprovisioned","MemoryOverprovisioned"]',
      currentCpuUnits: 1024,
      currentMemoryMb: 2048,
      recommendedCpuUnits: 512,
      recommendedMemoryMb: 1024,
      estimatedMonthlySavingsAmount: 14.6,
      savingsCurrency: "USD",
      savingsOpportunityPercent: 50,
      projectedDurationExpectedMs: null,
      lastRefreshAt: new Date("2026-11-24T06:00:00.000Z"),
    });
    // No option: recommended size unknown, not the current one.
    expect(rows[1]).toMatchObject({
      finding: "Optimized",
      recommendedCpuUnits: null,
      recommendedMemoryMb: null,
    });
  });
});

describe("ARNs and read states", () => {
  it("splits qualified and unqualified function ARNs", () => {
    expect(splitFunctionArn("arn:aws:lambda:eu-west-1:111122223333:function:f:live")).toEqual({
      functionArn: "arn:aws:lambda:eu-west-1:111122223333:function:f",
      qualifier: "live",
      region: "eu-west-1",
      accountId: ACCOUNT,
    });
    expect(splitFunctionArn("arn:aws:lambda:eu-west-1:111122223333:function:f")?.qualifier).toBeNull();
    expect(splitFunctionArn("arn:aws:ecs:eu-west-1:111122223333:service/a/b")).toBeNull();
  });

  it("names not enrolled and access denied apart from other failures", () => {
    expect(toComputeOptimizerStatus("OptInRequiredException", "invalid-input")).toBe("not-enrolled");
    expect(toComputeOptimizerStatus("AccessDeniedException", "access-denied")).toBe("access-denied");
    expect(toComputeOptimizerStatus("ThrottlingException", "throttled")).toBe("failed");
  });
});

describe("parseLambdaRecommendationsCsv (ExportLambdaFunctionRecommendations files)", () => {
  const csvContext = { accountId: ACCOUNT, importedAt: IMPORTED_AT };

  it("reads the export: one row per function version of the account, others skipped and counted", () => {
    const parsed = parseLambdaRecommendationsCsv(CSV, csvContext);
    expect(parsed.regions).toEqual(["eu-west-1"]);
    expect(parsed.skippedOtherAccounts).toBe(1);
    expect(parsed.rows.map((row) => row.resourceArn.split(":").at(-1))).toEqual([
      "invoice-pdf",
      "webhook-relay",
      "legacy-cron",
    ]);
    expect(parsed.rows[0]).toEqual({
      resourceArn: "arn:aws:lambda:eu-west-1:111122223333:function:invoice-pdf",
      qualifier: "$LATEST",
      source: "csv",
      resourceKind: "lambda",
      accountId: ACCOUNT,
      region: "eu-west-1",
      finding: "NotOptimized",
      findingReasonCodesJson: '["MemoryOverprovisioned"]',
      currentMemoryMb: 2048,
      recommendedMemoryMb: 1024,
      currentCpuUnits: null,
      recommendedCpuUnits: null,
      projectedDurationExpectedMs: 455,
      projectedDurationLowerMs: 310.5,
      projectedDurationUpperMs: 702.25,
      estimatedMonthlySavingsAmount: 6.75,
      savingsCurrency: "USD",
      savingsOpportunityPercent: 48.2,
      invocations: 52000,
      lookbackDays: 14,
      lastRefreshAt: new Date("2026-11-20T06:15:02.000Z"),
      importedAt: IMPORTED_AT,
    });
    // Empty cells are unknown, not 0.
    expect(parsed.rows[2]).toMatchObject({
      finding: "Unavailable",
      findingReasonCodesJson: '["InsufficientData"]',
      recommendedMemoryMb: null,
      estimatedMonthlySavingsAmount: null,
      savingsCurrency: null,
    });
  });

  it("gives the same rows whatever the header casing (Athena's lower case, PascalCase, upper case)", () => {
    const [header, ...lines] = CSV.trimEnd().split("\n");
    const expected = parseLambdaRecommendationsCsv(CSV, csvContext);
    const athena = [header!.toLowerCase(), ...lines].join("\n");
    const pascal = [
      header!
        .split(",")
        .map((name) =>
          name
            .split("_")
            .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
            .join(name.startsWith("recommendationOptions") ? "_" : ""),
        )
        .join(","),
      ...lines,
    ].join("\n");
    expect(pascal).toContain("RecommendationOptions_1_Configuration_MemorySize");
    expect(pascal).toContain("LastRefreshTimestampUTC");
    const upper = [header!.toUpperCase(), ...lines].join("\r\n");
    for (const variant of [athena, pascal, upper]) {
      expect(parseLambdaRecommendationsCsv(variant, csvContext)).toEqual(expected);
    }
  });

  it("reads a byte-order mark, quoted cells and the other timestamp formats", () => {
    const text = `\uFEFFFunctionArn,Finding,LastRefreshTimestamp_UTC,CurrentConfiguration_MemorySize
"arn:aws:lambda:us-west-2:111122223333:function:a",Optimized,11/20/26 06:15,"1,024"`;
    expect(() => parseLambdaRecommendationsCsv(text, csvContext)).toThrow(
      'line 2, column CurrentConfiguration_MemorySize: "1,024" is not a number',
    );
    const ok = parseLambdaRecommendationsCsv(text.replace('"1,024"', "1024"), csvContext);
    expect(ok.rows[0]).toMatchObject({
      qualifier: "$LATEST",
      currentMemoryMb: 1024,
      lastRefreshAt: new Date("2026-11-20T06:15:00.000Z"),
    });
    expect(parseCsvTimestamp("2026-11-20T06:15:02Z")).toEqual(new Date("2026-11-20T06:15:02.000Z"));
    expect(parseCsvTimestamp("13/45/26 06:15")).toBeNull();
  });

  it("names the line and column of a bad row", () => {
    const lines = CSV.trimEnd().split("\n");
    lines[2] = lines[2]!.replace(",Optimized,", ",Maybe,");
    expect(() => parseLambdaRecommendationsCsv(lines.join("\n"), csvContext)).toThrow(
      /^line 3, column finding: "Maybe" is not a finding \(Optimized, NotOptimized, Unavailable\)$/,
    );
    const badDate = CSV.replace("2026-11-20 06:15:02", "yesterday");
    expect(() => parseLambdaRecommendationsCsv(badDate, csvContext)).toThrow(
      /^line 2, column lastRefreshTimestamp_UTC: "yesterday" is not a timestamp/,
    );
    const badBool = CSV.replace("NotOptimized,true,", "NotOptimized,yes,");
    expect(() => parseLambdaRecommendationsCsv(badBool, csvContext)).toThrow(
      /^line 2, column findingReasonCodes_isMemoryOverprovisioned: "yes" is not true or false$/,
    );
  });

  it("refuses a file that is not the export, a short row, or an empty file", () => {
    expect(() => parseLambdaRecommendationsCsv("name,memory\nf,128\n", csvContext)).toThrow(
      ComputeOptimizerCsvError,
    );
    expect(() => parseLambdaRecommendationsCsv("name,memory\nf,128\n", csvContext)).toThrow(
      /missing column functionArn/,
    );
    const short = `${CSV.trimEnd()}\narn:aws:lambda:eu-west-1:111122223333:function:x,Optimized\n`;
    expect(() => parseLambdaRecommendationsCsv(short, csvContext)).toThrow(
      /not a readable CSV file: .*line 6/i,
    );
    expect(() => parseLambdaRecommendationsCsv("", csvContext)).toThrow(/the file is empty/);
  });
});
