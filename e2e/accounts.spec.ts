import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS_PORT } from "../playwright.config";
import { trackErrors } from "./page-errors";

/**
 * The Accounts page against moto (playwright.config.ts starts `moto_server` and a server whose AWS
 * SDK talks only to it; moto's credentials belong to account 123456789012). One story, in order:
 * the empty state, a refused id, adding the account, testing the connection, a sync from start to
 * finish, and removing the account with everything synced from it.
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
