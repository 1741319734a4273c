import type { Prisma, PrismaClient } from "@ticketping/db";

export interface HandleOnceOptions {
  prisma: PrismaClient;
  /** Names the effect, so two different consumers of one event each run once. */
  consumer: string;
  eventId: string;
}

/**
 * Runs an event's effects at most once, however often Kafka delivers it: the
 * processed-event row and the effects commit together or not at all. A concurrent
 * duplicate blocks on the row's key until the first commits, then does nothing.
 */
export async function handleOnce(
  { prisma, consumer, eventId }: HandleOnceOptions,
  effect: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<{ applied: boolean }> {
  return prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO processed_events (consumer, event_id) VALUES (${consumer}, ${eventId})
      ON CONFLICT DO NOTHING`;
    if (inserted === 0) return { applied: false };
    await effect(tx);
    return { applied: true };
  });
}
