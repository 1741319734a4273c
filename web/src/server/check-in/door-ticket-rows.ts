import "server-only";
import type { Prisma } from "@ticketping/db";
import { ticketReferenceOf } from "@ticketping/common/tickets";
import { db } from "../db";
import type { DoorTicketRow } from "./schemas";

const select = {
  id: true,
  reservation: { select: { status: true, user: { select: { name: true } } } },
  seat: { select: { row: true, column: true, grade: { select: { name: true } } } },
  checkIn: { select: { gate: true, scannedAt: true } },
  reservationSeat: { select: { refundId: true } },
} as const;

/** A show's tickets as the door lists them, seat order. */
export async function doorTicketRows(
  where: Prisma.TicketWhereInput,
  take?: number,
): Promise<DoorTicketRow[]> {
  const rows = await db().ticket.findMany({
    where,
    select,
    orderBy: [{ seat: { row: "asc" } }, { seat: { column: "asc" } }],
    ...(take === undefined ? {} : { take }),
  });
  return rows.map((row) => ({
    id: row.id,
    reference: ticketReferenceOf(row.id),
    holderName: row.reservation.user.name,
    seat: { row: row.seat.row, column: row.seat.column, gradeName: row.seat.grade.name },
    valid: row.reservation.status === "CONFIRMED" && row.reservationSeat.refundId === null,
    checkIn: row.checkIn,
  }));
}
