import { describe, expect, it } from "vitest";
import {
  mapUsageTypeToComponent,
  toFargateUsageType,
  toLambdaUsageType,
  toUsageTypePrefix,
  toRegionOfUsageType,
  toUsageUnit,
} from "./usage-types";

describe("mapUsageTypeToComponent", () => {
  it.each([
    // Lambda, us-east-1 (no prefix) and elsewhere, x86 and ARM (docs/aws-facts.md §7.3)
    ["Request", "requests"],
    ["Request-ARM", "requests"],
    ["EU-Request-ARM", "requests"],
    ["Lambda-GB-Second", "duration"],
    ["Lambda-GB-Second-ARM", "duration"],
    ["APS2-Lambda-GB-Second", "duration"],
    ["USE2-Lambda-GB-Second-ARM", "duration"],
    ["Lambda-Provisioned-Concurrency", "provisioned-concurrency"],
    ["EU-Lambda-Provisioned-Concurrency-ARM", "provisioned-concurrency"],
    ["Lambda-Provisioned-GB-Second", "provisioned-duration"],
    ["APS2-Lambda-Provisioned-GB-Second-ARM", "provisioned-duration"],
    ["Lambda-Storage-GB-Second", "ephemeral-storage"],
    ["Lambda-Storage-GB-Second-ARM", "ephemeral-storage"],
    ["Lambda-Streaming-Response-Processed-Bytes", "streaming"],
    ["Lambda-Edge-Request", "requests"],
    ["Lambda-Edge-GB-Second", "duration"],
    // Free-tier rows in the price list
    ["Global-Request", "requests"],
    ["Global-Lambda-GB-Second", "duration"],
    // Fargate: every variant has its own exact pattern
    ["USE1-Fargate-vCPU-Hours:perCPU", "vcpu"],
    ["USE1-Fargate-GB-Hours", "memory"],
    ["USE1-Fargate-ARM-vCPU-Hours:perCPU", "vcpu"],
    ["USE1-Fargate-ARM-GB-Hours", "memory"],
    ["EU-Fargate-Windows-vCPU-Hours:perCPU", "vcpu"],
    ["EU-Fargate-Windows-GB-Hours", "memory"],
    ["USE1-Fargate-Windows-OS-Hours:perCPU", "os-license"],
    ["USE1-SpotUsage-Fargate-vCPU-Hours:perCPU", "vcpu"],
    ["APS2-SpotUsage-Fargate-GB-Hours", "memory"],
    ["USE1-SpotUsage-Fargate-ARM-vCPU-Hours:perCPU", "vcpu"],
    ["USE1-Fargate-EphemeralStorage-GB-Hours", "ephemeral-storage"],
    // Front doors and Savings Plans
    ["USE1-LoadBalancerUsage", "front-door"],
    ["EU-LCUUsage", "front-door"],
    ["USE1-ApiGatewayHttpRequest", "front-door"],
    ["ComputeSP:1yrNoUpfront", "savings-plan"],
  ])("%s → %s", (usageType, component) => {
    expect(mapUsageTypeToComponent(usageType)).toBe(component);
  });

  it.each([
    "USE1-ECS-EC2-vCPU-Hours", // zero-priced ECS-on-EC2 metering is not Fargate vCPU
    "USE1-DataTransfer-Out-Bytes",
    "Lambda-Managed-Instances-Fee", // a future Lambda type must not pass as duration
    "Lambda-GB-Second-Foo",
    "",
  ])("buckets %j as other instead of guessing", (usageType) => {
    expect(mapUsageTypeToComponent(usageType)).toBe("other");
  });
});

describe("toLambdaUsageType", () => {
  it("has no prefix in us-east-1, the region prefix elsewhere, -ARM for arm64", () => {
    expect(toLambdaUsageType("us-east-1", "x86_64", "requests")).toBe("Request");
    expect(toLambdaUsageType("us-east-1", "arm64", "duration")).toBe("Lambda-GB-Second-ARM");
    expect(toLambdaUsageType("eu-west-1", "x86_64", "provisioned-concurrency")).toBe(
      "EU-Lambda-Provisioned-Concurrency",
    );
    expect(toLambdaUsageType("ap-southeast-2", "arm64", "provisioned-duration")).toBe(
      "APS2-Lambda-Provisioned-GB-Second-ARM",
    );
    expect(toLambdaUsageType("ap-southeast-2", "x86_64", "ephemeral-storage")).toBe(
      "APS2-Lambda-Storage-GB-Second",
    );
  });

  it("builds usage types the mapper understands", () => {
    for (const region of ["us-east-1", "eu-west-1", "ap-southeast-2"]) {
      for (const arch of ["x86_64", "arm64"] as const) {
        for (const kind of [
          "requests",
          "duration",
          "provisioned-concurrency",
          "provisioned-duration",
          "ephemeral-storage",
        ] as const) {
          expect(mapUsageTypeToComponent(toLambdaUsageType(region, arch, kind))).toBe(kind);
        }
      }
    }
  });
});

describe("toFargateUsageType", () => {
  it("always carries a region prefix, including USE1- in us-east-1", () => {
    const linux = { architecture: "x86_64", os: "linux", isSpot: false } as const;
    expect(toFargateUsageType("us-east-1", linux, "vcpu")).toBe("USE1-Fargate-vCPU-Hours:perCPU");
    expect(toFargateUsageType("eu-west-1", linux, "memory")).toBe("EU-Fargate-GB-Hours");
    expect(toFargateUsageType("ap-southeast-2", linux, "ephemeral-storage")).toBe(
      "APS2-Fargate-EphemeralStorage-GB-Hours",
    );
  });

  it("names ARM, Windows and Spot variants", () => {
    expect(
      toFargateUsageType("us-east-1", { architecture: "arm64", os: "linux", isSpot: false }, "vcpu"),
    ).toBe("USE1-Fargate-ARM-vCPU-Hours:perCPU");
    expect(
      toFargateUsageType("us-east-1", { architecture: "arm64", os: "linux", isSpot: true }, "vcpu"),
    ).toBe("USE1-SpotUsage-Fargate-ARM-vCPU-Hours:perCPU");
    expect(
      toFargateUsageType("us-east-1", { architecture: "x86_64", os: "linux", isSpot: true }, "memory"),
    ).toBe("USE1-SpotUsage-Fargate-GB-Hours");
    const windows = { architecture: "x86_64", os: "windows", isSpot: false } as const;
    expect(toFargateUsageType("eu-west-1", windows, "vcpu")).toBe("EU-Fargate-Windows-vCPU-Hours:perCPU");
    expect(toFargateUsageType("eu-west-1", windows, "os-license")).toBe("EU-Fargate-Windows-OS-Hours:perCPU");
  });

  it("refuses combinations AWS does not sell", () => {
    expect(() =>
      toFargateUsageType("us-east-1", { architecture: "x86_64", os: "windows", isSpot: true }, "vcpu"),
    ).toThrow();
    expect(() =>
      toFargateUsageType("us-east-1", { architecture: "x86_64", os: "linux", isSpot: false }, "os-license"),
    ).toThrow();
  });
});

describe("toUsageTypePrefix / toUsageUnit", () => {
  it("knows the demo regions and refuses unknown ones", () => {
    expect(toUsageTypePrefix("us-east-1", "lambda")).toBe("");
    expect(toUsageTypePrefix("us-east-1", "fargate")).toBe("USE1-");
    expect(toUsageTypePrefix("ap-southeast-2", "lambda")).toBe("APS2-");
    expect(() => toUsageTypePrefix("xx-nowhere-1", "lambda")).toThrow(/xx-nowhere-1/);
  });

  it("reports the Cost Explorer unit", () => {
    expect(toUsageUnit("Request-ARM")).toBe("Requests");
    expect(toUsageUnit("EU-Lambda-GB-Second")).toBe("Lambda-GB-Second");
    expect(toUsageUnit("USE1-Fargate-GB-Hours")).toBe("GB-Hours");
    expect(toUsageUnit("USE1-Fargate-vCPU-Hours:perCPU")).toBe("Hrs");
    expect(toUsageUnit("USE1-DataTransfer-Out-Bytes")).toBeNull();
  });
});

describe("toRegionOfUsageType", () => {
  it.each([
    ["Request", "us-east-1"], // us-east-1 Lambda: no prefix (docs/aws-facts.md §7.3)
    ["Lambda-GB-Second-ARM", "us-east-1"],
    ["USE1-Fargate-GB-Hours", "us-east-1"],
    ["USE2-Lambda-GB-Second", "us-east-2"],
    ["EU-Lambda-GB-Second", "eu-west-1"],
    ["APS2-SpotUsage-Fargate-GB-Hours", "ap-southeast-2"],
    ["EUC1-LCUUsage", "eu-central-1"],
    ["Global-Request", "global"],
    ["NoUsageType", "global"],
    ["", "global"],
    ["ZZZ9-Lambda-GB-Second", "unknown"], // a prefix we have no table entry for: never a guess
  ])("%j → %s", (usageType, region) => {
    expect(toRegionOfUsageType(usageType)).toBe(region);
  });

  it("reads back the prefix toLambdaUsageType and toFargateUsageType write", () => {
    const linux = { architecture: "x86_64", os: "linux", isSpot: false } as const;
    for (const region of ["us-east-1", "eu-west-1", "ap-south-1", "sa-east-1"]) {
      expect(toRegionOfUsageType(toLambdaUsageType(region, "arm64", "duration"))).toBe(region);
      expect(toRegionOfUsageType(toFargateUsageType(region, linux, "vcpu"))).toBe(region);
    }
  });
});
