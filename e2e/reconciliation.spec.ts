import { expect, test } from "@playwright/test";
import { EMPTY_PORT } from "../playwright.config";
import { trackErrors } from "./page-errors";

/**
 * The Reconciliation page (docs/reconciliation.md) on the demo fleet, whose lines are priced by the
 * same engine as the model: the residual is under 1 % and is the free-tier credits and the Savings
 * Plan the demo plants (lib/demo/planted-lines.ts). Also the overview figure, the billed /
 * allocated / modelled card of a function page, and the empty database.
 */

const EMPTY = `http://127.0.0.1:${EMPTY_PORT}`;

/** "$1,234.56" / "-$6.87" / "−$6.87" → number. */
function parseUsd(text: string): number {
  const match = /([-−]?)\$([\d,]+(?:\.\d+)?)/.exec(text);
  if (!match) throw new Error(`no USD amount in ${JSON.stringify(text)}`);
  return (match[1] ? -1 : 1) * Number(match[2]!.replace(/,/g, ""));
}

test("the demo's residual is under 1 % and names the planted free-tier and Savings Plans lines", async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto("/reconciliation");
  await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
  const stats = page.getByTestId("reconciliation-stats");
  const billed = parseUsd(await stats.locator("dd").nth(0).innerText());
  const modelled = parseUsd(await stats.locator("dd").nth(2).innerText());
  const residual = parseUsd(await page.getByTestId("reconciliation-residual").innerText());
  expect(billed).toBeGreaterThan(1_000);
  expect(residual).toBeLessThan(0); // credits and a plan only ever lower the bill
  expect(Math.abs(residual)).toBeLessThan(0.01 * billed);
  // Residual = billed − modelled, to the cent (each figure is rounded to cents on the page).
  expect(Math.abs(residual - (billed - modelled))).toBeLessThanOrEqual(0.011);
  const share = await page.getByTestId("reconciliation-residual-share").innerText();
  expect(Number(/([\d.]+)\s?%/.exec(share)?.[1])).toBeLessThan(1);

  const causes = page.getByTestId("reconciliation-causes");
  await expect(causes.getByText("Free tier", { exact: true })).toBeVisible();
  await expect(causes.getByText("Savings Plans", { exact: true })).toBeVisible();
  await expect(causes).toContainText("acme-prod · global · AWS Lambda");
  await expect(causes).toContainText("acme-staging · us-east-1 · Amazon Elastic Container Service");

  // The table: largest residual first, and the usage types behind a row.
  const table = page.getByTestId("reconciliation-table");
  const firstRow = table.locator("tbody > tr").first();
  await expect(firstRow).toContainText("acme-staging");
  await expect(firstRow).toContainText("Savings Plans");
  await table
    .getByText(/\d+ usage types?/)
    .first()
    .click();
  await expect(table.getByText("SavingsPlanCoveredUsage, SavingsPlanNegation").first()).toBeVisible();

  // The demo's Fargate Spot lines: a rate the price book lacks, from the bill; everything else at list.
  const rates = page.getByTestId("effective-rates");
  await expect(rates).toContainText("Fargate Spot Linux x86_64 vCPU rate for us-east-1");
  await expect(rates.locator("tbody")).toContainText("not in the price book");
  await expect(rates.locator("tbody")).not.toContainText("under list");

  // Computed at the end of the import, for the same 30 days as the lists.
  await expect(page.getByTestId("reconciliation-residual-share")).toContainText("30 whole UTC days");
  expect(errors).toEqual([]);
});

test("the overview shows the residual, and a function page shows billed, allocated and modelled", async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto("/");
  const card = page.getByTestId("overview-reconciliation");
  await expect(card).toContainText("of $");
  await expect(card).toContainText("Free tier");
  await page.goto("/functions?q=orders-api");
  await page.getByRole("link", { name: "orders-api", exact: true }).first().click();
  const comparison = page.getByTestId("cost-comparison");
  await expect(comparison).toContainText("Billed");
  await expect(comparison).toContainText("Allocated");
  await expect(comparison).toContainText("Modelled");
  await expect(comparison).toContainText("“Cost by component” and the cost figure at the top are billed");
  const values = (await comparison.locator("dd.tabular").allInnerTexts()).map(parseUsd);
  expect(values).toHaveLength(3);
  // The demo names every resource on its usage lines and prices them with the engine.
  expect(values[0]).toBeGreaterThan(0);
  expect(values[1]).toBeCloseTo(values[0]!, 2);
  expect(Math.abs(values[2]! - values[0]!)).toBeLessThanOrEqual(0.011);
  expect(errors).toEqual([]);
});

test("an empty database renders the page without a reconciliation", async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(`${EMPTY}/reconciliation`);
  await expect(page.getByRole("heading", { name: "Reconciliation", level: 1 })).toBeVisible();
  await expect(page.getByTestId("reconciliation-stats")).toHaveCount(0);
  expect(errors).toEqual([]);
});
