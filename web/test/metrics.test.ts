import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import { parseExposition, sumSamples, type Sample } from "@ticketping/common/metrics";
import { bookingLatencyKey, readBookingLatency } from "@ticketping/common/queue/store";
import { createRedis } from "@ticketping/common/redis";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import {
  admitBuyer,
  createBuyers,
  deleteTestKeys,
  seedPerformance,
  sessionCookie,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import { checkoutEvent, deliverWebhook, webhookSecret } from "./support/payments";
import { startWebServer, type RunningWebServer } from "./support/web-server";

/**
 * /api/metrics of the production build: protected by its token, and its series move
 * with real requests (holds, seat-map polls, webhooks, errors) against real PostgreSQL
 * and Redis.
 */
const { REDIS_URL } = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: REDIS_URL, connectionName: "web-metrics-test" });
const keyPrefix = `test-${randomUUID()}:`;
const metricsToken = randomBytes(24).toString("hex");
const secret = webhookSecret();

let database: TestDatabase;
let web: RunningWebServer;
let schedule: SeededSchedule;
let buyer: TestBuyer;

async function scrape(): Promise<Sample[]> {
  const response = await fetch(`${web.baseUrl}/api/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return parseExposition(await response.text());
}

async function buyerHeaders(): Promise<Record<string, string>> {
  const { token } = await admitBuyer(redis, {
    secret: web.secrets.queueToken,
    keyPrefix,
    userId: buyer.id,
    performanceId: schedule.performanceId,
  });
  return { cookie: await sessionCookie(web.secrets.nextAuth, buyer), "x-working-token": token };
}

const holdsRoute = "/api/schedules/[scheduleId]/holds";
const seatMapRoute = "/api/schedules/[scheduleId]/seat-map";

beforeAll(async () => {
  database = await createTestDatabase({ label: "web_metrics" });
  [schedule] = (await seedPerformance(database.prisma, { rows: 2, columns: 5 })) as [
    SeededSchedule,
  ];
  [buyer] = (await createBuyers(database.prisma, 1)) as [TestBuyer];
  web = await startWebServer({
    databaseUrl: database.url,
    env: {
      QUEUE_KEY_PREFIX: keyPrefix,
      METRICS_TOKEN: metricsToken,
      STRIPE_WEBHOOK_SECRET: secret,
      PAYMENT_PROVIDER: "simulated",
    },
  });
});

afterAll(async () => {
  await web.stop();
  await deleteTestKeys(redis, { scheduleIds: [schedule.scheduleId], keyPrefix });
  await database.drop();
  await redis.quit();
});

describe("GET /api/metrics", () => {
  it("wants the metrics token", async () => {
    const anonymous = await fetch(`${web.baseUrl}/api/metrics`);
    expect(anonymous.status).toBe(401);
    const wrong = await fetch(`${web.baseUrl}/api/metrics`, {
      headers: { authorization: "Bearer not-the-token" },
    });
    expect(wrong.status).toBe(401);
  });

  it("is off in production when no token is configured", async () => {
    const open = await startWebServer({ databaseUrl: database.url });
    try {
      expect((await fetch(`${open.baseUrl}/api/metrics`)).status).toBe(404);
    } finally {
      await open.stop();
    }
  });

  it("serves the process's default metrics and the web app's series", async () => {
    const names = new Set((await scrape()).map((sample) => sample.name));
    for (const name of [
      "process_cpu_user_seconds_total",
      "nodejs_eventloop_lag_p99_seconds",
      "ticketping_holds_created_total",
      "ticketping_holds_released_total",
    ]) {
      expect(names, name).toContain(name);
    }
  });
});

describe("series move with real requests", () => {
  it("counts a hold, its release, seat-map polls and error codes by route pattern", async () => {
    const before = await scrape();
    const headers = await buyerHeaders();
    const seatMapUrl = `${web.baseUrl}/api/schedules/${schedule.scheduleId}/seat-map`;
    for (let poll = 0; poll < 3; poll++) {
      expect((await fetch(seatMapUrl, { headers })).status).toBe(200);
    }
    const held = await fetch(`${web.baseUrl}/api/schedules/${schedule.scheduleId}/holds`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ seatIds: [schedule.seatIds[0]] }),
    });
    expect(held.status).toBe(201);
    const { data } = (await held.json()) as { data: { reservationId: string } };
    // The same seat again: refused with a stable code.
    const taken = await fetch(`${web.baseUrl}/api/schedules/${schedule.scheduleId}/holds`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ seatIds: [schedule.seatIds[0]] }),
    });
    expect(taken.status).toBe(409);
    const released = await fetch(`${web.baseUrl}/api/holds/${data.reservationId}`, {
      method: "DELETE",
      headers,
    });
    expect(released.status).toBe(200);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sumSamples(after, name, labels) - sumSamples(before, name, labels);
    expect(delta("ticketping_holds_created_total")).toBe(1);
    expect(delta("ticketping_holds_released_total")).toBe(1);
    expect(
      delta("ticketping_http_requests_total", {
        route: seatMapRoute,
        method: "GET",
        status: "200",
      }),
    ).toBe(3);
    expect(
      delta("ticketping_http_requests_total", { route: holdsRoute, method: "POST", status: "201" }),
    ).toBe(1);
    expect(
      delta("ticketping_http_requests_total", {
        route: "/api/holds/[reservationId]",
        method: "DELETE",
        status: "200",
      }),
    ).toBe(1);
    expect(delta("ticketping_http_errors_total", { route: holdsRoute })).toBe(1);
    const code = (await taken.json()) as { error: { code: string } };
    expect(delta("ticketping_http_errors_total", { code: code.error.code })).toBe(1);
    expect(delta("ticketping_http_request_duration_seconds_count", { route: seatMapRoute })).toBe(
      3,
    );
    // No series per id: every label value is a pattern.
    const routes = after
      .filter((sample) => sample.name === "ticketping_http_requests_total")
      .map((sample) => sample.labels.route ?? "");
    expect(routes.some((route) => route.includes(schedule.scheduleId))).toBe(false);
  });

  it("counts webhooks by outcome and refused ones by code", async () => {
    const before = await scrape();
    const reservationId = randomUUID();
    const event = checkoutEvent("checkout.session.completed", {
      reservationId,
      sessionId: `cs_sim_${reservationId.replaceAll("-", "")}`,
      amountMinor: 1_000,
    });
    const forged = await deliverWebhook(web.baseUrl, event, { secret: webhookSecret() });
    expect(forged.status).toBe(400);
    // A reservation of nobody's: recorded as ignored, answered 200.
    const ignored = await deliverWebhook(web.baseUrl, event, { secret });
    expect(ignored.status).toBe(200);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sumSamples(after, name, labels) - sumSamples(before, name, labels);
    expect(delta("ticketping_webhook_failures_total", { code: "WEBHOOK_SIGNATURE_INVALID" })).toBe(
      1,
    );
    expect(delta("ticketping_webhooks_total", { outcome: "ignored" })).toBe(1);
  });
});

describe("the booking latency for the waiting room's pace", () => {
  it("is published from the admitted buyers' requests, one field for the process", async () => {
    const headers = await buyerHeaders();
    const seatMapUrl = `${web.baseUrl}/api/schedules/${schedule.scheduleId}/seat-map`;
    for (let poll = 0; poll < 3; poll++) {
      expect((await fetch(seatMapUrl, { headers })).status).toBe(200);
    }
    // Published once a second: poll for it.
    const deadline = Date.now() + 10_000;
    let p95: number | undefined;
    while (p95 === undefined && Date.now() < deadline) {
      p95 = await readBookingLatency({ redis, keyPrefix });
      if (p95 === undefined) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(p95).toBeGreaterThanOrEqual(0);
    expect(p95).toBeLessThan(60_000);
    const fields = await redis.hgetall(bookingLatencyKey(keyPrefix));
    expect(Object.keys(fields)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}$/)]);
    expect(Object.values(fields)).toEqual([expect.stringMatching(/^\d+:\d+$/)]);
  });
});

describe("request ids", () => {
  it("echoes a caller's x-request-id and makes one up otherwise", async () => {
    const url = `${web.baseUrl}/api/performances`;
    const echoed = await fetch(url, { headers: { "x-request-id": "edge-42.a" } });
    expect(echoed.headers.get("x-request-id")).toBe("edge-42.a");
    const made = await fetch(url, { headers: { "x-request-id": "no spaces allowed" } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("GET /api/ready", () => {
  it("is ready with PostgreSQL and Redis up", async () => {
    const response = await fetch(`${web.baseUrl}/api/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { database: "up", redis: "up" },
    });
  });
});
