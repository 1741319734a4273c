import "server-only";
import { EMAIL_VERIFICATION_TTL_HOURS } from "@ticketping/common/accounts";
import {
  accountVerificationRequested,
  createEvent,
  outboxMessage,
} from "@ticketping/common/events";
import { writeOutbox, type TransactionClient } from "@ticketping/db";

/**
 * A new verification link for the user's address, inside the caller's transaction: the
 * email_verifications row that makes it single-use, and the event that has the worker mail
 * it. Nothing here signs the link; the worker does, as it writes the mail (see
 * worker/src/mail/mail-handlers.ts for why).
 *
 * Only the newest link works: the user's earlier unused ones end now (their rows expire, so
 * they answer VERIFICATION_LINK_EXPIRED, and the worker writes no mail for them any more). A
 * link lying in an old mail, a forwarded one or one in a stolen mailbox backup then proves
 * nothing once a newer was asked for. The user's row is locked first, so two requests at
 * once end in one live link, not two.
 */
export async function requestEmailVerification(
  tx: TransactionClient,
  { userId, email }: { userId: string; email: string },
): Promise<{ expiresAt: Date }> {
  const now = new Date();
  const expiresAt = new Date(now.getTime() + EMAIL_VERIFICATION_TTL_HOURS * 3_600_000);
  await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
  await tx.emailVerification.updateMany({
    where: { userId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
  const verification = await tx.emailVerification.create({
    data: { userId, email, expiresAt },
    select: { id: true },
  });
  const event = createEvent(accountVerificationRequested, {
    verificationId: verification.id,
    userId,
  });
  await writeOutbox(tx, [outboxMessage(accountVerificationRequested, event, { key: userId })]);
  return { expiresAt };
}
