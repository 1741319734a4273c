import "server-only";
import { ticketIdRangeOf, verifyTicketCode } from "@ticketping/common/tickets";
import { db } from "../db";
import { trustedTicketKeys } from "../tickets/ticket-signer";
import { findDoorTicket, type DoorTicket } from "./find-door-ticket";
import type { CheckInRequest, CheckInVerdict } from "./schemas";

async function ticketOfScan(
  scan: CheckInRequest,
): Promise<{ ticket: DoorTicket } | { invalid: string }> {
  if ("code" in scan) {
    const check = verifyTicketCode(scan.code, trustedTicketKeys());
    if (!check.valid) return { invalid: `the code is not a ticket of ours (${check.reason})` };
    const ticket = await findDoorTicket({ id: check.claims.ticketId });
    // Signed by us but unknown: a ticket of a database this key no longer serves.
    return ticket ? { ticket } : { invalid: "no such ticket" };
  }
  if ("reference" in scan) {
    const range = ticketIdRangeOf(scan.reference);
    if (!range) return { invalid: "not a ticket reference" };
    const ticket = await findDoorTicket({ id: { gte: range.from, lte: range.to } });
    return ticket ? { ticket } : { invalid: "no ticket has this reference" };
  }
  const ticket = await findDoorTicket({ id: scan.ticketId });
  return ticket ? { ticket } : { invalid: "no such ticket" };
}

/**
 * One scan at a door. The admission is one row keyed by the ticket, inserted only while the
 * ticket's reservation is CONFIRMED and its seat not refunded, in one statement: two gates scanning a ticket at the
 * same instant both try, exactly one inserts, the other reads that admission back.
 */
export async function checkInTicket({
  scan,
  staffUserId,
  scannedAt = new Date(),
  offline = false,
}: {
  scan: CheckInRequest;
  staffUserId: string;
  /** When the door read the ticket: now, or earlier for a scan made offline and synced. */
  scannedAt?: Date;
  offline?: boolean;
}): Promise<CheckInVerdict> {
  const found = await ticketOfScan(scan);
  if ("invalid" in found) return { outcome: "INVALID", reason: found.invalid };
  const { summary } = found.ticket;
  if (summary.show.scheduleId !== scan.scheduleId) {
    return { outcome: "WRONG_SHOW", ticket: summary };
  }
  const admitted = await db().$queryRaw<{ scanned_at: Date }[]>`
    INSERT INTO check_ins (ticket_id, gate, staff_user_id, scanned_at, offline)
    SELECT t.id, ${scan.gate}, ${staffUserId}::uuid, ${scannedAt}, ${offline}
      FROM tickets t
      JOIN reservations r ON r.id = t.reservation_id
      JOIN reservation_seats rs ON rs.reservation_id = t.reservation_id AND rs.seat_id = t.seat_id
     WHERE t.id = ${summary.id}::uuid AND r.status = 'CONFIRMED' AND rs.refund_id IS NULL
    ON CONFLICT (ticket_id) DO NOTHING
    RETURNING scanned_at`;
  if (admitted[0]) {
    return {
      outcome: "ADMITTED",
      ticket: summary,
      checkIn: { gate: scan.gate, scannedAt: admitted[0].scanned_at },
    };
  }
  // Not inserted: admitted before (perhaps a moment ago at another gate), or not valid.
  const current = await findDoorTicket({ id: summary.id });
  if (current?.checkIn) {
    return { outcome: "ALREADY_ADMITTED", ticket: summary, checkIn: current.checkIn };
  }
  return {
    outcome: "NOT_VALID",
    ticket: summary,
    reason: notValidReason(current ?? found.ticket),
  };
}

function notValidReason(ticket: DoorTicket): string {
  if (ticket.seatRefunded && ticket.reservationStatus === "CONFIRMED") {
    return "refunded: the organizer refunded this seat";
  }
  const status = ticket.reservationStatus.toLowerCase();
  return ticket.statusReason ? `${status}: ${ticket.statusReason}` : status;
}
