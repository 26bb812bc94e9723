import type { FunctionConfiguration, ProvisionedConcurrencyConfigListItem } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import listFunctions from "./__fixtures__/lambda-list-functions.json";
import listPc from "./__fixtures__/lambda-list-provisioned-concurrency-configs.json";
import listTags from "./__fixtures__/lambda-list-tags.json";
import { AwsResponseShapeError } from "./errors";
import {
  mapLambdaFunction,
  mapLambdaTags,
  mapProvisionedConcurrencyConfigs,
  parseLambdaArn,
} from "./map-lambda";

const functions = listFunctions.Functions as FunctionConfiguration[];
const byName = (name: string) => functions.find((fn) => fn.FunctionName === name) as FunctionConfiguration;

describe("mapLambdaFunction", () => {
  it("maps a Zip x86_64 function (tags and provisioned concurrency unknown until filled)", () => {
    expect(mapLambdaFunction(byName("orders-api"), "us-east-1")).toEqual({
      arn: "arn:aws:lambda:us-east-1:123456789012:function:orders-api",
      accountId: "123456789012",
      region: "us-east-1",
      name: "orders-api",
      runtime: "nodejs20.x",
      architecture: "x86_64",
      memoryMb: 1024,
      timeoutSeconds: 30,
      ephemeralStorageMb: 512,
      packageType: "Zip",
      snapStart: false,
      tags: null,
      provisionedConcurrency: null,
    });
  });

  it("reads arm64 from Architectures[0] and SnapStart ApplyOn PublishedVersions as true", () => {
    const fn = mapLambdaFunction(byName("invoice-renderer"), "us-east-1");
    expect(fn).toMatchObject({
      architecture: "arm64",
      snapStart: true,
      memoryMb: 2048,
      ephemeralStorageMb: 2048,
    });
  });

  it("maps a container image function with no runtime to runtime null", () => {
    expect(mapLambdaFunction(byName("thumbnailer"), "us-east-1")).toMatchObject({
      runtime: null,
      packageType: "Image",
      timeoutSeconds: 900,
      ephemeralStorageMb: 10240,
    });
  });

  it("defaults an old function without Architectures, PackageType or EphemeralStorage to x86_64, Zip, 512 MB", () => {
    expect(mapLambdaFunction(byName("legacy-cron"), "us-east-1")).toMatchObject({
      architecture: "x86_64",
      packageType: "Zip",
      ephemeralStorageMb: 512,
      snapStart: false,
    });
  });

  it("strips a qualifier from the ARN", () => {
    const fn = mapLambdaFunction(
      {
        ...byName("orders-api"),
        FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:orders-api:prod",
      },
      "us-east-1",
    );
    expect(fn.arn).toBe("arn:aws:lambda:us-east-1:123456789012:function:orders-api");
  });

  it("refuses a function without MemorySize instead of guessing (unknown is not a default)", () => {
    const { MemorySize: _memory, ...withoutMemory } = byName("orders-api");
    expect(() => mapLambdaFunction(withoutMemory, "us-east-1")).toThrow(AwsResponseShapeError);
    expect(() => mapLambdaFunction(withoutMemory, "us-east-1")).toThrow(/MemorySize/);
  });
});

describe("mapProvisionedConcurrencyConfigs", () => {
  it("takes the qualifier from each qualified ARN; allocated unknown while IN_PROGRESS", () => {
    const items = listPc.ProvisionedConcurrencyConfigs as ProvisionedConcurrencyConfigListItem[];
    expect(mapProvisionedConcurrencyConfigs(items)).toEqual([
      { qualifier: "7", requestedCount: 5, allocatedCount: null, status: "IN_PROGRESS" },
      { qualifier: "canary", requestedCount: 2, allocatedCount: 0, status: "FAILED" },
      { qualifier: "prod", requestedCount: 10, allocatedCount: 10, status: "READY" },
    ]);
  });

  it("skips an item whose ARN has no qualifier or no requested count", () => {
    expect(
      mapProvisionedConcurrencyConfigs([
        {
          FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:x",
          RequestedProvisionedConcurrentExecutions: 1,
        },
        { FunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:x:live" },
      ]),
    ).toEqual([]);
  });
});

describe("mapLambdaTags / parseLambdaArn", () => {
  it("keeps ListTags' map as is, and undefined as no tags", () => {
    expect(mapLambdaTags(listTags.Tags)).toEqual({
      team: "payments",
      env: "prod",
      "aws:cloudformation:stack-name": "orders",
    });
    expect(mapLambdaTags(undefined)).toEqual({});
  });

  it("parses partition, region, account, name and qualifier", () => {
    expect(parseLambdaArn("arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f_1:$LATEST")).toEqual({
      partition: "aws-us-gov",
      region: "us-gov-west-1",
      accountId: "123456789012",
      name: "f_1",
      qualifier: "$LATEST",
      unqualifiedArn: "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f_1",
    });
    expect(parseLambdaArn("arn:aws:ecs:us-east-1:123456789012:service/x")).toBeNull();
  });
});
