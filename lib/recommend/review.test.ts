import { describe, expect, it } from "vitest";
import { DAYS_PER_MONTH } from "@/lib/pricing";
import {
  checkStatusChange,
  computeRealisedMonthlySavingUsd,
  findAppliedAt,
  isProposalApplied,
  planReview,
  REOPEN_SAVING_CHANGE_SHARE,
  type ConfigChangeAt,
  type ResourceConfig,
  type StoredReviewState,
} from "./review";

const ARN = "arn:aws:lambda:us-east-1:111111111111:function:api";
const SVC = "arn:aws:ecs:us-east-1:111111111111:service/main/web";

const lambda = (memoryMb: number, extra: Partial<Extract<ResourceConfig, { resourceKind: "lambda" }>> = {}) =>
  ({
    resourceKind: "lambda",
    memoryMb,
    architecture: "x86_64",
    provisionedConcurrency: 0,
    isDeleted: false,
    ...extra,
  }) as const satisfies ResourceConfig;

const at = (iso: string) => new Date(`${iso}T00:00:00Z`);

function stored(key: string, status: StoredReviewState["status"], extra: Partial<StoredReviewState> = {}) {
  return { key, status, decidedSavingUsd: null, decidedProposedJson: null, appliedAt: null, ...extra };
}

describe("status changes a person may make", () => {
  it("needs a reason to dismiss, and trims it", () => {
    expect(checkStatusChange("open", { status: "dismissed" })).toEqual({
      ok: false,
      problem: "reason",
      message: "Say why the recommendation is dismissed.",
    });
    expect(checkStatusChange("open", { status: "dismissed", reason: "   " }).ok).toBe(false);
    expect(
      checkStatusChange("open", { status: "dismissed", reason: "  batch job, latency matters " }),
    ).toEqual({
      ok: true,
      reason: "batch job, latency matters",
    });
  });

  it("marks done only what was accepted, and refuses the same status again", () => {
    expect(checkStatusChange("open", { status: "done" }).ok).toBe(false);
    expect(checkStatusChange("accepted", { status: "done" })).toEqual({ ok: true, reason: null });
    expect(checkStatusChange("accepted", { status: "accepted" }).ok).toBe(false);
  });

  it("lets any decided item be reopened", () => {
    for (const from of ["accepted", "dismissed", "done"] as const)
      expect(checkStatusChange(from, { status: "open" })).toEqual({ ok: true, reason: null });
  });
});

describe("is the proposal in place?", () => {
  it("matches memory (and architecture when the proposal names it)", () => {
    const proposed = { memoryMb: 512, architecture: "x86_64" };
    expect(isProposalApplied("lambda-memory", proposed, lambda(512))).toBe(true);
    expect(isProposalApplied("lambda-memory", proposed, lambda(1024))).toBe(false);
    expect(isProposalApplied("lambda-memory", proposed, lambda(512, { architecture: "arm64" }))).toBe(false);
    expect(isProposalApplied("lambda-memory", proposed, lambda(512, { isDeleted: true }))).toBe(false);
  });

  it("matches arm64, provisioned concurrency, task size and Spot", () => {
    expect(isProposalApplied("lambda-arm64", {}, lambda(512, { architecture: "arm64" }))).toBe(true);
    expect(
      isProposalApplied(
        "provisioned-concurrency",
        { provisionedConcurrency: 0 },
        lambda(512, { provisionedConcurrency: 0 }),
      ),
    ).toBe(true);
    expect(
      isProposalApplied(
        "provisioned-concurrency",
        { provisionedConcurrency: 0 },
        lambda(512, { provisionedConcurrency: 4 }),
      ),
    ).toBe(false);
    const fargate = {
      resourceKind: "fargate",
      cpuUnits: 512,
      memoryMb: 1024,
      spotWeight: 0,
      isDeleted: false,
    } as const;
    expect(isProposalApplied("fargate-right-size", { vcpu: 0.5, memoryGb: 1 }, fargate)).toBe(true);
    expect(isProposalApplied("fargate-right-size", { vcpu: 1, memoryGb: 2 }, fargate)).toBe(false);
    expect(isProposalApplied("fargate-spot", {}, fargate)).toBe(false);
    expect(isProposalApplied("fargate-spot", {}, { ...fargate, spotWeight: 3 })).toBe(true);
  });

  it("never sees a move to another compute service by itself", () => {
    expect(isProposalApplied("lambda-to-fargate", { memoryMb: 512 }, lambda(512))).toBe(false);
  });

  it("dates the change at the start of the latest run of matching configurations", () => {
    const history: ConfigChangeAt[] = [
      { effectiveAt: at("2026-09-01"), config: lambda(512) },
      { effectiveAt: at("2026-10-01"), config: lambda(1024) },
      { effectiveAt: at("2026-11-10"), config: lambda(512) },
      { effectiveAt: at("2026-11-20"), config: lambda(512, { provisionedConcurrency: 0 }) },
    ];
    expect(findAppliedAt("lambda-memory", { memoryMb: 512 }, history)).toEqual(at("2026-11-10"));
    expect(findAppliedAt("lambda-memory", { memoryMb: 512 }, history.slice(0, 2))).toBeNull();
  });
});

describe("what a recomputation does to decided items", () => {
  const key = `lambda-memory:${ARN}`;
  const computed = (monthlySavingUsd: number | null) => [
    { id: key, kind: "lambda-memory" as const, resourceArn: ARN, monthlySavingUsd },
  ];

  it("inserts new keys and keeps the ones no longer produced (not current)", () => {
    const plan = planReview({
      stored: [stored(`lambda-arm64:${ARN}`, "dismissed")],
      computed: computed(10),
      historyByArn: new Map(),
    });
    expect(plan.inserted).toEqual([key]);
    expect(plan.noLongerCurrent).toEqual([`lambda-arm64:${ARN}`]);
    expect(plan.changes).toEqual([]);
  });

  it(`reopens an accepted or dismissed item whose saving moved by more than ${REOPEN_SAVING_CHANGE_SHARE * 100} %`, () => {
    for (const status of ["accepted", "dismissed"] as const) {
      const small = planReview({
        stored: [stored(key, status, { decidedSavingUsd: 100 })],
        computed: computed(100 * (1 + REOPEN_SAVING_CHANGE_SHARE) - 0.01),
        historyByArn: new Map(),
      });
      expect(small.changes).toEqual([]);
      const large = planReview({
        stored: [stored(key, status, { decidedSavingUsd: 100 })],
        computed: computed(100 * (1 - REOPEN_SAVING_CHANGE_SHARE) - 0.01),
        historyByArn: new Map(),
      });
      expect(large.changes).toEqual([expect.objectContaining({ key, fromStatus: status, toStatus: "open" })]);
      expect(large.changes[0]!.reason).toContain("from $100.00 to $74.99");
    }
  });

  it("reopens when the saving becomes unknown, and leaves open and done items alone", () => {
    const unknown = planReview({
      stored: [stored(key, "accepted", { decidedSavingUsd: 50 })],
      computed: computed(null),
      historyByArn: new Map(),
    });
    expect(unknown.changes.map((c) => c.toStatus)).toEqual(["open"]);
    for (const status of ["open", "done"] as const) {
      const plan = planReview({
        stored: [stored(key, status, { decidedSavingUsd: 50 })],
        computed: computed(500),
        historyByArn: new Map(),
      });
      expect(plan.changes).toEqual([]);
    }
  });

  it("makes an accepted item done when the synced configuration has its proposal, produced or not", () => {
    const history = new Map([
      [
        ARN,
        [
          { effectiveAt: at("2026-10-01"), config: lambda(1024) },
          { effectiveAt: at("2026-11-12"), config: lambda(512) },
        ],
      ],
    ]);
    const accepted = stored(key, "accepted", {
      decidedSavingUsd: 40,
      decidedProposedJson: JSON.stringify({ memoryMb: 512, architecture: "x86_64" }),
    });
    const plan = planReview({ stored: [accepted], computed: [], historyByArn: history });
    expect(plan.changes).toEqual([
      expect.objectContaining({ key, fromStatus: "accepted", toStatus: "done" }),
    ]);
    expect(plan.appliedAtByKey.get(key)).toEqual(at("2026-11-12"));
    // Not yet in place: stays accepted.
    const notYet = planReview({
      stored: [{ ...accepted, decidedProposedJson: JSON.stringify({ memoryMb: 256 }) }],
      computed: computed(40),
      historyByArn: history,
    });
    expect(notYet.changes).toEqual([]);
  });

  it("keys with colons in the ARN resolve to the right resource", () => {
    const serviceKey = `fargate-spot:${SVC}`;
    const plan = planReview({
      stored: [stored(serviceKey, "accepted", { decidedSavingUsd: 5, decidedProposedJson: "{}" })],
      computed: [],
      historyByArn: new Map([
        [
          SVC,
          [
            {
              effectiveAt: at("2026-11-01"),
              config: {
                resourceKind: "fargate",
                cpuUnits: 256,
                memoryMb: 512,
                spotWeight: 3,
                isDeleted: false,
              },
            },
          ],
        ],
      ]),
    });
    expect(plan.changes.map((c) => c.toStatus)).toEqual(["done"]);
  });
});

describe("realised saving from the bill", () => {
  const days = (first: string, costs: (number | null)[]) =>
    costs.map((costUsd, i) => ({
      day: new Date(at(first).getTime() + i * 86_400_000).toISOString().slice(0, 10),
      costUsd,
    }));

  it("is the drop in average daily billed cost, as a month, skipping the day of the change", () => {
    // 3 days at $10, the change day at $7, 2 days at $4.
    const series = days("2026-11-01", [10, 10, 10, 7, 4, 4]);
    expect(computeRealisedMonthlySavingUsd(series, new Date("2026-11-04T15:00:00Z"))).toBeCloseTo(
      6 * DAYS_PER_MONTH,
      9,
    );
  });

  it("is unknown without a billed day on each side, and ignores unknown days", () => {
    expect(computeRealisedMonthlySavingUsd(days("2026-11-01", [10, 10]), at("2026-11-02"))).toBeNull();
    expect(computeRealisedMonthlySavingUsd(days("2026-11-01", [10, null, 4]), at("2026-11-02"))).toBeCloseTo(
      6 * DAYS_PER_MONTH,
      9,
    );
    expect(computeRealisedMonthlySavingUsd(days("2026-11-01", [10, 12, null]), at("2026-11-02"))).toBeNull();
  });

  it("can be negative: the change cost money", () => {
    expect(computeRealisedMonthlySavingUsd(days("2026-11-01", [4, 4, 10]), at("2026-11-02"))).toBeCloseTo(
      -6 * DAYS_PER_MONTH,
      9,
    );
  });
});
