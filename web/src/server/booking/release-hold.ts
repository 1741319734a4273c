import "server-only";
import { AppError } from "@ticketping/common/errors";
import { releaseSeats } from "@ticketping/common/holds";
import { db } from "../db";
import { getRedis } from "../redis";

/**
 * The buyer gives a hold back: their PENDING reservation becomes CANCELLED (the
 * database's triggers free its seats), then the cache frees the seats by owner. Someone
 * else's reservation is reported as not found, so ids reveal nothing.
 */
export async function releaseHold({
  userId,
  reservationId,
  now = new Date(),
}: {
  userId: string;
  reservationId: string;
  now?: Date;
}): Promise<{ reservationId: string; status: "CANCELLED" }> {
  const reservation = await db().reservation.findFirst({
    where: { id: reservationId, userId },
    select: { scheduleId: true },
  });
  if (!reservation) throw new AppError("NOT_FOUND", `no reservation ${reservationId} of this user`);

  const { count } = await db().reservation.updateMany({
    where: { id: reservationId, userId, status: "PENDING" },
    data: { status: "CANCELLED", statusReason: "Released by the buyer.", closedAt: now },
  });
  if (count === 0) {
    throw new AppError("CONFLICT", `reservation ${reservationId} is not an open hold`, {
      userMessage: "This hold has already ended.",
    });
  }
  await releaseSeats(getRedis(), { scheduleId: reservation.scheduleId, reservationId });
  return { reservationId, status: "CANCELLED" };
}
