/**
 * The fault battery's browser half (issue #8; the rest is in test/faults/): another site trying to
 * write or frame the app, a foreign Host, oversized and malformed requests against the local-mode
 * demo server; and team mode end to end with a real OpenID Connect provider on loopback
 * (e2e/oidc-server.ts) and the admin password: no session, a viewer, an admin, a stranger.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PORT, E2E_ADMIN_PASSWORD, TEAM_URL } from "../playwright.config";
import { trackErrors } from "./page-errors";

const APP = `http://127.0.0.1:${DEMO_PORT}`;

/** Serves `html` from another origin (localhost:<random> is not 127.0.0.1:<app port>). */
async function serveOtherSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A raw HTTP request, for what browsers and fetch will not send (a foreign Host, a chunked body). */
function rawRequest(options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer;
}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: DEMO_PORT,
        path: options.path,
        method: options.method ?? "GET",
        headers: options.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    request.on("error", reject);
    if (options.body) {
      // Written in pieces without a Content-Length: the server only learns the size by reading.
      for (let offset = 0; offset < options.body.length; offset += 64 * 1024) {
        request.write(options.body.subarray(offset, offset + 64 * 1024));
      }
    }
    request.end();
  });
}

test.describe("local mode against another site", () => {
  test("a cross-site form cannot create a scenario or reload the demo fleet", async ({ page, request }) => {
    const site = await serveOtherSite(`<!doctype html>
      <form id="plain" method="post" action="${APP}/api/scenarios" enctype="text/plain">
        <input name='{"name":"csrf-probe","x":"' value='"}'>
      </form>
      <form id="urlencoded" method="post" action="${APP}/api/fleet/demo">
        <input name="confirm" value="yes">
      </form>`);
    try {
      for (const form of ["plain", "urlencoded"]) {
        await page.goto(site.url);
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.url().startsWith(APP)),
          page.evaluate((id) => (document.getElementById(id) as HTMLFormElement).submit(), form),
        ]);
        expect(response.status()).toBe(403);
        expect(await response.text()).toContain("another site");
      }
      const scenarios = await request.get("/api/scenarios");
      expect(await scenarios.text()).not.toContain("csrf-probe");
    } finally {
      await site.close();
    }
  });

  test("the app cannot be framed by another site", async ({ page }) => {
    const site = await serveOtherSite(
      `<!doctype html><iframe src="${APP}/" width="800" height="600"></iframe>`,
    );
    try {
      const framed = page.waitForResponse((r) => r.url() === `${APP}/`);
      await page.goto(site.url);
      const response = await framed;
      expect(response.headers()["x-frame-options"]).toBe("DENY");
      expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame).toBeDefined();
      await expect(frame!.getByRole("button", { name: /Remove demo data/ })).toHaveCount(0);
    } finally {
      await site.close();
    }
  });

  test("pages carry a nonce CSP and the security headers, and run under it without errors", async ({
    page,
  }) => {
    const errors = trackErrors(page);
    for (const path of ["/", "/functions", "/scenarios"]) {
      const response = await page.goto(path);
      const headers = response!.headers();
      expect(headers["content-security-policy"]).toMatch(
        /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
      );
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("same-origin");
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    }
    // Client-side navigation works too (the scripts the nonce allowed are running).
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Services");
    expect(errors).toEqual([]);
  });

  test("a foreign Host header is refused (DNS rebinding), loopback names are served", async () => {
    const foreign = await rawRequest({ path: "/api/health", headers: { host: "attacker.example:3100" } });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toContain("host name");
    const page = await rawRequest({ path: "/", headers: { host: "rebind.attacker.example" } });
    expect(page.status).toBe(400);
    expect(
      (await rawRequest({ path: "/api/health", headers: { host: `localhost:${DEMO_PORT}` } })).status,
    ).toBe(200);
  });

  test("a 2 MB body is refused with 413, declared or streamed", async ({ request }) => {
    const big = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024), input: {} });
    const declared = await request.post("/api/scenarios", {
      data: big,
      headers: { "content-type": "application/json" },
    });
    expect(declared.status()).toBe(413);
    expect((await declared.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    const streamed = await rawRequest({
      path: "/api/scenarios",
      method: "POST",
      headers: {
        host: `127.0.0.1:${DEMO_PORT}`,
        "content-type": "application/json",
        "transfer-encoding": "chunked",
      },
      body: Buffer.from(big),
    });
    expect(streamed.status).toBe(413);
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("a write that is not JSON is refused with 415", async ({ request }) => {
    const response = await request.post("/api/scenarios", {
      data: '{"name":"typed-probe"}',
      headers: { "content-type": "text/plain" },
    });
    expect(response.status()).toBe(415);
    expect((await response.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  test("broken percent-encoding in a path answers 400, not 500", async ({ request }) => {
    const page = await request.get("/functions/%ff");
    expect(page.status()).toBe(400);
    const api = await request.get("/api/scenarios/%ff%fe");
    expect(api.status()).toBe(400);
    expect((await api.json()).error.code).toBe("BAD_REQUEST");
  });
});

async function signInWithIdp(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
}

test.describe("team mode", () => {
  // The test IdP's pages link a web font on the internet: nothing leaves loopback.
  test.beforeEach(async ({ context }) => {
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/])/, (route) => route.abort());
  });

  test("without a session: pages go to the login page, the API answers 401, health stays open", async ({
    page,
    request,
  }) => {
    await page.goto(`${TEAM_URL}/functions?page=2`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ffunctions%3Fpage%3D2$/);
    await expect(page.getByRole("heading", { name: "Sign in to Breakeven" })).toBeVisible();
    const api = await request.get(`${TEAM_URL}/api/accounts`);
    expect(api.status()).toBe(401);
    expect((await api.json()).error.code).toBe("UNAUTHENTICATED");
    const write = await request.post(`${TEAM_URL}/api/fleet/demo`, { data: {} });
    expect(write.status()).toBe(401);
    expect((await request.get(`${TEAM_URL}/api/health`)).status()).toBe(200);
  });

  test("a viewer signs in through the identity provider, reads, and cannot do an admin action", async ({
    page,
  }) => {
    await page.goto(`${TEAM_URL}/functions`);
    await signInWithIdp(page, "bob@example.com");
    await expect(page).toHaveURL(`${TEAM_URL}/functions`);
    // From here on: the IdP's pages log the blocked font.
    const errors = trackErrors(page);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Functions");
    await expect(page.getByText("Role: viewer (read only)")).toBeVisible();
    const session = await page.request.get(`${TEAM_URL}/api/auth/session`);
    expect((await session.json()).user).toMatchObject({ email: "bob@example.com", role: "viewer" });
    // The admin's controls are not shown to a viewer (the team database is empty): a note instead.
    await expect(page.getByRole("heading", { name: "No cost data yet" })).toBeVisible();
    await expect(page.getByText("An admin can load the demo fleet or add an AWS account")).toBeVisible();
    await expect(page.getByRole("button", { name: "Load demo data" })).toHaveCount(0);
    await page.goto(`${TEAM_URL}/accounts`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Accounts");
    await expect(page.getByRole("note")).toHaveText(
      "Adding, syncing and changing accounts needs the admin role.",
    );
    await expect(page.getByRole("heading", { name: "Add account" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add account" })).toHaveCount(0);
    await expect(page.getByLabel("Account ID")).toHaveCount(0);
    for (const name of ["Sync now", "Test connection", "Remove"]) {
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
    // Admin actions: 403. A viewer's own what-if: allowed through to validation (422, not 403).
    const headers = { origin: TEAM_URL };
    for (const [method, path] of [
      ["POST", "/api/accounts"],
      ["POST", "/api/fleet/demo"],
      ["DELETE", "/api/fleet/demo?confirm=yes"],
    ] as const) {
      const response = await page.request.fetch(`${TEAM_URL}${path}`, { method, data: {}, headers });
      expect(response.status(), `${method} ${path}`).toBe(403);
    }
    const scenario = await page.request.post(`${TEAM_URL}/api/scenarios`, { data: {}, headers });
    expect(scenario.status()).toBe(422);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    expect((await page.request.get(`${TEAM_URL}/api/accounts`)).status()).toBe(401);
    expect(errors).toEqual([]);
  });

  test("someone the settings do not name is turned away", async ({ page }) => {
    await page.goto(`${TEAM_URL}/`);
    await signInWithIdp(page, "mallory@other.org");
    await expect(page).toHaveURL(/\/login\?.*error=AccessDenied/);
    await expect(page.getByText(/Your account is not allowed/)).toBeVisible();
    expect((await page.request.get(`${TEAM_URL}/api/accounts`)).status()).toBe(401);
  });

  test("the admin password signs in an admin; a wrong one does not", async ({ page }) => {
    await page.goto(`${TEAM_URL}/accounts`);
    await page.getByLabel("Admin password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in as admin" }).click();
    await expect(page.getByText(/That password is not right/)).toBeVisible();
    await page.getByLabel("Admin password").fill(E2E_ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in as admin" }).click();
    await expect(page).toHaveURL(`${TEAM_URL}/accounts`);
    await expect(page.getByText("Role: admin")).toBeVisible();
    // The admin sees the controls a viewer does not, and no "needs the admin role" note.
    await expect(page.getByRole("heading", { name: "Add account" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Add account" })).toBeVisible();
    await expect(page.getByText(/needs the admin role/)).toHaveCount(0);
    await page.goto(`${TEAM_URL}/functions`);
    await expect(page.getByRole("button", { name: "Load demo data" })).toBeVisible();
    await expect(page.getByText(/An admin can load the demo fleet/)).toHaveCount(0);
    // Past the role check: the empty body fails validation instead.
    const response = await page.request.post(`${TEAM_URL}/api/accounts`, {
      data: {},
      headers: { origin: TEAM_URL },
    });
    expect(response.status()).toBe(422);
    // The session cookie is HttpOnly and SameSite.
    const cookie = (await page.context().cookies(TEAM_URL)).find((c) =>
      c.name.endsWith("authjs.session-token"),
    );
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });
});
