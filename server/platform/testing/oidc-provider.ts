import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
// oidc-provider ships no type declarations; the few calls below are typed here.
// @ts-expect-error no declaration file
import Provider from "oidc-provider";

/** The person the next sign-in at the test provider is, with their claims and how they authenticated. */
export interface TestAccount {
  sub: string;
  claims: Record<string, unknown>;
  amr?: string[];
  acr?: string;
}

/** A change to the next ID token the provider's token endpoint answers, for the refusal tests. */
export interface Tamper {
  /** Sign with a key other than the published one. */
  otherKey?: boolean;
  /** Change the token's claims (audience, expiry, nonce …) and sign again with the published key. */
  claims?: (payload: Record<string, unknown>) => Record<string, unknown>;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the next authorisation request. */
  next(account: TestAccount): void;
  /** Tampers with the ID tokens answered until cleared (null). */
  tamper(t: Tamper | null): void;
  /** End-session requests received (RP-initiated logout). */
  logouts: URL[];
  close(): Promise<void>;
}

function rsaKey(kid: string) {
  const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { privateKey, jwk: { ...(privateKey.export({ format: "jwk" }) as object), kid, alg: "RS256", use: "sig" } };
}

function signJwt(header: object, payload: object, key: crypto.KeyObject) {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${crypto.sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

/**
 * A real OpenID Connect provider (npm `oidc-provider`) on a random local port, for tests: one confidential
 * client with the given redirect URIs, claims from the account set by next(), the interaction completed at
 * once (login and consent) without a form, and a hook to tamper with the ID tokens it answers.
 */
export async function startTestProvider(opts: {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  port?: number;
  clientSecret?: string;
}): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const published = rsaKey("test-key-1");
  const other = rsaKey("test-key-1");
  const clientId = "renkei-test";
  const clientSecret = opts.clientSecret ?? crypto.randomBytes(24).toString("base64url");
  let account: TestAccount | null = null;
  let tampering: Tamper | null = null;
  const logouts: URL[] = [];

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        post_logout_redirect_uris: opts.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [published.jwk] },
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    claims: {
      openid: ["sub", "amr", "acr", "auth_time"],
      email: ["email", "email_verified"],
      profile: ["name", "family_name", "given_name", "groups", "lg_code", "department"],
    },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // The confirmation page answers itself: yes, sign out (a browser test cannot wait for a person).
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = `<!DOCTYPE html><html lang="en"><title>Sign out</title><body>${form.replace(
            "</form>",
            '<input type="hidden" name="logout" value="yes"></form>',
          )}<script>document.forms[0].submit()</script></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ ...(account?.sub === id ? account.claims : {}), sub: id }),
    }),
  });
  const handle = provider.callback();

  server.on("request", async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const url = new URL(req.url ?? "/", issuer);
      if (url.pathname.startsWith("/interaction/")) {
        if (!account) throw new Error("test provider: no account set with next()");
        const details = await provider.interactionDetails(req, res);
        const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
        grant.addOIDCScope(details.params.scope);
        const grantId = await grant.save();
        const login = { accountId: account.sub, amr: account.amr, acr: account.acr };
        await provider.interactionFinished(req, res, { login, consent: { grantId } }, { mergeWithLastSubmission: false });
        return;
      }
      if (url.pathname.startsWith("/session/end")) logouts.push(url);
      if (url.pathname === "/token" && tampering) {
        const t = tampering;
        const end = res.end.bind(res);
        // Koa answers the token endpoint with one res.end(body): rewrite its ID token there.
        res.end = ((body: string | Buffer) => {
          const json = JSON.parse(String(body));
          if (json.id_token) {
            const [h, p] = String(json.id_token).split(".") as [string, string];
            const header = JSON.parse(Buffer.from(h, "base64url").toString());
            let payload = JSON.parse(Buffer.from(p, "base64url").toString());
            if (t.claims) payload = t.claims(payload);
            json.id_token = signJwt(header, payload, t.otherKey ? other.privateKey : published.privateKey);
          }
          const out = JSON.stringify(json);
          res.setHeader("content-length", Buffer.byteLength(out));
          return end(out);
        }) as typeof res.end;
      }
      handle(req, res);
    } catch (e) {
      res.statusCode = 500;
      res.end(String(e));
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    next: (a) => {
      account = a;
    },
    tamper: (t) => {
      tampering = t;
    },
    logouts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
