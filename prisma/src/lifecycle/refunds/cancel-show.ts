import { createEvent, outboxMessage, showCancelled } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";
import { endHoldsOfCancelledShow } from "../reservations/end-holds-of-cancelled-show";
import { closeWaitlist } from "../waitlist/close-waitlist";

export type CancelShowOutcome =
  | { outcome: "cancelled"; performanceId: string; cancelledAt: Date }
  | { outcome: "already-cancelled"; performanceId: string; cancelledAt: Date }
  | { outcome: "not-found" };

/**
 * The organizer cancels a show: from this commit on the database refuses new holds of it
 * (migration ..._organizer_refunds; a hold being written waits for this transaction on the
 * schedule row, locked here), its open holds end (endHoldsOfCancelledShow: a paid one is
 * refunded by the payment handler, never confirmed; waitlist offers among them), its
 * waitlist closes (closeWaitlist), and show.cancelled goes to the
 * outbox, from which the worker refunds every confirmed order (refundCancelledShow).
 * Cancelling again changes nothing and announces nothing.
 */
export async function cancelShow(
  tx: Prisma.TransactionClient,
  { scheduleId, reason, now = new Date() }: { scheduleId: string; reason: string; now?: Date },
): Promise<CancelShowOutcome> {
  const [schedule] = await tx.$queryRaw<
    { performance_id: string; cancelled_at: Date | null }[]
  >`SELECT performance_id, cancelled_at FROM schedules WHERE id = ${scheduleId}::uuid FOR UPDATE`;
  if (!schedule) return { outcome: "not-found" };
  const performanceId = schedule.performance_id;
  if (schedule.cancelled_at) {
    return { outcome: "already-cancelled", performanceId, cancelledAt: schedule.cancelled_at };
  }
  await tx.schedule.update({
    where: { id: scheduleId },
    data: { cancelledAt: now, cancelReason: reason },
  });
  await endHoldsOfCancelledShow(tx, { scheduleId, now });
  await closeWaitlist(tx, { scheduleId, now });
  const event = createEvent(showCancelled, { scheduleId, performanceId });
  await writeOutbox(tx, [outboxMessage(showCancelled, event, { key: scheduleId })]);
  return { outcome: "cancelled", performanceId, cancelledAt: now };
}
