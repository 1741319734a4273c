import { gauge, type Registry } from "@ticketping/common/metrics";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";

interface OutboxBacklog {
  pending: number;
  oldestPendingSeconds: number;
}

/**
 * The outbox's backlog at scrape time, as two gauges:
 * - ticketping_outbox_pending_events: events written (a payment recorded, a hold ended)
 *   but not yet published to Kafka. While Kafka is away the consumer lag cannot be read at
 *   all, and this is what grows instead: payments waiting to be applied.
 * - ticketping_outbox_oldest_pending_seconds: how long the oldest of them has waited (0
 *   when none). A busy sale's outbox is rarely empty at a scrape, but the relay publishes
 *   within a poll (100 ms), so its oldest event stays seconds young; only an outbox nothing
 *   drains keeps ageing. That is what the alert watches.
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
  /** A database that does not answer leaves the gauges unknown rather than stalling the scrape. */
  timeoutMs?: number;
}): void {
  // A scrape collects both gauges at once: they share the query in flight, and the next
  // scrape reads afresh (kept any longer, a reading would hide an event written since).
  let reading: Promise<OutboxBacklog | undefined> | undefined;
  const readOnce = (): Promise<OutboxBacklog | undefined> => {
    reading ??= readOutboxBacklog(prisma, timeoutMs)
      .catch((error: unknown) => {
        logger.warn({ err: error }, "reading the outbox backlog failed");
        return undefined;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };

  gauge(registry, {
    name: "ticketping_outbox_pending_events",
    help: "Outbox events not yet published to Kafka",
    async collect() {
      // Unknown, not 0: NaN matches no alert threshold and shows as a gap.
      this.set((await readOnce())?.pending ?? Number.NaN);
    },
  });
  gauge(registry, {
    name: "ticketping_outbox_oldest_pending_seconds",
    help: "Age of the oldest outbox event not yet published to Kafka (0 when none waits)",
    async collect() {
      this.set((await readOnce())?.oldestPendingSeconds ?? Number.NaN);
    },
  });
}

async function readOutboxBacklog(prisma: PrismaClient, timeoutMs: number): Promise<OutboxBacklog> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer from the database in ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    // The (published_at, created_at) index answers both without reading the table.
    const [row] = await Promise.race([
      prisma.$queryRaw<{ pending: bigint; oldest_seconds: number | null }[]>`
        SELECT count(*) AS pending,
               EXTRACT(EPOCH FROM clock_timestamp() - min(created_at))::float8 AS oldest_seconds
          FROM outbox_events
         WHERE published_at IS NULL`,
      timeout,
    ]);
    return {
      pending: Number(row?.pending ?? 0),
      oldestPendingSeconds: Math.max(0, row?.oldest_seconds ?? 0),
    };
  } finally {
    clearTimeout(timer);
  }
}
