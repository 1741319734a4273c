import type { Server, Socket } from "socket.io";
import type {
  ClientEvents,
  QueueProgress,
  ReleaseReason,
  ServerEvents,
} from "@ticketping/common/queue";

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
  /**
   * Joins of this socket still in their batch, per queue, settled once the join's answer is
   * handled; made only while one is in flight (tens of thousands of sockets wait idle).
   */
  joining?: Map<string, Promise<void>>;
}

/** What one instance tells the others through the adapter: each delivers to its own sockets. */
export interface QueueNewsEvents {
  "queue:progress": (progress: QueueProgress) => void;
  "queue:admitted": (performanceId: string, userIds: string[], claimBy: number) => void;
  "queue:released": (performanceId: string, userId: string, reason: ReleaseReason) => void;
}

export type QueueServer = Server<ClientEvents, ServerEvents, QueueNewsEvents, QueueSocketData>;
export type QueueSocket = Socket<ClientEvents, ServerEvents, QueueNewsEvents, QueueSocketData>;
