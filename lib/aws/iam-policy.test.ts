import { describe, expect, it } from "vitest";
import policy from "@/docs/iam-policy.json";
import {
  COMPUTE_OPTIMIZER_IAM_ACTIONS,
  COST_EXPLORER_IAM_ACTIONS,
  LOGS_INSIGHTS_IAM_ACTIONS,
  SYNC_IAM_ACTIONS,
} from "./probe";

type Statement = { Sid: string; Effect: string; Action: string[]; Resource: string | string[] };
const statements = policy.Statement as Statement[];
const resources = (statement: Statement) =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];

describe("docs/iam-policy.json", () => {
  it("grants exactly the actions the sync calls (SYNC_IAM_ACTIONS), each once", () => {
    const actions = statements.flatMap((statement) => statement.Action);
    expect(new Set(actions).size).toBe(actions.length);
    expect([...actions].sort()).toEqual([...SYNC_IAM_ACTIONS].sort());
  });

  it("allows only, with no wildcard action", () => {
    for (const statement of statements) {
      expect(statement.Effect).toBe("Allow");
      for (const action of statement.Action) expect(action).toMatch(/^[a-z-]+:[A-Za-z]+$/);
    }
  });

  it("scopes the actions that support resource-level permissions", () => {
    const resourceOf = (action: string) =>
      statements.filter((statement) => statement.Action.includes(action)).flatMap(resources);
    expect(resourceOf("lambda:ListTags")).toEqual(["arn:aws:lambda:*:*:function:*"]);
    expect(resourceOf("lambda:ListProvisionedConcurrencyConfigs")).toEqual(["arn:aws:lambda:*:*:function:*"]);
    expect(resourceOf("ecs:DescribeServices")).toEqual(["arn:aws:ecs:*:*:service/*"]);
    expect(resourceOf("logs:StartQuery")).toEqual(["arn:aws:logs:*:*:log-group:/aws/lambda/*"]);
  });

  it("keeps the Logs Insights actions in statements of their own whose Sid says they are optional", () => {
    const logs = statements.filter((statement) =>
      statement.Action.some((action) => action.startsWith("logs:")),
    );
    expect(logs.flatMap((statement) => statement.Action).sort()).toEqual(
      [...LOGS_INSIGHTS_IAM_ACTIONS].sort(),
    );
    for (const statement of logs) {
      expect(statement.Sid).toMatch(/^Optional/);
      expect(statement.Action.every((action) => action.startsWith("logs:"))).toBe(true);
    }
  });

  it("keeps the Cost Explorer actions in a statement of their own (the per-account switch turns them off)", () => {
    const ce = statements.filter((statement) => statement.Action.some((action) => action.startsWith("ce:")));
    expect(ce).toHaveLength(1);
    expect(ce[0]?.Action).toEqual([...COST_EXPLORER_IAM_ACTIONS]);
    // Cost Explorer has no per-resource scoping for a plain read of the bill.
    expect(resources(ce[0]!)).toEqual(["*"]);
  });

  it("keeps the Compute Optimizer actions in one optional statement (the sync goes on without them)", () => {
    const co = statements.filter((statement) =>
      statement.Action.some((action) => action.startsWith("compute-optimizer:")),
    );
    expect(co).toHaveLength(1);
    expect(co[0]?.Sid).toMatch(/^Optional/);
    expect(co[0]?.Action).toEqual([...COMPUTE_OPTIMIZER_IAM_ACTIONS]);
    expect(resources(co[0]!)).toEqual(["*"]);
  });
});
