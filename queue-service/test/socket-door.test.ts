import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { DEVELOPMENT_QUEUE_TICKET_SECRET, signQueueTicket } from "@ticketping/common/queue";
import { trustedProxiesSchema } from "@ticketping/common/http";
import type { QueueServiceConfig } from "../src/config";
import { connectBuyer, disconnectAll, send, type Buyer } from "./support/clients";
import { createPerformance } from "./support/fixtures";
import type { TestInstance } from "./support/instance";
import { useQueueTestBed } from "./support/test-bed";
import { uniqueKeyPrefix } from "./support/redis";

const ALLOWED_ORIGIN = "http://127.0.0.1:3000";

const bed = useQueueTestBed("queue_socket_door");

function serve(
  overrides: Partial<QueueServiceConfig> = {},
  keyPrefix?: string,
): Promise<TestInstance> {
  return bed.serve({ keyPrefix, overrides: { corsOrigins: [ALLOWED_ORIGIN], ...overrides } });
}

const ticketFor = (userId: string = randomUUID()) =>
  signQueueTicket({ secret: DEVELOPMENT_QUEUE_TICKET_SECRET, userId });

type Outcome = { connected: true } | { connected: false; code: unknown; data: unknown };

/** One handshake the way a browser or a script would make it; closed once answered. */
async function handshake(
  url: string,
  { ticket, headers = {} }: { ticket: string; headers?: Record<string, string> },
): Promise<Outcome> {
  const socket: Socket = io(url, {
    auth: { ticket },
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  try {
    return await new Promise<Outcome>((resolve) => {
      socket.once("connect", () => {
        resolve({ connected: true });
      });
      socket.once("connect_error", (error: Error & { data?: { code?: unknown } }) => {
        resolve({ connected: false, code: error.data?.code, data: error.data });
      });
    });
  } finally {
    socket.disconnect();
  }
}

const codes = (outcomes: Outcome[]) =>
  outcomes.map((outcome) => (outcome.connected ? "connected" : String(outcome.code))).sort();

describe("queue tickets", () => {
  it("open one socket each: a replay, even racing on another instance, is refused", async () => {
    const keyPrefix = uniqueKeyPrefix("door-replay");
    const [first, second] = await Promise.all([serve({}, keyPrefix), serve({}, keyPrefix)]);
    const ticket = await ticketFor();
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        handshake((index % 2 === 0 ? first : second).url, { ticket }),
      ),
    );
    expect(codes(outcomes)).toEqual([
      "TICKET_ALREADY_USED",
      ...Array<string>(10).fill("TICKET_ALREADY_USED"),
      "connected",
    ]);
    // A fresh ticket of the same buyer still gets in.
    expect(await handshake(first.url, { ticket: await ticketFor() })).toEqual({ connected: true });
  });
});

describe("tickets bound to a performance", () => {
  it("let the socket act on that performance only", async () => {
    const instance = await serve();
    const [bound, other] = await Promise.all([
      createPerformance(bed.prisma),
      createPerformance(bed.prisma),
    ]);
    const userId = randomUUID();
    const ticket = await signQueueTicket({
      secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
      userId,
      performanceId: bound,
    });
    const buyer = await connectBuyer(instance.url, { userId, ticket });
    bed.afterThisTest(() => {
      disconnectAll([buyer]);
      return Promise.resolve();
    });
    for (const ask of [send.join, send.status, send.claim, send.extend, send.leave]) {
      const reply = await ask(buyer, other);
      expect("error" in reply ? reply.error.code : "data").toBe("OTHER_PERFORMANCE");
    }
    expect("data" in (await send.join(buyer, bound))).toBe(true);
    expect("data" in (await send.status(buyer, bound))).toBe(true);
  });
});

describe("sockets per buyer and performance", () => {
  it("admits five racing tabs into a queue and refuses the rest with TOO_MANY_SOCKETS", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma);
    const userId = randomUUID();
    const tabs: Buyer[] = await Promise.all(
      Array.from({ length: 8 }, () => connectBuyer(instance.url, { userId })),
    );
    bed.afterThisTest(() => {
      disconnectAll(tabs);
      return Promise.resolve();
    });
    const replies = await Promise.all(tabs.map((tab) => send.join(tab, performanceId)));
    const refused = replies.filter((reply) => "error" in reply);
    expect(replies.length - refused.length).toBe(5);
    expect(refused.map((reply) => ("error" in reply ? reply.error.code : ""))).toEqual(
      Array<string>(3).fill("TOO_MANY_SOCKETS"),
    );

    // Closing a tab that is in the queue makes room for another.
    const inQueue = tabs.filter((_, index) => !("error" in (replies[index] ?? {})));
    const waiting = tabs.filter((_, index) => "error" in (replies[index] ?? {}));
    inQueue[0]?.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const retry = waiting[0] ? await send.join(waiting[0], performanceId) : undefined;
    expect(retry && "data" in retry).toBe(true);
    // Another buyer, and the same buyer in another performance, are counted apart.
    const other = await connectBuyer(instance.url);
    bed.afterThisTest(() => {
      disconnectAll([other]);
      return Promise.resolve();
    });
    expect("data" in (await send.join(other, performanceId))).toBe(true);
    const elsewhere = await createPerformance(bed.prisma);
    expect("data" in (await send.join(waiting[1] as Buyer, elsewhere))).toBe(true);
  });
});

describe("the Origin check", () => {
  it("refuses a foreign Origin at the upgrade, before the ticket is spent", async () => {
    const instance = await serve();
    const ticket = await ticketFor();
    const foreign = await handshake(instance.url, {
      ticket,
      headers: { origin: "http://evil.example" },
    });
    expect(foreign.connected).toBe(false);

    const polling = await fetch(`${instance.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: "http://evil.example" },
    });
    expect(polling.status).toBe(403);
    expect(await polling.json()).toEqual({ code: 4, message: "ORIGIN_NOT_ALLOWED" });

    // The same ticket from the web app's origin: never used, so it opens the socket.
    expect(await handshake(instance.url, { ticket, headers: { origin: ALLOWED_ORIGIN } })).toEqual({
      connected: true,
    });
  });
});

describe("the per-address connection rate", () => {
  it("holds a burst from one address, whatever X-Forwarded-For it makes up", async () => {
    // 60 a minute: a burst of 10, then one every second.
    const instance = await serve({ connectLimitPerIpPerMin: 60 });
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, async (_, index) =>
        handshake(instance.url, {
          ticket: await ticketFor(),
          headers: { "x-forwarded-for": `198.51.100.${index}` },
        }),
      ),
    );
    expect(codes(outcomes)).toEqual([
      ...Array<string>(6).fill("RATE_LIMITED"),
      ...Array<string>(10).fill("connected"),
    ]);
    const refused = outcomes.find((outcome) => !outcome.connected);
    expect(refused).toMatchObject({ data: { code: "RATE_LIMITED", retryAfterSeconds: 1 } });
  });

  it("behind a trusted proxy counts the right-most untrusted hop", async () => {
    const instance = await serve({
      connectLimitPerIpPerMin: 60,
      trustedProxies: trustedProxiesSchema.parse("1"),
    });
    // The left-most entry is the client's own invention; the proxy appended the other.
    const fromOneClient = await Promise.all(
      Array.from({ length: 12 }, async (_, index) =>
        handshake(instance.url, {
          ticket: await ticketFor(),
          headers: { "x-forwarded-for": `10.9.9.${index}, 203.0.113.7` },
        }),
      ),
    );
    expect(codes(fromOneClient).filter((code) => code === "RATE_LIMITED")).toHaveLength(2);
    const fromManyClients = await Promise.all(
      Array.from({ length: 12 }, async (_, index) =>
        handshake(instance.url, {
          ticket: await ticketFor(),
          headers: { "x-forwarded-for": `203.0.113.${100 + index}` },
        }),
      ),
    );
    expect(codes(fromManyClients)).toEqual(Array<string>(12).fill("connected"));
  });
});
