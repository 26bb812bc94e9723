import "server-only";
import { AppError } from "@/lib/errors";
import { readBodyText } from "@/lib/http/request-guards";

/** A saved scenario is a few hundred bytes of JSON; anything near this is not one. */
const MAX_SCENARIO_BODY_BYTES = 64 * 1024;

/**
 * The request body as JSON; a malformed body is a validation error (422), not a crash (500), and a
 * body over 64 KB is refused (413) before it is parsed.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readBodyText(request, MAX_SCENARIO_BODY_BYTES);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON", {
      fieldErrors: { _: "The request body is not valid JSON" },
    });
  }
}
