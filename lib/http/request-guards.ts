import "server-only";
import { AppError } from "@/lib/errors";

/**
 * The body as UTF-8 text, refused with PAYLOAD_TOO_LARGE (413) once it is larger than `maxBytes`,
 * by its declared Content-Length or by the bytes actually read (a chunked body has no length).
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${Math.round(maxBytes / 1024)} KB`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
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
      throw tooLarge();
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

/**
 * The request body as JSON: refused (413) above `maxBytes` before it is parsed; malformed JSON is
 * a validation error (422), not a crash; an empty body is `undefined`.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const text = await readBodyText(request, maxBytes);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON", {
      fieldErrors: { _: "The request body is not valid JSON" },
    });
  }
}
