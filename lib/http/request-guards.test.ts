import { describe, expect, it } from "vitest";
import { NextResponse } from "next/server";
import { isCrossSiteRequest, readBodyText } from "./request-guards";
import { withRoute } from "./with-route";

const URL_ = "http://breakeven.local:3000/api/thing";

function request(method: string, headers: Record<string, string> = {}, body?: BodyInit): Request {
  return new Request(URL_, {
    method,
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
}

describe("isCrossSiteRequest", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteRequest(request("GET", { origin: "https://evil.example" }))).toBe(false);
  });

  it("refuses writes from another site, a null origin or Sec-Fetch-Site: cross-site", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(request("DELETE", { origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(request("PATCH", { "sec-fetch-site": "cross-site" }))).toBe(true);
  });

  it("accepts same-origin writes and clients that send no origin (curl, scripts)", () => {
    expect(isCrossSiteRequest(request("POST", { origin: "http://breakeven.local:3000" }))).toBe(false);
    expect(
      isCrossSiteRequest(
        request("POST", { origin: "https://dash.example", "x-forwarded-host": "dash.example" }),
      ),
    ).toBe(false);
    expect(isCrossSiteRequest(request("POST"))).toBe(false);
  });
});

describe("readBodyText", () => {
  it("reads a body within the limit", async () => {
    expect(await readBodyText(request("POST", {}, "hello"), 10)).toBe("hello");
    expect(await readBodyText(request("POST"), 10)).toBe("");
  });

  it("refuses a body over the limit by its declared length and by the bytes read", async () => {
    await expect(
      readBodyText(request("POST", { "content-length": "11" }, "x".repeat(11)), 10),
    ).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i += 1) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    await expect(readBodyText(request("POST", {}, stream), 4096)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
  });
});

describe("withRoute", () => {
  const handler = withRoute(async (req: Request) => NextResponse.json({ body: await readBodyText(req, 16) }));

  it("answers 403 to a cross-site write before the handler runs", async () => {
    let ran = false;
    const guarded = withRoute(async () => {
      ran = true;
      return NextResponse.json({});
    });
    const response = await guarded(request("POST", { origin: "https://evil.example" }), {});
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
    expect(ran).toBe(false);
  });

  it("answers 413 to a body ten times too large and 200 to a fitting one", async () => {
    expect((await handler(request("POST", {}, "x".repeat(160)), {})).status).toBe(413);
    expect((await handler(request("POST", {}, "ok"), {})).status).toBe(200);
  });
});
