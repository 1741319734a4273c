import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRedis,
  REDIS_COMMAND_TIMEOUT_MS,
  REDIS_MAX_RECONNECT_DELAY_MS,
  type RedisClient,
} from "@ticketping/common/redis";
import { startOwnRedisServer, type OwnRedisServer } from "@ticketping/common/testing";
import {
  admitBuyer,
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

// The web server runs on a Redis of this test's own, which the test stops and starts.
let ownRedisServer: OwnRedisServer;
let ownRedis: RedisClient;
let system: WebTestSystem;
let web: RunningWebServer;
let show: SeededSchedule;
let buyer: TestBuyer;
let headers: { cookie: string; "x-working-token": string };

beforeAll(async () => {
  ownRedisServer = await startOwnRedisServer({ appendOnly: true });
  ownRedis = createRedis({
    url: ownRedisServer.url,
    connectionName: "web-redis-outage-test",
    whileDisconnected: "wait",
  });
  system = await createWebTestSystem({ label: "web_redis_outage" });
  [show] = (await seedPerformance(system.prisma, { rows: 1, columns: 6 })) as [SeededSchedule];
  [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  web = await system.startWeb({ env: { REDIS_URL: ownRedisServer.url } });
  const { token } = await admitBuyer(ownRedis, {
    secret: system.secrets.queueToken,
    keyPrefix: system.keyPrefix,
    userId: buyer.id,
    performanceId: show.performanceId,
    ttlMs: 600_000,
  });
  headers = { cookie: await system.sessionCookie(buyer), "x-working-token": token };
}, 60_000);

afterAll(async () => {
  await system.stop();
  ownRedis.disconnect();
  await ownRedisServer.remove();
});

interface Answer {
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  retryAfterSeconds: unknown;
  ms: number;
}

async function timed(path: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(`${web.baseUrl}${path}`, init);
  const body = (await response.json()) as {
    error?: { code: string; details?: { retryAfterSeconds?: unknown } };
  };
  return {
    status: response.status,
    code: body.error?.code,
    retryAfter: response.headers.get("retry-after"),
    retryAfterSeconds: body.error?.details?.retryAfterSeconds,
    ms: performance.now() - started,
  };
}

const readSeatMap = () => timed(`/api/schedules/${show.scheduleId}/seat-map`, { headers });
const holdSeat = (index: number) =>
  timed(`/api/schedules/${show.scheduleId}/holds`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ seatIds: [show.seatIds[index]] }),
  });
const queueTicket = () =>
  timed("/api/queue/ticket", {
    method: "POST",
    headers: { cookie: headers.cookie, "content-type": "application/json" },
    body: JSON.stringify({ performanceId: show.performanceId }),
  });

/** The error next-auth reports for a credentials sign-in (the page shows its message). */
async function signInError(): Promise<string | null> {
  const csrf = await fetch(`${web.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${web.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.headers
        .getSetCookie()
        .map((cookie) => cookie.split(";")[0])
        .join("; "),
    },
    body: new URLSearchParams({
      csrfToken,
      email: buyer.email,
      password: "any password at all",
      json: "true",
    }),
  });
  const { url } = (await callback.json()) as { url: string };
  return new URL(url, web.baseUrl).searchParams.get("error");
}

const unavailable = {
  status: 503,
  code: "SERVICE_UNAVAILABLE",
  retryAfter: "2",
  retryAfterSeconds: 2,
};

/** Polls the seat map until it answers 200; every answer before that must be the 503. */
async function waitForRecovery(deadlineMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const answer = await readSeatMap();
    if (answer.status === 200) return performance.now() - started;
    expect(answer).toMatchObject(unavailable);
    if (performance.now() - started > deadlineMs) throw new Error("web did not recover");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("while Redis is down", () => {
  it("answers 503 SERVICE_UNAVAILABLE with Retry-After at once, and recovers when Redis is back", async () => {
    expect((await readSeatMap()).status).toBe(200);

    await ownRedisServer.stop();
    const answers = [await readSeatMap(), await holdSeat(0), await queueTicket()];
    for (const answer of answers) {
      expect(answer).toMatchObject(unavailable);
      // Not held until a reconnection gives up (it was 2.4 s): refused at once.
      expect(answer.ms).toBeLessThan(500);
    }
    // A sign-in that cannot be rate-limited is refused with a stable code, not Redis's own
    // error text (next-auth would put that in the page's URL).
    expect(await signInError()).toBe("SERVICE_UNAVAILABLE");

    await ownRedisServer.start();
    // Back within one reconnection delay (plus the ready check and a poll).
    const recoveryMs = await waitForRecovery(REDIS_MAX_RECONNECT_DELAY_MS + 3_000);
    expect(recoveryMs).toBeLessThan(REDIS_MAX_RECONNECT_DELAY_MS + 3_000);
    // With AOF on the buyer's slot survived the restart: the same token holds a seat.
    expect((await holdSeat(1)).status).toBe(201);
    expect((await queueTicket()).status).toBe(200);
  }, 30_000);

  it("answers 503 within the command timeout when Redis hangs without closing the connection", async () => {
    ownRedisServer.pause();
    try {
      const answer = await readSeatMap();
      expect(answer).toMatchObject(unavailable);
      expect(answer.ms).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + 1_000);
    } finally {
      ownRedisServer.resume();
    }
    expect(await waitForRecovery(5_000)).toBeLessThan(5_000);
  }, 30_000);
});
