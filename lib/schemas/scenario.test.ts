import { describe, expect, it } from "vitest";
import { toScenarioListItem, toScenarioSearchParams, type Scenario } from "./scenario";
import { DEFAULT_WORKLOAD_INPUT, parseWorkloadSearchParams } from "./workload";

const scenario: Scenario = {
  id: "cm0scenario",
  name: "Go rewrite",
  input: { ...DEFAULT_WORKLOAD_INPUT, memoryMb: 1024, architecture: "arm64", durationFactor: 0.25 },
  inputWarnings: [],
  createdAt: "2026-11-20T10:00:00.000Z",
  updatedAt: "2026-11-21T10:00:00.000Z",
};

describe("toScenarioListItem", () => {
  it("keeps what the saved list shows and drops the full inputs", () => {
    const item = toScenarioListItem(scenario);
    expect(Object.keys(item).sort()).toEqual(
      ["id", "inputWarnings", "name", "openSearchParams", "summaryInput", "updatedAt"].sort(),
    );
    expect(Object.keys(item.summaryInput)).toHaveLength(7);
    expect(item.summaryInput).toMatchObject({ memoryMb: 1024, architecture: "arm64", durationFactor: 0.25 });
    expect(JSON.stringify(item).length).toBeLessThan(JSON.stringify(scenario).length / 2);
  });

  it("links to the scenario with every input, so opening it needs nothing else", () => {
    const params = new URLSearchParams(toScenarioListItem(scenario).openSearchParams);
    expect(params.get("id")).toBe(scenario.id);
    expect(parseWorkloadSearchParams(params).input).toEqual(scenario.input);
    expect(params.toString()).toBe(toScenarioSearchParams(scenario.input, scenario.id).toString());
  });
});
