/**
 * The Markdown report: a title, what was selected and when, a summary (the total and the known
 * saving by kind, account and region), one table row per recommendation, then per recommendation
 * its numbers, evidence, assumptions and risks. Unknown numbers print "unknown", never $0.
 *
 * Resource names, tags, reasons and the name filter come from AWS accounts and people, so every
 * text from the data goes through `escapeMarkdownText`: one line (a line break would end a table
 * row), CommonMark's inline markers escaped (no table cell split by "|", no link, image, emphasis or
 * code), and "<", ">" and "&" written as entities, so a rendered report cannot carry markup.
 */
import { formatInteger, formatPercent, formatUsd, UNKNOWN } from "@/lib/format";
import type {
  RecommendationFilter,
  RecommendationItem,
  RecommendationTotals,
  SavingGroup,
  StatusFilter,
} from "@/lib/schemas/recommendation-list";
import type { RecommendationsExportContext } from "./index";

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** Text from the data, safe inside a paragraph, a list item, a heading or a table cell. */
export function escapeMarkdownText(text: string): string {
  return (
    text
      .replace(/\r\n|[\r\n\u2028\u2029]/g, " ")
      // One pass, so the backslashes it adds are not escaped again. An "_" between two letters or
      // digits cannot start or end emphasis (CommonMark), so "x86_64" stays readable.
      .replace(/[\\`*_[\]|~#]/g, (char: string, at: number, whole: string) =>
        char === "_" && isWordCharacter(whole[at - 1]) && isWordCharacter(whole[at + 1]) ? char : `\\${char}`,
      )
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // At the start of a list item, "- x", "+ x" and "1. x" would open a list of their own.
      .replace(/^([-+])(?=\s|$)/, "\\$1")
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2")
  );
}

/** "2026-11-01T12:00:00.000Z" → "2026-11-01 12:00 UTC". */
function formatUtcMinute(iso: string | null): string {
  return iso === null ? UNKNOWN : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const STATUS_FILTER_LABELS: Record<StatusFilter, string> = {
  todo: "todo (open and accepted)",
  open: "open",
  accepted: "accepted",
  dismissed: "dismissed",
  done: "done",
  all: "all",
};

function describeFilter(filter: RecommendationFilter): string {
  const parts = [`status ${STATUS_FILTER_LABELS[filter.status]}`];
  if (filter.kind) parts.push(`kind ${filter.kind}`);
  if (filter.accountId) parts.push(`account ${escapeMarkdownText(filter.accountId)}`);
  if (filter.region) parts.push(`region ${escapeMarkdownText(filter.region)}`);
  if (filter.confidence) parts.push(`${filter.confidence} confidence`);
  if (filter.minSavingUsd !== undefined)
    parts.push(`monthly saving at least ${formatUsd(filter.minSavingUsd)}`);
  if (filter.q) parts.push(`name contains "${escapeMarkdownText(filter.q)}"`);
  return parts.join("; ");
}

function toTable(header: readonly string[], alignRight: ReadonlySet<number>, rows: readonly string[][]) {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(header),
    line(header.map((_, column) => (alignRight.has(column) ? "---:" : "---"))),
    ...rows.map(line),
  ].join("\n");
}

function toGroupTable(title: string, groups: readonly SavingGroup[]): string {
  return toTable(
    [title, "Recommendations", "Known saving a month"],
    new Set([1, 2]),
    groups.map((group) => [
      escapeMarkdownText(group.key),
      formatInteger(group.count),
      formatUsd(group.monthlySavingUsd),
    ]),
  );
}

function formatChange(item: RecommendationItem): string {
  return `${escapeMarkdownText(item.currentConfig)} → ${escapeMarkdownText(item.proposedConfig)}`;
}

function toBulletList(lines: readonly string[]): string {
  return lines.map((line) => `- ${line}`).join("\n");
}

function toStatusLine(item: RecommendationItem): string {
  let line = `Status: ${item.status}`;
  if (item.statusChangedAt) line += ` since ${formatUtcMinute(item.statusChangedAt)}`;
  if (item.status === "dismissed" && item.dismissReason)
    line += ` — "${escapeMarkdownText(item.dismissReason)}"`;
  return line;
}

function toItemSection(item: RecommendationItem, index: number): string {
  const facts = [
    `Resource: ${escapeMarkdownText(item.resourceArn)}`,
    `Account ${escapeMarkdownText(item.accountId)}, region ${escapeMarkdownText(item.region)}`,
    `Change: ${formatChange(item)}`,
    `Monthly cost: ${formatUsd(item.currentMonthlyCostUsd)} now, ${formatUsd(item.proposedMonthlyCostUsd)} proposed`,
    `Monthly saving: ${formatUsd(item.monthlySavingUsd)} (${formatPercent(item.savingPercent)} of the current cost)`,
    `Confidence: ${item.confidence}`,
    toStatusLine(item),
  ];
  if (item.appliedAt)
    facts.push(
      `Applied: ${formatUtcMinute(item.appliedAt)}; realised saving ${formatUsd(item.realisedMonthlySavingUsd)} a month`,
    );
  if (!item.isCurrent) facts.push("No longer produced by the last computation");
  const tags = Object.entries(item.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (tags.length > 0)
    facts.push(
      `Tags: ${tags.map(([key, value]) => `${escapeMarkdownText(key)}=${escapeMarkdownText(value)}`).join(", ")}`,
    );

  const blocks = [
    `### ${index + 1}. ${escapeMarkdownText(item.resourceName)} — ${item.kind}`,
    escapeMarkdownText(item.summary),
    toBulletList(facts),
  ];
  const lists: [string, string[]][] = [
    ["Evidence", item.evidence.map((e) => `${escapeMarkdownText(e.label)}: ${escapeMarkdownText(e.value)}`)],
    ["Assumptions", item.assumptions.map(escapeMarkdownText)],
    ["Risks", item.risks.map(escapeMarkdownText)],
  ];
  for (const [title, lines] of lists) {
    blocks.push(`**${title}**`, lines.length > 0 ? toBulletList(lines) : "None recorded.");
  }
  return blocks.join("\n\n");
}

export function toRecommendationsMarkdown(
  items: readonly RecommendationItem[],
  totals: RecommendationTotals,
  context: RecommendationsExportContext,
): string {
  const computed =
    context.computedAt === undefined
      ? ""
      : context.computedAt === null
        ? " (no recommendations have been computed yet)"
        : ` from recommendations computed ${formatUtcMinute(context.computedAt)}`;
  const blocks = [
    "# Breakeven recommendations",
    `Generated ${formatUtcMinute(context.generatedAt.toISOString())}${computed}.\n` +
      `Filter: ${describeFilter(context.filter)}.`,
    "## Summary",
  ];
  if (items.length === 0) {
    blocks.push("No recommendations match this filter.");
    return `${blocks.join("\n\n")}\n`;
  }
  const unknown =
    totals.unknownSavingCount > 0
      ? ` ${formatInteger(totals.unknownSavingCount)} with an unknown saving ${totals.unknownSavingCount === 1 ? "is" : "are"} in no sum.`
      : "";
  blocks.push(
    `${formatInteger(totals.count)} ${totals.count === 1 ? "recommendation" : "recommendations"}; up to ` +
      `**${formatUsd(totals.totalMonthlySavingUsd)} a month** in known savings (recommendations on one ` +
      `resource are alternatives: each resource's largest saving counts once; a kind sums its items).${unknown}`,
    toGroupTable("Kind", totals.byKind),
    toGroupTable("Account", totals.byAccount),
    toGroupTable("Region", totals.byRegion),
    "## Recommendations",
    toTable(
      [
        "#",
        "Resource",
        "Kind",
        "Account",
        "Region",
        "Change",
        "Saving a month",
        "Saving",
        "Confidence",
        "Status",
      ],
      new Set([0, 6, 7]),
      items.map((item, index) => [
        String(index + 1),
        escapeMarkdownText(item.resourceName),
        item.kind,
        escapeMarkdownText(item.accountId),
        escapeMarkdownText(item.region),
        formatChange(item),
        formatUsd(item.monthlySavingUsd),
        formatPercent(item.savingPercent),
        item.confidence,
        item.status,
      ]),
    ),
    "## Details",
    ...items.map(toItemSection),
  );
  return `${blocks.join("\n\n")}\n`;
}
