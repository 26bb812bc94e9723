import { describe, expect, it } from "vitest";
import { CallCounter, createAwsClients, memoizeCredentials, toOperationName } from "./clients";

describe("CallCounter", () => {
  it("counts per api and in total", () => {
    const calls = new CallCounter();
    calls.add("lambda:ListFunctions");
    calls.add("lambda:ListFunctions");
    calls.add("cloudwatch:GetMetricData", 3);
    expect(calls.counts()).toEqual({ "cloudwatch:GetMetricData": 3, "lambda:ListFunctions": 2 });
    expect(calls.total()).toBe(5);
  });

  it("operation names from command names", () => {
    expect(toOperationName("ListFunctionsCommand")).toBe("ListFunctions");
    expect(toOperationName("GetMetricData")).toBe("GetMetricData");
    expect(toOperationName(undefined)).toBe("Unknown");
  });
});

describe("memoizeCredentials", () => {
  const base = { accessKeyId: "test-key", secretAccessKey: "test-secret" };

  it("resolves once for concurrent and later callers while the credentials are fresh", async () => {
    let resolutions = 0;
    const provider = memoizeCredentials(async () => {
      resolutions += 1;
      return { ...base, expiration: new Date(Date.now() + 3_600_000) };
    });
    await Promise.all([provider(), provider(), provider()]);
    await provider();
    expect(resolutions).toBe(1);
  });

  it("refreshes within 5 minutes of expiry, and does not cache a failure", async () => {
    let nowMs = 0;
    let resolutions = 0;
    const provider = memoizeCredentials(
      async () => {
        resolutions += 1;
        if (resolutions === 2) throw new Error("sts down");
        return { ...base, expiration: new Date(nowMs + 3_600_000) };
      },
      () => nowMs,
    );
    await provider();
    nowMs = 56 * 60_000;
    await expect(provider()).rejects.toThrow("sts down");
    await provider();
    expect(resolutions).toBe(3);
  });
});

describe("createAwsClients", () => {
  it("builds the five clients of a region, adaptive retries, no endpoint override, one shared counter per account and region", async () => {
    const calls = new CallCounter();
    const clients = createAwsClients({}, "eu-west-1", { maxAttempts: 3, calls });
    expect(clients.region).toBe("eu-west-1");
    expect(clients.calls).toBe(calls);
    for (const client of [clients.lambda, clients.ecs, clients.cloudwatch, clients.logs, clients.sts]) {
      expect(await client.config.region()).toBe("eu-west-1");
      expect(await client.config.maxAttempts()).toBe(3);
      expect(client.config.retryMode).toBe("adaptive");
      expect(client.config.isCustomEndpoint).toBe(false);
      expect(
        client.middlewareStack.identify().some((entry) => entry.startsWith("breakevenCallCounter")),
      ).toBe(true);
    }
  });
});
