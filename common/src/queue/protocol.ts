import { z } from "zod";
import type { QueueErrorCode, ReleaseReason } from "./codes";
import { performanceIdSchema } from "./ids";
import { presaleCodeSchema } from "./presale-code-schema";

/** Payload of every client event: which performance's queue it is about. */
export const performanceRequestSchema = z.object({ performanceId: performanceIdSchema }).strict();
export type PerformanceRequest = z.infer<typeof performanceRequestSchema>;

/**
 * The handshake's `auth` object, one of two doors: a short-lived ticket signed by the web
 * app, or the performance whose line to enter with the web app's session cookie (sent with
 * the handshake's request; see the queue service's README for what each door checks).
 */
export const handshakeAuthSchema = z.union([
  // First: a handshake carrying a ticket is judged by its ticket, whatever else it says.
  z.object({ ticket: z.string().min(1).max(2_048) }),
  z
    .object({
      performanceId: performanceIdSchema,
      /** A presale code, needed while the sale is in its presale (see presale.ts). */
      presaleCode: presaleCodeSchema.optional(),
    })
    .strict(),
]);
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/**
 * Where a sale stands: the one vocabulary inside the system (the queue scripts, the socket
 * protocol, the web app's catalog). `unknown`: the queue has no live settings yet. The public
 * catalog API says the same phases in its own words (web/src/server/performances/sale-phase.ts).
 */
export const salePhases = ["unknown", "pre", "open", "sold_out", "closed"] as const;
export type SalePhase = (typeof salePhases)[number];

/** The two pre-queues of a sale: the opening's, and the general sale's after a presale. */
export const preQueueRounds = ["opening", "general"] as const;
export type PreQueueRound = (typeof preQueueRounds)[number];

/**
 * A queue's progress, broadcast to every waiter once per tick. Each client derives its own
 * position from it (see derivePosition); the server never computes positions per waiter.
 */
export interface QueueProgress {
  performanceId: string;
  phase: SalePhase;
  /** Sequence number of the most recently admitted buyer. */
  servedSeq: number;
  /** Buyers admitted since the queue began; only ever grows. */
  admittedTotal: number;
  /** Measured admissions per second, smoothed over about 10 s. */
  throughputPerSec: number;
  waiting: number;
  preQueued: number;
  active: number;
  maxActive: number;
  /** Configured pace: admissions per second at most. */
  admitRatePerSec: number;
  /** Epoch milliseconds. */
  opensAt: number;
  closesAt: number;
  /**
   * The phase of a buyer without a presale code: `pre` until the general sale of a sale
   * with a presale, else the same as `phase`. A buyer pre-queued in round `general` goes
   * by this and `generalOpensAt`; a code holder by `phase` and `opensAt`.
   */
  generalPhase: SalePhase;
  /** When the general sale opens, epoch milliseconds; `opensAt` when there is no presale. */
  generalOpensAt: number;
  /** Buyers without a code waiting in the general sale's own pre-queue. */
  generalPreQueued: number;
  /**
   * 0, or the first `seq` of a general round whose sale the organizer moved later after it
   * opened: every buyer at or behind it, code holders included, waits until
   * `generalOpensAt`; those ahead go on being admitted.
   */
  pausedFromSeq: number;
  /** Server time of the snapshot, epoch milliseconds. */
  at: number;
}

/** Where a buyer stands, as answered to join and status. */
export type QueueStanding =
  | {
      status: "waiting";
      performanceId: string;
      /** FIFO ticket number; never changes while the buyer stays in line. */
      seq: number;
      /** Exact place in line when answered, 1 = next. */
      position: number;
      /** True when the buyer was already in this queue (another tab, reload, reconnect). */
      rejoined: boolean;
      progress: QueueProgress;
    }
  | {
      status: "pre";
      performanceId: string;
      /**
       * Which pre-queue: the opening's (`opensAt`), or the general sale's after a presale
       * (`generalOpensAt`), for a buyer without a presale code. Each is shuffled into the
       * line once, at its own instant, with its own committed seed (docs/fairness.md).
       */
      round: PreQueueRound;
      rejoined: boolean;
      progress: QueueProgress;
    }
  | {
      status: "admitted";
      performanceId: string;
      /** Claim the working token (queue:claim) before this time or lose the slot. */
      claimBy: number;
      rejoined: boolean;
      progress: QueueProgress;
    }
  | {
      status: "active";
      performanceId: string;
      expiresAt: number;
      extendable: boolean;
      rejoined: boolean;
      progress: QueueProgress;
    };

/** The working token the booking pages and APIs require. */
export interface WorkingTokenGrant {
  performanceId: string;
  token: string;
  tokenId: string;
  expiresAt: number;
  extendable: boolean;
}

export interface LeaveResult {
  performanceId: string;
  left: "waiting" | "pre" | "active";
}

export interface AckError {
  code: QueueErrorCode;
  message: string;
}

/** Every acknowledgement is exactly one of these. */
export type Ack<T> = { data: T } | { error: AckError };

export interface AdmittedNotice {
  performanceId: string;
  claimBy: number;
}

export interface ReleasedNotice {
  performanceId: string;
  reason: ReleaseReason;
}

/** Events the browser sends; each takes an acknowledgement callback. */
export interface ClientEvents {
  "queue:join": (request: PerformanceRequest, ack: (reply: Ack<QueueStanding>) => void) => void;
  "queue:status": (request: PerformanceRequest, ack: (reply: Ack<QueueStanding>) => void) => void;
  "queue:claim": (
    request: PerformanceRequest,
    ack: (reply: Ack<WorkingTokenGrant>) => void,
  ) => void;
  "queue:extend": (
    request: PerformanceRequest,
    ack: (reply: Ack<WorkingTokenGrant>) => void,
  ) => void;
  "queue:leave": (request: PerformanceRequest, ack: (reply: Ack<LeaveResult>) => void) => void;
}

/** Events the server pushes. */
export interface ServerEvents {
  /** To every socket in a queue, once per tick when something changed (and as a keepalive). */
  "queue:progress": (progress: QueueProgress) => void;
  /** To every tab of the admitted buyer. */
  "queue:admitted": (notice: AdmittedNotice) => void;
  /** To every tab of a buyer whose working slot ended (expired, confirmed, left, revoked). */
  "queue:released": (notice: ReleasedNotice) => void;
}
