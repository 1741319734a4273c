import { EMAIL_VERIFICATION_TTL_HOURS } from "@ticketping/common/accounts";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";

export interface RowPrunerOptions {
  prisma: PrismaClient;
  logger: Logger;
  /** Time between passes; the first runs at start-up. */
  intervalMs?: number;
  /** Rows deleted per table and pass, so one pass never holds locks for long. */
  batchSize?: number;
}

export interface PrunedRows {
  outbox: number;
  processed: number;
  mail: number;
  verifications: number;
}

export interface RunningRowPruner {
  /** One pass now; resolves with the rows deleted. */
  prune: () => Promise<PrunedRows>;
  stop: () => Promise<void>;
}

/**
 * Deletes rows past their use: outbox events published a week ago, processed-event
 * records and sent mails (the idempotency keys) older than a redelivery can come, and email
 * verifications whose link has expired. The tables only grow otherwise. DEAD mails stay
 * until an operator sends or deletes them. Safe in every replica at once: each pass
 * deletes a bounded batch.
 */
export function startRowPruner({
  prisma,
  logger,
  intervalMs = 3_600_000,
  batchSize = 10_000,
}: RowPrunerOptions): RunningRowPruner {
  const log = logger.child({ component: "row-pruner" });
  let current: Promise<PrunedRows> | undefined;

  const pruneOnce = async () => {
    const outbox = await prisma.$executeRaw`
      DELETE FROM outbox_events WHERE id IN (
        SELECT id FROM outbox_events
         WHERE published_at < now() - interval '7 days' LIMIT ${batchSize})`;
    // Longer than Kafka's retention and the provider's webhook retries (Stripe: 3 days):
    // the worker's group replays from the oldest message it never committed, and a
    // payment.completed replayed after its row was pruned would be refunded as a duplicate.
    const processed = await prisma.$executeRaw`
      DELETE FROM processed_events WHERE (consumer, event_id) IN (
        SELECT consumer, event_id FROM processed_events
         WHERE processed_at < now() - interval '30 days' LIMIT ${batchSize})`;
    // Past the same window, and a redelivered event that old sends no mail anyway
    // (MAIL_MAX_EVENT_AGE_HOURS).
    const mail = await prisma.$executeRaw`
      DELETE FROM mail_messages WHERE id IN (
        SELECT id FROM mail_messages
         WHERE status = 'SENT' AND sent_at < now() - interval '30 days' LIMIT ${batchSize})`;
    // Used, superseded by a newer link, or never clicked: once the link's own signed expiry
    // (creation + the TTL; an hour more for clocks) has passed, the token alone answers
    // VERIFICATION_LINK_EXPIRED and the row has nothing left to say. Until then it keeps
    // answering USED or EXPIRED (superseded) rather than "no such verification".
    const verifications = await prisma.$executeRaw`
      DELETE FROM email_verifications WHERE id IN (
        SELECT id FROM email_verifications
         WHERE created_at < now() - make_interval(hours => ${EMAIL_VERIFICATION_TTL_HOURS + 1})
         LIMIT ${batchSize})`;
    const pruned = { outbox, processed, mail, verifications };
    if (outbox + processed + mail + verifications > 0) log.info(pruned, "pruned old rows");
    return pruned;
  };

  const prune = () => {
    current ??= pruneOnce().finally(() => {
      current = undefined;
    });
    return current;
  };

  const pruneLogged = () => {
    prune().catch((error: unknown) => {
      log.warn({ err: error }, "pruning failed; retrying next interval");
    });
  };
  const timer = setInterval(pruneLogged, intervalMs);
  pruneLogged();

  return {
    prune,
    stop: async () => {
      clearInterval(timer);
      await current?.catch(() => undefined);
    },
  };
}
