import { expect, test, type Page } from "@playwright/test";
import { EMPTY_PORT } from "../playwright.config";

/**
 * The what-if page (/scenarios): live recompute, validation, saved scenarios, shared links and the
 * comparison page. Runs against the demo database server (scenarios do not need fleet data); every
 * scenario a test saves has a unique name and is deleted by the test.
 */

function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    // The app ships no favicon yet; Chromium's automatic request for it is not the page's error.
    if (message.location().url.endsWith("/favicon.ico")) return;
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

function uniqueName(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Waits until the debounced URL update has written `param=value`. */
async function expectUrlParam(page: Page, param: string, value: string): Promise<void> {
  await expect.poll(() => new URL(page.url()).searchParams.get(param)).toBe(value);
}

async function deleteScenarioInList(page: Page, name: string): Promise<void> {
  const row = page.getByTestId("saved-scenario").filter({ hasText: name });
  await row.getByRole("button", { name: "Delete" }).click();
  await row.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByTestId("saved-scenario").filter({ hasText: name })).toHaveCount(0);
}

test("the page loads with a headline, three charts with tables and three itemized bills", async ({
  page,
}) => {
  const errors = trackErrors(page);
  await page.goto("/scenarios");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("What-if");
  await expect(page.getByTestId("scenario-headline")).toContainText(/^Cheapest: .+ — \$[\d,.]+\/month/);
  for (const title of [
    "Lambda cost per memory size",
    "Monthly cost vs request rate",
    "Fargate cost per task size",
  ]) {
    const card = page.getByRole("region", { name: title });
    await expect(card).toBeVisible();
    await expect(card.locator("svg.recharts-surface")).toBeVisible();
    await card.getByText("Show as table").click();
    await expect(card.getByRole("table")).toBeVisible();
  }
  for (const bill of ["bill-current", "bill-cheapest-lambda", "bill-cheapest-fargate"]) {
    await expect(page.getByTestId(`${bill}-total`)).toHaveText(/^\$[\d,.]+$/);
  }
  await expect(page.getByText("$NaN")).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("an account's rates from its bill price what list prices cannot (Fargate Spot)", async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto("/scenarios?region=us-east-1&spot=1");
  const fargateBill = page.getByTestId("bill-cheapest-fargate");
  await expect(fargateBill).toContainText("Unknown: the price book lacks Fargate rates");
  // The demo's Spot lines give its account a Spot rate from the bill.
  const prices = page.getByLabel("Prices");
  await expect(prices.locator("option")).toContainText(["AWS list prices"]);
  await prices.selectOption({ index: 1 });
  await expect(page.getByTestId("bill-cheapest-fargate-total")).toHaveText(/^\$[\d,.]+$/);
  await expect(page.getByTestId("bill-rates")).toContainText(
    "Fargate Spot Linux x86_64 vCPU rate for us-east-1",
  );
  await expect.poll(() => new URL(page.url()).searchParams.get("prices")).toMatch(/^\d{12}$/);
  expect(errors).toEqual([]);
});

test("moving memory changes the curve and the bill", async ({ page }) => {
  await page.goto("/scenarios?mem=512&region=us-east-1");
  const total = page.getByTestId("bill-current-total");
  const currentStat = page.getByTestId("stat-current");
  const card = page.getByRole("region", { name: "Lambda cost per memory size" });
  await card.getByText("Show as table").click();
  const table = card.getByRole("table");
  const rowMarkedNow = table.getByRole("row").filter({ hasText: "(now" });
  await expect(rowMarkedNow.getByRole("rowheader")).toHaveText("512");
  const x86Line = card.locator(".recharts-line-curve").first();
  const curveBefore = await x86Line.getAttribute("d");
  const totalBefore = await total.innerText();
  const statBefore = await currentStat.innerText();
  const row2048Before = await table
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "2,048", exact: true }) })
    .innerText();

  // 64 MB per step: eight steps right is 1,024 MB.
  const slider = page.getByRole("slider", { name: "Memory slider" });
  await slider.focus();
  for (let step = 0; step < 8; step += 1) await page.keyboard.press("ArrowRight");

  await expect(page.getByLabel("Memory (MB)", { exact: true })).toHaveValue("1024");
  await expect(total).not.toHaveText(totalBefore);
  await expect(currentStat).not.toHaveText(statBefore);
  await expect(rowMarkedNow.getByRole("rowheader")).toHaveText("1,024");
  // Duration is measured at the current memory, so the whole curve moves, not only the marker.
  await expect
    .poll(() =>
      table
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: "2,048", exact: true }) })
        .innerText(),
    )
    .not.toBe(row2048Before);
  await expect.poll(() => x86Line.getAttribute("d")).not.toBe(curveBefore);
  await expectUrlParam(page, "mem", "1024");
});

test("an invalid input shows its error by the field and keeps the last valid result", async ({ page }) => {
  await page.goto("/scenarios");
  const headline = page.getByTestId("scenario-headline");
  const headlineBefore = await headline.innerText();
  const memory = page.getByLabel("Memory (MB)", { exact: true });

  await memory.fill("99999");
  await expect(memory).toHaveAttribute("aria-invalid", "true");
  const describedBy = await memory.getAttribute("aria-describedby");
  expect(describedBy).toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Memory must be between 128 and 10,240 MB");
  await expect(headline).toHaveText(headlineBefore);
  await expect(page.getByRole("button", { name: "Save scenario" })).toBeDisabled();

  for (const bad of ["NaN", "Infinity", "1e999", "abc"]) {
    await memory.fill(bad);
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Memory must be a number");
    await expect(headline).toHaveText(headlineBefore);
  }
  await expect(page.getByText(/NaN|Infinity/)).toHaveCount(0);

  const duration = page.getByLabel("Duration (×)", { exact: true });
  await page.getByLabel("Average duration (ms)", { exact: true }).fill("600000");
  await duration.fill("2");
  await expect(duration).toHaveAttribute("aria-invalid", "true");
  await expect(
    page.getByText("Duration × factor is 1,200,000 ms, over Lambda's 15-minute limit"),
  ).toBeVisible();

  await memory.fill("1024");
  await duration.fill("1");
  await expect(memory).not.toHaveAttribute("aria-invalid", "true");
  await expect(headline).not.toHaveText(headlineBefore);
});

test("a bad value in a link is reported and replaced by its default", async ({ page }) => {
  await page.goto("/scenarios?mem=NaN&rpm=Infinity&region=us-east-1");
  await expect(page.getByText("Some values in the link were not valid")).toBeVisible();
  await expect(page.getByText("mem=NaN")).toBeVisible();
  await expect(page.getByLabel("Memory (MB)", { exact: true })).toHaveValue("512");
  await expect(page.getByTestId("scenario-headline")).toContainText("Cheapest:");
});

test("a shared link restores the scenario exactly", async ({ page, context }) => {
  await page.goto("/scenarios");
  await page.getByLabel("Requests per month", { exact: true }).fill("50,000,000");
  await page.getByLabel("Memory (MB)", { exact: true }).fill("2048");
  await page.getByRole("radio", { name: "arm64" }).check({ force: true });
  await page.getByLabel("Traffic shape (hour of day)", { exact: true }).selectOption("spiky");
  await page.getByLabel("Region", { exact: true }).selectOption("eu-west-1");
  await page.getByLabel("Fargate Spot", { exact: true }).check();
  await page.getByRole("button", { name: "4× faster in half the memory" }).click();
  await expectUrlParam(page, "rwd", "0.25");
  await expectUrlParam(page, "mem", "2048");

  const readout = async (p: Page) => ({
    headline: await p.getByTestId("scenario-headline").innerText(),
    current: await p.getByTestId("stat-current").innerText(),
    lambda: await p.getByTestId("stat-cheapest-lambda").innerText(),
    fargate: await p.getByTestId("stat-cheapest-fargate").innerText(),
    total: await p.getByTestId("bill-current-total").innerText(),
  });
  const expected = await readout(page);
  const url = page.url();

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByLabel("Requests per month", { exact: true })).toHaveValue("50000000");
  await expect(other.getByLabel("Memory (MB)", { exact: true })).toHaveValue("2048");
  await expect(other.getByRole("radio", { name: "arm64" })).toBeChecked();
  await expect(other.getByLabel("Traffic shape (hour of day)", { exact: true })).toHaveValue("spiky");
  await expect(other.getByLabel("Region", { exact: true })).toHaveValue("eu-west-1");
  await expect(other.getByLabel("Fargate Spot", { exact: true })).toBeChecked();
  await expect(other.getByLabel("Duration (×)", { exact: true })).toHaveValue("0.25");
  await expect(other.getByLabel("Memory used (×)", { exact: true })).toHaveValue("0.5");
  expect(await readout(other)).toEqual(expected);
  await other.close();
});

test("save, reopen, rename, duplicate, compare and delete scenarios", async ({ page }) => {
  const name = uniqueName("e2e Go rewrite");
  await page.goto("/scenarios?mem=1024&arch=arm64&rpm=25000000&region=eu-west-1&rwd=0.25&rwm=0.5");
  const totalAsSaved = await page.getByTestId("bill-current-total").innerText();

  await page.getByLabel("Scenario name", { exact: true }).fill(`  ${name}  `);
  await page.getByRole("button", { name: "Save scenario" }).click();
  await expect(page.getByTestId("open-scenario-name")).toHaveText(name);
  await expect.poll(() => new URL(page.url()).searchParams.get("id")).toBeTruthy();
  const row = page.getByTestId("saved-scenario").filter({ hasText: name });
  await expect(row).toBeVisible();

  // Reopen from a fresh page: the list link restores every input and puts the id in the URL.
  await page.goto("/scenarios");
  await page.getByRole("link", { name: `Open ${name}` }).click();
  await expect(page).toHaveURL(/[?&]id=/);
  await expect(page.getByTestId("open-scenario-name")).toHaveText(name);
  await expect(page.getByLabel("Memory (MB)", { exact: true })).toHaveValue("1024");
  await expect(page.getByRole("radio", { name: "arm64" })).toBeChecked();
  await expect(page.getByLabel("Region", { exact: true })).toHaveValue("eu-west-1");
  await expect(page.getByTestId("bill-current-total")).toHaveText(totalAsSaved);
  await expect(page.getByText("saved", { exact: true })).toBeVisible();

  // Edit and save changes.
  await page.getByLabel("Memory (MB)", { exact: true }).fill("1536");
  await expect(page.getByText("unsaved changes")).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("saved", { exact: true })).toBeVisible();

  // Rename: names are trimmed and must not be empty.
  const renamed = `${name} (renamed)`;
  await row.getByRole("button", { name: "Rename" }).click();
  const renameInput = page.getByLabel(`New name for ${name}`);
  await renameInput.fill("   ");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(page.getByText("Give the scenario a name")).toBeVisible();
  await renameInput.fill(renamed);
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  const renamedRow = page.getByTestId("saved-scenario").filter({ hasText: renamed });
  await expect(renamedRow).toBeVisible();
  await expect(page.getByTestId("open-scenario-name")).toHaveText(renamed);

  // Duplicate, then compare the two side by side.
  await renamedRow.getByRole("button", { name: "Duplicate" }).click();
  const copyName = `Copy of ${renamed}`;
  const copyRow = page.getByTestId("saved-scenario").filter({ hasText: copyName });
  await expect(copyRow).toBeVisible();
  await page.getByLabel(`Select ${renamed} to compare`).check();
  await page.getByLabel(`Select ${copyName} to compare`).check();
  await page.getByRole("link", { name: "Compare the two selected" }).click();
  await expect(page).toHaveURL(/\/scenarios\/compare\?a=.+&b=.+/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("compare");
  await expect(page.getByTestId("compare-headline-a")).toContainText("Cheapest:");
  await expect(page.getByTestId("compare-headline-b")).toHaveText(
    await page.getByTestId("compare-headline-a").innerText(),
  );
  await expect(page.getByTestId("compare-row-current").getByRole("cell").last()).toHaveText("same");
  await expect(page.getByText("None: both scenarios have the same inputs.")).toBeVisible();

  // Delete both; the open one loses its id in the URL.
  await page.getByRole("link", { name: "Back to what-if" }).click();
  await page.getByRole("link", { name: `Open ${renamed}` }).click();
  await expect(page.getByTestId("open-scenario-name")).toHaveText(renamed);
  await deleteScenarioInList(page, copyName);
  await deleteScenarioInList(page, renamed);
  await expect.poll(() => new URL(page.url()).searchParams.get("id")).toBeNull();
  await expect(page.getByLabel("Scenario name", { exact: true })).toBeVisible();
});

test("an API failure shows a retryable error, never a blank page", async ({ page }) => {
  const name = uniqueName("e2e failing");
  await page.goto("/scenarios");

  await page.route("**/api/scenarios", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({ status: 500, json: { error: { code: "INTERNAL", message: "Something went wrong" } } })
      : route.fallback(),
  );
  await page.getByLabel("Scenario name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Save scenario" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Could not save: Something went wrong" }),
  ).toBeVisible();
  await page.unroute("**/api/scenarios");
  await page.getByRole("button", { name: "Save scenario" }).click();
  await expect(page.getByTestId("open-scenario-name")).toHaveText(name);

  // The list refresh after a rename fails: the list stays, with a retry.
  await page.route("**/api/scenarios", (route) =>
    route.request().method() === "GET"
      ? route.fulfill({ status: 503, json: { error: { code: "INTERNAL", message: "Database unreachable" } } })
      : route.fallback(),
  );
  const row = page.getByTestId("saved-scenario").filter({ hasText: name });
  await row.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel(`New name for ${name}`).fill(`${name}!`);
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  await expect(page.getByText("Could not refresh saved scenarios")).toBeVisible({ timeout: 15_000 });
  await page.unroute("**/api/scenarios");
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Could not refresh saved scenarios")).toHaveCount(0);
  await deleteScenarioInList(page, `${name}!`);
});

test("the API rejects invalid bodies with 422 and field errors", async ({ request }) => {
  const bad = await request.post("/api/scenarios", {
    data: { name: "   ", input: { memoryMb: 99_999, durationMs: "fast" } },
  });
  expect(bad.status()).toBe(422);
  const body = (await bad.json()) as { error: { code: string; fieldErrors: Record<string, string> } };
  expect(body.error.code).toBe("VALIDATION");
  expect(Object.keys(body.error.fieldErrors)).toEqual(
    expect.arrayContaining(["name", "input.memoryMb", "input.durationMs"]),
  );

  // JSON cannot say NaN, but 1e999 parses to Infinity: it must not reach the database.
  const infinite = await request.post("/api/scenarios", {
    headers: { "content-type": "application/json" },
    data: '{"name":"infinite","input":{"requestsPerMonth":1e999}}',
  });
  expect(infinite.status()).toBe(422);

  const notJson = await request.post("/api/scenarios", {
    headers: { "content-type": "application/json" },
    data: "{not json",
  });
  expect(notJson.status()).toBe(422);

  expect((await request.patch("/api/scenarios/does-not-exist", { data: { name: "x" } })).status()).toBe(404);
  const json = { "content-type": "application/json" };
  expect((await request.delete("/api/scenarios/does-not-exist", { headers: json })).status()).toBe(404);
});

test("with no saved scenarios the list explains what saving does", async ({ page }) => {
  await page.goto(`http://127.0.0.1:${EMPTY_PORT}/scenarios`);
  await expect(page.getByText("No saved scenarios yet.")).toBeVisible();
  await expect(page.getByText(/Saving keeps every input above under a name/)).toBeVisible();
});
