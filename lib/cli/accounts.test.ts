import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { AccountDetail, ConnectionTestResultView, CreateAccountBody } from "@/lib/schemas/account";
import type { AccountsCliDeps, ConnectionTestRequest } from "./accounts";
import { runAccounts } from "./accounts";

const ID = "123456789012";

function detail(overrides: Partial<AccountDetail> = {}): AccountDetail {
  return {
    id: ID,
    name: "prod",
    regions: ["us-east-1"],
    roleArn: null,
    hasExternalId: false,
    externalId: null,
    profile: null,
    isLogsInsightsEnabled: false,
    isCostExplorerEnabled: true,
    costExplorerThisMonth: { requests: 0, costUsd: 0 },
    functionCount: 3,
    serviceCount: 1,
    recentRuns: [],
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: "2026-11-20T10:00:00.000Z",
    ...overrides,
  };
}

const CONNECTED: ConnectionTestResultView = {
  identity: { accountId: ID, arn: `arn:aws:iam::${ID}:user/moto` },
  isAccountMatching: true,
  error: null,
  regions: [
    {
      region: "us-east-1",
      checks: [
        { api: "Lambda", action: "lambda:ListFunctions", status: "ok", code: null, message: null },
        { api: "CloudWatch", action: "cloudwatch:GetMetricData", status: "ok", code: null, message: null },
      ],
      functions: 3,
      services: 1,
    },
  ],
  estimate: { calls: 12, metricsRequested: 40, costExplorerRequests: 0, estimatedCostUsd: 0.0004 },
};

/** Fake DAL: an in-memory list, recording what was called. */
function fakeDeps(initial: AccountDetail[] = [], testResult: ConnectionTestResultView = CONNECTED) {
  const accounts = new Map(initial.map((account) => [account.id, account]));
  const calls: { created: CreateAccountBody[]; deleted: string[]; tested: ConnectionTestRequest[] } = {
    created: [],
    deleted: [],
    tested: [],
  };
  const deps: AccountsCliDeps = {
    listAccounts: async () => [...accounts.values()].map(({ externalId: _e, ...view }) => view),
    getAccount: async (accountId) => accounts.get(accountId) ?? null,
    createAccount: async (input) => {
      calls.created.push(input);
      if (accounts.has(input.id)) throw new AppError("CONFLICT", `Account ${input.id} is already configured`);
      const created = detail({
        id: input.id,
        name: input.name,
        regions: [...input.regions].sort(),
        roleArn: input.roleArn ?? null,
        externalId: input.externalId ?? null,
        hasExternalId: input.externalId !== undefined,
        profile: input.profile ?? null,
        isLogsInsightsEnabled: input.isLogsInsightsEnabled,
        isCostExplorerEnabled: input.isCostExplorerEnabled,
        functionCount: 0,
        serviceCount: 0,
      });
      accounts.set(input.id, created);
      return created;
    },
    deleteAccountWithData: async (accountId) => {
      calls.deleted.push(accountId);
      return accounts.delete(accountId) ? { rowsDeleted: 7 } : null;
    },
    testConnection: async (input) => {
      calls.tested.push(input);
      return testResult;
    },
  };
  return { deps, calls, accounts };
}

const args = (line: string) => line.split(" ").filter(Boolean);

describe("accounts list", () => {
  it("says how to add one when there is none", async () => {
    const result = await runAccounts(["list"], fakeDeps().deps);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("No AWS accounts configured");
  });

  it("prints a table, and JSON without the ExternalId", async () => {
    const { deps } = fakeDeps([
      detail({
        costExplorerThisMonth: { requests: 12, costUsd: 0.12 },
        roleArn: `arn:aws:iam::${ID}:role/R`,
        externalId: "ext",
        hasExternalId: true,
        recentRuns: [
          {
            id: "aws-1",
            kind: "aws",
            status: "partial",
            accountId: ID,
            startedAt: "2026-11-21T09:00:00.000Z",
            finishedAt: "2026-11-21T09:02:00.000Z",
            step: "done",
            done: 1,
            total: 1,
            rowsWritten: 10,
            calls: {},
            callsTotal: 0,
            estimatedCostUsd: null,
            issues: [],
            error: null,
          },
        ],
      }),
    ]);
    const table = await runAccounts(["list"], deps);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(
      /123456789012\s+prod\s+us-east-1\s+role arn:aws:iam::123456789012:role\/R \(ExternalId\)/,
    );
    expect(table.stdout).toContain("partial 2026-11-21 09:02 UTC");
    expect(table.stdout).toContain("on, 12 requests ($0.12) this month");
    const json = await runAccounts(["list", "--json"], deps);
    const parsed = JSON.parse(json.stdout) as { accounts: Record<string, unknown>[] };
    expect(parsed.accounts[0]).toMatchObject({ id: ID, hasExternalId: true });
    expect(json.stdout).not.toContain('"ext"');
  });
});

describe("accounts add", () => {
  it("adds an account with every flag", async () => {
    const { deps, calls } = fakeDeps();
    const result = await runAccounts(
      args(
        `add --id ${ID} --name prod --regions us-east-1,eu-west-1,us-east-1 --role-arn arn:aws:iam::${ID}:role/Read --external-id ext-42 --logs-insights`,
      ),
      deps,
    );
    expect(result).toMatchObject({ exitCode: 0, stderr: "" });
    expect(result.stdout).toContain(`Added account ${ID} (prod) in eu-west-1, us-east-1.`);
    expect(calls.created).toEqual([
      {
        id: ID,
        name: "prod",
        regions: ["us-east-1", "eu-west-1"],
        roleArn: `arn:aws:iam::${ID}:role/Read`,
        externalId: "ext-42",
        profile: undefined,
        isLogsInsightsEnabled: true,
        isCostExplorerEnabled: true,
      },
    ]);
  });

  it("switches Cost Explorer off with --no-cost-explorer (on by default)", async () => {
    const { deps, calls } = fakeDeps();
    const result = await runAccounts(
      args(`add --id ${ID} --name prod --regions us-east-1 --no-cost-explorer`),
      deps,
    );
    expect(result.exitCode).toBe(0);
    expect(calls.created[0]).toMatchObject({ isCostExplorerEnabled: false });
    const list = await runAccounts(["list"], deps);
    expect(list.stdout).toMatch(/cost explorer/);
    expect(list.stdout).toMatch(/prod\s+us-east-1\s+default credentials\s+off\s+off\s+0/);
  });

  it.each([
    ["a short id", `add --id 12345 --name prod --regions us-east-1`, /^accounts add: --id: .*12 digits/],
    ["a bad region", `add --id ${ID} --name prod --regions us-east-1,mars-1`, /--regions: .*"mars-1"/],
    [
      "a user ARN as role",
      `add --id ${ID} --name p --regions us-east-1 --role-arn arn:aws:iam::${ID}:user/x`,
      /--role-arn/,
    ],
    [
      "an ExternalId alone",
      `add --id ${ID} --name p --regions us-east-1 --external-id abc`,
      /--external-id: .*role ARN/,
    ],
    ["a bad profile", `add --id ${ID} --name p --regions us-east-1 --profile a!b`, /--profile/],
    ["no --name", `add --id ${ID} --regions us-east-1`, /--name is required/],
    ["an unknown flag", `add --id ${ID} --name p --regions us-east-1 --colour red`, /--colour/],
    [
      "a value for a switch",
      `add --id ${ID} --name p --regions us-east-1 --logs-insights=yes`,
      /logs-insights/,
    ],
  ])("exit 2 and one line for %s", async (_name, line, message) => {
    const { deps, calls } = fakeDeps();
    const result = await runAccounts(args(line), deps);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(calls.created).toEqual([]);
  });

  it("exit 1 when the id is configured already", async () => {
    const { deps } = fakeDeps([detail()]);
    const result = await runAccounts(args(`add --id ${ID} --name again --regions us-east-1`), deps);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(`accounts add failed: Account ${ID} is already configured\n`);
  });
});

describe("accounts remove", () => {
  it("needs --yes (exit 2), then removes (0); an unknown id is exit 1", async () => {
    const { deps, calls } = fakeDeps([detail()]);
    const unconfirmed = await runAccounts(args(`remove --id ${ID}`), deps);
    expect(unconfirmed.exitCode).toBe(2);
    expect(unconfirmed.stderr).toMatch(/--yes is required/);
    expect(calls.deleted).toEqual([]);
    const removed = await runAccounts(args(`remove --id ${ID} --yes`), deps);
    expect(removed).toMatchObject({
      exitCode: 0,
      stdout: `Removed account ${ID} and 7 rows synced from it.\n`,
    });
    const again = await runAccounts(args(`remove --id ${ID} --yes`), deps);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/no configured account/);
    expect((await runAccounts(args("remove --id abc --yes"), deps)).exitCode).toBe(2);
  });
});

describe("accounts test", () => {
  it("tests with the stored settings and prints identity, checks and the estimate", async () => {
    const { deps, calls } = fakeDeps([
      detail({
        roleArn: `arn:aws:iam::${ID}:role/R`,
        externalId: "ext",
        hasExternalId: true,
        regions: ["us-east-1"],
      }),
    ]);
    const result = await runAccounts(args(`test --id ${ID}`), deps);
    expect(result.exitCode).toBe(0);
    expect(calls.tested).toEqual([
      {
        accountId: ID,
        profile: null,
        roleArn: `arn:aws:iam::${ID}:role/R`,
        externalId: "ext",
        regions: ["us-east-1"],
        isLogsInsightsEnabled: false,
        isCostExplorerEnabled: true,
      },
    ]);
    expect(result.stdout).toContain(`Caller: arn:aws:iam::${ID}:user/moto`);
    expect(result.stdout).toContain(`Account: ${ID} (matches)`);
    expect(result.stdout).toMatch(/cloudwatch:GetMetricData\s+ok/);
    expect(result.stdout).toContain("about 12 AWS calls, 40 metrics requested, estimated $0.00");
    const withCostExplorer = fakeDeps([detail()], {
      ...CONNECTED,
      estimate: { calls: 14, metricsRequested: 40, costExplorerRequests: 2, estimatedCostUsd: 0.0204 },
    });
    expect((await runAccounts(args(`test --id ${ID}`), withCostExplorer.deps)).stdout).toContain(
      "40 metrics requested, at least 2 Cost Explorer requests ($0.02), estimated $0.02",
    );
    const json = await runAccounts(args(`test --id ${ID} --json`), deps);
    expect(JSON.parse(json.stdout)).toEqual(CONNECTED);
  });

  it("exit 1 with the result when a permission is missing or the account differs", async () => {
    const missing: ConnectionTestResultView = {
      ...CONNECTED,
      isAccountMatching: false,
      identity: { accountId: "210987654321", arn: "arn:aws:iam::210987654321:user/other" },
      regions: [
        {
          ...CONNECTED.regions[0]!,
          checks: [
            {
              api: "Logs Insights",
              action: "logs:StartQuery",
              status: "missing",
              code: "AccessDeniedException",
              message: "not authorized to perform logs:StartQuery",
            },
          ],
        },
      ],
    };
    const { deps } = fakeDeps([detail()], missing);
    const result = await runAccounts(args(`test --id ${ID}`), deps);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`NOT ${ID}`);
    expect(result.stdout).toMatch(/logs:StartQuery\s+MISSING\s+AccessDeniedException/);
    expect(result.stderr).toMatch(/found a problem/);
  });

  it("prints a connection error", async () => {
    const failed: ConnectionTestResultView = {
      identity: null,
      isAccountMatching: false,
      error: { code: "AWS_ACCESS_DENIED", message: "No AWS credentials were found" },
      regions: [],
      estimate: null,
    };
    const { deps } = fakeDeps([detail()], failed);
    const result = await runAccounts(args(`test --id ${ID}`), deps);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe("Could not connect: No AWS credentials were found (AWS_ACCESS_DENIED)\n");
  });
});

describe("accounts usage", () => {
  it("no command is exit 2 with the usage; --help is 0; an unknown command is 2", async () => {
    const { deps } = fakeDeps();
    expect((await runAccounts([], deps)).exitCode).toBe(2);
    const help = await runAccounts(["--help"], deps);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain("accounts <command>");
    const unknown = await runAccounts(["rename"], deps);
    expect(unknown).toMatchObject({ exitCode: 2 });
    expect(unknown.stderr).toMatch(/unknown accounts command "rename"/);
  });
});
