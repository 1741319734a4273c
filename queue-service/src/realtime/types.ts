import type { Server, Socket } from "socket.io";
import type { ClientEvents, ServerEvents } from "@ticketping/common/queue";

export interface QueueSocketData {
  userId: string;
  /** Client address used for per-IP rate limits. */
  ip: string;
  /** The one performance the ticket (or session handshake) opened this socket for; undefined: any (see signQueueTicket). */
  ticketPerformanceId: string | undefined;
  /** The presale code checked at the door (ticket route or session door); the claim spends it. */
  presaleCodeId: string | undefined;
  /** Queues this socket joined, to count the user's connected tabs per queue. */
  performances: Set<string>;
}

type NoInterServerEvents = Record<string, never>;

export type QueueServer = Server<ClientEvents, ServerEvents, NoInterServerEvents, QueueSocketData>;
export type QueueSocket = Socket<ClientEvents, ServerEvents, NoInterServerEvents, QueueSocketData>;
