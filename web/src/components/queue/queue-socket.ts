import { io, type Socket } from "socket.io-client";
import {
  presaleRefusals,
  type ClientEvents,
  type PresaleRefusal,
  type ServerEvents,
} from "@ticketping/common/queue/client";
import { ApiError } from "../api-client";
import type { PowProgress } from "../pow/fetch-pow-solution";
import { fetchQueueTicket } from "./fetch-queue-ticket";

export type QueueSocket = Socket<ServerEvents, ClientEvents>;

export type ConnectionState =
  | "connecting"
  | "connected"
  | "reconnecting"
  | "signed-out"
  /** The line wants a confirmed email address; retrying cannot help until it is. */
  | "email-unverified";

/** The acknowledgement a client event is answered with. */
export type AckOf<Event extends keyof ClientEvents> = Parameters<
  Parameters<ClientEvents[Event]>[1]
>[0];

const ACK_TIMEOUT_MS = 10_000;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 10_000;

/**
 * The session door's refusals that the ticket route explains better (signed out, an
 * unconfirmed address, a browser check to run first): the next attempt fetches a ticket,
 * whose answer drives the page (see fetchQueueTicket). UNAUTHENTICATED also covers a queue
 * service on another site, which the session cookie does not reach.
 */
const TICKET_DOOR_CODES = new Set(["UNAUTHENTICATED", "EMAIL_NOT_VERIFIED", "POW_REQUIRED"]);

/** A presale's refusals, at either door: only another code helps, so no retry. */
const PRESALE_CODES = new Set<string>(presaleRefusals);

/**
 * Opens the queue socket. It enters by the session door (the session cookie travels with
 * the handshake; no request to the web app) while that works; a refusal the ticket route
 * explains switches to tickets: every attempt after it, the first and each reconnect,
 * fetches a fresh one (tickets live a minute; a reconnect after a long drop would
 * otherwise be refused). socket.io retries dropped transports by itself; a refused
 * handshake or a server-side disconnect it does not, so those are retried here with the
 * same backoff. A buyer whose session ended is told so instead of retried forever.
 */
export function openQueueSocket({
  queueUrl,
  performanceId,
  onState,
  onPowProgress,
  presaleCode = () => undefined,
  onPresaleRefused,
  connectNow = true,
}: {
  queueUrl: string;
  /** The performance the socket acts on; its ticket opens that one only. */
  performanceId: string;
  onState: (state: ConnectionState) => void;
  /** The browser check a ticket may need first (see fetchQueueTicket); null when done. */
  onPowProgress?: (progress: PowProgress | null) => void;
  /** The buyer's presale code for the next entry, if any (both doors take it). */
  presaleCode?: () => string | undefined;
  /** A door refused the presale code (or its absence); the socket stays closed. */
  onPresaleRefused?: (code: PresaleRefusal, message: string) => void;
  /** False: the caller connects later (socket.connect()), e.g. when the buyer asks to. */
  connectNow?: boolean;
}): { socket: QueueSocket; close: () => void } {
  let ticketError: ApiError | null = null;
  let byTicket = false;
  let retries = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const socket: QueueSocket = io(queueUrl, {
    // With websocket only, several queue-service instances need no sticky sessions.
    transports: ["websocket"],
    autoConnect: false,
    reconnectionDelay: RETRY_BASE_MS,
    reconnectionDelayMax: RETRY_MAX_MS,
    auth: (send) => {
      const code = presaleCode();
      if (!byTicket) {
        send(code === undefined ? { performanceId } : { performanceId, presaleCode: code });
        return;
      }
      fetchQueueTicket(performanceId, { onPowProgress, presaleCode: code }).then(
        (ticket) => {
          ticketError = null;
          send({ ticket });
        },
        (error: unknown) => {
          ticketError = error instanceof ApiError ? error : null;
          // No ticket: the service refuses the handshake and connect_error follows.
          send({});
        },
      );
    },
  });

  const retryLater = (minimumMs = 0) => {
    if (closed || retryTimer) return;
    const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** retries);
    retries += 1;
    const delay = Math.max(minimumMs, backoff * (0.5 + Math.random() / 2));
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed) socket.connect();
    }, delay);
  };

  socket.on("connect", () => {
    retries = 0;
    onState("connected");
  });
  socket.on("connect_error", (error: Error & { data?: Record<string, unknown> }) => {
    const doorCode = error.data?.code;
    const presaleRefusal =
      typeof doorCode === "string" && PRESALE_CODES.has(doorCode)
        ? { code: doorCode as PresaleRefusal, message: error.message }
        : ticketError && PRESALE_CODES.has(ticketError.code)
          ? { code: ticketError.code as PresaleRefusal, message: ticketError.message }
          : ticketError?.code === "VALIDATION_FAILED" && ticketError.fieldErrors().presaleCode
            ? // A code no door accepts: retrying would only ask the same again, forever.
              {
                code: "PRESALE_CODE_INVALID" as const,
                message: ticketError.fieldErrors().presaleCode ?? "",
              }
            : null;
    if (presaleRefusal) {
      onPresaleRefused?.(presaleRefusal.code, presaleRefusal.message);
      return;
    }
    if (!byTicket && typeof doorCode === "string" && TICKET_DOOR_CODES.has(doorCode)) {
      byTicket = true;
      socket.connect();
      return;
    }
    if (ticketError?.code === "UNAUTHENTICATED") {
      onState("signed-out");
      return;
    }
    if (ticketError?.code === "EMAIL_NOT_VERIFIED") {
      onState("email-unverified");
      return;
    }
    onState("reconnecting");
    // Still active: a transport failure socket.io retries itself. Otherwise the service
    // refused the handshake (no or stale ticket) and only a new attempt helps.
    if (!socket.active) {
      const limited = ticketError?.code === "RATE_LIMITED" || doorCode === "RATE_LIMITED";
      const retryAfter = Number(
        ticketError?.details?.retryAfterSeconds ?? error.data?.retryAfterSeconds,
      );
      retryLater(limited && retryAfter > 0 ? retryAfter * 1000 : 0);
    }
  });
  socket.on("disconnect", (reason) => {
    // Our own disconnect (leaving, or closing the page) is not a lost connection.
    if (closed || reason === "io client disconnect") return;
    onState("reconnecting");
    if (reason === "io server disconnect") retryLater();
  });

  if (connectNow) {
    onState("connecting");
    socket.connect();
  }
  return {
    socket,
    close: () => {
      closed = true;
      clearTimeout(retryTimer);
      socket.disconnect();
    },
  };
}

/**
 * One client event with the performance it is about, answered by its acknowledgement;
 * rejects when no answer comes in time (the connection is then likely gone).
 */
export function ask<Event extends keyof ClientEvents>(
  socket: QueueSocket,
  event: Event,
  performanceId: string,
): Promise<AckOf<Event>> {
  return new Promise((resolve, reject) => {
    // The typed emit cannot follow a generic event name; the event map still types the
    // answer this function returns.
    (socket as unknown as Socket)
      .timeout(ACK_TIMEOUT_MS)
      .emit(event, { performanceId }, (error: Error | null, reply: AckOf<Event>) => {
        if (error) reject(error);
        else resolve(reply);
      });
  });
}
