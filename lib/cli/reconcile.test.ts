import { describe, expect, it } from "vitest";
import type { ReconciliationReport } from "@/lib/db/queries/reconciliation";
import { runReconcile, type LoadReconciliation } from "./reconcile";

const REPORT: ReconciliationReport = {
  window: { start: "2026-10-02", endExclusive: "2026-11-01", days: 30 },
  totals: {
    billedUsd: 100.000000001,
    billedNanoUsd: "100000000001",
    modelledUsd: 110,
    residualUsd: -9.999999999,
    residualShare: 0.0909,
    unattributedUsd: 0,
    hasUnknownRates: false,
  },
  rows: [
    {
      accountId: "271828182845",
      accountName: "acme-staging",
      region: "us-east-1",
      service: "Amazon Elastic Container Service",
      billedUsd: 0,
      billedNanoUsd: "0",
      modelledUsd: 10,
      residualUsd: -10,
      residualShare: 1,
      unattributedUsd: -10,
      unknownRates: [],
      usageTypes: [],
      causes: [
        {
          kind: "savings-plans",
          amountUsd: -10,
          description: "Savings Plans: −$10.00 of Savings Plans lines.",
        },
      ],
    },
    {
      accountId: "314159265358",
      accountName: null,
      region: "us-east-1",
      service: "AWS Lambda",
      billedUsd: 100.000000001,
      billedNanoUsd: "100000000001",
      modelledUsd: 100,
      residualUsd: 0.000000001,
      residualShare: 1e-11,
      unattributedUsd: 0,
      unknownRates: [],
      usageTypes: [],
      causes: [],
    },
  ],
  daily: [],
  causes: [{ kind: "savings-plans", amountUsd: -10, rows: 1 }],
  accountsNamingResources: ["111111111111"],
};

function createLoader(): { load: LoadReconciliation; calls: { days: number; accountId?: string }[] } {
  const calls: { days: number; accountId?: string }[] = [];
  return {
    calls,
    load: async (scope) => {
      calls.push(scope);
      return REPORT;
    },
  };
}

describe("CLI reconcile (the report is passed in; no database here)", () => {
  it("defaults to the last 30 days and prints a table with the totals and the causes", async () => {
    const { load, calls } = createLoader();
    const result = await runReconcile([], load);
    expect(result.exitCode).toBe(0);
    expect(calls).toEqual([{ days: 30 }]);
    expect(result.stdout).toContain("2026-10-02 to 2026-11-01 (exclusive), 30 days");
    expect(result.stdout).toMatch(
      /271828182845 \(acme-staging\)\s+us-east-1\s+Amazon Elastic Container Service\s+\$0\.00\s+\$10\.00\s+-\$10\.00\s+100\.0 %/,
    );
    expect(result.stdout).toMatch(/total\s+\$100\.00\s+\$110\.00\s+-\$10\.00/);
    expect(result.stdout).toContain("Savings Plans: −$10.00");
  });

  it("prints JSON per account, region and service with the totals", async () => {
    const { load, calls } = createLoader();
    const result = await runReconcile(["--days", "7", "--account", "314159265358", "--json"], load);
    expect(calls).toEqual([{ days: 7, accountId: "314159265358" }]);
    const json = JSON.parse(result.stdout) as {
      rows: { accountId: string; billedUsd: number; modelledUsd: number; residualUsd: number }[];
      totals: { billedUsd: number; billedNanoUsd: string; modelledUsd: number; residualUsd: number };
    };
    expect(json.rows.map((row) => [row.accountId, row.billedUsd, row.modelledUsd, row.residualUsd])).toEqual([
      ["271828182845", 0, 10, -10],
      ["314159265358", 100.000000001, 100, 0.000000001],
    ]);
    expect(json.totals).toMatchObject({ billedNanoUsd: "100000000001", modelledUsd: 110 });
  });

  it.each([
    [["--days", "0"], '--days must be a whole number from 1 to 90 (whole UTC days before today); got "0"\n'],
    [
      ["--days", "2.5"],
      '--days must be a whole number from 1 to 90 (whole UTC days before today); got "2.5"\n',
    ],
    [["--account", "12"], '--account must be a 12-digit AWS account id (e.g. 123456789012); got "12"\n'],
    [
      ["--region", "us-east-1"],
      "unknown flag --region for `reconcile`; run `reconcile --help` for the flags\n",
    ],
  ])("refuses %j with exit 2 and one line", async (argv, stderr) => {
    const { load, calls } = createLoader();
    expect(await runReconcile(argv, load)).toEqual({ exitCode: 2, stdout: "", stderr });
    expect(calls).toEqual([]);
  });

  it("prints help, and one line on a failure", async () => {
    const help = await runReconcile(["--help"], createLoader().load);
    expect(help.stdout).toContain("Usage: npm run -s cli -- reconcile [--days N] [--account ID] [--json]");
    const failed = await runReconcile([], async () => {
      throw new Error("no such table: CostLine\nstack");
    });
    expect(failed).toEqual({
      exitCode: 1,
      stdout: "",
      stderr: "reconcile failed: no such table: CostLine\n",
    });
  });
});
