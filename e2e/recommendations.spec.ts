import { expect, test, type Page } from "@playwright/test";
import { trackErrors } from "./page-errors";

/**
 * Recommendation cards on function and service pages, on the demo fleet (planted cases are listed
 * in lib/demo/README.md, "Expected advice"): the card opens the page, links its evidence, opens the
 * what-if page with the measured workload, takes the user's latency limit, and a Power Tuning run
 * imported from the page lands on the memory curve.
 */

const PROD = "314159265358";
const STAGING = "271828182845";

async function openResource(page: Page, list: "functions" | "services", name: string): Promise<void> {
  await page.goto(`/${list}?q=${encodeURIComponent(name)}&account=${PROD}`);
  const testId = list === "functions" ? "function-name" : "service-name";
  await page
    .getByTestId(testId)
    .filter({ hasText: new RegExp(`^${name}$`) })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

function recommendationCard(page: Page) {
  return page.getByRole("region", { name: "Recommendations" });
}

/** A Power Tuning visualization URL: base64 Int16 sizes ; Float32 durations ; Float32 costs. */
function toVisualizationUrl(points: { memoryMb: number; durationMs: number; costUsd: number }[]): string {
  const sizes = Buffer.alloc(points.length * 2);
  const durations = Buffer.alloc(points.length * 4);
  const costs = Buffer.alloc(points.length * 4);
  points.forEach((p, i) => {
    sizes.writeInt16LE(p.memoryMb, i * 2);
    durations.writeFloatLE(p.durationMs, i * 4);
    costs.writeFloatLE(p.costUsd, i * 4);
  });
  return `https://lambda-power-tuning.show/#${sizes.toString("base64")};${durations.toString("base64")};${costs.toString("base64")}`;
}

test.describe("recommendations on the demo fleet", () => {
  test("a steady, busy function opens with a move to Fargate and opens in the what-if page", async ({
    page,
  }) => {
    const errors = trackErrors(page);
    await openResource(page, "functions", "orders-api");
    const card = recommendationCard(page);
    await expect(card).toContainText("Move orders-api to Fargate");
    await expect(card).toContainText(/tasks behind an ALB/);
    await expect(card.getByText("High confidence").first()).toBeVisible();
    // Evidence links point at charts on the page.
    const link = card.getByRole("link", { name: "see chart" }).first();
    const target = (await link.getAttribute("href"))!;
    expect(target).toMatch(/^#[a-z-]+$/);
    await expect(page.locator(target)).toHaveCount(1);

    await card.getByRole("link", { name: "Open in what-if" }).click();
    await expect(page).toHaveURL(/\/scenarios\?.*rpm=\d+/);
    expect(new URL(page.url()).searchParams.get("mem")).toBe("1024");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("What-if");
    expect(errors).toEqual([]);
  });

  test("AWS Compute Optimizer's advice shows beside Breakeven's, or why there is none", async ({ page }) => {
    const errors = trackErrors(page);
    await openResource(page, "functions", "report-builder");
    const optimizer = page.getByTestId("compute-optimizer");
    await expect(optimizer.getByRole("heading", { name: "AWS Compute Optimizer" })).toBeVisible();
    await expect(optimizer).toContainText("Not optimized");
    await expect(optimizer).toContainText("MemoryUnderprovisioned");
    await expect(optimizer).toContainText("1 GB → 2 GB");
    await expect(optimizer).toContainText("Lookback 14 days");

    await openResource(page, "services", "reporting-engine");
    await expect(page.getByTestId("compute-optimizer")).toContainText("Over-provisioned");

    // The staging account is not enrolled: said once, no advice rows.
    await page.goto(`/functions?q=orders-api&account=${STAGING}`);
    await page
      .getByTestId("function-name")
      .filter({ hasText: /^orders-api$/ })
      .first()
      .click();
    await expect(page.getByTestId("compute-optimizer")).toContainText(
      "not enrolled in AWS Compute Optimizer",
    );
    await expect(page.getByTestId("compute-optimizer-advice")).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test("a CPU-bound function shows its memory curve and honours a latency limit", async ({ page }) => {
    const errors = trackErrors(page);
    await openResource(page, "functions", "report-builder");
    const card = recommendationCard(page);
    await expect(card).toContainText("Raise report-builder to 2 GB");
    const curve = page.locator("#memory-curve");
    await expect(curve.getByRole("heading", { name: "Cost and speed by memory size" })).toBeVisible();
    await expect(curve.locator("svg.recharts-surface")).toBeVisible();
    await curve.getByText("Show as table").click();
    await expect(curve.locator("tbody tr").filter({ hasText: "(now)" })).toContainText("1,024 MB");

    // A p95 limit no size can meet leaves no memory advice.
    await page.goto(`${new URL(page.url()).pathname}?latency=1`);
    await expect(recommendationCard(page)).not.toContainText("Raise report-builder");
    expect(errors).toEqual([]);
  });

  test("a function that is already right says so", async ({ page }) => {
    await openResource(page, "functions", "checkout-webhooks");
    await expect(recommendationCard(page)).toContainText("No change recommended");
  });

  test("provisioned concurrency is judged on time-averaged utilisation", async ({ page }) => {
    await openResource(page, "functions", "catalog-api");
    await expect(recommendationCard(page)).toContainText(/provisioned concurrency on catalog-api/i);
    const pc = page.locator("#pc-utilization");
    await expect(pc).toContainText(/Time-averaged utilisation \d+(\.\d+)?% against a break-even/);
  });

  test("an idle service opens with a move to Lambda; a tagged worker with Spot", async ({ page }) => {
    const errors = trackErrors(page);
    await openResource(page, "services", "admin-portal");
    await expect(recommendationCard(page)).toContainText("to Lambda");
    await openResource(page, "services", "notifications-worker");
    const card = recommendationCard(page);
    await expect(card).toContainText("Fargate Spot");
    await expect(card).toContainText("demo's documented Spot rate");
    expect(errors).toEqual([]);
  });

  test("a Power Tuning run pasted on the page joins the memory curve", async ({ page }) => {
    const errors = trackErrors(page);
    await openResource(page, "functions", "ruby-legacy-webhook");
    const url = toVisualizationUrl([
      { memoryMb: 256, durationMs: 310, costUsd: 0.0000013 },
      { memoryMb: 1024, durationMs: 95, costUsd: 0.0000016 },
      { memoryMb: 2048, durationMs: 60, costUsd: 0.000002 },
    ]);
    await page.getByRole("textbox", { name: /Power Tuning/i }).fill(url);
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByText(/Imported 3 points \(256–2,048 MB\)/)).toBeVisible();
    const curve = page.locator("#memory-curve");
    await expect(curve).toContainText(/modelled from [4-9] observed sizes/);

    const bad = await page.request.post(
      new URL(page.url()).pathname.replace("/functions/", "/api/functions/") + "/power-tuning",
      {
        data: { text: "not power tuning" },
        headers: { origin: new URL(page.url()).origin },
      },
    );
    expect(bad.status()).toBe(422);
    const crossSite = await page.request.post(
      new URL(page.url()).pathname.replace("/functions/", "/api/functions/") + "/power-tuning",
      { data: { text: url }, headers: { origin: "https://evil.example" } },
    );
    expect(crossSite.status()).toBe(403);
    expect(errors).toEqual([]);
  });

  test("the card shows what the team decided, and links to where it is reviewed", async ({ page }) => {
    const errors = trackErrors(page);
    const list = await page.request.get(
      "/api/recommendations?q=shipping-quotes&kind=lambda-arm64&status=all",
    );
    expect(list.status()).toBe(200);
    const [item] = (await list.json()).items as { id: number; status: string }[];
    expect(item?.status).toBe("open");
    const setStatus = (body: Record<string, string>) =>
      page.request.patch(`/api/recommendations/${item!.id}`, { data: body });
    try {
      expect((await setStatus({ status: "dismissed", reason: "wheels not built for arm64" })).status()).toBe(
        200,
      );
      await openResource(page, "functions", "shipping-quotes");
      const card = recommendationCard(page);
      await expect(card.getByTestId("recommendation-status")).toHaveText("Dismissed");
      await expect(card).toContainText("wheels not built for arm64");
      await card.getByRole("link", { name: "Review" }).click();
      await expect(page).toHaveURL(/\/recommendations\?.*q=shipping-quotes.*status=all/);
      await expect(page.getByRole("link", { name: "shipping-quotes" }).first()).toBeVisible();
    } finally {
      expect((await setStatus({ status: "open" })).status()).toBe(200);
    }
    expect(errors).toEqual([]);
  });
});
