import type { ExtendedError } from "socket.io";
import { z } from "zod";
import {
  handshakeAuthSchema,
  performanceIdSchema,
  verifyQueueTicket,
} from "@ticketping/common/queue";
import type { Logger } from "@ticketping/common/logger";
import type { RedisClient } from "@ticketping/common/redis";
import { enterWithSession, type SessionDoor } from "../door/enter-with-session";
import { claimTicketUse } from "./claim-ticket-use";
import { connectError } from "./connect-error";
import type { QueueSocket } from "./types";

/** The session door's handshake whatever its code says (the code is checked on its own). */
const codeEntrySchema = z
  .object({ performanceId: performanceIdSchema, presaleCode: z.unknown() })
  .strict()
  .refine((auth) => auth.presaleCode !== undefined);

/**
 * io.use middleware: no valid, unused ticket (or a session passing every check the ticket
 * route makes: see enterWithSession), no socket. Puts the user into socket.data. A ticket
 * opens one socket only, so one leaked or scripted ticket cannot open dozens.
 */
export function authenticateHandshake(options: {
  ticketSecret: string;
  redis: RedisClient;
  keyPrefix: string;
  logger: Logger;
  /** Off (tickets only) when the service was not given the web app's session secret. */
  sessionDoor: SessionDoor | undefined;
}) {
  const authenticate = async (socket: QueueSocket): Promise<ExtendedError | undefined> => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) {
      // A mistyped code is the buyer's to fix: UNAUTHENTICATED would send the page to the
      // ticket route, which refuses the same code as a validation error, and round again.
      const mistyped = codeEntrySchema.safeParse(socket.handshake.auth).success;
      return connectError(mistyped ? "PRESALE_CODE_INVALID" : "UNAUTHENTICATED");
    }
    if ("performanceId" in auth.data) {
      if (!options.sessionDoor) return connectError("UNAUTHENTICATED");
      const { performanceId, presaleCode } = auth.data;
      const entry = await enterWithSession(options.sessionDoor, {
        cookieHeader: socket.handshake.headers.cookie,
        performanceId,
        presaleCode,
      });
      if (!entry.ok) return connectError(entry.code, entry.extra);
      socket.data.userId = entry.userId;
      socket.data.presaleCodeId = entry.presaleCodeId;
      socket.data.ticketPerformanceId = performanceId;
      socket.data.performances = new Set();
      return undefined;
    }
    let ticket;
    try {
      ticket = await verifyQueueTicket({ secret: options.ticketSecret, ticket: auth.data.ticket });
    } catch {
      return connectError("UNAUTHENTICATED");
    }
    let firstUse;
    try {
      firstUse = await claimTicketUse({
        redis: options.redis,
        keyPrefix: options.keyPrefix,
        ticket,
      });
    } catch (error) {
      options.logger.warn({ err: error }, "recording a ticket's use failed");
      return connectError("SERVICE_UNAVAILABLE");
    }
    if (!firstUse) return connectError("TICKET_ALREADY_USED");
    socket.data.userId = ticket.userId;
    socket.data.presaleCodeId = ticket.presaleCodeId;
    socket.data.ticketPerformanceId = ticket.performanceId;
    socket.data.performances = new Set();
    return undefined;
  };
  return (socket: QueueSocket, next: (error?: ExtendedError) => void): void => {
    authenticate(socket).then(next, (error: unknown) => {
      options.logger.error({ err: error }, "authenticating a handshake failed");
      next(connectError("SERVICE_UNAVAILABLE"));
    });
  };
}
