import "server-only";
import { ticketReferenceOf } from "@ticketping/common/tickets";
import { db } from "../db";
import type { TicketSummary } from "./schemas";

export interface DoorTicket {
  summary: TicketSummary;
  reservationStatus: string;
  statusReason: string | null;
  /** The organizer refunded this ticket's seat (its order may still be CONFIRMED). */
  seatRefunded: boolean;
  checkIn: { gate: string; scannedAt: Date } | null;
}

const select = {
  id: true,
  scheduleId: true,
  reservation: { select: { status: true, statusReason: true, user: { select: { name: true } } } },
  seat: { select: { row: true, column: true, grade: { select: { name: true } } } },
  schedule: { select: { startsAt: true, performance: { select: { name: true } } } },
  checkIn: { select: { gate: true, scannedAt: true } },
  reservationSeat: { select: { refundId: true } },
} as const;

/** A ticket as the door sees it, by id or by the id range of a typed reference. */
export async function findDoorTicket(
  where: { id: string } | { id: { gte: string; lte: string } },
): Promise<DoorTicket | undefined> {
  const found = await db().ticket.findMany({ where, select, take: 2 });
  // Two tickets behind one reference is a 1-in-2^60 event: refuse rather than guess.
  if (found.length !== 1 || !found[0]) return undefined;
  const ticket = found[0];
  return {
    summary: {
      id: ticket.id,
      reference: ticketReferenceOf(ticket.id),
      holderName: ticket.reservation.user.name,
      seat: { row: ticket.seat.row, column: ticket.seat.column, gradeName: ticket.seat.grade.name },
      show: {
        scheduleId: ticket.scheduleId,
        performanceName: ticket.schedule.performance.name,
        startsAt: ticket.schedule.startsAt,
      },
    },
    reservationStatus: ticket.reservation.status,
    statusReason: ticket.reservation.statusReason,
    seatRefunded: ticket.reservationSeat.refundId !== null,
    checkIn: ticket.checkIn,
  };
}
