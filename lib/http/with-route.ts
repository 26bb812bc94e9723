import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, toHttpStatus } from "@/lib/errors";
import { assertRequestAllowed } from "@/lib/auth/guard";
import { isCrossSite, isSafeMethod } from "@/lib/auth/policy";
import { getSecuritySettings } from "@/lib/auth/server-settings";
import { toDatabaseAppError } from "@/lib/db/db-errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

function isCrossSiteRequest(request: Request): boolean {
  if (isSafeMethod(request.method)) return false;
  const url = new URL(request.url);
  return isCrossSite(
    { method: request.method, pathname: url.pathname, requestOrigin: url.origin, headers: request.headers },
    getSecuritySettings(),
  );
}

function toFieldErrors(error: ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors[key] ??= issue.message;
  }
  return fieldErrors;
}

/**
 * Wraps a route handler: a request that would change data from another site -> 403; ZodError ->
 * 422 with field errors, AppError -> its status, anything else -> 500 with a generic message (the
 * details go to the server log once, never to the client).
 */
export function withRoute<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      if (isCrossSiteRequest(request))
        throw new AppError("FORBIDDEN", "Requests from another site cannot change Breakeven's data");
      await assertRequestAllowed(request);
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ZodError) {
        return NextResponse.json(
          { error: { code: "VALIDATION", message: "Invalid input", fieldErrors: toFieldErrors(error) } },
          { status: 422 },
        );
      }
      if (error instanceof AppError) {
        return NextResponse.json(
          { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } },
          { status: toHttpStatus(error.code) },
        );
      }
      // A read-only or locked database is the operator's to fix: say so (503), not "something".
      const databaseError = toDatabaseAppError(error);
      if (databaseError) {
        console.error(`${request.method} ${new URL(request.url).pathname}: ${databaseError.message}`);
        return NextResponse.json(
          { error: { code: databaseError.code, message: databaseError.message } },
          { status: toHttpStatus(databaseError.code), headers: { "Retry-After": "5" } },
        );
      }
      console.error(`${request.method} ${new URL(request.url).pathname} failed:`, error);
      return NextResponse.json(
        { error: { code: "INTERNAL", message: "Something went wrong" } },
        { status: 500 },
      );
    }
  };
}
