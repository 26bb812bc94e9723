import type { Page } from "@playwright/test";

/**
 * Collects uncaught page errors and console errors, which a passing assertion could hide. A missing
 * favicon (a 404 the browser logs on its own) is not ours to fail on.
 */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/favicon|404 \(Not Found\)/.test(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}
