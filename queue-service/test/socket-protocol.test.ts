import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEVELOPMENT_QUEUE_TOKEN_SECRET,
  derivePosition,
  signQueueTicket,
  verifyWorkingToken,
} from "@ticketping/common/queue";
import type { QueueServiceConfig } from "../src/config";
import {
  connectBuyer,
  dataOf,
  disconnectAll,
  eventsOf,
  rawSocket,
  send,
  waitFor,
  type Buyer,
} from "./support/clients";
import { createPerformance } from "./support/fixtures";
import { testConfig, type TestInstance } from "./support/instance";
import { useQueueTestBed } from "./support/test-bed";

const bed = useQueueTestBed("queue_socket_protocol");

function serve(overrides: Partial<QueueServiceConfig> = {}): Promise<TestInstance> {
  return bed.serve({ overrides });
}

async function buyer(instance: TestInstance, userId?: string): Promise<Buyer> {
  const connected = await connectBuyer(instance.url, userId === undefined ? {} : { userId });
  bed.afterThisTest(() => {
    disconnectAll([connected]);
    return Promise.resolve();
  });
  return connected;
}

async function connectError(url: string, auth: Record<string, unknown> | undefined) {
  const { io } = await import("socket.io-client");
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(auth ? { auth } : {}),
  });
  try {
    return await new Promise<{ message: string; data: unknown }>((resolve, reject) => {
      socket.once("connect", () => {
        reject(new Error("connected without a valid ticket"));
      });
      socket.once("connect_error", (error: Error & { data?: unknown }) => {
        resolve({ message: error.message, data: error.data });
      });
    });
  } finally {
    socket.disconnect();
  }
}

describe("the handshake", () => {
  it("lets no socket in without a valid ticket from the web app", async () => {
    const instance = await serve();
    const expected = { data: { code: "UNAUTHENTICATED" } };
    expect(await connectError(instance.url, undefined)).toMatchObject(expected);
    expect(await connectError(instance.url, { ticket: 42 })).toMatchObject(expected);
    expect(await connectError(instance.url, { ticket: "not-a-jwt" })).toMatchObject(expected);
    const forged = await signQueueTicket({
      secret: "some-other-secret-that-is-long-enough-000",
      userId: randomUUID(),
    });
    expect(await connectError(instance.url, { ticket: forged })).toMatchObject(expected);
    const expired = await signQueueTicket({
      secret: testConfig("x").ticketSecret,
      userId: randomUUID(),
      ttlSeconds: -10,
    });
    expect(await connectError(instance.url, { ticket: expired })).toMatchObject(expected);
  });
});

describe("requests", () => {
  it("answer malformed events with an error, never crash, and limit frame size", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma);
    const client = await buyer(instance);
    const socket = rawSocket(client);
    const invalid = { error: { code: "INVALID_PAYLOAD", message: expect.any(String) as string } };

    expect(await socket.timeout(5_000).emitWithAck("queue:join")).toEqual(invalid);
    expect(await socket.timeout(5_000).emitWithAck("queue:join", "text")).toEqual(invalid);
    expect(
      await socket.timeout(5_000).emitWithAck("queue:join", { performanceId: "nope" }),
    ).toEqual(invalid);
    expect(
      await socket.timeout(5_000).emitWithAck("queue:claim", { performanceId, extra: 1 }),
    ).toEqual(invalid);
    expect(
      await socket.timeout(5_000).emitWithAck("queue:join", { performanceId }, "surplus"),
    ).toEqual(invalid);
    // No acknowledgement to answer, an unknown event: ignored.
    socket.emit("queue:join", { performanceId });
    socket.emit("queue:shutdown", { please: true });

    const flooder = await buyer(instance);
    const closed = new Promise((resolve) => flooder.socket.once("disconnect", resolve));
    rawSocket(flooder).emit("queue:join", { performanceId: "x".repeat(20 * 1024) });
    expect(await closed).toBe("transport close");

    expect(dataOf(await send.join(client, performanceId))).toMatchObject({ status: "admitted" });
  });

  it("refuse with the stable reason code", async () => {
    const instance = await serve();
    const client = await buyer(instance);
    expect(await send.join(client, randomUUID())).toEqual({
      error: { code: "UNKNOWN_PERFORMANCE", message: expect.any(String) as string },
    });
    const soldOut = await createPerformance(bed.prisma, { seats: 0 });
    expect(await send.join(client, soldOut)).toMatchObject({ error: { code: "SOLD_OUT" } });
  });

  it("rate-limit joins per user and per IP", async () => {
    const performanceId = await createPerformance(bed.prisma);
    // 12 a minute allows a burst of 2.
    const perUser = await serve({ joinLimitPerUserPerMin: 12 });
    const eager = await buyer(perUser);
    await send.join(eager, performanceId);
    await send.join(eager, performanceId);
    expect(await send.join(eager, performanceId)).toMatchObject({
      error: { code: "RATE_LIMITED" },
    });

    const perIp = await serve({ joinLimitPerIpPerMin: 6 });
    const [first, second] = [await buyer(perIp), await buyer(perIp)];
    expect(await send.join(first, performanceId)).toHaveProperty("data");
    expect(await send.join(second, performanceId)).toMatchObject({
      error: { code: "RATE_LIMITED" },
    });
  });
});

describe("a buyer's way through the queue", () => {
  it("is pushed to every tab: admission, token, extension, leaving, the next buyer's turn", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma, { queueMaxActive: 1 });
    const userId = randomUUID();
    const [firstTab, secondTab, next] = [
      await buyer(instance, userId),
      await buyer(instance, userId),
      await buyer(instance),
    ];

    expect(dataOf(await send.join(firstTab, performanceId))).toMatchObject({
      status: "admitted",
      rejoined: false,
    });
    expect(dataOf(await send.join(secondTab, performanceId))).toMatchObject({
      status: "admitted",
      rejoined: true,
    });
    const waiting = dataOf(await send.join(next, performanceId));
    expect(waiting).toMatchObject({ status: "waiting", position: 1 });

    const grant = dataOf(await send.claim(secondTab, performanceId));
    expect(grant).toMatchObject({ performanceId, extendable: true });
    const gate = {
      token: grant.token,
      secret: DEVELOPMENT_QUEUE_TOKEN_SECRET,
      redis: bed.redis,
      keyPrefix: instance.service.store.keyPrefix,
      performanceId,
    };
    await expect(verifyWorkingToken(gate)).resolves.toMatchObject({ userId, performanceId });
    expect(dataOf(await send.claim(firstTab, performanceId)).tokenId).toBe(grant.tokenId);

    const extended = dataOf(await send.extend(firstTab, performanceId));
    expect(extended).toMatchObject({ tokenId: grant.tokenId, extendable: false });
    expect(extended.expiresAt).toBeGreaterThan(grant.expiresAt);
    expect(await send.extend(firstTab, performanceId)).toMatchObject({
      error: { code: "ALREADY_EXTENDED" },
    });
    expect(await send.claim(next, performanceId)).toMatchObject({
      error: { code: "NOT_ADMITTED" },
    });
    expect(await send.extend(next, performanceId)).toMatchObject({
      error: { code: "NOT_ADMITTED" },
    });

    expect(dataOf(await send.leave(firstTab, performanceId))).toEqual({
      performanceId,
      left: "active",
    });
    await expect(verifyWorkingToken(gate)).rejects.toMatchObject({ code: "QUEUE_TOKEN_REQUIRED" });
    await waitFor(() => eventsOf([next], "queue:admitted").length === 1, {
      what: "the next buyer's admission",
    });
    expect(eventsOf([firstTab, secondTab], "queue:released")).toEqual([
      { performanceId, reason: "left" },
      { performanceId, reason: "left" },
    ]);
    expect(dataOf(await send.claim(next, performanceId))).toMatchObject({ performanceId });
    expect(await send.status(firstTab, performanceId)).toMatchObject({
      error: { code: "NOT_IN_QUEUE" },
    });
  });

  it("keeps the place across a reconnect, and derives positions from the broadcast", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma, { queueMaxActive: 1 });
    const [admitted, ahead, me] = [
      await buyer(instance),
      await buyer(instance),
      await buyer(instance),
    ];
    await send.join(admitted, performanceId);
    await send.join(ahead, performanceId);
    const joined = dataOf(await send.join(me, performanceId));
    if (joined.status !== "waiting") throw new Error("expected to wait");
    expect(joined.position).toBe(2);

    me.socket.disconnect();
    const again = await buyer(instance, me.userId);
    const rejoined = dataOf(await send.join(again, performanceId));
    expect(rejoined).toMatchObject({
      status: "waiting",
      seq: joined.seq,
      position: 2,
      rejoined: true,
    });

    // The buyer ahead is admitted once the first one's slot is free; the broadcast alone
    // tells this client it moved up.
    await send.leave(admitted, performanceId);
    await waitFor(() => again.latestProgress()?.admittedTotal === 2, { what: "progress" });
    const progress = again.latestProgress();
    if (!progress || rejoined.status !== "waiting") throw new Error("missing progress");
    const derived = derivePosition(
      {
        seq: rejoined.seq,
        position: rejoined.position,
        admittedTotal: rejoined.progress.admittedTotal,
      },
      progress,
    );
    expect(derived.position).toBe(1);
    expect(dataOf(await send.status(again, performanceId))).toMatchObject({ position: 1 });
  });
});

describe("operations", () => {
  it("exposes Prometheus metrics and per-performance stats", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma, { queueMaxActive: 1 });
    const [first, second] = [await buyer(instance), await buyer(instance)];
    await send.join(first, performanceId);
    await send.join(second, performanceId);
    await send.join(second, randomUUID());
    await waitFor(async () => (await instance.service.store.listQueues(0)).length === 1);

    const metrics = await (await fetch(`${instance.url}/metrics`)).text();
    expect(metrics).toContain(`ticketping_queue_waiting{performance="${performanceId}"} 1`);
    expect(metrics).toContain(`ticketping_queue_active{performance="${performanceId}"} 1`);
    expect(metrics).toContain('ticketping_queue_joins_total{outcome="admitted"} 1');
    expect(metrics).toContain('ticketping_queue_refusals_total{reason="UNKNOWN_PERFORMANCE"} 1');
    expect(metrics).toContain("ticketping_queue_sockets 2");
    expect(metrics).toContain("ticketping_queue_tick_duration_seconds_count");
    expect(metrics).toContain("ticketping_queue_admissions_total 1");

    const stats = await fetch(`${instance.url}/queues/${performanceId}/stats`);
    expect(stats.status).toBe(200);
    expect(await stats.json()).toMatchObject({
      performanceId,
      counters: { joins: 2, admitted: 1 },
      progress: { phase: "open", waiting: 1, active: 1, maxActive: 1 },
    });
    expect((await fetch(`${instance.url}/queues/nope/stats`)).status).toBe(400);
    expect((await fetch(`${instance.url}/elsewhere`)).status).toBe(404);
  });
});
