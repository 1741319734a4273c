import { createEvent, outboxMessage, showCancelled } from "@ticketping/common/events";
import { paymentReasons, requestOrganizerRefund } from "@ticketping/db/lifecycle";
import { writeOutbox } from "@ticketping/db";
import type { HandlerDeps } from "../handlers/deps";

export interface CancelledShowProgress {
  /** Orders asked to be refunded in this call. */
  requested: number;
  /** Confirmed orders of the show still waiting after this call. */
  remaining: number;
}

/**
 * Asks for the refund of up to `limit` confirmed orders of a cancelled show, each in its own
 * transaction through the organizer's refund (requestOrganizerRefund: the whole order,
 * seats kept off sale, cause SHOW_CANCELLED), so the refunds, the tickets' end and the
 * buyers' mails follow the one refund path. State decides, not the event: an order
 * refunded before (a crash half-way, a redelivery) is no longer CONFIRMED and is skipped,
 * so however often this runs, each order is refunded once. Bounded per call, because a
 * Kafka handler must come back within the group's session timeout.
 */
export async function refundCancelledShow(
  deps: Pick<HandlerDeps, "prisma" | "logger">,
  { scheduleId, limit = 100 }: { scheduleId: string; limit?: number },
): Promise<CancelledShowProgress> {
  const { prisma, logger } = deps;
  const schedule = await prisma.schedule.findUnique({
    where: { id: scheduleId },
    select: { cancelledAt: true, cancelReason: true },
  });
  if (!schedule?.cancelledAt) return { requested: 0, remaining: 0 };
  const reason = schedule.cancelReason ?? paymentReasons.showCancelled;

  const orders = await prisma.reservation.findMany({
    where: { scheduleId, status: "CONFIRMED" },
    select: { id: true },
    orderBy: { id: "asc" },
    take: limit,
  });
  let requested = 0;
  for (const order of orders) {
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
  }
  const remaining = await prisma.reservation.count({ where: { scheduleId, status: "CONFIRMED" } });
  return { requested, remaining: requested === 0 ? 0 : remaining };
}

/** Hands the rest of a cancelled show's orders to the next show.cancelled delivery. */
export async function continueCancelledShow(
  { prisma }: Pick<HandlerDeps, "prisma">,
  { scheduleId, performanceId }: { scheduleId: string; performanceId: string },
): Promise<void> {
  const event = createEvent(showCancelled, { scheduleId, performanceId });
  await prisma.$transaction((tx) =>
    writeOutbox(tx, [outboxMessage(showCancelled, event, { key: scheduleId })]),
  );
}
