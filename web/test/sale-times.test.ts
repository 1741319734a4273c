import { randomUUID } from "node:crypto";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  queueKeys,
  signQueueTicket,
  type Ack,
  type ClientEvents,
  type QueueStanding,
  type ServerEvents,
} from "@ticketping/common/queue";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import { createBuyers, type TestBuyer } from "./support/booking";
import { seedPerformance, type SeededPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * An organizer who moves a sale's opening or closing, or closes and reopens it, gets one
 * answer everywhere at once: the catalog's phase, the hold rule and the waiting room's
 * phase (from the settings the queue service reloads after the edit dropped its copy).
 */
let system: WebTestSystem;
let web: RunningWebServer;
let queue: SpawnedService;
let adminCookie: string;
let holders: TestBuyer[];
const sockets: Socket[] = [];

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_sale_times" });
  [web, queue] = await Promise.all([
    system.startWeb(),
    spawnService({
      cwd: path.resolve(import.meta.dirname, "../../queue-service"),
      entry: "src/main.ts",
      readyTimeoutMs: 60_000,
      env: {
        DATABASE_URL: system.database.url,
        QUEUE_SERVICE_PORT: "0",
        QUEUE_KEY_PREFIX: system.keyPrefix,
        QUEUE_TICKET_SECRET: system.secrets.queueTicket,
        QUEUE_TOKEN_SECRET: system.secrets.queueToken,
        QUEUE_CONSUMER_GROUP_ID: `web-sale-times-test-${randomUUID()}`,
        QUEUE_TICK_MS: "100",
        QUEUE_CLAIM_WINDOW_SECONDS: "600",
        QUEUE_PREQUEUE_LEAD_SECONDS: "86400",
      },
    }),
  ]);
  const [organizer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "organizer", role: "ADMIN" },
  ]);
  adminCookie = organizer.cookie;
  holders = await createBuyers(system.prisma, 6);
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await queue.stop("SIGTERM");
  await system.stop();
});

async function patchPerformance(id: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${web.baseUrl}/api/admin/performances/${id}`, {
    method: "PATCH",
    headers: { cookie: adminCookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function catalogPhase(performance: SeededPerformance): Promise<string> {
  const response = await fetch(`${web.baseUrl}/api/performances/${performance.slug}`);
  const { data } = (await response.json()) as { data: { performance: { phase: string } } };
  return data.performance.phase;
}

/** A fresh admitted buyer tries to hold one seat of the first show. */
async function holdAttempt(performance: SeededPerformance, seatIndex: number): Promise<string> {
  const buyer = holders[seatIndex] as TestBuyer;
  const [scheduleId = ""] = performance.scheduleIds;
  const response = await fetch(`${web.baseUrl}/api/schedules/${scheduleId}/holds`, {
    method: "POST",
    headers: {
      ...(await system.buyerHeaders(buyer, performance.id)),
      "content-type": "application/json",
    },
    body: JSON.stringify({ seatIds: [performance.seatIds[0]?.[seatIndex]] }),
  });
  const body = (await response.json()) as { error?: { code: string } };
  return response.status === 201 ? "HELD" : `${response.status} ${body.error?.code}`;
}

/** A buyer's socket in the waiting room, the way the browser's is opened. */
async function waitingRoomSocket(): Promise<Socket<ServerEvents, ClientEvents>> {
  const ticket = await signQueueTicket({
    secret: system.secrets.queueTicket,
    userId: randomUUID(),
  });
  const socket: Socket<ServerEvents, ClientEvents> = io(`http://127.0.0.1:${queue.port}`, {
    auth: { ticket },
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
}

async function queueStanding(
  socket: Socket<ServerEvents, ClientEvents>,
  event: "queue:join" | "queue:status",
  performanceId: string,
): Promise<QueueStanding> {
  const reply = (await socket
    .timeout(10_000)
    .emitWithAck(event, { performanceId })) as Ack<QueueStanding>;
  if ("error" in reply) throw new Error(`queue answered ${JSON.stringify(reply.error)}`);
  return reply.data;
}

interface Agreement {
  catalog: string;
  hold: string;
  queuePhase: string;
}

/**
 * What each part says right after an edit. The edit dropped the queue's copy of the
 * settings, so its next script call loads them again; the poll only covers a reload that
 * a background refresh had started before the edit committed.
 */
async function observe(
  performance: SeededPerformance,
  socket: Socket<ServerEvents, ClientEvents>,
  seatIndex: number,
  expected: Agreement,
): Promise<void> {
  const deadline = Date.now() + 5_000;
  let queuePhase = (await queueStanding(socket, "queue:status", performance.id)).progress.phase;
  while (queuePhase !== expected.queuePhase && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    queuePhase = (await queueStanding(socket, "queue:status", performance.id)).progress.phase;
  }
  expect({
    catalog: await catalogPhase(performance),
    hold: await holdAttempt(performance, seatIndex),
    queuePhase,
  }).toEqual(expected);

  // The queue's copy is the database's window and status.
  const stored = await system.prisma.performance.findUniqueOrThrow({
    where: { id: performance.id },
  });
  const settings = await system.redis.hgetall(queueKeys(system.keyPrefix, performance.id).config);
  expect(settings).toMatchObject({
    saleStatus: stored.saleStatus,
    opensAt: String(stored.bookingOpensAt.getTime()),
    closesAt: String(stored.bookingClosesAt.getTime()),
  });
}

const onSale = { catalog: "on-sale", hold: "HELD", queuePhase: "open" };
const notOnSale = (catalog: string, queuePhase: string) => ({
  catalog,
  hold: "409 SALE_CLOSED",
  queuePhase,
});

describe("an organizer changing a sale's times", () => {
  it("moves the catalog, the hold rule and the waiting room together, each transition", async () => {
    const performance = await seedPerformance(system.prisma, {
      name: "Moved Sale",
      opensInHours: -1,
      showsInHours: [100],
      columns: 6,
    });
    const socket = await waitingRoomSocket();
    const joined = await queueStanding(socket, "queue:join", performance.id);
    expect(joined.progress.phase).toBe("open");
    await observe(performance, socket, 0, onSale);

    // The opening of a sale already open moved 120 s later: upcoming everywhere.
    await patchPerformance(performance.id, {
      bookingOpensAt: new Date(Date.now() + 120_000).toISOString(),
    });
    await observe(performance, socket, 1, notOnSale("upcoming", "pre"));

    // Moved back into the past: on sale again.
    await patchPerformance(performance.id, {
      bookingOpensAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await observe(performance, socket, 2, onSale);

    // Closed early by its status, then reopened.
    await patchPerformance(performance.id, { saleStatus: "CLOSED" });
    await observe(performance, socket, 3, notOnSale("closed", "closed"));
    await patchPerformance(performance.id, { saleStatus: "PUBLISHED" });
    await observe(performance, socket, 3, onSale);

    // Closed early by its closing time, then reopened by moving it later.
    await patchPerformance(performance.id, {
      bookingClosesAt: new Date(Date.now() - 1_000).toISOString(),
    });
    await observe(performance, socket, 4, notOnSale("closed", "closed"));
    await patchPerformance(performance.id, {
      bookingClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await observe(performance, socket, 4, onSale);
  });
});
