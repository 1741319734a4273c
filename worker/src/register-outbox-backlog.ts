import { gauge, type Registry } from "@ticketping/common/metrics";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";

/**
 * ticketping_outbox_pending_events: events written (a payment recorded, a hold ended) but
 * not yet published to Kafka, counted at scrape time. While Kafka is away the consumer
 * lag cannot be read at all, and this is what grows instead: payments waiting to be
 * applied. Healthy, the relay empties it within a poll (100 ms).
 */
export function registerOutboxBacklog({
  registry,
  prisma,
  logger,
  timeoutMs = 2_000,
}: {
  registry: Registry;
  prisma: PrismaClient;
  logger: Logger;
  /** A database that does not answer leaves the gauge unknown rather than stalling the scrape. */
  timeoutMs?: number;
}): void {
  gauge(registry, {
    name: "ticketping_outbox_pending_events",
    help: "Outbox events not yet published to Kafka",
    async collect() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no answer from the database in ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        // The (published_at, created_at) index answers this without reading the table.
        const [row] = await Promise.race([
          prisma.$queryRaw<{ pending: bigint }[]>`
            SELECT count(*) AS pending FROM outbox_events WHERE published_at IS NULL`,
          timeout,
        ]);
        this.set(Number(row?.pending ?? 0));
      } catch (error) {
        logger.warn({ err: error }, "counting the outbox backlog failed");
        // Unknown, not 0: NaN matches no alert threshold and shows as a gap.
        this.set(Number.NaN);
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
