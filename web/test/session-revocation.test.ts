import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuyers, sessionCookie, type TestBuyer } from "./support/booking";
import { createUser, testIp } from "./support/catalog-fixtures";
import { startCuttableDbProxy, type CuttableDbProxy } from "./support/cuttable-db-proxy";
import { signIn } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

// Two web processes on one database, as production runs several: `remembering` trusts
// what it read about a session's user for a minute (the longest allowed), `checking` for
// one second, so the test sees another process catch up without waiting a minute.
let system: WebTestSystem;
let remembering: RunningWebServer;
let checking: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_session_revocation" });
  [remembering, checking] = await Promise.all([
    system.startWeb({ env: { SESSION_CHECK_TTL_SECONDS: "60" } }),
    system.startWeb({ env: { SESSION_CHECK_TTL_SECONDS: "1" } }),
  ]);
}, 60_000);

afterAll(async () => {
  await system.stop();
});

async function status(
  server: RunningWebServer,
  path: string,
  cookie: string,
  method: "GET" | "POST" = "GET",
) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { cookie },
    redirect: "manual",
  });
  return response.status;
}

const reservations = (server: RunningWebServer, cookie: string) =>
  status(server, "/api/me/reservations", cookie);

/** How long until `server` refuses the cookie, polling every 100 ms for up to 5 s. */
async function msUntilRefused(server: RunningWebServer, path: string, cookie: string) {
  const started = performance.now();
  await expect
    .poll(() => status(server, path, cookie), { timeout: 5_000, interval: 100 })
    .toBe(401);
  return performance.now() - started;
}

describe("sign out everywhere", () => {
  it("ends every session of the user: at once where it was asked, within the TTL elsewhere", async () => {
    const user = await createUser(system.prisma, { label: "everywhere" });
    const ip = testIp();
    const laptop = await signIn(remembering.baseUrl, { ...user, ip });
    const phone = await signIn(remembering.baseUrl, { ...user, ip });
    for (const server of [remembering, checking]) {
      expect(await reservations(server, laptop)).toBe(200);
      expect(await reservations(server, phone)).toBe(200);
    }
    // A page remembers too (Next.js bundles pages apart from route handlers).
    expect(await status(remembering, "/my-tickets", phone)).toBe(200);

    const revoke = await fetch(`${remembering.baseUrl}/api/me/sessions/revoke`, {
      method: "POST",
      headers: { cookie: laptop },
    });
    expect(revoke.status).toBe(200);
    expect(await revoke.json()).toEqual({ data: { revoked: true } });
    expect(revoke.headers.get("set-cookie")).toMatch(/^next-auth\.session-token=; .*Max-Age=0/);

    // The process that revoked knows at once, though it would trust its memory a minute.
    expect(await reservations(remembering, laptop)).toBe(401);
    expect(await reservations(remembering, phone)).toBe(401);
    expect(await status(remembering, "/my-tickets", phone)).toBe(307);
    // Another process reads the user again once its one second is up.
    expect(await msUntilRefused(checking, "/api/me/reservations", phone)).toBeLessThan(2_500);
    expect(await status(checking, "/api/queue/ticket", phone, "POST")).toBe(401);
    const page = await fetch(`${checking.baseUrl}/my-tickets`, {
      headers: { cookie: phone },
      redirect: "manual",
    });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toMatch(/\/signin\?callbackUrl=%2Fmy-tickets$/);

    // next-auth's own session endpoint says signed out, and clears the cookie.
    const session = await fetch(`${remembering.baseUrl}/api/auth/session`, {
      headers: { cookie: phone },
    });
    expect(await session.json()).toEqual({});
    expect(session.headers.get("set-cookie")).toMatch(/next-auth\.session-token=;/);

    // Signing in again opens a session under the new version.
    const again = await signIn(remembering.baseUrl, { ...user, ip });
    expect(await reservations(remembering, again)).toBe(200);
    expect(await reservations(checking, again)).toBe(200);
  });

  it("lets a session opened since in at once, on a process that remembers the older one", async () => {
    const user = await createUser(system.prisma, { label: "comes-back" });
    const ip = testIp();
    const before = await signIn(checking.baseUrl, { ...user, ip });
    expect(await reservations(remembering, before)).toBe(200);
    const revoke = await fetch(`${checking.baseUrl}/api/me/sessions/revoke`, {
      method: "POST",
      headers: { cookie: before },
    });
    expect(revoke.status).toBe(200);

    // `remembering` still holds the old version for up to a minute; the new session's
    // newer version tells it that its memory is stale, and it reads the user again...
    const after = await signIn(checking.baseUrl, { ...user, ip });
    expect(await reservations(remembering, after)).toBe(200);
    expect(await status(remembering, "/my-tickets", after)).toBe(200);
    // ...which also ends the old session there, before its minute is up.
    expect(await reservations(remembering, before)).toBe(401);
  });

  it("ends sessions opened before versions existed (a JWT without one)", async () => {
    const [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
    const legacy = await sessionCookie(system.secrets.nextAuth, buyer);
    expect(await reservations(remembering, legacy)).toBe(200);
    const revoke = await fetch(`${remembering.baseUrl}/api/me/sessions/revoke`, {
      method: "POST",
      headers: { cookie: legacy },
    });
    expect(revoke.status).toBe(200);
    expect(await reservations(remembering, legacy)).toBe(401);
  });

  it("is refused without a session, and from another site", async () => {
    const anonymous = await fetch(`${remembering.baseUrl}/api/me/sessions/revoke`, {
      method: "POST",
    });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
      "UNAUTHENTICATED",
    );

    const user = await createUser(system.prisma, { label: "cross-site" });
    const cookie = await signIn(remembering.baseUrl, { ...user, ip: testIp() });
    const crossSite = await fetch(`${remembering.baseUrl}/api/me/sessions/revoke`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    expect(await reservations(remembering, cookie)).toBe(200);
  });
});

describe("a changed or deleted user", () => {
  it("takes /api/admin away from an organizer demoted to buyer, within the TTL", async () => {
    const organizer = await createUser(system.prisma, { label: "demoted", role: "ADMIN" });
    const cookie = await signIn(checking.baseUrl, { ...organizer, ip: testIp() });
    expect(await status(checking, "/api/admin/halls", cookie)).toBe(200);

    await system.prisma.user.update({ where: { id: organizer.id }, data: { role: "USER" } });
    // The role change ended the session (a trigger bumps the version)...
    expect(await msUntilRefused(checking, "/api/admin/halls", cookie)).toBeLessThan(2_500);
    const organizerPage = await fetch(`${checking.baseUrl}/organizer`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(organizerPage.status).toBe(307);
    expect(organizerPage.headers.get("location")).toContain("/signin");
    // ...and signed in again they are a buyer, whatever their old session said.
    const again = await signIn(checking.baseUrl, { ...organizer, ip: testIp() });
    expect(await status(checking, "/api/admin/halls", again)).toBe(403);
  });

  it("refuses the session of a deleted user, within the TTL", async () => {
    const user = await createUser(system.prisma, { label: "deleted" });
    const cookie = await signIn(checking.baseUrl, { ...user, ip: testIp() });
    expect(await reservations(checking, cookie)).toBe(200);
    await system.prisma.user.delete({ where: { id: user.id } });
    expect(await msUntilRefused(checking, "/api/me/reservations", cookie)).toBeLessThan(2_500);
    expect(await status(checking, "/api/queue/ticket", cookie, "POST")).toBe(401);
  });
});

describe("no database work before authentication", () => {
  let proxy: CuttableDbProxy;
  let cut: RunningWebServer;

  beforeAll(async () => {
    proxy = await startCuttableDbProxy(system.database.url);
    // No memory at all: every genuine session is read from the database.
    cut = await system.startWeb({
      databaseUrl: proxy.url,
      env: { SESSION_CHECK_TTL_SECONDS: "0" },
    });
  }, 60_000);

  afterAll(async () => {
    await proxy.close();
  });

  it("answers a junk session 401 with PostgreSQL gone, a genuine one 503", async () => {
    const [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
    const genuine = await sessionCookie(system.secrets.nextAuth, buyer);
    expect(await reservations(cut, genuine)).toBe(200);

    await proxy.cut();
    const junk = [
      `next-auth.session-token=${randomBytes(300).toString("base64url")}`,
      // Sealed with another server's secret.
      await sessionCookie(randomBytes(32).toString("hex"), buyer),
      // Sealed with ours, but naming no user of ours (as GitHub sign-in once minted).
      await sessionCookie(system.secrets.nextAuth, { id: "583231", email: buyer.email }),
    ];
    for (const cookie of junk) {
      expect(await reservations(cut, cookie)).toBe(401);
      expect(await status(cut, "/api/queue/ticket", cookie, "POST")).toBe(401);
      expect(await status(cut, "/api/admin/halls", cookie)).toBe(401);
      expect(await status(cut, "/api/me/sessions/revoke", cookie, "POST")).toBe(401);
    }
    // A genuine session does need the database: without it, 503 (the gate is not a no-op).
    expect(await reservations(cut, genuine)).toBe(503);
    await proxy.restore();
    await expect.poll(() => reservations(cut, genuine), { timeout: 10_000 }).toBe(200);
  });
});
