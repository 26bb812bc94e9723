/**
 * An OpenID Connect provider on loopback for the team-mode e2e tests (`oidc-provider`, the
 * certified Node implementation): any login name is accepted as an email address, consent is
 * implied, and nothing leaves 127.0.0.1. Started by playwright.config.ts as a webServer.
 *
 *   tsx e2e/oidc-server.ts <port> <redirect-uri>
 */
import http from "node:http";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export const E2E_OIDC_CLIENT_ID = "breakeven-e2e";
export const E2E_OIDC_CLIENT_SECRET = "breakeven-e2e-client-secret";

const [portArg, redirectUri] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || !redirectUri) {
  console.error("usage: tsx e2e/oidc-server.ts <port> <redirect-uri>");
  process.exit(2);
}

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: E2E_OIDC_CLIENT_ID,
      client_secret: E2E_OIDC_CLIENT_SECRET,
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["breakeven-e2e-only"] },
  // Put email and name in the ID token, as Okta, Entra ID and Google do (Auth.js reads it).
  conformIdTokenClaims: false,
  findAccount: (_ctx: KoaContextWithOIDC, id: string) => ({
    accountId: id,
    claims: () => ({ sub: id, email: id, email_verified: true, name: id.split("@")[0] }),
  }),
  // A first-party app: no consent screen.
  loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
    const { client, session } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

http.createServer(provider.callback()).listen(port, "127.0.0.1", () => {
  console.log(`OIDC provider on http://127.0.0.1:${port}`);
});
