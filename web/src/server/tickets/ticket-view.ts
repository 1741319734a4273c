import "server-only";
import { seatLabelOf, ticketReferenceOf } from "@ticketping/common/tickets";
import { ticketSigner } from "./ticket-signer";

export interface TicketView {
  id: string;
  reference: string;
  code: string;
}

/** What a buyer holds of a ticket: its id, the typed reference and the signed QR code. */
export function ticketView({
  ticketId,
  scheduleId,
  seat,
}: {
  ticketId: string;
  scheduleId: string;
  seat: { row: number; column: number };
}): TicketView {
  return {
    id: ticketId,
    reference: ticketReferenceOf(ticketId),
    code: ticketSigner().signTicketCode({ ticketId, scheduleId, seatLabel: seatLabelOf(seat) }),
  };
}
