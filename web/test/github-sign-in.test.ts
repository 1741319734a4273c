import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubUser } from "@ticketping/common/testing";
import { seedPerformance } from "./support/booking";
import { createUser, testIp } from "./support/catalog-fixtures";
import { signInWithGitHub } from "./support/github-sign-in";
import { signIn } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

// Sign in with GitHub end to end: the production build, configured with a local GitHub
// (oauth2-mock-server on GitHub's paths, plus /user and /user/emails) as its provider.
let github: FakeGitHub;
let system: WebTestSystem;
let web: RunningWebServer;

beforeAll(async () => {
  github = await startFakeGitHub();
  system = await createWebTestSystem({ label: "web_github_sign_in" });
  web = await system.startWeb({
    env: {
      GITHUB_ID: github.clientId,
      GITHUB_SECRET: github.clientSecret,
      GITHUB_URL: github.url,
      GITHUB_API_URL: github.apiUrl,
    },
  });
}, 60_000);

afterAll(async () => {
  await system.stop();
  await github.stop();
});

let nextGitHubId = 7_000_000;
function gitHubUser(
  email: string,
  { verified = true, name = "Octo Cat" }: { verified?: boolean; name?: string } = {},
): FakeGitHubUser {
  const id = nextGitHubId++;
  return {
    id,
    login: `octo-${id}`,
    name,
    emails: [
      { email: `${id}+octo@users.noreply.github.invalid`, primary: false, verified: true },
      { email, primary: true, verified },
    ],
  };
}

async function sessionOf(cookie: string) {
  const response = await fetch(`${web.baseUrl}/api/auth/session`, { headers: { cookie } });
  return (await response.json()) as { user?: { id: string; email: string; role: string } };
}

describe("Sign in with GitHub", () => {
  it("makes a first-time GitHub user one of ours, and every database path serves them", async () => {
    const person = gitHubUser(`newcomer-${nextGitHubId}@test.invalid`);
    github.signInAs(person);
    const result = await signInWithGitHub(web.baseUrl);
    if (result.outcome !== "signed-in") throw new Error(`refused: ${result.landedOn}`);
    expect(result.landedOn).toBe(`${web.baseUrl}/my-tickets`);

    const user = await system.prisma.user.findUniqueOrThrow({
      where: { email: person.emails[1]?.email },
      include: { accounts: true },
    });
    expect(user).toMatchObject({ role: "USER", passwordHash: null, name: "Octo Cat" });
    expect(user.accounts).toEqual([
      expect.objectContaining({ provider: "github", providerAccountId: String(person.id) }),
    ]);
    // The session names our user, never GitHub's numeric id.
    expect((await sessionOf(result.cookie)).user?.id).toBe(user.id);

    const headers = { cookie: result.cookie };
    const reservations = await fetch(`${web.baseUrl}/api/me/reservations`, { headers });
    expect(reservations.status).toBe(200);
    const [show] = await seedPerformance(system.prisma, { rows: 1, columns: 1 });
    const ticket = await fetch(`${web.baseUrl}/api/queue/ticket`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ performanceId: show?.performanceId }),
    });
    expect(ticket.status).toBe(200);
    const page = await fetch(`${web.baseUrl}/my-tickets`, { headers, redirect: "manual" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("You have no tickets yet.");
    // Our server sent the OAuth app's credentials: the fake refuses a token request without.
    expect(github.refusedTokenRequests()).toBe(0);
  });

  it("brings a returning GitHub user back to the same user, whatever their email is now", async () => {
    const person = gitHubUser(`returning-${nextGitHubId}@test.invalid`);
    github.signInAs(person);
    const first = await signInWithGitHub(web.baseUrl);
    github.signInAs({
      ...person,
      emails: [{ email: `moved-${person.id}@test.invalid`, primary: true, verified: true }],
    });
    const second = await signInWithGitHub(web.baseUrl);
    if (first.outcome !== "signed-in" || second.outcome !== "signed-in") {
      throw new Error("a sign-in was refused");
    }
    const accounts = await system.prisma.account.findMany({
      where: { provider: "github", providerAccountId: String(person.id) },
    });
    expect(accounts).toHaveLength(1);
    expect((await sessionOf(first.cookie)).user?.id).toBe(accounts[0]?.userId);
    expect((await sessionOf(second.cookie)).user?.id).toBe(accounts[0]?.userId);
    expect(
      await system.prisma.user.count({ where: { email: `moved-${person.id}@test.invalid` } }),
    ).toBe(0);
  });

  it("signs a GitHub user in again after they signed out everywhere", async () => {
    const person = gitHubUser(`revoker-${nextGitHubId}@test.invalid`);
    github.signInAs(person);
    const first = await signInWithGitHub(web.baseUrl);
    if (first.outcome !== "signed-in") throw new Error(`refused: ${first.landedOn}`);
    const revoke = await fetch(`${web.baseUrl}/api/me/sessions/revoke`, {
      method: "POST",
      headers: { cookie: first.cookie },
    });
    expect(revoke.status).toBe(200);

    const second = await signInWithGitHub(web.baseUrl);
    if (second.outcome !== "signed-in") throw new Error(`refused: ${second.landedOn}`);
    const headers = { cookie: second.cookie };
    expect((await fetch(`${web.baseUrl}/api/me/reservations`, { headers })).status).toBe(200);
    expect(
      (await fetch(`${web.baseUrl}/api/me/reservations`, { headers: { cookie: first.cookie } }))
        .status,
    ).toBe(401);
  });

  it("links a verified GitHub email to the existing user with that email", async () => {
    const existing = await createUser(system.prisma, { label: "linked" });
    const person = gitHubUser(existing.email.toUpperCase());
    github.signInAs(person);
    const result = await signInWithGitHub(web.baseUrl);
    if (result.outcome !== "signed-in") throw new Error(`refused: ${result.landedOn}`);

    expect((await sessionOf(result.cookie)).user?.id).toBe(existing.id);
    const account = await system.prisma.account.findUniqueOrThrow({
      where: {
        provider_providerAccountId: { provider: "github", providerAccountId: String(person.id) },
      },
    });
    expect(account.userId).toBe(existing.id);
    expect(await system.prisma.user.count({ where: { email: existing.email } })).toBe(1);
    // The password still works: linking added a way in, it took none away.
    await expect(signIn(web.baseUrl, { ...existing, ip: testIp() })).resolves.toContain(
      "next-auth.session-token=",
    );
  });

  it("refuses an unverified GitHub email: no link to the user who owns it, no session", async () => {
    const existing = await createUser(system.prisma, { label: "victim" });
    const attacker = gitHubUser(existing.email, { verified: false });
    github.signInAs(attacker);
    const result = await signInWithGitHub(web.baseUrl);

    expect(result).toEqual({
      outcome: "refused",
      landedOn: `${web.baseUrl}/signin?error=EMAIL_NOT_VERIFIED`,
    });
    expect(
      await system.prisma.account.count({ where: { providerAccountId: String(attacker.id) } }),
    ).toBe(0);
    expect(await system.prisma.account.count({ where: { userId: existing.id } })).toBe(0);
    const page = await fetch(result.landedOn);
    expect(await page.text()).toContain("GitHub has no verified primary email");
  });

  it("opens no user on an unverified email that nobody has yet", async () => {
    const email = `unclaimed-${nextGitHubId}@test.invalid`;
    github.signInAs(gitHubUser(email, { verified: false }));
    const result = await signInWithGitHub(web.baseUrl);
    expect(result.outcome).toBe("refused");
    expect(await system.prisma.user.count({ where: { email } })).toBe(0);
  });

  it("treats a session naming a GitHub id instead of our user as no session (401, not 500)", async () => {
    // What sign-in with GitHub used to mint: `sub` was GitHub's numeric id.
    const token = await encode({
      secret: system.secrets.nextAuth,
      token: { sub: "583231", email: "octocat@test.invalid", name: "Octo", role: "USER" },
    });
    const headers = { cookie: `next-auth.session-token=${token}` };
    const reservations = await fetch(`${web.baseUrl}/api/me/reservations`, { headers });
    expect(reservations.status).toBe(401);
    const ticket = await fetch(`${web.baseUrl}/api/queue/ticket`, { method: "POST", headers });
    expect(ticket.status).toBe(401);
  });

  it("offers GitHub on the sign-in page where it is configured", async () => {
    // accounts.test.ts checks that a server without GITHUB_ID offers no such button.
    const page = await (await fetch(`${web.baseUrl}/signin`)).text();
    expect(page).toContain("Continue with GitHub");
  });
});
