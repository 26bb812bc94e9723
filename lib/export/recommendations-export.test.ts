/**
 * The recommendations exports on hand-built items (lib/export/fixtures.ts; no database): the CSV
 * read back with csv-parse (numbers, unknowns, quoting, UTF-8, the formula guard of OWASP's "CSV
 * Injection" page), the Markdown report's table and escaping, and the JSON against its zod schema.
 */
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RecommendationFilter, RecommendationItem } from "@/lib/schemas/recommendation-list";
import { recommendationExportSchema } from "@/lib/schemas/recommendation";
import { EXPORT_FORMAT_DETAILS, EXPORT_FORMATS, isExportFormat, toExportFilename } from "./index";
import { FIXTURE_ITEMS, FIXTURE_TOTALS, makeRecommendationItem } from "./fixtures";
import { RECOMMENDATIONS_CSV_COLUMNS, neutraliseCsvText, toRecommendationsCsv } from "./recommendations-csv";
import { toRecommendationsExportText } from "./recommendations-export";
import { toRecommendationsJson } from "./recommendations-json";
import { escapeMarkdownText, toRecommendationsMarkdown } from "./recommendations-markdown";
import { roundForExport } from "./round";

const GENERATED_AT = new Date("2026-11-01T12:00:00.000Z");
const FILTER: RecommendationFilter = { status: "all", kind: undefined, minSavingUsd: 0, q: "order" };
const CONTEXT = { filter: FILTER, generatedAt: GENERATED_AT, computedAt: "2026-11-01T06:00:00.000Z" };

type CsvValue = string | number | boolean | null;
type CsvRow = Record<string, CsvValue>;

/**
 * The file read back with csv-parse, typed the way it was written: a quoted field is text, an
 * empty unquoted one unknown (null), true/false a boolean, anything else must be a number.
 */
function readCsv(csv: string): CsvRow[] {
  return parse(csv, {
    bom: true,
    columns: true,
    record_delimiter: "\r\n",
    cast: (value, context) => {
      if (context.header || context.quoting) return value;
      if (value === "") return null;
      if (value === "true" || value === "false") return value === "true";
      const number = Number(value);
      if (!Number.isFinite(number)) throw new Error(`unquoted ${JSON.stringify(value)} is not a number`);
      return number;
    },
  }) as CsvRow[];
}

const NUMBER_COLUMNS = [
  ["current_monthly_cost_usd", "currentMonthlyCostUsd"],
  ["proposed_monthly_cost_usd", "proposedMonthlyCostUsd"],
  ["monthly_saving_usd", "monthlySavingUsd"],
  ["saving_fraction", "savingPercent"],
  ["realised_monthly_saving_usd", "realisedMonthlySavingUsd"],
] as const satisfies readonly (readonly [string, keyof RecommendationItem])[];

describe("CSV export", () => {
  it("is UTF-8 with a BOM, CRLF records and one header row with every column", () => {
    const csv = toRecommendationsCsv(FIXTURE_ITEMS);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/); // no bare line break outside a quoted field
    const header = csv.slice(1, csv.indexOf("\r\n"));
    expect(header.replaceAll('"', "").split(",")).toEqual(RECOMMENDATIONS_CSV_COLUMNS.map((c) => c.header));
    expect(readCsv(csv)).toHaveLength(FIXTURE_ITEMS.length);
    // An empty list is still a valid file: the header alone.
    expect(readCsv(toRecommendationsCsv([]))).toEqual([]);
  });

  it("reads back: numbers as the same numbers, unknown as empty (not 0), text as text", () => {
    const rows = readCsv(toRecommendationsCsv(FIXTURE_ITEMS));
    rows.forEach((row, index) => {
      const item = FIXTURE_ITEMS[index]!;
      for (const [column, field] of NUMBER_COLUMNS) {
        const value = item[field] as number | null;
        expect(row[column], `${column} of ${item.resourceName}`).toBe(
          value === null ? null : roundForExport(value),
        );
      }
      expect(row).toMatchObject({
        id: item.key,
        resource_name: item.resourceName,
        resource_kind: item.resourceKind,
        kind: item.kind,
        account_id: "012345678901", // quoted text: the leading zero stays
        region: item.region,
        status: item.status,
        is_current: item.isCurrent,
        reason: item.summary,
        resource_arn: item.resourceArn,
      });
    });
    expect(rows[0]).toMatchObject({ tags: "env=prod; team=payments", dismiss_reason: null });
    expect(rows[1]).toMatchObject({ monthly_saving_usd: null, saving_fraction: null });
    expect(rows[2]).toMatchObject({
      monthly_saving_usd: -2.5,
      saving_fraction: -0.25,
      realised_monthly_saving_usd: -1.75,
      applied_at: "2026-10-14T00:00:00.000Z",
      tags: "",
    });
    expect(rows[3]).toMatchObject({
      current_monthly_cost_usd: 300.123457,
      dismiss_reason: "Black Friday: keep it warm",
      status_changed_at: "2026-10-20T17:05:00.000Z",
    });
  });

  it("keeps a negative number a number: unquoted, with no quote prefix", () => {
    const csv = toRecommendationsCsv([
      makeRecommendationItem({ monthlySavingUsd: -12.5, savingPercent: -0.1 }),
    ]);
    expect(csv).toContain(",-12.5,-0.1,");
    expect(csv).not.toContain("'-12.5");
    expect(readCsv(csv)[0]).toMatchObject({ monthly_saving_usd: -12.5, saving_fraction: -0.1 });
  });

  it.each([
    ['=HYPERLINK("http://x","y")'],
    ["+1"],
    ["-2"],
    ["@SUM(A1)"],
    ["\tx"],
    ["\rx"],
    ["\uFF1D1+1"], // full-width "=": some spreadsheets fold it into "="
  ])("neutralises a resource name %j with a leading quote", (name) => {
    const [row] = readCsv(toRecommendationsCsv([makeRecommendationItem({ resourceName: name })]));
    expect(row!.resource_name).toBe(`'${name}`);
  });

  it("neutralises every text cell, and each tag key and value inside the tags cell", () => {
    const payload = "=cmd|' /C calc'!A0";
    const [row] = readCsv(
      toRecommendationsCsv([
        makeRecommendationItem({
          resourceName: "ok",
          summary: "-10 % cost",
          dismissReason: "@admin said so",
          currentConfig: "+1 GB",
          tags: { team: payload, "=key": "v" },
        }),
      ]),
    );
    expect(row!.tags).toBe(`'=key=v; team='${payload}`);
    expect(row).toMatchObject({ reason: "'-10 % cost", dismiss_reason: "'@admin said so" });
    expect(row!.current_config).toBe("'+1 GB");
    expect(row!.resource_name).toBe("ok"); // a safe text is left alone
  });

  it("keeps commas, quotes, line breaks and UTF-8 in names", () => {
    const names = ['a,b "quoted"', "two\nlines", "cr\r\nlf", "café", "日本の関数", 'x""y'];
    const rows = readCsv(
      toRecommendationsCsv(names.map((name) => makeRecommendationItem({ resourceName: name }))),
    );
    expect(rows.map((row) => row.resource_name)).toEqual(names);
  });

  it("reads back any name and any number (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.dictionary(fc.string({ unit: "grapheme", minLength: 1 }), fc.string({ unit: "grapheme" })),
        fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: null }),
        (name, tags, saving) => {
          const [row] = readCsv(
            toRecommendationsCsv([
              makeRecommendationItem({ resourceName: name, monthlySavingUsd: saving, tags }),
            ]),
          );
          expect(row!.resource_name).toBe(neutraliseCsvText(name));
          expect(row!.monthly_saving_usd).toBe(saving === null ? null : roundForExport(saving));
          const cell = String(row!.tags);
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Table cells of a Markdown table row: split on the pipes no backslash escapes. */
function countUnescapedPipes(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === "\\") i += 1;
    else if (line[i] === "|") count += 1;
  }
  return count;
}

describe("Markdown report", () => {
  const hostile = makeRecommendationItem({
    resourceName:
      'evil | name\n| injected | row |\r\n<script>alert("x")</script> \\| [link](javascript:x) `code` *b*',
    tags: { "team|x": "<b>pay</b>" },
    summary: "# not a heading\n- not a list",
  });
  const md = toRecommendationsMarkdown([hostile, ...FIXTURE_ITEMS], { ...FIXTURE_TOTALS, count: 5 }, CONTEXT);

  it("has a title, the filter, a summary by kind, account and region, a table and a section per item", () => {
    expect(md.startsWith("# Breakeven recommendations\n")).toBe(true);
    expect(md).toContain(
      "Generated 2026-11-01 12:00 UTC from recommendations computed 2026-11-01 06:00 UTC.",
    );
    expect(md).toContain('Filter: status all; monthly saving at least $0.00; name contains "order".');
    expect(md).toContain("**$250.37 a month**");
    for (const title of ["| Kind |", "| Account |", "| Region |", "## Recommendations", "## Details"])
      expect(md).toContain(title);
    expect(md.match(/^### \d+\. /gm)).toHaveLength(5);
    expect(md).toContain("- Invocations (30 days): 40,000,000");
    expect(md).toContain("**Assumptions**\n\n- The next 30 days look like the last 30.");
    expect(md).toContain("**Risks**\n\n- A slower p95 (120 ms → 180 ms).");
    expect(md).toContain('Status: dismissed since 2026-10-20 17:05 UTC — "Black Friday: keep it warm"');
    expect(md).toContain("Applied: 2026-10-14 00:00 UTC; realised saving -$1.75 a month");
  });

  it("prints unknown numbers as unknown, never $0", () => {
    const section = md.slice(md.indexOf("prod-core/reporting-engine — fargate-spot"));
    expect(section).toContain("Monthly cost: $120.50 now, unknown proposed");
    expect(section).toContain("Monthly saving: unknown (unknown of the current cost)");
    const row = md.split("\n").find((line) => line.startsWith("| 3 | prod-core/reporting-engine"));
    expect(row).toContain("| unknown | unknown |");
  });

  it("keeps every table row one line with the header's cells, whatever the names hold", () => {
    const lines = md.split("\n");
    const start = lines.indexOf(lines.find((line) => line.startsWith("| # | Resource"))!);
    const table = lines.slice(start, start + 2 + 5);
    expect(lines[start + 2 + 5]).toBe(""); // the table ends after its five rows
    for (const line of table) expect(countUnescapedPipes(line)).toBe(11);
  });

  it("carries no markup from the data: no raw <, no link, no heading or list of its own", () => {
    expect(md).not.toContain("<");
    expect(md).toContain('&lt;script&gt;alert("x")&lt;/script&gt;');
    expect(md).toContain("\\[link\\](javascript:x)");
    expect(md).toContain("\\`code\\`");
    expect(md).toContain("\\# not a heading - not a list");
    expect(md).toContain("Tags: team\\|x=&lt;b&gt;pay&lt;/b&gt;");
  });

  it.each([
    ["a|b", "a\\|b"],
    ["back\\slash", "back\\\\slash"],
    ["two\nlines\r\nand\rmore", "two lines and more"],
    ["- item", "\\- item"],
    ["1. first", "1\\. first"],
    ["0.5 vCPU", "0.5 vCPU"],
    ["x & <y>", "x &amp; &lt;y&gt;"],
    ["_a_ ~b~", "\\_a\\_ \\~b\\~"],
    ["x86_64 snake_case_name", "x86_64 snake_case_name"],
    ["a _b_ c", "a \\_b\\_ c"],
  ])("escapes %j as %j", (text, escaped) => {
    expect(escapeMarkdownText(text)).toBe(escaped);
  });

  it("says so when nothing matches", () => {
    const empty = toRecommendationsMarkdown([], { ...FIXTURE_TOTALS, count: 0, byKind: [] }, CONTEXT);
    expect(empty).toContain("No recommendations match this filter.");
    expect(empty).not.toContain("## Details");
  });
});

describe("JSON export", () => {
  const exported = toRecommendationsJson(FIXTURE_ITEMS, FIXTURE_TOTALS, CONTEXT);

  it("validates against the version 2 schema, with nothing the schema does not name", () => {
    expect(recommendationExportSchema.parse(exported)).toEqual(exported);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
    expect(exported).toMatchObject({
      version: 2,
      generatedAt: "2026-11-01T12:00:00.000Z",
      computedAt: "2026-11-01T06:00:00.000Z",
      filter: { status: "all", minSavingUsd: 0, q: "order" },
      totalMonthlySavingUsd: 250.373457,
    });
    expect(Object.keys(exported.filter)).toEqual(["status", "minSavingUsd", "q"]);
    expect(exported.totals.byAccount[0]!.monthlySavingUsd).toBe(250.373457);
  });

  it("keeps version 1's fields and adds the review state", () => {
    const [first, second, third] = exported.recommendations;
    expect(first).toMatchObject({
      id: FIXTURE_ITEMS[0]!.key,
      reason: FIXTURE_ITEMS[0]!.summary,
      status: "open",
      dismissReason: null,
      isCurrent: true,
      tags: { team: "payments", env: "prod" },
    });
    expect(first).not.toHaveProperty("href");
    expect(second).toMatchObject({ monthlySavingUsd: null, savingPercent: null });
    expect(third).toMatchObject({
      status: "done",
      isCurrent: false,
      appliedAt: "2026-10-14T00:00:00.000Z",
      realisedMonthlySavingUsd: -1.75,
    });
  });

  it("rejects a file of another version", () => {
    expect(() => recommendationExportSchema.parse({ ...exported, version: 1 })).toThrow();
  });
});

describe("export formats", () => {
  it("each format has a content type, an extension and a dated file name", () => {
    expect(Object.keys(EXPORT_FORMAT_DETAILS)).toEqual([...EXPORT_FORMATS]);
    expect(toExportFilename("csv", GENERATED_AT)).toBe("breakeven-recommendations-2026-11-01.csv");
    expect(toExportFilename("md", GENERATED_AT)).toBe("breakeven-recommendations-2026-11-01.md");
    expect(isExportFormat("json")).toBe(true);
    expect(isExportFormat("xml")).toBe(false);
    expect(isExportFormat(null)).toBe(false);
  });

  it("writes each format", () => {
    const text = (format: (typeof EXPORT_FORMATS)[number]) =>
      toRecommendationsExportText(format, FIXTURE_ITEMS, FIXTURE_TOTALS, CONTEXT);
    expect(readCsv(text("csv"))).toHaveLength(4);
    expect(recommendationExportSchema.parse(JSON.parse(text("json")))).toEqual(
      toRecommendationsJson(FIXTURE_ITEMS, FIXTURE_TOTALS, CONTEXT),
    );
    expect(text("md")).toBe(toRecommendationsMarkdown(FIXTURE_ITEMS, FIXTURE_TOTALS, CONTEXT));
  });
});
