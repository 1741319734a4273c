import { scheduleKeys } from "@ticketping/common/seats";
import type { RedisClient } from "@ticketping/common/redis";
import type { PrismaClient } from "@ticketping/db";
import type { BuyerResult } from "../buyer/context";
import type { InvariantFacts } from "./rules";

/** Reads what the invariants are checked against from PostgreSQL, Redis and the buyers. */
export async function collectFacts({
  prisma,
  redis,
  keyPrefix,
  scheduleId,
  maxActive,
  workingSet,
  buyers,
}: {
  prisma: PrismaClient;
  redis: RedisClient;
  /** SEAT_KEY_PREFIX of the run. */
  keyPrefix: string;
  scheduleId: string;
  maxActive: number;
  workingSet: InvariantFacts["workingSet"];
  buyers: readonly BuyerResult[];
}): Promise<InvariantFacts> {
  const keys = scheduleKeys(keyPrefix, scheduleId);
  const [seats, seatsMarkedSold, confirmedSeats, heldOrSold, reservations, cached, status] =
    await Promise.all([
      prisma.seat.count({ where: { scheduleId } }),
      prisma.seat.count({ where: { scheduleId, status: "SOLD" } }),
      prisma.reservationSeat.findMany({
        where: { reservation: { scheduleId, status: "CONFIRMED" } },
        select: { seatId: true, reservationId: true },
      }),
      prisma.reservationSeat.findMany({
        where: { reservation: { scheduleId, status: { in: ["PENDING", "CONFIRMED"] } } },
        select: { seatId: true, reservationId: true, reservation: { select: { status: true } } },
      }),
      prisma.reservation.findMany({
        where: { scheduleId },
        select: {
          id: true,
          status: true,
          holdExpiresAt: true,
          payments: { select: { status: true } },
        },
      }),
      redis.hexists(keys.layout, "build"),
      redis.hgetall(keys.status),
    ]);
  return {
    seats,
    maxActive,
    workingSet,
    confirmedSeats,
    seatsMarkedSold,
    reservations: reservations.map((row) => ({
      id: row.id,
      status: row.status,
      holdExpiresAt: row.holdExpiresAt,
      payments: row.payments.map((payment) => payment.status),
    })),
    paidReservationIds: idsOf(buyers.filter((buyer) => buyer.paid)),
    lapsedReservationIds: idsOf(buyers.filter((buyer) => buyer.lapsed)),
    purchases: buyers
      .filter((buyer) => buyer.outcome === "purchased")
      .map((buyer) => ({ userId: buyer.userId, seatIds: buyer.seatIds ?? [] })),
    redisSeatMap: cached === 1 ? new Map(Object.entries(status)) : null,
    expectedSeatMap: new Map(
      heldOrSold.map((row) => [
        row.seatId,
        `${row.reservation.status === "CONFIRMED" ? "S" : "H"}:${row.reservationId}`,
      ]),
    ),
    now: new Date(),
  };
}

function idsOf(buyers: readonly BuyerResult[]): string[] {
  return buyers.flatMap((buyer) => (buyer.reservationId ? [buyer.reservationId] : []));
}
