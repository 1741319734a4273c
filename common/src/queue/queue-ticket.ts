import { z } from "zod";
import { AppError } from "../errors";
import { signHs256, verifyHs256 } from "./hs256";
import { userIdSchema } from "./ids";

const TICKET_ISSUER = "ticketping-web";
const TICKET_AUDIENCE = "ticketping-queue";

/** Long enough to open a socket, short enough that a leaked ticket is soon worthless. */
export const DEFAULT_QUEUE_TICKET_TTL_SECONDS = 60;

/**
 * Signed by the web app for a signed-in user (QUEUE_TICKET_SECRET) and passed as
 * `auth: { ticket }` when the browser opens the queue socket: the queue service then knows
 * who is connecting without sharing the web app's session store.
 */
export async function signQueueTicket(options: {
  secret: string;
  userId: string;
  ttlSeconds?: number;
}): Promise<string> {
  const ttl = options.ttlSeconds ?? DEFAULT_QUEUE_TICKET_TTL_SECONDS;
  return signHs256({
    secret: options.secret,
    issuer: TICKET_ISSUER,
    audience: TICKET_AUDIENCE,
    subject: userIdSchema.parse(options.userId),
    expiresAt: Math.floor(Date.now() / 1000) + ttl,
  });
}

const ticketClaimsSchema = z.object({ sub: userIdSchema });

/** Throws AppError UNAUTHENTICATED for a missing, forged, expired or foreign ticket. */
export async function verifyQueueTicket(options: {
  secret: string;
  ticket: string;
}): Promise<{ userId: string }> {
  try {
    const payload = await verifyHs256({
      token: options.ticket,
      secret: options.secret,
      issuer: TICKET_ISSUER,
      audience: TICKET_AUDIENCE,
    });
    return { userId: ticketClaimsSchema.parse(payload).sub };
  } catch (error) {
    throw new AppError("UNAUTHENTICATED", "invalid queue ticket", { cause: error });
  }
}
