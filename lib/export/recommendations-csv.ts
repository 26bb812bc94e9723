/**
 * The CSV export: RFC 4180 (comma, CRLF between records, a field with a comma, quote or line break
 * quoted, quotes doubled) written by csv-stringify, in UTF-8 with a byte order mark (Excel reads a
 * CSV without one in the system's code page and garbles "é" and "日本").
 *
 * Types: every text cell is quoted and every number is not, so a reader that keeps quoted fields as
 * text (and the tests) tells "012345678901" from a number; an unknown number is an empty, unquoted
 * cell, never 0; an empty text is "".
 *
 * Spreadsheet safety (OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection):
 * a text cell that starts with =, +, -, @, a tab or a carriage return (or their full-width forms,
 * which some spreadsheets fold into them) gets a leading single quote, so a spreadsheet shows it
 * as text instead of running it as a formula. Resource names, reasons and tags come from AWS
 * accounts and people, so every text cell is neutralised, and inside the tags cell each key and
 * value too (a spreadsheet that splits the cell on ";" would otherwise meet a formula). Numbers are
 * real numbers and are left alone, a negative one included. Columns and units:
 * docs/recommendations-export.md.
 */
import { stringify } from "csv-stringify/sync";
import type { RecommendationItem } from "@/lib/schemas/recommendation-list";
import { roundForExportOrNull } from "./round";

/** Characters that make a spreadsheet read a cell as a formula (OWASP), with their full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a text that a spreadsheet would run as a formula with a single quote. */
export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

type CsvCell = string | number | boolean | null;

type CsvColumn = { header: string; toCell: (item: RecommendationItem) => CsvCell };

/** "team=payments; env=prod", keys sorted, each key and value neutralised. */
function toTagsCell(tags: Record<string, string>): string {
  return Object.entries(tags)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${neutraliseCsvText(key)}=${neutraliseCsvText(value)}`)
    .join("; ");
}

/** The columns, in order. Money is USD a month; the saving share is a fraction (0.25 = 25 %). */
export const RECOMMENDATIONS_CSV_COLUMNS: readonly CsvColumn[] = [
  { header: "id", toCell: (r) => r.key },
  { header: "resource_name", toCell: (r) => r.resourceName },
  { header: "resource_kind", toCell: (r) => r.resourceKind },
  { header: "kind", toCell: (r) => r.kind },
  { header: "account_id", toCell: (r) => r.accountId },
  { header: "region", toCell: (r) => r.region },
  { header: "current_config", toCell: (r) => r.currentConfig },
  { header: "proposed_config", toCell: (r) => r.proposedConfig },
  { header: "current_monthly_cost_usd", toCell: (r) => roundForExportOrNull(r.currentMonthlyCostUsd) },
  { header: "proposed_monthly_cost_usd", toCell: (r) => roundForExportOrNull(r.proposedMonthlyCostUsd) },
  { header: "monthly_saving_usd", toCell: (r) => roundForExportOrNull(r.monthlySavingUsd) },
  { header: "saving_fraction", toCell: (r) => roundForExportOrNull(r.savingPercent) },
  { header: "confidence", toCell: (r) => r.confidence },
  { header: "status", toCell: (r) => r.status },
  { header: "dismiss_reason", toCell: (r) => r.dismissReason },
  { header: "status_changed_at", toCell: (r) => r.statusChangedAt },
  { header: "is_current", toCell: (r) => r.isCurrent },
  { header: "applied_at", toCell: (r) => r.appliedAt },
  { header: "realised_monthly_saving_usd", toCell: (r) => roundForExportOrNull(r.realisedMonthlySavingUsd) },
  { header: "reason", toCell: (r) => r.summary },
  { header: "tags", toCell: (r) => toTagsCell(r.tags) },
  { header: "resource_arn", toCell: (r) => r.resourceArn },
];

export function toRecommendationsCsv(items: readonly RecommendationItem[]): string {
  return stringify(
    items.map((item) => RECOMMENDATIONS_CSV_COLUMNS.map((column) => column.toCell(item))),
    {
      bom: true,
      header: true,
      columns: RECOMMENDATIONS_CSV_COLUMNS.map((column) => column.header),
      record_delimiter: "\r\n",
      // Text quoted, numbers and unknowns (empty) not: the type survives the file.
      quoted_string: true,
      cast: {
        string: (value) => neutraliseCsvText(value),
        boolean: (value) => (value ? "true" : "false"),
      },
    },
  );
}
