import { createEvent, holdExpired } from "@ticketping/common/events";
import { parseHoldKey, readHoldSeats } from "@ticketping/common/seats";
import type { EventPublisher } from "@ticketping/common/kafka";
import type { Logger } from "@ticketping/common/logger";
import type { ExpiredKeySource, RedisClient } from "@ticketping/common/redis";
import type { PrismaClient } from "@ticketping/db";
import { holdExpiryEventId } from "@ticketping/db/lifecycle";

export interface HoldExpiryListenerOptions {
  /** Expired-key notifications (on a Redis Cluster, from every master). */
  expiredKeys: ExpiredKeySource;
  /** For reading a hold's seat list. */
  redis: RedisClient;
  prisma: PrismaClient;
  publisher: EventPublisher;
  logger: Logger;
  /** SEAT_KEY_PREFIX: only this namespace's holds are this worker's. */
  keyPrefix: string;
}

export interface RunningHoldExpiryListener {
  stop: () => Promise<void>;
}

/**
 * Turns Redis's expired-key notifications for this prefix's `hold:` keys into hold.expired events.
 * Every worker replica hears every notification and publishes under the same derived
 * event id, so the consumer applies each expiry once. Notifications are fire-and-forget:
 * one missed while no worker listened, or whose publish failed (Kafka down), is caught
 * by the sweeper.
 */
export async function startHoldExpiryListener({
  expiredKeys,
  redis,
  prisma,
  publisher,
  logger,
  keyPrefix,
}: HoldExpiryListenerOptions): Promise<RunningHoldExpiryListener> {
  const log = logger.child({ component: "hold-expiry-listener" });
  const inFlight = new Set<Promise<void>>();

  const publish = async (scheduleId: string, reservationId: string) => {
    let seatIds = await readHoldSeats(redis, { keyPrefix, scheduleId, reservationId });
    if (seatIds.length === 0) {
      const rows = await prisma.reservationSeat.findMany({
        where: { reservationId },
        select: { seatId: true },
      });
      seatIds = rows.map((row) => row.seatId);
    }
    // A hold whose reservation was never written (the request failed) has nothing to end.
    if (seatIds.length === 0) return;
    const event = createEvent(
      holdExpired,
      { reservationId, scheduleId, seatIds: seatIds.sort() },
      { id: holdExpiryEventId(reservationId) },
    );
    await publisher.connect();
    await publisher.publish(holdExpired, event, { key: reservationId });
  };

  const onExpired = (key: string) => {
    const hold = parseHoldKey(keyPrefix, key);
    if (!hold) return;
    const task = publish(hold.scheduleId, hold.reservationId)
      .catch((error: unknown) => {
        log.warn({ err: error, ...hold }, "could not publish a hold expiry; the sweeper will");
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  const listener = expiredKeys(onExpired);
  try {
    await listener.ready;
  } catch (error) {
    await listener.stop();
    throw error;
  }
  log.info("listening for hold expiries");

  return {
    stop: async () => {
      await listener.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
