import { randomUUID } from "node:crypto";
import type { Attack } from "../attack";
import { solvedPow } from "../pow";
import { loopbackAddress, send, tally, type Answer } from "../http";

const ATTEMPTS = 60;
const ATTACKER_ADDRESSES = 30;

/**
 * Someone floods the organizer's email with wrong passwords from 30 addresses, to lock
 * the organizer out. The flood is refused or slowed; the organizer, on their own address,
 * still signs in.
 */
export const organizerLockout: Attack = async ({ webUrl, prisma }) => {
  const email = `organizer-${randomUUID()}@abuse.invalid`;
  const password = "the organizer's own password 42";
  const home = loopbackAddress();
  const created = await send(webUrl, {
    method: "POST",
    path: "/api/auth/signup",
    from: home,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      email,
      name: "Organizer",
      password,
      pow: await solvedPow(webUrl, home, { purpose: "signup" }),
    }),
  });
  if (created.status !== 201) throw new Error(`organizer sign-up failed: ${created.body}`);
  await prisma.user.update({ where: { email }, data: { role: "ADMIN" } });

  const attackers = Array.from({ length: ATTACKER_ADDRESSES }, loopbackAddress);
  const flood = await Promise.all(
    Array.from({ length: ATTEMPTS }, (_, index) =>
      signIn(webUrl, {
        email,
        password: `guess ${index}`,
        from: attackers[index % ATTACKER_ADDRESSES] ?? "127.0.0.1",
      }),
    ),
  );
  const floodSignedIn = flood.filter((attempt) => attempt.signedIn).length;

  const started = performance.now();
  const owner = await signIn(webUrl, { email, password, from: loopbackAddress() });
  const ownerSeconds = (performance.now() - started) / 1000;
  return [
    {
      attack: `${ATTEMPTS} wrong passwords for the organizer from ${ATTACKER_ADDRESSES} addresses`,
      expected: "no session; the email is slowed down, not locked",
      observed: `${floodSignedIn} sessions; answers: ${tally(flood.map((attempt) => attempt.error))}`,
      held: floodSignedIn === 0,
    },
    {
      attack: "then the organizer signs in from their own address",
      expected: "signed in (within the 2 s slow-down)",
      observed: owner.signedIn
        ? `signed in after ${ownerSeconds.toFixed(1)} s`
        : `refused: ${owner.error}`,
      held: owner.signedIn,
    },
  ];
};

interface SignInAttempt {
  signedIn: boolean;
  /** next-auth's error name (CredentialsSignin, RATE_LIMITED, ...). */
  error: string;
}

/** next-auth's credentials flow as a browser runs it: CSRF token, then the callback. */
async function signIn(
  webUrl: string,
  { email, password, from }: { email: string; password: string; from: string },
): Promise<SignInAttempt> {
  const csrf = await send(webUrl, { path: "/api/auth/csrf", from });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const callback: Answer = await send(webUrl, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    from,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookiePairs(csrf.headers["set-cookie"]).join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  const signedIn = cookiePairs(callback.headers["set-cookie"]).some((pair) =>
    pair.startsWith("next-auth.session-token="),
  );
  // With json=true next-auth answers {url}; a refusal's url carries ?error=<name>.
  const { url = "/" } = JSON.parse(callback.body || "{}") as { url?: string };
  const error = new URL(url, webUrl).searchParams.get("error") ?? "";
  return { signedIn, error: signedIn ? "" : error || `status ${callback.status}` };
}

function cookiePairs(setCookie: string | string[] | undefined): string[] {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return headers.map((header) => header.split(";")[0] ?? "").filter(Boolean);
}
