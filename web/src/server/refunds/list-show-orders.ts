import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";

export interface ShowOrderSeat {
  seatId: string;
  row: number;
  column: number;
  gradeName: string;
  priceMinor: number;
  refunded: boolean;
}

export interface ShowOrder {
  id: string;
  status: "CONFIRMED" | "REFUNDED";
  buyerName: string;
  buyerEmail: string;
  amountMinor: number;
  currency: string;
  confirmedAt: Date | null;
  seats: ShowOrderSeat[];
  refunds: { id: string; amountMinor: number; status: "REQUESTED" | "REFUNDED" }[];
}

export interface ShowOrders {
  schedule: {
    id: string;
    startsAt: Date;
    cancelledAt: Date | null;
    performance: { id: string; name: string };
  };
  orders: ShowOrder[];
}

/**
 * A show's paid orders (CONFIRMED, or REFUNDED by the organizer or a cancellation), newest
 * first, for the console's refund page: the buyer, the seats with what was paid for each
 * and whether it was refunded, and the organizer's refunds with their progress.
 */
export async function listShowOrders({
  scheduleId,
  limit = 200,
}: {
  scheduleId: string;
  limit?: number;
}): Promise<ShowOrders> {
  const schedule = await db().schedule.findUnique({
    where: { id: scheduleId },
    select: {
      id: true,
      startsAt: true,
      cancelledAt: true,
      performance: { select: { id: true, name: true } },
    },
  });
  if (!schedule) throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
  const rows = await db().reservation.findMany({
    where: { scheduleId, status: { in: ["CONFIRMED", "REFUNDED"] } },
    orderBy: [{ confirmedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      status: true,
      amountMinor: true,
      currency: true,
      confirmedAt: true,
      user: { select: { name: true, email: true } },
      seats: {
        select: {
          seatId: true,
          priceMinor: true,
          refundId: true,
          seat: { select: { row: true, column: true, grade: { select: { name: true } } } },
        },
      },
      refunds: {
        orderBy: { requestedAt: "asc" },
        select: { id: true, amountMinor: true, status: true },
      },
    },
  });
  return {
    schedule,
    orders: rows.map((row) => ({
      id: row.id,
      status: row.status === "CONFIRMED" ? "CONFIRMED" : "REFUNDED",
      buyerName: row.user.name,
      buyerEmail: row.user.email,
      amountMinor: row.amountMinor,
      currency: row.currency,
      confirmedAt: row.confirmedAt,
      seats: row.seats
        .map((seat) => ({
          seatId: seat.seatId,
          row: seat.seat.row,
          column: seat.seat.column,
          gradeName: seat.seat.grade.name,
          priceMinor: seat.priceMinor,
          refunded: seat.refundId !== null,
        }))
        .sort((a, b) => a.row - b.row || a.column - b.column),
      refunds: row.refunds,
    })),
  };
}
