import "server-only";
import { readJsonBody as readBoundedJsonBody } from "@/lib/http/request-guards";

/** A saved scenario is a few hundred bytes of JSON; anything near this is not one. */
const MAX_SCENARIO_BODY_BYTES = 64 * 1024;

/** The request body as JSON, at most 64 KB (413 above; 422 when malformed). */
export function readJsonBody(request: Request): Promise<unknown> {
  return readBoundedJsonBody(request, MAX_SCENARIO_BODY_BYTES);
}
