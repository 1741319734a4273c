import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import { startCountingDbProxy, type CountingDbProxy } from "./support/counting-db-proxy";
import { startCountingRedisProxy, type CountingRedisProxy } from "./support/counting-redis-proxy";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * An anonymous caller costs the system nothing but CPU: every route that needs a session,
 * an organizer, a metrics token or a webhook signature refuses a caller without one (or
 * with a forged one) before any PostgreSQL statement or Redis command. Both stores sit
 * behind counting proxies, so "0" is what crossed the wire, not an estimate.
 */
const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });

let system: WebTestSystem;
let dbProxy: CountingDbProxy;
let redisProxy: CountingRedisProxy;
let web: RunningWebServer;
let schedule: SeededSchedule;
let buyerCookie: string;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_no_work_before_auth" });
  [schedule] = (await seedPerformance(system.prisma, { rows: 2, columns: 2 })) as [SeededSchedule];
  const [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  buyerCookie = await system.sessionCookie(buyer);
  dbProxy = await startCountingDbProxy(system.database.url);
  redisProxy = await startCountingRedisProxy(REDIS_URL);
  web = await system.startWeb({
    databaseUrl: dbProxy.url,
    env: {
      REDIS_URL: redisProxy.url,
      PAYMENT_PROVIDER: "simulated",
      // Long enough that a session read once stays remembered for the whole file.
      SESSION_CHECK_TTL_SECONDS: "60",
    },
  });
  // Open both stores' connections (their handshakes are not a request's work).
  const ready = await fetch(`${web.baseUrl}/api/ready`);
  expect(ready.status).toBe(200);
  await fetch(`${web.baseUrl}/api/performances`);
});

afterAll(async () => {
  await system.stop();
  await dbProxy.close();
  await redisProxy.close();
});

type Caller = Record<string, string>;

/** Callers who are nobody: no credentials, and forged ones of every transport. */
const anonymousCallers: Record<string, Caller> = {
  "no credentials": {},
  "a junk session cookie": { cookie: "next-auth.session-token=junk" },
  "a junk bearer token": { authorization: "Bearer junk" },
  "a junk working token and session": {
    cookie: "next-auth.session-token=junk; ticketping-working-token=junk",
    "x-working-token": "junk",
  },
};

function protectedRoutes(): { method: string; path: string }[] {
  const id = randomUUID();
  const scheduleId = schedule.scheduleId;
  return [
    { method: "GET", path: "/api/me/reservations" },
    { method: "POST", path: "/api/queue/ticket" },
    { method: "POST", path: "/api/queue/working-token" },
    { method: "GET", path: `/api/schedules/${scheduleId}/seat-map` },
    { method: "GET", path: `/api/schedules/${scheduleId}/holds` },
    { method: "POST", path: `/api/schedules/${scheduleId}/holds` },
    { method: "DELETE", path: `/api/holds/${id}` },
    { method: "GET", path: `/api/reservations/${id}/checkout` },
    { method: "POST", path: `/api/reservations/${id}/checkout` },
    { method: "POST", path: `/api/reservations/${id}/cancel` },
    ...adminRoutes(),
  ];
}

function adminRoutes(): { method: string; path: string }[] {
  const id = randomUUID();
  return [
    { method: "GET", path: "/api/admin/performances" },
    { method: "POST", path: "/api/admin/performances" },
    { method: "GET", path: `/api/admin/performances/${id}` },
    { method: "PATCH", path: `/api/admin/performances/${id}` },
    { method: "GET", path: `/api/admin/performances/${id}/stats` },
    { method: "PUT", path: `/api/admin/performances/${id}/queue-settings` },
    { method: "POST", path: `/api/admin/performances/${id}/grades` },
    { method: "POST", path: `/api/admin/performances/${id}/schedules` },
    { method: "PATCH", path: `/api/admin/grades/${id}` },
    { method: "DELETE", path: `/api/admin/grades/${id}` },
    { method: "GET", path: "/api/admin/halls" },
    { method: "POST", path: "/api/admin/halls" },
    { method: "PATCH", path: `/api/admin/halls/${id}` },
    { method: "DELETE", path: `/api/admin/schedules/${id}` },
  ];
}

async function send(method: string, path: string, caller: Caller) {
  const hasBody = method !== "GET" && method !== "DELETE";
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: {
      // Same-origin, so the cross-site check passes and authentication is what refuses.
      origin: web.baseUrl,
      ...(hasBody ? { "content-type": "application/json" } : {}),
      ...caller,
    },
    ...(hasBody ? { body: JSON.stringify({ seatIds: [randomUUID()], name: "x" }) } : {}),
    redirect: "manual",
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code };
}

/** Runs the request, then proves no store saw a single command from it. */
async function expectNoStoreWork(
  request: () => Promise<{ status: number; code: string | undefined }>,
) {
  dbProxy.reset();
  redisProxy.reset();
  const answer = await request();
  // A request's own work happens before it answers; the wait catches anything it left running.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return { ...answer, statements: dbProxy.statements(), redisCommands: redisProxy.commands() };
}

describe("no database or Redis work before authentication", () => {
  it("the stores are quiet while nobody calls (so a count below is the request's)", async () => {
    dbProxy.reset();
    redisProxy.reset();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect({ statements: dbProxy.statements(), commands: redisProxy.commands() }).toEqual({
      statements: 0,
      commands: 0,
    });
  });

  it("and a route that does use them is seen by the counters", async () => {
    const seen = await expectNoStoreWork(() => send("GET", "/api/ready", {}));
    expect(seen.status).toBe(200);
    expect(seen.statements).toBeGreaterThan(0);
    expect(seen.redisCommands).toBeGreaterThan(0);
  });

  for (const [who, caller] of Object.entries(anonymousCallers)) {
    it(`refuses ${who} on every protected route without touching PostgreSQL or Redis`, async () => {
      const routes = protectedRoutes();
      const seen = [];
      for (const { method, path } of routes) {
        seen.push({
          route: `${method} ${path}`,
          ...(await expectNoStoreWork(() => send(method, path, caller))),
        });
      }
      expect(seen).toEqual(
        routes.map(({ method, path }) => ({
          route: `${method} ${path}`,
          status: 401,
          code: "UNAUTHENTICATED",
          statements: 0,
          redisCommands: 0,
        })),
      );
    });
  }

  it("authenticates a genuine session with one PostgreSQL read, then from memory", async () => {
    // The session's version and the user's role are part of authentication (a session
    // can be revoked, a role changed): read once, then remembered for
    // SESSION_CHECK_TTL_SECONDS (web/README.md, "Sessions").
    const first = await expectNoStoreWork(() =>
      send("GET", "/api/admin/halls", { cookie: buyerCookie }),
    );
    expect(first).toMatchObject({ status: 403, statements: 1, redisCommands: 0 });
    expect(dbProxy.sql()).toEqual([expect.stringMatching(/session_version/)]);
  });

  it("refuses a signed-in buyer on every organizer route without touching either store", async () => {
    // Authenticated once (see the test above); then the role check itself costs nothing.
    await send("GET", "/api/admin/halls", { cookie: buyerCookie });
    const routes = adminRoutes();
    const seen = [];
    for (const { method, path } of routes) {
      const answer = await expectNoStoreWork(() => send(method, path, { cookie: buyerCookie }));
      seen.push({ route: `${method} ${path}`, ...answer });
    }
    expect(seen).toEqual(
      routes.map(({ method, path }) => ({
        route: `${method} ${path}`,
        status: 403,
        code: "FORBIDDEN",
        statements: 0,
        redisCommands: 0,
      })),
    );
  });

  it("sends a caller without a session from every private page to sign in, touching neither store", async () => {
    const id = randomUUID();
    const pages = [
      `/book/${schedule.scheduleId}`,
      `/checkout/${id}`,
      "/my-tickets",
      "/organizer",
      "/organizer/halls/new",
      `/organizer/halls/${id}`,
      "/organizer/performances/new",
      `/organizer/performances/${id}`,
      `/queue/${schedule.performanceId}`,
    ];
    const seen = [];
    for (const page of pages) {
      const answer = await expectNoStoreWork(async () => {
        const response = await fetch(`${web.baseUrl}${page}`, {
          headers: { cookie: "next-auth.session-token=junk" },
          redirect: "manual",
        });
        const location = response.headers.get("location") ?? "";
        return { status: response.status, code: new URL(location, web.baseUrl).pathname };
      });
      seen.push({ page, ...answer });
    }
    expect(seen).toEqual(
      pages.map((page) => ({
        page,
        status: 307,
        code: "/signin",
        statements: 0,
        redisCommands: 0,
      })),
    );
  });

  it("refuses a forged Stripe webhook and an unauthenticated scrape without touching either store", async () => {
    const webhook = await expectNoStoreWork(async () => {
      const response = await fetch(`${web.baseUrl}/api/webhooks/stripe`, {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=forged" },
        body: JSON.stringify({ id: "evt_forged", type: "checkout.session.completed" }),
      });
      const body = (await response.json()) as { error?: { code?: string } };
      return { status: response.status, code: body.error?.code };
    });
    expect(webhook).toMatchObject({ status: 400, statements: 0, redisCommands: 0 });

    const scrape = await expectNoStoreWork(() => send("GET", "/api/metrics", {}));
    expect(scrape.status).toBeGreaterThanOrEqual(401);
    expect(scrape).toMatchObject({ statements: 0, redisCommands: 0 });
  });
});
