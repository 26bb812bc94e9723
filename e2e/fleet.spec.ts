import { expect, test, type Locator, type Page } from "@playwright/test";
import { EMPTY_PORT } from "../playwright.config";
import { trackErrors } from "./page-errors";

/**
 * The fleet views (overview, functions, services) on the demo fleet and on an empty database.
 * Assertions read visible numbers and table cells, never chart pixels. The demo fleet is seeded
 * (lib/demo), but the tests check properties (order, filters, consistency) rather than its exact
 * figures, except for catalogue names documented in lib/demo/catalogue.ts.
 */

const EMPTY = `http://127.0.0.1:${EMPTY_PORT}`;

/** "$1,234.56" → 1234.56; "unknown" → null. */
function parseUsd(text: string): number | null {
  const match = /-?\$[\d,]+(\.\d+)?/.exec(text);
  return match ? Number(match[0].replace(/[$,]/g, "")) : null;
}

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((t) => t.trim());
}

/** Opens a chart card's "Show as table" unless it is already open (state can survive navigation). */
async function openTable(section: Locator): Promise<void> {
  const details = section.locator("details");
  if ((await details.getAttribute("open")) === null) await section.getByText("Show as table").click();
}

function expectNonIncreasing(values: number[]): void {
  for (let i = 1; i < values.length; i += 1) expect(values[i]!).toBeLessThanOrEqual(values[i - 1]!);
}

function expectNonDecreasing(values: number[]): void {
  for (let i = 1; i < values.length; i += 1) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
}

async function functionCosts(page: Page): Promise<(number | null)[]> {
  return (await texts(page.getByTestId("function-cost"))).map(parseUsd);
}

test.describe("with demo data", () => {
  test("the overview totals spend, splits it and links the costliest resources", async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
    await expect(page.getByRole("note", { name: "Demo data" })).toContainText("generated demo data");

    const stats = page.getByTestId("spend-stats");
    for (const label of ["Month to date", "Last 30 days", "Last 90 days"])
      await expect(stats).toContainText(label);
    const [mtd, last30, last90] = (await texts(stats.locator("dd.tabular"))).map(parseUsd);
    expect(last30).toBeGreaterThan(0);
    expect(last90!).toBeGreaterThan(last30!);
    // The demo's costs end yesterday: on the 1st (UTC) nothing of the month is stored, which reads
    // "unknown", never $0.00.
    if (new Date().getUTCDate() === 1) {
      expect(mtd).toBeNull();
      await expect(stats).toContainText("unknown");
    } else {
      expect(mtd).not.toBeNull();
    }

    await expect(page.getByRole("heading", { name: "Daily spend" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Lambda vs Fargate" })).toBeVisible();
    const initShare = page.getByTestId("init-share");
    await expect(initShare).toContainText("estimated");
    await expect(initShare).toContainText(/\d+(\.\d+)?%/);

    // The daily chart's table alternative has one row per day for 90 days.
    const daily = page.locator("section", { has: page.getByRole("heading", { name: "Daily spend" }) });
    await openTable(daily);
    await expect(daily.locator("tbody tr")).toHaveCount(90);

    const costliest = page.getByTestId("costliest-functions");
    const costs = (await texts(costliest.locator("tbody td.tabular"))).map(parseUsd) as number[];
    expect(costs).toHaveLength(5);
    expectNonIncreasing(costs);
    const first = costliest.getByRole("link").first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    expect(errors).toEqual([]);
  });

  test("functions: server-side sort by cost and by name, both directions", async ({ page }) => {
    await page.goto("/functions");
    await expect(page.getByTestId("functions-summary")).toContainText(/\d+ functions/);
    await expect(page.getByTestId("function-row")).toHaveCount(50);
    expectNonIncreasing((await functionCosts(page)) as number[]);

    // Clicking the active column flips it; the URL keeps the state.
    await page.getByRole("link", { name: "Cost", exact: true }).click();
    await expect(page).toHaveURL(/[?&]dir=asc/);
    expectNonDecreasing((await functionCosts(page)) as number[]);

    await page.getByRole("link", { name: "Function", exact: true }).click();
    await expect(page).toHaveURL(/sort=name/);
    const names = await texts(page.getByTestId("function-name"));
    const sorted = [...names].sort((a, b) =>
      a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0,
    );
    expect(names).toEqual(sorted);
    await expect(page.getByRole("columnheader", { name: /Function/ })).toHaveAttribute(
      "aria-sort",
      "ascending",
    );
  });

  test("functions: filters by region and name, paginates, deep-links", async ({ page }) => {
    await page.goto("/functions");
    const summary = page.getByTestId("functions-summary");
    const total = Number((await summary.textContent())!.match(/([\d,]+) functions/)![1]!.replace(/,/g, ""));
    expect(total).toBeGreaterThan(50);

    // Page 2 holds the rest.
    await page.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByTestId("function-row")).toHaveCount(total - 50);
    await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText(
      `Showing 51–${total} of ${total}`,
    );

    // A select applies at once and resets the page.
    await page.getByLabel("Region").selectOption("eu-west-1");
    await expect(page).toHaveURL(/region=eu-west-1/);
    await expect(page).not.toHaveURL(/page=2/);
    const regions = await texts(page.getByTestId("function-region"));
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.length).toBeLessThan(total);
    expect(new Set(regions)).toEqual(new Set(["eu-west-1"]));
    await expect(summary).toContainText(`${regions.length} function`);

    // Text search through the URL (deep link), combined with a sort.
    await page.goto("/functions?q=orders&sort=name");
    const names = await texts(page.getByTestId("function-name"));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.toLowerCase()).toContain("orders");

    // Architecture and tag filters.
    await page.goto("/functions?arch=arm64");
    expect(new Set(await texts(page.getByTestId("function-arch")))).toEqual(new Set(["arm64"]));
    await page.goto("/functions?tag=team%3Dno-such-team");
    await expect(page.getByRole("heading", { name: "No functions match" })).toBeVisible();
    await expect(summary).toContainText("0 functions");
  });

  test("functions: a page past the end shows the last page and says so, not 'No functions match'", async ({
    page,
  }) => {
    await page.goto("/functions?page=999999");
    const pager = page.getByRole("navigation", { name: "Pagination" });
    await expect(pager.getByTestId("page-past-end")).toHaveText(
      "Page 999,999 is past the end; showing the last page.",
    );
    await expect(pager).toContainText(/Page ([\d,]+) of \1/);
    await expect(page.getByTestId("function-row").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "No functions match" })).toHaveCount(0);
  });

  test("a function page charts cost by component, activity and provisioned concurrency", async ({ page }) => {
    const errors = trackErrors(page);
    // catalog-api carries provisioned concurrency in the demo catalogue.
    await page.goto("/functions?q=catalog-api");
    await page
      .getByTestId("function-name")
      .filter({ hasText: /^catalog-api$/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("catalog-api");
    await expect(page.getByText("Demo data").first()).toBeVisible();

    for (const heading of [
      "Cost by component",
      "Invocations",
      "Duration",
      "Concurrency",
      "Errors and throttles",
      "Memory used vs configured",
      "Provisioned concurrency utilisation",
      "Configuration history",
    ]) {
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    }

    const cost = page.locator("section", { has: page.getByRole("heading", { name: "Cost by component" }) });
    const legend = cost.getByRole("list", { name: "Legend" });
    await expect(legend).toContainText("Provisioned concurrency");
    const legendTotal = (await texts(legend.locator(".tabular"))).map(parseUsd).reduce((a, b) => a! + b!, 0)!;
    const described = parseUsd((await cost.getByText(/in total/).textContent())!)!;
    // Each legend amount is rounded to the cent; their sum stays within a few cents of the total.
    expect(Math.abs(legendTotal - described)).toBeLessThan(0.05);

    // The table alternative: one row per day, a total column.
    await openTable(cost);
    await expect(cost.locator("tbody tr")).toHaveCount(30);
    await expect(cost.locator("thead")).toContainText("Total");

    const pc = page.locator("section", {
      has: page.getByRole("heading", { name: "Provisioned concurrency utilisation" }),
    });
    await expect(pc.getByRole("list", { name: "Legend" })).toContainText(/Break-even \d+(\.\d+)?%/);
    await expect(pc.locator("svg.recharts-surface")).toBeVisible();

    // Hourly range: metric charts switch to hours, cost stays daily.
    await page.getByRole("link", { name: "14 days, hourly" }).click();
    await expect(page).toHaveURL(/range=14d/);
    const invocations = page.locator("section", {
      has: page.getByRole("heading", { name: "Invocations", exact: true }),
    });
    await expect(invocations).toContainText("per hour over 14 days");
    await openTable(invocations);
    await expect(invocations.locator("tbody tr")).toHaveCount(14 * 24);
    await openTable(cost);
    await expect(cost.locator("tbody tr")).toHaveCount(14);
    expect(errors).toEqual([]);
  });

  test("an unknown function or service is a 404", async ({ page }) => {
    const fn = await page.goto("/functions/no-such-function");
    expect(fn?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Function not found" })).toBeVisible();
    const service = await page.goto("/services/no-such-service");
    expect(service?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Service not found" })).toBeVisible();
  });

  test("services: sort, capacity filter and a service page", async ({ page }) => {
    const errors = trackErrors(page);
    await page.goto("/services");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Services");
    const costs = (await texts(page.getByTestId("service-cost"))).map(parseUsd) as number[];
    expect(costs.length).toBeGreaterThan(1);
    expectNonIncreasing(costs);

    await page.getByLabel("Capacity").selectOption("spot");
    await expect(page).toHaveURL(/capacity=spot/);
    const rows = page.getByTestId("service-row");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThan(costs.length);

    await page.getByTestId("service-name").first().click();
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Services");
    for (const heading of [
      "Cost by component",
      "CPU utilisation vs reserved",
      "Memory utilisation vs reserved",
      "Task count",
      "Task size and capacity providers",
      "Configuration history",
    ]) {
      await expect(page.getByRole("heading", { name: heading, exact: true })).toBeVisible();
    }
    const cost = page.locator("section", { has: page.getByRole("heading", { name: "Cost by component" }) });
    await expect(cost.getByRole("list", { name: "Legend" })).toContainText("Spot (vCPU + memory)");
    const cpu = page.locator("section", {
      has: page.getByRole("heading", { name: "CPU utilisation vs reserved" }),
    });
    await expect(cpu.getByRole("list", { name: "Legend" })).toContainText(/Reserved: [\d.]+ vCPU per task/);
    await openTable(cpu);
    await expect(cpu.locator("tbody tr")).toHaveCount(30);
    expect(errors).toEqual([]);
  });

  test("removing demo data asks for confirmation first", async ({ page }) => {
    await page.goto("/functions");
    const banner = page.getByRole("note", { name: "Demo data" });
    await banner.getByRole("button", { name: "Remove demo data" }).click();
    const confirm = banner.getByRole("group", { name: "Confirm removing demo data" });
    await expect(confirm.getByRole("button", { name: "Yes, remove demo data" })).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(banner.getByRole("button", { name: "Remove demo data" })).toBeVisible();
    // Nothing was removed.
    await expect(page.getByTestId("function-row").first()).toBeVisible();
  });

  test("the remove route refuses to run without confirm=yes", async ({ request }) => {
    // Changes are JSON only (docs/security.md), a bodiless DELETE included.
    const response = await request.delete("/api/fleet/demo", {
      headers: { "content-type": "application/json" },
    });
    expect(response.status()).toBe(422);
  });
});

test.describe("with an empty database", () => {
  for (const path of ["/", "/functions", "/services"]) {
    test(`${path} explains how to load the demo, and shows no $0`, async ({ page }) => {
      const errors = trackErrors(page);
      const response = await page.goto(`${EMPTY}${path}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { name: "No cost data yet" })).toBeVisible();
      await expect(page.getByText("npm run demo")).toBeVisible();
      await expect(page.getByRole("button", { name: "Load demo data" })).toBeVisible();
      await expect(page.getByRole("link", { name: "Accounts" }).last()).toBeVisible();
      await expect(page.getByText(/npm run sync/)).toBeVisible();
      await expect(page.getByRole("note", { name: "Demo data" })).toHaveCount(0);
      expect(await page.locator("main").textContent()).not.toMatch(/\$0\.00/);
      expect(errors).toEqual([]);
    });
  }
});
