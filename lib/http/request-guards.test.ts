import { describe, expect, it } from "vitest";
import { NextResponse } from "next/server";
import { readBodyText } from "./request-guards";
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

  it("answers 503 with one line when the database is read-only, not a generic 500", async () => {
    const readOnly = Object.assign(new Error("attempt to write a readonly database"), {
      code: "SQLITE_READONLY",
    });
    const guarded = withRoute(async () => {
      throw readOnly;
    });
    const response = await guarded(request("POST", { "content-type": "application/json" }, "{}"), {});
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNAVAILABLE");
    expect(body.error.message).toMatch(/read-only/);
  });
});
