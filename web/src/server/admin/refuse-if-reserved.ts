import "server-only";
import { AppError } from "@ticketping/common/errors";
import type { TransactionClient } from "@ticketping/db";

/**
 * Refuses a currency change once any show of the performance has a reservation, of any
 * status: its amount was written in the old currency. The shows' rows are locked first
 * (FOR UPDATE, by id: the order every seat path takes them in), so no hold, which locks
 * its show FOR SHARE, lands between this check and the commit.
 */
export async function refuseIfReserved({
  tx,
  id,
}: {
  tx: TransactionClient;
  id: string;
}): Promise<void> {
  await tx.$queryRaw`
    SELECT id FROM schedules WHERE performance_id = ${id}::uuid ORDER BY id FOR UPDATE`;
  const reserved = await tx.reservation.count({ where: { schedule: { performanceId: id } } });
  if (reserved > 0) {
    throw new AppError("CONFLICT", `performance ${id} has reservations`, {
      userMessage: "The currency cannot change once tickets have been reserved in it.",
      details: {
        reason: "CURRENCY_LOCKED",
        issues: [{ path: "currency", message: "Already reserved in the current currency." }],
      },
    });
  }
}
