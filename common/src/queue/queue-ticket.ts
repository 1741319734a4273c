import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError } from "../errors";
import { signHs256, verifyHs256Claims } from "./hs256";
import { performanceIdSchema, userIdSchema } from "./ids";

const TICKET_ISSUER = "ticketping-web";
const TICKET_AUDIENCE = "ticketping-queue";

/** Long enough to open a socket, short enough that a leaked ticket is soon worthless. */
export const DEFAULT_QUEUE_TICKET_TTL_SECONDS = 60;

/**
 * Signed by the web app for a signed-in user (QUEUE_TICKET_SECRET) and passed as
 * `auth: { ticket }` when the browser opens the queue socket: the queue service then knows
 * who is connecting without sharing the web app's session store. Each ticket has an id of
 * its own (jti): the queue service accepts it for one handshake only.
 *
 * The web app names the performance the ticket is for (claim `pid`), and the socket it
 * opens may then act on that performance only: the web app checks per performance what
 * entering its line costs (its proof of work), so a ticket for one must not open another.
 * A ticket without one (tests and tools holding the secret) may act on any.
 */
export async function signQueueTicket(options: {
  secret: string;
  userId: string;
  performanceId?: string;
  /** The presale code the web app checked for this entry (claim `pcd`): the claim spends it. */
  presaleCodeId?: string;
  ttlSeconds?: number;
}): Promise<string> {
  const ttl = options.ttlSeconds ?? DEFAULT_QUEUE_TICKET_TTL_SECONDS;
  return signHs256({
    secret: options.secret,
    issuer: TICKET_ISSUER,
    audience: TICKET_AUDIENCE,
    subject: userIdSchema.parse(options.userId),
    expiresAt: Math.floor(Date.now() / 1000) + ttl,
    tokenId: randomUUID(),
    claims: {
      ...(options.performanceId === undefined
        ? {}
        : { pid: performanceIdSchema.parse(options.performanceId) }),
      ...(options.presaleCodeId === undefined
        ? {}
        : { pcd: z.uuid().parse(options.presaleCodeId) }),
    },
  });
}

const ticketClaimsSchema = z.object({
  sub: userIdSchema,
  jti: z.string().min(1).max(64),
  exp: z.number().int(),
  pid: performanceIdSchema.optional(),
  pcd: z.uuid().optional(),
});

export interface VerifiedQueueTicket {
  userId: string;
  /** Unique per ticket: what a single-use check remembers. */
  ticketId: string;
  /** Epoch seconds; remembering a used ticket any longer is pointless. */
  expiresAt: number;
  /** The one performance the socket may act on; undefined: any. */
  performanceId: string | undefined;
  /** The presale code checked at the ticket route; undefined: none was needed. */
  presaleCodeId: string | undefined;
}

/**
 * Throws AppError UNAUTHENTICATED for a missing, forged, expired or foreign ticket, and
 * for one without an id (which could not be held to a single use).
 */
export async function verifyQueueTicket(options: {
  secret: string;
  ticket: string;
}): Promise<VerifiedQueueTicket> {
  const claims = await verifyHs256Claims({
    token: options.ticket,
    secret: options.secret,
    issuer: TICKET_ISSUER,
    audience: TICKET_AUDIENCE,
    claims: ticketClaimsSchema,
    invalid: (cause) => new AppError("UNAUTHENTICATED", "invalid queue ticket", { cause }),
  });
  return {
    userId: claims.sub,
    ticketId: claims.jti,
    expiresAt: claims.exp,
    performanceId: claims.pid,
    presaleCodeId: claims.pcd,
  };
}
