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
 */
export async function requestEmailVerification(
  tx: TransactionClient,
  { userId, email }: { userId: string; email: string },
): Promise<{ expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + EMAIL_VERIFICATION_TTL_HOURS * 3_600_000);
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
