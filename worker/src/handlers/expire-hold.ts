import { holdExpired } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import { handleOnce } from "../handle-once";

/** Redis expiry notifications can arrive a little early relative to our clock. */
const CLOCK_SKEW_MS = 5_000;

/**
 * A hold lapsed: the PENDING reservation ends EXPIRED, and the database's triggers put
 * its seats back on sale. A reservation that was paid in the meantime is left alone.
 */
export function expireHoldHandler({
  prisma,
  logger,
}: {
  prisma: PrismaClient;
  logger: Logger;
}): Subscription {
  return subscribe(holdExpired, async (event) => {
    const { reservationId } = event.payload;
    const { applied } = await handleOnce(
      { prisma, consumer: "worker.expire-hold", eventId: event.id },
      async (tx) => {
        const now = new Date();
        const { count } = await tx.reservation.updateMany({
          where: {
            id: reservationId,
            status: "PENDING",
            holdExpiresAt: { lte: new Date(now.getTime() + CLOCK_SKEW_MS) },
          },
          data: {
            status: "EXPIRED",
            statusReason: "The hold lapsed before payment.",
            closedAt: now,
          },
        });
        logger.info({ reservationId, expired: count === 1 }, "hold expiry handled");
      },
    );
    if (!applied) logger.debug({ eventId: event.id }, "duplicate hold.expired skipped");
  });
}
