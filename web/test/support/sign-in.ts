import type { PrismaClient } from "@ticketping/db";
import { createUser, testIp, type TestUser } from "./catalog-fixtures";

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

export interface SignedInUser extends TestUser {
  /** The Cookie header of their session. */
  cookie: string;
}

/**
 * New users (see createUser), each signed in through the real flow (see signIn) from one
 * test address of their own; in the order asked.
 */
export async function signedInUsers<
  const Users extends readonly Parameters<typeof createUser>[1][],
>(
  prisma: PrismaClient,
  baseUrl: string,
  users: Users,
): Promise<{ [Index in keyof Users]: SignedInUser }> {
  const ip = testIp();
  const signedIn = await Promise.all(
    users.map(async (options) => {
      const user = await createUser(prisma, options);
      return { ...user, cookie: await signIn(baseUrl, { ...user, ip }) };
    }),
  );
  // Promise.all over a mapped tuple answers an array; the order and length are the tuple's.
  return signedIn as { [Index in keyof Users]: SignedInUser };
}

function cookiePairs(headers: Headers): string[] {
  return headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
}
