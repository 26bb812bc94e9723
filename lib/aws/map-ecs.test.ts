import type { Service, TaskDefinition } from "@aws-sdk/client-ecs";
import { describe, expect, it } from "vitest";
import describeServices from "./__fixtures__/ecs-describe-services.json";
import describeTaskDefinitions from "./__fixtures__/ecs-describe-task-definitions.json";
import {
  computeCapacityWeights,
  isFargateService,
  mapFargateService,
  parseCpuUnits,
  parseMemoryMb,
  serviceTaskDefinitionArn,
} from "./map-ecs";

// The SDK returns createdAt/registeredAt as Date; the mappers do not read them, so the JSON strings stay.
const services = describeServices.services as unknown as Service[];
const taskDefinitions = describeTaskDefinitions.map(
  (response) => response.taskDefinition,
) as unknown as TaskDefinition[];
const service = (name: string) => services.find((item) => item.serviceName === name) as Service;
const taskDefinitionOf = (svc: Service) =>
  taskDefinitions.find((td) => td.taskDefinitionArn === svc.taskDefinition) as TaskDefinition;

describe("isFargateService", () => {
  it.each([
    ["checkout", true, "launch type FARGATE"],
    ["worker", true, "FARGATE + FARGATE_SPOT strategy"],
    ["reports", true, "FARGATE_SPOT only strategy"],
    ["legacy-ec2", false, "launch type EC2"],
    ["mixed-asg", false, "a strategy with an Auto Scaling group provider"],
  ])("%s → %s (%s)", (name, expected) => {
    expect(isFargateService(service(name))).toBe(expected);
  });

  it("a service with neither launch type nor strategy is not Fargate", () => {
    expect(isFargateService({ serviceName: "x" })).toBe(false);
  });
});

describe("mapFargateService", () => {
  it("maps a FARGATE launch-type Linux x86 service with tags (on-demand weight 1, Spot 0, 20 GiB storage)", () => {
    const svc = service("checkout");
    expect(mapFargateService(svc, taskDefinitionOf(svc), "eu-west-1")).toEqual({
      arn: "arn:aws:ecs:eu-west-1:123456789012:service/prod/checkout",
      accountId: "123456789012",
      region: "eu-west-1",
      clusterName: "prod",
      name: "checkout",
      taskDefinitionArn: "arn:aws:ecs:eu-west-1:123456789012:task-definition/checkout:12",
      cpuUnits: 512,
      memoryMb: 1024,
      os: "linux",
      architecture: "x86_64",
      ephemeralStorageGb: 20,
      onDemandWeight: 1,
      spotWeight: 0,
      desiredCount: 4,
      runningCount: 3,
      tags: { team: "payments", env: "prod" },
    });
  });

  it("maps an ARM64 service on a FARGATE 1 / FARGATE_SPOT 3 strategy with 50 GiB storage", () => {
    const svc = service("worker");
    expect(mapFargateService(svc, taskDefinitionOf(svc), "eu-west-1")).toMatchObject({
      architecture: "arm64",
      os: "linux",
      cpuUnits: 1024,
      memoryMb: 2048,
      ephemeralStorageGb: 50,
      onDemandWeight: 1,
      spotWeight: 3,
      tags: {},
    });
  });

  it("maps a Windows service whose Spot provider has only a base (weight 0) to Spot weight 1", () => {
    const svc = service("reports");
    expect(mapFargateService(svc, taskDefinitionOf(svc), "eu-west-1")).toMatchObject({
      os: "windows",
      architecture: "x86_64",
      onDemandWeight: 0,
      spotWeight: 1,
    });
  });

  it("returns null for a non-Fargate service or a task definition without task-level cpu/memory", () => {
    const checkout = service("checkout");
    expect(mapFargateService(service("legacy-ec2"), taskDefinitionOf(checkout), "eu-west-1")).toBeNull();
    const { cpu: _cpu, ...withoutCpu } = taskDefinitionOf(checkout);
    expect(mapFargateService(checkout, withoutCpu, "eu-west-1")).toBeNull();
  });
});

describe("computeCapacityWeights / parsers", () => {
  it("weights per provider", () => {
    expect(computeCapacityWeights("FARGATE", undefined)).toEqual({ onDemandWeight: 1, spotWeight: 0 });
    expect(
      computeCapacityWeights(undefined, [
        { capacityProvider: "FARGATE", weight: 0, base: 1 },
        { capacityProvider: "FARGATE_SPOT", weight: 0, base: 0 },
      ]),
    ).toEqual({ onDemandWeight: 1, spotWeight: 0 });
    expect(
      computeCapacityWeights(undefined, [
        { capacityProvider: "FARGATE", weight: 0, base: 2 },
        { capacityProvider: "FARGATE_SPOT", weight: 4 },
      ]),
    ).toEqual({ onDemandWeight: 0, spotWeight: 4 });
  });

  it("task cpu and memory strings", () => {
    expect(parseCpuUnits("256")).toBe(256);
    expect(parseCpuUnits("0.25 vCPU")).toBe(256);
    expect(parseCpuUnits("1 vcpu")).toBe(1024);
    expect(parseCpuUnits("")).toBeNull();
    expect(parseCpuUnits("0")).toBeNull();
    expect(parseMemoryMb("512")).toBe(512);
    expect(parseMemoryMb("2 GB")).toBe(2048);
    expect(parseMemoryMb("0.5GB")).toBe(512);
    expect(parseMemoryMb("lots")).toBeNull();
  });

  it("takes the PRIMARY task set's task definition when the service has none (CODE_DEPLOY)", () => {
    expect(
      serviceTaskDefinitionArn({
        taskSets: [
          { status: "ACTIVE", taskDefinition: "arn:td/new:2" },
          { status: "PRIMARY", taskDefinition: "arn:td/old:1" },
        ],
      }),
    ).toBe("arn:td/old:1");
    expect(serviceTaskDefinitionArn({})).toBeNull();
  });
});
