import { NextResponse } from "next/server";
import { importPowerTuningRun } from "@/lib/db/queries/power-tuning";
import { withRoute } from "@/lib/http/with-route";

export const dynamic = "force-dynamic";

/** Largest body accepted: real Power Tuning outputs and execution records are a few KB. */
const MAX_BODY_BYTES = 256 * 1024;

type Context = { params: Promise<{ functionId: string }> };

function refuse(status: 403 | 413, code: string, message: string): Response {
  return NextResponse.json({ error: { code, message } }, { status });
}

/**
 * A browser sends `Sec-Fetch-Site` and, on a POST, `Origin`: a page on another site may not import
 * into this database (a text/plain POST needs no CORS preflight, so the check is ours to make).
 */
function isCrossSite(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" (sandboxed frames, some redirects) or garbage
  }
  const hosts = [
    request.headers.get("host"),
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim(),
    new URL(request.url).host,
  ];
  return !hosts.some((host) => host && host === originHost);
}

/** The body as text, or null when it is larger than `maxBytes` (declared or actual). */
async function readBodyText(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Import an AWS Lambda Power Tuning run (state machine output, DescribeExecution record or
 * visualization URL, as the raw body) into this function's memory observations
 * (docs/power-tuning.md). 200 { imported, form, observedOn, points }; 403 cross-site; 404 unknown
 * function; 413 over 256 KB; 422 bad input or another function's run, with one line.
 */
export const POST = withRoute(async (request, { params }: Context) => {
  if (isCrossSite(request))
    return refuse(403, "FORBIDDEN", "Cross-site requests cannot import Power Tuning results");
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (text === null)
    return refuse(
      413,
      "PAYLOAD_TOO_LARGE",
      "The body is larger than 256 KB: Power Tuning results are a few KB",
    );
  const functionId = decodeParam((await params).functionId);
  return NextResponse.json(await importPowerTuningRun(functionId, text));
});
