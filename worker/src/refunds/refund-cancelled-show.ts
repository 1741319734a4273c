import { createEvent, outboxMessage, showCancelled } from "@ticketping/common/events";
import { paymentReasons, requestOrganizerRefund } from "@ticketping/db/lifecycle";
import { writeOutbox } from "@ticketping/db";
import type { HandlerDeps } from "../handlers/deps";

export interface CancelledShowProgress {
  /** Orders asked to be refunded in this call. */
  requested: number;
  /** Confirmed orders of the show after this call's batch, still waiting. */
  remaining: number;
  /** The last order this call tried: the next batch starts after it. */
  last?: string;
}

/**
 * Asks for the refund of up to `limit` confirmed orders of a cancelled show (those after
 * `after`, in id order), each in its own transaction through the organizer's refund
 * (requestOrganizerRefund: the whole order, seats kept off sale, cause SHOW_CANCELLED), so
 * the refunds, the tickets' end and the buyers' mails follow the one refund path. State
 * decides, not the event: an order refunded before (a crash half-way, a redelivery) is no
 * longer CONFIRMED and is skipped, so however often this runs, each order is refunded once.
 * An order that fails or cannot be refunded (no payment) is logged and passed over, so it
 * never holds up the show's other orders; the worker's sweep (finishCancelledShows) tries
 * it again. Bounded per call, because a Kafka handler must come back within the group's
 * session timeout.
 */
export async function refundCancelledShow(
  deps: Pick<HandlerDeps, "prisma" | "logger">,
  { scheduleId, after, limit = 100 }: { scheduleId: string; after?: string; limit?: number },
): Promise<CancelledShowProgress> {
  const { prisma, logger } = deps;
  const schedule = await prisma.schedule.findUnique({
    where: { id: scheduleId },
    select: { cancelledAt: true, cancelReason: true },
  });
  if (!schedule?.cancelledAt) return { requested: 0, remaining: 0 };
  const reason = schedule.cancelReason ?? paymentReasons.showCancelled;

  const orders = await prisma.reservation.findMany({
    where: { scheduleId, status: "CONFIRMED", ...(after ? { id: { gt: after } } : {}) },
    select: { id: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  let requested = 0;
  for (const order of orders) {
    try {
      const result = await prisma.$transaction((tx) =>
        requestOrganizerRefund(tx, {
          reservationId: order.id,
          releaseSeats: false,
          cause: "SHOW_CANCELLED",
          reason,
        }),
      );
      if (result.outcome === "requested") requested++;
      else
        logger.warn(
          { scheduleId, reservationId: order.id, result },
          "order of a cancelled show not refunded",
        );
    } catch (error) {
      logger.error(
        { err: error, scheduleId, reservationId: order.id },
        "order of a cancelled show failed to refund; left for the sweep",
      );
    }
  }
  const last = orders.at(-1)?.id;
  if (!last) return { requested, remaining: 0 };
  const remaining = await prisma.reservation.count({
    where: { scheduleId, status: "CONFIRMED", id: { gt: last } },
  });
  return { requested, remaining, last };
}

/** Hands the rest of a cancelled show's orders (those after `after`) to the next delivery. */
export async function continueCancelledShow(
  { prisma }: Pick<HandlerDeps, "prisma">,
  {
    scheduleId,
    performanceId,
    after,
  }: { scheduleId: string; performanceId: string; after: string },
): Promise<void> {
  const event = createEvent(showCancelled, { scheduleId, performanceId, after });
  await prisma.$transaction((tx) =>
    writeOutbox(tx, [outboxMessage(showCancelled, event, { key: scheduleId })]),
  );
}
