import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createLocalJWKSet, jwtVerify } from "jose";
import { Events, OAuth2Issuer, OAuth2Service } from "oauth2-mock-server";

/** A GitHub user as the fake serves them: /user's fields and /user/emails' list. */
export interface FakeGitHubUser {
  id: number;
  login: string;
  name?: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export interface FakeGitHub {
  /** GITHUB_URL: authorization at /login/oauth/authorize, tokens at /login/oauth/access_token. */
  url: string;
  /** GITHUB_API_URL: /user and /user/emails, as GitHub Enterprise Server lays them out. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** Who the next authorizations sign in as: the person at GitHub's consent screen. */
  signInAs: (user: FakeGitHubUser) => void;
  /** Token requests refused for wrong client credentials or an unknown code. */
  refusedTokenRequests: () => number;
  stop: () => Promise<void>;
}

/**
 * A local stand-in for GitHub's OAuth app flow, for end-to-end sign-in tests. The OAuth
 * server is oauth2-mock-server (a real authorization-code flow: codes, signed access
 * tokens, PKCE when asked) on GitHub's paths, answering as GitHub does (no id_token,
 * no refresh token); next to it, the two REST routes a sign-in reads, which accept only
 * an access token this server issued and answer for the user it was issued to.
 */
export async function startFakeGitHub({
  port = 0,
  clientId = "fake-github-client",
  clientSecret = "fake-github-secret",
}: { port?: number; clientId?: string; clientSecret?: string } = {}): Promise<FakeGitHub> {
  const issuer = new OAuth2Issuer();
  await issuer.keys.generate("RS256");
  const service = new OAuth2Service(issuer, {
    authorize: "/login/oauth/authorize",
    token: "/login/oauth/access_token",
  });

  let current: FakeGitHubUser | undefined;
  const usersById = new Map<string, FakeGitHubUser>();
  const usersByCode = new Map<string, FakeGitHubUser>();
  let refused = 0;

  service.on(Events.BeforeAuthorizeRedirect, ({ url }: { url: URL }) => {
    const code = url.searchParams.get("code");
    if (code && current) usersByCode.set(code, current);
  });
  service.on(
    Events.BeforeTokenSigning,
    (
      token: { payload: Record<string, unknown> },
      request: IncomingMessage & { body?: unknown },
    ) => {
      const user = usersByCode.get(codeOf(request));
      if (user) token.payload.sub = String(user.id);
    },
  );
  service.on(
    Events.BeforeResponse,
    (
      response: { body: Record<string, unknown>; statusCode: number },
      request: IncomingMessage & { body?: unknown },
    ) => {
      const code = codeOf(request);
      const user = usersByCode.get(code);
      usersByCode.delete(code);
      if (!user || !hasClientCredentials(request, clientId, clientSecret)) {
        refused++;
        response.statusCode = 400;
        response.body = { error: user ? "incorrect_client_credentials" : "bad_verification_code" };
        return;
      }
      usersById.set(String(user.id), user);
      delete response.body.id_token;
      delete response.body.refresh_token;
    },
  );

  const api = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const bearer = /^(?:Bearer|token) (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    const user = bearer ? await userOfToken(bearer) : undefined;
    if (!user) {
      json(response, 401, { message: "Bad credentials" });
    } else if (path === "/user") {
      json(response, 200, {
        id: user.id,
        login: user.login,
        name: user.name ?? null,
        email: null,
        avatar_url: `https://avatars.invalid/${user.id}`,
      });
    } else if (path === "/user/emails") {
      json(
        response,
        200,
        user.emails.map((entry) => ({ ...entry, visibility: entry.primary ? "private" : null })),
      );
    } else {
      json(response, 404, { message: "Not Found" });
    }
  };

  const userOfToken = async (token: string) => {
    try {
      const { payload } = await jwtVerify(
        token,
        createLocalJWKSet({ keys: issuer.keys.toJSON() }),
        {
          issuer: issuer.url,
        },
      );
      return typeof payload.sub === "string" ? usersById.get(payload.sub) : undefined;
    } catch {
      return undefined;
    }
  };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    if (path.startsWith("/api/v3/")) {
      api(request, response, path.slice("/api/v3".length)).catch(() => {
        json(response, 500, { message: "fake GitHub failed" });
      });
      return;
    }
    service.requestHandler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`;
  issuer.url = url;

  return {
    url,
    apiUrl: `${url}/api/v3`,
    clientId,
    clientSecret,
    signInAs: (user) => {
      current = user;
    },
    refusedTokenRequests: () => refused,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

function codeOf(request: { body?: unknown }): string {
  const body = request.body as { code?: unknown } | undefined;
  return typeof body?.code === "string" ? body.code : "";
}

/** The OAuth app's id and secret, in an HTTP Basic header or in the form body. */
function hasClientCredentials(
  request: IncomingMessage & { body?: unknown },
  clientId: string,
  clientSecret: string,
): boolean {
  const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? "")?.[1];
  if (basic) {
    const [id = "", secret = ""] = Buffer.from(basic, "base64").toString().split(":");
    return decodeURIComponent(id) === clientId && decodeURIComponent(secret) === clientSecret;
  }
  const body = request.body as { client_id?: unknown; client_secret?: unknown } | undefined;
  return body?.client_id === clientId && body.client_secret === clientSecret;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
