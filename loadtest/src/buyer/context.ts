import type { QueueStanding } from "@ticketping/common/queue";
import type { WebApi } from "../clients/web-api";
import type { Recorder } from "../metrics/recorder";
import type { Random } from "../random";

/** What every buyer of one run shares. */
export interface BuyerContext {
  web: WebApi;
  recorder: Recorder;
  random: Random;
  performanceId: string;
  scheduleId: string;
  holdTtlMs: number;
  /** Socket acknowledgements slower than this count as TIMEOUT. */
  ackTimeoutMs: number;
  /** Aborted when the run's time limit is reached. */
  signal: AbortSignal;
  /** Asked once per admitted buyer: does this one let its hold lapse? */
  decideLapse: () => boolean;
  /** Every progress broadcast a buyer receives carries the working set's size. */
  observeWorkingSet: (active: number) => void;
  /** How hard a buyer keeps trying while faults drop sockets (default: three fresh sockets). */
  persistence?: BuyerPersistence;
  /** Told every answer about a waiting buyer's place, for the check that none got worse. */
  places?: PlaceObserver;
  /** Each "checkpoint" event makes every waiting buyer ask its exact place (queue:status). */
  checkpoints?: EventTarget;
  /** Time on the payment page before paying, [min, max] ms (none by default). */
  payDelayMs?: readonly [number, number];
  /**
   * How a buyer opens the queue socket: with the session cookie at the queue service's
   * session door (no ticket request), or with a ticket from the web app (the default).
   */
  door?: { kind: "session"; queueUrl: string } | { kind: "ticket" };
  /** The loopback address the buyers' sockets connect from (their client process's own). */
  localAddress?: string;
}

export interface BuyerPersistence {
  /** Fresh connections (ticket, socket, join) after the first, at most. */
  maxReconnects: number;
  /** Wait before each of them, so a crowd does not hammer a service coming back. */
  retryDelayMs: number;
  /** Codes of a failed ticket, connect or join that mean "try again", not "give up". */
  retryableCodes: ReadonlySet<string>;
}

export interface PlaceObserver {
  /** An answer about the buyer's place: its first join, a join again, or a status check. */
  standing(userId: string, standing: QueueStanding, how: "join" | "rejoin" | "status"): void;
  /** A status check said the buyer is not in the line, though it never left. */
  missing(userId: string, code: string): void;
  /** The socket dropped while the buyer waited; it comes back with a fresh one. */
  dropped(userId: string): void;
  /** The buyer left the line itself (or closed the tab): whatever happens next is its doing. */
  left(userId: string): void;
}

export interface BuyerIdentity {
  userId: string;
  /** The next-auth session cookie. */
  cookie: string;
}

export type BuyerOutcome =
  | "purchased"
  | "lapsed"
  | "abandoned"
  | "sold-out"
  | "line-full"
  | "gave-up"
  | "payment-failed"
  | "error"
  | "timed-out";

export const buyerOutcomes: Record<BuyerOutcome, string> = {
  purchased: "paid, and saw the reservation CONFIRMED",
  lapsed: "held seats, opened the payment page, never paid; saw the hold EXPIRED",
  abandoned: "gave up while waiting (left the line or closed the tab)",
  "sold-out": "refused SOLD_OUT, saw the sale sold out while waiting, or found no seat left",
  "line-full": "refused at once: the line was already longer than the seats (LINE_FULL)",
  "gave-up": "admitted, but every seat tried was taken (or none came free in time)",
  "payment-failed": "paid, but the reservation ended otherwise (code says how)",
  error: "a step failed (code says which)",
  "timed-out": "still busy when the time limit stopped the run",
};

export interface BuyerResult {
  userId: string;
  outcome: BuyerOutcome;
  /** The error code behind `error`, or the final status behind `payment-failed`. */
  code?: string;
  /** The step that failed, for `error`. */
  failedStep?: string;
  admitted: boolean;
  /** The hold this buyer made, if any. */
  reservationId?: string;
  seatIds?: string[];
  /** The payment page took the payment (the webhook was recorded). */
  paid: boolean;
  /** When the payment page took it, ms since the run started. */
  paidAtMs?: number;
  /** The buyer let this hold lapse on purpose. */
  lapsed: boolean;
  /** The final status the buyer saw for its reservation. */
  seenStatus?: string;
}
