/**
 * A browser's cookie jar, as much of one as next-auth's redirects need: every cookie set
 * is sent back to the server that set it; one set to expire is dropped.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export type GitHubSignIn =
  | { outcome: "signed-in"; cookie: string; landedOn: string }
  | { outcome: "refused"; landedOn: string };

/**
 * "Continue with GitHub" at HTTP level, as a browser follows it: next-auth's CSRF token,
 * the sign-in POST that answers the provider's authorization URL, the provider's redirect
 * back with a code, and our callback, which either sets a session cookie and sends the
 * browser to `callbackUrl` or sends it to the sign-in page with an error.
 */
export async function signInWithGitHub(
  baseUrl: string,
  { callbackUrl = `${baseUrl}/my-tickets`, jar = new CookieJar() } = {},
): Promise<GitHubSignIn> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: jar.header() } });
  jar.store(csrf.headers);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };

  const start = await fetch(`${baseUrl}/api/auth/signin/github`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
    },
    body: new URLSearchParams({ csrfToken, callbackUrl, json: "true" }),
  });
  jar.store(start.headers);
  const { url: authorizeUrl } = (await start.json()) as { url: string };
  if (!authorizeUrl.includes("/login/oauth/authorize")) {
    throw new Error(`sign-in did not go to the provider: ${authorizeUrl}`);
  }

  // The provider (no cookies of ours go there) sends the browser back with a code.
  const authorize = await fetch(authorizeUrl, { redirect: "manual" });
  const callback = authorize.headers.get("location");
  if (authorize.status !== 302 || !callback?.startsWith(`${baseUrl}/api/auth/callback/github`)) {
    throw new Error(`the provider answered ${authorize.status} → ${callback ?? "nowhere"}`);
  }

  const landed = await fetch(callback, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.store(landed.headers);
  const landedOn = new URL(landed.headers.get("location") ?? "", baseUrl).toString();
  const session = jar.get("next-auth.session-token");
  return session
    ? { outcome: "signed-in", cookie: `next-auth.session-token=${session}`, landedOn }
    : { outcome: "refused", landedOn };
}
