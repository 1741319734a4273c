import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  signQueueTicket,
  type Ack,
  type ClientEvents,
  type LeaveResult,
  type QueueProgress,
  type QueueStanding,
  type ServerEvents,
  type WorkingTokenGrant,
} from "@ticketping/common/queue";

export type BuyerSocket = Socket<ServerEvents, ClientEvents>;

export interface Buyer {
  userId: string;
  socket: BuyerSocket;
  /** Every event pushed to this socket, in arrival order. */
  received: { event: keyof ServerEvents; payload: unknown; at: number }[];
  latestProgress: () => QueueProgress | undefined;
}

/**
 * Opens a socket the way the browser does: websocket, with a ticket from the web app
 * (`transports` for a client that long-polls first, or only).
 * Fails after `timeoutMs` without an answer to the handshake: a CONNECT lost on its way
 * is then named as such, not left to the test's own timeout.
 */
export async function connectBuyer(
  url: string,
  options: {
    userId?: string;
    ticket?: string;
    timeoutMs?: number;
    transports?: ("polling" | "websocket")[];
    /** The client's own address (a loopback alias), as a buyer elsewhere would have. */
    localAddress?: string;
  } = {},
): Promise<Buyer> {
  const userId = options.userId ?? randomUUID();
  const ticket =
    options.ticket ?? (await signQueueTicket({ secret: DEVELOPMENT_QUEUE_TICKET_SECRET, userId }));
  const socket: BuyerSocket = io(url, {
    auth: { ticket },
    transports: options.transports ?? ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  const received: Buyer["received"] = [];
  let progress: QueueProgress | undefined;
  socket.on("queue:progress", (payload) => {
    progress = payload;
    received.push({ event: "queue:progress", payload, at: Date.now() });
  });
  socket.on("queue:admitted", (payload) => {
    received.push({ event: "queue:admitted", payload, at: Date.now() });
  });
  socket.on("queue:released", (payload) => {
    received.push({ event: "queue:released", payload, at: Date.now() });
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.disconnect();
      reject(new Error(`the handshake got no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
    socket.once("connect_error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { userId, socket, received, latestProgress: () => progress };
}

/** Connects `count` buyers, `concurrency` handshakes at a time. */
export async function connectBuyers(
  url: string,
  count: number,
  concurrency = 250,
): Promise<Buyer[]> {
  const buyers: Buyer[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const batch = Math.min(concurrency, count - start);
    buyers.push(...(await Promise.all(Array.from({ length: batch }, () => connectBuyer(url)))));
  }
  return buyers;
}

/** The socket without the protocol's types, for sending what a misbehaving client might. */
export function rawSocket(buyer: Buyer): Socket {
  return buyer.socket;
}

async function request<Result>(
  buyer: Buyer,
  event: keyof ClientEvents,
  performanceId: string,
  timeoutMs: number,
): Promise<Ack<Result>> {
  const reply: unknown = await rawSocket(buyer)
    .timeout(timeoutMs)
    .emitWithAck(event, { performanceId });
  return reply as Ack<Result>;
}

export const send = {
  join: (buyer: Buyer, performanceId: string, timeoutMs = 30_000) =>
    request<QueueStanding>(buyer, "queue:join", performanceId, timeoutMs),
  status: (buyer: Buyer, performanceId: string, timeoutMs = 30_000) =>
    request<QueueStanding>(buyer, "queue:status", performanceId, timeoutMs),
  claim: (buyer: Buyer, performanceId: string, timeoutMs = 30_000) =>
    request<WorkingTokenGrant>(buyer, "queue:claim", performanceId, timeoutMs),
  extend: (buyer: Buyer, performanceId: string, timeoutMs = 30_000) =>
    request<WorkingTokenGrant>(buyer, "queue:extend", performanceId, timeoutMs),
  leave: (buyer: Buyer, performanceId: string, timeoutMs = 30_000) =>
    request<LeaveResult>(buyer, "queue:leave", performanceId, timeoutMs),
};

export function dataOf<T>(reply: Ack<T>): T {
  if ("error" in reply) throw new Error(`expected data, got ${JSON.stringify(reply.error)}`);
  return reply.data;
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, intervalMs = 25, what = "condition" } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export function eventsOf(buyers: readonly Buyer[], event: keyof ServerEvents): unknown[] {
  return buyers.flatMap((buyer) =>
    buyer.received.filter((entry) => entry.event === event).map((entry) => entry.payload),
  );
}

export function disconnectAll(buyers: readonly Buyer[]): void {
  for (const buyer of buyers) buyer.socket.disconnect();
}
