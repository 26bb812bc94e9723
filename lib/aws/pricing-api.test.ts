/**
 * The SDK path against a fake Price List API on 127.0.0.1 (no other network): pagination,
 * throttling retries, missing credentials, and a full `prices:refresh` run into a temp dir.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import lambdaFixture from "./__fixtures__/price-list-lambda-us-east-1.json";
import ecsFixture from "./__fixtures__/price-list-ecs-us-east-1.json";
import elbFixture from "./__fixtures__/price-list-elb-us-east-1.json";
import apiFixture from "./__fixtures__/price-list-apigateway-us-east-1.json";
import {
  PriceListApiError,
  assertCredentials,
  createPricingClient,
  fetchProducts,
  fetchRegionPriceList,
} from "./pricing-api";
import { runPricesRefresh } from "@/scripts/prices-refresh";
import { DEFAULT_PRICE_BOOK } from "@/lib/pricing/default-price-book";
import { mapPriceBook } from "@/lib/pricing/price-book";

type Fixture = { pages: { PriceList: string[]; NextToken?: string }[] };
const FIXTURES: Record<string, Fixture> = {
  AWSLambda: lambdaFixture,
  AmazonECS: ecsFixture,
  AWSELB: elbFixture,
  AmazonApiGateway: apiFixture,
};

type Received = { target: string; body: Record<string, unknown>; authorization: string };
const received: Received[] = [];
let throttleNext = 0;
let server: http.Server;
let endpoint = "";

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    request.on("end", () => {
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      received.push({
        target: String(request.headers["x-amz-target"]),
        body,
        authorization: String(request.headers.authorization ?? ""),
      });
      if (throttleNext > 0) {
        throttleNext -= 1;
        response.writeHead(400, {
          "content-type": "application/x-amz-json-1.1",
          "x-amzn-errortype": "ThrottlingException",
        });
        response.end(JSON.stringify({ __type: "ThrottlingException", message: "Rate exceeded" }));
        return;
      }
      const filters = (body.Filters ?? []) as { Field: string; Value: string }[];
      const region = filters.find((filter) => filter.Field === "regionCode")?.Value;
      const fixture = region === "us-east-1" ? FIXTURES[String(body.ServiceCode)] : undefined;
      const pageIndex = body.NextToken === "fixture-page-2" ? 1 : 0;
      const page = fixture?.pages[pageIndex] ?? { PriceList: [] };
      response.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
      response.end(
        JSON.stringify({ FormatVersion: "aws_v1", PriceList: page.PriceList, NextToken: page.NextToken }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function stubDummyCredentials(): void {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDTESTDUMMY0000000");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "dummy-secret-for-a-local-fake");
  vi.stubEnv("AWS_SESSION_TOKEN", "");
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
}

afterEach(() => {
  vi.unstubAllEnvs();
  received.length = 0;
  throttleNext = 0;
});

describe("Price List API client", () => {
  it("signs with the default provider chain and follows NextToken", async () => {
    stubDummyCredentials();
    const client = createPricingClient({ endpoint });
    const entries = await fetchProducts(client, "AWSLambda", [
      { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
    ]);
    expect(entries).toHaveLength(10);
    expect(received.map((request) => request.body.NextToken ?? null)).toEqual([null, "fixture-page-2"]);
    expect(received[0]?.target).toBe("AWSPriceListService.GetProducts");
    expect(received[0]?.body).toMatchObject({
      ServiceCode: "AWSLambda",
      FormatVersion: "aws_v1",
      MaxResults: 100,
    });
    expect(received[0]?.authorization).toContain("Credential=AKIDTESTDUMMY0000000/");
  });

  it("retries throttled calls", async () => {
    stubDummyCredentials();
    throttleNext = 2;
    const client = createPricingClient({ endpoint, maxAttempts: 5 });
    const entries = await fetchProducts(client, "AmazonECS", [
      { Type: "TERM_MATCH", Field: "regionCode", Value: "us-east-1" },
    ]);
    expect(entries).toHaveLength(9);
    expect(received).toHaveLength(3);
  });

  it("gives up with a clear error after the last attempt", async () => {
    stubDummyCredentials();
    throttleNext = 10;
    const client = createPricingClient({ endpoint, maxAttempts: 2 });
    await expect(fetchProducts(client, "AmazonECS", [])).rejects.toMatchObject({ code: "THROTTLED" });
  });

  it("maps a whole region", async () => {
    stubDummyCredentials();
    const mapped = await fetchRegionPriceList(createPricingClient({ endpoint }), "us-east-1");
    expect(mapped.issues).toEqual([]);
    expect(mapped.rates).toHaveLength(30);
    const lambdaQuery = received.find((request) => request.body.ServiceCode === "AWSLambda");
    expect(lambdaQuery?.body.Filters).toContainEqual(
      expect.objectContaining({ Type: "ANY_OF", Field: "group" }),
    );
  });

  it("fails clearly, before any call, when there are no credentials", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "breakeven-aws-"));
    writeFileSync(path.join(empty, "config"), "");
    writeFileSync(path.join(empty, "credentials"), "");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "");
    vi.stubEnv("AWS_SESSION_TOKEN", "");
    vi.stubEnv("AWS_PROFILE", "breakeven-test-no-such-profile");
    vi.stubEnv("AWS_CONFIG_FILE", path.join(empty, "config"));
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", path.join(empty, "credentials"));
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    vi.stubEnv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "");
    vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "");
    vi.stubEnv("AWS_WEB_IDENTITY_TOKEN_FILE", "");
    try {
      const client = createPricingClient({ endpoint });
      const error = await assertCredentials(client).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PriceListApiError);
      expect((error as PriceListApiError).code).toBe("NO_CREDENTIALS");
      expect((error as Error).message).toMatch(/^No AWS credentials found\. Set AWS_PROFILE/);
      expect(received).toHaveLength(0);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("prices:refresh", () => {
  it("writes a new versioned snapshot that loads, and never logs credentials", async () => {
    stubDummyCredentials();
    const dir = mkdtempSync(path.join(os.tmpdir(), "breakeven-prices-"));
    const lines: string[] = [];
    try {
      const outFile = path.join(dir, "aws-prices-2026-12-01.json");
      const result = await runPricesRefresh({
        regions: ["us-east-1", "eu-west-1"],
        outFile,
        isDryRun: false,
        shouldActivate: false,
        isOverwriteAllowed: false,
        endpoint,
        today: "2026-12-01",
        previousBook: DEFAULT_PRICE_BOOK,
        log: (line) => lines.push(line),
      });
      const written = mapPriceBook(JSON.parse(readFileSync(outFile, "utf8")));
      expect(written.version).toBe("aws-prices-2026-12-01");
      expect(written.regions["us-east-1"]!.rates["lambda.x86_64.duration.tier-1"]).toMatchObject({
        usd: 0.0000166667,
        source: "PRICE-LIST-API",
        retrievedOn: "2026-12-01",
        confidence: "price-list",
      });
      // The fake returns nothing for eu-west-1: its rates are carried over untouched, not dropped or zeroed.
      expect(written.regions["eu-west-1"]).toEqual(DEFAULT_PRICE_BOOK.regions["eu-west-1"]);
      // SnapStart is not queried: carried over with its original provenance.
      expect(written.regions["us-east-1"]!.rates["lambda.x86_64.snapstart-cache"]).toEqual(
        DEFAULT_PRICE_BOOK.regions["us-east-1"]!.rates["lambda.x86_64.snapstart-cache"],
      );
      expect(result.changes.filter((change) => change.status === "changed")).toEqual([]);
      expect(lines.join("\n")).not.toMatch(/AKIDTESTDUMMY|dummy-secret/);
      expect(lines.at(-2)).toMatch(/^wrote /);
      // Snapshots are never overwritten without --force.
      await expect(
        runPricesRefresh({
          regions: ["us-east-1"],
          outFile,
          isDryRun: false,
          shouldActivate: false,
          isOverwriteAllowed: false,
          endpoint,
          today: "2026-12-01",
          previousBook: DEFAULT_PRICE_BOOK,
          log: () => {},
        }),
      ).rejects.toThrow(/exists; pass --out or --force/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
