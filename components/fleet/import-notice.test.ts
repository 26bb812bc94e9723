import { describe, expect, it } from "vitest";
import { toImportNoticeContent, type ImportNoticeScope } from "./import-notice";

const run = (overrides: Partial<NonNullable<ImportNoticeScope["latestRun"]>>) => ({
  status: "succeeded" as const,
  startedAt: "2026-11-23T22:10:05.000Z",
  finishedAt: "2026-11-23T22:11:40.000Z",
  issueCount: 0,
  issueSummary: null,
  error: null,
  ...overrides,
});

const demo = (latestRun: ImportNoticeScope["latestRun"], lastSucceededAt: string | null = null) => ({
  scope: "demo",
  kind: "demo" as const,
  accountId: null,
  accountName: null,
  latestRun,
  lastSucceededAt,
});

const prod = (latestRun: ImportNoticeScope["latestRun"], lastSucceededAt: string | null = null) => ({
  scope: "account:111111111111",
  kind: "aws" as const,
  accountId: "111111111111",
  accountName: "prod",
  latestRun,
  lastSucceededAt,
});

describe("toImportNoticeContent", () => {
  it("says nothing when the latest import succeeded or there is none", () => {
    expect(toImportNoticeContent(demo(run({})))).toBeNull();
    expect(toImportNoticeContent(prod(null))).toBeNull();
  });

  it("says an interrupted demo load left incomplete data, from when, with the demo button as retry", () => {
    expect(toImportNoticeContent(demo(run({ status: "interrupted" })))).toEqual({
      tone: "danger",
      badge: "Incomplete data",
      text: "The demo load started 2026-11-23 22:10 UTC was interrupted at 22:11 UTC: the data below is incomplete. No demo load has completed.",
      retry: { kind: "demo" },
    });
    // An earlier complete load is named, but as replaced: every load deletes the previous demo first.
    expect(
      toImportNoticeContent(demo(run({ status: "interrupted" }), "2026-11-20T08:00:00.000Z"))?.text,
    ).toContain("The last complete demo load (2026-11-20 08:00 UTC) was replaced when this one started.");
  });

  it("names the account, the error and the last complete sync of a failed sync, and links to it", () => {
    const notice = toImportNoticeContent(
      prod(
        run({ status: "failed", finishedAt: "2026-11-24T00:02:00.000Z", error: "could not assume the role" }),
        "2026-11-22T06:00:00.000Z",
      ),
    );
    expect(notice).toEqual({
      tone: "danger",
      badge: "Incomplete data",
      text: "The sync of prod (111111111111) started 2026-11-23 22:10 UTC failed at 2026-11-24 00:02 UTC (could not assume the role): the data below is incomplete. Last complete sync: 2026-11-22 06:00 UTC.",
      retry: { kind: "account", href: "/accounts#account-111111111111-name" },
    });
    expect(toImportNoticeContent(prod(run({ status: "failed" })))?.text).toContain(
      "Last complete sync: never.",
    );
  });

  it("names what a partial sync is missing", () => {
    const notice = toImportNoticeContent(
      prod(
        run({
          status: "partial",
          issueCount: 1,
          issueSummary: "lambda:ListFunctions in eu-west-1 (AccessDenied)",
        }),
      ),
    );
    expect(notice?.tone).toBe("warning");
    expect(notice?.text).toContain(
      "finished at 22:11 UTC with 1 piece missing: lambda:ListFunctions in eu-west-1 (AccessDenied).",
    );
  });

  it("says a running import may change the figures, with no retry", () => {
    expect(toImportNoticeContent(demo(run({ status: "running", finishedAt: null })))).toEqual({
      tone: "info",
      badge: "Import running",
      text: "An import is running (the demo load, started 2026-11-23 22:10 UTC); figures may change.",
      retry: null,
    });
  });
});
