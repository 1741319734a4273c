import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testIp, uniqueEmail } from "./support/catalog-fixtures";
import { solvedPow } from "./support/pow";
import { signIn } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_accounts" });
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: { path: string }[] } };
}

/** A sign-up with a fresh proof of work, as the sign-up page sends it. */
async function signUp(body: Record<string, unknown>, ip: string) {
  const pow = await solvedPow(web.baseUrl, { purpose: "signup" });
  return fetch(`${web.baseUrl}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ ...body, pow }),
  });
}

describe("POST /api/auth/signup", () => {
  it("creates a buyer with a lower-cased email and a bcrypt hash, who can then sign in", async () => {
    const ip = testIp();
    const email = uniqueEmail("NewFan");
    const response = await signUp({ email, name: "  New Fan ", password: "long enough pw" }, ip);
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: { user: { email: string; name: string } } };
    expect(data.user).toMatchObject({ email: email.toLowerCase(), name: "New Fan" });
    expect(JSON.stringify(data)).not.toContain("password");

    const stored = await system.prisma.user.findUniqueOrThrow({
      where: { email: email.toLowerCase() },
    });
    expect(stored.role).toBe("USER");
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$12\$/);

    const cookie = await signIn(web.baseUrl, { email, password: "long enough pw", ip });
    expect(cookie).toContain("next-auth.session-token=");
  });

  it("names every invalid field and creates nothing", async () => {
    const response = await signUp({ email: "not-an-email", name: "", password: "short" }, testIp());
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details?.issues?.map((issue) => issue.path).sort()).toEqual([
      "email",
      "name",
      "password",
    ]);
    expect(await system.prisma.user.count({ where: { email: "not-an-email" } })).toBe(0);

    const notJson = await fetch(`${web.baseUrl}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "email=x",
    });
    expect(notJson.status).toBe(400);
  });

  it("refuses an email that is taken in any letter case with EMAIL_TAKEN", async () => {
    const ip = testIp();
    const email = uniqueEmail("twice");
    expect((await signUp({ email, name: "First", password: "first password" }, ip)).status).toBe(
      201,
    );
    const again = await signUp(
      { email: email.toUpperCase(), name: "Second", password: "second password" },
      ip,
    );
    expect(again.status).toBe(409);
    const body = (await again.json()) as ErrorBody;
    expect(body.error.code).toBe("EMAIL_TAKEN");
    // Says what the user needs, and nothing about the existing account.
    expect(body.error).not.toHaveProperty("details");
    expect(await system.prisma.user.count({ where: { email: email.toLowerCase() } })).toBe(1);
  });

  it("rate-limits sign-ups per address: the 11th in five minutes gets 429", async () => {
    const ip = testIp();
    // Ten attempts consume the budget whether or not they succeed.
    const email = uniqueEmail("burst");
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await signUp({ email, name: "Burst", password: "burst password" }, ip);
      statuses.push(response.status);
    }
    expect(statuses[0]).toBe(201);
    expect(statuses.slice(1).every((status) => status === 409)).toBe(true);

    const limited = await signUp(
      { email: uniqueEmail("eleventh"), name: "Eleventh", password: "burst password" },
      ip,
    );
    expect(limited.status).toBe(429);
    const body = (await limited.json()) as ErrorBody & {
      error: { details: { retryAfterSeconds: number } };
    };
    expect(body.error.code).toBe("RATE_LIMITED");
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(0);

    // Another address is unaffected.
    const other = await signUp(
      { email: uniqueEmail("other"), name: "Other", password: "other password" },
      testIp(),
    );
    expect(other.status).toBe(201);
  });
});

describe("sign-in and sign-up pages", () => {
  it("render their forms, without a GitHub button when GitHub is not configured", async () => {
    const signInPage = await (await fetch(`${web.baseUrl}/signin`)).text();
    expect(signInPage).toContain("Sign in");
    expect(signInPage).toContain('name="password"');
    expect(signInPage).not.toContain("Continue with GitHub");

    const signUpPage = await (await fetch(`${web.baseUrl}/signup`)).text();
    expect(signUpPage).toContain("Create an account");
    expect(signUpPage).toContain("At least 10 characters");
  });
});
