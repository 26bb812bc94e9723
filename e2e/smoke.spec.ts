import { expect, test } from "@playwright/test";
import { EMPTY_PORT } from "../playwright.config";
import { trackErrors } from "./page-errors";

const PAGES = [
  { path: "/", heading: "Overview" },
  { path: "/functions", heading: "Functions" },
  { path: "/services", heading: "Services" },
  { path: "/recommendations", heading: "Recommendations" },
  { path: "/scenarios", heading: "What-if" },
];

test("health endpoint reports the database reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

for (const base of [
  { name: "demo data", url: "" },
  { name: "empty database", url: `http://127.0.0.1:${EMPTY_PORT}` },
]) {
  test.describe(`with ${base.name}`, () => {
    for (const { path, heading } of PAGES) {
      test(`${path} renders without errors`, async ({ page }) => {
        const errors = trackErrors(page);
        const response = await page.goto(`${base.url}${path}`);
        expect(response?.status()).toBe(200);
        await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
        await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
        expect(errors).toEqual([]);
      });
    }
  });
}

test("an unknown address shows the not-found page with a 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("the sidebar navigates between pages and marks the current one", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Functions" }).click();
  await expect(page).toHaveURL(/\/functions$/);
  await expect(nav.getByRole("link", { name: "Functions" })).toHaveAttribute("aria-current", "page");
});
