import type { PrismaClient } from "@ticketping/db";
import type { MailTemplateName, RenderedMail } from "./templates";

/** A mail an event caused: (eventId, recipient, template) names it once. */
export interface QueuedMail extends RenderedMail {
  eventId: string;
  recipient: string;
  template: MailTemplateName;
  /** A reservation whose tickets go with the mail (attached when it is sent). */
  ticketsOf?: string;
}

export interface DueMail {
  id: string;
  recipient: string;
  subject: string;
  html: string;
  text: string;
  /** Attempts so far, this one included. */
  attempts: number;
  ticketsOf: string | null;
}

/**
 * Records mails to send; one already recorded under the same (event, recipient, template)
 * is left as it is, sent or not: a redelivered event adds nothing. Returns how many are new.
 */
export async function enqueueMails(
  prisma: PrismaClient,
  mails: readonly QueuedMail[],
): Promise<number> {
  if (mails.length === 0) return 0;
  const { count } = await prisma.mailMessage.createMany({
    data: mails.map((mail) => ({ ...mail, recipient: mail.recipient.toLowerCase() })),
    skipDuplicates: true,
  });
  return count;
}

/**
 * Takes up to `limit` mails whose time has come and counts the attempt. A taken mail is
 * not due again until `leaseMs` has passed, so replicas never send one at the same time,
 * and a sender that died mid-send leaves it to be retried after the lease (SKIP LOCKED
 * keeps concurrent claims from waiting on each other).
 */
export async function claimDueMails(
  prisma: PrismaClient,
  { limit, leaseMs }: { limit: number; leaseMs: number },
): Promise<DueMail[]> {
  return prisma.$queryRaw<DueMail[]>`
    UPDATE mail_messages m
       SET attempts = m.attempts + 1,
           next_attempt_at = now() + ${leaseMs} * interval '1 millisecond'
     WHERE m.id IN (
       SELECT id FROM mail_messages
        WHERE status = 'PENDING' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING m.id, m.recipient, m.subject, m.html, m.text, m.attempts,
              m.tickets_of AS "ticketsOf"`;
}

export async function markMailSent(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.mailMessage.update({
    where: { id },
    data: { status: "SENT", sentAt: new Date(), lastError: null },
  });
}

/** A failed attempt: tried again at `retryAt`, or DEAD when `giveUp`. */
export async function markMailFailed(
  prisma: PrismaClient,
  { id, error, retryAt, giveUp }: { id: string; error: string; retryAt: Date; giveUp: boolean },
): Promise<void> {
  await prisma.mailMessage.update({
    where: { id },
    data: {
      status: giveUp ? "DEAD" : "PENDING",
      nextAttemptAt: retryAt,
      lastError: error.slice(0, 1_000),
    },
  });
}
