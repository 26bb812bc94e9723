import "server-only";
import { AppError } from "@/lib/errors";

/** The request body as JSON; a malformed body is a validation error (422), not a crash (500). */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON", {
      fieldErrors: { _: "The request body is not valid JSON" },
    });
  }
}
