import { createEvent, holdReleased, outboxMessage } from "@ticketping/common/events";
import type { Prisma } from "../../generated/client";
import { writeOutbox } from "../../outbox";
import { statusReasons } from "../status-reasons";

/**
 * A cancelled show's open holds end with it, inside the cancelling transaction (the caller
 * holds the schedule row FOR UPDATE, so no new hold can slip in): every unpaid PENDING
 * hold → CANCELLED, and hold.released goes to the outbox, as for the buyer's own release
 * (the worker expires the provider's checkout session and settles the cache). A hold whose
 * payment is already recorded stays PENDING: the database would refuse to cancel it, and
 * the payment handler refunds it because its show is cancelled (Paid means yours: the
 * money goes back, the seats are never sold). Returns the ended holds' ids.
 */
export async function endHoldsOfCancelledShow(
  tx: Prisma.TransactionClient,
  { scheduleId, now }: { scheduleId: string; now: Date },
): Promise<string[]> {
  // Lock first, then look for payments in a later statement: a webhook recording a
  // payment holds the reservation row, so once these locks are ours every payment made
  // so far is committed and visible, and none can be added until we commit.
  const pending = await tx.$queryRaw<{ id: string; schedule_id: string }[]>`
    SELECT id, schedule_id FROM reservations
     WHERE schedule_id = ${scheduleId}::uuid AND status = 'PENDING'
     ORDER BY id
       FOR UPDATE`;
  if (pending.length === 0) return [];
  const ended = await tx.$queryRaw<{ id: string }[]>`
    UPDATE reservations r
       SET status = 'CANCELLED', status_reason = ${statusReasons.holdShowCancelled},
           closed_at = ${now}, updated_at = ${now}
     WHERE r.id = ANY(${pending.map((row) => row.id)}::uuid[]) AND r.status = 'PENDING'
       AND NOT EXISTS (SELECT 1 FROM payments p
                        WHERE p.reservation_id = r.id AND p.status = 'COMPLETED')
    RETURNING r.id`;
  const ids = ended.map((row) => row.id).sort();
  await writeOutbox(
    tx,
    ids.map((reservationId) =>
      outboxMessage(holdReleased, createEvent(holdReleased, { reservationId, scheduleId }), {
        key: reservationId,
      }),
    ),
  );
  return ids;
}
