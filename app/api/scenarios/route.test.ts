/**
 * The scenario write routes refuse what never reaches the database: a cross-site request (403, the
 * check every write route gets from withRoute) and a body far larger than a scenario (413).
 */
import { describe, expect, it } from "vitest";
import { POST } from "./route";

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1:3000/api/scenarios", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
}

describe("POST /api/scenarios guards", () => {
  it("refuses a write from another site with 403", async () => {
    const response = await POST(post("{}", { origin: "https://evil.example" }), {});
    expect(response.status).toBe(403);
  });

  it("refuses a body ten times larger than the 64 KB limit with 413, before parsing it", async () => {
    const response = await POST(post(JSON.stringify({ name: "x".repeat(640 * 1024) })), {});
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  });
});
