import { NextRequest, NextResponse } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { getSecuritySettings } from "@/lib/auth/server-settings";

export const dynamic = "force-dynamic";

/**
 * Auth.js's endpoints (sign-in, callback, session, sign-out); team mode only. Auth.js builds its
 * callback URLs (the redirect_uri the identity provider checks) from the request, which behind a
 * proxy or on loopback is not the address people use: it gets BREAKEVEN_URL's origin instead.
 */
function inTeamMode(handler: (request: NextRequest) => Promise<Response>) {
  return (request: NextRequest) => {
    const { publicOrigin } = getSecuritySettings();
    return publicOrigin !== null
      ? handler(new NextRequest(request.url.replace(request.nextUrl.origin, publicOrigin), request))
      : Promise.resolve(
          NextResponse.json(
            { error: { code: "NOT_FOUND", message: "Local mode has no login (docs/security.md)" } },
            { status: 404 },
          ),
        );
  };
}

export const GET = inTeamMode(handlers.GET);
export const POST = inTeamMode(handlers.POST);
