import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * e2e runs against a production build (`next build` once, then three `next start` servers on
 * loopback): one on a database loaded with the demo fleet, one on an empty database, and one for
 * the Accounts page whose AWS SDK talks to moto (a local AWS emulator, `moto_server`) instead of
 * AWS. e2e/global-setup.ts guards the databases (local SQLite files only) and empties the
 * accounts one.
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
export const ACCOUNTS_PORT = Number(process.env.E2E_ACCOUNTS_PORT ?? 3102);
export const MOTO_PORT = Number(process.env.E2E_MOTO_PORT ?? 3105);
export const E2E_ACCOUNTS_DB = process.env.E2E_ACCOUNTS_DB ?? "file:./data/e2e-accounts.db";
export const MOTO_URL = `http://127.0.0.1:${MOTO_PORT}`;
/** Team mode (login required): its own server and database, and an OIDC provider on loopback. */
export const TEAM_PORT = Number(process.env.E2E_TEAM_PORT ?? 3103);
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 3106);
export const E2E_TEAM_DB = process.env.E2E_TEAM_DB ?? "file:./data/e2e-team.db";
// "localhost", not 127.0.0.1: Next.js reports loopback request URLs as localhost, and the sign-in
// cookies must be set on the host the browser uses.
export const TEAM_URL = `http://localhost:${TEAM_PORT}`;
/** The admin password of the team server; test-only. */
export const E2E_ADMIN_PASSWORD = "e2e-admin-password-123";
// Its webServer command migrates it before globalSetup runs, so it is checked here, at load time.
for (const url of [E2E_ACCOUNTS_DB, E2E_TEAM_DB]) {
  if (!/^file:\.\/data\/e2e-[a-z]+\.db$/.test(url)) {
    throw new Error(`e2e refuses to run against ${url}: only local SQLite files under data/ are allowed`);
  }
}

/**
 * The accounts server must never see the developer's AWS setup: empty config and credentials
 * files, fixed test keys, no instance metadata, every SDK call sent to moto. moto answers STS
 * GetCallerIdentity with its default account, 123456789012.
 */
const EMPTY_AWS_DIR = path.join(os.tmpdir(), "breakeven-e2e-aws");
for (const file of ["config", "credentials"]) {
  fs.mkdirSync(EMPTY_AWS_DIR, { recursive: true });
  if (!fs.existsSync(path.join(EMPTY_AWS_DIR, file))) fs.writeFileSync(path.join(EMPTY_AWS_DIR, file), "");
}
const motoAwsEnv = {
  AWS_ENDPOINT_URL: MOTO_URL,
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_SESSION_TOKEN: "",
  AWS_PROFILE: "",
  AWS_REGION: "us-east-1",
  AWS_DEFAULT_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONFIG_FILE: path.join(EMPTY_AWS_DIR, "config"),
  AWS_SHARED_CREDENTIALS_FILE: path.join(EMPTY_AWS_DIR, "credentials"),
};

const serverEnv = { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const };

/** Team mode over plain HTTP on loopback (a real deployment sets an https BREAKEVEN_URL). */
const teamEnv = {
  BREAKEVEN_URL: TEAM_URL,
  AUTH_SECRET: "e2e-only-auth-secret-0123456789abcdef",
  BREAKEVEN_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`,
  BREAKEVEN_OIDC_CLIENT_ID: "breakeven-e2e",
  BREAKEVEN_OIDC_CLIENT_SECRET: "breakeven-e2e-client-secret",
  BREAKEVEN_OIDC_NAME: "Test IdP",
  BREAKEVEN_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
  BREAKEVEN_ADMIN_EMAILS: "ada@example.com",
  BREAKEVEN_VIEWER_EMAILS: "@example.com",
};

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
    {
      command: `moto_server -H 127.0.0.1 -p ${MOTO_PORT}`,
      url: `${MOTO_URL}/moto-api/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // Migrated here, before the server opens the file: the schema engine cannot migrate a WAL
      // database another process holds open (global-setup only empties it afterwards).
      command: `npm run -s db:migrate && npx next start -H 127.0.0.1 -p ${ACCOUNTS_PORT}`,
      url: `http://127.0.0.1:${ACCOUNTS_PORT}/api/health`,
      env: { ...serverEnv, DATABASE_URL: E2E_ACCOUNTS_DB, ...motoAwsEnv },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
    {
      command: `npx tsx e2e/oidc-server.ts ${OIDC_PORT} ${TEAM_URL}/api/auth/callback/oidc`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npm run -s db:migrate && npx next start -H 127.0.0.1 -p ${TEAM_PORT}`,
      url: `http://127.0.0.1:${TEAM_PORT}/api/health`,
      env: { ...serverEnv, DATABASE_URL: E2E_TEAM_DB, ...teamEnv },
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
});
