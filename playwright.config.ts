import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * e2e runs against a production build (`next build` once, then two `next start` servers on
 * loopback): one on a database loaded with the demo fleet, one on an empty database.
 * e2e/global-setup.ts prepares both databases and refuses anything but local SQLite files.
 *
 * Browser: Debian's Chromium where it exists (machines without internet cannot download
 * Playwright's own build), else Playwright's bundled Chromium, so the tests run on a laptop too.
 */
const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasSystemChromium = fs.existsSync(SYSTEM_CHROMIUM);

export const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 3100);
export const EMPTY_PORT = Number(process.env.E2E_EMPTY_PORT ?? 3101);
// Overridable so parallel runs in one checkout can use their own files (global-setup still insists
// on file:./data/e2e-<letters>.db).
export const E2E_DEMO_DB = process.env.E2E_DEMO_DB ?? "file:./data/e2e-demo.db";
export const E2E_EMPTY_DB = process.env.E2E_EMPTY_DB ?? "file:./data/e2e-empty.db";

const serverEnv = { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };

export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${DEMO_PORT}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(hasSystemChromium ? { executablePath: SYSTEM_CHROMIUM } : {}),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx next start -H 127.0.0.1 -p ${DEMO_PORT}`,
      url: `http://127.0.0.1:${DEMO_PORT}/api/health`,
      env: { ...serverEnv, DATABASE_URL: E2E_DEMO_DB },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      command: `npx next start -H 127.0.0.1 -p ${EMPTY_PORT}`,
      url: `http://127.0.0.1:${EMPTY_PORT}/api/health`,
      env: { ...serverEnv, DATABASE_URL: E2E_EMPTY_DB },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
});
