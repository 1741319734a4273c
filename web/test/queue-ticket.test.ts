import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEVELOPMENT_QUEUE_TICKET_SECRET, verifyQueueTicket } from "@ticketping/common/queue";
import {
  createBuyers,
  seedPerformance,
  sessionCookie,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

const queueUrl = "https://queue.example.test";

let system: WebTestSystem;
let web: RunningWebServer;
let buyers: TestBuyer[];
let show: SeededSchedule;

interface TicketBody {
  data?: { ticket: string; expiresAt: string; queueUrl: string };
  error?: { code: string; message: string; details?: { retryAfterSeconds?: number } };
}

async function requestTicket(
  cookie?: string,
  performanceId: string = show.performanceId,
): Promise<{ status: number; body: TicketBody }> {
  const response = await fetch(`${web.baseUrl}/api/queue/ticket`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ performanceId }),
  });
  expect(response.headers.get("cache-control")).toContain("no-store");
  return { status: response.status, body: (await response.json()) as TicketBody };
}

const buyer = (index: number) => buyers[index] as TestBuyer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_queue_ticket" });
  // Rate limits live in Redis and outlive the database: fresh buyers each run.
  buyers = await createBuyers(system.prisma, 3);
  [show] = (await seedPerformance(system.prisma, { rows: 1, columns: 1 })) as [SeededSchedule];
  web = await system.startWeb({
    env: { QUEUE_PUBLIC_URL: queueUrl },
  });
});

afterAll(async () => {
  await system.stop();
});

describe("POST /api/queue/ticket", () => {
  it("gives a signed-in buyer a ticket the queue service accepts as them, and where to use it", async () => {
    const before = Date.now();
    const { status, body } = await requestTicket(await system.sessionCookie(buyer(0)));
    expect(status).toBe(200);
    const data = body.data;
    if (!data) throw new Error(`no ticket: ${JSON.stringify(body)}`);
    expect(data.queueUrl).toBe(queueUrl);
    // The queue service's own check, with the secret both sides share.
    await expect(
      verifyQueueTicket({ secret: system.secrets.queueTicket, ticket: data.ticket }),
    ).resolves.toMatchObject({
      userId: buyer(0).id,
      // The socket it opens may act on this performance only.
      performanceId: show.performanceId,
    });
    const expiresAt = Date.parse(data.expiresAt);
    expect(expiresAt).toBeGreaterThan(before + 58_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("answers 404 NOT_FOUND for a performance without a line, 400 without a performance", async () => {
    const cookie = await system.sessionCookie(buyer(0));
    const unknown = await requestTicket(cookie, "01970000-0000-7000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe("NOT_FOUND");
    const missing = await fetch(`${web.baseUrl}/api/queue/ticket`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: "{}",
    });
    expect(missing.status).toBe(400);
  });

  it("signs with QUEUE_TICKET_SECRET only: another secret does not verify it", async () => {
    const { body } = await requestTicket(await system.sessionCookie(buyer(0)));
    await expect(
      verifyQueueTicket({
        secret: randomBytes(32).toString("hex"),
        ticket: body.data?.ticket ?? "",
      }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("answers 401 UNAUTHENTICATED without a session, or with a forged one", async () => {
    const anonymous = await requestTicket();
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.body.data).toBeUndefined();

    const forged = await requestTicket(
      await sessionCookie(randomBytes(32).toString("hex"), buyer(0)),
    );
    expect(forged.status).toBe(401);
    expect(forged.body.error?.code).toBe("UNAUTHENTICATED");
  });

  it("rate-limits each buyer (30 a minute) with 429 RATE_LIMITED, leaving others alone", async () => {
    const cookie = await system.sessionCookie(buyer(1));
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt++)
      statuses.push((await requestTicket(cookie)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const refused = await requestTicket(cookie);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.code).toBe("RATE_LIMITED");
    expect(refused.body.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.body.error?.details?.retryAfterSeconds).toBeLessThanOrEqual(60);

    const other = await requestTicket(await system.sessionCookie(buyer(2)));
    expect(other.status).toBe(200);
  });
});

describe("QUEUE_TICKET_SECRET in production", () => {
  it("refuses to start on the development value, which anyone can read in the repository", async () => {
    await expect(
      system.startWeb({ env: { QUEUE_TICKET_SECRET: DEVELOPMENT_QUEUE_TICKET_SECRET } }),
    ).rejects.toThrow(/QUEUE_TICKET_SECRET: equals a value published in the repository/);
  });
});
