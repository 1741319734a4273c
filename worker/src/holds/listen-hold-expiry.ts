import { createEvent, holdExpired } from "@ticketping/common/events";
import { expiredKeyChannel, parseHoldKey, readHoldSeats } from "@ticketping/common/seats";
import type { EventPublisher } from "@ticketping/common/kafka";
import type { Logger } from "@ticketping/common/logger";
import type { Redis } from "@ticketping/common/redis";
import type { PrismaClient } from "@ticketping/db";
import { holdExpiryEventId } from "@ticketping/db/lifecycle";

export interface HoldExpiryListenerOptions {
  /** A subscriber connection (it can run nothing else). */
  subscriber: Redis;
  /** For reading a hold's seat list. */
  redis: Redis;
  prisma: PrismaClient;
  publisher: EventPublisher;
  logger: Logger;
  /** The Redis database the holds live in (its expired-key channel). */
  database: number;
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
  subscriber,
  redis,
  prisma,
  publisher,
  logger,
  database,
  keyPrefix,
}: HoldExpiryListenerOptions): Promise<RunningHoldExpiryListener> {
  const log = logger.child({ component: "hold-expiry-listener" });
  const channel = expiredKeyChannel(database);
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

  const onMessage = (messageChannel: string, key: string) => {
    if (messageChannel !== channel) return;
    const hold = parseHoldKey(keyPrefix, key);
    if (!hold) return;
    const task = publish(hold.scheduleId, hold.reservationId)
      .catch((error: unknown) => {
        log.warn({ err: error, ...hold }, "could not publish a hold expiry; the sweeper will");
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  };

  subscriber.on("message", onMessage);
  await subscriber.subscribe(channel);
  log.info({ channel }, "listening for hold expiries");

  return {
    stop: async () => {
      await subscriber.unsubscribe(channel).catch(() => undefined);
      subscriber.off("message", onMessage);
      await Promise.allSettled([...inFlight]);
    },
  };
}
