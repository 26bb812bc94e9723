import { expect, test, type Locator, type Page } from "@playwright/test";
import { ACCOUNTS_PORT, MOTO_URL } from "../playwright.config";
import { seedMotoFleet, type SeededFunction } from "../test/aws/seed-moto";
import { trackErrors } from "./page-errors";

/**
 * The Accounts page against moto (playwright.config.ts starts `moto_server` and a server whose AWS
 * SDK talks only to it; moto's credentials belong to account 123456789012). One story, in order:
 * the empty state, a refused id, adding the account, testing the connection, a sync from start to
 * finish, and removing the account with everything synced from it. Then the same against a fleet
 * seeded into moto (test/aws/seed-moto.ts): the synced function and service pages show the seeded
 * figures.
 */

const BASE = `http://127.0.0.1:${ACCOUNTS_PORT}`;
const ACCOUNT_ID = "123456789012";

test.describe.configure({ mode: "serial" });

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

test("add, test, sync and remove an AWS account", async ({ page }) => {
  test.setTimeout(180_000);
  const errors = trackErrors(page);

  await page.goto(`${BASE}/accounts`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accounts");
  await expect(page.getByRole("link", { name: "Accounts" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: "No AWS accounts yet" })).toBeVisible();
  await expect(page.getByTestId("iam-policy-path")).toHaveText("docs/iam-policy.json");
  await expect(page.getByText("npm run sync", { exact: true })).toBeVisible();

  // A bad id is refused next to its field, and nothing is added.
  const form = page.getByRole("form", { name: "Add an AWS account" });
  await form.getByLabel("Account ID").fill("12345");
  await form.getByLabel("Name").fill("moto");
  await form.getByLabel("Regions").fill("us-east-1");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByLabel("Account ID")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("An AWS account id is exactly 12 digits")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No AWS accounts yet" })).toBeVisible();

  await form.getByLabel("Account ID").fill(ACCOUNT_ID);
  await form.getByRole("button", { name: "Add account" }).click();
  const card = page.getByTestId(`account-${ACCOUNT_ID}`);
  await expect(card).toBeVisible();
  await expect(card).toContainText("us-east-1");
  await expect(card).toContainText("The server's default AWS credentials");
  await expect(card).toContainText("Never synced");
  await expect(card.getByLabel(/Logs Insights off/)).not.toBeChecked();
  await expect(page.getByRole("heading", { name: "No AWS accounts yet" })).toHaveCount(0);

  // Adding it twice: the server's 409 lands on the id field.
  await form.getByLabel("Account ID").fill(ACCOUNT_ID);
  await form.getByLabel("Name").fill("again");
  await form.getByLabel("Regions").fill("us-east-1");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByText("This account is already configured")).toBeVisible();

  // Test connection: moto's caller identity is this account.
  await card.getByRole("button", { name: "Test connection" }).click();
  const result = card.getByTestId("connection-test-result");
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByTestId("caller-arn")).toContainText(`:${ACCOUNT_ID}:`);
  await expect(result).toContainText(`Account ${ACCOUNT_ID} matches`);
  await expect(result.getByRole("table", { name: "Permissions in us-east-1" })).toBeVisible();
  await expect(result.getByTestId("backfill-estimate")).toContainText("First sync (backfill)");

  // Sync now: progress, then a finished status, and the page data refreshes.
  await card.getByRole("button", { name: "Sync now" }).click();
  const progress = card.getByTestId("sync-progress").getByTestId("run-progress");
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress).not.toHaveAttribute("data-status", "running", { timeout: 150_000 });
  await expect(progress).toHaveAttribute("data-status", /^(succeeded|partial)$/);
  await expect(card.getByTestId("last-sync").getByTestId("run-progress")).toHaveAttribute(
    "data-status",
    /^(succeeded|partial)$/,
  );
  await expect(card).not.toContainText("Never synced");

  // Phone width: nothing but tables scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoHorizontalOverflow(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Remove, after a confirm step that says what goes.
  await card.getByRole("button", { name: "Remove" }).click();
  const confirm = card.getByRole("group", { name: `Confirm removing account ${ACCOUNT_ID}` });
  await expect(confirm).toContainText("Everything synced from it is deleted");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toHaveCount(0);
  await card.getByRole("button", { name: "Remove" }).click();
  await card.getByRole("button", { name: "Yes, remove the account and its data" }).click();
  await expect(page.getByRole("heading", { name: "No AWS accounts yet" })).toBeVisible();
  await expect(page.getByTestId(`account-${ACCOUNT_ID}`)).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("heading", { name: "No AWS accounts yet" })).toBeVisible();
  // The browser logs the refused duplicate (409) itself; that one was asked for.
  expect(errors.filter((error) => !error.includes("status of 409 (Conflict)"))).toEqual([]);
});

const DAY_MS = 86_400_000;
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** "5,758" -> 5758, "4,015 ms" -> 4015. */
function parseNumber(text: string): number {
  const match = /-?[\d,]+(\.\d+)?/.exec(text);
  if (!match) throw new Error(`no number in "${text}"`);
  return Number(match[0].replace(/,/g, ""));
}

/**
 * What a page's daily ranges can show of a seeded function: the seeded hours before today's UTC
 * midnight (the sync stores daily points for complete days only; 30 days reach back past the
 * 3 seeded days), their invocations and their invocation-weighted average duration.
 */
function completeDays(fn: SeededFunction, now: Date) {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const hours = fn.hourly.filter((hour) => hour.timestamp.getTime() < today);
  const invocations = hours.reduce((sum, hour) => sum + hour.invocations, 0);
  const durationMs = hours.reduce((sum, hour) => sum + hour.invocations * hour.durationAvgMs, 0);
  return { invocations, durationAvgMs: invocations > 0 ? durationMs / invocations : null };
}

/** The value of a headline figure (components/fleet/stat.tsx): its first <dd>, and its detail line. */
function stat(page: Page, label: string): { value: Locator; detail: Locator } {
  const box = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: label }) });
  return { value: box.locator("dd").first(), detail: box.locator("dd").nth(1) };
}

/** The value of a fact of a Configuration card (components/fleet/facts-list.tsx). */
function fact(page: Page, label: string): Locator {
  return page
    .locator("dl > div")
    .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
    .locator("dd");
}

test("a synced moto fleet shows its seeded figures on the function and service pages", async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);

  // Moto as seeded here and nothing else (the story above ran against an empty moto).
  const reset = await fetch(`${MOTO_URL}/moto-api/reset`, { method: "POST" });
  await reset.arrayBuffer();
  expect(reset.ok).toBe(true);
  const fleet = await seedMotoFleet(MOTO_URL);
  expect(fleet.accountId).toBe(ACCOUNT_ID);

  await page.goto(`${BASE}/accounts`);
  await expect(page.getByRole("heading", { name: "No AWS accounts yet" })).toBeVisible();
  const form = page.getByRole("form", { name: "Add an AWS account" });
  await form.getByLabel("Account ID").fill(ACCOUNT_ID);
  await form.getByLabel("Name").fill("moto fleet");
  await form.getByLabel("Regions").fill("us-east-1");
  await form.getByRole("button", { name: "Add account" }).click();
  const card = page.getByTestId(`account-${ACCOUNT_ID}`);
  await expect(card).toBeVisible();

  await card.getByRole("button", { name: "Sync now" }).click();
  const progress = card.getByTestId("sync-progress").getByTestId("run-progress");
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress).not.toHaveAttribute("data-status", "running", { timeout: 180_000 });
  // Partial: moto 5.2.1 has no provisioned-concurrency API and answers percentiles with HTTP 500.
  await expect(progress).toHaveAttribute("data-status", /^(succeeded|partial)$/);
  await expect(card).toContainText(`${fleet.functions.length} functions · ${fleet.services.length} services`);

  // The list: every seeded function, with its 30-day invocations (exact figure in the cell's title).
  const now = new Date();
  await page.goto(`${BASE}/functions`);
  await expect(page.getByTestId("function-row")).toHaveCount(fleet.functions.length);
  const hrefs = new Map<string, string>();
  for (const fn of fleet.functions) {
    const link = page.getByTestId("function-name").getByText(fn.name, { exact: true });
    await expect(link).toBeVisible();
    const row = page.getByTestId("function-row").filter({ has: link });
    await expect(row.getByTestId("function-arch")).toHaveText(fn.architecture);
    const invocations = row.getByTestId("function-invocations");
    if (fn.idle) {
      await expect(invocations).toHaveText("0 (idle)");
    } else {
      const expected = completeDays(fn, now).invocations;
      await expect(invocations).toHaveAttribute("title", integer.format(expected));
      await expect(invocations).toHaveText(compact.format(expected));
    }
    hrefs.set(fn.name, (await link.getAttribute("href")) ?? "");
  }

  for (const fn of fleet.functions) {
    const href = hrefs.get(fn.name)!;
    expect(href).toMatch(/^\/functions\//);
    await page.goto(`${BASE}${href}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(fn.name);
    const invocationsStat = stat(page, "Invocations (30 days)");
    if (fn.idle) {
      await expect(invocationsStat.value).toHaveText("0");
      continue;
    }
    // 30 days (the default range): the daily points, i.e. the seeded hours of complete UTC days.
    const days = completeDays(fn, now);
    await expect(invocationsStat.detail).toHaveText(integer.format(days.invocations));
    await expect(
      page.getByText(`Invocations per day over 30 days (UTC): ${integer.format(days.invocations)} in total.`),
    ).toBeVisible();
    // The average duration at the current memory size: the memory curve's observed average
    // (from the per-day metric observations of those same days), shown in whole milliseconds.
    const curve = page.locator("#memory-curve");
    await curve.getByText("Show as table").click();
    const current = curve.getByRole("row").filter({ hasText: "(now)" });
    const observedAverage = parseNumber(await current.getByRole("cell").nth(3).innerText());
    expect(days.durationAvgMs).not.toBeNull();
    expect(Math.abs(observedAverage - days.durationAvgMs!) / days.durationAvgMs!).toBeLessThanOrEqual(0.01);

    // 14 days, hourly: the current hour and the 335 before it hold all the seeded (complete) hours.
    await page.goto(`${BASE}${href}?range=14d`);
    await expect(
      page.getByText(
        `Invocations per hour over 14 days (UTC): ${integer.format(fn.totals.invocations)} in total.`,
      ),
    ).toBeVisible();
  }

  // Services: listed, and the task size and architecture of their task definitions.
  await page.goto(`${BASE}/services`);
  await expect(page.getByTestId("service-row")).toHaveCount(fleet.services.length);
  for (const service of fleet.services) {
    const link = page.getByTestId("service-name").getByText(service.serviceName, { exact: true });
    await expect(link).toBeVisible();
    const href = (await link.getAttribute("href")) ?? "";
    await page.goto(`${BASE}${href}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(service.serviceName);
    const vcpu = service.cpu / 1024;
    const memory = service.memoryMb % 1024 === 0 ? `${service.memoryMb / 1024} GB` : `${service.memoryMb} MB`;
    await expect(stat(page, "Task size").value).toHaveText(`${vcpu} vCPU / ${memory}`);
    await expect(fact(page, "Task CPU")).toHaveText(`${vcpu} vCPU`);
    await expect(fact(page, "Task memory")).toHaveText(memory);
    await expect(fact(page, "OS / architecture")).toHaveText(
      new RegExp(`^${service.operatingSystemFamily} / ${service.cpuArchitecture}$`, "i"),
    );
    await page.goto(`${BASE}/services`);
  }

  // Removing the account takes everything synced from it.
  await page.goto(`${BASE}/accounts`);
  await card.getByRole("button", { name: "Remove" }).click();
  await card.getByRole("button", { name: "Yes, remove the account and its data" }).click();
  await expect(page.getByRole("heading", { name: "No AWS accounts yet" })).toBeVisible();
  await page.goto(`${BASE}/functions`);
  // The database holds nothing else, so the list shows the empty-fleet notice.
  await expect(page.getByRole("heading", { name: "No cost data yet" })).toBeVisible();
  await expect(page.getByTestId("function-row")).toHaveCount(0);
  expect(errors).toEqual([]);
});
