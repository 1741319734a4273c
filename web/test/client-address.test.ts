import { request } from "node:http";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, testIp, uniqueEmail } from "./support/catalog-fixtures";
import { solvedPow } from "./support/pow";
import { signIn } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
/** Believes no X-Forwarded-For: the shipped default. */
let direct: RunningWebServer;
/** Behind one proxy hop. */
let oneHop: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_client_address" });
  [direct, oneHop] = await Promise.all([
    system.startWeb({ env: { TRUSTED_PROXIES: "" } }),
    system.startWeb({ env: { TRUSTED_PROXIES: "1" } }),
  ]);
});

afterAll(async () => {
  await system.stop();
});

/** A loopback address of this run's own, so its per-address budget is its own. */
function loopbackAddress(): string {
  const [a = 1, b = 1, c = 1] = randomBytes(3);
  return `127.${a}.${b}.${Math.max(2, c)}`;
}

/** POST /api/auth/signup from a chosen source address (TCP), with the headers given. */
async function signUpFrom(
  server: RunningWebServer,
  { from, headers = {} }: { from: string; headers?: Record<string, string> },
): Promise<number> {
  const body = JSON.stringify({
    email: uniqueEmail("door"),
    name: "Door",
    password: "door password",
    pow: await solvedPow(server.baseUrl, { purpose: "signup" }),
  });
  return new Promise((resolve, reject) => {
    const call = request(
      `${server.baseUrl}/api/auth/signup`,
      {
        method: "POST",
        localAddress: from,
        headers: { "content-type": "application/json", ...headers },
      },
      (response) => {
        response.resume();
        response.on("end", () => {
          resolve(response.statusCode ?? 0);
        });
      },
    );
    call.on("error", reject);
    call.end(body);
  });
}

async function exhaustSignUps(
  server: RunningWebServer,
  options: { from: string; headers?: Record<string, string> },
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    expect(await signUpFrom(server, options)).toBe(201);
  }
  expect(await signUpFrom(server, options)).toBe(429);
}

describe("who is calling", () => {
  it("without trusted proxies, a made-up X-Forwarded-For changes nothing", async () => {
    const from = loopbackAddress();
    await exhaustSignUps(direct, { from });
    for (const made of ["203.0.113.1", "198.51.100.2, 203.0.113.3", testIp()]) {
      expect(await signUpFrom(direct, { from, headers: { "x-forwarded-for": made } })).toBe(429);
    }
    // Nor does the header this server stamps requests with, forged by a client.
    expect(
      await signUpFrom(direct, {
        from,
        headers: { "x-ticketping-peer": `${"0".repeat(32)} ${testIp()}` },
      }),
    ).toBe(429);
    // Another machine is its own caller.
    expect(await signUpFrom(direct, { from: loopbackAddress() })).toBe(201);
  });

  it("behind one trusted proxy, the right-most hop is the client, not the entries left of it", async () => {
    const from = loopbackAddress();
    const client = testIp();
    await exhaustSignUps(oneHop, { from, headers: { "x-forwarded-for": client } });
    // The client prepends whatever it likes; the proxy appends what it saw.
    expect(
      await signUpFrom(oneHop, { from, headers: { "x-forwarded-for": `${testIp()}, ${client}` } }),
    ).toBe(429);
    // Another client behind the same proxy has a budget of its own.
    expect(
      await signUpFrom(oneHop, { from, headers: { "x-forwarded-for": `${client}, ${testIp()}` } }),
    ).toBe(201);
  });
});

/** One wrong-password attempt through next-auth's credentials flow; answers its error. */
async function wrongPassword(baseUrl: string, email: string, ip: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookies.join("; "),
      "x-forwarded-for": ip,
    },
    body: new URLSearchParams({ csrfToken, email, password: "not the password", json: "true" }),
  });
  const { url } = (await callback.json()) as { url: string };
  return new URL(url).searchParams.get("error") ?? "";
}

describe("sign-in under a flood", () => {
  it("lets the owner in from their own address while many addresses guess their password", async () => {
    // The test's own servers trust loopback as a proxy: each X-Forwarded-For is a caller.
    const web = await system.startWeb();
    const owner = await createUser(system.prisma, { label: "owner" });
    const email = owner.email;
    const attackers = Array.from({ length: 6 }, () => testIp());

    let answered = 0;
    const flood = (async () => {
      const errors: string[] = [];
      for (let round = 0; round < 4; round++) {
        const attempts = attackers.map(async (ip) => {
          const error = await wrongPassword(web.baseUrl, email, ip);
          answered += 1;
          return error;
        });
        errors.push(...(await Promise.all(attempts)));
      }
      return errors;
    })();
    // Mid-flood: the email has used its ten attempts, and more keep coming.
    while (answered < 10) await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    const cookie = await signIn(web.baseUrl, { ...owner, ip: testIp() });
    expect(cookie).toContain("next-auth.session-token=");
    // Slowed down, not walled: the owner waited the slow-down, and not much more.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(8_000);

    const errors = await flood;
    expect(errors.every((error) => error === "CredentialsSignin")).toBe(true);

    // One address guessing one email is walled after ten attempts.
    const persistent = testIp();
    const answers: string[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      answers.push(await wrongPassword(web.baseUrl, email, persistent));
    }
    expect(answers.slice(0, 10).every((error) => error === "CredentialsSignin")).toBe(true);
    expect(answers[10]).toBe("RATE_LIMITED");
  }, 120_000);
});
