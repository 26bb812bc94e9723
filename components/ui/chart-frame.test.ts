import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChartCard as TimeSeriesChartCard } from "@/components/charts/chart-card";
import { ChartFrame, type ChartFrameProps } from "./chart-frame";

/** A table that counts how often it was built. */
function countingTable(): { element: ReturnType<typeof createElement>; builds: () => number } {
  let builds = 0;
  function CountedTable() {
    builds += 1;
    return createElement("table", null, createElement("tbody", null, createElement("tr", null)));
  }
  return { element: createElement(CountedTable), builds: () => builds };
}

function render(props: Omit<ChartFrameProps, "children">, chart = "the plot"): string {
  // The chart goes in as createElement's children argument, which the props type cannot see.
  return renderToStaticMarkup(
    createElement(ChartFrame, props as ChartFrameProps, createElement("p", null, chart)),
  );
}

describe("ChartFrame (components/ui)", () => {
  it("puts the table behind a closed “Show as table” and does not build it until opened", () => {
    const table = countingTable();
    const html = render({ title: "Daily spend", table: table.element });
    expect(html).toContain("<details");
    expect(html).not.toContain("<details open");
    expect(html).toContain("Show as table</summary>");
    expect(html).toContain("the plot");
    expect(html).not.toContain("<table");
    expect(table.builds()).toBe(0);
  });

  it("renders an inline table at once", () => {
    const table = countingTable();
    const html = render({ title: "Daily spend", table: table.element, tablePlacement: "inline" });
    expect(html).toContain("<table");
    expect(html).not.toContain("Show as table");
    expect(table.builds()).toBe(1);
  });

  it("is a region named by its heading, at the level asked, and busy while pending", () => {
    const html = render({ id: "breakeven", title: "Monthly cost vs request rate", isPending: true });
    const section = html.match(/^<section [^>]*>/)?.[0] ?? "";
    expect(section).toContain('id="breakeven"');
    expect(section).toContain('aria-labelledby="breakeven-title"');
    expect(section).toContain('aria-busy="true"');
    expect(html).toContain('<h2 id="breakeven-title"');
    expect(html).toContain("opacity-70");
    const level3 = render({ title: "Invocations", headingLevel: 3, description: "Per day" });
    const plainSection = level3.match(/^<section [^>]*>/)?.[0] ?? "";
    expect(plainSection).not.toContain("aria-labelledby");
    expect(plainSection).not.toContain("aria-busy");
    expect(level3).toContain("<h3");
    expect(level3).toContain("Per day");
  });

  it("shows the empty message instead of the chart and the table, and keeps the footnote", () => {
    const table = countingTable();
    const html = render({
      title: "Errors",
      table: table.element,
      isEmpty: true,
      emptyMessage: "No errors recorded: unknown.",
      footnote: "From CloudWatch.",
    });
    expect(html).toContain("No errors recorded: unknown.");
    expect(html).toContain("From CloudWatch.");
    expect(html).not.toContain("the plot");
    expect(html).not.toContain("Show as table");
    expect(table.builds()).toBe(0);
  });
});

describe("ChartFrame (components/charts, time series)", () => {
  const props = {
    title: "Invocations",
    series: [{ key: "invocations", label: "Invocations", color: "var(--chart-line-1)" }],
    valueKind: "count" as const,
    variant: "line" as const,
    yAxisLabel: "Invocations",
    granularity: "day" as const,
    legendValues: { invocations: "1,234" },
  };

  it("renders on the server with its legend and a closed table: no rows in the HTML", () => {
    const rows = Array.from({ length: 30 }, (_, day) => ({
      bucket: `2026-11-${String(day + 1).padStart(2, "0")}`,
      label: `Nov ${day + 1}`,
      values: { invocations: day * 10 },
    }));
    const html = renderToStaticMarkup(createElement(TimeSeriesChartCard, { ...props, rows }));
    expect(html).toContain("<h3");
    expect(html).toContain('aria-label="Legend"');
    expect(html).toContain("1,234");
    expect(html).toContain('aria-label="Invocations chart; the same data is in the table below"');
    expect(html).toContain("Show as table</summary>");
    expect(html).not.toContain("<table");
    expect(html).not.toContain("<tr");
  });

  it("says unknown instead of drawing an empty chart", () => {
    const html = renderToStaticMarkup(createElement(TimeSeriesChartCard, { ...props, series: [], rows: [] }));
    expect(html).toContain("No data for this range: unknown.");
    expect(html).not.toContain("Show as table");
    expect(html).not.toContain("Legend");
  });
});
