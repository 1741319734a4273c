/**
 * Signs in through next-auth's real credentials flow (CSRF token, then the callback)
 * and returns the Cookie header value that carries the session, for HTTP-level tests.
 * Pass `ip` (sent as X-Forwarded-For) to keep a test file's sign-ins in its own
 * rate-limit bucket: Redis, and so the per-IP budget, outlives the test databases.
 */
export async function signIn(
  baseUrl: string,
  { email, password, ip }: { email: string; password: string; ip?: string },
): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookies = cookiePairs(csrf.headers);

  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfCookies.join("; "),
      ...(ip ? { "x-forwarded-for": ip } : {}),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiePairs(callback.headers).find((pair) =>
    pair.startsWith("next-auth.session-token="),
  );
  if (!session) throw new Error(`sign-in failed for ${email} (status ${callback.status})`);
  return [...csrfCookies, session].join("; ");
}

function cookiePairs(headers: Headers): string[] {
  return headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
}
