import "server-only";
import { db } from "../db";
import type { HoldView } from "./hold-view";

/** The buyer's live hold on a schedule, if any: lets the seat map page survive a reload. */
export async function getOpenHold({
  userId,
  scheduleId,
  now = new Date(),
}: {
  userId: string;
  scheduleId: string;
  now?: Date;
}): Promise<HoldView | null> {
  const reservation = await db().reservation.findFirst({
    where: { userId, scheduleId, status: "PENDING", holdExpiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      amountMinor: true,
      currency: true,
      holdExpiresAt: true,
      seats: { select: { seatId: true }, orderBy: { seatId: "asc" } },
    },
  });
  if (!reservation) return null;
  return {
    reservationId: reservation.id,
    scheduleId,
    seatIds: reservation.seats.map((seat) => seat.seatId),
    amountMinor: reservation.amountMinor,
    currency: reservation.currency,
    holdExpiresAt: reservation.holdExpiresAt.toISOString(),
  };
}
